"""What attachments (scans, photos, PDFs on a matter) say to people, in Chinese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # attaching
    "no_file": {"zh": "找不到文件：{path}", "en": "no such file: {path}"},
    "is_folder": {
        "zh": "{path} 是文件夹，请选择其中的文件",
        "en": "{path} is a folder; choose a file in it",
    },
    "not_regular": {
        "zh": "{path} 不是普通文件（设备或管道），不能作为附件",
        "en": "{path} is not a regular file (a device or a pipe); it cannot be attached",
    },
    "unreadable": {"zh": "无法读取文件 {path}：{err}", "en": "cannot read {path}: {err}"},
    "empty": {
        "zh": "文件 {path} 是空的（0 字节），可能没有复制完整；未附加",
        "en": "{path} is empty (0 bytes), perhaps a failed copy; not attached",
    },
    "file_too_big": {
        "zh": "文件 {name} 有 {size}（{size_bytes:,} 字节），超过每个附件 {limit}（{limit_bytes:,} 字节）"
        "的上限；请压缩或分页扫描后再附加",
        "en": "{name} is {size} ({size_bytes:,} bytes), over the limit of {limit}"
        " ({limit_bytes:,} bytes) per attachment; compress it or scan fewer pages per file",
    },
    "matter_too_big": {
        "zh": "附加 {name}（{size}）后本事项附件共 {total}（{total_bytes:,} 字节），"
        "超过每个事项 {limit}（{limit_bytes:,} 字节）的上限；未附加",
        "en": "with {name} ({size}) this matter's attachments would total {total}"
        " ({total_bytes:,} bytes), over the limit of {limit} ({limit_bytes:,} bytes)"
        " per matter; not attached",
    },
    "duplicate": {
        "zh": "同一文件 {name} 已附在这条记录上（第 {seq} 条），未重复附加",
        "en": "the same file {name} is already attached to this entry (event {seq}); not added again",
    },
    "no_matter": {"zh": "找不到事项 {matter}", "en": "no matter {matter}"},
    "no_step": {
        "zh": "该事项尚未记录步骤“{step}”，不能附加文件",
        "en": "this matter has no record of step {step} yet; nothing to attach to",
    },
    "bad_step": {
        "zh": "无法识别的步骤：{step}（可用 1-6、实施，或 proposal 等）",
        "en": "unknown step: {step} (use 1-6, 实施, or proposal ...)",
    },
    "no_progress": {
        "zh": "该事项没有编号为 {ref} 的实施进度",
        "en": "this matter has no progress entry {ref}",
    },
    "no_objection": {
        "zh": "该事项没有编号为 {ref} 的异议",
        "en": "this matter has no objection {ref}",
    },
    "no_completion": {
        "zh": "该事项尚未登记实施完成，不能附加完成材料",
        "en": "this matter's completion is not recorded yet",
    },
    "attached": {
        "zh": "已附加：{name}（{media_type}，{size}，sha256 {short}）",
        "en": "attached: {name} ({media_type}, {size}, sha256 {short})",
    },
    "bad_limit": {
        "zh": "附件上限应为 1 到 {most} MiB 的整数：{value}",
        "en": "an attachment limit is a whole number of MiB from 1 to {most}: {value}",
    },
    "limits": {
        "zh": "附件上限：每个文件 {file}，每个事项 {matter}",
        "en": "attachment limits: {file} per file, {matter} per matter",
    },
    # finding, opening, saving
    "no_attachment": {"zh": "找不到附件 {which}", "en": "no attachment {which}"},
    "ambiguous": {
        "zh": "{which} 对应多个附件，请多给几位哈希值",
        "en": "{which} matches several attachments; give more of the hash",
    },
    "file_missing": {
        "zh": "附件 {name}（事项 {matter}，第 {seq} 条记录）的文件缺失：{path}",
        "en": "attachment {name} (matter {matter}, event {seq}): its file is missing: {path}",
    },
    "file_changed": {
        "zh": "附件 {name}（事项 {matter}，第 {seq} 条记录）的文件已被改动，与台账记录的哈希不符：{path}",
        "en": "attachment {name} (matter {matter}, event {seq}): its file was changed,"
        " it no longer matches the ledger's hash: {path}",
    },
    "opened": {
        "zh": "已用系统默认程序打开：{path}",
        "en": "opened with the default viewer: {path}",
    },
    "open_fallback": {
        "zh": "无法自动打开（{why}），请手动打开：{path}",
        "en": "could not open it automatically ({why}); open it yourself: {path}",
    },
    "saved": {"zh": "已保存：{path}", "en": "saved: {path}"},
    "no_dir": {
        "zh": "文件夹不存在：{path}（不会新建文件夹）",
        "en": "no such folder: {path} (no folder is created)",
    },
    "none": {"zh": "该事项没有附件", "en": "this matter has no attachments"},
    # bundles
    "bundle_file_missing": {
        "zh": "数据包缺少第 {seq} 条记录的附件 {name} 的文件，整个数据包未导入",
        "en": "the bundle lacks the file of attachment {name} (event {seq}); nothing imported",
    },
    "bundle_file_mismatch": {
        "zh": "数据包中附件 {name}（第 {seq} 条记录）的文件与台账记录的哈希或大小不符，整个数据包未导入",
        "en": "attachment {name} (event {seq}): the file in the bundle does not match"
        " the ledger's hash or size; nothing imported",
    },
    "bundle_file_extra": {
        "zh": "数据包中有台账未记录的附件文件 {name}，整个数据包未导入",
        "en": "the bundle holds a file {name} no attachment in it records; nothing imported",
    },
    "bundle_too_many_files": {
        "zh": "数据包有 {count} 个附件文件，超过上限 {limit}，未导入",
        "en": "the bundle holds {count} attachment files, over the limit of {limit}; nothing imported",
    },
    "attachment_too_big": {
        "zh": "台账 {ledger} 第 {seq} 条记录的附件有 {size} 字节，任何数据包都装不下，未导出任何数据包",
        "en": "ledger {ledger}: the attachment of event {seq} is {size} bytes,"
        " more than any bundle may carry; no bundle was exported",
    },
    "export_file_missing": {
        "zh": "台账 {ledger} 第 {seq} 条记录的附件文件缺失或已改动，未导出任何数据包；请先运行 verify-db 核对",
        "en": "ledger {ledger}: the file of the attachment in event {seq} is missing or changed;"
        " no bundle was exported, run verify-db",
    },
    # screens
    "tui.list_title": {"zh": "附件：{title}", "en": "Attachments: {title}"},
    "tui.attach_title": {"zh": "附加文件到：{entry}", "en": "Attach a file to: {entry}"},
    "tui.path_prompt": {
        "zh": "输入文件路径后回车，或在下方文件夹中选择文件（上限：{limits}）",
        "en": "Type a file's path and press Enter, or pick a file below (limits: {limits})",
    },
    "tui.save_prompt": {
        "zh": "保存到哪个文件夹（已有的文件夹），回车保存：",
        "en": "Save into which (existing) folder? Enter saves:",
    },
    "tui.pick_entry": {"zh": "附加到哪条记录", "en": "Attach to which entry"},
    "tui.entry_step": {"zh": "第{label}步 {name}", "en": "step {label} {name}"},
    "tui.entry_progress": {"zh": "进度 {on} {text}", "en": "progress {on} {text}"},
    "tui.entry_objection": {"zh": "异议 {on} {text}", "en": "objection {on} {text}"},
    "tui.entry_completion": {"zh": "实施完成", "en": "completion"},
    "tui.count": {"zh": "附件 {n} 个（{size}）", "en": "{n} attachment(s) ({size})"},
    "key.open": {"zh": "打开", "en": "Open"},
    "key.save": {"zh": "另存", "en": "Save"},
    "key.save_all": {"zh": "全部另存", "en": "Save all"},
    "key.cancel": {"zh": "取消", "en": "Cancel"},
    "key.back": {"zh": "返回", "en": "Back"},
}


def tr(key: str, lang: str = "zh", **params: object) -> str:
    """`text`, or the key itself when the catalogue lacks it (binding labels pass through)."""
    return text(key, lang, **params) if key in MESSAGES else key


def text(key: str, lang: str = "zh", **params: object) -> str:
    """The message `key` in `lang`, with its parameters filled in."""
    entry = MESSAGES[key]
    return (entry["en"] if lang == "en" else entry["zh"]).format(**params)


def pair(key: str, **params: object) -> tuple[str, str]:
    """(zh, en) of message `key`."""
    return text(key, "zh", **params), text(key, "en", **params)


def size_text(n: int) -> str:
    """A size as people read it: 700 B, 12 KiB, 3.4 MiB, 10 MiB."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KiB"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MiB"
