"""Backup commands: backup, restore, backup-settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import output
from .common import is_file_target, not_empty, target


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup",
        help="把数据库（含本村密钥）备份成一个签名的 .vtbackup 文件",
        description="在程序运行时也可备份：复制整个数据库（含本村签名密钥），检查完整性，"
        "并附上签名的说明（村、末条记录的序号和哈希）。用 restore 恢复。",
    )
    p.add_argument(
        "--out", required=True, type=not_empty, metavar="FILE", help="备份文件（以 .vtbackup 结尾）"
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="核验备份文件并恢复为数据库（--db 指定恢复到哪里）",
        description="先核验签名、完整性和哈希链，并与乡镇确认过的台账比对，全部通过后才恢复。"
        "已有的数据库只在加 --replace 时被替换，且改名保留。",
    )
    p.add_argument("file", metavar="FILE", help="备份文件（.vtbackup）")
    p.add_argument("--replace", action="store_true", help="替换已有的数据库（原文件改名保留）")
    p.add_argument(
        "--allow-older",
        action="store_true",
        help="明知备份比乡镇确认过的台账旧，仍要恢复（须先与乡镇联系）",
    )
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "backup-settings",
        help="查看或更改自动备份的文件夹和保留份数",
        description="退出界面时自动备份到这个文件夹（默认数据库旁的 backups），只保留最近几份。",
    )
    p.add_argument("--folder", metavar="DIR", help="自动备份的文件夹（如 U 盘）；空字符串恢复默认")
    p.add_argument("--keep", type=int, metavar="N", help="保留最近几份（默认 10）")
    p.set_defaults(func=cmd_backup_settings)


def _db_file(args: argparse.Namespace) -> Path:
    from ..i18n.backup import text

    t = target(args)
    if not is_file_target(t):
        output.fail(text("db_not_file", "zh", db=t), text("db_not_file", "en", db=t))
    return Path(t).expanduser()


def cmd_backup(args: argparse.Namespace) -> int:
    from ..i18n.backup import text
    from ..sync.backup import BackupError, check_out_path, make_backup
    from ..sync.keys import ensure_own_key
    from ..sync.rolling import record_backup
    from .common import open_db

    db, out = _db_file(args), Path(args.out)
    try:
        check_out_path(out, db)  # before the database is opened (and perhaps migrated)
    except BackupError as exc:
        output.fail_with(exc)
    engine = open_db(args, create=False)
    ensure_own_key(engine)  # a database loaded before keys existed has none yet
    try:
        info = make_backup(db, out)
    except BackupError as exc:
        output.fail_with(exc)
    except OSError as exc:
        output.cannot_write(out, exc)
    record_backup(engine, info)
    fields = dict(
        name=info.village_name, code=info.village_code, seq=info.head_seq,
        hash=info.head_hash[:12], path=out,
    )  # fmt: skip
    output.say(text("backed_up", "zh", **fields), text("backed_up", "en", **fields))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ..i18n.backup import text
    from ..sync.backup import BackupError
    from ..sync.restore import restore
    from .common import _is_default

    db = _db_file(args)
    default = _is_default(args)
    folder = db.resolve().parent
    if not default and not folder.is_dir():
        # As for init: the database file may be made, but only in a folder that exists
        # (a typo in --db must not become a new folder). The default folder may be made.
        output.fail(
            f"文件夹不存在：{folder}（请检查 --db 的路径；不会新建文件夹）",
            f"no such folder: {folder} (check the --db path; no folder is created)",
        )
    try:
        done = restore(
            Path(args.file),
            db,
            replace=args.replace,
            allow_older=args.allow_older,
            make_folder=default,
        )
    except BackupError as exc:
        output.fail_with(exc)
    except OSError as exc:
        output.cannot_write(db, exc)
    from .common import open_db

    open_db(args)  # a backup from an older release is brought to the newest schema here
    info = done.info

    def say(key: str, **fields) -> None:
        output.say(text(key, "zh", **fields), text(key, "en", **fields))

    if done.kept_aside is not None:
        say("kept_aside", path=done.kept_aside)
    if done.behind_witness:
        say("older_allowed", wseq=done.witnessed.seq)
    say(
        "restored",
        name=info.village_name,
        code=info.village_code,
        seq=info.head_seq,
        when=info.created_at,
        db=db,
    )
    say("restored_key", fp=info.fingerprint)
    return 0


def cmd_backup_settings(args: argparse.Namespace) -> int:
    from ..i18n.backup import text
    from ..sync.backup import BackupError
    from ..sync.rolling import backup_settings, set_backup_settings
    from .common import open_db

    db = _db_file(args)
    engine = open_db(args, create=False)
    if args.folder is not None or args.keep is not None:
        folder = args.folder
        if folder:
            folder = str(Path(folder).expanduser().resolve())
        try:
            set_backup_settings(engine, folder=folder, keep=args.keep)
        except BackupError as exc:
            output.fail_with(exc)
    s = backup_settings(engine, db)
    lang = output.lang()
    print(
        text("settings", lang, folder=s.folder, keep=s.keep, last=s.last_at or text("never", lang))
    )
    return 0
