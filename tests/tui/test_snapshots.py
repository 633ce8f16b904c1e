"""Pictures at 80x24 of the dashboard, a matter and a step form, on a tiny seeded village with a fixed clock.

Each picture was looked at by a person before it was accepted (`pytest --snapshot-update`).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.tui.helpers import TODAY, VILLAGE, make_app, settle
from village_tui.domain.model import Meeting, Posting
from village_tui.domain.steps import Step
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService

SIZE = (80, 24)


@pytest.fixture
def seeded_app(tmp_path):
    path = tmp_path / "village.db"
    fixed_now = iter(f"2024-05-01T08:{i:02d}:00+00:00" for i in range(60))
    s = VillageService(
        open_engine(path), actor="测试文书", today=lambda: TODAY, now=lambda: next(fixed_now)
    )
    s.set_up(VILLAGE)
    m = s.open_matter(
        title="2024年低保评议", category="dibao", source="higher_level", matter_id="m-dibao"
    )
    s.record_step(
        m,
        Step.PROPOSAL,
        Meeting(held_on=date(2024, 3, 1), expected=5, present=2, content="评议低保户"),
        acknowledged=["quorum.proposal"],
    )
    road = s.open_matter(
        title="村西主路硬化",
        category="road",
        source="cadres",
        planned_fen=12_000_050,
        matter_id="m-road",
    )
    s.record_step(
        road,
        Step.PROPOSAL,
        Meeting(
            held_on=date(2024, 3, 1),
            expected=5,
            present=5,
            votes_for=5,
            content="硬化村西主路1.2公里",
        ),
    )
    s.record_step(
        road,
        Step.JOINT_MEETING,
        Meeting(
            held_on=date(2024, 3, 2),
            expected=7,
            expected_basis="committee_members",
            present=7,
            votes_for=7,
        ),
    )
    s.record_step(
        road,
        Step.PARTY_ASSEMBLY,
        Meeting(
            held_on=date(2024, 3, 5),
            expected=30,
            expected_basis="party_members_voting",
            present=25,
            votes_for=24,
            plan_sent_on=date(2024, 3, 1),
        ),
    )
    s.record_step(
        road,
        Step.RESOLUTION,
        Meeting(
            held_on=date(2024, 4, 20),
            expected=45,
            expected_basis="rep_assembly_members",
            present=40,
            votes_for=38,
            votes_against=1,
            votes_abstain=1,
            content="同意硬化村西主路",
        ),
    )
    s.record_step(
        road,
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=date(2024, 4, 26), until=date(2024, 5, 3), places=("村务公开栏", "广播")),
    )
    s.add_objection(
        road, step=Step.RESOLUTION_DISCLOSURE, received_on=date(2024, 4, 28), content="路线占用耕地"
    )
    s.open_matter(
        title="一事一议修桥",
        category="public_works",
        source="members_and_masses",
        matter_id="m-bridge",
    )
    _return_for_review(s, m)
    # Three days on, the notice has ended with the objection still unanswered: a warning.
    return make_app(s, path, today=date(2024, 5, 6))


def _return_for_review(service, matter_id: str) -> None:
    """The township sends the 低保 matter back (its review events come from the township's ledger)."""
    from village_tui.domain import events as ev
    from village_tui.store.db import write_session
    from village_tui.store.ledger import append

    payload = {
        "matter_id": matter_id,
        "village_code": VILLAGE.code,
        "comment": "到会人数不足，请补开会议",
        "reviewer": "乡镇审核员",
        "township_code": VILLAGE.township_code,
    }
    with write_session(service.engine) as session:
        append(
            session,
            ledger=f"review:{VILLAGE.code}",
            type=ev.REVIEW_RETURNED,
            payload=payload,
            actor="乡镇审核员",
            matter_id=matter_id,
            now=lambda: "2024-05-02T08:00:00+00:00",
        )


async def _ready(pilot) -> None:
    await settle(pilot)


def test_dashboard(snap_compare, seeded_app):
    assert snap_compare(seeded_app, terminal_size=SIZE, run_before=_ready)


def test_matter_view(snap_compare, seeded_app):
    async def open_road(pilot):
        await settle(pilot)
        await pilot.press("down", "enter")  # 村西主路硬化
        await settle(pilot)

    assert snap_compare(seeded_app, terminal_size=SIZE, run_before=open_road)


def test_step_form(snap_compare, seeded_app):
    async def open_form(pilot):
        await settle(pilot)
        await pilot.press("enter", "x")  # the bridge matter: record step 1
        await settle(pilot)
        await pilot.press(*["tab", "tab", "tab", "tab", "tab", "tab"])
        await pilot.press("5", "tab", "2")
        await pilot.pause(0.4)  # the findings preview waits for quiet typing
        await settle(pilot)

    assert snap_compare(seeded_app, terminal_size=SIZE, run_before=open_form)
