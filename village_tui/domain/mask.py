"""Masking personal data in anything printed for the public (社会救助暂行办法 art. 61).

Names, household sizes and amounts may be posted; ID numbers and phone numbers
are shown only in part: 4106**********1234 and 138****5678. This is the one
implementation: notices, their file names, the township review and county output
all mask with it (`public_text`).
"""

from __future__ import annotations

import re

from .text import printable

_INVISIBLE = "\u200b"  # what every invisible character folds to, for matching only

# Clerks type with the input method in full-width mode (０-９, Ｘ, －, ideographic space),
# paste dashes from word processors, or carry zero-width characters in from web pages.
# Fold those to ASCII one character for one, so match positions in the folded text are
# positions in the original and every other character of the original is kept as written.
_FOLD = str.maketrans(
    {
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
        "\u3000": " ",
        "\u00a0": " ",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"),
        # Invisible: soft hyphen, joiners, direction marks, fillers, variation selectors, BOM,
        # and control characters that are not whitespace (whitespace separates, see _SEP).
        **dict.fromkeys(
            [chr(c) for c in (0xAD, 0x34F, 0x61C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164)]
            + [chr(c) for c in range(0x180B, 0x1810)]
            + [chr(c) for c in range(0x200B, 0x2010)]
            + [chr(c) for c in range(0x202A, 0x202F)]
            + [chr(c) for c in range(0x2060, 0x2070)]
            + [chr(c) for c in range(0xFE00, 0xFE10)]
            + ["\ufeff", "\uffa0"]
            + [chr(c) for c in (*range(0x00, 0x09), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0))],
            _INVISIBLE,
        ),
    }
)
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")

# A group: digits (an ID's check letter at its end), invisible characters anywhere inside.
_GROUP = rf"[0-9](?:{_INVISIBLE}*[0-9])*(?:{_INVISIBLE}*[Xx](?![A-Za-z]))?"
# Between groups: any run of separators a person would type or paste, at least one visible.
_SEP = rf"{_INVISIBLE}*[\s./_\-][\s./_\-{_INVISIBLE}]*"
_CHAIN = re.compile(rf"{_GROUP}(?:{_SEP}{_GROUP})*")
_GROUPS = re.compile(_GROUP)

# How people group the digits (ones are digits spaced out one by one). Any other grouping
# is taken for figures: dates (2026-11-28) and lists of amounts are not swallowed.
_ID18 = (
    (18,),
    (6, 8, 4),
    (4, 4, 4, 4, 2),
    (6, 4, 4, 4),
    (3, 3, 4, 4, 4),
    (6, 12),
    (17, 1),
    (1,) * 18,
)
_ID15 = ((15,), (6, 6, 3), (1,) * 15)
_PHONE = ((11,), (3, 4, 4), (3, 8), (7, 4), (1,) * 11)
_DATE = re.compile(r"(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
_SHORT_DATE = re.compile(r"[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")


def _fold(text: str) -> str:
    folded = text.translate(_FOLD)
    if _NON_ASCII_DIGIT.search(folded):  # Arabic-Indic, Devanagari, mathematical digits ...
        folded = _NON_ASCII_DIGIT.sub(lambda m: str(int(m[0])), folded)
    return folded


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text)


def mask_id(number: str) -> str:
    """An ID number with only its first 4 and last 4 characters kept."""
    n = _digits(_fold(number)) or number.strip()
    if len(n) <= 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_phone(number: str) -> str:
    """A mobile number with its middle 4 digits hidden: 138****5678."""
    digits = re.sub(r"[^0-9]", "", _fold(number))[-11:]
    if len(digits) != 11:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


def _is_phone(d: str) -> bool:
    return len(d) == 11 and d[0] == "1" and d[1] in "3456789" and d.isdigit()


def _fits(lengths: list[int], at: int, grouping: tuple[int, ...]) -> bool:
    return tuple(lengths[at : at + len(grouping)]) == grouping


def _match_at(digits: list[str], at: int) -> tuple[str, int] | None:
    """(kind, number of groups) of the ID or phone number that starts at group `at`."""
    lengths = [len(d) for d in digits]
    for grouping in _ID18:
        if _fits(lengths, at, grouping):
            d = "".join(digits[at : at + len(grouping)])
            split = len(grouping) > 1
            if d[:17].isdigit() and (not split or _DATE.fullmatch(d[6:14])):
                return "id", len(grouping)
    for grouping in _ID15:
        if _fits(lengths, at, grouping):
            d = "".join(digits[at : at + len(grouping)])
            if d.isdigit() and (len(grouping) == 1 or _SHORT_DATE.fullmatch(d[6:12])):
                return "id", len(grouping)
    if lengths[at] == 13 and digits[at].startswith("86") and _is_phone(digits[at][2:]):
        return "cc_phone", 1
    for skip in (1, 0) if digits[at] == "86" else (0,):
        for grouping in _PHONE:
            number = "".join(digits[at + skip : at + skip + len(grouping)])
            if _fits(lengths, at + skip, grouping) and _is_phone(number):
                return ("cc_phone" if skip else "phone"), skip + len(grouping)
    return None


def personal_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of every ID number and mobile number in `text`."""
    return [(a, b) for a, b, _ in _masked_parts(text)]


def _masked_parts(text: str) -> list[tuple[int, int, str]]:
    if not any(ch.isdigit() for ch in text):
        return []
    folded = _fold(text)
    parts = []
    for chain in _CHAIN.finditer(folded):
        groups = list(_GROUPS.finditer(folded, chain.start(), chain.end()))
        digits = [g[0].replace(_INVISIBLE, "") for g in groups]
        at = 0
        while at < len(groups):
            found = _match_at(digits, at)
            if found is None:
                at += 1
                continue
            kind, n = found
            start, end = groups[at].start(), groups[at + n - 1].end()
            number = "".join(digits[at : at + n])
            if kind == "id":
                parts.append((start, end, mask_id(number)))
            elif kind == "phone":
                parts.append((start, end, mask_phone(number)))
            else:
                plus = start > 0 and folded[start - 1] == "+"
                parts.append((start - plus, end, ("+" if plus else "") + "86" + mask_phone(number)))
            at += n
    return parts


def mask_personal(text: str) -> str:
    """`text` with every ID number and mobile number in it masked."""
    out: list[str] = []
    last = 0
    for start, end, masked in _masked_parts(text):
        out.append(text[last:start])
        out.append(masked)
        last = end
    out.append(text[last:])
    return "".join(out)


def public_text(text: str, *, one_line: bool = False) -> str:
    """What may leave the ledger of a title or text: no control characters, numbers masked."""
    return mask_personal(printable(text, one_line=one_line))
