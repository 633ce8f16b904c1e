"""The township app at 80x24 on the demo township: villages, a village's matters, a return."""

from __future__ import annotations

from tests.tui.helpers import screen_text, settle
from village_tui.store.db import open_engine
from village_tui.sync.demo import build_demo_township
from village_tui.sync.desk import TownshipDesk
from village_tui.tui.township_app import TownshipApp

from .helpers import TODAY


async def test_return_needs_a_comment_and_names_the_matter(tmp_path):
    db = build_demo_township(tmp_path / "demo", today=TODAY)
    desk = TownshipDesk(open_engine(db), actor="审核员", today=lambda: TODAY)
    app = TownshipApp(desk, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first village
        await settle(pilot)
        screen = app.screen
        first = screen.rows[0]
        await pilot.press("r")
        await settle(pilot)
        assert f"退回事项：{first.title}" in screen_text(app)
        await pilot.press("enter")  # an empty comment is not accepted, and the dialog says so
        await settle(pilot)
        assert "请填写退回意见" in screen_text(app)
        await pilot.press(*"请补充签到表", "enter")
        await settle(pilot)
    state = {r.matter_id: (r.review_state, r.review_comment) for r in desk.review.rows()}
    assert state[first.matter_id] == ("returned", "请补充签到表")


async def test_first_view_columns_are_not_squashed(tmp_path):
    db = build_demo_township(tmp_path / "demo", today=TODAY)
    desk = TownshipDesk(open_engine(db), actor="审核员", today=lambda: TODAY)
    app = TownshipApp(desk, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for head in ("Village", "Last heard", "Pending", "Returned", "Blocked", "Ledger"):
            assert head in text
        for line in desk.village_lines():
            assert line.name.removeprefix("示例·") in text


async def test_batch_approval_lists_then_approves_only_clean_matters(tmp_path):
    db = build_demo_township(tmp_path / "demo", today=TODAY)
    desk = TownshipDesk(open_engine(db), actor="审核员", today=lambda: TODAY)
    app = TownshipApp(desk, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # 前进村: clean matters and blocked ones
        await settle(pilot)
        rows = app.screen.rows
        clean = [r.title for r in rows if not r.blocking]
        blocked = [r.title for r in rows if r.blocking]
        assert clean and blocked
        await pilot.press("b")
        await settle(pilot)
        shown = screen_text(app)
        assert f"批量通过以下 {len(clean)} 个没有阻断性问题的事项？" in shown
        assert not any(t in shown for t in blocked)
        await pilot.press("enter")
        await settle(pilot)
        states = [r.review_state for r in app.screen.rows]  # the screen reloaded
        assert states.count("approved") == len(clean)
        blocked_at = next(i for i, r in enumerate(app.screen.rows) if r.blocking)
        await pilot.press("home", *["down"] * blocked_at, "a")
        await settle(pilot)
        assert "不能通过：有" in screen_text(app)
    by_title = {r.title: r.review_state for r in desk.review.rows()}
    assert all(by_title[t] == "pending" for t in blocked)


async def test_the_township_help_says_what_to_do_about_keys(tmp_path):
    from textual.widgets import Static

    from village_tui.i18n.sync import key_guide

    db = build_demo_township(tmp_path / "demo", today=TODAY)
    desk = TownshipDesk(open_engine(db), actor="审核员", today=lambda: TODAY)
    app = TownshipApp(desk, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        body = str(app.screen.query_one("#help-keys", Static).render())
        assert "电脑丢失或损坏" in body and body == key_guide("zh")
