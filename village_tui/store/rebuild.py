"""Re-deriving the derived tables from the ledger alone: proof that the ledger is the record."""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from sqlalchemy import Engine, delete, select
from sqlmodel import Session, SQLModel

from ..domain.chain import Event
from .apply import apply_event, applying
from .db import read_session, write_session
from .ledger import events, store_event, to_event
from .tables import CACHE_TABLES, DERIVED_TABLES, EventRow


def replay_order(session: Session) -> Iterator[Event]:
    """Every event, each ledger in its own order, ledgers interleaved by when they were recorded.

    A township's review and a village's later correction live in different
    ledgers; applying them in recorded order keeps "approved, then corrected"
    reopened rather than approved.
    """
    per_ledger: dict[str, list[Event]] = {}
    for row in events(session):
        per_ledger.setdefault(row.ledger, []).append(to_event(row))
    yield from heapq.merge(*per_ledger.values(), key=lambda e: e.recorded_at)


def rebuild(engine: Engine) -> int:
    """Empty the derived tables and apply every event again, in one transaction; the event count."""
    with write_session(engine) as s:
        for name in (*CACHE_TABLES, *DERIVED_TABLES):  # children before parents
            s.execute(delete(SQLModel.metadata.tables[name]))
        return apply_all(s)


def apply_all(session: Session, *, batched: bool = False) -> int:
    """Apply every event of the session's ledgers, in `replay_order`, through `apply_event`.

    `batched` keeps the rows in memory and writes them once (as an import does).
    """
    todo = list(replay_order(session))
    if not batched:
        for e in todo:
            apply_event(session, e)
        return len(todo)
    with applying(session, [(e, None) for e in todo]):
        for e in todo:
            apply_event(session, e)
    return len(todo)


def replay_into(source: Engine, target: Engine) -> int:
    """Copy every event of `source` into the empty database `target` through `store_event`."""
    with read_session(source) as src:
        rows = list(replay_order(src))
        signatures = {
            (r.ledger, r.seq): (r.signature, r.signer)
            for r in src.execute(select(EventRow)).scalars()
            if r.signature is not None
        }
    with write_session(target) as dst:
        for e in rows:
            signature, signer = signatures.get((e.ledger, e.seq), (None, None))
            store_event(dst, e, signature=signature, signer=signer)
    return len(rows)


def dump_derived(engine: Engine) -> dict[str, list[tuple]]:
    """The derived tables' rows, without surrogate ids, in a stable order (for comparisons)."""
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        for name in DERIVED_TABLES:
            table = SQLModel.metadata.tables[name]
            cols = [c for c in table.columns if c.name != "id"]
            rows = conn.execute(select(*cols)).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out
