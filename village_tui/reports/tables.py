"""The county report laid out as tables: the one layout every format renders.

Cells keep their type (int, Decimal yuan, float share, text, None) so the
spreadsheet can write numbers as numbers and the terminal and HTML can format
them; `cell_text` is the one place that formats a cell for reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..domain.steps import REACHED_KEYS
from ..i18n import county as words

# How a column's cells are kind: drives formatting and spreadsheet number formats.
INT, YUAN, SHARE, DAYS, TEXT = "int", "yuan", "share", "days", "text"
_FIGURES: tuple[tuple[str, str], ...] = (
    ("villages", INT),
    ("matters", INT),
    ("without_blocking", INT),
    ("with_blocking", INT),
    ("share_without_blocking", SHARE),
    ("approved", INT),
    ("returned", INT),
    ("pending", INT),
    ("median_days_proposal_to_resolution", DAYS),
    ("median_days_resolution_to_result", DAYS),
    ("postings_honoured", INT),
    ("postings_missed", INT),
    ("resolved_yuan", YUAN),
    ("spent_yuan", YUAN),
    ("overdue", INT),
    ("retried", INT),
)


@dataclass(frozen=True)
class Column:
    key: str
    head: str
    kind: str


@dataclass(frozen=True)
class Table:
    """One table of the report: a sheet in Excel, a section in HTML."""

    name: str  # short, used for sheet names and HTML ids
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: tuple[Any, ...] | None = None


def yuan(fen: int) -> Decimal:
    """Fen as an exact Decimal number of yuan."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def cell_text(value: Any, kind: str) -> str:
    """A cell as people read it: thousands separators, percentages, '-' for nothing."""
    if value is None:
        return "-"
    if kind == YUAN:
        return f"{value:,.2f}"
    if kind == SHARE:
        return f"{value * 100:.1f}%"
    if kind == DAYS:
        return f"{value:g}"
    if kind == INT:
        return f"{value:,}"
    return str(value)


def _head(key: str, lang: str) -> str:
    return words.pick(words.HEADS[key], lang)


def _figures(g: dict[str, Any]) -> tuple[Any, ...]:
    values = {**g, "resolved_yuan": yuan(g["resolved_fen"]), "spent_yuan": yuan(g["spent_fen"])}
    return tuple(values[k] for k, _ in _FIGURES)


def _figure_columns(lang: str) -> tuple[Column, ...]:
    return tuple(Column(k, _head(k, lang), kind) for k, kind in _FIGURES)


def report_tables(report: dict[str, Any], lang: str = "zh", short: bool = False) -> list[Table]:
    """Every table of the report, in reading order; `short` names for a narrow screen."""
    t = words.TITLES
    total_label = _head("total", lang)
    summary = Table(
        "summary",
        words.pick(t["summary"], lang),
        (
            Column("item", words.pick(("项目", "Item"), lang), TEXT),
            Column("value", words.pick(("数值", "Value"), lang), TEXT),
        ),
        tuple(
            (col.head, cell_text(v, col.kind))
            for col, v in zip(_figure_columns(lang), _figures(report["totals"]), strict=True)
        ),
    )
    townships = Table(
        "townships",
        words.pick(t["townships"], lang),
        (
            Column("township_code", _head("township_code", lang), TEXT),
            Column("township", _head("township", lang), TEXT),
            *_figure_columns(lang),
        ),
        tuple((r["code"], r["name"], *_figures(r)) for r in report["townships"]),
        ("", total_label, *_figures(report["totals"])),
    )
    categories = Table(
        "categories",
        words.pick(t["categories"], lang),
        (Column("category", _head("category", lang), TEXT), *_figure_columns(lang)),
        tuple(
            (words.category_name(r["category"], lang, short), *_figures(r))
            for r in report["categories"]
        ),
        (total_label, *_figures(report["totals"])),
    )
    reached_cols = tuple(Column(k, words.pick(words.REACHED[k], lang), INT) for k in REACHED_KEYS)
    steps_total = tuple(sum(r["reached"][k] for r in report["steps"]) for k in REACHED_KEYS)
    steps = Table(
        "steps",
        words.pick(t["steps"], lang),
        (
            Column("township", _head("township", lang), TEXT),
            Column("category", _head("category", lang), TEXT),
            *reached_cols,
            Column("total", total_label, INT),
        ),
        tuple(
            (
                r["township_name"],
                words.category_name(r["category"], lang, short),
                *(r["reached"][k] for k in REACHED_KEYS),
                r["total"],
            )
            for r in report["steps"]
        ),
        (total_label, "", *steps_total, sum(steps_total)),
    )
    overdue = Table(
        "overdue",
        words.pick(t["overdue"], lang),
        tuple(
            Column(k, _head(k, lang), kind)
            for k, kind in (
                ("township", TEXT),
                ("village", TEXT),
                ("village_code", TEXT),
                ("matter_title", TEXT),
                ("step", TEXT),
                ("due_on", TEXT),
                ("days_overdue", INT),
            )
        ),
        tuple(
            (
                r["township_name"],
                r["village_name"],
                r["village_code"],
                _title(r, lang),
                words.pick(
                    (words.OVERDUE_STEP_SHORT if short else words.OVERDUE_STEP)[r["step"]], lang
                ),
                r["due_on"],
                r["days_overdue"],
            )
            for r in report["overdue"]
        ),
    )
    rules = Table(
        "rules",
        words.pick(t["rules"], lang),
        (
            Column("rule_id", _head("rule_id", lang), TEXT),
            Column("matters", _head("rule_matters", lang), INT),
        ),
        tuple((_rule(r["rule_id"], lang), r["matters"]) for r in report["blocking_rules"]),
    )
    return [summary, townships, categories, steps, overdue, rules]


def _rule(rule_id: str, lang: str) -> str:
    """A rule as a Chinese reader knows it (what it requires); English readers get its id."""
    if lang == "en":
        return rule_id
    from ..i18n.cli import RULE_WHAT

    return RULE_WHAT.get(rule_id, (rule_id, rule_id))[0]


def _title(row: dict[str, Any], lang: str) -> str:
    # Withheld titles are written in Chinese by the figures; English readers get their own words.
    zh_pattern = words.NOTES["personal_title"][0].format(
        category=words.category_name(row["category"])
    )
    if lang == "en" and row["matter_title"] == zh_pattern:
        return words.NOTES["personal_title"][1].format(
            category=words.category_name(row["category"], "en")
        )
    return row["matter_title"]


def notes(report: dict[str, Any], lang: str = "zh") -> list[str]:
    """The lines printed under every report: scope, what counts as overdue, privacy."""
    n = words.NOTES
    rule = report["overdue_rule"]
    return [
        words.pick(n["scope"], lang).format(year=report["year"], as_of=report["as_of"]),
        words.pick(n["overdue_rule"], lang).format(
            res=rule["resolution_disclosure_days"], result=rule["result_disclosure_days"]
        ),
        words.pick(n["privacy"], lang),
    ]


def report_table_title(report: dict[str, Any], lang: str = "zh") -> str:
    """The heading: county (or township), year, and the title."""
    place = (
        report["township"]["name"]
        if report.get("township")
        else "、".join(c["name"] for c in report["counties"]) or ""
    )
    title = words.pick(words.TITLES["report"], lang)
    return (
        f"{place} {report['year']}年 {title}".strip()
        if lang != "en"
        else f"{title}, {report['year']}, {place}".rstrip(", ")
    )
