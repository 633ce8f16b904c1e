"""Order, dates, postings, implementation, results and objections at their boundaries."""

from __future__ import annotations

import dataclasses

import pytest
from domain_builders import PROFILES, change, d, findings, only, rule_ids, state, without

from village_tui.domain.model import Objection, Posting, ProgressEntry
from village_tui.domain.steps import Step
from village_tui.profiles import load_profile

BOTH = PROFILES
NATIONAL = ("national",)
HENAN = ("henan-4+2",)
S = Step


MAR_1, MAR_8, MAR_9 = d(3, 1), d(3, 8), d(3, 9)


def early(category="road", posted=MAR_1, until=MAR_8, started=MAR_9):
    """A matter whose resolution is posted on `posted` (meetings in February)."""
    st = state(category=category)
    st = change(st, S.PROPOSAL, held_on=d(2, 20))
    st = change(st, S.JOINT_MEETING, held_on=d(2, 21))
    st = change(st, S.PARTY_ASSEMBLY, held_on=d(2, 25), plan_sent_on=d(2, 20))
    st = change(st, S.RESOLUTION, held_on=d(2, 27))
    st = change(st, S.RESOLUTION_DISCLOSURE, posted_on=posted, until=until)
    return change(st, S.IMPLEMENTATION, started_on=started)


def open_objection(step=S.RESOLUTION_DISCLOSURE, replied_on=None):
    return Objection(id="o1", step=step.value, received_on=d(3, 10), replied_on=replied_on)


def posting_only(**kw):
    """Steps 1-5 recorded, the resolution still posted (03-09 to 03-16)."""
    st = without(state(completed_on=None), S.IMPLEMENTATION, S.RESULT_DISCLOSURE)
    return dataclasses.replace(st, **kw)


# (profiles, case, state, today or None, expected rule ids)
CASES = [
    (BOTH, "a good matter", state(), None, set()),
    (BOTH, "only step 1", without(state(completed_on=None), *list(S)[1:]), None, set()),
    # Order: a recorded step with an earlier one missing.
    (BOTH, "step 3 missing", without(state(), S.PARTY_ASSEMBLY), None, {"order.sequence"}),
    (BOTH, "implementation missing", without(state(), S.IMPLEMENTATION), None, {"order.sequence"}),
    (
        HENAN,
        "step 3 missing at 4,999,999 fen",
        without(state(planned_fen=4_999_999), S.PARTY_ASSEMBLY),
        None,
        {"order.sequence"},
    ),
    (
        HENAN,
        "step 3 missing at 5,000,000 fen",
        without(state(planned_fen=5_000_000), S.PARTY_ASSEMBLY),
        None,
        {"threshold.skipped_step"},
    ),
    (
        NATIONAL,
        "no national money threshold",
        without(state(planned_fen=10**9), S.PARTY_ASSEMBLY),
        None,
        {"order.sequence"},
    ),
    # Merged steps 1 and 2 (一肩挑).
    (
        BOTH,
        "merged, same day, own sign-in",
        change(state(), S.JOINT_MEETING, held_on=d(3, 1), merged_with_proposal=True),
        None,
        set(),
    ),
    (
        BOTH,
        "merged, shared sign-in",
        change(
            state(),
            S.JOINT_MEETING,
            held_on=d(3, 1),
            merged_with_proposal=True,
            expected=0,
            present=0,
        ),
        None,
        set(),
    ),
    (
        BOTH,
        "merged, shared sign-in short",
        change(
            change(state(), S.PROPOSAL, present=2),
            S.JOINT_MEETING,
            held_on=d(3, 1),
            merged_with_proposal=True,
            expected=0,
            present=0,
        ),
        None,
        {"quorum.proposal", "quorum.joint_meeting"},
    ),
    (
        BOTH,
        "merged, different day",
        change(state(), S.JOINT_MEETING, merged_with_proposal=True),
        None,
        {"order.merged"},
    ),
    (
        BOTH,
        "merged, step 1 missing",
        without(
            change(state(), S.JOINT_MEETING, merged_with_proposal=True, expected=0, present=0),
            S.PROPOSAL,
        ),
        None,
        {"order.sequence"},
    ),
    # Dates in order: the same day is fine, a day earlier is not.
    (
        BOTH,
        "step 3 same day as step 2",
        change(state(), S.PARTY_ASSEMBLY, held_on=d(3, 2), plan_sent_on=d(2, 27)),
        None,
        set(),
    ),
    (
        BOTH,
        "step 3 before step 2",
        change(state(), S.PARTY_ASSEMBLY, held_on=d(3, 1), plan_sent_on=d(2, 26)),
        None,
        {"order.dates"},
    ),
    (
        BOTH,
        "step 6 before implementation",
        change(
            state(completed_on=d(3, 16)), S.RESULT_DISCLOSURE, posted_on=d(3, 16), until=d(3, 23)
        ),
        None,
        {"order.dates"},
    ),
    # Nothing dated after today.
    (
        BOTH,
        "step 6 posted today",
        change(state(), S.RESULT_DISCLOSURE, posted_on=d(6, 30), until=d(7, 7)),
        None,
        {"disclosure.result_late"},  # today is no future date, but 60 days after completion
    ),
    (
        BOTH,
        "step 6 posted tomorrow",
        change(state(), S.RESULT_DISCLOSURE, posted_on=d(7, 1), until=d(7, 8)),
        None,
        {"date.future", "disclosure.result_late"},
    ),
    (
        BOTH,
        "progress tomorrow",
        state(progress=[ProgressEntry("p", d(7, 1))]),
        None,
        {"date.future"},
    ),
    (
        BOTH,
        "completion tomorrow",
        state(completed_on=d(7, 1)),
        None,
        {"date.future", "results.before_completion"},
    ),
    # Resolution posting: no national minimum; Henan 7 days; 征地 30; 低保 7.
    (NATIONAL, "road posted one day", early(until=d(3, 1), started=d(3, 2)), None, set()),
    (HENAN, "7 days: 03-01 to 03-08", early(), None, set()),
    (HENAN, "7 days: 03-01 to 03-07", early(until=d(3, 7)), None, {"posting.resolution_period"}),
    (
        BOTH,
        "land compensation 30 days",
        early("land_compensation", until=d(3, 31), started=d(4, 1)),
        None,
        set(),
    ),
    (
        BOTH,
        "land compensation 29 days",
        early("land_compensation", until=d(3, 30), started=d(4, 1)),
        None,
        {"posting.resolution_period"},
    ),
    (BOTH, "dibao 7 days", early("dibao"), None, set()),
    (HENAN, "dibao 6 days", early("dibao", until=d(3, 7)), None, {"posting.resolution_period"}),
    # 社会救助暂行办法 art. 11 sets no period: the national floor asks for none.
    (NATIONAL, "dibao 1 day", early("dibao", until=d(3, 1), started=d(3, 2)), None, set()),
    # Result posting: Henan 7 days, national none.
    (HENAN, "results 7 days", state(), None, set()),
    (
        HENAN,
        "results 6 days",
        change(state(), S.RESULT_DISCLOSURE, until=d(5, 8)),
        None,
        {"posting.result_period"},
    ),
    (NATIONAL, "results 0 days", change(state(), S.RESULT_DISCLOSURE, until=d(5, 2)), None, set()),
    # Implementation waits for the end of the resolution's posting period.
    (HENAN, "start 03-09 after 03-01 + 7", early(started=d(3, 9)), None, set()),
    (
        HENAN,
        "start 03-08 after 03-01 + 7",
        early(started=d(3, 8)),
        None,
        {"implementation.before_posting_end"},
    ),
    (
        BOTH,
        "dibao start 03-08",
        early("dibao", started=d(3, 8)),
        None,
        {"implementation.before_posting_end"},
    ),
    (
        BOTH,
        "land compensation start 03-31",
        early("land_compensation", until=d(3, 31), started=d(3, 31)),
        None,
        {"implementation.before_posting_end"},
    ),
    # Not before the recorded posting has ended, whatever the profile's minimum.
    (NATIONAL, "road start the day after the posting ended", early(started=d(3, 9)), None, set()),
    (
        BOTH,
        "road start on the last day of the posting",
        early(started=d(3, 8)),
        None,
        {"implementation.before_posting_end"},
    ),
    (
        NATIONAL,
        "road start on the posting day",
        early(started=d(3, 1)),
        None,
        {"implementation.before_posting_end"},
    ),
    (
        NATIONAL,
        "road start before posting",
        early(started=d(2, 28)),
        None,
        {"implementation.before_posting_end", "order.dates"},
    ),
    # Results disclosed only after completion.
    (BOTH, "results posted on completion day", state(completed_on=d(5, 2)), None, set()),
    (
        BOTH,
        "results posted before completion",
        state(completed_on=d(5, 3)),
        None,
        {"results.before_completion"},
    ),
    (
        BOTH,
        "results posted, no completion",
        state(completed_on=None),
        None,
        {"results.before_completion"},
    ),
    # Objections unanswered once the posting came down (03-16).
    (
        BOTH,
        "objection open on last day",
        posting_only(objections=[open_objection()]),
        d(3, 16),
        set(),
    ),
    (
        BOTH,
        "objection open after last day",
        posting_only(objections=[open_objection()]),
        d(3, 17),
        {"objections.unanswered"},
    ),
    (
        BOTH,
        "objection answered",
        posting_only(objections=[open_objection(replied_on=d(3, 12))]),
        d(3, 17),
        set(),
    ),
    (
        BOTH,
        "objection to another posting",
        posting_only(objections=[open_objection(S.RESULT_DISCLOSURE)]),
        d(3, 17),
        set(),
    ),
    (
        BOTH,
        "objection to results",
        state(objections=[open_objection(S.RESULT_DISCLOSURE)]),
        None,
        {"objections.unanswered"},
    ),
]


@pytest.mark.parametrize(
    ("profile", "st", "today", "expected"),
    [pytest.param(p, st, t, exp, id=f"{p}: {case}") for ps, case, st, t, exp in CASES for p in ps],
)
def test_step_rules(profile, st, today, expected):
    found = findings(st, profile, today=today or d(6, 30))
    assert rule_ids(found) == expected
    prof = load_profile(profile)
    for f in found:
        params = prof.rule(f.rule_id, st.matter.category)
        assert f.severity is params.severity
        assert (f.citation_zh, f.citation_en) == (params.citation_zh, params.citation_en)


def test_skipped_step_finding_concerns_the_later_step():
    found = findings(without(state(), S.JOINT_MEETING, S.PARTY_ASSEMBLY))
    assert {f.step for f in found} == {S.RESOLUTION}
    assert [f.message_zh for f in found] == [
        "已记录第4步(村民会议或村民代表会议决议)，但第2步(村“两委”会商议)尚未记录",
        "已记录第4步(村民会议或村民代表会议决议)，但第3步(党员大会审议)尚未记录",
    ]


EXACT = [
    (
        "henan-4+2",
        without(state(planned_fen=5_000_000), S.PARTY_ASSEMBLY),
        "threshold.skipped_step",
        "事项计划金额50,000.00元达到50,000.00元标准，不得跳过第3步(党员大会审议)(已记录第4步(村民会议或村民代表会议决议))",
        "The planned 50,000.00 yuan reaches the 50,000.00 yuan threshold: Step 3 (Party members' review) cannot be skipped (Step 4 (villagers' resolution) is recorded)",
    ),
    (
        "henan-4+2",
        early(until=d(3, 7)),
        "posting.resolution_period",
        "第5步(决议公开)自2025-03-01至2025-03-07，不足7天(最早2025-03-08期满后撤下)",
        "Step 5 (disclosure of the resolution) ran from 2025-03-01 to 2025-03-07, less than 7 days (may come down at the end of 2025-03-08)",
    ),
    (
        "henan-4+2",
        early(started=d(3, 8)),
        "implementation.before_posting_end",
        "2025-03-08开始实施，早于决议公开期满(自2025-03-01起公示7天，2025-03-09起方可实施)",
        "Implementation started on 2025-03-08, before the resolution's posting ended (posted 2025-03-01 for 7 days; may start from 2025-03-09)",
    ),
    (
        "national",
        posting_only(objections=[open_objection()]),
        "objections.unanswered",
        "第5步(决议公开)已于2025-03-16期满，仍有1条异议未答复",
        "Step 5 (disclosure of the resolution) ended on 2025-03-16 with 1 objection(s) still unanswered",
    ),
    (
        "national",
        change(state(), S.PARTY_ASSEMBLY, held_on=d(3, 1), plan_sent_on=d(2, 26)),
        "order.dates",
        "第3步(党员大会审议)日期(2025-03-01)早于第2步(村“两委”会商议)日期(2025-03-02)",
        "Step 3 (Party members' review) is dated 2025-03-01, before Step 2 (joint consultation) (2025-03-02)",
    ),
    (
        "national",
        state(completed_on=d(5, 3)),
        "results.before_completion",
        "实施结果于2025-05-02公开，早于完成日期2025-05-03",
        "The results were posted on 2025-05-02, before completion on 2025-05-03",
    ),
    (
        "national",
        state(progress=[ProgressEntry("p", d(7, 1))]),
        "date.future",
        "实施进度日期(2025-07-01)晚于今天(2025-06-30)",
        "Progress entry date (2025-07-01) is after today (2025-06-30)",
    ),
]


@pytest.mark.parametrize(("profile", "st", "rule_id", "zh", "en"), EXACT)
def test_messages_carry_the_figures(profile, st, rule_id, zh, en):
    today = d(3, 17) if rule_id == "objections.unanswered" else d(6, 30)
    f = only(findings(st, profile, today=today), rule_id)
    assert (f.message_zh, f.message_en) == (zh, en)


def test_a_running_posting_is_not_a_finding():
    st = posting_only()
    assert findings(st, "henan-4+2", today=d(3, 10)) == []
    st = dataclasses.replace(
        st, steps={**st.steps, S.RESOLUTION_DISCLOSURE: Posting(posted_on=d(3, 9), until=d(3, 12))}
    )
    # Planned to come down too early: a finding even while it is still up.
    assert rule_ids(findings(st, "henan-4+2", today=d(3, 10))) == {"posting.resolution_period"}
