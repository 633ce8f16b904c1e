"""The matter view's timeline: each step done, current or to come, with its figures and findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.days import days_left, days_posted
from ...domain.findings import Finding
from ...domain.model import Attempt, Implementation, MatterState, Meeting, Posting
from ...domain.steps import ORDER, Step
from ...i18n.tui import MESSAGES, choice, step_name, tr
from ..parse import format_fen
from .findings_view import finding_text
from .safe_text import safe_text

# A guide line rather than spaces: it ties a step's details to it, and leading
# spaces are squeezed away in SVG screenshots.
INDENT = "│ "


def _colon(lang: str) -> str:
    # The full-width colon is Chinese punctuation; English text takes its own.
    return ": " if lang == "en" else "："


def _meeting_lines(m: Meeting, lang: str) -> list[Text]:
    out = []
    if m.merged_with_proposal and not m.expected:
        return [Text(INDENT + tr("matter.merged", lang), style="dim")]
    basis = tr(f"roster.{m.expected_basis}", lang) if m.expected_basis else tr("basis.manual", lang)
    line = tr("matter.attendance", lang, expected=m.expected, basis=basis, present=m.present)
    if m.votes_for is not None:
        votes = tr(
            "matter.votes", lang, f=m.votes_for, a=m.votes_against or 0, b=m.votes_abstain or 0
        )
        line += " · " + votes
    out.append(Text(INDENT + line))
    extra = [choice("form", m.form, lang), choice("vote", m.vote_method, lang)]
    if m.merged_with_proposal:
        extra.append(tr("matter.merged", lang))
    if m.place:
        extra.insert(0, m.place)
    out.append(Text(INDENT + " · ".join(extra), style="dim"))
    if m.content:
        out.append(Text(INDENT + m.content))
    if m.officials:
        people = "、".join(f"{o.name}({o.post})" if o.post else o.name for o in m.officials)
        out.append(Text(f"{INDENT}{tr('f.officials', lang)}{_colon(lang)}{people}", style="dim"))
    return out


def _posting_lines(
    p: Posting, state: MatterState, step: Step, today: date, lang: str
) -> list[Text]:
    days = days_posted(p.posted_on, p.until)
    line = tr("matter.period", lang, on=p.posted_on, until=p.until, days=days)
    if p.posted_on <= today <= p.until:
        line += " · " + tr("matter.days_left", lang, days=days_left(p.posted_on, p.until, today))
    out = [Text(INDENT + line)]
    if p.places:
        out.append(Text(INDENT + "、".join(p.places), style="dim"))
    if p.results:
        out.append(Text(INDENT + p.results))
    if p.supervisory_opinion:
        out.append(
            Text(
                f"{INDENT}{tr('f.opinion', lang)}{_colon(lang)}{p.supervisory_opinion}", style="dim"
            )
        )
    for o in state.objections:
        if o.step != step.value:
            continue
        out.append(Text(INDENT + tr("matter.objection", lang, on=o.received_on, content=o.content)))
        if o.replied_on:
            out.append(Text(INDENT + tr("matter.reply", lang, on=o.replied_on, reply=o.reply)))
        else:
            out.append(Text(INDENT + tr("matter.unanswered", lang), style="yellow"))
    return out


def _implementation_lines(i: Implementation, state: MatterState, lang: str) -> list[Text]:
    out = [Text(INDENT + tr("matter.started", lang, on=i.started_on, contractor=i.contractor))]
    for p in state.progress:
        line = tr(
            "matter.progress_line",
            lang,
            on=p.on,
            description=p.description,
            spent=format_fen(p.spent_fen),
        )
        out.append(Text(INDENT + line, style="dim"))
    money = tr(
        "matter.money",
        lang,
        planned=format_fen(state.matter.planned_fen),
        spent=format_fen(state.spent_fen),
    )
    out.append(Text(INDENT + money))
    if state.completion:
        c = state.completion
        out.append(
            Text(INDENT + tr("matter.completed", lang, on=c.completed_on, summary=c.summary))
        )
    return out


def why(rule_ids: Sequence[str], lang: str) -> str:
    """The short reason a clerk reads: 未达法定人数, 未通过, 程序顺序不符 ..."""
    words = []
    for rule_id in rule_ids:
        family = rule_id.split(".", 1)[0]
        key = f"attempt.why.{family}"
        word = tr(key if key in MESSAGES else "attempt.why.other", lang)
        if word not in words:
            words.append(word)
    return "、".join(words)


def attempt_lines(tries: Sequence[Attempt], lang: str) -> list[Text]:
    """Each try at one step when there was more than one, or the one try did not count."""
    if not tries or (len(tries) == 1 and tries[0].valid):
        return []
    number = {a.seq: i for i, a in enumerate(tries, 1)}
    out = []
    for n, a in enumerate(tries, 1):
        m = number.get(a.superseded_by or -1)
        if not a.valid:
            key = "attempt.failed_then" if m else "attempt.failed"
            out.append(
                Text(INDENT + tr(key, lang, n=n, on=a.on, why=why(a.invalid, lang)), style="red")
            )
        elif a.defects and m:
            text = tr("attempt.cured", lang, n=n, on=a.on, why=why(a.defects, lang), m=m)
            out.append(Text(INDENT + text, style="yellow"))
        elif m:
            out.append(
                Text(INDENT + tr("attempt.superseded", lang, n=n, on=a.on, m=m), style="dim")
            )
        else:
            out.append(Text(INDENT + tr("attempt.current", lang, n=n), style="green"))
    return out


def step_prompt(
    state: MatterState,
    step: Step,
    findings: Sequence[Finding],
    today: date,
    lang: str,
    with_attempts: bool = True,
) -> Text:
    """One step of the timeline as a multi-line text (its attempts too, unless listed apart)."""
    record = state.steps.get(step)
    if record is not None:
        mark, style = tr("matter.done", lang), "green"
    elif step is state.next_step:
        mark, style = tr("matter.current", lang), "bold"
    else:
        mark, style = tr("matter.todo", lang), "dim"
    head = Text(f"{mark} ", style=style)
    head.append(step_name(step, lang), style="bold" if record or style == "bold" else "dim")
    if record is not None:
        on = getattr(record, "held_on", None) or getattr(record, "posted_on", None)
        on = on or getattr(record, "started_on", None)
        head.append(f"  {on}", style="")
    lines = [head]
    if isinstance(record, Meeting):
        lines += _meeting_lines(record, lang)
    elif isinstance(record, Posting):
        lines += _posting_lines(record, state, step, today, lang)
    elif isinstance(record, Implementation):
        lines += _implementation_lines(record, state, lang)
    if with_attempts:
        lines += attempt_lines(state.attempts_at(step), lang)
    for f in findings:
        if f.step is step:
            lines.append(finding_text(f, lang, indent=INDENT))
    acks = state.acknowledged.get(step)
    if acks:
        lines.append(
            Text(INDENT + tr("matter.ack", lang, rules="、".join(sorted(acks))), style="dim")
        )
    return Text("\n").join(_guided(lines[1:], [lines[0]]))


def _guided(lines: Sequence[Text], out: list[Text] | None = None) -> list[Text]:
    """Lines with their guide dimmed, made safe to show."""
    out = list(out or [])
    for line in lines:
        if line.plain.startswith(INDENT):
            line.stylize("dim", 0, len(INDENT))
        out.append(line)
    return [safe_text(line) for line in out]


def _options(
    state: MatterState, findings: Sequence[Finding], today: date, lang: str
) -> list[Option]:
    """Each step, then each of its attempts as a line of its own, so one can be chosen."""
    out = []
    for step in ORDER:
        out.append(
            Option(step_prompt(state, step, findings, today, lang, with_attempts=False), step.value)
        )
        tries = state.attempts_at(step)
        for a, line in zip(tries, attempt_lines(tries, lang), strict=False):
            out.append(Option(_guided([line])[0], f"{step.value}{ATTEMPT_MARK}{a.seq}"))
    return out


# An attempt's option id: the step's, this mark, then the event that recorded it.
ATTEMPT_MARK = "#"


def option_target(option_id: str | None) -> tuple[Step | None, int | None]:
    """The step an option stands for, and the attempt's event when it is an attempt line."""
    if not option_id:
        return None, None
    step, _, seq = option_id.partition(ATTEMPT_MARK)
    return Step(step), int(seq) if seq else None


class Timeline(OptionList):
    """The seven steps of a matter; the highlighted one is what Enter records or corrects."""

    def show(
        self,
        state: MatterState,
        findings: Sequence[Finding],
        today: date,
        lang: str,
        to_next: bool = False,
    ) -> None:
        """Redraw; the highlight stays put unless `to_next` moves it to the step to record next."""
        keep = None if to_next or self.highlighted is None else self._option_id(self.highlighted)
        self.clear_options()
        self.add_options(_options(state, findings, today, lang))
        if keep is None or keep not in self._option_ids():
            nxt = state.next_step
            keep = (nxt or ORDER[-1]).value
        self.highlighted = self._option_ids().index(keep)

    def _option_id(self, index: int) -> str | None:
        return self.get_option_at_index(index).id

    def _option_ids(self) -> list[str | None]:
        return [self._option_id(i) for i in range(self.option_count)]

    @property
    def selected_step(self) -> Step | None:
        """The step highlighted, or whose attempt line is."""
        if self.highlighted is None:
            return None
        return option_target(self._option_id(self.highlighted))[0]

    @property
    def selected_attempt(self) -> int | None:
        """The event of the attempt line highlighted, if one is."""
        if self.highlighted is None:
            return None
        return option_target(self._option_id(self.highlighted))[1]
