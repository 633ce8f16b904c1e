"""What backup and restore say to people, in Chinese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # where a backup may be written
    "out_ext": {
        "zh": "备份文件名应以 {ext} 结尾：{path}",
        "en": "the backup file name must end in {ext}: {path}",
    },
    "out_is_db": {
        "zh": "{path} 是数据库文件 {db}（或其附属文件），不能用备份覆盖",
        "en": "{path} is the database {db} (or one of its files); it will not be overwritten",
    },
    "out_is_dir": {
        "zh": "{path} 是文件夹，请给出备份文件名",
        "en": "{path} is a folder; give a file name",
    },
    "out_not_file": {
        "zh": "{path} 不是普通文件（设备或管道），不能写入备份",
        "en": "{path} is not a regular file (a device or pipe); no backup is written there",
    },
    "db_missing": {"zh": "数据库文件不存在：{db}", "en": "database file does not exist: {db}"},
    "db_not_file": {
        "zh": "备份只适用于 SQLite 数据库文件，不适用于 {db}",
        "en": "backups work on a SQLite database file, not on {db}",
    },
    "not_village": {
        "zh": "该数据库还没有设置村庄（先运行 init），没有可备份的台账",
        "en": "this database has no village set up yet (run init first); nothing to back up",
    },
    "db_damaged": {
        "zh": "数据库已损坏（完整性检查未通过：{why}），未写备份；请保留原文件并联系技术人员",
        "en": "the database is damaged (integrity check failed: {why}); no backup written",
    },
    "chain_broken": {
        "zh": "台账第 {seq} 条记录被改动或损坏，未写备份；请先运行 verify-db 查看",
        "en": "ledger entry {seq} is altered or damaged; no backup written (run verify-db)",
    },
    "backed_up": {
        "zh": "已备份 {name}（{code}）：共 {seq} 条记录，末条哈希 {hash}…，写入 {path}",
        "en": "Backed up {name} ({code}): {seq} entries, last hash {hash}…, written to {path}",
    },
    # reading a backup
    "no_file": {"zh": "找不到备份文件：{path}", "en": "no such backup file: {path}"},
    "bad_file": {
        "zh": "{path}：不是有效的备份文件（{why}）",
        "en": "{path}: not a valid backup file ({why})",
    },
    "bad_signature": {
        "zh": "{path}：备份说明的签名不符，文件被改动过或已损坏，不能恢复",
        "en": "{path}: the backup's manifest signature does not match; it was altered or is damaged",
    },
    "bad_copy": {
        "zh": "{path}：备份中的数据库与签名说明不符（{why}），文件被改动过或已损坏，不能恢复",
        "en": "{path}: the database in the backup does not match its signed manifest ({why})",
    },
    # restoring it
    "target_exists": {
        "zh": "目标数据库 {db} 已存在；如确要用备份替换它，请加 --replace（原文件会改名保留）",
        "en": "the database {db} already exists; add --replace to replace it (it is kept, renamed)",
    },
    "stale": {
        "zh": (
            "这份备份太旧，未恢复：备份只到第 {seq} 条记录，而乡镇在 {date} 已确认收到第 {wseq} 条。"
            "恢复它会让本机少掉第 {first}–{wseq} 条记录（乡镇那里还有），之后新记的记录会和乡镇"
            "已有的编号冲突，乡镇将拒收本村的数据包。请找一份更新的备份；确实没有时，先与乡镇联系，"
            "再加 --allow-older 恢复"
        ),
        "en": (
            "this backup is too old and was not restored: it ends at entry {seq}, but the township "
            "confirmed entry {wseq} on {date}. Restoring it would lose entries {first}-{wseq} on this "
            "PC (the township still has them), and new entries would clash with the township's, "
            "which would then refuse the village's bundles. Find a newer backup; if there is none, "
            "talk to the township first, then restore with --allow-older"
        ),
    },
    "diverged": {
        "zh": (
            "这份备份与乡镇确认过的台账不一致，未恢复：第 {wseq} 条记录的哈希与乡镇在 {date} "
            "确认的不同，它不是本村交给乡镇的那本台账。请找另一份备份；确需恢复时，先与乡镇联系，"
            "再加 --allow-older"
        ),
        "en": (
            "this backup disagrees with the ledger the township confirmed and was not restored: "
            "entry {wseq} has a different hash from the one confirmed on {date}. Find another "
            "backup; if you must restore it, talk to the township first, then add --allow-older"
        ),
    },
    "older_allowed": {
        "zh": "注意：按 --allow-older 恢复了比乡镇确认点（第 {wseq} 条）更旧的备份，请尽快与乡镇联系",
        "en": "note: restored with --allow-older, behind the township's checkpoint (entry {wseq}); tell the township",
    },
    "kept_aside": {
        "zh": "原数据库已改名保留为 {path}",
        "en": "the previous database was kept as {path}",
    },
    "restored": {
        "zh": "已从备份恢复 {name}（{code}）：共 {seq} 条记录，备份时间 {when}，数据库 {db}",
        "en": "Restored {name} ({code}): {seq} entries, backed up {when}, database {db}",
    },
    "restored_key": {
        "zh": "本村签名密钥随备份恢复，指纹：{fp}（与原来相同，乡镇无需重新登记）",
        "en": "the village's key came back with the backup, fingerprint {fp} (unchanged)",
    },
    # rolling backups of the clerk's app
    "rolling_done": {"zh": "已自动备份到 {path}", "en": "Backed up to {path}"},
    "rolling_failed": {
        "zh": "注意：自动备份未完成（{why}），数据库本身未受影响",
        "en": "note: the automatic backup failed ({why}); the database itself is unharmed",
    },
    "settings": {
        "zh": "自动备份文件夹：{folder}；保留最近 {keep} 份；最近一次备份：{last}",
        "en": "Automatic backups: folder {folder}; keeping the last {keep}; last backup: {last}",
    },
    "never": {"zh": "尚无", "en": "none yet"},
    "keep_range": {
        "zh": "--keep 应在 1 到 {limit} 之间",
        "en": "--keep must be between 1 and {limit}",
    },
}


def text(key: str, lang: str = "zh", **params: object) -> str:
    """A message in `lang` ("zh" or "en") with its fields filled in."""
    return MESSAGES[key]["en" if lang == "en" else "zh"].format(**params)
