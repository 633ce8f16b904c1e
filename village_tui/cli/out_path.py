"""The one rule for every file and folder a command writes (--out, --dir).

Checked before any work is done: never the database or its -wal/-shm/-journal (a slip
would destroy the ledger and the private key in it), never a folder, device or FIFO
(as root, replacing /dev/null by a file breaks the machine), and a file's name must end
in its format's extension. `-` is standard output wherever the format is text.
"""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from . import output
from .common import target

DB_COMPANIONS = ("-wal", "-shm", "-journal")
STDOUT = "-"


def out_file(
    args: argparse.Namespace,
    raw: str | None,
    exts: tuple[str, ...],
    what: tuple[str, str],
    *,
    dash: bool = True,
) -> Path | None:
    """The file `raw` names, or None for standard output ("-", when `dash`); refuses the rest.

    `what` names the file in the extension message, e.g. ("--format json 的输出文件名",
    "the --out file for --format json").
    """
    if raw == STDOUT:
        if dash:
            return None
        output.fail(
            f"{what[0]}不能是 -（需要一个文件名）", f"{what[1]} cannot be - (it needs a file name)"
        )
    out = Path(raw)
    refuse_database(out, args)
    _refuse_special(out, folder_wanted=False)
    if out.suffix.lower() not in exts:
        zh, en = " 或 ".join(exts), " or ".join(exts)
        output.fail(f"{what[0]}应以 {zh} 结尾：{out}", f"{what[1]} must end in {en}: {out}")
    return out


def out_folder(args: argparse.Namespace, raw: str) -> Path:
    """A folder to write into: made if missing, but never the database or another file."""
    out = Path(raw)
    refuse_database(out, args)
    _refuse_special(out, folder_wanted=True)
    return out


def refuse_database(out: Path, args: argparse.Namespace) -> None:
    """Stop if `out` is the database the arguments name, or one of its companion files."""
    from ..store.db import sqlite_file

    db = sqlite_file(target(args))
    if db is None:
        return
    for victim in [db] + [db.with_name(db.name + end) for end in DB_COMPANIONS]:
        if _same_file(out, victim):
            output.fail(
                f"--out {out} 是数据库文件 {db}（或其附属文件），不能覆盖",
                f"--out {out} is the database {db} (or one of its files); it will not be overwritten",
            )


def _refuse_special(out: Path, *, folder_wanted: bool) -> None:
    try:
        mode = out.stat().st_mode
    except OSError:
        return  # not there (yet): writing it will say what is wrong, if anything
    if stat.S_ISDIR(mode):
        if not folder_wanted:
            output.fail(f"无法写入 {out}：这是一个文件夹", f"cannot write {out}: it is a folder")
    elif not stat.S_ISREG(mode):
        output.fail(
            f"无法写入 {out}：不是普通文件（设备或管道），不会替换",
            f"cannot write {out}: not a regular file (a device or a pipe); it will not be replaced",
        )
    elif folder_wanted:
        output.fail(
            f"无法写入 {out}：这是一个文件，不是文件夹", f"cannot write {out}: a file, not a folder"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        if os.path.normcase(a.resolve()) == os.path.normcase(b.resolve()):
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)  # hard links
    except OSError:
        return False
