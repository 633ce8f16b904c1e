"""The Excel template the clerk fills in: one sheet per kind of row, drop-downs, and notes."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_workbook
from ..i18n.backlog import COLUMNS, NOTES, NOTES_HEADER, SHEETS, YES_NO
from .columns import BOOL, CHOICE, DATE, INT, SHEETS_IN_ORDER, YUAN, choice_lists

VALIDATED_ROWS = 5000  # drop-downs and checks reach this far down each sheet
_EXAMPLE = {
    "number": "2019-01",
    "title": "村东生产路硬化",
    "category": "村村通道路",
    "matter": "2019-01",
    "step": "1 党支部会提议",
    "held_on": "2019-03-01",
    "expected": "5",
    "present": "5",
}


def build_template():
    """The workbook, in memory."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    lists = choice_lists()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS_IN_ORDER:
        ws = book.create_sheet(sheet.title)
        ws.append([c.header for c in sheet.columns])
        for i, col in enumerate(sheet.columns, start=1):
            letter = get_column_letter(i)
            head = ws.cell(row=1, column=i)
            head.font, head.fill = bold, fill
            head.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[letter].width = col.width
            rule = _validation(DataValidation, col, lists)
            if rule is not None:
                rule.error = _error_text(col)
                rule.errorTitle = col.header
                rule.showErrorMessage = True
                ws.add_data_validation(rule)
                rule.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
        ws.freeze_panes = "A2"
    _notes(book, bold, fill)
    return book


def _validation(DataValidation, col, lists):
    if col.kind == CHOICE:
        labels = ",".join(label for label, _ in lists[col.choices])
        return DataValidation(type="list", formula1=f'"{labels}"', allow_blank=not col.required)
    if col.kind == BOOL:
        return DataValidation(type="list", formula1=f'"{",".join(YES_NO)}"', allow_blank=True)
    if col.kind == DATE:
        return DataValidation(
            type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)"
        )
    if col.kind == INT:
        return DataValidation(type="whole", operator="between", formula1="0", formula2="100000000")
    if col.kind == YUAN:
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="1E12")
    return None


def _error_text(col) -> str:
    return {
        CHOICE: "请从下拉框选择",
        BOOL: "请填“是”或“否”",
        DATE: "请填日期，如 2024-03-01",
        INT: "请填整数",
        YUAN: "请填金额（元）",
    }[col.kind]


def _notes(book, bold, fill) -> None:
    ws = book.create_sheet(SHEETS["notes"])
    for line in NOTES:
        ws.append([line])
    ws.append([])
    ws.append(list(NOTES_HEADER) + ["示例"])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = bold, fill
    for sheet in SHEETS_IN_ORDER:
        for col in sheet.columns:
            ws.append(
                [
                    sheet.title,
                    COLUMNS[col.key][0],
                    "是" if col.required else "",
                    col.note,
                    _EXAMPLE.get(col.key, ""),
                ]
            )
    for letter, width in zip("ABCDE", (10, 18, 6, 60, 18), strict=True):
        ws.column_dimensions[letter].width = width


def write_template(path: Path) -> None:
    """Write the template to `path`, whole or not at all."""
    write_workbook(path, build_template())
