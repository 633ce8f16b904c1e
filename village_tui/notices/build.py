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
    code: str = ""  # the short verification code (seal.short_code), once sealed
    qr_payload: str = ""  # what the QR code holds (seal.payload), once sealed
    lang: str = "zh"


def _yuan(fen: int, lang: str) -> str:
    return _t("yuan", lang, amount=f"{fen // 100:,}.{fen % 100:02d}")


# A fact is (label key, value as the ledger holds it): numbers, ISO dates, texts, lists.
# The facts, not the printed words, are what a notice's verification code covers, so a
# notice still checks after a wording or masking change in a later version.
Fact = tuple[str, object]


def notice_facts(state: MatterState, step: Step) -> list[Fact]:
    """What the notice for `step` states about the matter, in print order, unmasked and unworded."""
    if step not in NOTICE_STEPS:
        raise ValueError(f"no notice for {step}")
    m = state.matter
    facts: list[Fact] = [("matter", m.title)]
    if m.description:
        facts.append(("description", m.description))
    if m.planned_fen:
        facts.append(("planned", m.planned_fen))
    resolution = state.steps.get(Step.RESOLUTION)
    if step is Step.RESOLUTION_DISCLOSURE and isinstance(resolution, Meeting):
        facts += _resolution_facts(resolution)
    if step is Step.RESULT_DISCLOSURE:
        facts += _result_facts(state)
    posting = state.steps.get(step)
    if isinstance(posting, Posting):
        facts.append(("period", [posting.posted_on.isoformat(), posting.until.isoformat()]))
        if posting.places:
            facts.append(("places", list(posting.places)))
        if posting.supervisory_opinion:
            facts.append(("supervision", posting.supervisory_opinion))
    else:
        facts.append(("period", None))
    return facts


def _resolution_facts(r: Meeting) -> list[Fact]:
    facts: list[Fact] = [
        ("meeting", "villagers" if r.assembly == "villagers" else "representatives"),
        ("held_on", r.held_on.isoformat()),
        ("attendance", [r.expected, r.present]),
    ]
    if r.votes_for is not None:
        facts.append(("votes", [r.votes_for, r.votes_against or 0, r.votes_abstain or 0]))
    if r.content:
        facts.append(("resolution", r.content))
    return facts


def _result_facts(state: MatterState) -> list[Fact]:
    facts: list[Fact] = []
    posting = state.steps.get(Step.RESULT_DISCLOSURE)
    if isinstance(posting, Posting) and posting.results:
        facts.append(("results", posting.results))
    elif state.completion and state.completion.summary:
        facts.append(("results", state.completion.summary))
    spent = posting.spent_fen if isinstance(posting, Posting) and posting.spent_fen else None
    facts.append(("spent", spent if spent is not None else state.spent_fen))
    if state.completion:
        facts.append(("completed", state.completion.completed_on.isoformat()))
    return facts


def fact_text(key: str, value: object, lang: str = "zh") -> str:
    """One fact as the notice prints it (before masking)."""
    if key in ("planned", "spent"):
        return _yuan(int(value), lang)  # type: ignore[call-overload]
    if key == "meeting":
        return _t(str(value), lang)
    if key == "attendance":
        expected, present = value  # type: ignore[misc]
        return f"{expected} / {present}"
    if key == "votes":
        f, a, b = value  # type: ignore[misc]
        return _t("votes_value", lang, f=f, a=a, b=b)
    if key == "period":
        if value is None:
            return _t("period_blank", lang)
        start, end = value  # type: ignore[misc]
        days = max(0, (date.fromisoformat(end) - date.fromisoformat(start)).days)
        return _t("period_value", lang, start=start, end=end, days=days)
    if key == "places":
        return "、".join(value)  # type: ignore[arg-type]
    return str(value)


def fact_label(key: str, lang: str = "zh") -> str:
    """The printed label of a fact ("表决结果")."""
    return _t(key, lang)


def build_notice(
    village: Village, state: MatterState, step: Step, today: date, lang: str = "zh"
) -> Notice:
    """The notice for the resolution (step 5) or the result (step 6) of a matter."""
    rows = [(_t(k, lang), fact_text(k, v, lang)) for k, v in notice_facts(state, step)]
    m = state.matter
    title_key = "title_resolution" if step is Step.RESOLUTION_DISCLOSURE else "title_result"
    return Notice(
        title=public_text(_t(title_key, lang, village=village.name, matter=m.title), one_line=True),
        intro=_t("intro", lang),
        rows=[(k, public_text(v)) for k, v in rows],
        closing=_t("objections", lang, township=village.township_name),
        signed=_t("signed", lang, village=village.name),
        dated=today.isoformat(),
        lang=lang,
    )
