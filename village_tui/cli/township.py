"""`village-tui township init`: a new township database with its key pair."""

from __future__ import annotations

import argparse

from . import output
from .common import not_empty, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "township", help="乡镇：新建乡镇数据库（之后 village-tui --db 该库即打开审核界面）"
    )
    ts = p.add_subparsers(dest="township_command", metavar="ACTION", required=True)
    q = ts.add_parser("init", help="新建乡镇数据库并生成本乡镇的密钥")
    q.add_argument("--code", required=True, type=not_empty, help="乡镇9位区划代码，如 410621101")
    q.add_argument("--name", required=True, type=not_empty, help="乡镇名称，如 善堂镇")
    q.add_argument("--county-code", default="", help="县级6位代码（默认取乡镇代码前6位）")
    q.add_argument("--county-name", default="", help="县名，如 浚县")
    q.set_defaults(func=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    """Make the database named by --db a township's."""
    from ..sync.township_setup import check_township_input, init_township

    try:  # before the file exists: a typing mistake leaves no empty database behind
        check_township_input(args.code.strip(), args.name, args.county_code.strip())
    except ValueError as exc:
        output.fail_with(exc)
    engine = open_db(args)
    fingerprint = init_township(
        engine,
        code=args.code.strip(),
        name=args.name,
        county_code=args.county_code.strip(),
        county_name=args.county_name,
    )
    output.say(
        f"已建乡镇数据库：{args.name.strip()}（{args.code.strip()}），密钥指纹 {fingerprint}",
        f"township database made: {args.name.strip()} ({args.code.strip()}), key fingerprint {fingerprint}",
    )
    output.say(
        "把本乡镇公钥交给各村：village-tui keys show --out 乡镇公钥.json",
        "Give the villages this township's key: village-tui keys show --out township-key.json",
    )
    return 0
