"""The township's checkpoints: a village that rewrites what the township saw is told so at home."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from village_tui.domain.chain import Event, seal
from village_tui.store.apply import ApplyError, apply_event
from village_tui.store.db import open_engine, read_session, write_session
from village_tui.store.ledger import append
from village_tui.sync.keys import ensure_own_key, verify_signature
from village_tui.sync.tables import OwnKey

from .helpers import VILLAGE, cli, dump, sample_village, service

REVIEW = "review:" + VILLAGE


def copy_db(src: Path, dst: Path) -> Path:
    """A backup as a clerk makes one: the whole file, as it stands."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def export(capsys, db: Path, out: Path, *extra: str) -> str:
    code, printed, err = cli(capsys, "--db", db, "export", "--out", out, *extra)
    assert (code, err) == (0, ""), err
    (path,) = printed.split()
    return path


def checkpoint_rows(db: Path) -> list[tuple[int, dict, str, str, str]]:
    """The township's checkpoints of VILLAGE: (review seq, payload, hash, signature, recorded_at)."""
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT seq, payload, hash, signature, recorded_at FROM event"
            " WHERE ledger = ? AND type = 'ledger.witnessed' ORDER BY seq",
            (REVIEW,),
        ).fetchall()
    con.close()
    return [(seq, json.loads(p), h, sig, at) for seq, p, h, sig, at in rows]


def head_of(db: Path, ledger: str = VILLAGE) -> tuple[int, str]:
    with sqlite3.connect(db) as con:
        row = con.execute(
            "SELECT seq, hash FROM ledger_head WHERE ledger = ?", (ledger,)
        ).fetchone()
    con.close()
    return row


@pytest.fixture
def witnessed(tmp_path, capsys):
    """A village backed up at 111 events, then at 112 exported, imported and witnessed by its
    township, whose feedback (the checkpoint) is ready to travel back."""
    vdb, tdb = tmp_path / "village.db", tmp_path / "town.db"
    engine = sample_village(vdb)
    ensure_own_key(engine)  # the backup holds the village's key, as one made after set-up does
    engine.dispose()
    backup = copy_db(vdb, tmp_path / "backup-111.db")
    service(open_engine(vdb)).open_matter(
        title="村东水井维修", category="public_works", source="cadres"
    )
    bundle = export(capsys, vdb, tmp_path / "usb")
    code, _, err = cli(capsys, "--db", tdb, "import", "--trust-new", bundle)
    assert (code, err) == (0, "")
    feedback = export(capsys, tdb, tmp_path / "feedback")
    return tmp_path, vdb, tdb, backup, bundle, feedback


def test_an_import_signs_where_the_village_ledger_stood(witnessed, capsys):
    tmp_path, vdb, tdb, _, bundle, feedback = witnessed
    ((seq, payload, hash_, signature, recorded_at),) = checkpoint_rows(tdb)
    assert seq == 1
    assert payload == {
        "village_code": VILLAGE,
        "township_code": "410611100",
        "seq": 112,
        "head_hash": head_of(vdb)[1],
        "witnessed_on": recorded_at[:10],
    }
    with read_session(open_engine(tdb)) as s:
        own = s.get(OwnKey, 1)
    assert verify_signature(own.public_key, signature, hash_.encode("ascii"))
    # importing the same bundle again advances nothing: nothing is witnessed
    assert cli(capsys, "--db", tdb, "import", bundle)[0] == 0
    assert len(checkpoint_rows(tdb)) == 1
    # the feedback carries it; the village's own bundles carry none
    assert Path(feedback).name == "review-410611100901-000001-000001.zip"
    assert json.loads(_manifest(bundle))["counts"].get("ledger.witnessed") is None


def _manifest(path: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("manifest.json")


def test_an_honest_village_and_its_county_agree_with_the_checkpoint(witnessed, capsys):
    tmp_path, vdb, tdb, _, bundle, feedback = witnessed
    assert cli(capsys, "--db", vdb, "import", "--trust-new", feedback)[0] == 0
    code, out, err = cli(capsys, "--db", vdb, "verify-db")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        "Derived tables match the replayed ledger; 1 township checkpoint(s), all agree"
    )
    cdb = tmp_path / "county.db"
    assert cli(capsys, "--db", cdb, "import", "--role", "county", "--trust-new", feedback)[0] == 0
    assert cli(capsys, "--db", cdb, "import", "--trust-new", bundle)[0] == 0
    assert checkpoint_rows(cdb) == checkpoint_rows(tdb)  # the county holds it as signed
    code, out, err = cli(capsys, "--db", cdb, "verify-db")
    assert (code, err) == (0, "") and "1 township checkpoint(s), all agree" in out


def test_a_backup_restored_and_recorded_over_is_told_at_home_and_refused_at_the_township(
    witnessed, capsys
):
    tmp_path, vdb, tdb, backup, _, feedback = witnessed
    # the PC dies; the clerk restores last week's backup and records on
    restored = copy_db(backup, tmp_path / "restored.db")
    service(open_engine(restored)).open_matter(
        title="村西桥修缮", category="public_works", source="cadres"
    )
    assert head_of(restored)[0] == 112 and head_of(restored) != head_of(vdb)
    # the township's feedback arrives: it takes it, and verify-db tells the clerk
    assert cli(capsys, "--db", restored, "import", "--trust-new", feedback)[0] == 0
    ((_, payload, *_),) = checkpoint_rows(restored)
    day = payload["witnessed_on"]
    code, out, err = cli(capsys, "--db", restored, "verify-db")
    assert (code, out) == (1, "")
    assert err == (
        f"error: ledger {VILLAGE} contradicts the township's checkpoint: township 410611100"
        f" witnessed seq 112 on {day} (checkpoint {REVIEW} seq 1), and seq 112 here is not"
        " the event it saw; history was rewritten after it was witnessed (an old backup restored"
        " and recorded over, a hand-edited file), the township will refuse it\n"
    )
    capsys.readouterr()
    from village_tui.cli.main import main

    assert main(["--db", str(restored), "verify-db"]) == 1
    assert capsys.readouterr().err == (
        f"错误：台账 {VILLAGE} 与乡镇见证不符：乡镇 410611100 于 {day} 见证第 112 条"
        f"（见证记录 {REVIEW} 第 1 条），本库第 112 条已不是乡镇见过的那条；"
        "乡镇见证后台账被改写（如恢复旧备份后继续记录、直接改动文件），乡镇会拒收，请联系乡镇\n"
    )
    # and the township refuses the rewritten ledger as a fork, changing nothing
    rewritten = export(capsys, restored, tmp_path / "usb-restored")
    town = open_engine(tdb)
    before = dump(town)
    code, out, err = cli(capsys, "--db", tdb, "import", rewritten)
    assert code == 1
    assert err == (
        f"error: {rewritten}: event 112 differs from the one already here (same sequence,"
        " different hash): possible tampering, refused\n"
    )
    assert dump(town) == before


def test_a_restored_backup_that_lost_witnessed_events_is_told(witnessed, capsys):
    tmp_path, _, _, backup, _, feedback = witnessed
    restored = copy_db(backup, tmp_path / "restored.db")
    assert cli(capsys, "--db", restored, "import", "--trust-new", feedback)[0] == 0
    code, _, err = cli(capsys, "--db", restored, "verify-db")
    assert code == 1 and len(err.splitlines()) == 1
    assert (
        f"witnessed seq 112 on {checkpoint_rows(restored)[0][1]['witnessed_on']}"
        f" (checkpoint {REVIEW} seq 1), and this database holds only 111 events" in err
    )


def reseal_from(db: Path, seq: int, change) -> None:
    """Hand-edit event `seq` of the village ledger and re-hash the chain after it, as a
    tamperer who knows the format would: the chain itself then checks."""
    with sqlite3.connect(db) as con:
        cols = "ledger, seq, type, matter_id, payload, actor, recorded_at, prev_hash, hash"
        rows = con.execute(
            f"SELECT {cols} FROM event WHERE ledger = ? AND seq >= ? ORDER BY seq", (VILLAGE, seq)
        ).fetchall()
        prev = con.execute(
            "SELECT hash FROM event WHERE ledger = ? AND seq = ?", (VILLAGE, seq - 1)
        ).fetchone()[0]
        for i, row in enumerate(rows):
            e = Event(*row)
            if i == 0:
                e = replace(e, payload=change(e.payload))
            e = seal(replace(e, prev_hash=prev))
            con.execute(
                "UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE ledger = ? AND seq = ?",
                (e.payload, e.prev_hash, e.hash, VILLAGE, e.seq),
            )
            prev = e.hash
        con.execute("UPDATE ledger_head SET hash = ? WHERE ledger = ?", (prev, VILLAGE))
    con.close()


def test_a_hand_edited_and_resealed_ledger_is_told_at_home_and_refused_at_the_township(
    witnessed, capsys
):
    tmp_path, vdb, tdb, _, _, feedback = witnessed
    assert cli(capsys, "--db", vdb, "import", "--trust-new", feedback)[0] == 0
    # a vote count changed in the text of event 20, every later hash recomputed
    reseal_from(vdb, 20, lambda p: p.replace('"present":', '"present":1', 1))
    code, out, err = cli(capsys, "--db", vdb, "verify-db")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith(
        f"error: ledger {VILLAGE} contradicts the township's checkpoint: township 410611100"
    )
    assert "seq 112 here is not the event it saw" in lines[0]
    full = export(capsys, vdb, tmp_path / "usb-full", "--full")
    town = open_engine(tdb)
    before = dump(town)
    code, _, err = cli(capsys, "--db", tdb, "import", full)
    assert code == 1 and "event 20 differs from the one already here" in err
    assert dump(town) == before


def test_a_checkpoint_of_one_village_cannot_sit_in_another_s_review_ledger(tmp_path):
    engine = sample_village(tmp_path / "v.db")
    payload = {
        "village_code": "410621101902",
        "township_code": "410621101",
        "seq": 1,
        "head_hash": "0" * 64,
        "witnessed_on": "2026-11-20",
    }
    refused = pytest.raises(ApplyError, match="a checkpoint of village 410621101902 in " + REVIEW)
    with refused, write_session(engine) as s:
        append(s, ledger=REVIEW, type="ledger.witnessed", payload=payload, actor="x")
    # and in its own village's review ledger it applies (and changes no derived row)
    with write_session(engine) as s:
        e = append(
            s,
            ledger=REVIEW,
            type="ledger.witnessed",
            payload={**payload, "village_code": VILLAGE},
            actor="x",
        )
        apply_event(s, e)
