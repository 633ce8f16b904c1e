"""Core commands: init, load-sample, verify-db, rules, rebuild."""

from __future__ import annotations

import argparse
import sys

from ..i18n.roster import ROSTER_OPTION_HELP
from . import output
from .common import count, is_file_target, open_db, service_for, target

ROSTER_OPTIONS = tuple(ROSTER_OPTION_HELP.items())


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="设置本村：区划代码、名称、规则配置和花名册人数",
        description="在新数据库中设置本村。花名册人数用于核对法定人数，之后可在界面中变更（作为记录保存）。",
    )
    p.add_argument("--code", required=True, help="12位统计用区划代码，如 410611100901")
    p.add_argument("--name", required=True, help="村名")
    p.add_argument("--township", required=True, help="乡镇名称")
    p.add_argument("--county", required=True, help="县（区）名称")
    p.add_argument(
        "--profile", default="national", help="规则配置（见 rules --list），默认 national"
    )
    for name, label in ROSTER_OPTIONS:
        p.add_argument(
            "--" + name.replace("_", "-"),
            type=count,
            default=0,
            metavar="N",
            help=label + "（默认0）",
        )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "load-sample",
        help="把示例村庄载入空数据库（虚构数据，标有“示例”）",
        description="把一个示例村（虚构，标有“示例”）的全部事项经由台账载入一个空数据库。",
    )
    p.add_argument("--village", metavar="CODE", help="载入哪个示例村（区划代码，默认第一个）")
    p.add_argument("--list", action="store_true", help="列出可载入的示例村")
    p.set_defaults(func=cmd_load_sample)

    p = sub.add_parser(
        "verify-db",
        help="逐条核对台账哈希链，指出第一条被改动的记录",
        description="核对每本台账的哈希链。完整时退出码为0；有断裂时逐本指出第一条断裂的记录，退出码为1。",
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser(
        "rules",
        help="以表格列出规则配置：每条规则的要求、级别和法律依据",
        description="列出规则配置（默认本村所用配置）：每条规则的要求、级别、依据，按类别的特别规定和金额标准。",
    )
    p.add_argument("--profile", metavar="NAME", help="查看指定配置（默认本村所用配置）")
    p.add_argument("--list", action="store_true", help="列出可用的规则配置")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser(
        "rebuild",
        help="清空派生表并按台账逐条重放重建（证明数据全部来自台账）",
        description="清空所有派生表，按台账逐条重新应用，重建后再核对一次。台账本身不会被改动。",
    )
    p.set_defaults(func=cmd_rebuild)


def cmd_init(args: argparse.Namespace) -> int:
    from ..domain.codes import check_village_code, county_code, township_code
    from ..domain.model import Roster, Village
    from ..domain.validate import validate_roster
    from ..profiles import load_profile

    # Refuse bad input before a database file is created for it.
    check_village_code(args.code)
    for label, value in (
        ("--name", args.name),
        ("--township", args.township),
        ("--county", args.county),
    ):
        if not value.strip():
            output.fail(f"{label} 不能为空", f"{label} must not be empty")
    roster = Roster(**{name: getattr(args, name) for name, _ in ROSTER_OPTIONS})
    validate_roster(roster)
    load_profile(args.profile)
    village = Village(
        code=args.code,
        name=args.name.strip(),
        township_code=township_code(args.code),
        township_name=args.township.strip(),
        county_code=county_code(args.code),
        county_name=args.county.strip(),
        profile=args.profile,
        roster=roster,
    )
    from ..sync.keys import ensure_own_key, fingerprint

    service = service_for(args)
    _refuse_other_role(service.engine)
    from ..store.errors import NeedsConfirmation

    try:
        service.set_up(village)
    except NeedsConfirmation as asked:
        # A roster short of the 4/5 representatives or 1/3 women (组织法 art. 25) is a
        # fact of the village: said aloud and recorded as confirmed, not refused.
        for f in asked.findings:
            output.say(f"提醒：{f.message_zh}", f"warning: {f.message_en}")
        service.set_up(village, acknowledged=[f.rule_id for f in asked.findings])
    # The key pair is made at set-up so its fingerprint can be given to the
    # township (by phone) before the first bundle travels.
    key = ensure_own_key(service.engine)
    output.say(
        f"已设置：{village.name}（{args.code}），规则配置 {args.profile}，数据库 {target(args)}",
        f"Set up {village.name} ({args.code}), profile {args.profile}, database {target(args)}",
    )
    output.say(
        f"本村签名密钥指纹：{fingerprint(key.public_key)}",
        f"Village key fingerprint: {fingerprint(key.public_key)}",
    )
    return 0


def _refuse_other_role(engine) -> None:
    """A township or county database (one with a role that is not a village's) takes no init."""
    from ..store.db import read_session
    from ..store.tables import SettingRow

    with read_session(engine) as s:
        row = s.get(SettingRow, "role")
        role = row.value if row else None
    if role is not None and role != "village":
        output.fail(
            f"该数据库是{_ROLE_ZH.get(role, role)}数据库，不能设置为村庄；请用 --db 另指定一个新文件",
            f"this is a {role} database and cannot be set up as a village; give a new file with --db",
        )


_ROLE_ZH = {"township": "乡镇审核", "county": "县级汇总"}


def cmd_load_sample(args: argparse.Namespace) -> int:
    from ..sample import load_sample, sample_villages

    if args.list:
        for v in sample_villages():
            output.say(
                f"{v.code}\t{v.name}\t{v.county}{v.township}\t{v.profile}\t{v.matters}个事项",
                f"{v.code}\t{v.name}\t{v.county} {v.township}\t{v.profile}\t{v.matters} matters",
            )
        return 0
    engine = open_db(args)
    village, matters = load_sample(engine, village_code=args.village)
    with engine.connect() as conn:
        from sqlalchemy import text

        events = conn.execute(text("SELECT count(*) FROM event")).scalar_one()
    output.say(
        f"已载入示例村：{village.name}（{village.code}，虚构），{matters} 个事项，{events} 条台账记录，数据库 {target(args)}",
        f"Loaded the sample village {village.name} ({village.code}, fictitious): {matters} matters, "
        f"{events} ledger events, database {target(args)}",
    )
    return 0


def _break_line(b, lang: str) -> tuple[str, str]:
    from ..i18n.cli import BREAK_REASONS

    if b.event_id is None:
        return (
            f"台账 {b.ledger}：第 {b.seq} 条（台账末尾）断裂：{BREAK_REASONS.get(b.reason, b.reason)}",
            f"ledger {b.ledger}: seq {b.seq} (ledger head) is broken: {b.reason}",
        )
    reason_zh = BREAK_REASONS.get(b.reason, b.reason)
    if b.reason.startswith("sequence "):
        reason_zh = f"序号不连续（{b.reason}）"
    return (
        f"台账 {b.ledger}：第 {b.seq} 条记录（事件编号 {b.event_id}）被改动或损坏：{reason_zh}",
        f"ledger {b.ledger}: event seq {b.seq} (event id {b.event_id}) is broken: {b.reason}",
    )


def cmd_verify(args: argparse.Namespace) -> int:
    from ..store.attachments import file_problems
    from ..store.checkpoints import checkpoints, contradictions
    from ..store.db import read_session
    from ..store.ledger import verify
    from ..store.tables import SettingRow

    engine = open_db(args, create=False, read_only=True)
    with read_session(engine) as s:
        report = verify(s)
        if report.ok:
            own = s.get(SettingRow, "village_code")
            role = s.get(SettingRow, "role")
            village = own.value if own and (role is None or role.value == "village") else None
            witnessed = len(checkpoints(s))
            lines = [_witness_line(c) for c in contradictions(s, village)]
    if not report.ok:
        lines = [_break_line(b, output.lang()) for b in report.breaks]
    else:
        lines += _derived_lines(engine)
    lines += [p.lines() for p in file_problems(engine)]  # attached files, hashed again
    if not lines:
        output.say(
            f"台账完整：{report.ledgers} 本台账，{report.events} 条记录，哈希链无断裂",
            f"Ledger intact: {report.ledgers} ledger(s), {report.events} events, hash chain unbroken",
        )
        output.say(*_texts("intact_more" if witnessed else "intact_unwitnessed", n=witnessed))
        return 0
    for zh, en in lines[:-1]:
        # One line per fault; the last one also ends the command.
        print(("error: " + en) if output.lang() == "en" else ("错误：" + zh), file=sys.stderr)
    zh, en = lines[-1]
    output.fail(zh, en)
    return 1


def _texts(which: str, **params) -> tuple[str, str]:
    from ..i18n.cli import VERIFY_TEXTS

    zh, en = VERIFY_TEXTS[which]
    return zh.format(**params), en.format(**params)


def _witness_line(c) -> tuple[str, str]:
    cp = c.checkpoint
    params = {
        "ledger": cp.village_code,
        "township": cp.township_code,
        "date": cp.witnessed_on,
        "seq": cp.seq,
        "review": cp.review_ledger,
        "review_seq": cp.review_seq,
        "held": c.held_seq,
    }
    return _texts("witness_short" if c.found_hash is None else "witness_changed", **params)


def _derived_lines(engine) -> list[tuple[str, str]]:
    """The first derived row that the replayed ledger does not give (none: an empty list)."""
    from ..store.apply import ApplyError
    from ..store.derived_check import ROW, first_difference

    try:
        d = first_difference(engine)
    except ApplyError as exc:
        return [_texts("replay_failed", err=str(exc)[:160])]
    if d is None:
        return []
    if d.column == ROW:
        which = "derived_extra" if d.replayed is None else "derived_missing"
        return [_texts(which, table=d.table, key=d.key)]
    return [
        _texts(
            "derived_value",
            table=d.table,
            key=d.key,
            column=d.column,
            stored=_shown(d.stored),
            replayed=_shown(d.replayed),
        )
    ]


def _shown(value) -> str:
    """A value as one short line (a stored record could be long, or hold a line break)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def cmd_rules(args: argparse.Namespace) -> int:
    from ..profiles import load_profile, scan_profiles
    from .rules_table import print_profile

    if args.list:
        names, broken = scan_profiles()
        for name in names:
            p = load_profile(name)
            output.say(f"{name}\t{p.name_zh}", f"{name}\t{p.name_en}")
        for exc in broken:  # told, but one bad file does not hide the good ones
            warn = exc.message(output.lang())
            print(("warning: " if output.lang() == "en" else "注意：") + warn, file=sys.stderr)
        return 0
    name = args.profile
    if name is None:
        t = target(args)
        village = None
        # Only read a database that exists: `rules` must not create one.
        if not is_file_target(t) or _exists(t):
            village = service_for(args, create=False, read_only=True).village()
        name = village.profile if village else "national"
    print_profile(load_profile(name), output.lang())
    return 0


def _exists(t) -> bool:
    from pathlib import Path

    return Path(t).expanduser().exists()


def cmd_rebuild(args: argparse.Namespace) -> int:
    from ..store.db import read_session
    from ..store.ledger import verify
    from ..store.rebuild import rebuild

    engine = open_db(args, create=False)
    with read_session(engine) as s:
        report = verify(s)
    if not report.ok:
        zh, en = _break_line(report.breaks[0], output.lang())
        output.fail(f"台账有断裂，不重建：{zh}", f"the ledger is broken, not rebuilding: {en}")
    count = rebuild(engine)
    output.say(
        f"已按台账重放 {count} 条记录，派生表重建完成",
        f"Replayed {count} events; the derived tables were rebuilt",
    )
    return 0
