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

from sqlalchemy import Connection, and_, case, func, literal, select

from ..domain import events as ev
from ..store.apply import settled_review
from ..store.tables import EventRow, MatterRow, VillageRow
from .snapshot import Scope

E = EventRow.__table__
M = MatterRow.__table__
V = VillageRow.__table__


@dataclass(frozen=True)
class LedgerFacts:
    """A matter as its ledgers have it: its last village event, and the review state."""

    seq: int
    review_state: str


def ledger_facts(conn: Connection, scope: Scope) -> dict[str, LedgerFacts]:
    """For every matter of `scope`, its facts read from the event table."""
    in_scope = M.join(V, V.c.code == M.c.village_code)
    village_events = (
        select(
            E.c.matter_id,
            func.max(E.c.seq),
            func.max(case((E.c.type == ev.CORRECTION, E.c.seq))),
        )
        .select_from(
            E.join(in_scope, and_(M.c.id == E.c.matter_id, E.c.ledger == M.c.village_code))
        )
        .where(scope.condition())
        .group_by(E.c.matter_id)
    )
    last = {mid: (seq, corrected or 0) for mid, seq, corrected in conn.execute(village_events)}
    reviews = (
        select(E.c.matter_id, E.c.type, E.c.payload, M.c.reviewed_seq)
        .select_from(
            E.join(
                in_scope,
                and_(
                    M.c.id == E.c.matter_id,
                    E.c.ledger == literal(ev.REVIEW_PREFIX) + M.c.village_code,
                ),
            )
        )
        .where(scope.condition(), E.c.type.in_(sorted(ev.REVIEW_TYPES)))
        .order_by(E.c.seq)
    )
    verdicts: dict[str, tuple[str, int | None]] = {}
    for mid, type_, payload, kept_seen in conn.execute(reviews):
        seen = json.loads(payload).get("reviewed_seq")
        if not isinstance(seen, int) or isinstance(seen, bool):
            seen = kept_seen  # an early review without the position: as it was applied
        verdicts[mid] = ("approved" if type_ == ev.REVIEW_APPROVED else "returned", seen)
    out = {}
    for mid, (seq, corrected) in last.items():
        verdict, seen = verdicts.get(mid, (None, None))
        state = settled_review(verdict, seen, seq, corrected) or "pending"
        out[mid] = LedgerFacts(seq, state)
    return out
