"""A personal-data scanner for the privacy tests, independent of `notices.mask`.

It shares nothing with the mask (not its patterns, not its folding), so a mask
that is wrong in a way its own pattern also is (a separator it does not know,
a number kind it forgot) is still caught. It looks for:

- 身份证号: 18 characters with a real birth date inside (the check digit is not
  required: a mistyped one is still somebody's number);
- mobile numbers: 11 digits starting 13-19;
- bank card numbers: 16 to 19 digits passing the Luhn check.

Digits may be full-width or split into groups (of 3 or more) by one separator a
person would type; invisible format characters are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# One group of 3+ digits, then more groups each after one separator.
_NUMBER = re.compile(r"(?<![0-9])[0-9]{3,}(?:[ \-./_][0-9]{3,})*[Xx]?(?![0-9])")


def _normalised(text: str) -> str:
    """Full-width and other-script digits as ASCII; invisible format characters dropped."""
    out = []
    for ch in text:
        if unicodedata.category(ch) == "Cf" or ch == "\u00ad":
            continue
        if ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        else:
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def is_id_number(s: str) -> bool:
    """An 18-character 身份证号 with a real birth date (born 1900 to 2100)."""
    if not re.fullmatch(r"[1-9][0-9]{16}[0-9Xx]", s):
        return False
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def is_mobile(s: str) -> bool:
    """A mainland mobile number (11 digits, 13x to 19x), with or without +86."""
    return re.fullmatch(r"(?:86)?1[3-9][0-9]{9}", s) is not None


def is_bank_card(s: str) -> bool:
    """16 to 19 digits passing the Luhn check."""
    if not re.fullmatch(r"[0-9]{16,19}", s):
        return False
    total = 0
    for i, d in enumerate(reversed(s)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def personal_numbers(text: str) -> list[str]:
    """Every ID, mobile or bank card number found in `text` (digits only, as ASCII)."""
    found = []
    for m in _NUMBER.finditer(_normalised(text)):
        groups = re.split(r"[ \-./_]", m.group())
        digits = "".join(groups)
        # Cards are written whole or in fours; any other grouping is taken for a row of figures.
        card = len(groups) == 1 or all(len(g) == 4 for g in groups[:-1])
        if is_id_number(digits) or is_mobile(digits) or (card and is_bank_card(digits)):
            found.append(digits)
    return found
