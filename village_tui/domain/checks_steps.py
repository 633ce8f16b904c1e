"""Checks on the procedure as a whole: order, dates, postings, implementation, results, objections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from .days import earliest_takedown, first_day_after, period_honoured
from .findings import Finding
from .messages import rules as msg
from .model import Implementation, Meeting, Posting
from .rule_book import INV, D, Rule, W
from .rule_context import Context, record_date, step_name
from .steps import ORDER, Step

RULES = (
    Rule("order.sequence", INV, "cpc_rural_19"),
    Rule("threshold.skipped_step", INV, "county_money_threshold", money=True),
    Rule("order.merged", W, "local_merged_meeting"),
    Rule("order.dates", INV, "cpc_rural_19"),
    Rule("date.future", INV, "record_truth"),
    Rule("posting.resolution_period", D, "organic_30_no_period", {"days": 0}, days_read="period"),
    Rule("posting.result_period", D, "organic_30_no_period", {"days": 0}, days_read="period"),
    Rule("implementation.before_posting_end", W, "cpc_rural_19_after_disclosure"),
    Rule("results.before_completion", D, "cpc_rural_19"),
    Rule("objections.unanswered", W, "organic_31"),
    Rule("objections.after_posting", W, "organic_31"),
    Rule("spending.over_resolved", W, "organic_24_amount"),
    Rule("spending.over_threshold", D, "county_overspending", {"enabled": False, "percent": 10}),
)
# Findings about the order of steps concern the whole matter, so a preview keeps them all.
ORDER_RULES = frozenset({"order.sequence", "threshold.skipped_step", "order.merged", "order.dates"})
# The posting rule of each disclosure step.
POSTING_RULE = {
    Step.RESOLUTION_DISCLOSURE: "posting.resolution_period",
    Step.RESULT_DISCLOSURE: "posting.result_period",
}


def check_order(ctx: Context) -> Iterator[Finding]:
    """Steps recorded while an earlier one is missing; merged steps 1 and 2 held apart."""
    recorded = ctx.steps()
    if not recorded:
        return
    seq, skip = ctx.rule("order.sequence"), ctx.rule("threshold.skipped_step")
    limit = ctx.profile.money_threshold_fen
    over = limit is not None and ctx.state.matter.planned_fen >= limit
    for missing in ORDER[: recorded[-1].index]:
        if missing in ctx.state.steps:
            continue
        later = next(s for s in recorded if s.index > missing.index)
        values = {"missing": step_name(missing), "later": step_name(later)}
        if over and skip.enabled:
            amount = msg.yuan(ctx.state.matter.planned_fen)
            yield ctx.finding(
                skip,
                later,
                "threshold.skipped_step",
                amount=amount,
                threshold=msg.yuan(limit),
                **values,
            )
        elif seq.enabled:
            yield ctx.finding(seq, later, "order.sequence", **values)
    joint, proposal = ctx.state.steps.get(Step.JOINT_MEETING), ctx.state.steps.get(Step.PROPOSAL)
    merged = ctx.rule("order.merged")
    if (
        merged.enabled
        and isinstance(joint, Meeting)
        and joint.merged_with_proposal
        and isinstance(proposal, Meeting)
        and proposal.held_on != joint.held_on
    ):
        yield ctx.finding(
            merged,
            Step.JOINT_MEETING,
            "order.merged",
            later=step_name(Step.JOINT_MEETING),
            missing=step_name(Step.PROPOSAL),
            later_date=joint.held_on,
            missing_date=proposal.held_on,
        )


def check_dates(ctx: Context) -> Iterator[Finding]:
    """Steps dated before a step that comes earlier in the procedure."""
    params = ctx.rule("order.dates")
    if not params.enabled:
        return
    latest: tuple[Step, date] | None = None
    for step in ctx.steps():
        on = record_date(ctx.state.steps[step])
        if latest and on < latest[1]:
            yield ctx.finding(
                params,
                step,
                "order.dates",
                step=step_name(step),
                date=on,
                prev=step_name(latest[0]),
                prev_date=latest[1],
            )
        if latest is None or on > latest[1]:
            latest = (step, on)


def check_future(ctx: Context) -> Iterator[Finding]:
    """Dates after today."""
    params = ctx.rule("date.future")
    if not params.enabled:
        return
    today = ctx.today
    # Names are looked up only for the rare date that is late: this runs for every matter.
    for step in ctx.steps():
        record = ctx.state.steps[step]
        on = record_date(record)
        if on > today:
            yield ctx.finding(
                params, step, "date.future", what=step_name(step), date=on, today=today
            )
        if isinstance(record, Meeting):
            for what, on in (
                ("plan_sent_on", record.plan_sent_on),
                ("notice_given_on", record.notice_given_on),
            ):
                if on is not None and on > today:
                    yield ctx.finding(
                        params, step, "date.future", what=msg.THINGS[what], date=on, today=today
                    )
    for p in ctx.state.progress:
        if p.on > today:
            yield ctx.finding(
                params,
                Step.IMPLEMENTATION,
                "date.future",
                what=msg.THINGS["progress"],
                date=p.on,
                today=today,
            )
    done = ctx.state.completion
    if done and done.completed_on > today:
        yield ctx.finding(
            params,
            Step.IMPLEMENTATION,
            "date.future",
            what=msg.THINGS["completion"],
            date=done.completed_on,
            today=today,
        )


# --- postings, implementation, results, objections --------------------------------


def check_postings(ctx: Context) -> Iterator[Finding]:
    """Postings taken down before the profile's period (counted as the law counts) ran out."""
    for step, rule_id in POSTING_RULE.items():
        posting = ctx.state.steps.get(step)
        params = ctx.rule(rule_id)
        if not isinstance(posting, Posting) or not params.enabled or params.days == 0:
            continue
        if not period_honoured(
            posting.posted_on, posting.until, params.days, working_days=params.working_days
        ):
            earliest = earliest_takedown(
                posting.posted_on, params.days, working_days=params.working_days
            )
            yield ctx.finding(
                params,
                step,
                rule_id,
                step=step_name(step),
                posted_on=posting.posted_on,
                until=posting.until,
                days=params.days,
                earliest=earliest,
            )


def check_implementation(ctx: Context) -> Iterator[Finding]:
    """Implementation started before the resolution's posting period ended."""
    params = ctx.rule("implementation.before_posting_end")
    posting = ctx.state.steps.get(Step.RESOLUTION_DISCLOSURE)
    impl = ctx.state.steps.get(Step.IMPLEMENTATION)
    if (
        not params.enabled
        or not isinstance(posting, Posting)
        or not isinstance(impl, Implementation)
    ):
        return
    period = ctx.rule("posting.resolution_period")
    days = period.days if period.enabled else 0
    # Not before the profile's minimum has run, nor while the notice is still up:
    # a posting recorded to run until 03-08 has not ended on 03-08.
    may_start = max(
        first_day_after(posting.posted_on, days, working_days=period.working_days),
        posting.until + timedelta(days=1),
    )
    if impl.started_on < may_start:
        yield ctx.finding(
            params,
            Step.IMPLEMENTATION,
            "implementation.before_posting_end",
            started_on=impl.started_on,
            posted_on=posting.posted_on,
            days=days,
            may_start=may_start,
        )


def check_results(ctx: Context) -> Iterator[Finding]:
    """Results disclosed before the implementation was complete."""
    params = ctx.rule("results.before_completion")
    posting = ctx.state.steps.get(Step.RESULT_DISCLOSURE)
    if not params.enabled or not isinstance(posting, Posting):
        return
    done = ctx.state.completion
    if done is None:
        yield ctx.finding(
            params,
            Step.RESULT_DISCLOSURE,
            "results.before_completion:missing",
            posted_on=posting.posted_on,
        )
    elif posting.posted_on < done.completed_on:
        yield ctx.finding(
            params,
            Step.RESULT_DISCLOSURE,
            "results.before_completion",
            posted_on=posting.posted_on,
            completed_on=done.completed_on,
        )


def check_spending(ctx: Context) -> Iterator[Finding]:
    """Money spent beyond the amount resolved: a warning, and a defect past the profile's margin."""
    resolved = ctx.state.matter.planned_fen
    spent = ctx.state.spent_fen
    if resolved <= 0 or spent <= resolved:
        return
    over = ctx.rule("spending.over_resolved")
    margin = ctx.rule("spending.over_threshold")
    limit = resolved + resolved * margin.percent // 100
    values = {"spent": msg.yuan(spent), "resolved": msg.yuan(resolved)}
    if margin.enabled and spent > limit:
        yield ctx.finding(
            margin,
            Step.IMPLEMENTATION,
            "spending.over_threshold",
            percent=margin.percent,
            limit=msg.yuan(limit),
            **values,
        )
    elif over.enabled:
        yield ctx.finding(over, Step.IMPLEMENTATION, "spending.over_resolved", **values)


def check_objections(ctx: Context) -> Iterator[Finding]:
    """Objections still unanswered after a posting came down; objections received after it."""
    late = ctx.rule("objections.after_posting")
    for step in POSTING_RULE:
        posting = ctx.state.steps.get(step)
        if not late.enabled or not isinstance(posting, Posting):
            continue
        after = [
            o
            for o in ctx.state.objections
            if o.step == step.value and o.received_on > posting.until
        ]
        if after:
            yield ctx.finding(
                late,
                step,
                "objections.after_posting",
                step=step_name(step),
                until=posting.until,
                count=len(after),
                received_on=min(o.received_on for o in after),
            )
    params = ctx.rule("objections.unanswered")
    if not params.enabled:
        return
    for step in POSTING_RULE:
        posting = ctx.state.steps.get(step)
        # While a notice is still up, an open objection is normal business.
        if not isinstance(posting, Posting) or ctx.today <= posting.until:
            continue
        open_ = [o for o in ctx.state.objections if o.step == step.value and o.replied_on is None]
        if open_:
            yield ctx.finding(
                params,
                step,
                "objections.unanswered",
                step=step_name(step),
                until=posting.until,
                count=len(open_),
            )
