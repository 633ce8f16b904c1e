"""The report's figures worked out from the generator's plan alone, never from report code.

The plan says which matters were made faulty, returned, approved or late and
when each step happened; these functions count them the way the report's
documentation says it counts (matters opened in the year, as of the year's
end or today, whichever is earlier).
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, timedelta

from village_tui.county.synthetic import CountyPlan, MatterPlan
from village_tui.domain.model import Implementation, Meeting, Posting
from village_tui.domain.steps import Step

RES_DUE, RESULT_DUE = 7, 30  # days, as the report's notes print them


def _on(record) -> date:
    if isinstance(record, Meeting):
        return record.held_on
    if isinstance(record, Posting):
        return record.posted_on
    assert isinstance(record, Implementation)
    return record.started_on


def steps_as_of(m: MatterPlan, as_of: date) -> dict[Step, object]:
    return {s: r for s, r in m.steps.items() if _on(r) <= as_of}


def in_scope(plan: CountyPlan, year: int, as_of: date, township: str | None = None):
    for vp in plan.villages:
        if township and vp.village.township_code != township:
            continue
        for m in vp.matters:
            if m.opened_on.year == year and m.opened_on <= as_of:
                yield vp.village, m


def blocking(m: MatterPlan, steps) -> bool:
    if m.fault == "quorum":
        return Step.RESOLUTION in steps
    if m.fault == "short_posting":
        return Step.RESOLUTION_DISCLOSURE in steps
    return False


def standing_review(m: MatterPlan) -> str:
    """The township's verdict as it stands now: village entries made after it ask for a new one.

    The township reviews at 10:00 and the village records in the afternoon, so an
    entry dated on the review day came after the review.
    """
    if m.review is None:
        return "pending"
    days = [m.opened_on, *(_on(r) for r in m.steps.values()), *(on for _, on, _ in m.progress)]
    if m.completed_on:
        days.append(m.completed_on)
    if m.objection:
        days += [m.objection[1], m.objection[2]]
    return m.review if max(days) < m.review_on else "pending"  # "reopened" counts as pending


def overdue(m: MatterPlan, steps, as_of: date) -> tuple[str, int] | None:
    if m.late is Step.RESOLUTION_DISCLOSURE and Step.RESOLUTION in steps:
        due = steps[Step.RESOLUTION].held_on + timedelta(days=RES_DUE)
    elif m.late is Step.RESULT_DISCLOSURE and m.completed_on and m.completed_on <= as_of:
        due = m.completed_on + timedelta(days=RESULT_DUE)
    else:
        return None
    return (m.late.value, (as_of - due).days) if as_of > due else None


def totals(plan: CountyPlan, year: int, as_of: date, township: str | None = None) -> dict:
    """The totals block of the report, from the plan."""
    n = with_blocking = honoured = missed = resolved = spent = late = 0
    review: Counter = Counter()
    villages: set[str] = set()
    to_res, to_result = [], []
    for village, m in in_scope(plan, year, as_of, township):
        steps = steps_as_of(m, as_of)
        n += 1
        villages.add(village.code)
        with_blocking += blocking(m, steps)
        review[standing_review(m)] += 1
        for step in (Step.RESOLUTION_DISCLOSURE, Step.RESULT_DISCLOSURE):
            if step in steps:
                short = step is Step.RESOLUTION_DISCLOSURE and m.fault == "short_posting"
                missed += short
                honoured += not short
        if Step.RESOLUTION in steps:
            resolved += m.planned_fen
            to_res.append((steps[Step.RESOLUTION].held_on - steps[Step.PROPOSAL].held_on).days)
            if Step.RESULT_DISCLOSURE in steps:
                gap = steps[Step.RESULT_DISCLOSURE].posted_on - steps[Step.RESOLUTION].held_on
                to_result.append(gap.days)
        spent += sum(fen for _, on, fen in m.progress if on <= as_of)
        late += overdue(m, steps, as_of) is not None
    return {
        "villages": len(villages),
        "matters": n,
        "with_blocking": with_blocking,
        "without_blocking": n - with_blocking,
        "approved": review["approved"],
        "returned": review["returned"],
        "pending": review["pending"],
        "postings_honoured": honoured,
        "postings_missed": missed,
        "resolved_fen": resolved,
        "spent_fen": spent,
        "median_days_proposal_to_resolution": float(statistics.median(to_res)) if to_res else None,
        "median_days_resolution_to_result": float(statistics.median(to_result))
        if to_result
        else None,
        "overdue": late,
    }


def reached_counts(plan: CountyPlan, year: int, as_of: date) -> dict[tuple[str, str], Counter]:
    out: dict[tuple[str, str], Counter] = {}
    for village, m in in_scope(plan, year, as_of):
        steps = steps_as_of(m, as_of)
        top = max(steps, key=lambda s: s.index).value if steps else "none"
        out.setdefault((village.township_code, m.category), Counter())[top] += 1
    return out


def overdue_rows(plan: CountyPlan, year: int, as_of: date) -> set[tuple[str, str, str, int]]:
    rows = set()
    for village, m in in_scope(plan, year, as_of):
        late = overdue(m, steps_as_of(m, as_of), as_of)
        if late:
            rows.add((village.code, m.id, late[0], late[1]))
    return rows
