"""What every command needs: the database the arguments name, and a service on it."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from . import output

# Engines this command opened, disposed when it ends (tests run many commands in one process).
_engines: list = []


def target(args: argparse.Namespace):
    """The database URL or path the arguments name (default: the user's data directory)."""
    from ..store.db import default_db_path

    return getattr(args, "db_url", None) or getattr(args, "db", None) or default_db_path()


def is_file_target(t) -> bool:
    return "://" not in str(t)


def open_db(args: argparse.Namespace, *, create: bool = True):
    """An engine on the named database, migrated to the newest schema.

    With `create=False` a missing file is refused instead of created, so that
    a mistyped path given to verify-db does not leave an empty database behind.
    """
    from sqlalchemy.exc import DatabaseError

    from ..store.db import open_engine

    t = target(args)
    if not create and is_file_target(t) and not Path(t).expanduser().exists():
        output.fail(f"数据库文件不存在：{t}", f"database file does not exist: {t}")
    try:
        engine = open_engine(t)
        _engines.append(engine)
        return engine
    except DatabaseError as exc:
        reason = getattr(exc, "orig", None) or exc
        output.fail(f"无法打开数据库 {t}：{reason}", f"cannot open database {t}: {reason}")
    except OSError as exc:
        output.fail(f"无法打开数据库 {t}：{exc}", f"cannot open database {t}: {exc}")
    except Exception as exc:
        if type(exc).__module__.startswith("alembic"):
            # e.g. a database written by a newer release, at a revision we do not know.
            output.fail(
                f"数据库 {t} 的结构版本无法识别（可能由更新版本的程序创建）：{exc}",
                f"database {t} has a schema version this program does not know (newer release?): {exc}",
            )
        raise


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


def service_for(args: argparse.Namespace, *, create: bool = True):
    """A VillageService on the named database."""
    from ..store.services import VillageService

    return VillageService(open_db(args, create=create), actor=actor(args))
