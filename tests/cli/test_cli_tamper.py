"""One changed byte in any stored event's payload makes verify-db exit 1 and name that event."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys

import pytest
from cli_support import REPO, copy_db


def events(db) -> list[tuple[int, int, str, str]]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT id, seq, ledger, payload FROM event ORDER BY ledger, seq"
        ).fetchall()
    con.close()
    return rows


def flip_one_byte(db, event_id: int, rng: random.Random) -> str:
    """Change one ASCII character of the event's payload (one byte of its UTF-8); returns the old payload."""
    with sqlite3.connect(db) as con:
        (payload,) = con.execute("SELECT payload FROM event WHERE id = ?", (event_id,)).fetchone()
        pos = rng.choice([i for i, ch in enumerate(payload) if ord(ch) < 128])
        changed = payload[:pos] + chr(ord(payload[pos]) ^ 0x01) + payload[pos + 1 :]
        assert len(changed.encode()) == len(payload.encode()) and changed != payload
        con.execute("UPDATE event SET payload = ? WHERE id = ?", (changed, event_id))
    con.close()
    return payload


def restore(db, event_id: int, payload: str) -> None:
    with sqlite3.connect(db) as con:
        con.execute("UPDATE event SET payload = ? WHERE id = ?", (payload, event_id))
    con.close()


def named(err: str, ledger: str, seq: int, event_id: int) -> bool:
    return f"台账 {ledger}：第 {seq} 条记录（事件编号 {event_id}）被改动或损坏" in err


@pytest.mark.parametrize("which", ["first", "second", "middle", "last"])
def test_flipped_byte_is_named_by_verify_db(run, sample_db, which):
    rows = events(sample_db)
    index = {"first": 0, "second": 1, "middle": len(rows) // 2, "last": len(rows) - 1}[which]
    event_id, seq, ledger, _ = rows[index]
    flip_one_byte(sample_db, event_id, random.Random(index))
    code, out, err = run("--db", sample_db, "verify-db")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert named(err, ledger, seq, event_id), err
    code, _, err = run("--lang", "en", "--db", sample_db, "verify-db")
    assert code == 1 and f"ledger {ledger}: event seq {seq} (event id {event_id}) is broken" in err


def test_every_event_of_the_sample_is_protected(run, sample_db):
    rng = random.Random(2026)
    rows = events(sample_db)
    assert len(rows) > 100
    for event_id, seq, ledger, _ in rows:
        original = flip_one_byte(sample_db, event_id, rng)
        code, _, err = run("--db", sample_db, "verify-db")
        assert code == 1 and named(err, ledger, seq, event_id), (seq, err)
        restore(sample_db, event_id, original)
    assert run("--db", sample_db, "verify-db")[0] == 0


def test_each_broken_ledger_is_named(run, sample_master, tmp_path):
    """Two villages' ledgers in one database (a township's), both tampered: one line each."""
    from village_tui.sample import load_sample
    from village_tui.store.db import open_engine
    from village_tui.store.rebuild import replay_into

    db = tmp_path / "two.db"
    other = open_engine(tmp_path / "other.db")
    load_sample(other, "410621101902")
    target = open_engine(db)
    replay_into(open_engine(sample_master), target)
    replay_into(other, target)
    target.dispose()
    rows = events(db)
    ledgers = sorted({r[2] for r in rows})
    assert len(ledgers) == 2
    picked = [next(r for r in rows if r[2] == ledger and r[1] == 5) for ledger in ledgers]
    for event_id, *_ in picked:
        flip_one_byte(db, event_id, random.Random(event_id))
    code, _, err = run("--db", db, "verify-db")
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 2
    for (event_id, seq, ledger, _), line in zip(picked, lines, strict=False):
        assert named(line, ledger, seq, event_id)


def test_verify_db_in_a_real_process(sample_master, tmp_path):
    db = copy_db(sample_master, tmp_path / "p.db")
    event_id, seq, ledger, _ = events(db)[7]
    flip_one_byte(db, event_id, random.Random(7))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "village_tui", "--db", str(db), "verify-db"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert named(done.stderr, ledger, seq, event_id), done.stderr
    assert "Traceback" not in done.stderr
