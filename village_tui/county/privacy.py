"""Keeping personal data out of everything the county prints or sends on."""

from __future__ import annotations

import re

# 18-digit resident ID (17 digits and a check digit or X), and mainland mobile numbers.
# Lookarounds instead of \b: Chinese characters count as word characters for \b.
ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
MASK = "***"


def scrub(text: str) -> str:
    """`text` with every ID-number and mobile-number pattern masked."""
    return PHONE.sub(MASK, ID_NUMBER.sub(MASK, text))


def leaks(text: str) -> list[str]:
    """Every ID-number or phone-number pattern found in `text` (for tests and self-checks)."""
    return ID_NUMBER.findall(text) + PHONE.findall(text)
