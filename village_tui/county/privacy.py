"""Keeping personal data out of everything the county prints or sends on.

The county masks exactly as the public notices do (one implementation, in domain.mask),
so a number that a notice hides is never shown whole in a county report.
"""

from __future__ import annotations

from ..domain.mask import personal_spans, public_text


def scrub(text: str) -> str:
    """`text` without control characters, every ID and mobile number masked (4106**********1234)."""
    return public_text(text)


def leaks(text: str) -> list[str]:
    """Every ID-number or phone-number pattern found in `text`, as written (for tests and self-checks)."""
    return [text[a:b] for a, b in personal_spans(text)]
