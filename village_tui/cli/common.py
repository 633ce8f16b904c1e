"""What every command needs: the database the arguments name, and a service on it."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from . import output

# Engines this command opened, disposed when it ends (tests run many commands in one process).
_engines: list = []


def not_empty(value: str) -> str:
    """An argparse type: any text but the empty one (an empty --db or --out names nothing)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "must not be empty" if output.lang() == "en" else "不能为空"
        )
    return value


MAX_COUNT = 10**7


def count(value: str) -> int:
    """An argparse type for a number of people or households: a whole number up to 10**7."""
    en = output.lang() == "en"
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a whole number: {value}" if en else f"不是整数：{value}"
        ) from None
    # Negatives reach the roster check, which names the field; this stops the absurd
    # (an integer too large for the database would otherwise fail deep in a write).
    if n > MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"{value} is too large (at most {MAX_COUNT})"
            if en
            else f"{value} 过大（最多 {MAX_COUNT}）"
        )
    return n


def target(args: argparse.Namespace):
    """The database URL or path the arguments name (default: the user's data directory)."""
    from ..store.db import default_db_path

    return getattr(args, "db_url", None) or getattr(args, "db", None) or default_db_path()


def is_file_target(t) -> bool:
    return "://" not in str(t)


def open_db(args: argparse.Namespace, *, create: bool = True, read_only: bool = False):
    """An engine on the named database, migrated to the newest schema.

    With `create=False` a missing file is refused instead of created, so that
    a mistyped path given to verify-db does not leave an empty database behind.
    With `read_only=True` (commands that only read) a file that cannot be written
    (a CD, a write-protected stick) is opened read-only instead of failing.
    """
    from sqlalchemy.exc import ArgumentError, DatabaseError

    from ..store.db import open_engine

    t = target(args)
    opened = _checked_file(args, t, create=create, read_only=read_only)
    try:
        engine = open_engine(opened)
        _engines.append(engine)
        return engine
    except DatabaseError as exc:
        reason = first_line(getattr(exc, "orig", None) or exc)
        if "disk is full" in reason:  # creating or upgrading it: said as for every other write
            from ..store.errors import database_problem

            output.fail(*database_problem(exc))
        if opened is not t and "readonly" in reason:
            output.fail(
                f"数据库 {t} 在只读位置，且需先升级结构：请复制到可写的文件夹后再打开",
                f"database {t} is on read-only media and needs a schema upgrade;"
                " copy it to a writable folder first",
            )
        output.fail(f"无法打开数据库 {t}：{reason}", f"cannot open database {t}: {reason}")
    except OSError as exc:
        output.fail(f"无法打开数据库 {t}：{exc}", f"cannot open database {t}: {exc}")
    except ImportError as exc:  # a URL whose driver is not installed, e.g. mysql://
        if is_file_target(t):
            raise
        driver = getattr(exc, "name", None) or exc
        output.fail(
            f"不支持的数据库连接串 {t}：缺少驱动 {driver}（支持 SQLite 文件和 postgresql+psycopg://）",
            f"unsupported database URL {t}: driver {driver} is not installed"
            " (SQLite files and postgresql+psycopg:// are supported)",
        )
    except ArgumentError as exc:  # not a URL, or a dialect SQLAlchemy does not know
        output.fail(
            f"无法识别的数据库连接串 {t}：{first_line(exc)}",
            f"database URL not understood {t}: {first_line(exc)}",
        )
    except Exception as exc:
        if type(exc).__module__.startswith("alembic"):
            # e.g. a database written by a newer release, at a revision we do not know.
            output.fail(
                f"数据库 {t} 的结构版本无法识别（可能由更新版本的程序创建）：{exc}",
                f"database {t} has a schema version this program does not know (newer release?): {exc}",
            )
        raise


def _checked_file(args: argparse.Namespace, t, *, create: bool, read_only: bool):
    """What to open for target `t`, after refusing what is not (and must not become) a database."""
    import stat

    from ..store.db import is_sqlite_file, read_only_url, sqlite_file

    file = sqlite_file(t)
    if file is None:
        return t
    file = file.expanduser()
    try:
        st = file.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        output.fail(
            f"无法打开数据库 {t}：{output.reason_of(exc)}",
            f"cannot open database {t}: {output.reason_of(exc)}",
        )
    if st is None:
        if not create:
            output.fail(f"数据库文件不存在：{t}", f"database file does not exist: {t}")
        if not file.parent.is_dir():
            if not _is_default(args):  # a typo in --db must not become a new folder
                output.fail(
                    f"文件夹不存在：{file.parent}（请检查 --db 的路径；不会新建文件夹）",
                    f"no such folder: {file.parent} (check the --db path; no folder is created)",
                )
            file.parent.mkdir(parents=True, exist_ok=True)
        return t
    if stat.S_ISDIR(st.st_mode):
        output.fail(
            f"无法打开数据库 {t}：这是文件夹，不是数据库文件",
            f"cannot open database {t}: a folder, not a database file",
        )
    if not stat.S_ISREG(st.st_mode):  # a device or a FIFO: reading it would hang or never end
        output.fail(
            f"无法打开数据库 {t}：不是普通文件（设备或管道）",
            f"cannot open database {t}: not a regular file (a device or a pipe)",
        )
    if st.st_size == 0 and not create:
        output.fail(
            f"无法打开数据库 {t}：空文件，不是数据库（未作改动）",
            f"cannot open database {t}: an empty file, not a database (left as it is)",
        )
    if st.st_size and not is_sqlite_file(file):
        output.fail(
            f"无法打开数据库 {t}：不是 SQLite 数据库文件（未作改动）",
            f"cannot open database {t}: not a SQLite database file (left as it is)",
        )
    if read_only and "file:" not in str(t):
        folder_ok = writable(file.parent)
        if not folder_ok or not writable(file):
            return read_only_url(file, immutable=not folder_ok)
    return t


def writable(path: Path) -> bool:
    """Whether this program may write `path` (False on read-only media, even for root)."""
    import os

    return os.access(path, os.W_OK)


def _is_default(args: argparse.Namespace) -> bool:
    """The database is the one in the user's data folder (whose folder may be made)."""
    import os

    from ..store.db import ENV_DB

    return not (
        getattr(args, "db_url", None) or getattr(args, "db", None) or os.environ.get(ENV_DB)
    )


def first_line(exc: object) -> str:
    """The first line of an error's text (drivers add hints on further lines)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def close_all() -> None:
    """Dispose of every engine the command opened (checkpoints the WAL, closes the files)."""
    while _engines:
        _engines.pop().dispose()


def actor(args: argparse.Namespace) -> str:
    """Who is recording: --actor, else the login name."""
    if getattr(args, "actor", None):
        return args.actor
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some Windows set-ups
        return "村文书"


def service_for(args: argparse.Namespace, *, create: bool = True, read_only: bool = False):
    """A VillageService on the named database."""
    from ..store.services import VillageService

    engine = open_db(args, create=create, read_only=read_only)
    return VillageService(engine, actor=actor(args))
