"""Input that can never be right, refused before it reaches the ledger.

These are not rule findings (a quorum missed is a fact worth recording); they
are figures and dates that contradict themselves: 31 votes from 30 present,
a notice taken down before it went up, a meeting held tomorrow.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .findings import InvalidRecord
from .messages.roster import ROSTER_COUNT_LABELS
from .messages.rules import STEPS, yuan
from .model import (
    RECORD_TYPES,
    ROSTER_FIELDS,
    Completion,
    Implementation,
    Matter,
    Meeting,
    Objection,
    Posting,
    ProgressEntry,
    Roster,
)
from .steps import POSTING_STEPS, Assembly, MeetingForm, Step, VoteMethod

COUNT_LABELS: dict[str, tuple[str, str]] = {
    "expected": ("应到人数", "Those expected"),
    "present": ("实到人数", "Those present"),
    "votes_for": ("赞成票数", "Votes for"),
    "votes_against": ("反对票数", "Votes against"),
    "votes_abstain": ("弃权票数", "Abstentions"),
    "households_represented": ("到会户代表户数", "Households represented"),
    "representatives_among_members": ("村民代表人数", "Representatives"),
    "women_among_members": ("妇女村民代表人数", "Women representatives"),
    **ROSTER_COUNT_LABELS,
}
DATE_LABELS: dict[str, tuple[str, str]] = {
    "held_on": ("会议日期", "Meeting date"),
    "plan_sent_on": ("方案送达日期", "Plan sent date"),
    "notice_given_on": ("通知日期", "Notice date"),
    "posted_on": ("公示开始日期", "Posting date"),
    "started_on": ("开始实施日期", "Start date"),
    "on": ("进度日期", "Progress date"),
    "completed_on": ("完成日期", "Completion date"),
    "received_on": ("异议收到日期", "Objection date"),
    "replied_on": ("答复日期", "Reply date"),
}
_KINDS = {
    Meeting: ("会议", "a meeting"),
    Posting: ("公示", "a posting"),
    Implementation: ("实施", "an implementation"),
}
# Besides its own record, a step accepts what happens within it.
_ALSO = {
    Step.IMPLEMENTATION: (ProgressEntry, Completion),
    Step.RESOLUTION_DISCLOSURE: (Objection,),
    Step.RESULT_DISCLOSURE: (Objection,),
}
_VOTES = ("votes_for", "votes_against", "votes_abstain")
# The paper ledger has a line for what was proposed (step 1) and what was put to the vote
# (step 4); a failed vote still records what it was about.
_CONTENT_REQUIRED = {
    Step.PROPOSAL: ("提议内容必须填写", "Proposal text is required"),
    Step.RESOLUTION: ("决议内容必须填写", "Resolution text is required"),
}


def validate_record(
    step: Step, record: object, today: date, *, roster: Roster | None = None
) -> None:
    """Raise InvalidRecord if `record` can never be right for `step` (roster: for household counts)."""
    wanted = RECORD_TYPES[step]
    if not isinstance(record, (wanted, *_ALSO.get(step, ()))):
        kind = _KINDS[wanted]
        name = STEPS[step.value]
        raise InvalidRecord(
            "step", f"{name[0]}应为{kind[0]}记录", f"{name[1]} needs {kind[1]} record"
        )
    for field, label in DATE_LABELS.items():
        on = getattr(record, field, None)
        if on is not None and on > today:
            raise InvalidRecord(
                field,
                f"{label[0]}({on})晚于今天({today})",
                f"{label[1]} ({on}) is after today ({today})",
            )
    if isinstance(record, Meeting):
        _meeting(step, record, roster)
    elif isinstance(record, Posting):
        if record.until < record.posted_on:
            raise InvalidRecord(
                "until",
                f"公示结束日期({record.until})早于开始日期({record.posted_on})",
                f"Posting end ({record.until}) is before its start ({record.posted_on})",
            )
        _money("spent_fen", record.spent_fen, ("支出金额", "Money spent"))
    elif isinstance(record, ProgressEntry):
        _money("spent_fen", record.spent_fen, ("支出金额", "Money spent"))
    elif isinstance(record, Objection):
        if record.step not in {s.value for s in POSTING_STEPS} or record.step != step.value:
            raise InvalidRecord(
                "step",
                "异议只能针对决议公开或实施结果公开",
                "An objection must concern one of the two disclosures",
            )
        if record.replied_on is not None and record.replied_on < record.received_on:
            raise InvalidRecord(
                "replied_on",
                f"答复日期({record.replied_on})早于异议收到日期({record.received_on})",
                f"Reply date ({record.replied_on}) is before the objection was received ({record.received_on})",
            )


def _meeting(step: Step, m: Meeting, roster: Roster | None) -> None:
    for field, value in (
        ("form", m.form),
        ("vote_method", m.vote_method),
        ("assembly", m.assembly),
    ):
        allowed = {"form": MeetingForm, "vote_method": VoteMethod, "assembly": Assembly}[field]
        if value not in {v.value for v in allowed}:
            raise InvalidRecord(field, f"未知的选项: {value}", f"Unknown choice: {value}")
    if m.merged_with_proposal and step is not Step.JOINT_MEETING:
        raise InvalidRecord(
            "merged_with_proposal",
            "只有第2步可与第1步合并召开",
            "Only step 2 can be merged with step 1",
        )
    counts = ("expected", "present", *_VOTES, "households_represented")
    for field in (*counts, "representatives_among_members", "women_among_members"):
        _non_negative(field, getattr(m, field))
    # A merged step 2 may leave its sign-in empty: it shares step 1's (see rules.py).
    if m.expected == 0 and not (m.merged_with_proposal and m.present == 0):
        raise InvalidRecord("expected", "应到人数不能为0", "Those expected cannot be 0")
    _not_above("present", m.present, "expected", m.expected)
    for field in _VOTES:
        _not_above(field, getattr(m, field), "present", m.present)
    cast = sum(getattr(m, f) or 0 for f in _VOTES)
    if cast > m.present:
        raise InvalidRecord(
            "votes",
            f"赞成、反对、弃权票数合计({cast})超过实到人数({m.present})",
            f"Votes for, against and abstaining ({cast}) exceed those present ({m.present})",
        )
    if step is Step.RESOLUTION:
        members = ("组成人员", "the assembly's members")
        for field in ("representatives_among_members", "women_among_members"):
            _not_above(field, getattr(m, field), "expected", m.expected, members)
        _not_above(
            "women_among_members",
            m.women_among_members,
            "representatives_among_members",
            m.representatives_among_members,
        )
        if roster is not None and roster.households > 0:
            _not_above(
                "households_represented",
                m.households_represented,
                "households",
                roster.households,
                ("总户数", "the village's households"),
            )
    # Last: the figures are what a clerk types first, and should be answered first.
    if step in _CONTENT_REQUIRED and not m.content.strip():
        raise InvalidRecord("content", *_CONTENT_REQUIRED[step])


def validate_matter(matter: Matter, known_categories: Iterable[str]) -> None:
    """Raise InvalidRecord for a matter with no title, negative money or an unknown category."""
    if not matter.title.strip():
        raise InvalidRecord("title", "事项名称不能为空", "The matter needs a title")
    _money("planned_fen", matter.planned_fen, ("计划金额", "Planned amount"))
    if matter.category not in set(known_categories):
        raise InvalidRecord(
            "category",
            f"未知的事项类别: {matter.category}",
            f"Unknown matter category: {matter.category}",
        )


def validate_roster(roster: Roster) -> None:
    """Raise InvalidRecord for negative figures or representatives outnumbering the assembly."""
    for field in ROSTER_FIELDS:
        _non_negative(field, getattr(roster, field))
    members = ("村民代表会议组成人员", "the assembly's members")
    for field in ("representatives", "women_members"):
        value = getattr(roster, field)
        _not_above(field, value, "rep_assembly_members", roster.rep_assembly_members, members)


def _non_negative(field: str, value: int | None) -> None:
    if value is not None and value < 0:
        zh, en = COUNT_LABELS[field]
        raise InvalidRecord(field, f"{zh}不能为负数({value})", f"{en} cannot be negative ({value})")


def _not_above(
    field: str,
    value: int | None,
    limit_field: str,
    limit: int | None,
    limit_label: tuple[str, str] | None = None,
) -> None:
    if value is None or limit is None or value <= limit:
        return
    zh, en = COUNT_LABELS[field]
    lzh, len_ = limit_label or COUNT_LABELS[limit_field]
    raise InvalidRecord(
        field, f"{zh}({value})超过{lzh}({limit})", f"{en} ({value}) exceed {_lower(len_)} ({limit})"
    )


def _lower(label: str) -> str:
    return label if label.startswith("the ") else label[0].lower() + label[1:]


def _money(field: str, fen: int | None, label: tuple[str, str]) -> None:
    if fen is not None and fen < 0:
        raise InvalidRecord(
            field,
            f"{label[0]}不能为负数({yuan(fen)}元)",
            f"{label[1]} cannot be negative ({yuan(fen)} yuan)",
        )
