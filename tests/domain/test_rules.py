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

B, W = Severity.BLOCKING, Severity.WARNING
SEVERITY = {
    "order.sequence": W,
    "threshold.skipped_step": B,
    "order.merged": W,
    "order.dates": B,
    "date.future": B,
    "quorum.proposal": W,
    "quorum.joint_meeting": W,
    "majority.joint_meeting": W,
    "quorum.party_assembly": B,
    "majority.party_assembly": B,
    "plan.sent_in_advance": W,
    "quorum.representatives": B,
    "majority.representatives": B,
    "quorum.villagers": B,
    "majority.villagers": B,
    "majority.land_two_thirds": B,
    "composition.representatives": W,
    "composition.women": W,
    "notice.villagers_assembly": B,
    "posting.resolution_period": B,
    "posting.result_period": B,
    "implementation.before_posting_end": B,
    "results.before_completion": B,
    "objections.unanswered": W,
}


def test_severity_table_covers_every_rule():
    assert set(SEVERITY) == set(RULE_IDS)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_severities(profile, rule_id):
    assert load_profile(profile).rule(rule_id).severity is SEVERITY[rule_id]


@pytest.mark.parametrize(("profile", "severity"), [("national", W), ("henan-4+2", B)])
def test_dibao_posting_severity(profile, severity):
    assert load_profile(profile).rule("posting.resolution_period", "dibao").severity is severity


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
