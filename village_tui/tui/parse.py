"""Reading what the clerk types: dates, whole numbers and money in 元. Pure, no Textual.

Each parser returns the value or raises `InputError` with a zh/en message the
form shows next to the field while the clerk is still typing.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－／。", "0123456789.,-/.")


class InputError(ValueError):
    """A field that cannot be read, with the reason in Chinese and English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message_zh = zh
        self.message_en = en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


def _clean(text: str) -> str:
    # An input method left in full-width mode types ２０２４－０３－０１; accept it.
    return text.strip().translate(_FULLWIDTH)


def parse_date(text: str, today: date) -> date:
    """YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, or M-D (this year)."""
    s = _clean(text).replace("/", "-").replace(".", "-")
    try:
        if re.fullmatch(r"\d{8}", s):
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", s)
        if m:
            return date(today.year, int(m[1]), int(m[2]))
    except ValueError:
        raise InputError(f"没有这一天：{text.strip()}", f"No such day: {text.strip()}") from None
    raise InputError(
        "日期格式应为 2024-03-01（或 20240301、3-1）",
        "Type the date as 2024-03-01 (or 20240301, 3-1)",
    )


def parse_optional_date(text: str, today: date) -> date | None:
    """A date, or None when the field is empty."""
    return parse_date(text, today) if text.strip() else None


def parse_count(text: str) -> int:
    """A whole number of people, votes or households (0 or more)."""
    s = _clean(text).replace(",", "")
    if not re.fullmatch(r"\d{1,7}", s):
        raise InputError("请填写整数（0或以上）", "Type a whole number (0 or more)")
    return int(s)


def parse_optional_count(text: str) -> int | None:
    """A count, or None when the field is empty."""
    return parse_count(text) if text.strip() else None


def parse_fen(text: str) -> int:
    """Money typed in 元 ("12.50", "1,234", "1234元") as an exact number of fen."""
    s = _clean(text).replace(",", "").replace(" ", "").removesuffix("元")
    if not s:
        return 0
    if not re.fullmatch(r"\d{1,12}(\.\d{0,2})?", s):
        if re.fullmatch(r"\d+\.\d{3,}", s):
            raise InputError("金额最多两位小数（分）", "Money has at most two decimals (fen)")
        raise InputError(
            "金额应为元，例如 12.50 或 1,234", "Type money in yuan, e.g. 12.50 or 1,234"
        )
    try:
        return int((Decimal(s) * 100).to_integral_exact())
    except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
        raise InputError("金额无法识别", "Money not understood") from None


def format_fen(fen: int | None) -> str:
    """Fen shown as 元 with two decimals and thousands separators."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def format_date(on: date | None) -> str:
    return on.isoformat() if on else ""
