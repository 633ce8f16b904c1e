"""What the county report takes from the ledger itself rather than from the derived tables.

A kept figure is used only while the matter's last event in its village's
ledger is the one the figure was worked out after, and the review state is
worked out from the township's review events: so a hand edit of `matter`
(`review_state='approved'`, a changed `updated_seq`) cannot slip kept figures or a
forged approval into the report. Other hand edits of the derived tables are
what `verify-db` finds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from ..domain import events as ev
from ..store.apply import settled_review
from ..store.tables import EventRow

E = EventRow.__table__
# Matters are looked up this many at a time by id, through the event table's
# matter_id index (a join let SQLite walk the whole index instead).
BATCH = 500
_REVIEW_TYPES = sorted(ev.REVIEW_TYPES)


@dataclass(frozen=True)
class LedgerFacts:
    """A matter as its ledgers have it: its last village event, and the review state."""

    seq: int
    review_state: str


def ledger_facts(
    conn: Connection, village_of: dict[str, str], kept_seen: dict[str, int | None]
) -> dict[str, LedgerFacts]:
    """For each matter (id -> its village), its facts read from the event table.

    `kept_seen`: the matter's `reviewed_seq`, for early reviews that did not record
    the position they covered (they were taken to cover what had arrived).
    """
    ids = sorted(village_of)
    last: dict[str, list[int]] = {}  # matter -> [last seq, last correction seq]
    verdicts: dict[str, tuple[int, str, str]] = {}  # matter -> (seq, type, payload)
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        # Positions only: answered from the index, without reading the events' text.
        q = (
            select(
                E.c.matter_id,
                E.c.ledger,
                func.max(E.c.seq),
                func.max(case((E.c.type == ev.CORRECTION, E.c.seq))),
            )
            .where(E.c.matter_id.in_(chunk))
            .group_by(E.c.matter_id, E.c.ledger)
        )
        for mid, ledger, seq, corrected in conn.execute(q):
            if ledger == village_of[mid]:
                last[mid] = [seq, corrected or 0]
        q = select(E.c.matter_id, E.c.ledger, E.c.seq, E.c.type, E.c.payload).where(
            E.c.matter_id.in_(chunk), E.c.type.in_(_REVIEW_TYPES)
        )
        for mid, ledger, seq, type_, payload in conn.execute(q):
            if ledger == ev.review_ledger(village_of[mid]) and (
                mid not in verdicts or verdicts[mid][0] < seq
            ):
                verdicts[mid] = (seq, type_, payload)
    out = {}
    for mid, (seq, corrected) in last.items():
        verdict, seen = None, None
        if mid in verdicts:
            _, type_, payload = verdicts[mid]
            verdict = "approved" if type_ == ev.REVIEW_APPROVED else "returned"
            seen = json.loads(payload).get("reviewed_seq")
            if not isinstance(seen, int) or isinstance(seen, bool):
                seen = kept_seen.get(mid)
        out[mid] = LedgerFacts(seq, settled_review(verdict, seen, seq, corrected) or "pending")
    return out
