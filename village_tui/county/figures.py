"""The county report's figures, computed once and shared by every output format.

`build_report` returns plain JSON-ready data (described by
`schemas/county-report.schema.json`); the renderers in `village_tui.reports`
only lay it out. Findings come from the one evaluator, with each village's
own profile, as of the report date (see `snapshot`).
"""

from __future__ import annotations

import gc
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from ..domain.codes import check_township_code
from ..domain.model import MatterState
from ..domain.rule_context import POSTING_RULE
from ..domain.rules import evaluate
from ..domain.steps import ORDER, Category, Step
from ..i18n import county as words
from ..sync.review import RESOLUTION_DISCLOSE_DAYS, RESULT_DISCLOSE_DAYS
from .privacy import scrub
from .snapshot import Snapshot, as_of_date, load_snapshot

REPORT_FORMAT = "village-tui/county-report"
REPORT_VERSION = 1
SCHEMA_ID = "https://village-tui.example/schemas/1.0/county-report.schema.json"
# When a disclosure counts as overdue. The law says major matters are disclosed
# "at once" (组织法 art. 30) and names no number of days; the township review
# uses these figures for "late", and the county must agree with it.
RESOLUTION_DISCLOSURE_DUE_DAYS = RESOLUTION_DISCLOSE_DAYS
RESULT_DISCLOSURE_DUE_DAYS = RESULT_DISCLOSE_DAYS
REACHED_KEYS: tuple[str, ...] = ("none", *(s.value for s in ORDER))
REVIEW_KEYS = ("approved", "returned", "pending")


class CountyError(Exception):
    """A report that cannot be made as asked (bad township, unknown profile)."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh, self.message_en = message_zh, message_en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


@dataclass
class _MatterFigures:
    """What one matter adds to each group it belongs to."""

    village: str
    review: str
    blocking: bool
    honoured: int
    missed: int
    spent_fen: int
    resolved_fen: int = 0
    to_resolution: int | None = None
    to_result: int | None = None
    overdue: bool = False


@dataclass
class _Group:
    """Running totals for one group of matters (the county, a township, a category)."""

    villages: set[str] = field(default_factory=set)
    matters: int = 0
    with_blocking: int = 0
    review: Counter = field(default_factory=Counter)
    honoured: int = 0
    missed: int = 0
    resolved_fen: int = 0
    spent_fen: int = 0
    to_resolution: list[int] = field(default_factory=list)
    to_result: list[int] = field(default_factory=list)
    overdue: int = 0

    def add(self, m: _MatterFigures) -> None:
        """Count one matter in this group."""
        self.villages.add(m.village)
        self.matters += 1
        self.with_blocking += m.blocking
        self.review[m.review] += 1
        self.honoured += m.honoured
        self.missed += m.missed
        self.resolved_fen += m.resolved_fen
        self.spent_fen += m.spent_fen
        if m.to_resolution is not None:
            self.to_resolution.append(m.to_resolution)
        if m.to_result is not None:
            self.to_result.append(m.to_result)
        self.overdue += m.overdue

    def figures(self) -> dict[str, Any]:
        without = self.matters - self.with_blocking
        return {
            "villages": len(self.villages),
            "matters": self.matters,
            "without_blocking": without,
            "with_blocking": self.with_blocking,
            "share_without_blocking": round(without / self.matters, 4) if self.matters else None,
            **{k: self.review[k] for k in REVIEW_KEYS},
            "postings_honoured": self.honoured,
            "postings_missed": self.missed,
            "resolved_fen": self.resolved_fen,
            "spent_fen": self.spent_fen,
            "median_days_proposal_to_resolution": _median(self.to_resolution),
            "median_days_resolution_to_result": _median(self.to_result),
            "overdue": self.overdue,
        }


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def build_report(
    engine: Engine, *, year: int, today: date, township: str | None = None
) -> dict[str, Any]:
    """The county report for `year` (and one township, if given) as JSON-ready data."""
    if township is not None:
        try:
            check_township_code(township)
        except ValueError as exc:
            raise CountyError(exc.message_zh, exc.message_en) from None  # type: ignore[attr-defined]
    if not 1900 <= year <= 9999:
        raise CountyError(f"年份无效：{year}", f"Not a valid year: {year}")
    as_of = as_of_date(year, today)
    with _gc_paused():
        snap = load_snapshot(engine, year, as_of, township)
        if township is not None and not snap.villages:
            raise CountyError(
                f"数据库中没有乡镇 {township} 的村庄",
                f"No villages of township {township} in the database",
            )
        return figures_from_snapshot(snap, today)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the report builds its (acyclic) objects.

    Loading creates a few hundred thousand small objects; each automatic
    collection on the way walks every object the process holds, which cost a
    third of the report's time. Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def figures_from_snapshot(snap: Snapshot, today: date) -> dict[str, Any]:
    """The report's figures from an already loaded snapshot."""
    from ..profiles import UnknownProfile, load_profile

    profiles: dict[str, Any] = {}
    for v in snap.villages.values():
        if v.profile not in profiles:
            try:
                profiles[v.profile] = load_profile(v.profile)
            except UnknownProfile:
                raise CountyError(
                    f"村 {v.code} 使用的规则配置“{v.profile}”在本机不存在，请先安装该配置文件",
                    f"Village {v.code} uses the rule profile {v.profile!r}, which is not installed here",
                ) from None
    total = _Group()
    by_township: dict[str, _Group] = defaultdict(_Group)
    by_category: dict[str, _Group] = defaultdict(_Group)
    reached: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rules: Counter = Counter()
    overdue: list[dict[str, Any]] = []
    villages, village_of, as_of = snap.villages, snap.village_of, snap.as_of
    for state in snap.states:
        village = villages[village_of[state.matter.id]]
        findings = evaluate(state, village, profiles[village.profile], as_of)
        blocking = sorted({f.rule_id for f in findings if f.blocking})
        rules.update(blocking)
        late = _overdue(state, as_of)
        posted = [step for step in POSTING_RULE if step in state.steps]
        posting_rules = {(f.step, f.rule_id) for f in findings}
        missed = sum(1 for step in posted if (step, POSTING_RULE[step]) in posting_rules)
        # The matter's figures are worked out once and added to each of its groups.
        figures = _matter_figures(state, village.code, bool(blocking), len(posted) - missed, missed)
        figures.overdue = bool(late)
        for g in (total, by_township[village.township_code], by_category[state.matter.category]):
            g.add(figures)
        top = state.reached.value if state.reached else "none"
        reached[(village.township_code, state.matter.category)][top] += 1
        if late:
            overdue.append(_overdue_row(state, village, *late, as_of))
    townships = {v.township_code: scrub(v.township_name) for v in snap.villages.values()}
    counties = {v.county_code: scrub(v.county_name) for v in snap.villages.values()}
    overdue.sort(key=lambda r: (-r["days_overdue"], r["village_code"], r["matter_title"]))
    return {
        "$schema": SCHEMA_ID,
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "year": snap.year,
        "as_of": snap.as_of.isoformat(),
        "generated_on": today.isoformat(),
        "township": (
            {"code": snap.township, "name": townships.get(snap.township, "")}
            if snap.township
            else None
        ),
        "counties": [{"code": c, "name": counties[c]} for c in sorted(counties)],
        "profiles": sorted(profiles),
        "overdue_rule": {
            "resolution_disclosure_days": RESOLUTION_DISCLOSURE_DUE_DAYS,
            "result_disclosure_days": RESULT_DISCLOSURE_DUE_DAYS,
        },
        "totals": total.figures(),
        "townships": [
            {"code": code, "name": townships[code], **by_township[code].figures()}
            for code in sorted(townships)
            if code in by_township
        ],
        "categories": [
            {"category": cat, "name": words.category_name(cat), **by_category[cat].figures()}
            for cat in _category_order(by_category)
        ],
        "steps": [
            {
                "township_code": tc,
                "township_name": townships[tc],
                "category": cat,
                "category_name": words.category_name(cat),
                "reached": {k: counts[k] for k in REACHED_KEYS},
                "total": sum(counts.values()),
            }
            for (tc, cat), counts in sorted(
                reached.items(), key=lambda kv: (kv[0][0], _category_rank(kv[0][1]))
            )
        ],
        "blocking_rules": [{"rule_id": r, "matters": n} for r, n in sorted(rules.items())],
        "overdue": overdue,
    }


def _matter_figures(
    state: MatterState, village: str, blocking: bool, honoured: int, missed: int
) -> _MatterFigures:
    steps = state.steps
    review = state.review_state if state.review_state in REVIEW_KEYS else "pending"
    figures = _MatterFigures(village, review, blocking, honoured, missed, state.spent_fen)
    resolution = steps.get(Step.RESOLUTION)
    if resolution is not None:
        figures.resolved_fen = state.matter.planned_fen
        proposal = steps.get(Step.PROPOSAL)
        if proposal is not None:
            figures.to_resolution = (resolution.held_on - proposal.held_on).days
        result = steps.get(Step.RESULT_DISCLOSURE)
        if result is not None:
            figures.to_result = (result.posted_on - resolution.held_on).days
    return figures


def _overdue(state: MatterState, as_of: date) -> tuple[Step, date] | None:
    """The disclosure a matter owes and the day it was due, when that day has passed."""
    steps = state.steps
    if Step.RESOLUTION in steps and Step.RESOLUTION_DISCLOSURE not in steps:
        due = steps[Step.RESOLUTION].held_on + timedelta(days=RESOLUTION_DISCLOSURE_DUE_DAYS)
        return (Step.RESOLUTION_DISCLOSURE, due) if as_of > due else None
    if state.completion is not None and Step.RESULT_DISCLOSURE not in steps:
        due = state.completion.completed_on + timedelta(days=RESULT_DISCLOSURE_DUE_DAYS)
        return (Step.RESULT_DISCLOSURE, due) if as_of > due else None
    return None


def _overdue_row(state: MatterState, village, step: Step, due: date, as_of: date) -> dict[str, Any]:
    return {
        "township_code": village.township_code,
        "township_name": scrub(village.township_name),
        "village_code": village.code,
        "village_name": scrub(village.name),
        "matter_id": state.matter.id,
        "matter_title": safe_title(state),
        "category": state.matter.category,
        "step": step.value,
        "due_on": due.isoformat(),
        "days_overdue": (as_of - due).days,
    }


def safe_title(state: MatterState) -> str:
    """A title fit for county output: withheld for matters holding personal data, masked anyway."""
    if state.matter.personal_data:
        name = words.category_name(state.matter.category)
        return words.NOTES["personal_title"][0].format(category=name)
    return scrub(state.matter.title)


def _category_rank(cat: str) -> tuple[int, str]:
    builtin = [c.value for c in Category]
    return (builtin.index(cat), "") if cat in builtin else (len(builtin), cat)


def _category_order(groups: dict[str, _Group]) -> list[str]:
    return sorted(groups, key=_category_rank)
