"""A save-time check that a meeting's 应到 is not below the roster figure it should come from.

Every quorum and majority rule counts against the 应到 the meeting recorded, so an 应到
typed lower than the roster would let too small a meeting pass. It is a warning, not a
refusal (the roster may be out of date: a member died or moved away), and it is checked
only when a meeting is first recorded, against the roster of that day: later roster
changes must not reopen meetings already held.
"""

from __future__ import annotations

from .findings import Finding
from .messages import rules as msg
from .model import Meeting, Roster
from .profile import Profile
from .rule_book import Rule, W, at_least
from .rule_context import shortfall
from .steps import Assembly, Step

RULE_ID = "roster.expected_below"
# The assembly's make-up (组织法 art. 25), checked when the roster is set and at each resolution.
COMPOSITION_RULES = ("composition.representatives", "composition.women")
RULES = (
    Rule(COMPOSITION_RULES[0], W, "organic_25", {"threshold": at_least(4, 5)}),
    Rule(COMPOSITION_RULES[1], W, "organic_25", {"threshold": at_least(1, 3)}),
    Rule(RULE_ID, W, "roster"),
)

# Which roster figure a meeting's 应到 should come from, and the words for it (a BODIES key).
_FIELDS: dict[tuple[Step, str | None], str] = {
    (Step.JOINT_MEETING, None): "committee_members",
    (Step.PARTY_ASSEMBLY, None): "party_members_voting",
    (Step.RESOLUTION, Assembly.REPRESENTATIVES.value): "rep_assembly_members",
    (Step.RESOLUTION, Assembly.VILLAGERS.value): "adult_villagers",
}


def expected_below_roster(
    step: Step, record: object, roster: Roster, profile: Profile
) -> Finding | None:
    """A finding when a new meeting's 应到 is below its body's roster figure, else None."""
    if not isinstance(record, Meeting):
        return None
    key = (step, record.assembly if step is Step.RESOLUTION else None)
    if key not in _FIELDS:
        return None
    params = profile.rule(RULE_ID)
    field = _FIELDS[key]
    on_roll = getattr(roster, field)
    if not params.enabled or on_roll <= 0 or record.expected >= on_roll:
        return None
    zh, en = msg.render(
        RULE_ID, expected=record.expected, on_roll=on_roll, who=msg.ROSTER_FIGURES[field]
    )
    return Finding(RULE_ID, params.severity, step, zh, en, params.citation_zh, params.citation_en)


def composition_findings(roster: Roster, profile: Profile) -> list[Finding]:
    """The composition rules (representatives 4/5, women 1/3 of the assembly) on a roster."""
    members = roster.rep_assembly_members
    if members <= 0 or roster.representatives <= 0:  # composition not filled in
        return []
    out = []
    for rule_id, count in zip(
        COMPOSITION_RULES, (roster.representatives, roster.women_members), strict=True
    ):
        params = profile.rule(rule_id)
        if not params.enabled or params.threshold is None:
            continue
        short = shortfall(params.threshold, count, members, "expected", "representatives")
        if short:
            zh, en = msg.render(rule_id, members=members, count=count, requirement=short)
            out.append(
                Finding(
                    rule_id, params.severity, None, zh, en, params.citation_zh, params.citation_en
                )
            )
    return out
