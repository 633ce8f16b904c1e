"""Disclosures made late: a resolution or a result posted more days after it than the profile allows.

The law says "at once" (组织法 art. 30, 及时公布) and names no number of days; the 7 and 30
days are the township's reminder periods, now profile parameters. A disclosure made late
cannot be made on time by posting it again, so its defect is cured by an explanation the
township accepts when it approves (docs/decisions.md, issue 12).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from .findings import Finding
from .model import MatterState, Posting
from .profile import RuleParams
from .rule_book import D, Rule
from .rule_context import Context, step_name
from .steps import Step

RULES = (
    Rule(
        "disclosure.resolution_late",
        D,
        "organic_30_promptly",
        {"days": 7},
        days_read="within",
        cure="explanation",
    ),
    Rule(
        "disclosure.result_late",
        D,
        "organic_30_promptly",
        {"days": 30},
        days_read="within",
        cure="explanation",
    ),
)
# The late-disclosure rule of each disclosure step.
DISCLOSURE_RULE = {Step.RESOLUTION_DISCLOSURE: RULES[0], Step.RESULT_DISCLOSURE: RULES[1]}


def disclosure_deadlines(
    state: MatterState, rule: Callable[[str], RuleParams]
) -> list[tuple[Step, date, date]]:
    """Each disclosure the matter owes or made: (step, the day it became owed, the day it is due).

    The one definition of "late" that the evaluator, the township review and the county share.
    `rule` gives the matter's rule parameters by id; a rule turned off sets no deadline.
    """
    out = []
    resolution = state.steps.get(Step.RESOLUTION)
    done = state.completion
    for step, since in (
        (Step.RESOLUTION_DISCLOSURE, resolution.held_on if resolution is not None else None),
        (Step.RESULT_DISCLOSURE, done.completed_on if done is not None else None),
    ):
        params = rule(DISCLOSURE_RULE[step].id)
        if since is not None and params.enabled:
            out.append((step, since, since + timedelta(days=params.days)))
    return out


def check_late_disclosures(ctx: Context) -> Iterator[Finding]:
    """A disclosure posted after its due day (day N after the event is on time, N+1 late)."""
    for step, since, due in disclosure_deadlines(ctx.state, ctx.rule):
        posting = ctx.state.steps.get(step)
        if isinstance(posting, Posting) and posting.posted_on > due:
            params = ctx.rule(DISCLOSURE_RULE[step].id)
            yield ctx.finding(
                params,
                step,
                params.rule_id,
                step=step_name(step),
                since=since,
                posted_on=posting.posted_on,
                days=params.days,
                due=due,
            )
