"""Dashboard lines: what each matter shows, and the in-memory filter. Pure, no Textual."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..domain.days import days_left
from ..domain.steps import Step
from ..i18n.tui import category_name, step_short, tr
from ..store.summaries import MatterSummary


@dataclass(frozen=True)
class Problems:
    """A matter's findings, counted once per load."""

    blocking: int = 0
    warnings: int = 0
    first: str = ""  # the first message, for the line under the table


@dataclass(frozen=True)
class Line:
    """One row of the dashboard table."""

    summary: MatterSummary
    current: str
    next_action: str
    days_left: int | None
    needs_action: bool
    problems: Problems | None = None  # None until findings are evaluated
    haystack: str = ""  # what the search box matches, built once per load

    def __post_init__(self) -> None:
        if not self.haystack:
            key = self.summary.search_key
            # The spaced form and the squeezed one ("cuncuntong"), kept apart by a NUL.
            object.__setattr__(self, "haystack", f"{key}\x00{key.replace(' ', '')}")

    @property
    def id(self) -> str:
        return self.summary.id


def next_action(s: MatterSummary, today: date, lang: str) -> tuple[str, int | None]:
    """What the clerk does next, and the days left if a notice is running."""
    reached = s.reached
    if reached is None:
        return tr("next.record", lang, step=step_short(Step.PROPOSAL, lang)), None
    if reached.is_posting:
        on, until = s.postings.get(reached, (None, None))
        if on and until and on <= today <= until:
            key = "next.posting" if reached is Step.RESOLUTION_DISCLOSURE else "next.result_posting"
            return tr(key, lang), days_left(on, until, today)
        if reached is Step.RESULT_DISCLOSURE:
            return tr("next.done", lang), None
        return tr("next.implement", lang), None
    if reached is Step.IMPLEMENTATION:
        if s.completed_on is None:
            return tr("next.progress", lang), None
        return tr("next.record", lang, step=step_short(Step.RESULT_DISCLOSURE, lang)), None
    nxt = reached.next()
    return tr("next.record", lang, step=step_short(nxt, lang)), None


def make_line(s: MatterSummary, today: date, lang: str, problems: Problems | None = None) -> Line:
    """A dashboard line for a summary (problems filled in once findings are known)."""
    action, left = next_action(s, today, lang)
    current = step_short(s.reached, lang) if s.reached else tr("step.none", lang)
    line = Line(s, current, action, left, s.review_state == "returned", problems)
    return with_problems(line, problems) if problems else line


def with_problems(line: Line, problems: Problems) -> Line:
    """The line with its findings counted; it needs action if any are unresolved or it was returned."""
    needs = (
        line.summary.review_state == "returned" or problems.blocking > 0 or problems.warnings > 0
    )
    return replace(line, problems=problems, needs_action=needs)


@dataclass(frozen=True)
class Filter:
    """What the dashboard shows: a search text, a category, a step, only matters needing action."""

    query: str = ""
    category: str | None = None
    step: str | None = None  # a Step value, "none" (not started) or "done"
    needs_action: bool = False


def _query(f: Filter) -> str:
    return "".join(f.query.lower().split())


def _passes(line: Line, f: Filter) -> bool:
    s = line.summary
    if f.category and s.category != f.category:
        return False
    if f.step:
        if f.step == "none":
            if s.reached is not None:
                return False
        elif f.step == "done":
            if s.reached is not Step.RESULT_DISCLOSURE:
                return False
        elif s.reached is None or s.reached.value != f.step:
            return False
    return not (f.needs_action and not line.needs_action)


def matches(line: Line, f: Filter) -> bool:
    """Whether a line passes the filter; the search matches title, pinyin initials or pinyin."""
    q = _query(f)
    return _passes(line, f) and (not q or q in line.haystack)


def filter_lines(lines: list[Line], f: Filter) -> list[Line]:
    """The lines that pass the filter, in order (the per-keystroke path: kept lean)."""
    q = _query(f)
    if not (f.category or f.step or f.needs_action):
        return [ln for ln in lines if q in ln.haystack] if q else list(lines)
    return [ln for ln in lines if _passes(ln, f) and (not q or q in ln.haystack)]


def step_counts(lines: list[Line]) -> dict[str | None, int]:
    """How many matters stand at each step (None: not started)."""
    counts: dict[str | None, int] = {}
    for line in lines:
        key = line.summary.reached.value if line.summary.reached else None
        counts[key] = counts.get(key, 0) + 1
    return counts


def category_label(category: str, lang: str, profile=None) -> str:
    """A category's display name (a county-added one from its profile)."""
    return category_name(category, lang, profile)
