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
    # the village service's refusals (reading.py, recording.py)
    "not_set_up": ("尚未设置村庄信息，请先完成初始设置", "The village has not been set up yet"),
    "already_set_up": (
        "本数据库已设置过村庄，不能重复设置",
        "This database already belongs to a village",
    ),
    "no_matter": ("找不到事项 {matter_id}", "No matter {matter_id}"),
    "roster_reason_needed": ("请填写变更原因", "A reason for the change is required"),
    "step_already_recorded": (
        "该步骤已记录，如需修改请使用更正",
        "This step is already recorded; use a correction to change it",
    ),
    "step_not_recorded": (
        "该步骤尚未记录，无法更正",
        "This step has not been recorded, so it cannot be corrected",
    ),
    "no_attempt": ("找不到该次记录", "No such attempt at this step"),
    "progress_before_start": (
        "尚未记录开始实施，不能登记进度",
        "Implementation has not started; record its start first",
    ),
    "progress_reversed": ("该进度已冲销", "This progress entry is already reversed"),
    "no_progress": ("找不到该进度记录", "No such progress entry"),
    "negative_spent": ("支出金额不能为负数", "Money spent cannot be negative"),
    "future_date": ("日期不能晚于今天", "The date cannot be in the future"),
    "completion_before_start": (
        "尚未记录开始实施，不能登记完成",
        "Implementation has not started",
    ),
    "completion_before_started_on": (
        "完成日期早于开始实施日期",
        "Completion is dated before implementation started",
    ),
    "already_completed": (
        "已登记完成，如需修改请使用更正",
        "Completion is already recorded; use a correction",
    ),
    "objection_not_posted": (
        "只能对已张贴的公示登记异议",
        "Objections can only be recorded against a posted notice",
    ),
    "objection_content_needed": ("请填写异议内容", "The objection's content is required"),
    "no_objection": ("找不到该异议", "No such objection"),
    "reply_needed": ("请填写答复内容", "The reply is required"),
    "reply_before_received": (
        "答复日期早于收到异议的日期",
        "The reply is dated before the objection was received",
    ),
    "not_returned": (
        "该事项没有被乡镇退回，无需答复",
        "This matter was not returned; nothing to answer",
    ),
    "answer_choice": ("请选择已整改或说明", "Choose fixed or explained"),
    "answer_text_needed": ("请填写答复内容", "The answer needs a text"),
    "correction_reason_needed": ("更正必须填写原因", "A correction needs a reason"),
}


def both(key: str, **params: object) -> tuple[str, str]:
    """The message `key` in Chinese and in English, its parameters filled in."""
    zh, en = MESSAGES[key]
    return zh.format(**params), en.format(**params)
