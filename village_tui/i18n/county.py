"""Words of the county report and the county commands, in Chinese and English."""

from __future__ import annotations

from .common import CATEGORIES

# Short column heads for "step reached" (the paper ledger's numbering).
REACHED: dict[str, tuple[str, str]] = {
    "none": ("未开始", "Not started"),
    "proposal": ("1 提议", "1 Proposal"),
    "joint_meeting": ("2 商议", "2 Consultation"),
    "party_assembly": ("3 审议", "3 Review"),
    "resolution": ("4 决议", "4 Resolution"),
    "resolution_disclosure": ("5 决议公开", "5 Resolution posted"),
    "implementation": ("实施", "Implementing"),
    "result_disclosure": ("6 结果公开", "6 Results posted"),
}

# What an overdue disclosure is missing.
OVERDUE_STEP: dict[str, tuple[str, str]] = {
    "resolution_disclosure": ("决议公开", "Disclosure of the resolution"),
    "result_disclosure": ("实施结果公开", "Disclosure of the results"),
}
# The same on screen, under the head "Disclosure due": the English above would take three lines.
OVERDUE_STEP_SHORT: dict[str, tuple[str, str]] = {
    "resolution_disclosure": ("决议公开", "Resolution"),
    "result_disclosure": ("实施结果公开", "Results"),
}

# Category names on screen, where a category is never wrapped (a wrapped "Land" of "Land
# contracting" reads like "Land compensation"): short enough to leave room for figures, still
# unique in each language (a test checks it). The Chinese names are short already.
CATEGORY_SHORT: dict[str, tuple[str, str]] = {
    **CATEGORIES,
    "dibao": ("低保评议", "Minimum allowance"),
}

REVIEW: dict[str, tuple[str, str]] = {
    "approved": ("已通过", "Approved"),
    "returned": ("退回", "Returned"),
    "pending": ("待审", "Pending"),
}

# Column heads shared by every format; keys are the JSON field names.
HEADS: dict[str, tuple[str, str]] = {
    "township": ("乡镇", "Township"),
    "township_code": ("乡镇代码", "Township code"),
    "category": ("类别", "Category"),
    "villages": ("村数", "Villages"),
    "matters": ("事项数", "Matters"),
    "without_blocking": ("无阻断问题", "No blocking findings"),
    "with_blocking": ("有阻断问题", "Blocking findings"),
    "share_without_blocking": ("无阻断问题占比", "Share without blocking findings"),
    "approved": ("已通过", "Approved"),
    "returned": ("退回", "Returned"),
    "pending": ("待审", "Pending"),
    "median_days_proposal_to_resolution": (
        "提议至决议天数(中位数)",
        "Median days proposal to resolution",
    ),
    "median_days_resolution_to_result": (
        "决议至结果公开天数(中位数)",
        "Median days resolution to results",
    ),
    "postings_honoured": ("公示期足额", "Postings honoured"),
    "postings_missed": ("公示期不足", "Postings too short"),
    "resolved_yuan": ("决议金额(元)", "Resolved (yuan)"),
    "spent_yuan": ("支出金额(元)", "Spent (yuan)"),
    "overdue": ("逾期未公开", "Overdue disclosures"),
    "retried": ("需再次召开(多次记录)", "Needed a second attempt"),
    "total": ("合计", "Total"),
    "village": ("村", "Village"),
    "village_code": ("村代码", "Village code"),
    "matter_title": ("事项", "Matter"),
    "step": ("应公开环节", "Disclosure due"),
    "due_on": ("应公开日期", "Due on"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "rule_id": ("规则", "Rule"),
    "rule_matters": ("涉及事项数", "Matters"),
}

TITLES: dict[str, tuple[str, str]] = {
    "report": ("四议两公开工作情况汇总", "四议两公开: county summary"),
    "summary": ("总体情况", "Summary"),
    "townships": ("分乡镇情况", "By township"),
    "categories": ("分类别情况", "By category"),
    "steps": ("各乡镇各类事项进展（按已到环节）", "Matters by township, category and step reached"),
    "overdue": ("逾期未公开清单", "Overdue disclosures"),
    "rules": ("阻断问题分布（按规则）", "Blocking findings by rule"),
    "chart_share": ("各乡镇无阻断问题事项占比", "Share of matters without blocking findings"),
    "chart_money": (
        "各乡镇决议金额与支出（万元）",
        "Money resolved and spent by township (10k yuan)",
    ),
    "chart_review": ("审核情况", "Review"),
}

NOTES: dict[str, tuple[str, str]] = {
    "scope": (
        "统计范围：{year}年内提议（立项）的事项；统计截止日 {as_of}（年末与今天较早者），按截止日当天已发生的环节评估。",
        "Scope: matters opened in {year}; figures as of {as_of} (the year's end or today, whichever is earlier), counting what had happened by then.",
    ),
    "overdue_rule": (
        "逾期标准：决议后{res}天内未公开决议，或实施完成后{result}天内未公开实施结果。",
        "Overdue: resolution not posted within {res} days, or results not posted within {result} days of completion.",
    ),
    "privacy": (
        "本报告不含个人信息：涉及个人信息的事项不显示标题，身份证号和手机号一律屏蔽。",
        "No personal data: titles of matters holding personal data are withheld; ID and phone numbers are masked.",
    ),
    "no_matters": ("该范围内没有事项。", "No matters in this scope."),
    "personal_title": (
        "{category}事项（含个人信息，标题不予显示）",
        "{category} matter (holds personal data; title withheld)",
    ),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The English or Chinese half of a (zh, en) pair."""
    return pair[1] if lang == "en" else pair[0]


def category_name(category: str, lang: str = "zh", short: bool = False) -> str:
    """A built-in category's name (its screen name when `short`), or the id for one a county added."""
    pair = (CATEGORY_SHORT if short else CATEGORIES).get(category)
    return pick(pair, lang) if pair else category


# Refusals of a county report (county/figures.py, county/stored.py)
ERRORS: dict[str, tuple[str, str]] = {
    "bad_year": ("年份无效：{year}", "Not a valid year: {year}"),
    "year_not_begun": (
        "{year} 年尚未开始（今天是 {today}），没有可统计的事项",
        "{year} has not begun (today is {today}): nothing to count yet",
    ),
    "no_villages": (
        "数据库中没有乡镇 {township} 的村庄",
        "No villages of township {township} in the database",
    ),
    "unknown_profile": (
        "村 {code} 使用的规则配置“{profile}”在本机不存在，请先安装该配置文件",
        "Village {code} uses the rule profile {profile!r}, which is not installed here",
    ),
}


def refusal(key: str, **values: object) -> tuple[str, str]:
    """A county refusal in Chinese and in English, filled in."""
    zh, en = ERRORS[key]
    return zh.format(**values), en.format(**values)
