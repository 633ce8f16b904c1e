"""Each rule's class by default, declared once, and the defaults of rules added later.

The class follows from the law a rule cites (the reasoning is in
docs/decisions.md, issue 11). A profile may set another class; one that says
"blocking" (written before classes existed) gets the rule's own class when it
is invalid or a defect, else a defect. A profile without `extends` that lacks
a rule listed in `ADDED_RULES` gets that rule's default instead of breaking.
"""

from __future__ import annotations

from typing import Any

from .findings import Severity

INV, D, W = Severity.INVALID, Severity.DEFECT, Severity.WARNING

DEFAULT_CLASS: dict[str, Severity] = {
    "order.sequence": INV,
    "threshold.skipped_step": INV,
    "order.merged": W,
    "order.dates": INV,
    "date.future": INV,
    "quorum.proposal": INV,
    "quorum.joint_meeting": W,
    "majority.joint_meeting": W,
    "quorum.party_assembly": INV,
    "majority.party_assembly": INV,
    "plan.sent_in_advance": W,
    "quorum.representatives": INV,
    "majority.representatives": INV,
    "quorum.villagers": INV,
    "majority.villagers": INV,
    "majority.land_two_thirds": INV,
    "composition.representatives": W,
    "composition.women": W,
    "notice.villagers_assembly": D,
    "posting.resolution_period": D,
    "posting.result_period": D,
    "implementation.before_posting_end": W,
    "results.before_completion": D,
    "objections.unanswered": W,
    "objections.after_posting": W,
    "spending.over_resolved": W,
    "spending.over_threshold": D,
}

# Rules added after county profiles were first written: their full default entry.
ADDED_RULES: dict[str, dict[str, Any]] = {
    "objections.after_posting": {
        "severity": "warning",
        "citation": {
            "zh": "《中华人民共和国村民委员会组织法》(2018年修正)第三十一条",
            "en": "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 31",
        },
    },
    "spending.over_resolved": {
        "severity": "warning",
        "citation": {
            "zh": "《中华人民共和国村民委员会组织法》(2018年修正)第二十四条(决议确定的金额)",
            "en": "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 24 (the amount resolved)",
        },
    },
    "spending.over_threshold": {
        "severity": "defect",
        "enabled": False,
        "percent": 10,
        "citation": {
            "zh": "县级规定的超支比例(地方实践，未统一规定，默认关闭)",
            "en": "County limit on overspending (local practice, no common rule; off by default)",
        },
    },
}


def resolve_severity(rule_id: str, raw: object) -> Severity:
    """The class a profile's `severity` value means for `rule_id` (ValueError if none)."""
    if raw is None:
        if rule_id in DEFAULT_CLASS:
            return DEFAULT_CLASS[rule_id]
        raise ValueError
    if raw == "blocking":
        own = DEFAULT_CLASS.get(rule_id, D)
        return own if own is not W else D
    return Severity(raw)
