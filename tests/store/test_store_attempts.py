"""Issue 11's Must-show, in the store: failed meetings, cured defects, corrected money.

Every figure below is the true one a paper ledger would hold; nothing is refused
but input that cannot be true.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from store_support import TODAY, clock, make_village

from village_tui.domain.findings import InvalidRecord, Severity
from village_tui.domain.model import Implementation, Meeting, Posting
from village_tui.domain.steps import Step
from village_tui.store.db import open_engine
from village_tui.store.rebuild import dump_derived, rebuild
from village_tui.store.services import NeedsConfirmation, ServiceError, VillageService

D = date(2026, 5, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def _svc(tmp_path, profile="national", name="v.db") -> VillageService:
    svc = VillageService(
        open_engine(tmp_path / name), actor="测试文书", today=lambda: TODAY, now=clock()
    )
    svc.set_up(make_village(profile))
    return svc


def _to_step_3(svc, category="road", planned_fen=0) -> str:
    mid = svc.open_matter(
        title="村道硬化", category=category, source="cadres", opened_on=D, planned_fen=planned_fen
    )
    svc.record_step(
        mid, Step.PROPOSAL, Meeting(held_on=day(0), expected=5, present=5, content="硬化村道")
    )
    svc.record_step(mid, Step.JOINT_MEETING, Meeting(held_on=day(1), expected=7, present=7))
    svc.record_step(
        mid,
        Step.PARTY_ASSEMBLY,
        Meeting(held_on=day(5), expected=45, present=40, votes_for=35, plan_sent_on=day(1)),
    )
    return mid


def _reps(present: int, held: int = 8) -> Meeting:
    return Meeting(
        held_on=day(held),
        expected=45,
        present=present,
        votes_for=present - 2,
        votes_against=2,
        votes_abstain=0,
        representatives_among_members=38,
        women_among_members=15,
        content="硬化村道",
    )


def _save(svc, mid, step, record):
    """Save as a clerk does: see what the rules say, confirm it, save."""
    try:
        return svc.record_step(mid, step, record)
    except NeedsConfirmation as asked:
        svc.record_step(mid, step, record, acknowledged=[f.rule_id for f in asked.findings])
        return asked.findings


@pytest.mark.parametrize("profile", ["national", "henan-4+2"])
def test_29_of_45_is_recorded_not_valid_and_31_then_passes(tmp_path, profile):
    svc = _svc(tmp_path, profile)
    mid = _to_step_3(svc)
    with pytest.raises(NeedsConfirmation) as asked:
        svc.record_step(mid, Step.RESOLUTION, _reps(29))
    (f,) = asked.value.findings
    assert (f.rule_id, f.severity) == ("quorum.representatives", Severity.INVALID)
    assert f.message_zh == "村民代表会议实到29人，未达到组成人员45人的三分之二(30人)"
    svc.record_step(mid, Step.RESOLUTION, _reps(29), acknowledged=["quorum.representatives"])
    st = svc.state(mid)
    assert st.reached is Step.PARTY_ASSEMBLY and st.reached.label == "3"
    assert Step.RESOLUTION not in st.steps and st.next_step is Step.RESOLUTION
    (first,) = st.attempts_at(Step.RESOLUTION)
    assert (first.valid, first.invalid) == (False, ("quorum.representatives",))
    # The second attempt: 31 present is at least two thirds of 45.
    assert svc.record_step(mid, Step.RESOLUTION, _reps(31, held=15)) == []
    st = svc.state(mid)
    assert st.reached is Step.RESOLUTION and st.steps[Step.RESOLUTION].present == 31
    first, second = st.attempts_at(Step.RESOLUTION)
    assert (first.valid, first.superseded_by, second.valid) == (False, second.seq, True)
    # A rebuilt database (what the township and county get) says the same.
    before = dump_derived(svc.engine)
    rebuild(svc.engine)
    assert dump_derived(svc.engine) == before


def test_30_of_45_is_valid_at_once(tmp_path):
    svc = _svc(tmp_path)
    mid = _to_step_3(svc)
    assert svc.record_step(mid, Step.RESOLUTION, _reps(30)) == []
    assert svc.state(mid).reached is Step.RESOLUTION


def test_a_valid_step_is_not_recorded_twice(tmp_path):
    svc = _svc(tmp_path)
    mid = _to_step_3(svc)
    with pytest.raises(ServiceError) as refused:
        svc.record_step(mid, Step.PARTY_ASSEMBLY, _reps(40))
    assert refused.value.message_zh == "该步骤已记录，如需修改请使用更正"


def test_a_correction_can_make_a_step_stop_counting_and_count_again(tmp_path):
    svc = _svc(tmp_path)
    mid = _to_step_3(svc)
    svc.record_step(mid, Step.RESOLUTION, _reps(31))
    with pytest.raises(NeedsConfirmation):
        svc.correct_step(mid, Step.RESOLUTION, _reps(29), reason="实到人数抄错")
    svc.correct_step(
        mid,
        Step.RESOLUTION,
        _reps(29),
        reason="实到人数抄错",
        acknowledged=["quorum.representatives"],
    )
    st = svc.state(mid)
    assert st.reached is Step.PARTY_ASSEMBLY and Step.RESOLUTION not in st.steps
    svc.correct_step(mid, Step.RESOLUTION, _reps(31), reason="核对签到表，实到31人")
    st = svc.state(mid)
    assert st.reached is Step.RESOLUTION and len(st.attempts_at(Step.RESOLUTION)) == 1
    before = dump_derived(svc.engine)
    rebuild(svc.engine)
    assert dump_derived(svc.engine) == before


def test_households_above_the_villages_are_refused_in_the_service(tmp_path):
    svc = _svc(tmp_path)
    mid = _to_step_3(svc)
    m = dataclasses.replace(
        _reps(700),
        assembly="villagers",
        expected=1200,
        households_represented=381,
        notice_given_on=day(-2),
        representatives_among_members=None,
        women_among_members=None,
    )
    with pytest.raises(InvalidRecord) as refused:
        svc.record_step(mid, Step.RESOLUTION, m)
    assert refused.value.message_zh == "到会户代表户数(381)超过总户数(380)"


def _villagers(notice_days: int, held: int = 20) -> Meeting:
    return Meeting(
        held_on=day(held),
        assembly="villagers",
        expected=1200,
        present=700,
        votes_for=600,
        notice_given_on=day(held - notice_days),
        content="硬化村道",
    )


@pytest.mark.parametrize("profile", ["national", "henan-4+2"])
def test_a_9_day_notice_is_a_defect_cured_by_a_new_meeting(tmp_path, profile):
    svc = _svc(tmp_path, profile)
    mid = _to_step_3(svc)
    found = _save(svc, mid, Step.RESOLUTION, _villagers(9))
    assert [(f.rule_id, f.severity) for f in found] == [
        ("notice.villagers_assembly", Severity.DEFECT)
    ]
    st = svc.state(mid)
    assert st.reached is Step.RESOLUTION  # a defect: the step counts
    assert [f.rule_id for f in svc.findings(st) if f.blocking] == ["notice.villagers_assembly"]
    # The cure: the assembly held again after ten days' notice.
    assert _save(svc, mid, Step.RESOLUTION, _villagers(10, held=32)) == []
    st = svc.state(mid)
    assert not [f for f in svc.findings(st) if f.blocking]
    first, second = st.attempts_at(Step.RESOLUTION)
    assert first.defects == ("notice.villagers_assembly",) and first.superseded_by == second.seq


@pytest.mark.parametrize("profile", ["national", "henan-4+2"])
def test_a_29_day_land_posting_is_a_defect_cured_by_posting_again(tmp_path, profile):
    svc = _svc(tmp_path, profile)
    mid = _to_step_3(svc, category="land_compensation")
    _save(svc, mid, Step.RESOLUTION, _reps(40))
    short = Posting(posted_on=day(9), until=day(9 + 29))
    found = _save(svc, mid, Step.RESOLUTION_DISCLOSURE, short)
    assert [(f.rule_id, f.severity) for f in found] == [
        ("posting.resolution_period", Severity.DEFECT)
    ]
    st = svc.state(mid)
    assert st.reached is Step.RESOLUTION_DISCLOSURE
    assert "posting.resolution_period" in {f.rule_id for f in svc.findings(st) if f.blocking}
    full = Posting(posted_on=day(9), until=day(9 + 30))
    assert _save(svc, mid, Step.RESOLUTION_DISCLOSURE, full) == []
    st = svc.state(mid)
    assert not [f for f in svc.findings(st) if f.blocking]
    assert [a.defects for a in st.attempts_at(Step.RESOLUTION_DISCLOSURE)] == [
        ("posting.resolution_period",),
        (),
    ]


def _implemented(svc) -> str:
    mid = _to_step_3(svc, planned_fen=50_000_000)
    _save(svc, mid, Step.RESOLUTION, _reps(40))
    _save(svc, mid, Step.RESOLUTION_DISCLOSURE, Posting(posted_on=day(9), until=day(16)))
    _save(svc, mid, Step.IMPLEMENTATION, Implementation(started_on=day(17)))
    return mid


def test_a_wrong_amount_corrected_and_another_reversed(tmp_path):
    svc = _svc(tmp_path)
    mid = _implemented(svc)
    wrong = svc.add_progress(mid, on=day(20), description="路基", spent_fen=28_000_000)
    twice = svc.add_progress(mid, on=day(21), description="重复登记", spent_fen=9_000_000)
    assert svc.state(mid).spent_fen == 37_000_000
    svc.correct_progress(
        mid, wrong, on=day(20), description="路基", spent_fen=25_000_000, reason="发票为25万元"
    )
    assert svc.state(mid).spent_fen == 34_000_000
    svc.reverse_progress(mid, twice, reason="同一笔支出登记了两次")
    st = svc.state(mid)
    assert st.spent_fen == 25_000_000
    assert [(p.spent_fen, p.reversed) for p in st.progress] == [
        (25_000_000, False),
        (9_000_000, True),
    ]
    from village_tui.notices.build import build_notice

    notice = build_notice(svc.village(), st, Step.RESULT_DISCLOSURE, TODAY)
    assert ("实际支出", "250,000.00 元") in notice.rows or any(
        k == "实际支出" and "250,000.00" in v for k, v in notice.rows
    )
    history = svc.history(mid)
    assert [(c.key, c.old, c.new) for c in history[-2].changes] == [
        ("spent_fen", 28_000_000, 25_000_000)
    ]
    assert [(c.key, c.old, c.new) for c in history[-1].changes] == [("reversed", False, True)]
    with pytest.raises(ServiceError) as refused:
        svc.reverse_progress(mid, twice, reason="再次冲销")
    assert refused.value.message_zh == "该进度已冲销"
    before = dump_derived(svc.engine)
    rebuild(svc.engine)
    assert dump_derived(svc.engine) == before
    with svc.engine.connect() as c:
        from sqlalchemy import text

        assert c.execute(text("select spent_fen from matter where id=:m"), {"m": mid}).scalar() == (
            25_000_000
        )


def _township(svc, tmp_path, name):
    from village_tui.store.rebuild import replay_into
    from village_tui.sync.review import ReviewService

    town = open_engine(tmp_path / name)
    replay_into(svc.engine, town)
    return ReviewService(town, today=lambda: TODAY)


def test_the_township_sees_both_attempts_and_may_approve_only_after_the_cure(tmp_path):
    svc = _svc(tmp_path)
    mid = _to_step_3(svc)
    _save(svc, mid, Step.RESOLUTION, _reps(29))
    _save(svc, mid, Step.RESOLUTION, _villagers(9))
    review = _township(svc, tmp_path, "t1.db")
    (row,) = review.rows_for(mid)
    assert row.retried
    assert [(a.valid, a.invalid, a.defects) for a in row.attempts if a.step == "resolution"] == [
        (False, ("quorum.representatives",), ()),
        (True, (), ("notice.villagers_assembly",)),
    ]
    with pytest.raises(ServiceError) as refused:
        review.approve(mid)
    assert "1 blocking finding" in refused.value.message_en
    _save(svc, mid, Step.RESOLUTION, _villagers(10, held=32))
    review = _township(svc, tmp_path, "t2.db")
    (row,) = review.rows_for(mid)
    assert len([a for a in row.attempts if a.step == "resolution"]) == 3 and row.blocking == 0
    review.approve(mid)
