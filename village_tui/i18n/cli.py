"""Texts of the core CLI commands (init, load-sample, verify-db, rules, rebuild): zh and en."""

from __future__ import annotations

# What each rule checks and the words for its figures live with the rules, in the domain.
from ..domain.messages.rule_text import BASIS, RULE_WHAT, fraction  # noqa: F401
from .common import CATEGORIES  # noqa: F401  (re-exported for the CLI)

SEVERITY = {
    "invalid": ("不生效", "invalid"),  # the step must be held again
    "defect": ("瑕疵", "defect"),  # the step counts; it must be cured
    "warning": ("提醒", "warning"),
}
ON_OFF = {False: ("未启用", "off")}

HEADERS = {
    "rule": ("规则", "Rule"),
    "what": ("要求", "Requires"),
    "severity": ("级别", "Severity"),
    "citation": ("依据", "Citation"),
    "category": ("类别", "Category"),
}


# verify-db: the ledger module's reasons, in Chinese.
BREAK_REASONS: dict[str, str] = {
    "previous hash does not match": "前一条记录的哈希对不上",
    "payload is not valid JSON": "记录内容不是有效的JSON",
    "payload is not in canonical form": "记录内容被改动（格式不符）",
    "hash does not match its contents": "记录内容与其哈希不符（被改动）",
    "ledger head does not match the last event": "台账末尾与最后一条记录不符（记录被删除或追加）",
}


# verify-db beyond the hash chain: the derived tables replayed, the township's checkpoints.
VERIFY_TEXTS: dict[str, tuple[str, str]] = {
    "derived_value": (
        "派生表 {table} 的记录 {key} 字段 {column}：本库为 {stored}，按台账重放为 {replayed}"
        "（派生数据与台账不符，可能被直接改动；可运行 rebuild 按台账重建）",
        "derived table {table}, row {key}, column {column}: stored {stored}, the ledger gives"
        " {replayed} (run rebuild to re-derive it from the ledger)",
    ),
    "derived_extra": (
        "派生表 {table} 的记录 {key}：本库有，按台账重放没有（派生数据与台账不符；可运行 rebuild）",
        "derived table {table}, row {key}: stored, but not in the replayed ledger (run rebuild)",
    ),
    "derived_missing": (
        "派生表 {table} 的记录 {key}：按台账重放应有，本库没有（派生数据与台账不符；可运行 rebuild）",
        "derived table {table}, row {key}: in the replayed ledger, but not stored (run rebuild)",
    ),
    "replay_failed": (
        "按台账重放失败：{err}",
        "replaying the ledger failed: {err}",
    ),
    "witness_changed": (
        "台账 {ledger} 与乡镇见证不符：乡镇 {township} 于 {date} 见证第 {seq} 条"
        "（见证记录 {review} 第 {review_seq} 条），本库第 {seq} 条已不是乡镇见过的那条；"
        "乡镇见证后台账被改写（如恢复旧备份后继续记录、直接改动文件），乡镇会拒收，请联系乡镇",
        "ledger {ledger} contradicts the township's checkpoint: township {township} witnessed"
        " seq {seq} on {date} (checkpoint {review} seq {review_seq}), and seq {seq} here is not"
        " the event it saw; history was rewritten after it was witnessed (an old backup restored"
        " and recorded over, a hand-edited file), the township will refuse it",
    ),
    "witness_short": (
        "台账 {ledger} 与乡镇见证不符：乡镇 {township} 于 {date} 见证到第 {seq} 条"
        "（见证记录 {review} 第 {review_seq} 条），本库只有 {held} 条；"
        "乡镇见证后台账被改写（如恢复了旧备份），请联系乡镇",
        "ledger {ledger} contradicts the township's checkpoint: township {township} witnessed"
        " seq {seq} on {date} (checkpoint {review} seq {review_seq}), and this database holds"
        " only {held} events; history was rewritten after it was witnessed (an old backup restored)",
    ),
    "intact_more": (
        "派生表与台账重放结果一致；乡镇见证点 {n} 个，均相符",
        "Derived tables match the replayed ledger; {n} township checkpoint(s), all agree",
    ),
    "intact_unwitnessed": (
        "派生表与台账重放结果一致；尚无乡镇见证点",
        "Derived tables match the replayed ledger; no township checkpoint yet",
    ),
}


def yuan(fen: int) -> str:
    """Fen as yuan, two decimals."""
    from .rules import yuan as _yuan

    return _yuan(fen)
