"""One cell's value as what it means (a date, a count, fen), or a refusal naming the cell.

Cells are data: a formula, a DDE link (`=cmd|' /c calc'!A1`), a huge text or a value of
the wrong type is refused, never evaluated or cut.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ..i18n.backlog import CELL, YES_NO
from .columns import BOOL, CELL_CHARS, CHOICE, DATE, INT, YUAN, Column, choice_lists  # noqa: F401

_SHOWN = 40  # how much of a bad value the message quotes
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DDE = re.compile(r"^[=+\-@][^|]*\|")  # a link to another program: +cmd|' /c calc'!A1


class CellError(ValueError):
    """A cell that cannot be recorded: its place ("会议!C7") and why, in Chinese and English."""

    def __init__(self, key: str, cell: str, **values: object) -> None:
        zh, en = CELL[key]
        self.key = key
        self.cell = cell
        self.message_zh = zh.format(cell=cell, **values)
        self.message_en = en.format(cell=cell, **values)
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


def shown(value: Any) -> str:
    """A bad value as the message quotes it: one line, cut."""
    text = " ".join(str(value).split())
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def convert(column: Column, raw: Any, cell: str) -> Any:
    """The value of `raw` for `column`; None for an empty optional cell; CellError otherwise."""
    if isinstance(raw, str):
        if raw.startswith("=") or _DDE.match(raw):
            raise CellError("formula", cell, text=shown(raw))
        if len(raw) > column.limit:
            raise CellError("too_long", cell, length=len(raw), limit=column.limit)
        raw = raw.strip()
    if raw is None or raw == "":
        if column.required:
            raise CellError("required", cell)
        return None
    if isinstance(raw, (list, dict, tuple, set, bytes)):
        raise CellError("wrong_type", cell)
    return _KINDS.get(column.kind, _text)(column, raw, cell)


def _text(column: Column, raw: Any, cell: str) -> str:
    if isinstance(raw, bool):
        raise CellError("wrong_type", cell)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a matter number 12 that Excel made 12.0
    if isinstance(raw, (datetime, date)):
        return _date(column, raw, cell).isoformat()
    return str(raw)


def _int(column: Column, raw: Any, cell: str) -> int:
    if isinstance(raw, bool):
        raise CellError("not_int", cell, text=shown(raw))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"-?\d{1,9}", raw):
        return int(raw)
    raise CellError("not_int", cell, text=shown(raw))


def _date(column: Column, raw: Any, cell: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise CellError("not_date", cell, text=shown(raw))
    m = _DATE.fullmatch(raw)
    if not m:
        raise CellError("not_date", cell, text=shown(raw))
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellError("bad_date", cell, text=shown(raw)) from None


def _fen(column: Column, raw: Any, cell: str) -> int:
    if isinstance(raw, bool):
        raise CellError("not_money", cell, text=shown(raw))
    text = raw if isinstance(raw, str) else repr(raw)
    text = text.replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError("not_money", cell, text=shown(raw)) from None
    fen = amount * 100
    if not amount.is_finite() or fen != fen.to_integral_value() or abs(fen) >= 10**15:
        raise CellError("not_money", cell, text=shown(raw))
    return int(fen)


def _bool(column: Column, raw: Any, cell: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in (YES_NO[0], "true", "yes", "y", "1", "√"):
        return True
    if text in (YES_NO[1], "false", "no", "n", "0"):
        return False
    raise CellError("bad_bool", cell, text=shown(raw))


def _choice(column: Column, raw: Any, cell: str) -> str:
    pairs = choice_lists()[column.choices]
    text = _text(column, raw, cell)
    for label, value in pairs:
        # The label as the drop-down writes it, the recorded value, or a step's bare number.
        if text in (label, value) or (label[0].isdigit() and text == label.split()[0]):
            return value
    labels = "、".join(label for label, _ in pairs)
    raise CellError("bad_choice", cell, text=shown(raw), choices=labels)


_KINDS = {INT: _int, DATE: _date, YUAN: _fen, BOOL: _bool, CHOICE: _choice}
