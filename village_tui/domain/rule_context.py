"""What every rule check shares: the matter, the village, the profile, today, and share arithmetic."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

from .findings import Finding
from .messages import rules as msg
from .model import MatterState, Meeting, Village
from .model import record_date as record_date  # its home is the model; checks import it here
from .profile import Fraction, Profile, RuleParams
from .steps import ORDER, Step

# Which roster figure a body's "members" basis reads.
ROSTER_FIELD = {
    "joint_meeting": "committee_members",
    "party_assembly": "party_members_voting",
    "representatives": "rep_assembly_members",
    "villagers": "adult_villagers",
    "households": "households",
}


STEP_INDEX: dict[Step, int] = {step: i for i, step in enumerate(ORDER)}
# Rule parameters per (profile, category), shared by every evaluation: a profile
# merges and parses a rule on each `Profile.rule` call, and a report or a
# dashboard asks the same few dozen questions for thousands of matters. Keyed
# by id() with the profile kept alive beside its rules, so an id is never reused
# while its entry exists; a handful of profiles is all a process ever holds.
_RULE_TABLES: dict[tuple[int, str], tuple[Profile, dict[str, RuleParams]]] = {}
_RULE_TABLES_MAX = 64


def _rule_table(profile: Profile, category: str) -> dict[str, RuleParams]:
    key = (id(profile), category)
    entry = _RULE_TABLES.get(key)
    if entry is None or entry[0] is not profile:
        if len(_RULE_TABLES) >= _RULE_TABLES_MAX:
            _RULE_TABLES.clear()
        entry = _RULE_TABLES[key] = (profile, {})
    return entry[1]


@dataclasses.dataclass
class Context:
    """One evaluation: the matter, its village, the profile and today."""

    state: MatterState
    village: Village
    profile: Profile
    today: date
    _rules: dict[str, RuleParams] = dataclasses.field(init=False, repr=False)
    _recorded: list[Step] | None = dataclasses.field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._rules = _rule_table(self.profile, self.state.matter.category)

    def rule(self, rule_id: str) -> RuleParams:
        """The rule as the profile sets it for this matter's category."""
        params = self._rules.get(rule_id)
        if params is None:
            params = self._rules[rule_id] = self.profile.rule(rule_id, self.state.matter.category)
        return params

    def finding(
        self, params: RuleParams, step: Step | None, key: str, /, **values: object
    ) -> Finding:
        """A finding of `params`' rule about `step`, its message rendered from catalogue `key`."""
        zh, en = msg.render(key, **values)
        return Finding(
            params.rule_id, params.severity, step, zh, en, params.citation_zh, params.citation_en
        )

    def steps(self) -> list[Step]:
        """The recorded steps in procedure order (sorted once per evaluation; do not modify)."""
        if self._recorded is None:
            self._recorded = sorted(self.state.steps, key=STEP_INDEX.__getitem__)
        return self._recorded


def step_name(step: Step) -> tuple[str, str]:
    """The (zh, en) name of a step."""
    return msg.STEPS[step.value]


def basis_total(ctx: Context, basis: str, meeting: Meeting, body: str) -> int:
    """What a share is taken of: 应到, 实到, or the roster ("members", falling back to 应到)."""
    if basis == "present":
        return meeting.present
    if basis == "members":
        field = ROSTER_FIELD.get(body)
        on_roll = getattr(ctx.village.roster, field) if field else 0
        return on_roll or meeting.expected
    return meeting.expected


def noun(basis: str, body: str) -> tuple[str, str]:
    """The (zh, en) words for a share's total, e.g. ("组成人员", "members")."""
    return msg.PRESENT_NOUN if basis == "present" else msg.BASIS_NOUNS[(basis, body)]


def shortfall(
    frac: Fraction, count: int, total: int, basis: str, body: str, unit: str = "人"
) -> tuple[str, str] | None:
    """None when `count` meets the share, else the (zh, en) requirement phrase."""
    if frac.met(count, total):
        return None
    return msg.requirement(
        frac.num, frac.den, frac.inclusive, total, frac.needed(total), noun(basis, body), unit
    )


def quorum(
    ctx: Context, rule_id: str, step: Step, meeting: Meeting, body: str
) -> Iterator[Finding]:
    """A finding when fewer than the share of `body` attended."""
    params = ctx.rule(rule_id)
    if not params.enabled or params.threshold is None:
        return
    total = basis_total(ctx, params.basis, meeting, body)
    if total <= 0:  # nothing recorded to count against (validation refuses it elsewhere)
        return
    short = shortfall(params.threshold, meeting.present, total, params.basis, body)
    if short:
        yield ctx.finding(
            params, step, rule_id, body=msg.BODIES[body], present=meeting.present, requirement=short
        )


def majority(
    ctx: Context, rule_id: str, step: Step, meeting: Meeting, body: str, *, required: bool
) -> Iterator[Finding]:
    """A finding when too few agreed, or (if `required`) when no votes were recorded."""
    params = ctx.rule(rule_id)
    if not params.enabled or params.threshold is None:
        return
    if meeting.votes_for is None:
        if required:
            yield ctx.finding(params, step, f"{rule_id}:missing", body=msg.BODIES[body])
        return
    total = basis_total(ctx, params.basis, meeting, body)
    if total <= 0:
        return
    short = shortfall(params.threshold, meeting.votes_for, total, params.basis, body)
    if short:
        yield ctx.finding(
            params,
            step,
            rule_id,
            body=msg.BODIES[body],
            votes_for=meeting.votes_for,
            requirement=short,
        )
