"""A rule in words with the profile's figures: for `village-tui rules` and the help text."""

from __future__ import annotations

from typing import Any

from ..steps import Step
from .rules import fraction_words, yuan

# What each rule checks, in words; `describe` adds the profile's figures.
RULE_WHAT: dict[str, tuple[str, str]] = {
    "order.sequence": ("各步骤按顺序进行，不得跳步", "Steps follow in order; none is skipped"),
    "threshold.skipped_step": (
        "达到金额标准的事项不得跳过任何步骤",
        "Matters at or above the money threshold skip no step",
    ),
    "order.merged": (
        "一肩挑合并召开的第1、2步须同一天",
        "Steps 1 and 2 held as one meeting (一肩挑) share one date",
    ),
    "order.dates": ("各步骤日期先后有序", "Steps are dated in order"),
    "date.future": ("日期不得晚于今天", "Nothing is dated in the future"),
    "quorum.proposal": ("党支部委员会会议到会人数", "Attendance at the Party branch committee"),
    "quorum.joint_meeting": ("村“两委”联席会议到会人数", "Attendance at the joint meeting"),
    "majority.joint_meeting": ("两委联席会议赞成票", "Votes in favour at the joint meeting"),
    "quorum.party_assembly": ("党员大会到会人数", "Attendance at the Party members' assembly"),
    "majority.party_assembly": ("党员大会赞成票", "Votes in favour at the Party assembly"),
    "plan.sent_in_advance": (
        "审议方案提前送达党员",
        "The plan reaches Party members ahead of the assembly",
    ),
    "quorum.representatives": ("村民代表会议到会人数", "Attendance at the representative assembly"),
    "majority.representatives": (
        "村民代表会议赞成票",
        "Votes in favour at the representative assembly",
    ),
    "quorum.villagers": ("村民会议到会人数", "Attendance at the villagers' assembly"),
    "majority.villagers": ("村民会议赞成票", "Votes in favour at the villagers' assembly"),
    "majority.land_two_thirds": (
        "土地承包方案赞成票(村民代表会议按村民代表人数计)",
        "Votes in favour of a land contracting plan (counted against the representatives themselves)",
    ),
    "composition.representatives": (
        "村民代表会议组成人员中村民代表比例",
        "Share of villager representatives in the assembly",
    ),
    "composition.women": ("村民代表会议组成人员中妇女比例", "Share of women in the assembly"),
    "notice.villagers_assembly": ("村民会议提前通知", "Notice before a villagers' assembly"),
    "posting.resolution_period": (
        "决议公开（第5步）公示期",
        "Posting period of the resolution (step 5)",
    ),
    "posting.result_period": (
        "实施结果公开（第6步）公示期",
        "Posting period of the results (step 6)",
    ),
    "implementation.before_posting_end": (
        "决议公示期满后方可实施",
        "Implementation only after the resolution's posting period",
    ),
    "results.before_completion": (
        "实施完成后方可公开结果",
        "Results disclosed only after completion",
    ),
    "objections.unanswered": (
        "公示期满时异议均已答复",
        "Every objection answered when a posting period ends",
    ),
    "objections.after_posting": (
        "公示期满后收到的异议须核实",
        "An objection received after a posting ended is questioned",
    ),
    "spending.over_resolved": ("支出不超过决议金额", "Spending stays within the amount resolved"),
    "roster.expected_below": (
        "会议应到人数不少于花名册人数",
        "A meeting's expected figure is not below the roster's",
    ),
    "disclosure.resolution_late": (
        "决议作出后及时公开（第5步）",
        "The resolution is disclosed promptly (step 5)",
    ),
    "disclosure.result_late": (
        "实施完成后及时公开结果（第6步）",
        "The results are disclosed promptly after completion (step 6)",
    ),
    "spending.over_threshold": (
        "支出超过决议金额的比例上限",
        "Spending above the amount resolved by more than the county's margin",
    ),
}

# The whole a share is taken of, per rule and basis.
BASIS: dict[str, tuple[str, str]] = {
    "expected": ("应到人数", "those expected"),
    "present": ("实到人数", "those present"),
    "members": ("花名册全体人员", "all members on the roll"),
}


def fraction(num: int, den: int, inclusive: bool) -> tuple[str, str]:
    """ "过半数" / "三分之二以上（含）" and their English."""
    zh, en = fraction_words(num, den)
    if (num, den) == (1, 2) and not inclusive:
        return "过半数", "more than half"
    if inclusive:
        return f"{zh}以上（含）", f"at least {en}"
    return f"超过{zh}", f"more than {en}"


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def describe(params: Any, rule: Any, money_threshold_fen: int | None, lang: str) -> str:
    """What the rule asks for, in words, with the profile's figures (`rule` is its declaration)."""
    what = _pick(RULE_WHAT.get(params.rule_id, (params.rule_id, params.rule_id)), lang)
    parts: list[str] = []
    if params.threshold is not None:
        f = params.threshold
        share = _pick(fraction(f.num, f.den, f.inclusive), lang)
        basis = _pick(BASIS.get(params.basis, (params.basis, params.basis)), lang)
        parts.append(f"{share} of {basis}" if lang == "en" else f"{basis}的{share}")
    if params.households_threshold is not None:
        f = params.households_threshold
        share = _pick(fraction(f.num, f.den, f.inclusive), lang)
        parts.append(
            f"or households represented: {share} of all"
            if lang == "en"
            else f"或到会户代表达到总户数的{share}"
        )
    days_read = rule.days_read if rule is not None else "ahead"
    if days_read == "period":
        if params.days:
            unit = ("working days", "个工作日") if params.working_days else ("days", "天")
            parts.append(
                f"posted at least {params.days} {unit[0]}"
                if lang == "en"
                else f"至少公示{params.days}{unit[1]}"
            )
        else:
            parts.append("no minimum period" if lang == "en" else "不设最短天数")
    elif params.days and days_read == "within":
        parts.append(f"within {params.days} days" if lang == "en" else f"{params.days}天内")
    elif params.days:
        parts.append(f"{params.days} days ahead" if lang == "en" else f"提前{params.days}天")
    if params.percent:
        parts.append(f"more than {params.percent}%" if lang == "en" else f"超过{params.percent}%")
    if rule is not None and rule.money:
        if money_threshold_fen is None:
            parts.append("no money threshold set" if lang == "en" else "未设金额标准")
        else:
            amount = yuan(money_threshold_fen)
            parts.append(f"from {amount} yuan" if lang == "en" else f"{amount}元及以上")
    if not parts:
        return what
    return f"{what}: {'; '.join(parts)}" if lang == "en" else f"{what}：{'；'.join(parts)}"


# The rules the help text words under each step, with the category whose figures it shows
# (None: the rule as the profile sets it for every category).
HELP_RULES: dict[Step, tuple[tuple[str, str | None], ...]] = {
    Step.PARTY_ASSEMBLY: (
        ("quorum.party_assembly", None),
        ("majority.party_assembly", None),
        ("plan.sent_in_advance", None),
    ),
    Step.RESOLUTION: (
        ("quorum.representatives", None),
        ("majority.representatives", None),
        ("quorum.villagers", None),
        ("majority.villagers", None),
        ("notice.villagers_assembly", None),
        ("majority.land_two_thirds", "land"),
    ),
    Step.RESOLUTION_DISCLOSURE: (
        ("posting.resolution_period", None),
        ("disclosure.resolution_late", None),
    ),
    Step.RESULT_DISCLOSURE: (
        ("posting.result_period", None),
        ("disclosure.result_late", None),
    ),
}
