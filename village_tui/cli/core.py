"""Core commands: init, load-sample, verify-db, rules."""

from __future__ import annotations

import argparse

from . import output
from .common import open_db, service_for

ROSTER_OPTIONS = (
    ("party_members_voting", "有表决权党员人数"),
    ("committee_members", "两委成员人数"),
    ("rep_assembly_members", "村民代表会议组成人员人数"),
    ("representatives", "其中村民代表人数"),
    ("women_members", "其中妇女人数"),
    ("adult_villagers", "年满十八周岁村民人数"),
    ("households", "户数"),
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="设置本村：区划代码、名称、规则配置和花名册人数")
    p.add_argument("--code", required=True, help="12位统计用区划代码")
    p.add_argument("--name", required=True, help="村名")
    p.add_argument("--township", required=True, help="乡镇名称")
    p.add_argument("--county", required=True, help="县（区）名称")
    p.add_argument("--profile", default="national", help="规则配置（见 rules --list），默认 national")
    for name, label in ROSTER_OPTIONS:
        p.add_argument("--" + name.replace("_", "-"), type=int, default=0, metavar="N", help=label)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("load-sample", help="载入示例村庄（示例数据，非真实村庄）")
    p.add_argument("--village", metavar="CODE", help="载入哪个示例村（默认第一个）")
    p.set_defaults(func=cmd_load_sample)

    p = sub.add_parser("verify-db", help="逐条核对台账哈希链，指出第一条被改动的记录")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("rules", help="列出当前规则配置：每条规则的门槛和法律依据")
    p.add_argument("--profile", help="查看指定配置（默认本村所用配置）")
    p.add_argument("--list", action="store_true", help="列出可用的规则配置")
    p.set_defaults(func=cmd_rules)


def cmd_init(args: argparse.Namespace) -> int:
    from ..domain.codes import county_code, township_code
    from ..domain.model import Roster, Village

    roster = Roster(**{name: getattr(args, name) for name, _ in ROSTER_OPTIONS})
    village = Village(
        code=args.code,
        name=args.name,
        township_code=township_code(args.code) if len(args.code) == 12 else "",
        township_name=args.township,
        county_code=county_code(args.code) if len(args.code) == 12 else "",
        county_name=args.county,
        profile=args.profile,
        roster=roster,
    )
    service = service_for(args)
    service.set_up(village)
    output.say(f"已设置：{args.name}（{args.code}），规则配置 {args.profile}", f"Set up {args.name} ({args.code}), profile {args.profile}")
    return 0


def cmd_load_sample(args: argparse.Namespace) -> int:
    from ..sample import load_sample

    engine = open_db(args)
    village, matters = load_sample(engine, village_code=args.village)
    output.say(
        f"已载入示例村：{village.name}（{village.code}，示例），{matters} 个事项",
        f"Loaded the sample village {village.name} ({village.code}, fictitious), {matters} matters",
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from ..store.db import read_session
    from ..store.ledger import verify

    engine = open_db(args)
    with read_session(engine) as s:
        report = verify(s)
    if report.ok:
        output.say(
            f"台账完整：{report.ledgers} 本台账，{report.events} 条记录，哈希链无断裂",
            f"Ledger intact: {report.ledgers} ledger(s), {report.events} events, hash chain unbroken",
        )
        return 0
    for b in report.breaks:
        where = f"event id {b.event_id}" if b.event_id is not None else "ledger head"
        output.say(
            f"台账 {b.ledger} 第 {b.seq} 条记录（{where}）被改动或损坏：{b.reason}",
            f"ledger {b.ledger}: event seq {b.seq} ({where}) is broken: {b.reason}",
        )
    output.fail(f"发现 {len(report.breaks)} 处断裂", f"{len(report.breaks)} break(s) found")
    return 1


def cmd_rules(args: argparse.Namespace) -> int:
    from ..profiles import available_profiles, load_profile
    from .rules_table import print_profile

    if args.list:
        for name in available_profiles():
            p = load_profile(name)
            output.say(f"{name}\t{p.name_zh}", f"{name}\t{p.name_en}")
        return 0
    name = args.profile
    if name is None:
        village = service_for(args).village()
        name = village.profile if village else "national"
    print_profile(load_profile(name), output.lang())
    return 0
