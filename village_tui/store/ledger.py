"""Appending to a ledger and walking it. The only code that writes `event` rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ..domain.chain import (
    GENESIS_HASH,
    Event,
    broken_link,
    canonical_json,
    event_fields,
    event_from,
    seal,
)
from .apply import apply_event, applying, flush_batch
from .apply_rows import Bulk
from .tables import EventRow, LedgerHead


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def to_event(row: EventRow) -> Event:
    """The chain's view of a stored event row."""
    return event_from(row)


# Events stored inside `storing` are written this many at a time, with the
# derived rows they produced, so that a huge bundle does not pile up in memory.
WRITE_EVERY = 10_000
_PENDING_KEY = "village_tui.ledger.pending"


_EVENT_COLUMNS = [c.name for c in EventRow.__table__.columns if c.name != "id"]


@dataclass
class _Pending:
    rows: list[dict[str, Any]] = field(default_factory=list)
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    insert: Bulk | None = None


def head(session: Session, ledger: str) -> tuple[int, str]:
    """The last sequence number and hash of `ledger` ((0, genesis) for a new one)."""
    pending: _Pending | None = session.info.get(_PENDING_KEY)
    if pending is not None and ledger in pending.heads:
        return pending.heads[ledger]
    row = session.get(LedgerHead, ledger, with_for_update=True)
    return (row.seq, row.hash) if row else (0, GENESIS_HASH)


def append(
    session: Session,
    *,
    ledger: str,
    type: str,
    payload: dict[str, Any],
    actor: str,
    matter_id: str | None = None,
    now: Callable[[], str] = utc_now,
    sign: Callable[[str], tuple[str, str]] | None = None,
) -> Event:
    """Seal a new event onto `ledger`, store it and apply it, in the caller's transaction.

    `sign`, given the event's hash, returns (signature, signer fingerprint): review
    ledgers carry a signature on every event (the store knows no keys itself).
    """
    seq, prev = head(session, ledger)
    e = seal(
        Event(
            ledger=ledger,
            seq=seq + 1,
            type=type,
            matter_id=matter_id,
            payload=canonical_json(payload),
            actor=actor,
            recorded_at=now(),
            prev_hash=prev,
        )
    )
    signature, signer = sign(e.hash) if sign is not None else (None, None)
    store_event(session, e, signature=signature, signer=signer)
    return e


@contextmanager
def storing(session: Session, events: Iterable[tuple[Event, Any]] = ()) -> Iterator[None]:
    """Store many events in one go (an import's bundle), in the caller's transaction.

    Inside, `store_event` keeps the event rows and applies through
    `apply.applying` (rows in memory, no query per event); everything is
    written when the block ends without an exception. `events` (event, parsed
    payload) are the ones about to come, so their rows can be loaded up front.
    """
    if _PENDING_KEY in session.info:
        yield
        return
    pending = _Pending()
    session.info[_PENDING_KEY] = pending
    try:
        with applying(session, events):
            yield
            _write(session, pending)
    finally:
        session.info.pop(_PENDING_KEY, None)


def _write(session: Session, pending: _Pending) -> None:
    if pending.rows:
        if pending.insert is None:
            pending.insert = Bulk(
                session, EventRow.__table__.insert(), _EVENT_COLUMNS, ("event", "insert")
            )
        pending.insert.run(pending.rows)
        pending.rows = []
    for ledger, (seq, hash_) in pending.heads.items():
        tip = session.get(LedgerHead, ledger)
        if tip is None:
            session.add(LedgerHead(ledger=ledger, seq=seq, hash=hash_))
        else:
            tip.seq, tip.hash = seq, hash_
    flush_batch(session)


def _row_values(e: Event, signature: str | None, signer: str | None) -> dict[str, Any]:
    """The `event` row's columns: the event's fields, and who signed it (review ledgers)."""
    return {**event_fields(e), "signature": signature, "signer": signer}


def store_event(
    session: Session,
    e: Event,
    signature: str | None = None,
    signer: str | None = None,
    data: Any = None,
) -> None:
    """Insert an already sealed event, move the ledger head and apply it (also used by imports).

    `data` is the event's payload already parsed, when the caller has it.
    """
    pending: _Pending | None = session.info.get(_PENDING_KEY)
    if pending is not None:
        pending.rows.append(_row_values(e, signature, signer))
        pending.heads[e.ledger] = (e.seq, e.hash)
        apply_event(session, e, data)
        if len(pending.rows) >= WRITE_EVERY:
            _write(session, pending)
        return
    session.add(EventRow(**_row_values(e, signature, signer)))
    tip = session.get(LedgerHead, e.ledger)
    if tip is None:
        session.add(LedgerHead(ledger=e.ledger, seq=e.seq, hash=e.hash))
    else:
        tip.seq, tip.hash = e.seq, e.hash
        session.add(tip)
    session.flush()
    apply_event(session, e, data)


def events(session: Session, ledger: str | None = None, after_seq: int = 0) -> Iterator[EventRow]:
    """Events in ledger order (all ledgers when none is named), streamed."""
    q = select(EventRow)
    if ledger is not None:
        q = q.where(EventRow.ledger == ledger, EventRow.seq > after_seq)
    q = q.order_by(EventRow.ledger, EventRow.seq).execution_options(yield_per=2000)
    for (row,) in session.execute(q):
        yield row


@dataclass(frozen=True)
class Break:
    """The first event where a ledger stops being what it claims to be."""

    ledger: str
    seq: int
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class VerifyReport:
    ledgers: int
    events: int
    breaks: list[Break]

    @property
    def ok(self) -> bool:
        return not self.breaks


_HASHED = (
    "ledger",
    "seq",
    "type",
    "matter_id",
    "payload",
    "actor",
    "recorded_at",
    "prev_hash",
    "hash",
)


def verify(session: Session) -> VerifyReport:
    """Walk every ledger from its first event; report the first broken event of each."""
    breaks: list[Break] = []
    count = 0
    current: str | None = None
    prev, expected, broken = GENESIS_HASH, 1, False
    last: dict[str, tuple[int, str]] = {}
    # Plain rows, not ORM objects: building 150,000 of them cost as much as the hashing.
    t = EventRow.__table__
    q = (
        select(t.c.id, *(t.c[name] for name in _HASHED))
        .order_by(t.c.ledger, t.c.seq)
        .execution_options(yield_per=2000)
    )
    for row in session.execute(q):
        count += 1
        if row.ledger != current:
            current, prev, expected, broken = row.ledger, GENESIS_HASH, 1, False
        if broken:
            continue
        reason = broken_link(Event(*row[1:]), prev, expected)
        if reason:
            breaks.append(Break(row.ledger, row.seq, row.id, reason))
            broken = True
            continue
        prev, expected = row.hash, expected + 1
        last[row.ledger] = (row.seq, row.hash)
    broken_ledgers = {b.ledger for b in breaks}
    for tip in session.execute(select(LedgerHead)).scalars():
        if tip.ledger in broken_ledgers:
            continue
        if last.get(tip.ledger) != (tip.seq, tip.hash):
            breaks.append(
                Break(tip.ledger, tip.seq, None, "ledger head does not match the last event")
            )
    return VerifyReport(
        ledgers=len(last) + len(broken_ledgers - set(last)), events=count, breaks=breaks
    )
