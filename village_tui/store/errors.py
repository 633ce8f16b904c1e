"""The refusals a service raises: each carries its message in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.findings import Finding, Severity
from ..domain.steps import Step
from ..i18n.store import MESSAGES, both

REOPEN_RULE = "review.reopen"


def reopen_finding(step: Step | None) -> Finding:
    """The confirmation a clerk gives before changing a matter the township approved."""
    return Finding(
        rule_id=REOPEN_RULE,
        severity=Severity.WARNING,
        step=step,
        message_zh=MESSAGES["reopen"][0],
        message_en=MESSAGES["reopen"][1],
        citation_zh=MESSAGES["reopen_citation"][0],
        citation_en=MESSAGES["reopen_citation"][1],
    )


class ServiceError(Exception):
    """A refusal the person can act on, in Chinese and English."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class Blocked(ServiceError):
    """Saving would leave the matter with blocking findings; nothing was saved."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        first = self.findings[0]
        super().__init__(
            *both(
                "blocked",
                message_zh=first.message_zh,
                citation_zh=first.citation_zh,
                message_en=first.message_en,
                citation_en=first.citation_en,
            )
        )


class NeedsConfirmation(ServiceError):
    """Saving has warnings the person has not confirmed yet; nothing was saved."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__(*both("needs_confirmation", count=len(self.findings)))


def database_problem(exc: BaseException) -> tuple[str, str] | None:
    """One line (zh, en) for an error the database raised, or None if it is not one.

    The driver's own first line is kept (it is what a technician searches for);
    the SQL statement and SQLAlchemy's background link are not.
    """
    import sys

    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is None or not isinstance(exc, sa_exc.DBAPIError):
        return None
    reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["?"])[0]
    low = reason.lower()
    if "locked" in low or "busy" in low:
        return both("db_busy", reason=reason)
    if "disk is full" in low or "disk full" in low:
        return both("db_full", reason=reason)
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return both("db_damaged", reason=reason)
    return both("db_failed", reason=reason)
