"""The evaluator's API: severities per profile, preview, acknowledgements, the catalogue, purity."""

from __future__ import annotations

import subprocess
import sys

import pytest
from domain_builders import PROFILES, VILLAGE, change, d, findings, rule_ids, state, without

from village_tui.domain.findings import Severity
from village_tui.domain.model import Meeting
from village_tui.domain.rules import RULE_IDS, preview, unacknowledged
from village_tui.domain.steps import Step
from village_tui.i18n import rules as catalogue
from village_tui.profiles import load_profile

INV, D, W = Severity.INVALID, Severity.DEFECT, Severity.WARNING
# Written out by hand from docs/decisions.md (issue 11), not read from the code.
SEVERITY = {
    "order.sequence": INV,
    "threshold.skipped_step": INV,
    "order.merged": W,
    "order.dates": INV,
    "date.future": INV,
    "quorum.proposal": INV,
    "quorum.joint_meeting": W,
    "majority.joint_meeting": W,
    "quorum.party_assembly": INV,
    "majority.party_assembly": INV,
    "plan.sent_in_advance": W,
    "quorum.representatives": INV,
    "majority.representatives": INV,
    "quorum.villagers": INV,
    "majority.villagers": INV,
    "majority.land_two_thirds": INV,
    "composition.representatives": W,
    "composition.women": W,
    "notice.villagers_assembly": D,
    "posting.resolution_period": D,
    "posting.result_period": D,
    "implementation.before_posting_end": W,
    "results.before_completion": D,
    "objections.unanswered": W,
    "objections.after_posting": W,
    "spending.over_resolved": W,
    "spending.over_threshold": D,
    "roster.expected_below": W,
    "disclosure.resolution_late": D,
    "disclosure.result_late": D,
}


def test_severity_table_covers_every_rule():
    assert set(SEVERITY) == set(RULE_IDS)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_severities(profile, rule_id):
    assert load_profile(profile).rule(rule_id).severity is SEVERITY[rule_id]


@pytest.mark.parametrize(("profile", "days"), [("national", 0), ("henan-4+2", 7)])
def test_dibao_posting_days_belong_to_the_practice_profile(profile, days):
    # 社会救助暂行办法 art. 11 sets no period: the 7 days are Henan practice.
    params = load_profile(profile).rule("posting.resolution_period", "dibao")
    assert (params.days, params.severity) == (days, D)


@pytest.mark.parametrize(
    ("profile", "enabled"),
    [("national", False), ("henan-4+2", True)],
)
def test_plan_rule_is_henan_practice(profile, enabled):
    assert load_profile(profile).rule("plan.sent_in_advance").enabled is enabled


def test_every_rule_has_a_template():
    for rule_id in RULE_IDS:
        assert catalogue.template(rule_id)["zh"] and catalogue.template(rule_id)["en"]


def test_catalogue_fallback_to_family():
    assert catalogue.template("quorum.party_assembly") is catalogue.MESSAGES["quorum"]
    assert (
        catalogue.template("majority.villagers:missing") is catalogue.MESSAGES["majority:missing"]
    )
    assert (
        catalogue.template("quorum.villagers:households")
        is (catalogue.MESSAGES["quorum.villagers:households"])
    )


def test_yuan():
    assert catalogue.yuan(5_000_000) == "50,000.00"
    assert catalogue.yuan(1) == "0.01"
    assert catalogue.yuan(-150) == "-1.50"


def _before_resolution():
    st = state(completed_on=None)
    return without(
        st, Step.RESOLUTION, Step.RESOLUTION_DISCLOSURE, Step.IMPLEMENTATION, Step.RESULT_DISCLOSURE
    )


@pytest.mark.parametrize("profile", PROFILES)
def test_preview_shows_what_saving_would_cause(profile):
    st = change(_before_resolution(), Step.PROPOSAL, present=2)  # an old finding on step 1
    record = Meeting(held_on=d(3, 8), expected=45, present=29, votes_for=25)
    found = preview(st, VILLAGE, load_profile(profile), Step.RESOLUTION, record, d(6, 30))
    assert rule_ids(found) == {"quorum.representatives"}
    assert all(f.step is Step.RESOLUTION for f in found)
    assert Step.RESOLUTION not in st.steps  # the state itself is untouched


def test_preview_keeps_order_findings():
    st = without(_before_resolution(), Step.PARTY_ASSEMBLY)
    record = Meeting(held_on=d(3, 1), expected=45, present=40, votes_for=35)
    found = preview(st, VILLAGE, load_profile("national"), Step.RESOLUTION, record, d(6, 30))
    assert rule_ids(found) == {"order.sequence", "order.dates"}


def test_preview_of_a_good_record_is_empty():
    st = _before_resolution()
    record = state().steps[Step.RESOLUTION]
    for profile in PROFILES:
        assert preview(st, VILLAGE, load_profile(profile), Step.RESOLUTION, record, d(6, 30)) == []


def test_unacknowledged_drops_acknowledged_warnings_only():
    st = change(
        change(state(), Step.RESOLUTION, women_among_members=14),
        Step.PARTY_ASSEMBLY,
        present=33,
        votes_for=33,
    )
    found = findings(st)
    assert rule_ids(found) == {
        "composition.women",
        "quorum.party_assembly",
        "majority.party_assembly",
    }
    assert unacknowledged(found, st) == found
    acked = change(st, Step.RESOLUTION)
    acked.acknowledged = {
        Step.RESOLUTION: frozenset({"composition.women"}),
        Step.PARTY_ASSEMBLY: frozenset(
            {"quorum.party_assembly"}
        ),  # blocking: cannot be waved through
    }
    assert rule_ids(unacknowledged(found, acked)) == {
        "quorum.party_assembly",
        "majority.party_assembly",
    }
    acked.acknowledged = {Step.PARTY_ASSEMBLY: frozenset({"composition.women"})}  # wrong step
    assert rule_ids(unacknowledged(found, acked)) == rule_ids(found)


def test_findings_come_in_procedure_order():
    st = change(change(state(), Step.RESOLUTION, women_among_members=14), Step.PROPOSAL, present=2)
    assert [f.step for f in findings(st)] == [Step.PROPOSAL, Step.RESOLUTION]


def test_domain_imports_without_textual_or_sql():
    code = (
        "import sys, village_tui.domain.rules, village_tui.domain.validate, village_tui.profiles;"
        "village_tui.profiles.load_profile('henan-4+2');"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy', 'sqlmodel', 'alembic')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_class_a_citation_and_both_messages(profile, rule_id):
    params = load_profile(profile).rule(rule_id)
    assert params.severity in (INV, D, W)
    assert params.citation_zh.strip() and params.citation_en.strip()
    keys = [k for k in catalogue.MESSAGES if k == rule_id or k.startswith(rule_id + ":")]
    for key in keys or [rule_id]:
        zh, en = catalogue.template(key)["zh"], catalogue.template(key)["en"]
        assert zh.strip() and en.strip() and zh != en


def test_legacy_blocking_means_the_rules_own_class():
    from village_tui.domain.profile import parse_profile

    data = {
        "id": "old-county",
        "name": {"zh": "旧县", "en": "Old county"},
        "rules": {
            "quorum.representatives": {
                "severity": "blocking",
                "citation": {"zh": "组织法", "en": "Organic Law"},
            },
            "order.merged": {"severity": "blocking", "citation": {"zh": "县", "en": "county"}},
        },
    }
    prof = parse_profile(data)
    assert prof.rule("quorum.representatives").severity is INV
    assert prof.rule("order.merged").severity is D
    # A rule added later and missing from an old county profile gets its default.
    assert prof.rule("spending.over_resolved").severity is W


def _spent(*amounts, reversed_=()):
    from village_tui.domain.model import ProgressEntry

    return [
        ProgressEntry(id=f"p{i}", on=d(4, 1), spent_fen=a, reversed=i in reversed_)
        for i, a in enumerate(amounts)
    ]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("amounts", "reversed_", "expected"),
    [
        ((600_000, 400_000), (), set()),  # exactly the 10,000 yuan resolved
        ((600_000, 400_001), (), {"spending.over_resolved"}),
        ((600_000, 500_000), (1,), set()),  # the wrong entry reversed
    ],
)
def test_spending_beyond_the_resolved_amount(profile, amounts, reversed_, expected):
    found = findings(state(progress=_spent(*amounts, reversed_=reversed_)), profile)
    assert rule_ids(found) == expected
    if expected:
        f = next(f for f in found if f.rule_id == "spending.over_resolved")
        assert f.message_zh == "已支出10,000.01元，超过决议金额10,000.00元"
        assert f.severity is W


@pytest.mark.parametrize(
    ("spent", "expected"),
    [(1_100_000, "spending.over_resolved"), (1_100_001, "spending.over_threshold")],
)
def test_spending_margin_is_a_defect_where_the_profile_turns_it_on(spent, expected):
    import dataclasses as dc

    prof = load_profile("national")
    rules = dict(prof.rules)
    rules["spending.over_threshold"] = {**rules["spending.over_threshold"], "enabled": True}
    prof = dc.replace(prof, rules=rules)
    from village_tui.domain.rules import evaluate

    found = evaluate(state(progress=_spent(spent)), VILLAGE, prof, d(6, 30))
    assert rule_ids(found) == {expected}


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("received", "expected"), [(d(3, 16), set()), (d(3, 17), {"objections.after_posting"})]
)
def test_objection_after_the_posting_ended_is_questioned(profile, received, expected):
    from village_tui.domain.model import Objection

    o = Objection(id="o1", step="resolution_disclosure", received_on=received, replied_on=d(3, 20))
    assert rule_ids(findings(state(objections=[o]), profile)) == expected
