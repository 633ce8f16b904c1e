"""The event types a ledger holds and the payload each carries.

Every change to a village's record is one of these, appended to its ledger.
Payload shapes are the `to_payload` form of the dataclasses in `model`;
`schemas/events/*.json` describes them for other tools.
"""

from __future__ import annotations

# village ledger ---------------------------------------------------------------
VILLAGE_SET_UP = "village.set_up"  # {"village": Village}
ROSTER_CHANGED = "village.roster_changed"  # {"roster": Roster, "reason": str, "effective_on": date}
PROFILE_CHANGED = "village.profile_changed"  # {"profile": str, "reason": str}
MATTER_OPENED = "matter.opened"  # {"matter": Matter}
STEP_RECORDED = "step.recorded"  # {"matter_id", "step", "record", "acknowledged": [rule_id]}
PROGRESS_RECORDED = "progress.recorded"  # {"matter_id", "entry": ProgressEntry}
IMPLEMENTATION_COMPLETED = "implementation.completed"  # {"matter_id", "completion": Completion}
OBJECTION_RECORDED = "objection.recorded"  # {"matter_id", "objection": Objection}
OBJECTION_ANSWERED = "objection.answered"  # {"matter_id", "objection_id", "reply", "replied_on"}
# The village's answer to a return: {"matter_id", "answer": "fixed" | "explained",
# "text": str, "review_seq": the seq of the return it answers in the review ledger}
MATTER_ANSWERED = "matter.answered"
# A correction replaces what an earlier event recorded; nothing is ever deleted.
# {"corrects": seq, "reason": str, "type": original type, "payload": replacement payload}
CORRECTION = "correction"

# township review (its own ledger per village, signed by the township) ----------
REVIEW_PREFIX = "review:"


def review_ledger(village_code: str) -> str:
    """The id of the township's review ledger for a village (a village's own ledger is its code)."""
    return REVIEW_PREFIX + village_code


REVIEW_APPROVED = (
    "review.approved"  # {"matter_id", "village_code", "comment", "reviewer", "township_code"}
)
REVIEW_RETURNED = "review.returned"  # same shape; the comment is required

VILLAGE_TYPES = frozenset(
    {
        VILLAGE_SET_UP,
        ROSTER_CHANGED,
        PROFILE_CHANGED,
        MATTER_OPENED,
        STEP_RECORDED,
        PROGRESS_RECORDED,
        IMPLEMENTATION_COMPLETED,
        OBJECTION_RECORDED,
        OBJECTION_ANSWERED,
        MATTER_ANSWERED,
        CORRECTION,
    }
)
REVIEW_TYPES = frozenset({REVIEW_APPROVED, REVIEW_RETURNED})
CORRECTABLE = frozenset(
    {
        ROSTER_CHANGED,
        MATTER_OPENED,
        STEP_RECORDED,
        PROGRESS_RECORDED,
        IMPLEMENTATION_COMPLETED,
        OBJECTION_RECORDED,
        OBJECTION_ANSWERED,
    }
)
ALL_TYPES = VILLAGE_TYPES | REVIEW_TYPES
