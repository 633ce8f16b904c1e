"""The county report as one Excel workbook: one sheet per table, Chinese headers, numbers as numbers.

Only features every spreadsheet program reads (Excel, WPS, LibreOffice):
plain cells, number formats, bold heads, frozen header rows, column widths.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from ..domain.cells import put
from .tables import DAYS, INT, SHARE, TEXT, YUAN, notes, report_table_title, report_tables

_FORMATS = {INT: "#,##0", YUAN: "#,##0.00", SHARE: "0.0%", DAYS: "0.0"}
_SHEET_NAMES = {
    "zh": {
        "summary": "总体情况",
        "townships": "分乡镇",
        "categories": "分类别",
        "steps": "进展",
        "overdue": "逾期未公开",
        "rules": "阻断问题",
    },
}


def _width(text: str) -> int:
    # East Asian wide characters take two columns in Excel's width unit.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_xlsx(report: dict[str, Any], path: Path, lang: str = "zh") -> None:
    """Write the workbook to `path`, whole or not at all."""
    from ..atomic import write_workbook

    write_workbook(path, _workbook(report, lang))


def _workbook(report: dict[str, Any], lang: str):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    head_font, bold = Font(bold=True), Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    names = _SHEET_NAMES.get(lang, {})
    for t in report_tables(report, lang):
        ws = wb.create_sheet(names.get(t.name, t.name)[:31])
        put(ws, 1, 1, report_table_title(report, lang) + " - " + t.title)
        ws.cell(1, 1).font = bold
        for col_no, col in enumerate(t.columns, start=1):
            c = put(ws, 2, col_no, col.head)
            c.font, c.fill = head_font, fill
            c.alignment = Alignment(wrap_text=True, vertical="center")
        widths = [_width(col.head) for col in t.columns]
        rows = list(t.rows) + ([t.total] if t.total is not None else [])
        for r_no, row in enumerate(rows, start=3):
            for col_no, (value, col) in enumerate(zip(row, t.columns, strict=True), start=1):
                c = put(ws, r_no, col_no, _value(value, col.kind))
                if col.kind != TEXT and value is not None:
                    c.number_format = _FORMATS[col.kind]
                if t.total is not None and r_no == len(rows) + 2:
                    c.font = bold
                shown = f"{value:,.2f}" if col.kind == YUAN and value is not None else str(value)
                widths[col_no - 1] = max(widths[col_no - 1], _width(shown))
        for col_no, w in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(2, col_no).column_letter].width = min(max(w + 2, 8), 60)
        ws.freeze_panes = "A3"
        last = len(rows) + 4
        for n, line in enumerate(notes(report, lang)):
            put(ws, last + n, 1, line).font = Font(italic=True, color="666666")
    wb.properties.title = report_table_title(report, lang)
    wb.properties.creator = "village-tui"
    return wb


def _value(value: Any, kind: str) -> Any:
    if value is None:
        return "-" if kind != TEXT else ""
    return value
