"""A new meeting whose 应到 is below the roster figure needs a confirmation; a correction does not reopen it."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.model import Meeting
from village_tui.domain.roster_check import RULE_ID
from village_tui.domain.steps import Step
from village_tui.store.services import NeedsConfirmation


def _meeting(expected: int, present: int, votes: int) -> Meeting:
    return Meeting(
        held_on=date(2026, 6, 1),
        expected=expected,
        present=present,
        votes_for=votes,
        votes_against=0,
        votes_abstain=0,
    )


@pytest.mark.parametrize(("expected", "asks"), [(44, True), (45, False)])
def test_party_assembly_expected_against_the_roster_of_45(service, expected, asks):
    mid = service.open_matter(
        title="修路", category="road", source="cadres", opened_on=date(2026, 5, 1)
    )
    meeting = _meeting(expected, expected, expected)
    if not asks:
        service.record_step(mid, Step.PARTY_ASSEMBLY, meeting, acknowledged=["order.sequence"])
        return
    with pytest.raises(NeedsConfirmation) as asked:
        service.record_step(mid, Step.PARTY_ASSEMBLY, meeting, acknowledged=["order.sequence"])
    found = [f for f in asked.value.findings if f.rule_id == RULE_ID]
    assert (
        found
        and found[0].message_zh == "应到44人，少于花名册中有表决权党员45人；到会和表决都按应到计算"
    )
    service.record_step(mid, Step.PARTY_ASSEMBLY, meeting, acknowledged=["order.sequence", RULE_ID])
    # Steps 1 and 2 are missing, so this attempt is recorded as not valid; the
    # confirmation is on record all the same.
    assert RULE_ID in service.history(mid)[-1].data["acknowledged"]


@pytest.mark.parametrize(
    ("representatives", "women", "asked"),
    [
        (36, 15, set()),  # 4/5 of 45 is 36; 1/3 of 45 is 15
        (35, 15, {"composition.representatives"}),
        (36, 14, {"composition.women"}),
    ],
)
def test_composition_is_checked_when_the_roster_changes(service, representatives, women, asked):
    import dataclasses

    roster = dataclasses.replace(
        service.village().roster, representatives=representatives, women_members=women
    )
    if not asked:
        service.change_roster(roster, "换届")
        return
    with pytest.raises(NeedsConfirmation) as found:
        service.change_roster(roster, "换届")
    assert {f.rule_id for f in found.value.findings} == asked
    assert service.village().roster.representatives == 38  # nothing recorded yet
    service.change_roster(roster, "换届", acknowledged=sorted(asked))
    assert service.village().roster.representatives == representatives
