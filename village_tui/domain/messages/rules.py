"""The message catalogue of the rule evaluator: one zh and one en template per rule id.

A key is a rule id, or a rule id plus ":variant" when one rule has more than
one way to fail (e.g. "majority.party_assembly:missing" when no votes were
recorded). Rules of one family that read alike share the family's template
("quorum", "majority", "posting"); a rule id of its own overrides it.
Values passed to `render` may be plain values or (zh, en) pairs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "order.sequence": {
        "zh": "已记录{later}，但{missing}尚未记录",
        "en": "{later} is recorded but {missing} is not",
    },
    "threshold.skipped_step": {
        "zh": "事项计划金额{amount}元达到{threshold}元标准，不得跳过{missing}(已记录{later})",
        "en": "The planned {amount} yuan reaches the {threshold} yuan threshold: {missing} cannot be skipped ({later} is recorded)",
    },
    "order.merged": {
        "zh": "{later}标为与{missing}合并召开，但日期不同({missing_date}、{later_date})",
        "en": "{later} is marked as held together with {missing}, but the dates differ ({missing_date}, {later_date})",
    },
    "order.dates": {
        "zh": "{step}日期({date})早于{prev}日期({prev_date})",
        "en": "{step} is dated {date}, before {prev} ({prev_date})",
    },
    "date.future": {
        "zh": "{what}日期({date})晚于今天({today})",
        "en": "{what} date ({date}) is after today ({today})",
    },
    "quorum": {
        "zh": "{body}实到{present}人，未{requirement}",
        "en": "{body}: {present} present; needs {requirement}",
    },
    "quorum.villagers:households": {
        "zh": "村民会议实到{present}人，未{requirement}；到会户代表{represented}户，未{hh_requirement}",
        "en": "Villagers' assembly: {present} present, needs {requirement}; {represented} households represented, needs {hh_requirement}",
    },
    "majority": {
        "zh": "{body}赞成{votes_for}人，未{requirement}",
        "en": "{body}: {votes_for} in favour; needs {requirement}",
    },
    "majority:missing": {
        "zh": "{body}未记录赞成票数，无法核对是否通过",
        "en": "{body}: votes in favour not recorded, the result cannot be checked",
    },
    "majority.land_two_thirds": {
        "zh": "土地承包事项须经{requirement}同意，实际赞成{votes_for}人",
        "en": "A land contracting matter needs the consent of {requirement}; {votes_for} in favour",
    },
    "composition.representatives": {
        "zh": "村民代表会议组成人员{members}人，其中村民代表{count}人，未{requirement}",
        "en": "Representative assembly: {count} of its {members} members are villager representatives; needs {requirement}",
    },
    "composition.women": {
        "zh": "村民代表会议组成人员{members}人，其中妇女村民代表{count}人，未{requirement}",
        "en": "Representative assembly: {count} of its {members} members are women representatives; needs {requirement}",
    },
    "roster.expected_below": {
        "zh": "应到{expected}人，少于花名册中{who}{on_roll}人；到会和表决都按应到计算",
        "en": "Expected {expected}, fewer than the roster's {on_roll} {who}; quorum and votes count against it",
    },
    "notice.villagers_assembly": {
        "zh": "村民会议{held_on}召开，{given_on}才通知，不足{days}天(最迟应于{latest}通知)",
        "en": "Villagers' assembly on {held_on} was announced on {given_on}, less than {days} days ahead (due by {latest})",
    },
    "notice.villagers_assembly:missing": {
        "zh": "村民会议未记录通知日期，无法核对是否提前{days}天通知",
        "en": "Villagers' assembly: no notice date recorded, so {days} days' notice cannot be checked",
    },
    "posting": {
        "zh": "{step}自{posted_on}至{until}，不足{days}天(最早{earliest}期满后撤下)",
        "en": "{step} ran from {posted_on} to {until}, less than {days} days (may come down at the end of {earliest})",
    },
    "implementation.before_posting_end": {
        "zh": "{started_on}开始实施，早于决议公开期满(自{posted_on}起公示{days}天，{may_start}起方可实施)",
        "en": "Implementation started on {started_on}, before the resolution's posting ended (posted {posted_on} for {days} days; may start from {may_start})",
    },
    "results.before_completion": {
        "zh": "实施结果于{posted_on}公开，早于完成日期{completed_on}",
        "en": "The results were posted on {posted_on}, before completion on {completed_on}",
    },
    "results.before_completion:missing": {
        "zh": "实施结果已于{posted_on}公开，但尚未记录实施完成",
        "en": "The results were posted on {posted_on}, but completion is not recorded",
    },
    "objections.unanswered": {
        "zh": "{step}已于{until}期满，仍有{count}条异议未答复",
        "en": "{step} ended on {until} with {count} objection(s) still unanswered",
    },
    "objections.after_posting": {
        "zh": "{step}已于{until}期满，{count}条异议在期满后才收到(最早{received_on})，请核实",
        "en": "{step} ended on {until}; {count} objection(s) received after it (first on {received_on}): please check",
    },
    "spending.over_resolved": {
        "zh": "已支出{spent}元，超过决议金额{resolved}元",
        "en": "{spent} yuan spent, more than the {resolved} yuan resolved",
    },
    "spending.over_threshold": {
        "zh": "已支出{spent}元，超过决议金额{resolved}元的{percent}%以上(上限{limit}元)",
        "en": "{spent} yuan spent, more than {percent}% above the {resolved} yuan resolved (limit {limit} yuan)",
    },
    "disclosure.resolution_late": {
        "zh": "决议于{since}作出，{posted_on}才公开，超过{days}天(最迟应于{due}公开)",
        "en": "The resolution of {since} was disclosed on {posted_on}, more than {days} days later (due by {due})",
    },
    "disclosure.result_late": {
        "zh": "实施于{since}完成，{posted_on}才公开结果，超过{days}天(最迟应于{due}公开)",
        "en": "Implementation was completed on {since}; the results were disclosed on {posted_on}, more than {days} days later (due by {due})",
    },
    "plan.sent_in_advance": {
        "zh": "审议方案{sent_on}才送达党员，未提前{days}天(党员大会{held_on}，最迟{latest})",
        "en": "The plan reached Party members on {sent_on}, less than {days} days before the assembly on {held_on} (due by {latest})",
    },
    "plan.sent_in_advance:missing": {
        "zh": "未记录审议方案送达党员的日期(应提前{days}天)",
        "en": "No date recorded for sending the plan to Party members ({days} days ahead)",
    },
}

# A requirement phrase: "达到组成人员45人的三分之二(30人)", "超过实到30人的半数(16人)".
REQUIREMENT = {
    True: {
        "zh": "达到{noun}{total}{unit}的{frac}({needed}{unit})",
        "en": "at least {frac} of the {total} {noun} ({needed})",
    },
    False: {
        "zh": "超过{noun}{total}{unit}的{frac}({needed}{unit})",
        "en": "more than {frac} of the {total} {noun} ({needed})",
    },
}

FRACTIONS: dict[tuple[int, int], tuple[str, str]] = {
    (1, 2): ("半数", "half"),
    (2, 3): ("三分之二", "two thirds"),
    (1, 3): ("三分之一", "one third"),
    (4, 5): ("五分之四", "four fifths"),
    (3, 4): ("四分之三", "three quarters"),
}

BODIES: dict[str, tuple[str, str]] = {
    "proposal": ("党支部委员会会议", "Party branch committee"),
    "joint_meeting": ("村“两委”联席会议", "Joint meeting of the two committees"),
    "party_assembly": ("党员大会", "Party members' assembly"),
    "representatives": ("村民代表会议", "Villagers' representative assembly"),
    "villagers": ("村民会议", "Villagers' assembly"),
    "households": ("村民会议", "Villagers' assembly"),
}

# What the total of a share is, per basis and body.
BASIS_NOUNS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected", "proposal"): ("应到委员", "committee members expected"),
    ("expected", "joint_meeting"): ("应到两委成员", "committee members expected"),
    ("expected", "party_assembly"): ("应到会有表决权党员", "voting members expected"),
    ("expected", "representatives"): ("组成人员", "members"),
    ("expected", "villagers"): ("应到村民", "adult villagers expected"),
    ("expected", "households"): ("总户数", "households"),
    ("expected", "land_representatives"): ("村民代表", "villager representatives"),
    ("members", "proposal"): ("花名册支委", "committee members on the roll"),
    ("members", "joint_meeting"): ("花名册两委成员", "committee members on the roll"),
    ("members", "party_assembly"): ("花名册有表决权党员", "voting members on the roll"),
    ("members", "representatives"): ("花名册组成人员", "members on the roll"),
    ("members", "villagers"): ("花名册年满十八周岁村民", "adult villagers on the roll"),
    ("members", "households"): ("总户数", "households"),
}
PRESENT_NOUN = ("实到", "present")

# The roster figure a meeting's 应到 comes from, as the roster check names it.
ROSTER_FIGURES: dict[str, tuple[str, str]] = {
    "committee_members": ("两委成员", "two-committee members"),
    "party_members_voting": ("有表决权党员", "Party members with a vote"),
    "rep_assembly_members": ("村民代表会议组成人员", "representative assembly members"),
    "adult_villagers": ("年满十八周岁村民", "adult villagers"),
}

STEPS: dict[str, tuple[str, str]] = {
    "proposal": ("第1步(党支部会提议)", "Step 1 (Party branch proposal)"),
    "joint_meeting": ("第2步(村“两委”会商议)", "Step 2 (joint consultation)"),
    "party_assembly": ("第3步(党员大会审议)", "Step 3 (Party members' review)"),
    "resolution": ("第4步(村民会议或村民代表会议决议)", "Step 4 (villagers' resolution)"),
    "resolution_disclosure": ("第5步(决议公开)", "Step 5 (disclosure of the resolution)"),
    "implementation": ("实施", "Implementation"),
    "result_disclosure": ("第6步(实施结果公开)", "Step 6 (disclosure of the results)"),
}

THINGS: dict[str, tuple[str, str]] = {
    "progress": ("实施进度", "Progress entry"),
    "completion": ("实施完成", "Completion"),
    "plan_sent_on": ("审议方案送达", "Plan sent"),
    "notice_given_on": ("村民会议通知", "Assembly notice"),
}


def fraction_words(num: int, den: int) -> tuple[str, str]:
    """A share in words: (2, 3) -> ("三分之二", "two thirds")."""
    return FRACTIONS.get((num, den), (f"{den}分之{num}", f"{num}/{den}"))


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals and thousands separators: 5000000 -> "50,000.00"."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def template(key: str) -> dict[str, str]:
    """The templates for `key`, falling back to its family ("quorum.villagers" -> "quorum")."""
    if key in MESSAGES:
        return MESSAGES[key]
    rule_id, _, variant = key.partition(":")
    family = rule_id.split(".", 1)[0] + (f":{variant}" if variant else "")
    return MESSAGES[family]


def render(key: str, **values: Any) -> tuple[str, str]:
    """The (zh, en) message for `key`; a (zh, en) tuple value is taken per language."""
    template_ = template(key)
    return (
        template_["zh"].format(**{k: _pick(v, 0) for k, v in values.items()}),
        template_["en"].format(**{k: _pick(v, 1) for k, v in values.items()}),
    )


def requirement(
    num: int,
    den: int,
    inclusive: bool,
    total: int,
    needed: int,
    noun: tuple[str, str],
    unit: str = "人",
) -> tuple[str, str]:
    """The (zh, en) phrase for a share of a total, e.g. "达到组成人员45人的三分之二(30人)"."""
    frac = fraction_words(num, den)
    phrase = REQUIREMENT[inclusive]
    return (
        phrase["zh"].format(noun=noun[0], total=total, unit=unit, frac=frac[0], needed=needed),
        phrase["en"].format(noun=noun[1], total=total, frac=frac[1], needed=needed),
    )


def _pick(value: Any, lang: int) -> Any:
    if isinstance(value, tuple) and len(value) == 2:
        return value[lang]
    if isinstance(value, date):
        return value.isoformat()
    return value
