"""Masking personal data in anything printed for the public (社会救助暂行办法 art. 61).

Names, household sizes and amounts may be posted; ID numbers and phone numbers
are shown only in part: 4106**********1234 and 138****5678. This is the one
implementation: county output (county.privacy) masks with it too.
"""

from __future__ import annotations

import re

# Clerks type with the input method in full-width mode (０-９, Ｘ, －, ideographic space),
# or paste dashes from word processors. Fold those to ASCII one character for one, so
# match positions in the folded text are positions in the original and every other
# character of the original is kept as written.
_FOLD = str.maketrans(
    {
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
        "\u3000": " ",
        "\u00a0": " ",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"),
    }
)

_S = "[ -]"  # one separator between groups, never two
_D = "[0-9]"  # ASCII only: \d would also match other scripts' digits unfolded
_CHECK = "[0-9Xx]"

# Only digits bound a number: letters may touch it ("ID410611199001011234", "Tel13812345678").
# Separated forms are limited to the usual groupings, so dates (2026-11-28) and lists of
# amounts are not swallowed.
_ID18 = "|".join(
    [
        rf"{_D}{{17}}{_CHECK}",
        rf"{_D}{{6}}{_S}{_D}{{8}}{_S}{_D}{{3}}{_CHECK}",  # 410611-19900101-1234
        rf"{_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{_CHECK}",  # 4106 1119 9001 0112 34
        rf"{_D}{{6}}{_S}{_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{3}}{_CHECK}",  # 410611 1990 0101 1234
        rf"{_D}{{3}}{_S}{_D}{{3}}{_S}{_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{3}}{_CHECK}",  # 410 611 1990 0101 1234
    ]
)
_ID15 = "|".join(
    [
        rf"{_D}{{15}}",
        rf"{_D}{{6}}{_S}{_D}{{6}}{_S}{_D}{{3}}",  # 410611-900101-123
    ]
)
# Mainland mobile numbers: 11 digits starting 13-19 in 3-4-4 groups, optionally +86 / 86 in front.
_PHONE = rf"(?P<cc>\+?86{_S}?)?1[3-9]{_D}{_S}?{_D}{{4}}{_S}?{_D}{{4}}"

# One pass, IDs tried before phones at each position; the leftmost match wins.
_PERSONAL = re.compile(
    rf"(?<![0-9])(?:(?P<id18>{_ID18})|(?P<id15>{_ID15})|(?P<phone>{_PHONE}))(?![0-9])"
)


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text)


def mask_id(number: str) -> str:
    """An ID number with only its first 4 and last 4 characters kept."""
    n = _digits(number.translate(_FOLD)) or number.strip()
    if len(n) <= 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_phone(number: str) -> str:
    """A mobile number with its middle 4 digits hidden: 138****5678."""
    digits = re.sub(r"[^0-9]", "", number.translate(_FOLD))[-11:]
    if len(digits) != 11:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


def _masked(m: re.Match[str]) -> str:
    if m["phone"] is None:
        return mask_id(m[0])
    cc = (m["cc"] or "").rstrip(" -")
    return cc + mask_phone(m[0][len(m["cc"] or "") :])


def personal_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of every ID number and mobile number in `text`."""
    return [m.span() for m in _PERSONAL.finditer(text.translate(_FOLD))]


def mask_personal(text: str) -> str:
    """`text` with every ID number and mobile number in it masked."""
    out: list[str] = []
    last = 0
    for m in _PERSONAL.finditer(text.translate(_FOLD)):
        out.append(text[last : m.start()])
        out.append(_masked(m))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
