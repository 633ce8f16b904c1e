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
# A file (scan, photo, PDF) attached to a step, progress entry, objection or the completion:
# {"matter_id", "entry": {"kind", "ref"}, "file": {"name", "media_type", "size", "sha256"}}.
# The bytes travel beside the events; the hash here is what ties them to the chain.
ATTACHMENT_ADDED = "attachment.added"
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
# The township's signed checkpoint of a village ledger it holds, written on each import that
# advanced it: {"village_code", "township_code", "seq", "head_hash", "witnessed_on": date}
LEDGER_WITNESSED = "ledger.witnessed"

# keys (trust, not the record: apply only keeps them in the ledger) -------------
# A key's holder made a new pair: {"owner_code", "role", "old_fingerprint",
# "old_public_key", "new_fingerprint", "new_public_key", "old_signature"}; in the
# village's ledger, or in each review ledger of a township. `old_signature` is the
# old key's over `rotation_statement`, so receivers follow it without a phone call.
KEY_ROTATED = "key.rotated"
# The township accepted a village's new key after a lost PC (keys trust --replace),
# recorded in that village's review ledger: {"village_code", "township_code",
# "old_fingerprint", "new_fingerprint", "new_public_key", "reason"}.
KEY_REPLACED = "key.replaced"

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
        ATTACHMENT_ADDED,
        CORRECTION,
        KEY_ROTATED,
    }
)
REVIEW_TYPES = frozenset({REVIEW_APPROVED, REVIEW_RETURNED})  # verdicts on a matter
# what a review ledger may hold
REVIEW_LEDGER_TYPES = REVIEW_TYPES | {KEY_ROTATED, KEY_REPLACED, LEDGER_WITNESSED}
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
ALL_TYPES = VILLAGE_TYPES | REVIEW_LEDGER_TYPES
