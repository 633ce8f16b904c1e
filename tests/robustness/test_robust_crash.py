"""SIGKILL a writing process at random points, many times: every change is wholly there or absent."""

from __future__ import annotations

import random
import signal
import sqlite3
import sys
import time
from collections import deque

import pytest
from robust_support import start_writer

from village_tui.store.db import open_engine, read_session, write_session
from village_tui.store.ledger import events, store_event, to_event, verify
from village_tui.store.rebuild import dump_derived, replay_into
from village_tui.store.tables import LedgerHead

KILLS = 30
AHEAD = 3
CODE = "410611100901"


def catch_up(source, replica) -> None:
    """Replay into `replica` the ledger events it has not seen yet (it holds a replay of the rest)."""
    with read_session(replica) as r:
        tip = r.get(LedgerHead, CODE)
        seen = tip.seq if tip else 0
    with read_session(source) as s, write_session(replica) as w:
        for row in events(s, CODE, after_seq=seen):
            store_event(w, to_event(row))


def check(db, replica) -> int:
    """Every promise of the store after a crash; returns the number of events."""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count, last = con.execute("SELECT count(*), max(seq) FROM event").fetchone()
        (head,) = con.execute("SELECT seq FROM ledger_head").fetchone()
        orphans = con.execute(
            "SELECT count(*) FROM event e LEFT JOIN matter m ON m.id = e.matter_id "
            "WHERE e.type = 'matter.opened' AND m.id IS NULL"
        ).fetchone()[0]
        unrecorded = con.execute(
            "SELECT count(*) FROM matter m LEFT JOIN event e ON e.seq = m.opened_seq AND e.type = 'matter.opened' "
            "WHERE e.id IS NULL"
        ).fetchone()[0]
    con.close()
    assert count == last == head
    assert orphans == 0 and unrecorded == 0
    engine = open_engine(db)
    with read_session(engine) as s:
        report = verify(s)
    assert report.ok and report.events == count
    # The replica holds nothing but a replay of this ledger: the derived tables
    # of the crashed database must be exactly what replaying its events gives.
    catch_up(engine, replica)
    assert dump_derived(replica) == dump_derived(engine)
    engine.dispose()
    return count


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writer_never_leaves_half_a_change(village_db, tmp_path):
    replica = open_engine(tmp_path / "replica.db")
    rng = random.Random(20260615)
    started = time.monotonic()
    counts = [check(village_db, replica)]
    killed_mid_run = 0
    # Writers take a second to import; a few wait, imported, for their go-file
    # while the one before them is killed and the crash is checked.
    waiting: deque = deque()
    writer = None
    try:
        waiting.extend(
            start_writer(village_db, "k", go=tmp_path / f"go-{n}") for n in range(min(AHEAD, KILLS))
        )
        for n in range(KILLS):
            writer = waiting.popleft()
            if n + AHEAD < KILLS:
                waiting.append(start_writer(village_db, "k", go=tmp_path / f"go-{n + AHEAD}"))
            assert writer.stdout.readline().strip() == "loaded", writer.stderr.read()
            (tmp_path / f"go-{n}").touch()
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
            time.sleep(rng.uniform(0.0, 0.25))
            killed_mid_run += writer.poll() is None
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
            writer.stdout.close()
            writer.stderr.close()
            counts.append(check(village_db, replica))
    finally:
        for w in [*waiting, writer]:  # a failed check must not leave writers running
            if w is not None and w.poll() is None:
                w.kill()
                w.wait(timeout=30)
    assert killed_mid_run == KILLS
    # The writer got work done between kills, so the kills landed in a busy writer.
    assert counts[-1] > counts[0] + KILLS
    # And one replay from scratch at the end, through the same path imports use.
    fresh = open_engine(tmp_path / "fresh.db")
    assert replay_into(open_engine(village_db), fresh) == counts[-1]
    assert dump_derived(fresh) == dump_derived(replica)
    print(f"{KILLS} kills, {counts[-1]} events, {time.monotonic() - started:.1f} s")
