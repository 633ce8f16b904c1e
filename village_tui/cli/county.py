"""County commands: `county report` and `gen-synthetic` (`import` lives with the sync commands)."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

from . import output
from .common import target

FORMATS = ("table", "xlsx", "html", "json")
# The first is the default name's; --out must end in one of them, so a slip cannot name a database.
_EXT = {"xlsx": (".xlsx",), "html": (".html", ".htm"), "json": (".json",), "table": (".txt",)}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("county", help="县级汇总：各乡镇、各类事项的四议两公开情况")
    cs = p.add_subparsers(dest="county_command", metavar="ACTION", required=True)
    q = cs.add_parser(
        "report", help="按年度（可限一个乡镇）出汇总报告：终端表格、Excel、HTML 或 JSON"
    )
    q.add_argument("--year", type=int, required=True, metavar="YYYY", help="统计年度")
    q.add_argument("--township", metavar="CODE", help="只统计一个乡镇（9位区划代码）")
    q.add_argument("--format", choices=FORMATS, default="table", help="输出格式（默认 table）")
    q.add_argument(
        "--out",
        metavar="FILE",
        help="输出文件，扩展名与格式一致（.txt .xlsx .html .json）；- 为标准输出；"
        "xlsx、html 不填时写到当前文件夹",
    )
    q.add_argument(
        "--today", type=_day, metavar="YYYY-MM-DD", help="以此日为“今天”（用于复现报告）"
    )
    q.set_defaults(func=cmd_report)

    q = cs.add_parser("browse", help="在终端界面中浏览县级汇总（按乡镇，含逾期未公开清单）")
    q.add_argument("--year", type=int, metavar="YYYY", help="统计年度（默认今年）")
    q.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    q.set_defaults(func=cmd_browse)

    p = sub.add_parser("gen-synthetic", help="生成虚构村庄的签名数据包（示例数据，用于演示和测试）")
    p.add_argument("--villages", type=int, required=True, metavar="N", help="村数")
    p.add_argument("--years", type=int, required=True, metavar="Y", help="年数（含今年）")
    p.add_argument(
        "--seed", type=int, required=True, metavar="S", help="随机种子：同一种子生成相同文件"
    )
    p.add_argument("--out", required=True, metavar="DIR", help="写入的文件夹")
    p.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="以此日为“今天”（默认今天）")
    p.set_defaults(func=cmd_gen_synthetic)


def _existing_db(args) -> object:
    """The engine on the named database; a missing SQLite file is an error, not a new database."""
    from .common import open_db

    t = str(target(args))
    file = _database_file(args)
    if file is not None and (not file.is_file() or file.stat().st_size == 0):
        # A typo or an empty file would silently become an empty database and an empty report.
        output.fail(
            f"数据库不存在或是空文件：{t}（先用 import 导入数据包）",
            f"No database at {t}, or the file is empty (import bundles first)",
        )
    return open_db(args, create=False, read_only=True)


def cmd_report(args: argparse.Namespace) -> int:
    from ..county.figures import build_report

    lang = output.lang()
    today = args.today or date.today()
    out = _out_file(args)
    engine = _existing_db(args)
    report = build_report(engine, year=args.year, today=today, township=args.township)
    if out is None:
        _to_stdout(lambda: _print_report(report, args.format, lang))
        return 0
    try:
        _write_report(out, report, args.format, lang)
    except OSError as exc:
        output.cannot_write(out, exc)
    _to_stdout(lambda: output.say(f"已写入 {out}", f"Wrote {out}"))
    return 0


def _out_file(args: argparse.Namespace) -> Path | None:
    """The file the report goes to (None: standard output), refused before any work is done."""
    fmt = args.format
    if args.out == "-" or (args.out is None and fmt in ("table", "json")):
        if fmt in ("xlsx", "html"):
            output.fail(
                f"{fmt} 格式需要一个文件名（--out 不能是 -）",
                f"the {fmt} format needs a file name (--out cannot be -)",
            )
        return None
    if args.out is None:
        suffix = f"-{args.township}" if args.township else ""
        name = f"county-report-{args.year}{suffix}{_EXT[fmt][0]}"
    else:
        name = args.out
    from .out_path import out_file

    what = (f"--format {fmt} 的输出文件名", f"the --out file for --format {fmt}")
    return out_file(args, name, _EXT[fmt], what, dash=False)


def _database_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file the arguments name, or None for a server database."""
    from ..store.db import sqlite_file

    return sqlite_file(target(args))


def _write_report(out: Path, report: dict, fmt: str, lang: str) -> None:
    if fmt == "xlsx":
        from ..reports.xlsx import write_xlsx

        write_xlsx(report, out, lang)
    else:
        from ..atomic import write_text

        write_text(out, _report_text(report, fmt, lang))


def _report_text(report: dict, fmt: str, lang: str) -> str:
    if fmt == "json":
        from ..reports.json_out import render_json

        return render_json(report)
    if fmt == "html":
        from ..reports.html import render_html

        return render_html(report, lang)
    if not report["totals"]["matters"]:
        return _nothing_recorded(report, lang)
    from rich.console import Console

    from ..reports.terminal import render_terminal

    buf = io.StringIO()
    render_terminal(report, lang, Console(file=buf, width=200, color_system=None))
    return buf.getvalue()


def _nothing_recorded(report: dict, lang: str) -> str:
    """An empty year is a true answer, but a hundred lines of empty tables hide it."""
    from ..reports.tables import notes, report_table_title

    year, as_of = report["year"], report["as_of"]
    first = (
        f"No matters recorded in {year} (as of {as_of})"
        if lang == "en"
        else f"{year} 年没有登记任何事项（统计截止日 {as_of}）"
    )
    return "\n".join([first, report_table_title(report, lang), *notes(report, lang)]) + "\n"


def _print_report(report: dict, fmt: str, lang: str) -> None:
    if fmt == "table" and report["totals"]["matters"]:
        from ..reports.terminal import render_terminal

        render_terminal(report, lang)  # Rich's own console: colours on a terminal
    else:
        sys.stdout.write(_report_text(report, fmt, lang))


def _to_stdout(write) -> None:
    """Run `write`; a full disk or closed pipe on standard output is one line and exit 1."""
    try:
        write()
        sys.stdout.flush()  # here, where it can be caught, rather than at exit
    except OSError as exc:
        output.stdout_failed(exc)


def cmd_browse(args: argparse.Namespace) -> int:
    from ..county.errors import CountyError
    from ..county.figures import check_year

    today = args.today or date.today()
    year = today.year if args.year is None else args.year  # --year 0 is a year, and a wrong one
    try:
        check_year(year, today)
    except CountyError as exc:
        output.fail_with(exc)
    engine = _existing_db(args)
    from ..tui.screens.county import run_county_app

    return run_county_app(engine, year=year, today=today, lang=output.lang())


def cmd_gen_synthetic(args: argparse.Namespace) -> int:
    from ..county.synthetic import MAX_VILLAGES
    from ..gen_synthetic import generate

    if not 1 <= args.villages <= MAX_VILLAGES:
        output.fail(
            f"村数应在 1 到 {MAX_VILLAGES} 之间",
            f"--villages must be between 1 and {MAX_VILLAGES}",
            code=2,
        )
    if not 1 <= args.years <= 50:
        output.fail("年数应在 1 到 50 之间", "--years must be between 1 and 50", code=2)
    from .out_path import out_folder

    out = out_folder(args, args.out)
    if out.is_dir() and any(out.iterdir()):
        # Bundles of another seed left beside these would look like forked ledgers on import.
        output.fail(
            f"文件夹 {out} 不是空的，请指定一个新文件夹",
            f"The folder {out} is not empty; name a new one",
        )
    from rich.progress import Progress

    label = "生成" if output.lang() != "en" else "generating"
    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(label, total=None)
        result = generate(
            out,
            villages=args.villages,
            years=args.years,
            seed=args.seed,
            today=args.today or date.today(),
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    matters = sum(1 for _ in result.plan.matters())
    output.say(
        f"已生成示例数据：{len(result.village_bundles)} 个村（虚构）、{matters} 个事项、"
        f"{len(result.review_bundles)} 个乡镇审核包，共 {result.events} 条记录，写入 {out}",
        f"Wrote synthetic data: {len(result.village_bundles)} fictitious villages, {matters} matters, "
        f"{len(result.review_bundles)} township review bundles, {result.events} events, in {out}",
    )
    return 0
