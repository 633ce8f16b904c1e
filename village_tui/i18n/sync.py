"""What sync, import, export and review say to people, in Chinese and English."""

from __future__ import annotations

from .attachments import MESSAGES as _ATTACHMENTS

MESSAGES: dict[str, dict[str, str]] = {
    "late_needs_explanation": {
        "zh": "该事项的决议或结果公开迟延，不能补救；请在审核意见中写明接受的迟延原因后再通过，或退回",
        "en": "This matter's disclosure was late and cannot be undone: write the explanation you accept in the comment to approve it, or return it",
    },
    # refusals: each is "file: reason", one line
    "unreadable": {"zh": "无法读取文件（{err}）", "en": "cannot read the file ({err})"},
    "is_folder": {"zh": "这是文件夹，不是数据包文件", "en": "a folder, not a bundle file"},
    "not_regular": {
        "zh": "不是普通文件（设备或管道），未读取",
        "en": "not a regular file (a device or a pipe); not read",
    },
    "encrypted": {
        "zh": "成员 {name} 已加密，数据包不应加密",
        "en": "member {name} is encrypted; bundles are never encrypted",
    },
    "too_deep": {
        "zh": "JSON 嵌套层数过深，不是本程序写出的数据包",
        "en": "the JSON is nested too deep; this program never writes such a bundle",
    },
    "unexpected": {
        "zh": "无法核验（意外故障：{err}，详情见日志），已跳过",
        "en": "could not be checked (unexpected failure: {err}; see the log); skipped",
    },
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
        "zh": "签名密钥 {fp} 与 {owner} 已登记的密钥 {known} 不符；如对方电脑丢失后换了新密钥，"
        "请对方运行 keys export --out 文件 并把文件交来，电话核对新指纹后运行 "
        'keys trust 文件 --replace "{known}"',
        "en": "signed with key {fp}, but {owner} is registered with key {known}; if they lost "
        "their PC and made a new key, get their keys export file, check the new fingerprint by "
        'phone, then run keys trust FILE --replace "{known}"',
    },
    "village_signs_review": {
        "zh": "签名密钥 {fp} 是村的密钥（{owner}），村的密钥不能签署审核记录，拒绝导入",
        "en": "key {fp} is a village's key ({owner}); a village key can never sign review events",
    },
    "review_signer": {
        "zh": "村 {village} 的审核记录只能由其所属乡镇 {township} 的密钥签署，密钥 {fp} 属于 {owner}（{role}）",
        "en": "reviews of village {village} may only be signed by its township {township}; "
        "key {fp} belongs to {owner} ({role})",
    },
    "village_signer": {
        "zh": "村 {village} 的台账只能由该村自己的密钥签署，密钥 {fp} 属于 {owner}（{role}）",
        "en": "the ledger of village {village} may only be signed by that village's key; "
        "key {fp} belongs to {owner} ({role})",
    },
    "review_payload": {
        "zh": "第 {seq} 条记录写的是 {named}，应为 {expected}（签名密钥 {fp}），拒绝导入",
        "en": "event {seq} names {named} where {expected} was due (signed by key {fp})",
    },
    "revoked": {
        "zh": "签名密钥 {fp}（{owner}）已于 {when} 停用（{reason}），此后签署的数据包一律拒绝；"
        "请对方用现在的密钥重新导出（export --full）",
        "en": "key {fp} of {owner} was retired on {when} ({reason}); bundles it signs are "
        "refused, ask them to export again with their current key (export --full)",
    },
    "bad_rotation": {
        "zh": "第 {seq} 条记录（更换密钥）的签名或指纹不符，不是旧密钥 {fp} 签署的，拒绝导入",
        "en": "event {seq} (key rotation) does not verify: it was not signed by the old key {fp}",
    },
    "trust_new_township_key": {
        "zh": "乡镇库不能用 --trust-new 登记 {owner} 的密钥 {fp}；乡镇和县的密钥请电话核对指纹后用 keys trust 登记",
        "en": "a township database does not take key {fp} of {owner} on --trust-new; register "
        "township and county keys with keys trust after checking the fingerprint by phone",
    },
    "trust_new_other_township": {
        "zh": "--trust-new 只能登记本乡镇（{own}）所属村的密钥，{owner} 的密钥 {fp} 不在其列",
        "en": "--trust-new only takes keys of villages of this township ({own}); key {fp} of "
        "{owner} is not one",
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
    "key_rotated_followed": {
        "zh": "{owner} 已更换密钥：旧密钥 {old} 签署了更换，已改用新密钥 {fp}",
        "en": "{owner} changed keys: the old key {old} signed the change, now trusting {fp}",
    },
    "key_replaced_followed": {
        "zh": "乡镇已为 {owner} 换用新密钥 {fp}（旧密钥 {old} 已停用），本库照此办理",
        "en": "the township replaced the key of {owner} with {fp} (old key {old} retired); so does "
        "this database",
    },
    "reason_rotated": {"zh": "已更换为新密钥 {fp}", "en": "rotated to {fp}"},
    "reason_replaced": {"zh": "已由新密钥 {fp} 替换", "en": "replaced by {fp}"},
    "new_key_trusted": {
        "zh": "已登记 {owner} 的新密钥，指纹 {fp}（请电话核对）",
        "en": "trusted the new key of {owner}, fingerprint {fp} (check it by phone)",
    },
    # what to do next, after a key change (the clerk's and the township's own words)
    "advice_replaced": {
        "zh": "已停用 {owner} 的旧密钥 {old}，改用新密钥 {fp}。此前导入的记录不变；"
        "此后只接受新密钥签署的数据包。",
        "en": "retired the old key {old} of {owner}; from now on only bundles signed by the new "
        "key {fp} are accepted. What was imported before stays as it is.",
    },
    "advice_revoked": {
        "zh": "已停用 {owner} 的密钥 {fp}：此后用它签署的数据包一律拒绝，此前导入的记录保留不变。"
        "请对方用 keys export --out 文件 导出新公钥交来，电话核对新指纹后运行 "
        'keys trust 文件 --replace "{fp}"。',
        "en": "retired key {fp} of {owner}: bundles it signs from now on are refused; what it "
        "signed before stays. Get their new key with keys export --out FILE, check the new "
        'fingerprint by phone, then run keys trust FILE --replace "{fp}".',
    },
    "advice_rotated_village": {
        "zh": "已生成本村新密钥，新指纹 {fp}；旧密钥 {old} 已签署这次更换并记入本村台账。"
        "照常导出交给乡镇即可：乡镇导入后自动改用新密钥，不用打电话。旧密钥此后签署的数据包会被拒绝。",
        "en": "made this village's new key, fingerprint {fp}; the old key {old} signed the change "
        "into the village's ledger. Export as usual: the township follows the change on import, "
        "no phone call needed. Bundles signed by the old key from now on are refused.",
    },
    "advice_rotated_township": {
        "zh": "已生成本乡镇新密钥，新指纹 {fp}；旧密钥 {old} 已签署这次更换，记入 {count} 个村的审核台账。"
        "照常导出审核反馈：各村和县导入后自动改用新密钥，不用打电话。",
        "en": "made this township's new key, fingerprint {fp}; the old key {old} signed the change "
        "into {count} review ledger(s). Export feedback as usual: villages and the county follow "
        "the change on import, no phone call needed.",
    },
    "guide_lost_pc": {
        "zh": "电脑丢失或损坏：村里先打电话告诉乡镇，乡镇运行 keys revoke 旧指纹 --reason 电脑丢失。"
        "村里用备份恢复数据库；再运行 keys rotate 生成新密钥（没有备份时在新电脑上重新设置本村），"
        "然后 keys export --out 本村公钥.json 把文件交给乡镇，并在电话里念出新指纹。"
        '乡镇核对无误后运行 keys trust 本村公钥.json --replace "旧指纹"。',
        "en": "Lost or broken PC: the village phones the township, which runs keys revoke "
        "OLD_FINGERPRINT --reason 'lost PC'. The village restores its backup and runs keys rotate "
        "(no backup: set the village up again on the new PC), then keys export --out FILE, hands "
        "the file to the township and reads the new fingerprint out over the phone. The township "
        'checks it and runs keys trust FILE --replace "OLD_FINGERPRINT".',
    },
    "guide_rotate": {
        "zh": "定期更换密钥：运行 keys rotate，旧密钥会签署这次更换并记入台账；照常导出，"
        "对方导入后自动改用新密钥，不用打电话。",
        "en": "Changing keys routinely: run keys rotate; the old key signs the change into the "
        "ledger. Export as usual and the other side follows it on import, no phone call needed.",
    },
    "guide_revoke": {
        "zh": "不再信任某个密钥（被盗、人员离任）：运行 keys revoke 指纹 --reason 原因。"
        "此后它签署的数据包一律拒绝，此前导入的记录保留不变。",
        "en": "No longer trusting a key (stolen, its holder left): run keys revoke FINGERPRINT "
        "--reason WHY. Bundles it signs from then on are refused; what it signed before stays.",
    },
    # the township's review (sync/review.py)
    "late_resolution": {
        "zh": "决议已 {days} 天未公开",
        "en": "resolution not disclosed after {days} days",
    },
    "late_result": {
        "zh": "完成已 {days} 天未公开实施结果",
        "en": "results not disclosed {days} days after completion",
    },
    "review_unknown_profile": {
        "zh": "村 {code} 使用的规则配置“{profile}”在本机不存在，请先安装该配置文件",
        "en": "Village {code} uses the rule profile {profile!r}, which is not installed here",
    },
    "review_no_unique_matter": {
        "zh": "找不到唯一的事项 {ref}",
        "en": "No unique matter {ref}",
    },
    "review_no_matter": {"zh": "找不到事项 {ref}", "en": "No matter {ref}"},
    "review_return_needs_comment": {
        "zh": "退回必须填写意见",
        "en": "Returning a matter needs a comment",
    },
    "review_in_village_db": {
        "zh": "村级数据库不能审核，请在乡镇数据库中审核",
        "en": "A village database cannot review; review in the township's database",
    },
    "review_already_approved": {
        "zh": "该事项已通过审核",
        "en": "This matter is already approved",
    },
    "review_blocked": {
        "zh": "该事项有 {count} 项阻断性问题，不能通过，请退回",
        "en": "This matter has {count} blocking finding(s); return it instead",
    },
    # the township's desk and the village's exchange folder
    "no_such_folder": {"zh": "文件夹不存在：{folder}", "en": "no such folder: {folder}"},
    "type_the_folder": {"zh": "请先填写文件夹", "en": "Type the folder first"},
    "stale_days_range": {
        "zh": "天数应为 1 到 {most} 之间的整数：{text}",
        "en": "days must be a whole number from 1 to {most}: {text}",
    },
    # export refusals
    "export_broken": {
        "zh": "台账 {ledger} 第 {seq} 条记录被改动或损坏（{reason}），未导出任何数据包；"
        "请先运行 verify-db 核对",
        "en": "ledger {ledger}: event {seq} is changed or damaged ({reason}); "
        "no bundle was exported, run verify-db",
    },
    "export_too_big": {
        "zh": "台账 {ledger} 第 {seq} 条记录有 {size} 字节，任何数据包都装不下，"
        "未导出任何数据包；请联系技术支持",
        "en": "ledger {ledger}: event {seq} is {size} bytes, more than any bundle may carry; "
        "no bundle was exported",
    },
    # setting up a township database
    "township_name_empty": {"zh": "乡镇名称不能为空", "en": "The township name must not be empty"},
    "county_code_mismatch": {
        "zh": "县级代码 {county} 与乡镇代码 {code} 的前6位不符",
        "en": "county code {county} does not match the first 6 digits of {code}",
    },
    "already_a_database": {
        "zh": "该数据库已是{what}数据库，不能再建为乡镇数据库；请换一个文件",
        "en": "this is already {what} database; use another file for the township",
    },
    "role_township": {"zh": "乡镇", "en": "a township"},
    "role_county": {"zh": "县级", "en": "a county"},
    "role_village": {"zh": "村级", "en": "a village"},
    # reading a public key file
    "key_file_unreadable": {
        "zh": "{path}：不是有效的公钥文件（{err}）",
        "en": "{path}: not a valid key file ({err})",
    },
    "key_file_invalid": {"zh": "{path}：不是有效的公钥文件", "en": "{path}: not a valid key file"},
    "key_file_fingerprint": {
        "zh": "{path}：文件写的指纹 {claimed} 与其中的公钥不符（公钥的指纹是 {fp}），"
        "文件被改动或抄错，未登记",
        "en": "{path}: the file's fingerprint {claimed} does not match its key ({fp}); "
        "the file was changed or miscopied, nothing registered",
    },
    "key_file_owner": {
        "zh": "{path}：密钥 {fp} 的所有者不对：{reason}，未登记",
        "en": "{path}: key {fp} names no valid owner: {reason}; nothing registered",
    },
    # trusting, revoking and rotating keys (sync/key_changes.py)
    "not_a_fingerprint": {
        "zh": "{text} 不是密钥指纹（应为 32 位十六进制数字，如 3f2a 9c01 …）",
        "en": "{text} is not a key fingerprint (32 hex digits, e.g. 3f2a 9c01 ...)",
    },
    "key_not_registered": {"zh": "本库没有登记密钥 {fp}", "en": "no key {fp} is registered here"},
    "revoke_needs_reason": {
        "zh": "停用密钥必须写明原因（--reason）",
        "en": "Revoking a key needs a --reason",
    },
    "key_already_retired": {
        "zh": "密钥 {fp} 已于 {day} 停用（{reason}）",
        "en": "key {fp} was already retired on {day} ({reason})",
    },
    "key_registered_to": {
        "zh": "密钥 {fp} 已登记给 {owner}（{role}）",
        "en": "key {fp} is registered to {owner} ({role})",
    },
    "key_retired_for_good": {
        "zh": "密钥 {fp} 已于 {day} 停用，不能再次信任",
        "en": "key {fp} was retired on {day}; it cannot be trusted again",
    },
    "owner_has_a_key": {
        "zh": "{owner} 已有登记的密钥 {current}；如对方电脑丢失或重装后换了新密钥，请电话核对新指纹 "
        '{fp} 后运行 keys trust 文件 --replace "{current}"',
        "en": "{owner} already has key {current}; if they lost their PC or made a new key, "
        'check the new fingerprint {fp} by phone, then run keys trust FILE --replace "{current}"',
    },
    "replace_not_theirs": {
        "zh": "--replace 指定的密钥 {old} 不是本库登记的 {owner} 的密钥",
        "en": "--replace {old} is not a key of {owner} registered here",
    },
    "county_rotates_nothing": {
        "zh": "县级库不签署数据包，不需要更换密钥",
        "en": "A county database signs no bundles; no key to rotate",
    },
    "rotate_before_set_up": {
        "zh": "请先设置本村，再更换密钥",
        "en": "Set up the village before rotating its key",
    },
}
# A bundle's attached files: refused in the same one line as every other bundle fault.
MESSAGES.update({k: v for k, v in _ATTACHMENTS.items() if k.startswith("bundle_")})

# Why a ledger breaks, in Chinese, for reasons the CLI's table does not name (first word).
BREAK_REASONS_ZH = {"missing": "记录缺失", "sequence": "序号不连续"}

# The console's tables (sync/console.py) and the review spreadsheet (sync/review_report.py):
# a title and the column heads, in each language.
TABLES: dict[str, dict[str, tuple[str, list[str]]]] = {
    "exports": {
        "zh": ("导出汇总", ["台账", "记录数", "文件"]),
        "en": ("exported", ["ledger", "events", "file"]),
    },
    "imports": {
        "zh": ("导入汇总", ["文件", "结果", "台账", "新增记录"]),
        "en": ("import summary", ["file", "result", "ledger", "new events"]),
    },
    "villages": {
        "zh": ("各村台账", ["代码", "村", "记录", "台账", "暂存包", "待审", "退回", "已通过"]),
        "en": (
            "villages",
            ["code", "village", "events", "ledger", "held", "pending", "returned", "approved"],
        ),
    },
    "matters": {
        "zh": ("事项", ["村", "编号", "事项", "已到", "问题", "缺步", "逾期", "审核"]),
        "en": ("matters", ["village", "id", "matter", "step", "findings", "missing", "late", "review"]),
    },
    "review_sheet": {
        "zh": ("审核", ["村代码", "村名", "事项编号", "事项", "类别", "已到步骤", "审核状态", "审核意见",
                        "阻断问题", "提醒", "缺少步骤", "公开逾期", "问题明细"]),
        "en": ("review", ["village code", "village", "matter id", "matter", "category",
                          "step reached", "review state", "review comment", "blocking", "warnings",
                          "missing steps", "late notices", "findings"]),
    },
}  # fmt: skip
WORDS = {
    "ledger_whole": {"zh": "完整", "en": "ok"},
    "not_started": {"zh": "未开始", "en": "-"},
}


def table(key: str, lang: str = "zh") -> tuple[str, list[str]]:
    """A table's title and column heads in `lang`."""
    return TABLES[key]["en" if lang == "en" else "zh"]


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


def both(key: str, **params: object) -> tuple[str, str]:
    """The message `key` in Chinese and in English, as a refusal carries it."""
    return text(key, "zh", **params), text(key, "en", **params)


def text(key: str, lang: str = "zh", **params: object) -> str:
    """The message `key` in `lang`, with its parameters filled in."""
    entry = MESSAGES[key]
    return (entry["en"] if lang == "en" else entry["zh"]).format(**params)


def key_guide(lang: str = "zh") -> str:
    """What to do after a lost PC, to change a key, and to stop trusting one (plain words)."""
    return "\n\n".join(text(k, lang) for k in ("guide_lost_pc", "guide_rotate", "guide_revoke"))


def label(table: dict[str, dict[str, str]], key: str, lang: str = "zh") -> str:
    entry = table.get(key)
    if entry is None:
        return key
    return entry["en"] if lang == "en" else entry["zh"]
