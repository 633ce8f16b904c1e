"""The rule evaluator's messages: they live in the domain (`domain.messages.rules`); re-exported."""

from __future__ import annotations

from ..domain.messages.rules import (  # noqa: F401
    BASIS_NOUNS,
    BODIES,
    FRACTIONS,
    MESSAGES,
    PRESENT_NOUN,
    REQUIREMENT,
    STEPS,
    THINGS,
    fraction_words,
    render,
    requirement,
    template,
    yuan,
)
