"""The county report as one self-contained HTML file that prints on A4.

No network: no scripts, no external style sheets, images or fonts. Charts are
inline SVG (see `svg`). Wide tables go on landscape pages when printed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..i18n import county as words
from . import svg
from .tables import TEXT, Table, cell_text, notes, report_table_title, report_tables

CSS = """
:root { color-scheme: light; }
body { font-family: 'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',SimSun,sans-serif;
       font-size: 10.5pt; color: #222; margin: 16px auto; max-width: 1100px; padding: 0 12px; }
h1 { font-size: 16pt; margin: 0 0 6px; }
h2 { font-size: 12pt; margin: 18px 0 6px; border-left: 4px solid #3b6ea5; padding-left: 6px; }
p.note { color: #555; font-size: 9pt; margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
th, td { border: 1px solid #b8c2cc; padding: 2px 4px; }
th { background: #dde6f0; font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f3f5f7; }
td { white-space: nowrap; }
td.wrap { white-space: normal; }
table.summary { width: auto; min-width: 50%; break-inside: avoid; }
table.summary td:last-child { text-align: right; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 28px; }
.charts figure { margin: 0; break-inside: avoid; }
section { break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@page { size: A4 portrait; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm 10mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  section.wide { page: wide; }
  table { font-size: 7.5pt; }
  h2 { break-after: avoid; }
}
"""
_WIDE = {"townships", "categories", "steps"}
_WRAP = {"matter_title": ' class="wrap"'}


def _table(t: Table, lang: str) -> str:
    head = "".join(f"<th>{escape(c.head)}</th>" for c in t.columns)
    body = []
    for row, cls in [(r, "") for r in t.rows] + ([(t.total, "total")] if t.total else []):
        cells = "".join(
            f'<td class="num">{escape(cell_text(v, c.kind))}</td>'
            if c.kind != TEXT
            else f"<td{_WRAP.get(c.key, '')}>{escape(cell_text(v, c.kind) if v != '' else '')}</td>"
            for v, c in zip(row, t.columns, strict=True)
        )
        body.append(f'<tr class="{cls}">{cells}</tr>' if cls else f"<tr>{cells}</tr>")
    if not t.rows:
        empty = words.pick(("无", "None"), lang)
        body.append(f'<tr><td colspan="{len(t.columns)}">{empty}</td></tr>')
    return (
        f'<table class="{t.name}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _charts(report: dict[str, Any], lang: str) -> str:
    t = words.TITLES
    towns = report["townships"]
    share = svg.hbar_share(
        [(r["name"], r["share_without_blocking"]) for r in towns],
        words.pick(t["chart_share"], lang),
    )
    money = svg.grouped_bars(
        [(r["name"], r["resolved_fen"] / 1_000_000, r["spent_fen"] / 1_000_000) for r in towns],
        (
            words.pick(words.HEADS["resolved_yuan"], lang),
            words.pick(words.HEADS["spent_yuan"], lang),
        ),
        words.pick(t["chart_money"], lang),
    )
    totals = report["totals"]
    review = svg.stacked_bar(
        [
            (words.pick(words.REVIEW[k], lang), totals[k])
            for k in ("approved", "returned", "pending")
        ],
        words.pick(t["chart_review"], lang),
    )
    return "".join(f"<figure>{c}</figure>" for c in (share, review, money))


def render_html(report: dict[str, Any], lang: str = "zh") -> str:
    """The whole report as one HTML document."""
    title = report_table_title(report, lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        *(f'<p class="note">{escape(line)}</p>' for line in notes(report, lang)),
    ]
    tables = report_tables(report, lang)
    parts.append(f'<section id="summary"><h2>{escape(tables[0].title)}</h2>')
    parts.append(f'<div class="charts">{_charts(report, lang)}</div>')
    parts.append(_table(tables[0], lang) + "</section>")
    for t in tables[1:]:
        cls = ' class="wide"' if t.name in _WIDE else ""
        parts.append(
            f'<section id="{t.name}"{cls}><h2>{escape(t.title)}</h2>{_table(t, lang)}</section>'
        )
    parts.append("</body></html>")
    return "\n".join(parts)
