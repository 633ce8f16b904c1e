"""The clerk's rolling backups: one on leaving the app, the last N kept, in a folder of their choice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text

from .backup import EXTENSION, BackupError, BackupInfo, make_backup

DEFAULT_KEEP = 10
MAX_KEEP = 1000
FOLDER_KEY, KEEP_KEY = "backup_folder", "backup_keep"
LAST_AT_KEY, LAST_FILE_KEY = "last_backup_at", "last_backup_file"


@dataclass(frozen=True)
class BackupSettings:
    """Where rolling backups go, how many are kept, and when the last one was made."""

    folder: Path
    keep: int
    last_at: str | None
    last_file: str | None


def _settings(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT key, value FROM setting WHERE key IN (:a, :b, :c, :d)"),
            {"a": FOLDER_KEY, "b": KEEP_KEY, "c": LAST_AT_KEY, "d": LAST_FILE_KEY},
        ).all()
    return dict(rows)


def backup_settings(engine: Engine, db: Path) -> BackupSettings:
    """The rolling-backup settings; the folder defaults to `backups` beside the database."""
    s = _settings(engine)
    folder = Path(s[FOLDER_KEY]) if s.get(FOLDER_KEY) else Path(db).resolve().parent / "backups"
    try:
        keep = max(1, min(MAX_KEEP, int(s.get(KEEP_KEY, DEFAULT_KEEP))))
    except ValueError:
        keep = DEFAULT_KEEP
    return BackupSettings(folder, keep, s.get(LAST_AT_KEY), s.get(LAST_FILE_KEY))


def last_backup_at(engine: Engine) -> str | None:
    """When the last backup of this database was made (UTC, ISO), or None."""
    return _settings(engine).get(LAST_AT_KEY)


def set_backup_settings(engine: Engine, *, folder: str | None = None, keep: int | None = None):
    """Change where rolling backups go and how many are kept ("" folder: back to the default)."""
    if keep is not None and not 1 <= keep <= MAX_KEEP:
        raise BackupError("keep_range", limit=MAX_KEEP)
    values = {}
    if folder is not None:
        values[FOLDER_KEY] = folder
    if keep is not None:
        values[KEEP_KEY] = str(keep)
    _put(engine, values)


def record_backup(engine: Engine, info: BackupInfo) -> None:
    """Remember the backup just made, for the dashboard's status line."""
    _put(engine, {LAST_AT_KEY: info.created_at, LAST_FILE_KEY: str(info.path)})


def _put(engine: Engine, values: dict[str, str]) -> None:
    from ..store.db import write_session
    from ..store.tables import SettingRow

    with write_session(engine) as s:
        for key, value in values.items():
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value


def backup_name(village_code: str, when: datetime) -> str:
    """A rolling backup's file name: the village, then the time, so names sort by age."""
    return f"{village_code}-{when:%Y%m%d-%H%M%S}{EXTENSION}"


def _ours(village_code: str) -> re.Pattern[str]:
    return re.compile(re.escape(village_code) + r"-\d{8}-\d{6}" + re.escape(EXTENSION) + "$")


def rolling_backup(engine: Engine, db: Path, *, now: datetime | None = None) -> BackupInfo:
    """Make this session's backup in the chosen folder, then drop all but the newest N."""
    settings = backup_settings(engine, db)
    from ..store.summaries import village_code

    code = village_code(engine)
    if code is None:
        raise BackupError("not_village")
    from .keys import ensure_own_key

    ensure_own_key(engine)
    when = now or datetime.now()
    out = settings.folder / backup_name(code, when)
    info = make_backup(db, out)
    record_backup(engine, info)
    prune(settings.folder, code, settings.keep)
    return info


def prune(folder: Path, village_code: str, keep: int) -> list[Path]:
    """Delete this village's rolling backups beyond the newest `keep`; the ones deleted.

    Only files named as `backup_name` makes them: anything else in the folder (a stick
    holding other files) is left alone.
    """
    pattern = _ours(village_code)
    ours = sorted(p for p in folder.iterdir() if pattern.match(p.name) and p.is_file())
    dropped = ours[:-keep] if keep > 0 else ours
    for p in dropped:
        p.unlink()
    return dropped
