"""The one rule evaluator: a matter's recorded steps checked against a rule profile.

Every threshold, period, severity and citation comes from the profile; this
module only knows what each rule compares. Each rule is declared beside its check
(`rule_book.Rule`); messages come from the catalogue in `domain.messages.rules`.

Merged steps 1 and 2 (一肩挑): where the Party secretary also chairs the 村委会,
the proposal and the consultation may be one meeting. It is still recorded as
two steps, so the ledger keeps its six columns: step 1 as usual, and step 2
with `merged_with_proposal=True` and the same `held_on`. Step 2 may then leave
its attendance empty (expected 0): its quorum is read from step 1's sign-in.
A merged step 2 without step 1 is a skip like any other (order.sequence) and
one dated differently from step 1 is `order.merged`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date

from .checks_disclosure import check_late_disclosures
from .checks_meetings import check_meetings
from .checks_steps import (
    ORDER_RULES,
    check_dates,
    check_future,
    check_implementation,
    check_objections,
    check_order,
    check_postings,
    check_results,
    check_spending,
)
from .findings import Finding, Severity
from .model import MatterState, StepRecord, Village
from .profile import Profile
from .rule_book import rule_book
from .rule_context import Context, record_date
from .steps import Step

# Every rule, as declared beside its check (`rule_book`).
RULE_IDS: tuple[str, ...] = tuple(rule_book())

CHECKS: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    check_order,
    check_dates,
    check_future,
    check_meetings,
    check_postings,
    check_late_disclosures,
    check_implementation,
    check_results,
    check_spending,
    check_objections,
)


def evaluate(state: MatterState, village: Village, profile: Profile, today: date) -> list[Finding]:
    """Every finding the matter has today under `profile`, in procedure order."""
    ctx = Context(state, village, profile, today)
    return [f for check in CHECKS for f in check(ctx)]


def preview(
    state: MatterState,
    village: Village,
    profile: Profile,
    step: Step,
    record: StepRecord,
    today: date,
) -> list[Finding]:
    """The findings about `step` (and the order of steps) if `record` were saved for it."""
    trial = dataclasses.replace(state, steps={**state.steps, step: record})
    return [
        f
        for f in evaluate(trial, village, profile, today)
        if f.step is step or f.rule_id in ORDER_RULES
    ]


def unacknowledged(findings: list[Finding], state: MatterState) -> list[Finding]:
    """The findings still needing attention: invalid steps and defects, and unconfirmed warnings."""
    return [
        f
        for f in findings
        if f.severity is not Severity.WARNING
        or f.step is None
        or f.rule_id not in state.acknowledged.get(f.step, frozenset())
    ]


__all__ = ["ORDER_RULES", "RULE_IDS", "evaluate", "preview", "record_date", "unacknowledged"]
