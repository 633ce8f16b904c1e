"""What the evaluator reports: a rule, how serious, which step, why, and where the rule comes from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .steps import Step


class Severity(str, Enum):
    """What a broken rule does to the step (see docs/decisions.md, issue 11)."""

    INVALID = "invalid"  # the step does not count: recorded, but it must be held again
    DEFECT = "defect"  # the step counts; the township may not approve until it is cured
    WARNING = "warning"  # shown; saving needs an acknowledgement, which is recorded


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one matter."""

    rule_id: str
    severity: Severity
    step: Step | None
    message_zh: str
    message_en: str
    citation_zh: str
    citation_en: str

    @property
    def blocking(self) -> bool:
        """Whether it stands in the way of the township's approval (invalid or defect)."""
        return self.severity is not Severity.WARNING

    @property
    def invalid(self) -> bool:
        """Whether the step it concerns does not count."""
        return self.severity is Severity.INVALID

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def citation(self, lang: str = "zh") -> str:
        return self.citation_en if lang == "en" else self.citation_zh


class InvalidRecord(ValueError):
    """Input that can never be right (votes above those present, a date that is no date): refused."""

    def __init__(self, field: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.field = field
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh
