"""What the history screen calls each recorded field, and how it shows a value and a time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .roster import ROSTER_LABELS

# Keys are the payload's field names, nested ones joined with "." (record.held_on
# is shown as its last part; "verdict.valid" keeps both).
FIELDS: dict[str, tuple[str, str]] = {
    "held_on": ("会议日期", "Meeting date"),
    "place": ("地点", "Place"),
    "form": ("会议形式", "Meeting form"),
    "vote_method": ("表决方式", "Vote method"),
    "expected": ("应到", "Expected"),
    "expected_basis": ("应到依据", "Expected from"),
    "expected_note": ("应到说明", "Why expected differs"),
    "present": ("实到", "Present"),
    "votes_for": ("赞成", "For"),
    "votes_against": ("反对", "Against"),
    "votes_abstain": ("弃权", "Abstaining"),
    "content": ("内容", "Content"),
    "minutes": ("会议记录", "Minutes"),
    "officials": ("乡镇参会人员", "Township officials"),
    "merged_with_proposal": ("与第1步合并召开", "Held with step 1"),
    "plan_sent_on": ("方案送达日期", "Plan sent"),
    "assembly": ("决议机构", "Resolving body"),
    "households_represented": ("到会户代表户数", "Households represented"),
    "notice_given_on": ("通知日期", "Notice given"),
    "representatives_among_members": ("其中村民代表", "Representatives among members"),
    "women_among_members": ("其中妇女", "Women among members"),
    "posted_on": ("公示开始", "Posted on"),
    "until": ("公示结束", "Posted until"),
    "places": ("公示地点", "Posted at"),
    "situation": ("公开情况", "Disclosure"),
    "supervisory_opinion": ("监督意见", "Supervisory opinion"),
    "supervisors": ("监督委员会签字", "Signed by"),
    "results": ("实施结果", "Results"),
    "spent_fen": ("支出金额(元)", "Spent (yuan)"),
    "started_on": ("开始实施", "Started on"),
    "contractor": ("承包方", "Contractor"),
    "contract_ref": ("合同编号", "Contract"),
    "note": ("备注", "Note"),
    "on": ("日期", "Date"),
    "description": ("说明", "Description"),
    "reversed": ("已冲销", "Reversed"),
    "completed_on": ("完成日期", "Completed on"),
    "summary": ("完成情况", "Summary"),
    "received_on": ("收到日期", "Received on"),
    "reply": ("答复", "Reply"),
    "replied_on": ("答复日期", "Replied on"),
    "title": ("事项名称", "Title"),
    "category": ("类别", "Category"),
    "source": ("动议事由", "Source"),
    "planned_fen": ("计划金额(元)", "Planned (yuan)"),
    "personal_data": ("含个人信息", "Personal data"),
    "opened_on": ("立项日期", "Opened on"),
    "acknowledged": ("已确认的提醒", "Confirmed findings"),
    "verdict.valid": ("是否生效", "Counts"),
    "verdict.invalid": ("不生效原因", "Invalid because of"),
    "verdict.defects": ("瑕疵", "Defects"),
    "effective_on": ("生效日期", "Effective on"),
    "reason": ("原因", "Reason"),
    **ROSTER_LABELS,
}
YES_NO = {True: ("是", "yes"), False: ("否", "no")}
NONE = "—"
CHANGE = {"zh": "{label}：{old} → {new}", "en": "{label}: {old} → {new}"}
VERSION_OF = {"zh": "第{n}次记录", "en": "attempt {n}"}


def label(key: str, lang: str = "zh") -> str:
    """A field's name in `lang`; an unknown key is shown as it is (it is data, not markup)."""
    pair = FIELDS.get(key) or FIELDS.get(key.rsplit(".", 1)[-1])
    return (pair[1] if lang == "en" else pair[0]) if pair else key


# Fields holding a code, and the catalogue prefix that names it ("form": "in_person" -> 现场会议).
_CODE_NAMES = {
    "form": "form",
    "vote_method": "vote",
    "assembly": "assembly",
    "category": "cat",
    "source": "src",
    "expected_basis": "roster",
}
# Fields holding rule ids: shown as what the rule requires, not as its English id.
_RULE_LISTS = frozenset({"invalid", "defects", "acknowledged"})


def _named(key: str, value: Any, lang: str) -> str | None:
    from .tui import tr

    field = key.rsplit(".", 1)[-1]
    if field in _CODE_NAMES and isinstance(value, str):
        key = "basis.manual" if value == "manual" else f"{_CODE_NAMES[field]}.{value}"
        name = tr(key, lang)
        return None if name == key else name  # a county's own category: its code
    if field in _RULE_LISTS and isinstance(value, list):
        from .cli import RULE_WHAT

        words = [RULE_WHAT.get(v, (v, v))[1 if lang == "en" else 0] for v in value]
        return ("; " if lang == "en" else "；").join(words)
    return None


def show(key: str, value: Any, lang: str = "zh") -> str:
    """A field's value as a person reads it: yuan for fen, 是/否 for flags, names for codes."""
    if value is None or value == "" or value == []:
        return NONE
    named = _named(key, value, lang)
    if named is not None:
        return named
    if isinstance(value, bool):
        return YES_NO[value][1 if lang == "en" else 0]
    if key.endswith("_fen") and isinstance(value, int):
        sign = "-" if value < 0 else ""
        return f"{sign}{abs(value) // 100:,}.{abs(value) % 100:02d}"
    if isinstance(value, list):
        return "、".join(_item(v) for v in value)
    return str(value)


def _item(value: Any) -> str:
    if isinstance(value, dict):  # a township official
        name, post = value.get("name", ""), value.get("post", "")
        return f"{name}({post})" if post else str(name)
    return str(value)


def local_time(recorded_at: str) -> str:
    """An event's UTC time stamp in this computer's local time, to the minute."""
    try:
        at = datetime.fromisoformat(recorded_at.replace("Z", "+00:00"))
    except ValueError:
        return recorded_at
    return at.astimezone().strftime("%Y-%m-%d %H:%M")
