"""A late disclosure blocks the township's approval until it accepts an explanation (issue 12)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from village_tui.domain.model import Posting
from village_tui.domain.steps import Step
from village_tui.store.db import open_engine
from village_tui.store.errors import NeedsConfirmation, ServiceError
from village_tui.store.services import VillageService
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles
from village_tui.sync.review import ReviewService, approval_blockers
from village_tui.sync.township_setup import init_township

from .helpers import TODAY, sample_village

TITLE = "7月暴雨受灾农户救助物资分配方案"  # a sample matter resolved, not yet disclosed
LATER = TODAY + timedelta(days=20)  # the clerk and the township work some days after loading


def _disclose(svc, mid: str, after_days: int) -> None:
    """Post the resolution `after_days` days after it was resolved."""
    (state,) = [s for s in svc.states() if s.matter.id == mid]
    on = state.steps[Step.RESOLUTION].held_on + timedelta(days=after_days)
    record = Posting(posted_on=on, until=on + timedelta(days=7), places=("村务公开栏",))
    try:
        svc.record_step(mid, Step.RESOLUTION_DISCLOSURE, record)
    except NeedsConfirmation as asked:  # the clerk confirms what the ledger will say
        acks = [f.rule_id for f in asked.findings]
        svc.record_step(mid, Step.RESOLUTION_DISCLOSURE, record, acknowledged=acks)


def _town(tmp_path, after_days: int) -> tuple[ReviewService, str]:
    village = sample_village(tmp_path / "v.db")
    svc = VillageService(village, actor="测试文书", today=lambda: LATER)
    (mid,) = [s.matter.id for s in svc.states() if s.matter.title == TITLE]
    resolved = [s for s in svc.states() if s.matter.id == mid][0].steps[Step.RESOLUTION].held_on
    assert resolved + timedelta(days=after_days) <= LATER
    _disclose(svc, mid, after_days)
    export_bundles(village, tmp_path / "out")
    town = open_engine(tmp_path / "town.db")
    init_township(town, code="410611100", name="大赉店镇")
    import_bundles(town, [tmp_path / "out"], trust_new=True)
    return ReviewService(town, actor="审核员", today=lambda: LATER), mid


def test_disclosed_on_day_7_the_township_may_approve(tmp_path):
    review, mid = _town(tmp_path, 7)
    (row,) = review.rows_for(mid)
    assert "disclosure.resolution_late" not in {f.rule_id for f in row.findings}
    assert approval_blockers(row) == []
    review.approve(mid)


def test_disclosed_on_day_8_it_blocks_until_an_explanation_is_accepted(tmp_path):
    review, mid = _town(tmp_path, 8)
    (row,) = review.rows_for(mid)
    (late,) = approval_blockers(row)
    assert late.rule_id == "disclosure.resolution_late" and late.blocking
    assert approval_blockers(row, "  ") == [late]  # a blank comment explains nothing
    with pytest.raises(ServiceError) as refused:
        review.approve(mid)
    assert refused.value.message_zh == (
        "该事项的决议或结果公开迟延，不能补救；请在审核意见中写明接受的迟延原因后再通过，或退回"
    )
    assert refused.value.message_en == (
        "This matter's disclosure was late and cannot be undone: write the explanation you"
        " accept in the comment to approve it, or return it"
    )
    # The cure: the explanation the township accepts, signed into its approval.
    assert approval_blockers(row, "暴雨期间公开栏损毁，修复后即公开") == []
    event = review.approve(mid, "暴雨期间公开栏损毁，修复后即公开")
    assert json.loads(event.payload)["comment"] == "暴雨期间公开栏损毁，修复后即公开"
    (after,) = review.rows_for(mid)
    assert after.review_state == "approved"
    # Still recorded and shown: an explanation does not make it un-late.
    assert "disclosure.resolution_late" in {f.rule_id for f in after.findings}


def test_an_explanation_does_not_cure_any_other_defect(tmp_path):
    review, mid = _town(tmp_path, 8)
    (row,) = review.rows_for(mid)
    other = [f for f in row.findings if f.rule_id != "disclosure.resolution_late"]
    assert other == []  # the matter's only blocker is the late disclosure
    from dataclasses import replace

    quorum = replace(row.findings[0], rule_id="quorum.representatives")
    mixed = replace(row, findings=[*row.findings, quorum])
    assert approval_blockers(mixed, "原因") == [quorum]
