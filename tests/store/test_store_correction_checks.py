"""A correction that creates a new problem must be confirmed; then it is recorded, with the problem shown."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from store_support import TODAY

from village_tui.domain.steps import Step
from village_tui.store.services import NeedsConfirmation, VillageService


@pytest.fixture
def svc(sample_engine) -> VillageService:
    return VillageService(sample_engine, actor="测试文书", today=lambda: TODAY)


def _clean_implemented(svc):
    for st in svc.states():
        if Step.IMPLEMENTATION in st.steps and not [f for f in svc.findings(st) if f.blocking]:
            return st
    raise AssertionError("the sample has a clean matter in implementation")


def test_moving_a_posting_so_work_starts_too_early_needs_confirming(svc):
    st = _clean_implemented(svc)
    started = st.steps[Step.IMPLEMENTATION].started_on
    posting = st.steps[Step.RESOLUTION_DISCLOSURE]
    late = dataclasses.replace(
        posting, posted_on=started - timedelta(days=1), until=started + timedelta(days=10)
    )
    before = len(svc.history(st.matter.id))
    with pytest.raises(NeedsConfirmation) as asked:
        svc.correct_step(st.matter.id, Step.RESOLUTION_DISCLOSURE, late, reason="日期抄错")
    assert "implementation.before_posting_end" in {f.rule_id for f in asked.value.findings}
    assert len(svc.history(st.matter.id)) == before
    acks = [f.rule_id for f in asked.value.findings]
    svc.correct_step(
        st.matter.id, Step.RESOLUTION_DISCLOSURE, late, reason="日期抄错", acknowledged=acks
    )
    assert len(svc.history(st.matter.id)) == before + 1
    found = {f.rule_id for f in svc.findings(svc.state(st.matter.id))}
    assert "implementation.before_posting_end" in found


def test_a_new_category_with_a_stricter_posting_period_needs_confirming(svc):
    st = _clean_implemented(svc)
    posting = st.steps[Step.RESOLUTION_DISCLOSURE]
    assert (posting.until - posting.posted_on).days < 30, (
        "the sample posts resolutions for under 30 days"
    )
    with pytest.raises(NeedsConfirmation) as asked:
        svc.correct_matter(
            dataclasses.replace(st.matter, category="land_compensation"), reason="类别选错"
        )
    assert "posting.resolution_period" in {f.rule_id for f in asked.value.findings}
    assert svc.state(st.matter.id).matter.category == st.matter.category


def test_a_correction_that_changes_nothing_blocking_is_accepted(svc):
    st = _clean_implemented(svc)
    svc.correct_matter(dataclasses.replace(st.matter, description="补充说明"), reason="补充说明")
    assert svc.state(st.matter.id).matter.description == "补充说明"
