"""A save-time check that a meeting's 应到 is not below the roster figure it should come from.

Every quorum and majority rule counts against the 应到 the meeting recorded, so an 应到
typed lower than the roster would let too small a meeting pass. It is a warning, not a
refusal (the roster may be out of date: a member died or moved away), and it is checked
only when a meeting is first recorded, against the roster of that day: later roster
changes must not reopen meetings already held.
"""

from __future__ import annotations

from .messages import rules as msg
from .findings import Finding, Severity
from .model import Meeting, Roster
from .profile import Profile
from .rule_context import shortfall
from .steps import Assembly, Step

RULE_ID = "roster.expected_below"

_FIELDS: dict[tuple[Step, str | None], tuple[str, str, str]] = {
    (Step.JOINT_MEETING, None): ("committee_members", "两委成员", "two-committee members"),
    (Step.PARTY_ASSEMBLY, None): (
        "party_members_voting",
        "有表决权党员",
        "Party members with a vote",
    ),
    (Step.RESOLUTION, Assembly.REPRESENTATIVES.value): (
        "rep_assembly_members",
        "村民代表会议组成人员",
        "representative assembly members",
    ),
    (Step.RESOLUTION, Assembly.VILLAGERS.value): (
        "adult_villagers",
        "年满十八周岁村民",
        "adult villagers",
    ),
}


def expected_below_roster(step: Step, record: object, roster: Roster) -> Finding | None:
    """A warning when a new meeting's 应到 is below its body's roster figure, else None."""
    if not isinstance(record, Meeting):
        return None
    key = (step, record.assembly if step is Step.RESOLUTION else None)
    if key not in _FIELDS:
        return None
    field, zh, en = _FIELDS[key]
    on_roll = getattr(roster, field)
    if on_roll <= 0 or record.expected >= on_roll:
        return None
    return Finding(
        rule_id=RULE_ID,
        severity=Severity.WARNING,
        step=step,
        message_zh=f"应到{record.expected}人，少于花名册中{zh}{on_roll}人；到会和表决都按应到计算",
        message_en=f"Expected {record.expected}, fewer than the roster's {on_roll} {en}; quorum and votes count against it",
        citation_zh="花名册（应到人数以花名册为准）",
        citation_en="Roster (the expected figure comes from the roster)",
    )


def composition_findings(roster: Roster, profile: Profile) -> list[Finding]:
    """The composition rules (representatives 4/5, women 1/3 of the assembly) on a roster."""
    members = roster.rep_assembly_members
    if members <= 0 or roster.representatives <= 0:  # composition not filled in
        return []
    out = []
    for rule_id, count in (
        ("composition.representatives", roster.representatives),
        ("composition.women", roster.women_members),
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
