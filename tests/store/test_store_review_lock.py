"""A matter the township approved is locked: a correction needs a confirmation and reopens it."""

from __future__ import annotations

from datetime import date

import pytest
from store_support import CODE

from village_tui.domain import events as ev
from village_tui.domain.model import Meeting
from village_tui.domain.steps import Step
from village_tui.store.db import write_session
from village_tui.store.ledger import append
from village_tui.store.services import REOPEN_RULE, NeedsConfirmation

PROPOSAL = Meeting(
    held_on=date(2026, 6, 1),
    expected=5,
    present=5,
    votes_for=5,
    votes_against=0,
    votes_abstain=0,
    content="修桥",
)


def _approve(engine, matter_id: str) -> None:
    with write_session(engine) as s:
        payload = {
            "matter_id": matter_id,
            "village_code": CODE,
            "comment": "同意",
            "reviewer": "乡镇审核员",
            "township_code": CODE[:9],
            "reviewed_seq": 3,
        }
        append(
            s,
            ledger=f"review:{CODE}",
            type=ev.REVIEW_APPROVED,
            payload=payload,
            actor="乡镇审核员",
            matter_id=matter_id,
        )


@pytest.fixture
def approved(service, engine):
    mid = service.open_matter(
        title="村东水井维修", category="public_works", source="cadres", opened_on=date(2026, 6, 1)
    )
    service.record_step(mid, Step.PROPOSAL, PROPOSAL)
    _approve(engine, mid)
    assert service.state(mid).review_state == "approved"
    return mid


def test_correcting_an_approved_step_asks_first_and_changes_nothing(service, approved):
    before = len(service.history(approved))
    with pytest.raises(NeedsConfirmation) as asked:
        service.correct_step(approved, Step.PROPOSAL, PROPOSAL, reason="地点补录")
    assert [f.rule_id for f in asked.value.findings] == [REOPEN_RULE]
    assert asked.value.findings[0].message_zh == "该事项已经乡镇审核通过；更正后将重新提交乡镇审核"
    assert len(service.history(approved)) == before
    assert service.state(approved).review_state == "approved"


def test_a_confirmed_correction_reopens_the_review_and_records_the_confirmation(service, approved):
    service.correct_step(
        approved, Step.PROPOSAL, PROPOSAL, reason="地点补录", acknowledged=[REOPEN_RULE]
    )
    state = service.state(approved)
    assert state.review_state == "reopened"
    assert REOPEN_RULE in state.acknowledged[Step.PROPOSAL]
    corrections = [h for h in service.history(approved) if h.type == ev.CORRECTION]
    assert [h.reason for h in corrections] == ["地点补录"]


def test_new_steps_after_approval_are_new_work_to_review(service, approved):
    joint = Meeting(
        held_on=date(2026, 6, 2),
        expected=7,
        present=7,
        votes_for=7,
        votes_against=0,
        votes_abstain=0,
    )
    service.record_step(approved, Step.JOINT_MEETING, joint)
    assert service.state(approved).review_state == "pending"
