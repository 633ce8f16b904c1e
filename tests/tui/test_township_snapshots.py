"""Pictures at 80x24 of every township screen, on the demo township with a fixed clock.

Each picture was looked at by a person (as PNG) before it was accepted (`pytest --snapshot-update`).
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from tests.sync.helpers import TODAY
from tests.tui.helpers import settle as settle_rounds
from village_tui.store.db import open_engine
from village_tui.sync.demo import build_demo_township
from village_tui.sync.desk import TownshipDesk
from village_tui.tui.screens.township_villages import VillagesScreen
from village_tui.tui.township_app import TownshipApp

SIZE = (80, 24)


async def settle(pilot) -> None:
    """Until the workers are done and the villages' checks have filled in (they start late)."""
    for _ in range(40):
        await settle_rounds(pilot)
        screen = pilot.app.screen
        lines = screen.lines if isinstance(screen, VillagesScreen) else []
        if not pilot.app.workers._workers and all(v.checked for v in lines):
            return


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("township")
    db = build_demo_township(folder / "demo", today=TODAY)
    engine = open_engine(db)
    with engine.begin() as conn:  # the day each village was last heard from, fixed
        conn.execute(text("UPDATE import_log SET imported_at = '2026-11-18T08:00:00+00:00'"))
    engine.dispose()
    return db


@pytest.fixture
def township_app(make_township_app):
    return make_township_app("zh")


@pytest.fixture
def make_township_app(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "township.db"
    shutil.copy(demo_db, db)
    shutil.copytree(demo_db.parent / "bundles", tmp_path / "inbox")
    monkeypatch.chdir(tmp_path)  # the inbox folder is shown as typed: "inbox"
    # Toasts come and go with the clock; what they say is checked by the Pilot tests.
    monkeypatch.setattr(TownshipApp, "notify", lambda self, *a, **k: None)
    fixed_now = iter(f"2026-11-20T09:{i:02d}:00+00:00" for i in range(60))
    desk = TownshipDesk(
        open_engine(db), actor="审核员", today=lambda: TODAY, now=lambda: next(fixed_now)
    )
    return lambda lang: TownshipApp(desk, lang)


def test_villages(snap_compare, township_app):
    assert snap_compare(township_app, terminal_size=SIZE, run_before=settle)


def test_village_matters(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_matter_detail_with_a_return_in_its_thread(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r", *"请补充签到表", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_return_dialog_refuses_an_empty_comment(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # 和平村
        await settle(pilot)
        await pilot.press("r", "enter")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_batch_approval_lists_what_it_approves(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_blocked_matter_says_why(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = township_app.screen
        blocked = next(i for i, r in enumerate(screen.rows) if r.blocking)
        await pilot.press(*["down"] * blocked, "enter")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_inbox_after_an_import(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("f", *"inbox", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_weekly_lists(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_export_dialog(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"feedback", "enter")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_help(snap_compare, township_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(township_app, terminal_size=SIZE, run_before=run)


def test_villages_in_english(snap_compare, make_township_app):
    assert snap_compare(make_township_app("en"), terminal_size=SIZE, run_before=settle)
