"""What the store says to people (refusals, database trouble), in Chinese and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "reopen": (
        "该事项已经乡镇审核通过；更正后将重新提交乡镇审核",
        "The township approved this matter; correcting it sends it back for review",
    ),
    "reopen_citation": ("乡镇审核", "Township review"),
    "blocked": (
        "不能保存：{message_zh}（{citation_zh}）",
        "Cannot save: {message_en} ({citation_en})",
    ),
    "needs_confirmation": (
        "有{count}项提醒需要确认后才能保存",
        "{count} warning(s) need confirming before saving",
    ),
    "db_busy": (
        "数据库正由另一个程序写入，等待超时，请稍后再试（{reason}）",
        "another program is writing to the database and did not finish in time; try again later"
        " ({reason})",
    ),
    "db_full": (
        "磁盘已满，操作未完成，数据库未改动；请腾出空间后重试（{reason}）",
        "the disk is full; nothing was changed; free some space and try again ({reason})",
    ),
    "db_damaged": (
        "数据库文件已损坏或不是本程序的数据库，请用备份恢复（{reason}）",
        "the database file is damaged or not one of this program's; restore it from a backup"
        " ({reason})",
    ),
    "db_failed": ("数据库操作失败：{reason}", "database operation failed: {reason}"),
}


def both(key: str, **params: object) -> tuple[str, str]:
    """The message `key` in Chinese and in English, its parameters filled in."""
    zh, en = MESSAGES[key]
    return zh.format(**params), en.format(**params)
