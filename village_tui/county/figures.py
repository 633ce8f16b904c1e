"""The county report's figures, computed once and shared by every output format.

`build_report` returns plain JSON-ready data (described by
`schemas/county-report.schema.json`); the renderers in `village_tui.reports`
only lay it out. Each matter's figures come from `county.stored`: the one
evaluator's findings with the village's own profile, as of the report date,
worked out once and kept until the matter, its village or the rules change.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from ..domain.codes import check_township_code
from ..domain.steps import REACHED_KEYS, Category
from ..i18n import county as words
from .errors import CountyError
from .matter_figures import (
    RESOLUTION_DISCLOSURE_DUE_DAYS,
    RESULT_DISCLOSURE_DUE_DAYS,
    MatterFigures,
)
from .privacy import scrub
from .snapshot import Scope, as_of_date
from .stored import ScopeFigures, ScopeMatter, current_figures

__all__ = ["CountyError", "build_report", "check_year", "figures_from_scope", "safe_title"]
REPORT_FORMAT = "village-tui/county-report"
REPORT_VERSION = 1
SCHEMA_ID = "https://village-tui.example/schemas/1.0/county-report.schema.json"
REVIEW_KEYS = ("approved", "returned", "pending")


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
    retried: int = 0

    def add(self, village: str, review: str, m: MatterFigures) -> None:
        """Count one matter in this group."""
        self.villages.add(village)
        self.matters += 1
        self.with_blocking += bool(m.blocking)
        self.review[review] += 1
        self.honoured += m.honoured
        self.missed += m.missed
        self.resolved_fen += m.resolved_fen
        self.spent_fen += m.spent_fen
        if m.to_resolution is not None:
            self.to_resolution.append(m.to_resolution)
        if m.to_result is not None:
            self.to_result.append(m.to_result)
        self.overdue += m.overdue_step is not None
        self.retried += m.retried

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
            "retried": self.retried,
        }


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def check_year(year: int, today: date) -> None:
    """CountyError unless `year` is one a report can be made for on `today`."""
    if not 1900 <= year <= 9999:
        raise CountyError(*words.refusal("bad_year", year=year))
    if year > today.year:
        raise CountyError(*words.refusal("year_not_begun", year=year, today=today.isoformat()))


def build_report(
    engine: Engine, *, year: int, today: date, township: str | None = None
) -> dict[str, Any]:
    """The county report for `year` (and one township, if given) as JSON-ready data."""
    if township is not None:
        try:
            check_township_code(township)
        except ValueError as exc:
            raise CountyError(exc.message_zh, exc.message_en) from None  # type: ignore[attr-defined]
    check_year(year, today)
    scope = Scope(year, as_of_date(year, today), township)
    found = current_figures(engine, scope)
    if township is not None and not found.villages:
        raise CountyError(*words.refusal("no_villages", township=township))
    return figures_from_scope(found, scope, today)


def figures_from_scope(found: ScopeFigures, scope: Scope, today: date) -> dict[str, Any]:
    """The report's figures from the matters of `scope` and their figures."""
    total = _Group()
    by_township: dict[str, _Group] = defaultdict(_Group)
    by_category: dict[str, _Group] = defaultdict(_Group)
    reached: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rules: Counter = Counter()
    overdue: list[dict[str, Any]] = []
    villages, as_of = found.villages, scope.as_of
    for m in found.matters:
        village, figures = villages[m.village_code], m.figures
        review = m.review_state if m.review_state in REVIEW_KEYS else "pending"
        rules.update(figures.blocking)
        for g in (total, by_township[village.township_code], by_category[m.category]):
            g.add(m.village_code, review, figures)
        reached[(village.township_code, m.category)][figures.reached] += 1
        if figures.overdue_step is not None:
            overdue.append(_overdue_row(m, village, as_of))
    townships = {v.township_code: scrub(v.township_name) for v in villages.values()}
    counties = {v.county_code: scrub(v.county_name) for v in villages.values()}
    overdue.sort(key=lambda r: (-r["days_overdue"], r["village_code"], r["matter_title"]))
    return {
        "$schema": SCHEMA_ID,
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "year": scope.year,
        "as_of": as_of.isoformat(),
        "generated_on": today.isoformat(),
        "township": (
            {"code": scope.township, "name": townships.get(scope.township, "")}
            if scope.township
            else None
        ),
        "counties": [{"code": c, "name": counties[c]} for c in sorted(counties)],
        "profiles": sorted(found.profiles),
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


def _overdue_row(m: ScopeMatter, village, as_of: date) -> dict[str, Any]:
    due = m.figures.overdue_due
    return {
        "township_code": village.township_code,
        "township_name": scrub(village.township_name),
        "village_code": village.code,
        "village_name": scrub(village.name),
        "matter_id": m.id,
        "matter_title": safe_title(m.title, m.category, m.personal_data),
        "category": m.category,
        "step": m.figures.overdue_step,
        "due_on": due.isoformat(),
        "days_overdue": (as_of - due).days,
    }


def safe_title(title: str, category: str, personal_data: bool) -> str:
    """A title fit for county output: withheld for matters holding personal data, masked anyway."""
    if personal_data:
        name = words.category_name(category)
        return words.NOTES["personal_title"][0].format(category=name)
    return scrub(title)


def _category_rank(cat: str) -> tuple[int, str]:
    builtin = [c.value for c in Category]
    return (builtin.index(cat), "") if cat in builtin else (len(builtin), cat)


def _category_order(groups: dict[str, _Group]) -> list[str]:
    return sorted(groups, key=_category_rank)
