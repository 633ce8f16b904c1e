"""A clerk records a representatives' meeting that missed its quorum, then the second one (issue 11)."""

from __future__ import annotations

from datetime import date

from tests.tui.helpers import fill, make_app, save, screen_text, settle
from village_tui.domain.model import Implementation, Meeting, Posting
from village_tui.domain.steps import Step
from village_tui.tui.screens.confirm import ConfirmWarnings
from village_tui.tui.screens.matter import MatterScreen


def _to_step_3(service) -> str:
    mid = service.open_matter(
        title="村西主路硬化", category="road", source="cadres", opened_on=date(2024, 3, 1)
    )
    service.record_step(
        mid,
        Step.PROPOSAL,
        Meeting(held_on=date(2024, 3, 1), expected=5, present=5, content="硬化村西主路"),
    )
    service.record_step(
        mid, Step.JOINT_MEETING, Meeting(held_on=date(2024, 3, 2), expected=7, present=7)
    )
    service.record_step(
        mid,
        Step.PARTY_ASSEMBLY,
        Meeting(
            held_on=date(2024, 3, 5),
            expected=30,
            present=25,
            votes_for=24,
            plan_sent_on=date(2024, 3, 1),
        ),
    )
    return mid


async def _open_matter(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MatterScreen), screen_text(pilot.app)


async def _record_resolution(pilot, held_on: str, present: str, votes_for: str) -> None:
    await pilot.press("x")
    await settle(pilot)
    await fill(pilot, "held_on", held_on)
    await fill(pilot, "present", present)
    await fill(pilot, "votes_for", votes_for)
    await fill(pilot, "votes_against", "0")
    await fill(pilot, "content", "同意硬化村西主路")  # a failed vote too says what it was about
    await save(pilot)


async def test_29_of_45_is_recorded_as_not_valid_and_31_passes(village_service, db_path):
    mid = _to_step_3(village_service)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_matter(pilot)
        await _record_resolution(pilot, "2024-03-08", "29", "27")
        assert isinstance(app.screen, ConfirmWarnings)
        text = screen_text(app)
        assert "不生效：村民代表会议实到29人" in text
        assert "保存后本次会议记为不生效" in text
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MatterScreen)
        st = village_service.state(mid)
        assert st.reached is Step.PARTY_ASSEMBLY and Step.RESOLUTION not in st.steps
        assert "第1次 2024-03-08 不生效（未达法定人数），须重新召开" in screen_text(app)

        await _record_resolution(pilot, "2024-03-15", "31", "29")
        assert isinstance(app.screen, MatterScreen), screen_text(app)
        st = village_service.state(mid)
        assert st.reached is Step.RESOLUTION and st.steps[Step.RESOLUTION].present == 31
        text = screen_text(app)
        assert "第1次 2024-03-08 不生效（未达法定人数）" in text
        assert "第2次（现行记录）" in text
        app.save_screenshot("attempts.svg", str(db_path.parent))


async def test_a_reversed_progress_entry_by_keyboard(village_service, db_path):
    mid = _to_step_3(village_service)
    village_service.record_step(
        mid,
        Step.RESOLUTION,
        Meeting(held_on=date(2024, 3, 8), expected=45, present=40, votes_for=38, content="同意"),
    )
    village_service.record_step(
        mid,
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=date(2024, 3, 9), until=date(2024, 3, 16)),
    )
    village_service.record_step(
        mid, Step.IMPLEMENTATION, Implementation(started_on=date(2024, 3, 20))
    )
    village_service.add_progress(mid, on=date(2024, 4, 1), description="路基", spent_fen=28_000_000)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_matter(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")  # the one entry
        await settle(pilot)
        await fill(pilot, "spent_fen", "250,000")
        await fill(pilot, "reason", "发票为25万元")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen), screen_text(app)
        assert village_service.state(mid).spent_fen == 25_000_000
        history = village_service.history(mid)[-1]
        assert [(c.key, c.old, c.new) for c in history.changes] == [
            ("spent_fen", 28_000_000, 25_000_000)
        ]
        await pilot.press("h")
        await settle(pilot)
        assert "支出金额(元)：280,000.00 → 250,000.00" in screen_text(app)
        app.save_screenshot("history.svg", str(db_path.parent))


def test_attempt_lines_name_the_reason_and_the_cure():
    from village_tui.domain.model import Attempt
    from village_tui.tui.widgets.timeline import attempt_lines

    tries = [
        Attempt(
            seq=5,
            step="resolution",
            on=date(2024, 3, 8),
            defects=("notice.villagers_assembly",),
            superseded_by=9,
        ),
        Attempt(seq=9, step="resolution", on=date(2024, 3, 20)),
    ]
    assert [t.plain for t in attempt_lines(tries, "zh")] == [
        "│ 第1次 2024-03-08 有瑕疵（通知期不足），已由第2次补正",
        "│ 第2次（现行记录）",
    ]
    failed = [
        Attempt(
            seq=5,
            step="resolution",
            on=date(2024, 3, 8),
            valid=False,
            invalid=("majority.representatives",),
        )
    ]
    assert [t.plain for t in attempt_lines(failed, "en")] == [
        "│ Attempt 1 on 2024-03-08 not valid (not passed): to be held again"
    ]
    assert attempt_lines(tries[1:], "zh") == []  # one valid try: nothing extra to say
