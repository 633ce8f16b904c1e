"""The refusals a service raises: each carries its message in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.findings import Finding, Severity
from ..domain.steps import Step

REOPEN_RULE = "review.reopen"


def reopen_finding(step: Step | None) -> Finding:
    """The confirmation a clerk gives before changing a matter the township approved."""
    return Finding(
        rule_id=REOPEN_RULE,
        severity=Severity.WARNING,
        step=step,
        message_zh="该事项已经乡镇审核通过；更正后将重新提交乡镇审核",
        message_en="The township approved this matter; correcting it sends it back for review",
        citation_zh="乡镇审核",
        citation_en="Township review",
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
            f"不能保存：{first.message_zh}（{first.citation_zh}）",
            f"Cannot save: {first.message_en} ({first.citation_en})",
        )


class NeedsConfirmation(ServiceError):
    """Saving has warnings the person has not confirmed yet; nothing was saved."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__(
            f"有{len(self.findings)}项提醒需要确认后才能保存",
            f"{len(self.findings)} warning(s) need confirming before saving",
        )


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
        return (
            f"数据库正由另一个程序写入，等待超时，请稍后再试（{reason}）",
            f"another program is writing to the database and did not finish in time; try again later ({reason})",
        )
    if "disk is full" in low or "disk full" in low:
        return (
            f"磁盘已满，操作未完成，数据库未改动；请腾出空间后重试（{reason}）",
            f"the disk is full; nothing was changed; free some space and try again ({reason})",
        )
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return (
            f"数据库文件已损坏或不是本程序的数据库，请用备份恢复（{reason}）",
            f"the database file is damaged or not one of this program's; restore it from a backup ({reason})",
        )
    return f"数据库操作失败：{reason}", f"database operation failed: {reason}"
