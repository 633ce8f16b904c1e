"""Every finding is shown with the rule's message and must be confirmed; a failed meeting is recorded as not valid."""

from __future__ import annotations

from datetime import date

from tests.tui.helpers import fill, make_app, save, screen_text, settle
from village_tui.domain.model import Meeting
from village_tui.domain.steps import Step
from village_tui.tui.screens.confirm import ConfirmWarnings
from village_tui.tui.screens.matter import MatterScreen
from village_tui.tui.screens.step_form import StepForm


def seed(service, steps: int) -> str:
    mid = service.open_matter(title="村西主路硬化", category="road", source="cadres")
    if steps >= 1:
        service.record_step(
            mid,
            Step.PROPOSAL,
            Meeting(
                held_on=date(2024, 3, 1), expected=5, present=5, votes_for=5, content="硬化村西主路"
            ),
        )
    if steps >= 2:
        m = Meeting(
            held_on=date(2024, 3, 2),
            expected=7,
            expected_basis="committee_members",
            present=7,
            votes_for=7,
        )
        service.record_step(mid, Step.JOINT_MEETING, m)
    return mid


async def open_first_matter(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MatterScreen)


async def test_quorum_failure_is_confirmed_and_recorded_as_not_valid(village_service, db_path):
    mid = seed(village_service, 2)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, "held_on", "2024-03-05")
        await fill(pilot, "present", "10")
        await fill(pilot, "votes_for", "10")
        await save(pilot)
        assert isinstance(app.screen, ConfirmWarnings)  # nothing saved until confirmed
        text = screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MatterScreen)
    # 30 voting members, 10 present: short of two thirds (henan-4+2) and of half (national).
    assert "不生效：党员大会实到10人" in text
    assert "quorum.party_assembly" not in text  # the Chinese screen cites the law, not the id
    assert "记为不生效" in text
    state = village_service.state(mid)
    assert Step.PARTY_ASSEMBLY not in state.steps and state.reached is Step.JOINT_MEETING
    (attempt,) = state.attempts_at(Step.PARTY_ASSEMBLY)
    assert not attempt.valid and "quorum.party_assembly" in attempt.invalid


async def test_warning_needs_confirmation_which_is_recorded(village_service, db_path):
    mid = seed(village_service, 1)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, "held_on", "2024-03-02")
        await fill(pilot, "present", "3")
        await fill(pilot, "votes_for", "3")
        await save(pilot)
        assert isinstance(app.screen, ConfirmWarnings)
        assert "实到3人" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MatterScreen)
    state = village_service.state(mid)
    assert state.steps[Step.JOINT_MEETING].present == 3  # a warning: the step counts
    assert state.acknowledged[Step.JOINT_MEETING] == frozenset({"quorum.joint_meeting"})


async def test_declining_a_warning_saves_nothing(village_service, db_path):
    mid = seed(village_service, 0)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, "expected", "5")
        await fill(pilot, "present", "2")
        await save(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StepForm)
    assert Step.PROPOSAL not in village_service.state(mid).steps


async def test_votes_above_present_are_refused_as_typed(village_service, db_path):
    seed(village_service, 0)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, "expected", "5")
        await fill(pilot, "present", "6")
        assert "实到人数(6)超过应到人数(5)" in screen_text(app)
        assert app.screen.query_one("#row-present").has_class("-invalid")


async def test_correction_with_reason_appears_in_history(village_service, db_path):
    mid = seed(village_service, 1)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("home", "enter")  # the first step, already recorded: correct it
        await settle(pilot)
        assert "更正" in screen_text(app)
        await fill(pilot, "present", "4")
        await fill(pilot, "votes_for", "4")
        await save(pilot)
        assert isinstance(app.screen, StepForm)  # no reason yet: refused
        assert "更正原因" in screen_text(app)
        await fill(pilot, "reason", "签到表少算一人")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen), screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        text = screen_text(app)
    assert "签到表少算一人" in text
    assert "更正第" in text and "测试文书" in text
    assert "实到：5 → 4" in text
    assert village_service.state(mid).steps[Step.PROPOSAL].present == 4
