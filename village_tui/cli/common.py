"""What every command needs: the database the arguments name, and a service on it."""

from __future__ import annotations

import argparse
import getpass

from . import output


def target(args: argparse.Namespace):
    """The database URL or path the arguments name (default: the user's data directory)."""
    from ..store.db import default_db_path

    return getattr(args, "db_url", None) or getattr(args, "db", None) or default_db_path()


def open_db(args: argparse.Namespace):
    """An engine on the named database, migrated to the newest schema."""
    from sqlalchemy.exc import OperationalError

    from ..store.db import open_engine

    try:
        return open_engine(target(args))
    except OperationalError as exc:
        output.fail(f"无法打开数据库 {target(args)}：{exc.orig}", f"cannot open database {target(args)}: {exc.orig}")


def actor(args: argparse.Namespace) -> str:
    if getattr(args, "actor", None):
        return args.actor
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some Windows set-ups
        return "村文书"


def service_for(args: argparse.Namespace):
    from ..store.services import VillageService

    return VillageService(open_db(args), actor=actor(args))
