"""What a 公示 says, independent of how it is printed: a title, lines of particulars, a closing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.model import MatterState, Meeting, Posting, Village
from ..domain.steps import Step
from .mask import public_text

NOTICE_STEPS = (Step.RESOLUTION_DISCLOSURE, Step.RESULT_DISCLOSURE)

_T = {
    "title_resolution": (
        "{village}关于“{matter}”决议的公示",
        "{village}: notice of the resolution on “{matter}”",
    ),
    "title_result": (
        "{village}关于“{matter}”实施结果的公示",
        "{village}: notice of the results of “{matter}”",
    ),
    "intro": (
        "根据“四议两公开”工作法，现将有关情况公示如下：",
        "Under the 4+2 procedure the following is made public:",
    ),
    "matter": ("事项名称", "Matter"),
    "village": ("村", "Village"),
    "description": ("事项说明", "Description"),
    "planned": ("计划金额", "Planned amount"),
    "meeting": ("决议会议", "Resolved by"),
    "held_on": ("会议日期", "Meeting date"),
    "attendance": ("应到／实到", "Expected / present"),
    "votes": ("表决结果", "Votes"),
    "votes_value": ("赞成{f}人，反对{a}人，弃权{b}人", "{f} for, {a} against, {b} abstaining"),
    "resolution": ("决议内容", "Resolution"),
    "results": ("实施结果", "Results"),
    "spent": ("实际支出", "Money spent"),
    "completed": ("完成日期", "Completed on"),
    "period": ("公示期", "Posting period"),
    "period_value": ("{start}至{end}（{days}天）", "{start} to {end} ({days} days)"),
    "period_blank": ("____年__月__日至____年__月__日", "from ________ to ________"),
    "places": ("公示地点", "Posted at"),
    "objections": (
        "对公示内容如有异议，请于公示期内向村民委员会或村务监督委员会书面或口头反映；"
        "村内不能解决的，可向{township}人民政府反映。",
        "Objections may be raised with the villagers' committee or the village affairs "
        "supervisory committee during the posting period; if unresolved, with the {township} government.",
    ),
    "signed": ("{village}村民委员会", "Villagers' committee of {village}"),
    "supervision": ("村务监督委员会意见", "Supervisory committee's opinion"),
    "yuan": ("{amount}元", "{amount} yuan"),
    "representatives": ("村民代表会议", "Villagers' representative assembly"),
    "villagers": ("村民会议", "Villagers' assembly"),
}


def _t(key: str, lang: str, **values: object) -> str:
    zh, en = _T[key]
    return (en if lang == "en" else zh).format(**values)


@dataclass(frozen=True)
class Notice:
    """A notice ready to print: every text already masked."""

    title: str
    intro: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    closing: str = ""
    signed: str = ""
    dated: str = ""


def _yuan(fen: int, lang: str) -> str:
    return _t("yuan", lang, amount=f"{fen // 100:,}.{fen % 100:02d}")


def build_notice(
    village: Village, state: MatterState, step: Step, today: date, lang: str = "zh"
) -> Notice:
    """The notice for the resolution (step 5) or the result (step 6) of a matter."""
    if step not in NOTICE_STEPS:
        raise ValueError(f"no notice for {step}")
    m = state.matter
    rows: list[tuple[str, str]] = [(_t("matter", lang), m.title)]
    if m.description:
        rows.append((_t("description", lang), m.description))
    if m.planned_fen:
        rows.append((_t("planned", lang), _yuan(m.planned_fen, lang)))
    resolution = state.steps.get(Step.RESOLUTION)
    if step is Step.RESOLUTION_DISCLOSURE and isinstance(resolution, Meeting):
        rows += _resolution_rows(resolution, lang)
    if step is Step.RESULT_DISCLOSURE:
        rows += _result_rows(state, lang)
    posting = state.steps.get(step)
    if isinstance(posting, Posting):
        days = max(0, (posting.until - posting.posted_on).days)
        period = _t("period_value", lang, start=posting.posted_on, end=posting.until, days=days)
        rows.append((_t("period", lang), period))
        if posting.places:
            rows.append((_t("places", lang), "、".join(posting.places)))
        if posting.supervisory_opinion:
            rows.append((_t("supervision", lang), posting.supervisory_opinion))
    else:
        rows.append((_t("period", lang), _t("period_blank", lang)))
    title_key = "title_resolution" if step is Step.RESOLUTION_DISCLOSURE else "title_result"
    return Notice(
        title=public_text(_t(title_key, lang, village=village.name, matter=m.title), one_line=True),
        intro=_t("intro", lang),
        rows=[(k, public_text(v)) for k, v in rows],
        closing=_t("objections", lang, township=village.township_name),
        signed=_t("signed", lang, village=village.name),
        dated=today.isoformat(),
    )


def _resolution_rows(r: Meeting, lang: str) -> list[tuple[str, str]]:
    body = _t("villagers" if r.assembly == "villagers" else "representatives", lang)
    rows = [
        (_t("meeting", lang), body),
        (_t("held_on", lang), r.held_on.isoformat()),
        (_t("attendance", lang), f"{r.expected} / {r.present}"),
    ]
    if r.votes_for is not None:
        votes = _t(
            "votes_value",
            lang,
            f=r.votes_for,
            a=r.votes_against or 0,
            b=r.votes_abstain or 0,
        )
        rows.append((_t("votes", lang), votes))
    if r.content:
        rows.append((_t("resolution", lang), r.content))
    return rows


def _result_rows(state: MatterState, lang: str) -> list[tuple[str, str]]:
    rows = []
    posting = state.steps.get(Step.RESULT_DISCLOSURE)
    if isinstance(posting, Posting) and posting.results:
        rows.append((_t("results", lang), posting.results))
    elif state.completion and state.completion.summary:
        rows.append((_t("results", lang), state.completion.summary))
    spent = posting.spent_fen if isinstance(posting, Posting) and posting.spent_fen else None
    rows.append((_t("spent", lang), _yuan(spent if spent is not None else state.spent_fen, lang)))
    if state.completion:
        rows.append((_t("completed", lang), state.completion.completed_on.isoformat()))
    return rows
