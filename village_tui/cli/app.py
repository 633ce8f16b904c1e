"""The terminal app's commands: `village-tui` alone opens the app the database is for; `village-tui demo` opens a fresh sample village."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from . import output
from .common import actor, is_file_target, open_db, target

log = logging.getLogger("village_tui")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="打开一份全新的示例村（虚构数据）试用界面",
        description="把示例村载入一个新的临时数据库并打开终端界面；不影响您自己的数据库。",
    )
    p.add_argument("--village", metavar="CODE", help="示例村的区划代码（默认第一个）")
    p.set_defaults(func=run_demo)


def _run(engine, args: argparse.Namespace, db_path, *, backup: bool = False) -> int:
    from ..store.role import COUNTY, TOWNSHIP, database_role

    # The database decides the app: a township's or a county's never sees the village set-up form.
    role = database_role(engine)
    if role == TOWNSHIP:
        from ..tui.township_app import run_township_app

        return run_township_app(engine, actor=actor(args), lang=output.lang())
    if role == COUNTY:
        from datetime import date

        from ..tui.screens.county import run_county_app

        today = date.today()
        return run_county_app(engine, year=today.year, today=today, lang=output.lang())
    from ..tui.app import VillageApp
    from ..tui.lazy_service import LazyService

    # The store's machinery (tables, ledger, evaluator) loads after the dashboard's first paint.
    service = LazyService(engine, actor=actor(args))
    has_village = service.village_code() is not None
    app = VillageApp(service, lang=output.lang(), db_path=db_path, has_village=has_village)
    if backup:
        app.last_backup = _last_backup_day(engine)
    app.run()
    if backup and service.village_code() is not None:
        _rolling_backup(engine, db_path)
    return 0


def _last_backup_day(engine) -> str | None:
    from ..sync.rolling import last_backup_at

    return local_day(last_backup_at(engine))


def local_day(stamp: str | None) -> str | None:
    """A UTC timestamp ("2026-12-01T21:07:16Z") as the clerk's own calendar day."""
    from datetime import datetime

    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().date().isoformat()
    except ValueError:
        return None


def _rolling_backup(engine, db_path: Path) -> None:
    """The backup made on leaving the app; a failure is told in one line and never loses data."""
    from ..i18n.backup import text
    from ..sync.rolling import rolling_backup

    lang = output.lang()
    try:
        info = rolling_backup(engine, db_path)
    except Exception as exc:  # noqa: BLE001 - a full stick or a pulled one: say so, keep going
        log.warning("rolling backup failed", exc_info=exc)
        why = getattr(exc, "message_en" if lang == "en" else "message_zh", None)
        if why is None and isinstance(exc, OSError):
            why = output.reason_of(exc)
        print(
            text("rolling_failed", lang, why=why or exc),
            file=sys.stderr,
        )
        return
    print(text("rolling_done", lang, path=info.path))


def run_app(args: argparse.Namespace) -> int:
    """Open the app on --db / VILLAGE_TUI_DB / the default database."""
    t = target(args)
    engine = open_db(args)
    if not is_file_target(t):
        return _run(engine, args, None)
    return _run(engine, args, Path(t).expanduser(), backup=True)


def demo_path() -> Path:
    """A new, empty database file for the demo (in the temp folder, never the clerk's own)."""
    folder = Path(tempfile.mkdtemp(prefix="village-tui-demo-"))
    return folder / "demo.db"


def run_demo(args: argparse.Namespace) -> int:
    """Load the sample village into a fresh database and open the app on it."""
    from ..sample import load_sample
    from ..store.db import open_engine

    path = demo_path()
    engine = open_engine(path)
    try:
        try:
            village, count = load_sample(engine, getattr(args, "village", None))
        except Exception as exc:  # noqa: BLE001 - SampleError carries its own message
            if hasattr(exc, "message_zh"):
                output.fail_with(exc)
            raise
        output.say(
            f"示例村“{village.name}”（{count}项事项）已载入 {path}",
            f"Sample village {village.name} ({count} matters) loaded into {path}",
        )
        return _run(engine, args, path)
    finally:
        # A try-out: a new copy every time, so none is kept to fill the temp folder.
        engine.dispose()
        shutil.rmtree(path.parent, ignore_errors=True)
