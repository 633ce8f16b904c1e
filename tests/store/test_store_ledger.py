"""The ledger: a hash chain that only grows, verified from its first event."""

from __future__ import annotations

import inspect
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import select
from store_support import CODE, TODAY

from village_tui.domain import events as ev
from village_tui.domain.chain import GENESIS_HASH, event_hash
from village_tui.domain.model import Meeting
from village_tui.domain.steps import Category, Source, Step
from village_tui.store import ledger, services
from village_tui.store.db import read_session, write_session
from village_tui.store.ledger import append, to_event, verify
from village_tui.store.tables import DERIVED_TABLES, EventRow, LedgerHead, StepRow


def proposal(days_ago: int = 10, present: int = 5) -> Meeting:
    return Meeting(
        held_on=TODAY - timedelta(days=days_ago), expected=5, present=present, content="修桥"
    )


def rows(engine) -> list[EventRow]:
    with read_session(engine) as s:
        return list(s.exec(select(EventRow).order_by(EventRow.seq)).all())


def open_one(service) -> str:
    return service.open_matter(
        title="村村通道路硬化",
        category=Category.ROAD.value,
        source=Source.HIGHER_LEVEL.value,
        opened_on=TODAY - timedelta(days=20),
    )


def test_append_chains_each_event_to_the_one_before(service, engine):
    mid = open_one(service)
    service.record_step(mid, Step.PROPOSAL, proposal())
    events = rows(engine)
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.type for e in events] == [ev.VILLAGE_SET_UP, ev.MATTER_OPENED, ev.STEP_RECORDED]
    assert events[0].prev_hash == GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    for e in events:
        assert e.hash == event_hash(to_event(e))
        assert e.ledger == CODE and e.actor == "测试文书"
    with read_session(engine) as s:
        tip = s.get(LedgerHead, CODE)
    assert (tip.seq, tip.hash) == (3, events[-1].hash)


def test_append_in_a_failed_transaction_leaves_nothing(service, engine):
    try:
        with write_session(engine) as s:
            append(
                s,
                ledger=CODE,
                type=ev.PROFILE_CHANGED,
                payload={"profile": "henan-4+2", "reason": "x"},
                actor="a",
            )
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    assert [e.seq for e in rows(engine)] == [1]
    assert service.village().profile == "national"
    assert verify_ok(engine)


def verify_ok(engine) -> bool:
    with read_session(engine) as s:
        return verify(s).ok


def test_verify_passes_an_intact_ledger_and_counts_it(service, engine):
    open_one(service)
    with read_session(engine) as s:
        report = verify(s)
    assert report.ok and report.events == 2 and report.ledgers == 1


def test_verify_names_the_first_changed_event(service, engine):
    for _ in range(3):
        open_one(service)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE event SET payload = replace(payload, '村村通', '村村不通') WHERE seq >= 3")
        )
    with read_session(engine) as s:
        report = verify(s)
    assert not report.ok
    (b,) = report.breaks
    assert (b.ledger, b.seq) == (CODE, 3)
    assert b.reason == "hash does not match its contents"
    assert b.event_id == rows(engine)[2].id


def test_verify_finds_a_rewritten_chain_and_a_removed_last_event(service, engine):
    for _ in range(3):
        open_one(service)
    # A forger who also recomputes the changed event's hash breaks the next link instead.
    second = to_event(rows(engine)[1])
    forged = second.payload.replace("村村通", "村村不通")
    forged_hash = event_hash(replace(second, payload=forged))
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE event SET payload = :p, hash = :h WHERE seq = 2"),
            {"p": forged, "h": forged_hash},
        )
    with read_session(engine) as s:
        assert [(b.seq, b.reason) for b in verify(s).breaks] == [
            (3, "previous hash does not match")
        ]
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE event SET payload = :p, hash = :h WHERE seq = 2"),
            {"p": second.payload, "h": second.hash},
        )
        # Removing the last event behind the application's back: the head no longer matches.
        conn.execute(text("DELETE FROM event WHERE seq = 4"))
    with read_session(engine) as s:
        report = verify(s)
    assert [(b.seq, b.event_id, b.reason) for b in report.breaks] == [
        (4, None, "ledger head does not match the last event")
    ]


def test_a_correction_is_a_new_event_and_the_old_version_stays(service, engine):
    mid = open_one(service)
    service.record_step(mid, Step.PROPOSAL, proposal(present=4))
    original = rows(engine)[-1]
    service.correct_step(mid, Step.PROPOSAL, proposal(present=5), reason="抄录错误，据签到表更正")
    events = rows(engine)
    assert [e.type for e in events[-2:]] == [ev.STEP_RECORDED, ev.CORRECTION]
    correction = events[-1].payload
    assert f'"corrects":{original.seq}' in correction and "抄录错误" in correction
    # The first version is still stored byte for byte, and the chain is intact.
    assert events[-2].payload == original.payload and events[-2].hash == original.hash
    assert verify_ok(engine)
    assert service.state(mid).steps[Step.PROPOSAL].present == 5
    with read_session(engine) as s:
        row = s.exec(select(StepRow).where(StepRow.matter_id == mid)).one()
    assert (row.version, row.seq) == (2, events[-1].seq)
    history = service.history(mid)
    assert [h.type for h in history] == [ev.MATTER_OPENED, ev.STEP_RECORDED, ev.CORRECTION]
    assert history[1].data["record"]["present"] == 4
    assert history[2].corrects == original.seq and history[2].reason == "抄录错误，据签到表更正"


def test_there_is_no_way_to_delete_or_rewrite_an_event():
    for module in (ledger, services):
        names = [n.lower() for n, _ in inspect.getmembers(module)]
        names += [n.lower() for n, _ in inspect.getmembers(services.VillageService)]
        assert not [
            n
            for n in names
            if any(w in n for w in ("delete", "remove", "drop", "purge", "update_event"))
        ]
    # The only code that empties tables (rebuild) touches derived tables, never the record.
    assert "event" not in DERIVED_TABLES and "ledger_head" not in DERIVED_TABLES
    source = inspect.getsource(ledger)
    assert "delete" not in source.lower() and "update(" not in source.lower()
