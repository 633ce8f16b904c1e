"""The township review screen at 80x24: matters listed, a matter returned from the keyboard."""

from __future__ import annotations

from village_tui.store.db import open_engine
from village_tui.sync.demo import build_demo_township
from village_tui.sync.review import ReviewService
from village_tui.tui.township_app import TownshipApp

from .helpers import TODAY


async def test_return_a_matter_from_the_keyboard(tmp_path):
    db = build_demo_township(tmp_path / "demo", today=TODAY)
    service = ReviewService(open_engine(db), actor="审核员", today=lambda: TODAY)
    app = TownshipApp(service, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert len(screen.rows) == 23
        first = screen.rows[0].matter_id
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # an empty comment is not accepted
        await pilot.pause()
        await pilot.press(*"请补充签到表", "enter")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
    state = {r.matter_id: (r.review_state, r.review_comment) for r in service.rows()}
    assert state[first] == ("returned", "请补充签到表")


async def test_the_township_app_says_what_to_do_about_keys(tmp_path):
    from textual.widgets import Static

    from village_tui.i18n.sync import key_guide
    from village_tui.tui.screens.message import MessageScreen

    db = build_demo_township(tmp_path / "demo", today=TODAY)
    app = TownshipApp(ReviewService(open_engine(db), today=lambda: TODAY), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        body = str(app.screen.query_one("#message-body", Static).render())
        assert "电脑丢失或损坏" in body and body == key_guide("zh")
