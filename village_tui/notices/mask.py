"""Masking personal data in anything printed for the public (社会救助暂行办法 art. 61).

Names, household sizes and amounts may be posted; ID numbers and phone numbers
are shown only in part: 4106**********1234 and 138****5678.
"""

from __future__ import annotations

import re

# 18-digit resident ID (last character may be X) and the old 15-digit form.
_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{7}(\d{4})(?![0-9A-Za-z])")
# Mainland mobile numbers: 11 digits starting 13-19, optionally +86 / 86 in front.
_PHONE = re.compile(r"(?<![0-9])((?:\+?86[- ]?)?1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?![0-9])")


def mask_id(number: str) -> str:
    """An ID number with only its first 4 and last 4 characters kept."""
    n = number.strip()
    if len(n) <= 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_phone(number: str) -> str:
    """A mobile number with its middle 4 digits hidden: 138****5678."""
    digits = re.sub(r"\D", "", number)[-11:]
    if len(digits) != 11:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


def mask_personal(text: str) -> str:
    """`text` with every ID number and mobile number in it masked."""
    text = _ID18.sub(lambda m: m[1] + "*" * 10 + m[2], text)
    text = _ID15.sub(lambda m: m[1] + "*" * 7 + m[2], text)
    return _PHONE.sub(lambda m: m[1] + "****" + m[2], text)
