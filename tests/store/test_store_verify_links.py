"""verify-db checks each link (sequence and previous hash), not only each event's own hash.

Each forgery here leaves every event's hash true to its contents and the head
matching the last event, so only the link check can find it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import select
from store_support import CODE, TODAY

from village_tui.domain.chain import seal
from village_tui.domain.steps import Category, Source
from village_tui.store.db import read_session
from village_tui.store.ledger import to_event, verify
from village_tui.store.tables import EventRow


def _four_events(service) -> list:
    for n in range(3):
        service.open_matter(
            title=f"村村通道路硬化{n}",
            category=Category.ROAD.value,
            source=Source.HIGHER_LEVEL.value,
            opened_on=TODAY - timedelta(days=20),
        )
    with read_session(service.engine) as s:
        return [to_event(r) for r in s.exec(select(EventRow).order_by(EventRow.seq))]


def _replace_tail(engine, drop_seq: int, new) -> None:
    """Delete event `drop_seq` and store `new` (resealed) in place of the last one."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM event WHERE seq = :s"), {"s": drop_seq})
        conn.execute(
            text("UPDATE event SET seq = :seq, prev_hash = :p, hash = :h WHERE seq = 4"),
            {"seq": new.seq, "p": new.prev_hash, "h": new.hash},
        )
        conn.execute(
            text("UPDATE ledger_head SET seq = :seq, hash = :h WHERE ledger = :l"),
            {"seq": new.seq, "h": new.hash, "l": CODE},
        )


def _breaks(engine) -> list[tuple[int, str]]:
    with read_session(engine) as s:
        return [(b.seq, b.reason) for b in verify(s).breaks]


def test_an_event_removed_from_the_middle_and_the_next_resealed_is_a_gap(service, engine):
    events = _four_events(service)
    # event 3 taken out; event 4 resealed onto event 2, keeping its number
    _replace_tail(engine, 3, seal(replace(events[3], prev_hash=events[1].hash)))
    assert _breaks(engine) == [(4, "sequence 4 where 3 was expected")]


def test_an_event_resealed_onto_a_hash_that_is_not_its_predecessor(service, engine):
    events = _four_events(service)
    # event 4 resealed onto event 2 (skipping 3), renumbered nothing: only the link is wrong
    forged = seal(replace(events[3], prev_hash=events[1].hash))
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE event SET prev_hash = :p, hash = :h WHERE seq = 4"),
            {"p": forged.prev_hash, "h": forged.hash},
        )
        conn.execute(text("UPDATE ledger_head SET hash = :h"), {"h": forged.hash})
    assert _breaks(engine) == [(4, "previous hash does not match")]


def test_the_untouched_ledger_verifies(service, engine):
    _four_events(service)
    assert _breaks(engine) == []
