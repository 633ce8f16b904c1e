"""Texts of the core CLI commands (init, load-sample, verify-db, rules, rebuild): zh and en."""

from __future__ import annotations

from .common import CATEGORIES  # noqa: F401  (re-exported for the CLI)

# What each rule checks, in words; the profile's parameters are added by rules_table.
RULE_WHAT: dict[str, tuple[str, str]] = {
    "order.sequence": ("各步骤按顺序进行，不得跳步", "Steps follow in order; none is skipped"),
    "threshold.skipped_step": (
        "达到金额标准的事项不得跳过任何步骤",
        "Matters at or above the money threshold skip no step",
    ),
    "order.merged": (
        "一肩挑合并召开的第1、2步须同一天",
        "Steps 1 and 2 held as one meeting (一肩挑) share one date",
    ),
    "order.dates": ("各步骤日期先后有序", "Steps are dated in order"),
    "date.future": ("日期不得晚于今天", "Nothing is dated in the future"),
    "quorum.proposal": ("党支部委员会会议到会人数", "Attendance at the Party branch committee"),
    "quorum.joint_meeting": ("村“两委”联席会议到会人数", "Attendance at the joint meeting"),
    "majority.joint_meeting": ("两委联席会议赞成票", "Votes in favour at the joint meeting"),
    "quorum.party_assembly": ("党员大会到会人数", "Attendance at the Party members' assembly"),
    "majority.party_assembly": ("党员大会赞成票", "Votes in favour at the Party assembly"),
    "plan.sent_in_advance": (
        "审议方案提前送达党员",
        "The plan reaches Party members ahead of the assembly",
    ),
    "quorum.representatives": ("村民代表会议到会人数", "Attendance at the representative assembly"),
    "majority.representatives": (
        "村民代表会议赞成票",
        "Votes in favour at the representative assembly",
    ),
    "quorum.villagers": ("村民会议到会人数", "Attendance at the villagers' assembly"),
    "majority.villagers": ("村民会议赞成票", "Votes in favour at the villagers' assembly"),
    "majority.land_two_thirds": (
        "土地承包方案赞成票(村民代表会议按村民代表人数计)",
        "Votes in favour of a land contracting plan (counted against the representatives themselves)",
    ),
    "composition.representatives": (
        "村民代表会议组成人员中村民代表比例",
        "Share of villager representatives in the assembly",
    ),
    "composition.women": ("村民代表会议组成人员中妇女比例", "Share of women in the assembly"),
    "notice.villagers_assembly": ("村民会议提前通知", "Notice before a villagers' assembly"),
    "posting.resolution_period": (
        "决议公开（第5步）公示期",
        "Posting period of the resolution (step 5)",
    ),
    "posting.result_period": (
        "实施结果公开（第6步）公示期",
        "Posting period of the results (step 6)",
    ),
    "implementation.before_posting_end": (
        "决议公示期满后方可实施",
        "Implementation only after the resolution's posting period",
    ),
    "results.before_completion": (
        "实施完成后方可公开结果",
        "Results disclosed only after completion",
    ),
    "objections.unanswered": (
        "公示期满时异议均已答复",
        "Every objection answered when a posting period ends",
    ),
    "objections.after_posting": (
        "公示期满后收到的异议须核实",
        "An objection received after a posting ended is questioned",
    ),
    "spending.over_resolved": ("支出不超过决议金额", "Spending stays within the amount resolved"),
    "spending.over_threshold": (
        "支出超过决议金额的比例上限",
        "Spending above the amount resolved by more than the county's margin",
    ),
}

# The whole a share is taken of, per rule and basis.
BASIS: dict[str, tuple[str, str]] = {
    "expected": ("应到人数", "those expected"),
    "present": ("实到人数", "those present"),
    "members": ("花名册全体人员", "all members on the roll"),
}

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


def fraction(num: int, den: int, inclusive: bool) -> tuple[str, str]:
    """ "过半数" / "三分之二以上（含）" and their English."""
    from .rules import fraction_words

    zh, en = fraction_words(num, den)
    if (num, den) == (1, 2) and not inclusive:
        return "过半数", "more than half"
    if inclusive:
        return f"{zh}以上（含）", f"at least {en}"
    return f"超过{zh}", f"more than {en}"


def yuan(fen: int) -> str:
    """Fen as yuan, two decimals."""
    from .rules import yuan as _yuan

    return _yuan(fen)
