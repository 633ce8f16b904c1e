"""The county report in a terminal: every figure whole at every width from 40 columns, in both
languages, and no line wider than the console."""

from __future__ import annotations

import io
import re
from collections import Counter
from decimal import Decimal

import pytest
from rich.cells import cell_len
from rich.console import Console

from village_tui.county.figures import build_report
from village_tui.i18n import county as words
from village_tui.reports.terminal import render_terminal

from .conftest import TODAY

WIDTHS = (40, 60, 80, 120)
LANGS = ("zh", "en")

# Figures of a township, a category or the whole county, by how they are written.
COUNTS = (
    "villages",
    "matters",
    "without_blocking",
    "with_blocking",
    "approved",
    "returned",
    "pending",
    "postings_honoured",
    "postings_missed",
    "overdue",
)
MEDIANS = ("median_days_proposal_to_resolution", "median_days_resolution_to_result")
MONEY = ("resolved_fen", "spent_fen")
REACHED = (
    "none",
    "proposal",
    "joint_meeting",
    "party_assembly",
    "resolution",
    "resolution_disclosure",
    "implementation",
    "result_disclosure",
)


def _count(n: int) -> str:
    return f"{n:,}"


def _yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:,.2f}"


def _group_figures(g: dict) -> list[str]:
    out = [_count(g[k]) for k in COUNTS] + [_yuan(g[k]) for k in MONEY]
    out.append(f"{g['share_without_blocking'] * 100:.1f}%")
    out += [f"{g[k]:g}" for k in MEDIANS if g[k] is not None]
    return out


def expected_figures(report: dict) -> Counter:
    """Every figure the report holds, as many times as the report shows it."""
    # The county totals are the summary and the total rows of the township and category tables.
    groups = [report["totals"]] * 3 + report["townships"] + report["categories"]
    figures = [f for g in groups for f in _group_figures(g)]
    steps = report["steps"]
    for r in steps:
        figures += [_count(r["reached"][k]) for k in REACHED] + [_count(r["total"])]
    column_totals = [sum(r["reached"][k] for r in steps) for k in REACHED]
    figures += [_count(n) for n in column_totals] + [_count(sum(column_totals))]
    figures += [_count(r["days_overdue"]) for r in report["overdue"]]
    figures += [_count(r["matters"]) for r in report["blocking_rules"]]
    return Counter(figures)


def expected_categories(report: dict, lang: str) -> Counter:
    ids = [r["category"] for r in report["categories"]] + [r["category"] for r in report["steps"]]
    return Counter(words.category_name(c, lang, short=True) for c in ids)


def cells(line: str) -> list[str]:
    """The cells of one table line: what stands between its column rules."""
    if not re.search("[│┃]", line):
        return []
    return [c.strip() for c in re.split("[│┃]", line) if c.strip()]


def render(report: dict, lang: str, width: int) -> str:
    buf = io.StringIO()
    render_terminal(report, lang, Console(file=buf, width=width, color_system=None))
    return buf.getvalue()


@pytest.fixture(scope="module")
def report(sqlite_county):
    r = build_report(sqlite_county, year=2025, today=TODAY)
    assert r["overdue"] and r["steps"] and r["blocking_rules"]  # every kind of figure is there
    return r


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_is_shown_whole(report, lang, width):
    text = render(report, lang, width)
    lines = text.splitlines()
    shown = Counter(c for line in lines for c in cells(line))
    missing = expected_figures(report) - shown
    assert not missing, f"figures cut or missing at {width} columns ({lang}): {missing}"
    missing = expected_categories(report, lang) - shown
    assert not missing, f"category names cut or missing at {width} columns ({lang}): {missing}"
    for r in report["overdue"]:
        assert shown[r["due_on"]] >= 1, r
    assert any(report["as_of"] in line for line in lines)  # the notes do not split a date


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_console(report, lang, width):
    for line in render(report, lang, width).splitlines():
        assert cell_len(line) <= width, line


@pytest.mark.parametrize("lang", LANGS)
def test_the_overdue_list_is_one_table_at_80_columns(report, lang):
    lines = render(report, lang, 80).splitlines()
    title = words.pick(words.TITLES["overdue"], lang)
    assert title in lines and not any(line.startswith(f"{title} (") for line in lines)
    for r in report["overdue"]:
        row = [cells(line) for line in lines if r["due_on"] in cells(line)]
        assert any(_count(r["days_overdue"]) in c and r["township_name"] in c for c in row), r


@pytest.mark.parametrize("lang", LANGS)
def test_a_narrow_console_gets_more_parts_not_narrower_figures(report, lang):
    def parts(width: int) -> int:
        title = words.pick(words.TITLES["townships"], lang)
        return sum(line.startswith(title) for line in render(report, lang, width).splitlines())

    assert parts(40) > parts(80) > 1


@pytest.mark.parametrize("lang", LANGS)
def test_short_category_names_are_unique_and_cover_every_category(lang):
    assert words.CATEGORY_SHORT.keys() == words.CATEGORIES.keys()
    names = [words.pick(pair, lang) for pair in words.CATEGORY_SHORT.values()]
    assert len(set(names)) == len(names)
    # Nor may one be the start of another, so that no name reads as a cut-off other one.
    assert not [(a, b) for a in names for b in names if a != b and b.startswith(a)]
