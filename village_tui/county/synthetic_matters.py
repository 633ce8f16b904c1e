"""The steps of one synthetic matter: dates, attendance and votes that pass, or fail on purpose.

Part of the synthetic county (`synthetic`): every figure that should pass is
drawn inside the village's own profile (quorum, majority, posting days), and
the planted faults are the ones that profile makes blocking.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..domain.checks_steps import POSTING_RULE
from ..domain.days import earliest_takedown, first_day_after
from ..domain.model import Implementation, Meeting, Posting, Village
from ..domain.rule_context import record_date
from ..domain.steps import Category, Source, Step
from .synthetic import (
    APPROVE_SHARE,
    FAULT_SHARE,
    LATE_SHARE,
    OFFICIALS,
    RETURN_SHARE_CLEAN,
    RETURN_SHARE_FAULTY,
    MatterPlan,
)


def _title(rng: random.Random, category: str, year: int) -> tuple[str, int, bool]:
    """A title without personal data, the planned amount in fen, and whether it holds personal data."""
    q = rng.randint(1, 4)
    place = rng.choice(("村东", "村西", "南街", "北街", "一组", "二组", "三组"))
    table = {
        "road": (f"{year}年{place}道路硬化工程", (200_000, 2_000_000), False),
        "grain_subsidy": (f"{year}年种粮直补资金发放方案", (50_000, 300_000), False),
        "dibao": (f"{year}年第{q}季度低保对象评议", (20_000, 120_000), True),
        "public_works": (f"一事一议：{place}排水沟修建", (30_000, 400_000), False),
        "land": (f"{year}年集体机动地承包方案", (0, 50_000), False),
        "collective_assets": (
            f"集体{rng.choice(('厂房', '鱼塘', '果园'))}出租方案",
            (10_000, 200_000),
            False,
        ),
        "homestead": (f"{year}年宅基地安排方案", (0, 20_000), False),
        "land_compensation": (f"{place}征地补偿款分配方案", (100_000, 3_000_000), False),
        "relief": (f"{year}年救灾物资发放方案", (10_000, 100_000), True),
        "other": (f"{year}年村规民约修订", (0, 10_000), False),
    }
    title, (low, high), personal = table[category]
    return title, rng.randint(low, high) * 100, personal


def plan_matter(
    rng: random.Random, village: Village, mid: str, opened: date, today: date
) -> MatterPlan:
    from ..profiles import load_profile

    profile = load_profile(village.profile)
    category = rng.choices([c.value for c in Category], weights=(3, 2, 3, 3, 1, 2, 1, 1, 1, 1))[0]
    title, planned, personal = _title(rng, category, opened.year)
    m = MatterPlan(
        mid,
        village.code,
        title,
        category,
        rng.choice(list(Source)).value,
        planned,
        personal,
        opened,
    )
    r = village.roster
    if rng.random() < FAULT_SHARE:
        # A short notice is a fault only where the profile makes that period blocking.
        period = profile.rule(POSTING_RULE[Step.RESOLUTION_DISCLOSURE], category)
        short_ok = period.enabled and period.days > 2 and period.severity.value != "warning"
        m.fault = "short_posting" if short_ok and rng.random() < 0.5 else "quorum"
    if rng.random() < LATE_SHARE:
        m.late = rng.choice((Step.RESOLUTION_DISCLOSURE, Step.RESULT_DISCLOSURE))
    day = opened
    m.steps[Step.PROPOSAL] = Meeting(
        day,
        "村委会议室",
        expected=5,
        expected_basis="",
        present=5,
        votes_for=5,
        votes_against=0,
        votes_abstain=0,
        content="支部委员会提议",
    )
    day += timedelta(days=rng.randint(2, 5))
    k = r.committee_members
    m.steps[Step.JOINT_MEETING] = Meeting(
        day,
        "村委会议室",
        expected=k,
        expected_basis="committee_members",
        present=k,
        votes_for=k,
        votes_against=0,
        votes_abstain=0,
        content="两委会商议同意",
    )
    day += timedelta(days=rng.randint(4, 8))
    e = r.party_members_voting
    present = min(e, -(-2 * e // 3) + rng.randint(0, e // 4))
    m.steps[Step.PARTY_ASSEMBLY] = Meeting(
        day,
        "党员活动室",
        expected=e,
        expected_basis="party_members_voting",
        present=present,
        votes_for=present,
        votes_against=0,
        votes_abstain=0,
        content="党员大会审议通过",
        officials=OFFICIALS,
        plan_sent_on=day - timedelta(days=rng.randint(3, 5)),
    )
    day += timedelta(days=rng.randint(2, 6))
    e = r.rep_assembly_members
    need = -(-2 * e // 3)
    present = (
        need - 1 - rng.randint(0, 2)
        if m.fault == "quorum"
        else min(e, need + rng.randint(0, e - need))
    )
    votes = present - 1 if m.fault == "quorum" else rng.randint(need, present)
    m.steps[Step.RESOLUTION] = Meeting(
        day,
        "村委会议室",
        expected=e,
        expected_basis="rep_assembly_members",
        present=present,
        votes_for=votes,
        votes_against=present - votes,
        votes_abstain=0,
        content="村民代表会议表决通过",
        officials=OFFICIALS[:1],
    )
    resolved_on = day
    if m.late is Step.RESOLUTION_DISCLOSURE:
        _review(rng, m, resolved_on)
        return _cut(m, today)
    day += timedelta(days=rng.randint(1, 3))
    m.steps[Step.RESOLUTION_DISCLOSURE] = _posting(
        rng,
        profile,
        POSTING_RULE[Step.RESOLUTION_DISCLOSURE],
        category,
        day,
        short=m.fault == "short_posting",
    )
    if rng.random() < 0.1:
        m.objection = (f"{mid}-o1", day + timedelta(days=1), day + timedelta(days=2))
    period = profile.rule(POSTING_RULE[Step.RESOLUTION_DISCLOSURE], category)
    start = first_day_after(
        day, period.days if period.enabled else 0, working_days=period.working_days
    )
    start += timedelta(days=rng.randint(1, 20))
    m.steps[Step.IMPLEMENTATION] = Implementation(
        start, contractor="示例施工队", contract_ref=f"HT-{mid[-7:]}"
    )
    done = start + timedelta(days=rng.randint(20, 90))
    spent_total = planned * rng.randint(85, 105) // 100
    parts = rng.randint(1, 3)
    for p in range(parts):
        on = start + (done - start) * (p + 1) // (parts + 1)
        fen = spent_total // parts + (spent_total % parts if p == parts - 1 else 0)
        m.progress.append((f"{mid}-p{p + 1}", on, fen))
    m.completed_on = done
    if m.late is not Step.RESULT_DISCLOSURE:
        posted = done + timedelta(days=rng.randint(1, 20))
        m.steps[Step.RESULT_DISCLOSURE] = _posting(
            rng,
            profile,
            POSTING_RULE[Step.RESULT_DISCLOSURE],
            category,
            posted,
            results="已按决议实施完毕",
            spent=spent_total,
        )
    _review(rng, m, resolved_on)
    return _cut(m, today)


def _posting(
    rng,
    profile,
    rule_id: str,
    category: str,
    posted: date,
    short: bool = False,
    results: str = "",
    spent: int | None = None,
) -> Posting:
    params = profile.rule(rule_id, category)
    days = params.days if params.enabled else 0
    until = earliest_takedown(posted, days, working_days=params.working_days)
    until = until - timedelta(days=2) if short else until + timedelta(days=rng.randint(0, 3))
    return Posting(
        posted,
        until,
        places=("村务公开栏", "微信群"),
        content="公示",
        situation="已按期公开",
        supervisory_opinion="同意",
        results=results,
        spent_fen=spent,
    )


def _review(rng: random.Random, m: MatterPlan, resolved_on: date) -> None:
    share = RETURN_SHARE_FAULTY if m.fault else RETURN_SHARE_CLEAN
    if rng.random() < share:
        m.review, m.review_on = "returned", resolved_on + timedelta(days=rng.randint(10, 30))
    elif Step.RESULT_DISCLOSURE in m.steps and not m.fault and rng.random() < APPROVE_SHARE:
        m.review = "approved"
        m.review_on = m.steps[Step.RESULT_DISCLOSURE].until + timedelta(days=rng.randint(1, 15))


def _cut(m: MatterPlan, today: date) -> MatterPlan:
    """Drop whatever the plan dates after today: it has not happened yet."""
    m.steps = {s: r for s, r in m.steps.items() if record_date(r) <= today}
    m.progress = [p for p in m.progress if p[1] <= today]
    if m.completed_on and m.completed_on > today:
        m.completed_on = None
    if m.objection and (m.objection[2] > today or Step.RESOLUTION_DISCLOSURE not in m.steps):
        m.objection = None
    if m.review_on and m.review_on > today:
        m.review, m.review_on = None, None
    return m
