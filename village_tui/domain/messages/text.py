"""Refusals of text that cannot be recorded, and the names of the fields they point at."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "control": (
        "{field}含有控制字符（{code}），请删除后再保存",
        "{field} contains a control character ({code}); remove it and save again",
    ),
    "too_long": (
        "{field}最多 {limit} 个字，现有 {length} 个",
        "{field} may have at most {limit} characters, not {length}",
    ),
    "too_big": (
        "这条记录的文字太长（{length} 字，上限 {limit} 字），请精简后再保存",
        "this record's text is too long ({length} characters, at most {limit}); shorten it",
    ),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "actor": ("记录人姓名", "The recorder's name"),
    "title": ("事项名称", "The title"),
    "description": ("事项说明", "The description"),
    "content": ("内容", "The content"),
    "minutes": ("会议记录", "The minutes"),
    "place": ("地点", "The place"),
    "places": ("公示地点", "The places"),
    "reason": ("更正原因", "The reason"),
    "comment": ("审核意见", "The comment"),
    "reviewer": ("审核人", "The reviewer"),
    "summary": ("完成情况", "The summary"),
    "reply": ("答复", "The reply"),
    "results": ("实施结果", "The results"),
    "name": ("名称", "The name"),
    "post": ("职务", "The post"),
    "contractor": ("承建方", "The contractor"),
    "note": ("备注", "The note"),
    "text": ("文字", "The text"),
    "payload": ("记录", "The record"),
}
