"""`village-tui attach` and `village-tui attachments list|open|save|limits`."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import output
from .common import not_empty, open_db, service_for


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "attach",
        help="给事项的某一步、进度、异议或完成记录附加文件（扫描件、照片、PDF）",
        description="文件按内容哈希保存在数据库旁的文件夹中，台账记录文件名、类型、大小和哈希；"
        "导出时随数据包送往乡镇。每个文件和每个事项的大小上限见 attachments limits。",
    )
    p.add_argument("matter", type=not_empty, metavar="MATTER", help="事项编号")
    p.add_argument("paths", nargs="+", metavar="FILE", help="要附加的文件（可多个）")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--step", metavar="STEP", help="步骤：1-6、实施，或 proposal 等")
    which.add_argument("--progress", metavar="ID", help="实施进度的编号")
    which.add_argument("--objection", metavar="ID", help="异议的编号")
    which.add_argument("--completion", action="store_true", help="实施完成记录")
    p.set_defaults(func=cmd_attach)

    p = sub.add_parser("attachments", help="查看、打开、保存附件；查看或更改附件大小上限")
    a = p.add_subparsers(dest="attachments_command", metavar="ACTION", required=True)
    q = a.add_parser("list", help="列出一个事项的附件")
    q.add_argument("matter", type=not_empty, metavar="MATTER", help="事项编号")
    q.set_defaults(func=cmd_list)
    q = a.add_parser("open", help="用系统默认程序打开附件（给出哈希值的前 8 位以上）")
    q.add_argument("hash", type=not_empty, metavar="HASH", help="附件哈希值（至少前 8 位）")
    q.set_defaults(func=cmd_open)
    q = a.add_parser("save", help="把附件另存到一个文件夹")
    q.add_argument("hashes", nargs="*", metavar="HASH", help="附件哈希值（至少前 8 位）")
    q.add_argument("--matter", metavar="MATTER", help="保存这个事项的全部附件")
    q.add_argument("--dir", required=True, type=not_empty, metavar="DIR", help="已有的文件夹")
    q.set_defaults(func=cmd_save)
    q = a.add_parser("limits", help="查看或更改附件大小上限（单位 MiB）")
    q.add_argument("--file-mib", type=int, metavar="N", help="每个文件的上限（默认 10）")
    q.add_argument("--matter-mib", type=int, metavar="N", help="每个事项全部附件的上限（默认 50）")
    q.set_defaults(func=cmd_limits)


def _kind(args: argparse.Namespace) -> tuple[str, str]:
    if args.step is not None:
        return "step", args.step
    if args.progress is not None:
        return "progress", args.progress
    if args.objection is not None:
        return "objection", args.objection
    return "completion", ""


def cmd_attach(args: argparse.Namespace) -> int:
    from ..i18n.attachments import pair, size_text
    from ..store.attaching import attach_files

    svc = service_for(args, create=False)
    kind, ref = _kind(args)
    for a in attach_files(svc, args.matter, kind, ref, [Path(p) for p in args.paths]):
        output.say(
            *pair(
                "attached",
                name=a.name,
                media_type=a.media_type,
                size=size_text(a.size),
                short=a.sha256[:12],
            )
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from ..domain.text import printable
    from ..i18n.attachments import pair, size_text
    from ..store.attachments import attachments

    found = attachments(open_db(args, create=False, read_only=True), args.matter)
    if not found:
        output.say(*pair("none"))
        return 0
    for a in found:
        # Tab-separated, one line each: hash, entry, type, size, name (data, shown as text).
        print(
            "\t".join(
                (
                    a.sha256[:12],
                    f"{a.kind}:{a.ref}" if a.ref else a.kind,
                    a.media_type,
                    size_text(a.size),
                    printable(a.name, one_line=True),
                )
            )
        )
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from ..store.attachments import find
    from ..sync.attachment_files import open_attachment

    engine = open_db(args, create=False, read_only=True)
    att, _ = find(engine, args.hash)
    output.say(*open_attachment(engine, att))
    return 0


def cmd_save(args: argparse.Namespace) -> int:
    from ..i18n.attachments import pair
    from ..store.attachments import attachments, find
    from ..sync.attachment_files import save_attachment

    engine = open_db(args, create=False, read_only=True)
    chosen = [find(engine, h)[0] for h in args.hashes]
    if args.matter:
        chosen += attachments(engine, args.matter)
    if not chosen:
        output.fail(*pair("none"), code=2 if not args.matter else 1)
    folder = Path(args.dir).expanduser()
    for att in chosen:
        try:
            path = save_attachment(engine, att, folder)
        except OSError as exc:
            output.cannot_write(folder, exc)
        output.say(*pair("saved", path=path))
    return 0


def cmd_limits(args: argparse.Namespace) -> int:
    from ..store.attachments import limits, limits_text, set_limits

    engine = open_db(args, create=False)
    if args.file_mib is None and args.matter_mib is None:
        lim = limits(engine)
    else:
        lim = set_limits(engine, file_mib=args.file_mib, matter_mib=args.matter_mib)
    output.say(*limits_text(lim))
    return 0
