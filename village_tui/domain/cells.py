"""Spreadsheet cells from ledger text: words, never formulas, and nothing the writer chokes on."""

from __future__ import annotations

from typing import Any

from .text import printable

# What Excel, WPS and LibreOffice take for the start of a formula (or of a DDE call).
_FORMULA_START = ("=", "+", "-", "@")


def put(ws, row: int, column: int, value: Any):
    """Write `value` into the cell; text is kept as text, whatever it starts with."""
    if not isinstance(value, str):
        return ws.cell(row, column, value)
    c = ws.cell(row, column)
    c.value = printable(value)  # openpyxl refuses control characters with an exception
    if c.value.startswith(_FORMULA_START):
        c.data_type = "s"  # openpyxl would store "=..." as a formula
        c.quotePrefix = True  # and the program showing it keeps it text when edited
    return c


def append(ws, values: list[Any]) -> None:
    """`ws.append(values)` through `put`: one new row of safe cells."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value)
