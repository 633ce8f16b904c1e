"""What a 公示 says, independent of how it is printed: a title, lines of particulars, a closing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.model import MatterState, Meeting, Posting, Village
from ..domain.steps import Step
from ..i18n.notices import NOTICE as _T
from .mask import public_text

NOTICE_STEPS = (Step.RESOLUTION_DISCLOSURE, Step.RESULT_DISCLOSURE)


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
    # Step 6: the spending (progress) entries as (date, what, amount), printed as a table
    # under the particulars so villagers can add up the total themselves.
    spending: list[tuple[str, str, str]] = field(default_factory=list)
    supervisors: str = ""  # who signed for the 村务监督委员会, if recorded


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
    facts = notice_facts(state, step)
    rows = [(_t(k, lang), _row_text(k, v, facts, lang)) for k, v in facts]
    m = state.matter
    posting = state.steps.get(step)
    title_key = "title_resolution" if step is Step.RESOLUTION_DISCLOSURE else "title_result"
    return Notice(
        title=public_text(_t(title_key, lang, village=village.name, matter=m.title), one_line=True),
        intro=_t("intro", lang),
        rows=[(k, public_text(v)) for k, v in rows],
        closing=_t("objections", lang, township=village.township_name),
        signed=_t("signed", lang, village=village.name),
        dated=notice_date(state, step, today).isoformat(),
        lang=lang,
        spending=_spending(state, lang) if step is Step.RESULT_DISCLOSURE else [],
        supervisors=public_text(posting.supervisors, one_line=True)
        if isinstance(posting, Posting)
        else "",
    )


def notice_date(state: MatterState, step: Step, today: date) -> date:
    """The date a notice bears: the day it was posted, once the posting is recorded."""
    # A clerk often prints after the fact; the notice must say when it went up, not when
    # the printer ran. Before the posting is recorded, today is the best guess.
    posting = state.steps.get(step)
    return posting.posted_on if isinstance(posting, Posting) else today


def _row_text(key: str, value: object, facts: list[Fact], lang: str) -> str:
    # The total spent is read against what was resolved: the planned amount beside it.
    text = fact_text(key, value, lang)
    planned = dict(facts).get("planned")
    if key == "spent" and planned:
        text += _t("spent_against", lang, planned=_yuan(int(planned), lang))  # type: ignore[call-overload]
    return text


def _spending(state: MatterState, lang: str) -> list[tuple[str, str, str]]:
    """The progress entries still counted, oldest first: what makes up the total spent.

    Printed only, not sealed: the seal covers the total (`spent`), so notices sealed
    before the list was printed still verify.
    """
    entries = sorted((p for p in state.progress if not p.reversed), key=lambda p: p.on)
    return [
        (p.on.isoformat(), public_text(p.description, one_line=True), _yuan(p.spent_fen, lang))
        for p in entries
    ]
