"""A matter taken from new to result disclosure through the keyboard alone, then the store checked."""

from __future__ import annotations

from tests.tui.helpers import fill, make_app, save, screen_text, settle
from village_tui.domain.steps import ORDER, Step
from village_tui.tui.screens.dashboard import DashboardScreen
from village_tui.tui.screens.matter import MatterScreen

MEETINGS = {
    Step.PROPOSAL: {
        "held_on": "2024-03-01",
        "expected": "5",
        "present": "5",
        "votes_for": "5",
        "content": "硬化村西主路",
    },
    Step.JOINT_MEETING: {"held_on": "20240302", "present": "7", "votes_for": "7"},
    Step.PARTY_ASSEMBLY: {
        "held_on": "2024-03-05",
        "present": "25",
        "votes_for": "24",
        "plan_sent_on": "2024-03-01",
        "officials": "王五:副镇长",
    },
    Step.RESOLUTION: {
        "held_on": "3-8",
        "present": "40",
        "votes_for": "38",
        "votes_against": "1",
        "content": "同意硬化村西主路",
    },
}


async def record_with(pilot, values: dict[str, str]) -> None:
    await pilot.press("x")
    await settle(pilot)
    for name, text in values.items():
        await fill(pilot, name, text)
    await save(pilot)


async def test_new_matter_to_result_disclosure(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "title", "村西主路硬化")
        await fill(pilot, "planned_fen", "120,000.50")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen)

        for _step, values in MEETINGS.items():
            await record_with(pilot, values)
            assert isinstance(app.screen, MatterScreen), screen_text(app)
        await record_with(pilot, {"posted_on": "2024-03-09", "places": "村务公开栏,广播"})
        await record_with(pilot, {"started_on": "2024-03-20", "contractor": "示例建筑队"})

        await pilot.press("p")
        await settle(pilot)
        await fill(pilot, "spent_fen", "12,345.6")
        await fill(pilot, "description", "路基完成")
        await save(pilot)
        await pilot.press("d")
        await settle(pilot)
        await fill(pilot, "completed_on", "2024-04-10")
        await fill(pilot, "summary", "主路硬化1.2公里")
        await save(pilot)
        await record_with(pilot, {"posted_on": "2024-04-11"})
        assert isinstance(app.screen, MatterScreen)
        text = screen_text(app)
        assert "第6步 实施结果公开" in text

    state = village_service.states()[0]
    assert state.matter.title == "村西主路硬化"
    assert state.matter.planned_fen == 12_000_050
    assert set(state.steps) == set(ORDER)
    resolution = state.steps[Step.RESOLUTION]
    assert (resolution.expected, resolution.present, resolution.votes_for) == (45, 40, 38)
    assert resolution.expected_basis == "rep_assembly_members"
    assert state.steps[Step.PARTY_ASSEMBLY].officials[0].name == "王五"
    assert state.steps[Step.RESOLUTION_DISCLOSURE].until.isoformat() == "2024-03-16"
    assert state.steps[Step.RESOLUTION_DISCLOSURE].places == ("村务公开栏", "广播")
    assert state.spent_fen == 1_234_560
    assert state.completion is not None and state.completion.summary == "主路硬化1.2公里"
    results = state.steps[Step.RESULT_DISCLOSURE]
    assert results.posted_on.isoformat() == "2024-04-11"
    assert results.spent_fen == 1_234_560  # prefilled from the progress entries
