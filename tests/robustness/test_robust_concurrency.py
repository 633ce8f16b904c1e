"""Two processes writing to one database file both succeed; the chain stays whole."""

from __future__ import annotations

from robust_support import start_writer
from sqlalchemy import text

from village_tui.store.db import open_engine, read_session
from village_tui.store.ledger import verify

MATTERS = 12
EVENTS_PER_MATTER = 10


def test_two_writers_on_one_file_both_succeed(village_db):
    go = village_db.with_name("go")
    writers = [start_writer(village_db, tag, MATTERS, go=go) for tag in ("甲", "乙")]
    for w in writers:
        assert w.stdout.readline().strip() == "loaded"
    go.touch()
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        assert "database is locked" not in err
    engine = open_engine(village_db)
    with read_session(engine) as s:
        report = verify(s)
    assert report.ok
    assert report.events == 1 + 2 * MATTERS * EVENTS_PER_MATTER
    with engine.connect() as conn:
        actors = dict(
            conn.execute(
                text("SELECT actor, count(*) FROM event WHERE seq > 1 GROUP BY actor")
            ).all()
        )
        seqs = [r[0] for r in conn.execute(text("SELECT seq FROM event ORDER BY seq"))]
        interleaved = conn.execute(
            text(
                "SELECT count(*) FROM event a JOIN event b ON b.seq = a.seq + 1 WHERE a.actor != b.actor AND a.seq > 1"
            )
        ).scalar_one()
    assert actors == {
        "writer-甲": MATTERS * EVENTS_PER_MATTER,
        "writer-乙": MATTERS * EVENTS_PER_MATTER,
    }
    assert seqs == list(range(1, report.events + 1))
    # They really wrote at the same time, taking turns on the lock.
    assert interleaved > 0
