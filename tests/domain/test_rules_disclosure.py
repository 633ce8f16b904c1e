"""Late disclosures (issue 12 point 2): a defect from day N+1, N and M from the profile."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from domain_builders import COMPLETED_ON, PROFILES, VILLAGE, d, findings, only, rule_ids, state

from village_tui.domain.findings import Severity
from village_tui.domain.model import Implementation, Posting
from village_tui.domain.profile import parse_profile
from village_tui.domain.rules import RULE_IDS, evaluate
from village_tui.domain.steps import Step
from village_tui.profiles import load_profile
from village_tui.sync.review import late_notices, owed_disclosures

S = Step
RESOLVED_ON = d(3, 8)  # the good matter's resolution


def _resolution_posted(on: date):
    st = state()
    posting = st.steps[S.RESOLUTION_DISCLOSURE]
    span = posting.until - posting.posted_on
    steps = {**st.steps, S.RESOLUTION_DISCLOSURE: Posting(posted_on=on, until=on + span)}
    # work starts the day after the posting came down, so nothing else changes
    steps[S.IMPLEMENTATION] = Implementation(started_on=on + span + timedelta(days=1))
    return dataclasses.replace(st, steps=steps)


def _result_posted(on: date):
    st = state()
    posting = st.steps[S.RESULT_DISCLOSURE]
    span = posting.until - posting.posted_on
    steps = {**st.steps, S.RESULT_DISCLOSURE: Posting(posted_on=on, until=on + span)}
    return dataclasses.replace(st, steps=steps)


@pytest.mark.parametrize("profile", PROFILES)
def test_resolution_disclosed_on_day_7_is_on_time_and_day_8_late(profile):
    assert "disclosure.resolution_late" not in rule_ids(
        findings(_resolution_posted(d(3, 15)), profile)
    )
    late = only(findings(_resolution_posted(d(3, 16)), profile), "disclosure.resolution_late")
    assert late.severity is Severity.DEFECT and late.blocking and not late.invalid
    assert late.step is S.RESOLUTION_DISCLOSURE
    assert late.message_zh == (
        "决议于2025-03-08作出，2025-03-16才公开，超过7天(最迟应于2025-03-15公开)"
    )
    assert late.message_en == (
        "The resolution of 2025-03-08 was disclosed on 2025-03-16, more than 7 days later"
        " (due by 2025-03-15)"
    )
    assert "第三十条" in late.citation_zh


@pytest.mark.parametrize("profile", PROFILES)
def test_result_disclosed_on_day_30_is_on_time_and_day_31_late(profile):
    assert d(5, 1) == COMPLETED_ON
    assert "disclosure.result_late" not in rule_ids(findings(_result_posted(d(5, 31)), profile))
    late = only(findings(_result_posted(d(6, 1)), profile), "disclosure.result_late")
    assert late.severity is Severity.DEFECT and late.step is S.RESULT_DISCLOSURE
    assert late.message_zh == (
        "实施于2025-05-01完成，2025-06-01才公开结果，超过30天(最迟应于2025-05-31公开)"
    )


def _county(rules: dict) -> object:
    """A county profile without `extends`: every rule it omits has its default."""
    data = {"id": "c", "name": {"zh": "县", "en": "County"}, "rules": rules}
    return parse_profile(data, known_rules=RULE_IDS)


def test_the_days_are_the_profiles():
    county = _county({"disclosure.resolution_late": {"days": 3, **_cite()}})
    on_time, late = _resolution_posted(d(3, 11)), _resolution_posted(d(3, 12))
    village = _village()
    assert "disclosure.resolution_late" not in rule_ids(
        evaluate(on_time, village, county, d(6, 30))
    )
    found = only(evaluate(late, village, county, d(6, 30)), "disclosure.resolution_late")
    assert "超过3天" in found.message_zh


def test_a_county_may_turn_it_off_or_make_it_a_warning():
    late = _resolution_posted(d(3, 20))
    off = _county({"disclosure.resolution_late": {"enabled": False, **_cite()}})
    assert "disclosure.resolution_late" not in rule_ids(evaluate(late, _village(), off, d(6, 30)))
    warn = _county({"disclosure.resolution_late": {"severity": "warning", **_cite()}})
    found = only(evaluate(late, _village(), warn, d(6, 30)), "disclosure.resolution_late")
    assert not found.blocking


@pytest.mark.parametrize("profile", PROFILES)
def test_the_township_reminder_uses_the_same_days(profile):
    # Owed, not yet posted: a reminder (not a finding) from the day after the due day.
    prof = load_profile(profile)
    st = state(completed_on=None)
    st = dataclasses.replace(
        st, steps={k: v for k, v in st.steps.items() if k.index <= S.RESOLUTION.index}
    )
    assert owed_disclosures(st, prof) == [(S.RESOLUTION_DISCLOSURE, RESOLVED_ON, d(3, 15))]
    assert late_notices(st, d(3, 15), prof) == []
    (late,) = late_notices(st, d(3, 16), prof)
    assert (late.step, late.days) == (S.RESOLUTION_DISCLOSURE, 8)
    off = _county({"disclosure.resolution_late": {"enabled": False, **_cite()}})
    assert owed_disclosures(st, off) == []


def _cite() -> dict:
    return {"citation": {"zh": "县文件", "en": "county rule"}}


def _village():
    return VILLAGE
