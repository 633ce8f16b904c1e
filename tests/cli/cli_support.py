"""What the CLI tests share: the repository root, a fixed day, and copying a database."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a SQLite database (the backup API also takes what is in the WAL)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst
