"""Checking a database's village ledgers against the township's checkpoints it holds."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from ..domain import events as ev
from .tables import EventRow, LedgerHead


@dataclass(frozen=True)
class Checkpoint:
    """Where the township saw a village ledger stand: `seq` with hash `head_hash`, on a date."""

    village_code: str
    township_code: str
    seq: int
    head_hash: str
    witnessed_on: str
    review_seq: int  # the checkpoint's own position in the review ledger

    @property
    def review_ledger(self) -> str:
        return ev.review_ledger(self.village_code)


@dataclass(frozen=True)
class Contradiction:
    """A checkpoint this database's copy of the ledger no longer agrees with."""

    checkpoint: Checkpoint
    found_hash: str | None  # the hash held at that position; None: the ledger is shorter
    held_seq: int  # how far this database's copy of the ledger goes


def checkpoints(session: Session) -> list[Checkpoint]:
    """Every checkpoint this database holds, by village, in the order they were witnessed."""
    return _read(session, EventRow.type == ev.LEDGER_WITNESSED)


def checkpoints_of(session: Session, village_code: str) -> list[Checkpoint]:
    """The checkpoints of one village's ledger held here, in the order they were witnessed."""
    return _read(
        session,
        EventRow.ledger == ev.review_ledger(village_code),
        EventRow.type == ev.LEDGER_WITNESSED,
    )


def _read(session: Session, *where) -> list[Checkpoint]:
    q = (
        select(EventRow.ledger, EventRow.seq, EventRow.payload)
        .where(*where)
        .order_by(EventRow.ledger, EventRow.seq)
    )
    out = []
    for ledger, seq, payload in session.execute(q):
        d = json.loads(payload)
        out.append(
            Checkpoint(
                village_code=ledger.removeprefix(ev.REVIEW_PREFIX),
                township_code=d["township_code"],
                seq=d["seq"],
                head_hash=d["head_hash"],
                witnessed_on=d["witnessed_on"],
                review_seq=seq,
            )
        )
    return out


def contradictions(session: Session, own_ledger: str | None = None) -> list[Contradiction]:
    """The first checkpoint each village ledger here contradicts.

    A ledger shorter than a checkpoint contradicts it only when it is `own_ledger`
    (a village's own ledger: it cannot have lost what the township saw); a
    township or county may simply not have received that far yet.
    """
    found: dict[str, Contradiction] = {}
    heads = dict(session.execute(select(LedgerHead.ledger, LedgerHead.seq)).all())
    t = EventRow.__table__
    for cp in checkpoints(session):
        code = cp.village_code
        if code in found:
            continue
        held = heads.get(code, 0)
        if held < cp.seq:
            if code == own_ledger:
                found[code] = Contradiction(cp, None, held)
            continue
        stored = session.execute(
            select(t.c.hash).where(t.c.ledger == code, t.c.seq == cp.seq)
        ).scalar()
        if stored != cp.head_hash:
            found[code] = Contradiction(cp, stored, held)
    return [found[k] for k in sorted(found)]
