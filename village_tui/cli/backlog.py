"""`template` and `record`: years of paper ledgers entered from one workbook (or JSON file)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import output
from .common import not_empty


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "template",
        help="生成补录模板（Excel）：事项、会议、公示、实施四张表，带下拉框和说明",
        description=(
            "生成一个 Excel 模板，用来把纸质台账一次录入：事项、会议、公示、实施四张表，"
            "类别、步骤、日期等列带下拉框和检查，另有“说明”表。填好后用 village-tui record 登记。"
        ),
    )
    p.add_argument("--out", required=True, type=not_empty, metavar="FILE", help="输出文件（.xlsx）")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser(
        "record",
        help="登记填好的补录模板（.xlsx）或同样内容的 JSON 文件",
        description=(
            "逐个事项登记补录文件：与界面中登记相同的核对。每个事项要么全部登记，要么一条也不登记；"
            "逐个事项说明已登记、已登记但有问题（列出问题），或拒绝登记（原因和单元格，如 会议!C7）。"
            "同一文件再次运行不会重复登记。有事项被拒绝时退出码为1。"
            "JSON 文件的格式见 schemas/backlog.schema.json。"
        ),
    )
    p.add_argument("file", metavar="FILE", help="填好的 .xlsx 或 .json 文件")
    p.set_defaults(func=cmd_record)


def cmd_template(args: argparse.Namespace) -> int:
    from ..backlog.template import write_template
    from ..i18n.backlog import OUTCOME
    from .out_path import out_file

    out = out_file(
        args, args.out, (".xlsx",), ("模板的输出文件名", "the template file"), dash=False
    )
    try:
        write_template(out)
    except OSError as exc:
        output.cannot_write(out, exc)
    zh, en = OUTCOME["template_saved"]
    output.say(zh.format(path=out), en.format(path=out))
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from ..backlog.plan import plan_backlog
    from ..backlog.read import FileRefused, read_backlog
    from ..backlog.record import REFUSED, record_plan
    from .common import service_for

    svc = service_for(args, create=False)
    if svc.village_code() is None:
        from ..i18n.backlog import FILE

        output.fail(*FILE["no_village"])
    try:
        plan = plan_backlog(read_backlog(Path(args.file)))
    except FileRefused as exc:
        output.fail_with(exc)
    with _progress(len(plan.matters)) as advance:
        outcomes = record_plan(svc, plan, advance)
    for line in outcome_lines(outcomes, output.lang()):
        print(line)
    return 1 if any(o.status == REFUSED for o in outcomes) else 0


class _progress:
    """A Rich progress bar on stderr while matters are recorded (only on a terminal)."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __enter__(self):
        from rich.console import Console
        from rich.progress import Progress

        from ..i18n.backlog import OUTCOME

        console = Console(stderr=True)
        self.bar = Progress(console=console, transient=True, disable=not console.is_terminal)
        self.bar.start()
        zh, en = OUTCOME["progress"]
        task = self.bar.add_task(en if output.lang() == "en" else zh, total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        self.bar.stop()


def outcome_lines(outcomes, lang: str) -> list[str]:
    """What `record` prints: one line per matter (findings indented), then a summary."""
    from ..backlog.record import RECORDED, REFUSED, UNCHANGED, WITH_FINDINGS
    from ..i18n.backlog import OUTCOME
    from ..i18n.rules import STEPS

    en = lang == "en"

    def say(key: str, **values) -> str:
        zh_text, en_text = OUTCOME[key]
        return (en_text if en else zh_text).format(**values)

    lines = []
    for o in outcomes:
        title = o.title.replace("\n", " ")[:60]
        if o.status == REFUSED and not o.number:
            lines.append(o.reason_en if en else o.reason_zh)
        elif o.status == REFUSED:
            reason = o.reason_en if en else o.reason_zh
            lines.append(say("refused", cell=o.cell, number=o.number, reason=reason))
        elif o.status == UNCHANGED:
            lines.append(say("unchanged", cell=o.cell, number=o.number, title=title))
        elif o.status == RECORDED:
            lines.append(
                say("recorded", cell=o.cell, number=o.number, title=title, events=o.events)
            )
        else:
            lines.append(
                say(
                    "findings",
                    cell=o.cell,
                    number=o.number,
                    title=title,
                    events=o.events,
                    count=len(o.findings),
                )
            )
            for cell, f in o.findings:
                step = STEPS[f.step.value][1 if en else 0] if f.step else ""
                lines.append(
                    say(
                        "finding",
                        cell=cell,
                        step=step,
                        message=f.message_en if en else f.message_zh,
                        citation=f.citation_en if en else f.citation_zh,
                    )
                )
    matters = [o for o in outcomes if o.number]
    count = {s: sum(o.status == s for o in matters) for s in (RECORDED, WITH_FINDINGS, REFUSED)}
    unchanged = sum(o.status == UNCHANGED for o in matters)
    lines.append(
        say(
            "summary",
            total=len(matters),
            recorded=count[RECORDED] + count[WITH_FINDINGS],
            with_findings=count[WITH_FINDINGS],
            refused=count[REFUSED],
            unchanged=unchanged,
        )
    )
    if not any(o.status in (RECORDED, WITH_FINDINGS) for o in outcomes) and unchanged:
        lines.append(say("nothing_new"))
    return lines
