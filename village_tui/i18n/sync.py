"""What sync, import, export and review say to people, in Chinese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # refusals: each is "file: reason", one line
    "unreadable": {"zh": "无法读取文件（{err}）", "en": "cannot read the file ({err})"},
    "too_big": {
        "zh": "文件大小 {size} 字节，超过上限 {limit} 字节",
        "en": "the file is {size} bytes, more than the limit of {limit}",
    },
    "not_zip": {
        "zh": "文件损坏或不完整（不是可读的 zip 数据包）",
        "en": "the file is damaged or truncated (not a readable zip bundle)",
    },
    "too_many_members": {
        "zh": "数据包含 {count} 个成员文件，超过上限 {limit}",
        "en": "the bundle has {count} members, more than the limit of {limit}",
    },
    "unsafe_name": {
        "zh": "成员文件名 {name} 不允许（绝对路径、“..”或反斜杠）",
        "en": "member name {name} is not allowed (absolute path, '..' or backslash)",
    },
    "duplicate_name": {
        "zh": "成员文件名 {name} 重复出现",
        "en": "member name {name} appears more than once",
    },
    "symlink": {"zh": "成员 {name} 是符号链接，不允许", "en": "member {name} is a symbolic link"},
    "unexpected_member": {
        "zh": "数据包含有不应有的成员文件 {name}",
        "en": "the bundle holds an unexpected member {name}",
    },
    "missing_member": {"zh": "数据包缺少 {name}", "en": "the bundle lacks {name}"},
    "member_too_big": {
        "zh": "成员 {name} 解压后 {size} 字节，超过上限 {limit} 字节",
        "en": "member {name} is {size} bytes uncompressed, more than the limit of {limit}",
    },
    "total_too_big": {
        "zh": "解压后共 {size} 字节，超过上限 {limit} 字节",
        "en": "the members add up to {size} bytes uncompressed, more than the limit of {limit}",
    },
    "bomb": {
        "zh": "成员 {name} 压缩比 {ratio}:1 超过上限 {limit}:1，疑似压缩炸弹",
        "en": "member {name} expands {ratio}:1, more than {limit}:1 (possible compression bomb)",
    },
    "damaged_member": {
        "zh": "成员 {name} 已损坏（{err}）",
        "en": "member {name} is damaged ({err})",
    },
    "manifest_json": {
        "zh": "manifest.json 不是有效的 JSON（{err}）",
        "en": "manifest.json is not valid JSON ({err})",
    },
    "manifest_schema": {
        "zh": "manifest.json 不符合格式规范：{err}",
        "en": "manifest.json breaks its schema: {err}",
    },
    "format_version": {
        "zh": "数据包格式版本 {version} 不受支持（本程序读取版本 {supported}）",
        "en": "bundle format version {version} is not supported (this program reads {supported})",
    },
    "bad_signature": {
        "zh": "清单签名验证失败：清单在签名后被改动过",
        "en": "the manifest's signature does not verify: it was changed after signing",
    },
    "member_hash": {
        "zh": "{name} 与清单中的 sha256 不符，内容被改动或损坏",
        "en": "{name} does not match its sha256 in the manifest: changed or damaged",
    },
    "unknown_key": {
        "zh": "{owner} 的签名密钥 {fp} 未登记；请与对方电话核对指纹后加 --trust-new 导入，或先用 keys trust 登记",
        "en": "key {fp} of {owner} is not trusted here; check the fingerprint with them by phone, "
        "then import with --trust-new or register it with keys trust",
    },
    "wrong_key": {
        "zh": "签名密钥 {fp} 与 {owner} 已登记的密钥 {known} 不符",
        "en": "signed with key {fp}, but {owner} is registered with key {known}",
    },
    "key_owner": {
        "zh": "签名密钥 {fp} 登记给 {other}，不属于 {owner}",
        "en": "key {fp} is registered to {other}, not to {owner}",
    },
    "events_json": {
        "zh": "events.jsonl 第 {line} 行不是有效的 JSON",
        "en": "events.jsonl line {line} is not valid JSON",
    },
    "envelope_schema": {
        "zh": "events.jsonl 第 {line} 行不符合记录格式规范：{err}",
        "en": "events.jsonl line {line} breaks the event schema: {err}",
    },
    "event_schema": {
        "zh": "第 {seq} 条记录（{type}）不符合格式规范：{err}",
        "en": "event {seq} ({type}) breaks its schema: {err}",
    },
    "control_text": {
        "zh": "第 {seq} 条记录的 {field} 含有控制字符（{code}），本程序不接收",
        "en": "event {seq}: {field} contains a control character ({code}), which is not accepted",
    },
    "payload_too_big": {
        "zh": "第 {seq} 条记录长 {size} 字，超过上限 {limit} 字",
        "en": "event {seq} is {size} characters long, more than the limit of {limit}",
    },
    "event_type": {
        "zh": "第 {seq} 条记录的类型 {type} 不应出现在此类数据包中",
        "en": "event {seq} has type {type}, which does not belong in this kind of bundle",
    },
    "count": {
        "zh": "清单记载 {expected} 条记录，实际 {actual} 条",
        "en": "the manifest says {expected} events, events.jsonl holds {actual}",
    },
    "chain": {
        "zh": "第 {seq} 条记录哈希链断裂：{reason}",
        "en": "event {seq} breaks the hash chain: {reason}",
    },
    "ledger_mismatch": {
        "zh": "第 {seq} 条记录属于台账 {ledger}，不属于清单所列 {expected}",
        "en": "event {seq} belongs to ledger {ledger}, not {expected} as the manifest says",
    },
    "manifest_mismatch": {
        "zh": "记录与清单不符（{what}）",
        "en": "the events do not match the manifest ({what})",
    },
    "event_signature": {
        "zh": "第 {seq} 条审核记录的签名验证失败",
        "en": "the signature of review event {seq} does not verify",
    },
    "fork": {
        "zh": "第 {seq} 条记录与本库已有的同号记录不同（同一序号、不同哈希），疑似篡改，拒绝导入",
        "en": "event {seq} differs from the one already here (same sequence, different hash): "
        "possible tampering, refused",
    },
    "replay": {
        "zh": "重放的旧数据包：第 {first}–{last} 条记录本库早已有（已到第 {head} 条），未作任何改动",
        "en": "replayed old bundle: events {first}-{last} are already here (this database holds up "
        "to {head}); nothing applied",
    },
    "village_db": {
        "zh": "村级数据库只能导入乡镇的审核反馈，不能导入村台账 {ledger}",
        "en": "a village database imports only its township's feedback, not village ledger {ledger}",
    },
    "other_village": {
        "zh": "这是给 {code} 的审核反馈，本库是 {own}",
        "en": "this feedback is for village {code}, but this database is village {own}",
    },
    "apply": {
        "zh": "第 {seq} 条记录无法应用：{err}",
        "en": "event {seq} cannot be applied: {err}",
    },
    # outcomes
    "imported": {
        "zh": "已导入 {ledger} 第 {first}–{last} 条，新增 {applied} 条",
        "en": "imported {ledger} events {first}-{last}, {applied} new",
    },
    "already": {
        "zh": "已于 {when} 导入过，本次无改动",
        "en": "already imported on {when}; nothing changed",
    },
    "nothing_new": {
        "zh": "没有新记录：第 {first}–{last} 条本库都已有，无改动",
        "en": "nothing new: events {first}-{last} are all here already; nothing changed",
    },
    "held": {
        "zh": "暂存未应用：缺少 {ledger} 第 {gap_first}–{gap_last} 条，导入前一个数据包后自动应用",
        "en": "held, not applied: events {gap_first}-{gap_last} of {ledger} are missing; it is "
        "applied once the earlier bundle is imported",
    },
    "released": {
        "zh": "暂存的数据包已应用：{ledger} 第 {first}–{last} 条，新增 {applied} 条",
        "en": "held bundle applied: {ledger} events {first}-{last}, {applied} new",
    },
    "no_bundles": {
        "zh": "{path} 中没有数据包文件（*.zip）",
        "en": "no bundle files (*.zip) in {path}",
    },
    "new_key_trusted": {
        "zh": "已登记 {owner} 的新密钥，指纹 {fp}（请电话核对）",
        "en": "trusted the new key of {owner}, fingerprint {fp} (check it by phone)",
    },
}

STATUS_LABELS = {
    "imported": {"zh": "已导入", "en": "imported"},
    "released": {"zh": "暂存后已应用", "en": "held, now applied"},
    "already": {"zh": "已导入过", "en": "already imported"},
    "nothing_new": {"zh": "无新记录", "en": "nothing new"},
    "held": {"zh": "暂存", "en": "held"},
    "refused": {"zh": "拒绝", "en": "refused"},
}

REVIEW_STATES = {
    "pending": {"zh": "待审", "en": "pending"},
    "approved": {"zh": "已通过", "en": "approved"},
    "returned": {"zh": "退回", "en": "returned"},
    "reopened": {"zh": "更正后待复审", "en": "reopened"},
}


def text(key: str, lang: str = "zh", **params: object) -> str:
    """The message `key` in `lang`, with its parameters filled in."""
    entry = MESSAGES[key]
    return (entry["en"] if lang == "en" else entry["zh"]).format(**params)


def label(table: dict[str, dict[str, str]], key: str, lang: str = "zh") -> str:
    entry = table.get(key)
    if entry is None:
        return key
    return entry["en"] if lang == "en" else entry["zh"]
