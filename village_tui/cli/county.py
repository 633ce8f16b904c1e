"""County commands: `county report` and `gen-synthetic` (`import` lives with the sync commands)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import output
from .common import target

FORMATS = ("table", "xlsx", "html", "json")
_EXT = {"xlsx": ".xlsx", "html": ".html", "json": ".json", "table": ".txt"}


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
    q.add_argument("--out", metavar="FILE", help="输出文件（xlsx、html 不填时写到当前文件夹）")
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
    if "://" not in t and not Path(t).exists():
        output.fail(
            f"数据库不存在：{t}（先用 import 导入数据包）",
            f"No database at {t} (import bundles first)",
        )
    return open_db(args)


def cmd_report(args: argparse.Namespace) -> int:
    from ..county.figures import build_report

    lang = output.lang()
    today = args.today or date.today()
    engine = _existing_db(args)
    report = build_report(engine, year=args.year, today=today, township=args.township)
    out = Path(args.out) if args.out else None
    if out is None and args.format in ("xlsx", "html"):
        suffix = f"-{args.township}" if args.township else ""
        out = Path(f"county-report-{args.year}{suffix}{_EXT[args.format]}")
    try:
        if args.format == "table":
            from ..reports.terminal import render_terminal

            if out is None:
                render_terminal(report, lang)
            else:
                from rich.console import Console

                out.parent.mkdir(parents=True, exist_ok=True)
                with out.open("w", encoding="utf-8") as f:
                    render_terminal(report, lang, Console(file=f, width=200, color_system=None))
        elif args.format == "json":
            from ..reports.json_out import render_json

            text = render_json(report)
            if out is None:
                sys.stdout.write(text)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
        elif args.format == "xlsx":
            from ..reports.xlsx import write_xlsx

            write_xlsx(report, out, lang)
        else:
            from ..reports.html import render_html

            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_html(report, lang), encoding="utf-8")
    except OSError as exc:
        output.fail(
            f"无法写入 {out}：{exc.strerror or exc}", f"cannot write {out}: {exc.strerror or exc}"
        )
    if out is not None:
        output.say(f"已写入 {out}", f"Wrote {out}")
    return 0


def cmd_browse(args: argparse.Namespace) -> int:
    from ..tui.screens.county import run_county_app

    today = args.today or date.today()
    engine = _existing_db(args)
    return run_county_app(engine, year=args.year or today.year, today=today, lang=output.lang())


def cmd_gen_synthetic(args: argparse.Namespace) -> int:
    from ..county.generate import generate
    from ..county.synthetic import MAX_VILLAGES

    if not 1 <= args.villages <= MAX_VILLAGES:
        output.fail(
            f"村数应在 1 到 {MAX_VILLAGES} 之间",
            f"--villages must be between 1 and {MAX_VILLAGES}",
            code=2,
        )
    if not 1 <= args.years <= 50:
        output.fail("年数应在 1 到 50 之间", "--years must be between 1 and 50", code=2)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        output.fail(f"{out} 不是文件夹", f"{out} is not a folder")
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
