"""Checks on the four meetings: quorum, majority, composition, notice and the plan sent ahead."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .days import latest_sending, notice_honoured
from .findings import Finding
from .messages import rules as msg
from .model import Meeting
from .roster_check import COMPOSITION_RULES
from .rule_book import INV, D, Rule, W, at_least, more_than
from .rule_context import Context, basis_total, majority, quorum, shortfall
from .steps import Assembly, Step

_HALF = more_than(1, 2)
RULES = (
    Rule("quorum.proposal", INV, "cpc_branch_12", {"threshold": _HALF, "basis": "expected"}),
    Rule("quorum.joint_meeting", W, "local_4plus2", {"threshold": _HALF, "basis": "expected"}),
    Rule("majority.joint_meeting", W, "local_4plus2", {"threshold": _HALF, "basis": "present"}),
    Rule("quorum.party_assembly", INV, "cpc_branch_11", {"threshold": _HALF, "basis": "expected"}),
    Rule(
        "majority.party_assembly", INV, "cpc_branch_11", {"threshold": _HALF, "basis": "expected"}
    ),
    Rule("plan.sent_in_advance", W, "local_4plus2", {"enabled": False, "days": 3}),
    Rule(
        "quorum.representatives",
        INV,
        "organic_26",
        {"threshold": at_least(2, 3), "basis": "expected"},
    ),
    Rule("majority.representatives", INV, "organic_26", {"threshold": _HALF, "basis": "present"}),
    Rule(
        "quorum.villagers",
        INV,
        "organic_22",
        {"threshold": _HALF, "households_threshold": at_least(2, 3), "basis": "expected"},
    ),
    Rule("majority.villagers", INV, "organic_22", {"threshold": _HALF, "basis": "present"}),
    Rule(
        "majority.land_two_thirds",
        INV,
        "land_laws",
        {"enabled": False, "threshold": at_least(2, 3), "basis": "expected"},
    ),
    Rule("notice.villagers_assembly", D, "organic_21", {"days": 10}),
)


def check_meetings(ctx: Context) -> Iterator[Finding]:
    """Quorum, majority and the rest for each of the four meetings recorded."""
    steps = ctx.state.steps
    proposal = steps.get(Step.PROPOSAL)
    if isinstance(proposal, Meeting):
        yield from quorum(ctx, "quorum.proposal", Step.PROPOSAL, proposal, "proposal")
    joint = steps.get(Step.JOINT_MEETING)
    if isinstance(joint, Meeting):
        if joint.merged_with_proposal and joint.expected == 0 and isinstance(proposal, Meeting):
            # One sign-in sheet served both steps (see the docstring of rules.py).
            joint = dataclasses.replace(joint, expected=proposal.expected, present=proposal.present)
        yield from quorum(ctx, "quorum.joint_meeting", Step.JOINT_MEETING, joint, "joint_meeting")
        yield from majority(
            ctx,
            "majority.joint_meeting",
            Step.JOINT_MEETING,
            joint,
            "joint_meeting",
            required=False,
        )
    party = steps.get(Step.PARTY_ASSEMBLY)
    if isinstance(party, Meeting):
        yield from quorum(
            ctx, "quorum.party_assembly", Step.PARTY_ASSEMBLY, party, "party_assembly"
        )
        yield from majority(
            ctx,
            "majority.party_assembly",
            Step.PARTY_ASSEMBLY,
            party,
            "party_assembly",
            required=True,
        )
        yield from _check_plan(ctx, party)
    resolution = steps.get(Step.RESOLUTION)
    if isinstance(resolution, Meeting):
        yield from _check_resolution(ctx, resolution)


def _check_plan(ctx: Context, party: Meeting) -> Iterator[Finding]:
    params = ctx.rule("plan.sent_in_advance")
    if not params.enabled:
        return
    if party.plan_sent_on is None:
        yield ctx.finding(
            params, Step.PARTY_ASSEMBLY, "plan.sent_in_advance:missing", days=params.days
        )
        return
    latest = latest_sending(party.held_on, params.days)
    if party.plan_sent_on > latest:
        yield ctx.finding(
            params,
            Step.PARTY_ASSEMBLY,
            "plan.sent_in_advance",
            sent_on=party.plan_sent_on,
            days=params.days,
            held_on=party.held_on,
            latest=latest,
        )


def _check_resolution(ctx: Context, meeting: Meeting) -> Iterator[Finding]:
    step = Step.RESOLUTION
    if meeting.assembly == Assembly.VILLAGERS.value:
        yield from _villagers_quorum(ctx, meeting)
        yield from majority(ctx, "majority.villagers", step, meeting, "villagers", required=True)
        yield from _check_notice(ctx, meeting)
        body = "villagers"
    else:
        yield from quorum(ctx, "quorum.representatives", step, meeting, "representatives")
        yield from majority(
            ctx, "majority.representatives", step, meeting, "representatives", required=True
        )
        yield from _check_composition(ctx, meeting)
        body = "representatives"
    land = ctx.rule("majority.land_two_thirds")
    if land.enabled and land.threshold and meeting.votes_for is not None:
        if body == "representatives":
            # Two thirds of the 村民代表 themselves (农村土地承包法 art. 19, 28, 52), not
            # of every member of the assembly: the count of representatives on the day.
            total = meeting.representatives_among_members or ctx.village.roster.representatives
            total = total or meeting.expected
            basis, body = "expected", "land_representatives"
        else:
            basis, total = land.basis, basis_total(ctx, land.basis, meeting, body)
        short = shortfall(land.threshold, meeting.votes_for, total, basis, body)
        if short:
            yield ctx.finding(
                land,
                step,
                "majority.land_two_thirds",
                votes_for=meeting.votes_for,
                requirement=short,
            )


def _villagers_quorum(ctx: Context, meeting: Meeting) -> Iterator[Finding]:
    params = ctx.rule("quorum.villagers")
    if not params.enabled or params.threshold is None:
        return
    total = basis_total(ctx, params.basis, meeting, "villagers")
    short = shortfall(params.threshold, meeting.present, total, params.basis, "villagers")
    if not short:
        return
    households = ctx.village.roster.households
    hh = params.households_threshold
    if hh is None or meeting.households_represented is None or households == 0:
        yield ctx.finding(
            params,
            Step.RESOLUTION,
            "quorum.villagers",
            body=msg.BODIES["villagers"],
            present=meeting.present,
            requirement=short,
        )
        return
    hh_short = shortfall(
        hh, meeting.households_represented, households, "expected", "households", "户"
    )
    if hh_short:
        yield ctx.finding(
            params,
            Step.RESOLUTION,
            "quorum.villagers:households",
            present=meeting.present,
            requirement=short,
            represented=meeting.households_represented,
            hh_requirement=hh_short,
        )


def _check_notice(ctx: Context, meeting: Meeting) -> Iterator[Finding]:
    params = ctx.rule("notice.villagers_assembly")
    if not params.enabled:
        return
    if meeting.notice_given_on is None:
        yield ctx.finding(
            params, Step.RESOLUTION, "notice.villagers_assembly:missing", days=params.days
        )
    elif not notice_honoured(meeting.notice_given_on, meeting.held_on, params.days):
        latest = latest_sending(meeting.held_on, params.days)
        yield ctx.finding(
            params,
            Step.RESOLUTION,
            "notice.villagers_assembly",
            held_on=meeting.held_on,
            given_on=meeting.notice_given_on,
            days=params.days,
            latest=latest,
        )


def _check_composition(ctx: Context, meeting: Meeting) -> Iterator[Finding]:
    roster = ctx.village.roster
    # A roster whose representatives are 0 has not had its composition filled in.
    reps_rule, women_rule = COMPOSITION_RULES
    for rule_id, own, on_roll in (
        (reps_rule, meeting.representatives_among_members, roster.representatives),
        (women_rule, meeting.women_among_members, roster.women_members),
    ):
        params = ctx.rule(rule_id)
        if not params.enabled or params.threshold is None:
            continue
        if own is not None:
            count, members = own, meeting.expected
        elif roster.representatives > 0:
            count, members = on_roll, roster.rep_assembly_members
        else:
            continue
        if members <= 0:
            continue
        short = shortfall(params.threshold, count, members, "expected", "representatives")
        if short:
            yield ctx.finding(
                params, Step.RESOLUTION, rule_id, members=members, count=count, requirement=short
            )
