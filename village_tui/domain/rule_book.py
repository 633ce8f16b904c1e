"""A rule declared once: its id, class, parameters with their defaults and citation key.

Each check module declares the rules it checks (`RULES`) beside the check itself; the
messages are in `domain.messages.rules` under the rule's id, the citation texts in
`domain.messages.citations`. A profile sets parameters, severities and citations; a
profile that omits a rule gets the declared default entry, so a county profile written
before a rule existed keeps loading.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .findings import Severity
from .messages.citations import CITATIONS

INV, D, W = Severity.INVALID, Severity.DEFECT, Severity.WARNING


def more_than(num: int, den: int) -> dict[str, Any]:
    """A strict share parameter: more than num/den."""
    return {"num": num, "den": den, "inclusive": False}


def at_least(num: int, den: int) -> dict[str, Any]:
    """An inclusive share parameter: at least num/den."""
    return {"num": num, "den": den, "inclusive": True}


@dataclass(frozen=True)
class Rule:
    """One rule's declaration."""

    id: str
    severity: Severity  # its class by default, from the law it cites (docs/decisions.md)
    citation: str  # key in messages.citations.CITATIONS
    params: Mapping[str, Any] = field(default_factory=dict)  # profile parameters, defaults
    # How its `days` read in words: "period" (posted at least), "ahead" (given in
    # advance), "within" (done within so many days).
    days_read: str = "ahead"
    # What cures a defect of it: "attempt" (the step done again), or "explanation"
    # (it cannot be undone: the township accepts a recorded explanation).
    cure: str = "attempt"
    money: bool = False  # whether the profile's money threshold is part of the rule

    def default_entry(self) -> dict[str, Any]:
        """The profile entry a profile that omits the rule gets."""
        zh, en = CITATIONS[self.citation]
        return {
            "severity": self.severity.value,
            "citation": {"zh": zh, "en": en},
            **copy.deepcopy(dict(self.params)),
        }


@lru_cache(maxsize=1)
def rule_book() -> dict[str, Rule]:
    """Every declared rule by id, in the order the checks run."""
    # Imported here: the check modules import the profile, which asks for defaults.
    from . import checks_disclosure, checks_meetings, checks_steps, roster_check

    book: dict[str, Rule] = {}
    for module in (checks_steps, checks_meetings, roster_check, checks_disclosure):
        for rule in module.RULES:
            if rule.id in book:
                raise ValueError(f"rule {rule.id!r} declared twice")
            book[rule.id] = rule
    return book


def default_entries() -> dict[str, dict[str, Any]]:
    """Every rule's default profile entry."""
    return {rule_id: rule.default_entry() for rule_id, rule in rule_book().items()}


def resolve_severity(rule_id: str, raw: object) -> Severity:
    """The class a profile's `severity` value means for `rule_id` (ValueError if none).

    "blocking" (written before classes existed) is the rule's own class when that is
    invalid or a defect, else a defect.
    """
    rule = rule_book().get(rule_id)
    if raw is None:
        if rule is not None:
            return rule.severity
        raise ValueError
    if raw == "blocking":
        own = rule.severity if rule is not None else D
        return own if own is not W else D
    return Severity(raw)
