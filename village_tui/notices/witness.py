"""When the township witnessed a village ledger position, from its checkpoints held here."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from ..store.checkpoints import checkpoints_of
from ..store.tables import EventRow


def witnessed_on(session: Session, village_code: str, seq: int) -> str | None:
    """The date (ISO) the township witnessed the village's ledger at or beyond `seq`, if known.

    Only a checkpoint whose head agrees with the ledger held here counts: one
    that this copy contradicts witnessed another history, not this notice's.
    """
    for c in checkpoints_of(session, village_code):  # in the order they were witnessed
        if c.seq < seq:
            continue
        held = session.execute(
            select(EventRow.hash).where(EventRow.ledger == village_code, EventRow.seq == c.seq)
        ).scalar()
        if held == c.head_hash:
            return c.witnessed_on
    return None
