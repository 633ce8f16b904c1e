"""A matter as a village's ledger stood at one position, worked out from the events alone.

The verifier of a notice must not trust the derived tables (they can be edited by
hand) nor anything after the notice's position (later corrections are another
version). So it replays the ledger's own events up to that position through the
one `apply_event`, into a scratch in-memory database, and reads the matter back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, select
from sqlmodel import Session, SQLModel

from ..domain import events as ev
from ..domain.chain import GENESIS_HASH, Event, broken_link
from ..domain.model import MatterState, Village
from ..store.apply import ApplyError, apply_event, applying
from ..store.ledger import to_event
from ..store.state import load_states, village_from_row
from ..store.tables import (
    CompletionRow,
    EventRow,
    LedgerHead,
    MatterRow,
    ObjectionRow,
    ProgressRow,
    StepRow,
    VillageRow,
)

_SCRATCH_TABLES = (
    VillageRow,
    MatterRow,
    StepRow,
    ProgressRow,
    CompletionRow,
    ObjectionRow,
    EventRow,
)
_VILLAGE_LEVEL = frozenset({ev.VILLAGE_SET_UP, ev.ROSTER_CHANGED, ev.PROFILE_CHANGED})


class LedgerDamaged(Exception):
    """The ledger held here is broken at or before the position asked about."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(f"{seq}: {reason}")
        self.seq, self.reason = seq, reason


def held_up_to(session: Session, village_code: str) -> int:
    """The last position of the village's ledger held here (0: not held at all)."""
    tip = session.get(LedgerHead, village_code)
    return tip.seq if tip else 0


def matter_of(e: Event, data: Any) -> str | None:
    """The matter an event is about (its envelope's, else its payload's), or None."""
    if e.matter_id is not None:
        return e.matter_id
    return _payload_matter(e.type, data)


def _payload_matter(type_: str, data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    if type_ == ev.CORRECTION:
        return _payload_matter(str(data.get("type")), data.get("payload"))
    if type_ == ev.MATTER_OPENED:
        matter = data.get("matter")
        return matter.get("id") if isinstance(matter, dict) else None
    mid = data.get("matter_id")
    return mid if isinstance(mid, str) else None


@dataclass(frozen=True)
class AtPosition:
    """The village and (if it existed by then) the matter, as of one ledger position."""

    village: Village | None
    state: MatterState | None
    event_matter: str | None  # the matter the event at that very position is about
    anchor: str = ""  # that event's hash


def matter_at(session: Session, village_code: str, matter_id: str | None, seq: int) -> AtPosition:
    """Replay the village's ledger up to `seq` (the matter named, or the one event `seq` is about).

    Raises LedgerDamaged when the chain breaks at or before `seq`.
    """
    rows = session.execute(
        select(EventRow)
        .where(EventRow.ledger == village_code, EventRow.seq <= seq)
        .order_by(EventRow.seq)
    ).scalars()
    chain: list[tuple[Event, Any]] = []
    prev, expected = GENESIS_HASH, 1
    for row in rows:
        e = to_event(row)
        reason = broken_link(e, prev, expected)
        if reason:
            raise LedgerDamaged(e.seq, reason)
        chain.append((e, json.loads(e.payload)))
        prev, expected = e.hash, expected + 1
    if expected - 1 != seq:
        raise LedgerDamaged(expected, "missing events")
    last, last_data = chain[-1]
    event_matter = matter_of(last, last_data)
    wanted = matter_id if matter_id is not None else event_matter
    picked = [
        (e, d)
        for e, d in chain
        if e.type in _VILLAGE_LEVEL or (wanted and matter_of(e, d) == wanted)
    ]
    return _replay(village_code, wanted, picked, event_matter, last.hash)


def _replay(
    village_code: str,
    matter_id: str | None,
    events: list[tuple[Event, Any]],
    event_matter: str | None,
    anchor: str,
) -> AtPosition:
    engine = create_engine("sqlite://")
    try:
        SQLModel.metadata.create_all(engine, tables=[t.__table__ for t in _SCRATCH_TABLES])
        with Session(engine) as s:
            try:
                with applying(s, events):
                    for e, data in events:
                        apply_event(s, e, data)
            except ApplyError as exc:
                # The ledger verified but does not apply: as damaged as a broken link.
                raise LedgerDamaged(events[-1][0].seq if events else 0, str(exc)) from None
            s.commit()
            v = s.get(VillageRow, village_code)
            m = s.get(MatterRow, matter_id) if matter_id else None
            states = load_states(s, [m]) if m is not None else []
            return AtPosition(
                village_from_row(v) if v else None,
                states[0] if states else None,
                event_matter,
                anchor,
            )
    finally:
        engine.dispose()
