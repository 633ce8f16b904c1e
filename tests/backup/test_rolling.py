"""The app's backup on exit: the chosen folder, the newest N kept, and the day on the dashboard."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from village_tui.store.db import open_engine
from village_tui.sync.rolling import backup_settings, prune, rolling_backup

CODE = "410611100901"


@pytest.fixture
def engine(village_db):
    e = open_engine(village_db)
    yield e
    e.dispose()


def test_default_folder_is_backups_beside_the_database(engine, village_db):
    s = backup_settings(engine, village_db)
    assert s.folder == village_db.resolve().parent / "backups"
    assert (s.keep, s.last_at) == (10, None)


def test_keeps_the_newest_n_and_nothing_else_is_touched(run, engine, village_db, tmp_path):
    folder = tmp_path / "U盘" / "备份"
    code, said, err = run("--db", village_db, "backup-settings", "--folder", folder, "--keep", "2")
    assert code == 0, err
    assert said.strip() == f"自动备份文件夹：{folder}；保留最近 2 份；最近一次备份：尚无"
    folder.mkdir(parents=True)
    (folder / "账本.xlsx").write_bytes(b"x")  # the stick's other files
    (folder / "410611100902-20260101-000000.vtbackup").write_bytes(b"another village's")
    start = datetime(2026, 6, 15, 9, 0, 0)
    made = [rolling_backup(engine, village_db, now=start + timedelta(minutes=i)) for i in range(3)]
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "410611100901-20260615-090100.vtbackup",
        "410611100901-20260615-090200.vtbackup",
        "410611100902-20260101-000000.vtbackup",
        "账本.xlsx",
    ]
    assert backup_settings(engine, village_db).last_file == str(made[-1].path)


@pytest.mark.parametrize("keep,left", [(1, 1), (2, 2), (3, 3), (4, 3)])
def test_prune_at_and_around_the_count(tmp_path, keep, left):
    for i in range(3):
        (tmp_path / f"{CODE}-2026061{i}-000000.vtbackup").write_bytes(b"")
    prune(tmp_path, CODE, keep)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == left and kept[-1] == f"{CODE}-20260612-000000.vtbackup"


@pytest.mark.parametrize("keep", ["0", "1001"])
def test_keep_out_of_range_is_refused(run, village_db, keep):
    code, _, err = run("--db", village_db, "backup-settings", "--keep", keep)
    assert (code, err.strip()) == (1, "错误：--keep 应在 1 到 1000 之间")


@pytest.mark.parametrize("keep", ["1", "1000"])
def test_keep_at_the_limits_is_taken(run, village_db, keep):
    code, said, _ = run("--db", village_db, "backup-settings", "--keep", keep)
    assert code == 0 and f"保留最近 {keep} 份" in said


def test_leaving_the_app_makes_a_backup_and_says_where(run, village_db, monkeypatch):
    from village_tui.tui.app import VillageApp

    shown = {}

    def fake_run(self):
        shown["last_backup"] = self.last_backup

    monkeypatch.setattr(VillageApp, "run", fake_run)
    code, said, err = run("--db", village_db)
    assert code == 0, err
    assert shown == {"last_backup": None}
    folder = village_db.resolve().parent / "backups"
    [made] = list(folder.iterdir())
    assert said.strip() == f"已自动备份到 {made}"
    code, said, err = run("--db", village_db)
    assert shown["last_backup"] == datetime.now().date().isoformat()


def test_a_failed_backup_on_exit_is_one_line_and_exit_0(run, village_db, monkeypatch, tmp_path):
    from village_tui.tui.app import VillageApp

    monkeypatch.setattr(VillageApp, "run", lambda self: None)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    run("--db", village_db, "backup-settings", "--folder", blocker)
    code, said, err = run("--db", village_db)
    assert code == 0
    assert (said + err).strip().startswith("注意：自动备份未完成（")
    assert blocker.read_text() == "x"


def test_the_demo_makes_no_backup(run, monkeypatch):
    from village_tui.cli import app as cli_app
    from village_tui.tui.app import VillageApp

    monkeypatch.setattr(VillageApp, "run", lambda self: None)
    made = []
    monkeypatch.setattr(cli_app, "_rolling_backup", lambda *a: made.append(a))
    code, _, _ = run("demo")
    assert code == 0 and made == []


def test_local_day_of_a_utc_stamp():
    from village_tui.cli.app import local_day

    assert local_day(None) is None
    assert local_day("garbage") is None
    stamp = datetime(2026, 6, 15, 12, 0).astimezone()
    assert local_day(stamp.isoformat()) == "2026-06-15"


async def test_dashboard_title_shows_the_last_backup_day(village_db):
    from tests.tui.helpers import screen_text, settle
    from village_tui.tui.app import VillageApp
    from village_tui.tui.lazy_service import LazyService

    engine = open_engine(village_db)
    app = VillageApp(LazyService(engine), db_path=village_db, has_village=True)
    app.last_backup = "2026-06-14"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = screen_text(app).splitlines()[0]
        assert "最近备份 2026-06-14" in first
    engine.dispose()
