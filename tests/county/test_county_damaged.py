"""A damaged or busy database: one line saying so, never the SQL or a traceback."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from village_tui.cli.main import main
from village_tui.store.errors import database_problem

from .conftest import TODAY

PAGE = 4096


@pytest.fixture
def damaged_db(sqlite_county, tmp_path) -> str:
    """A copy of the county whose `matter` table's first page is overwritten."""
    path = tmp_path / "damaged.db"
    source = sqlite3.connect(sqlite_county.url.database)
    with sqlite3.connect(path) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # everything in the one file
        root = copy.execute("SELECT rootpage FROM sqlite_master WHERE name = 'matter'").fetchone()[
            0
        ]
        size = copy.execute("PRAGMA page_size").fetchone()[0]
    source.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xff" * size)
    return str(path)


def test_a_report_on_a_damaged_database_is_one_line(damaged_db, capsys, tmp_path, monkeypatch):
    from village_tui.cli import output

    log = tmp_path / "log" / "village-tui.log"
    monkeypatch.setattr(output, "log_path", lambda: log)
    argv = ["--db", damaged_db, "county", "report", "--year", "2025", "--today", TODAY.isoformat()]
    assert main(argv) == 1
    assert "Traceback" in log.read_text(encoding="utf-8")  # the details, for a technician
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "错误：数据库文件已损坏或不是本程序的数据库，请用备份恢复（database disk image is malformed）"
    ]


async def test_the_county_screen_says_the_same_in_one_line(damaged_db):
    from textual.widgets import Static

    from village_tui.store.db import open_engine
    from village_tui.tui.screens.county import CountyApp

    app = CountyApp(open_engine(damaged_db), year=2025, today=TODAY, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#totals", Static).render())
    assert shown == (
        "Cannot count: the database file is damaged or not one of this program's; "
        "restore it from a backup (database disk image is malformed)"
    )


@pytest.mark.parametrize(
    ("error", "zh"),
    [
        (
            OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")),
            "数据库正由另一个程序写入，等待超时，请稍后再试（database is locked）",
        ),
        (
            DatabaseError("SELECT 1", {}, sqlite3.DatabaseError("file is not a database")),
            "数据库文件已损坏或不是本程序的数据库，请用备份恢复（file is not a database）",
        ),
        (
            OperationalError("SELECT 1", {}, sqlite3.OperationalError("disk I/O error\nmore")),
            "数据库操作失败：disk I/O error",
        ),
    ],
)
def test_database_problems_in_one_line(error, zh):
    assert database_problem(error)[0] == zh


def test_other_errors_are_not_database_problems():
    assert database_problem(ValueError("x")) is None
