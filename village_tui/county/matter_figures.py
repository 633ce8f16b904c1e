"""What one matter adds to the county report, worked out once per matter and report date.

Pure: from a matter's state (already cut at the report date), its village and
profile. `county.stored` keeps the result so that a report reads it back
instead of running the rules over every matter again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.checks_disclosure import DISCLOSURE_RULE
from ..domain.checks_steps import POSTING_RULE
from ..domain.disclosure import owed_disclosures
from ..domain.model import MatterState, Village
from ..domain.profile import Profile
from ..domain.rules import evaluate
from ..domain.steps import Step

# When a disclosure counts as overdue. The law says major matters are disclosed
# "at once" (组织法 art. 30) and names no number of days; each matter is counted with
# its profile's days (`disclosure.*` rules), as the township review counts it. These
# are the rules' defaults, which the report names.
RESOLUTION_DISCLOSURE_DUE_DAYS = DISCLOSURE_RULE[Step.RESOLUTION_DISCLOSURE].params["days"]
RESULT_DISCLOSURE_DUE_DAYS = DISCLOSURE_RULE[Step.RESULT_DISCLOSURE].params["days"]


@dataclass(frozen=True)
class MatterFigures:
    """One matter's contribution to every group it is counted in (review state aside)."""

    reached: str  # the furthest step recorded by the report date, or "none"
    blocking: tuple[str, ...]  # rule ids of its blocking findings, sorted
    honoured: int  # postings that kept their period
    missed: int
    spent_fen: int
    resolved_fen: int = 0  # the planned sum, once the assembly has resolved
    to_resolution: int | None = None  # days from proposal to resolution
    to_result: int | None = None  # days from resolution to result disclosure
    overdue_step: str | None = None  # the disclosure it owes, once its due day has passed
    overdue_due: date | None = None
    retried: int = 0  # 1 when some step needed more than one attempt (a meeting held again)


def matter_figures(
    state: MatterState, village: Village, profile: Profile, as_of: date
) -> MatterFigures:
    """The figures of `state` as of `as_of`, with the one evaluator's findings."""
    findings = evaluate(state, village, profile, as_of)
    steps = state.steps
    posted = [step for step in POSTING_RULE if step in steps]
    flagged = {(f.step, f.rule_id) for f in findings}
    missed = sum(1 for step in posted if (step, POSTING_RULE[step]) in flagged)
    reached = state.reached
    overdue = _overdue(state, profile, as_of)
    resolved_fen, to_resolution, to_result = 0, None, None
    resolution = steps.get(Step.RESOLUTION)
    if resolution is not None:
        resolved_fen = state.matter.planned_fen
        proposal = steps.get(Step.PROPOSAL)
        if proposal is not None:
            to_resolution = (resolution.held_on - proposal.held_on).days
        result = steps.get(Step.RESULT_DISCLOSURE)
        if result is not None:
            to_result = (result.posted_on - resolution.held_on).days
    return MatterFigures(
        reached=reached.value if reached else "none",
        blocking=tuple(sorted({f.rule_id for f in findings if f.blocking})),
        honoured=len(posted) - missed,
        missed=missed,
        spent_fen=state.spent_fen,
        resolved_fen=resolved_fen,
        to_resolution=to_resolution,
        to_result=to_result,
        overdue_step=overdue[0].value if overdue else None,
        overdue_due=overdue[1] if overdue else None,
        retried=int(_retried(state)),
    )


def _retried(state: MatterState) -> bool:
    """Whether some step was tried more than once (failed, or cured by a new attempt)."""
    steps = [a.step for a in state.attempts]
    return len(steps) != len(set(steps))


def _overdue(state: MatterState, profile: Profile, as_of: date) -> tuple[Step, date] | None:
    """The disclosure a matter owes first and the day it was due, when that day has passed."""
    owed = owed_disclosures(state, profile)
    if not owed:
        return None
    step, _since, due = owed[0]
    return (step, due) if as_of > due else None
