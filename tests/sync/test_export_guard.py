"""Export signs only an intact ledger; one bad bundle in a folder does not stop the others."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from village_tui.domain.chain import Event, canonical_json, seal
from village_tui.store.db import open_engine, read_session
from village_tui.sync import bundle as bf
from village_tui.sync.tables import ExportMark

from .helpers import cli, members, own_key, resign, sample_village, service

ENVELOPE = ("ledger", "seq", "type", "matter_id", "payload", "actor", "recorded_at", "prev_hash")


def _flip_payload_byte(db: Path, seq: int) -> None:
    """Change one character inside a text value of event `seq`'s payload, as a tamperer would."""
    with sqlite3.connect(db) as conn:
        (payload,) = conn.execute("SELECT payload FROM event WHERE seq = ?", (seq,)).fetchone()
        i = payload.index('":"') + 3  # the first character of the first text value
        changed = payload[:i] + ("X" if payload[i] != "X" else "Y") + payload[i + 1 :]
        conn.execute("UPDATE event SET payload = ? WHERE seq = ?", (changed, seq))
    conn.close()


def _marks(db: Path) -> list[tuple[str, int]]:
    engine = open_engine(db)
    with read_session(engine) as s:
        out = [(m.ledger, m.seq) for m in s.execute(select(ExportMark)).scalars()]
    engine.dispose()
    return out


@pytest.fixture
def village(tmp_path) -> Path:
    db = tmp_path / "village.db"
    sample_village(db).dispose()
    return db


def test_full_export_of_a_tampered_ledger_is_refused(village, tmp_path, capsys):
    _flip_payload_byte(village, 5)
    out = tmp_path / "usb"
    code, stdout, err = cli(capsys, "--db", village, "export", "--full", "--out", out)
    assert code == 1, err
    assert err.strip().splitlines() == [
        "error: ledger 410611100901: event 5 is changed or damaged "
        "(hash does not match its contents); no bundle was exported, run verify-db"
    ]
    assert stdout == "" and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())
    assert _marks(village) == []


def test_refusal_in_chinese(village, tmp_path, capsys):
    from village_tui.cli.main import main

    _flip_payload_byte(village, 1)
    capsys.readouterr()
    assert main(["--db", str(village), "export", "--out", str(tmp_path / "usb")]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "错误：台账 410611100901 第 1 条记录被改动或损坏（记录内容与其哈希不符（被改动）），"
        "未导出任何数据包；请先运行 verify-db 核对"
    ]


def test_changed_event_just_before_an_incremental_range_is_refused(village, tmp_path, capsys):
    code, _, err = cli(capsys, "--db", village, "export", "--out", tmp_path / "first")
    assert code == 0, err
    ((ledger, mark),) = _marks(village)
    engine = open_engine(village)
    service(engine).open_matter(title="村东水井维修", category="public_works", source="cadres")
    engine.dispose()
    _flip_payload_byte(village, mark)  # the anchor the new bundle's prev_hash would vouch for
    out = tmp_path / "second"
    code, _, err = cli(capsys, "--db", village, "export", "--out", out)
    assert code == 1
    assert err.strip().splitlines() == [
        f"error: ledger {ledger}: event {mark} is changed or damaged "
        "(hash does not match its contents); no bundle was exported, run verify-db"
    ]
    assert not out.exists() or not any(out.iterdir())
    assert _marks(village) == [(ledger, mark)]


def test_events_removed_from_the_end_are_refused(village, tmp_path, capsys):
    with sqlite3.connect(village) as conn:
        (top,) = conn.execute("SELECT max(seq) FROM event").fetchone()
        conn.execute("DELETE FROM event WHERE seq = ?", (top,))
    conn.close()
    code, _, err = cli(capsys, "--db", village, "export", "--full", "--out", tmp_path / "o")
    assert code == 1
    assert err.strip().splitlines() == [
        f"error: ledger 410611100901: event {top} is changed or damaged "
        "(ledger head does not match the last event); no bundle was exported, run verify-db"
    ]


def test_intact_ledger_still_exports(village, tmp_path, capsys):
    code, out, err = cli(capsys, "--db", village, "export", "--out", tmp_path / "o")
    assert code == 0 and err == ""
    assert Path(out.strip()).is_file()


# --- a folder holding one bad bundle among good ones -----------------------------------


def _huge_planned_fen(world) -> bytes:
    """b2 (one matter.opened) re-sealed and re-signed by the village with planned_fen 10**19."""
    m = members(world.b2.read_bytes())
    d = json.loads(m[bf.EVENTS])
    payload = json.loads(d["payload"])
    payload["matter"]["planned_fen"] = 10**19
    d["payload"] = canonical_json(payload)
    d["hash"] = seal(Event(**{k: d[k] for k in ENVELOPE})).hash
    events = (canonical_json(d) + "\n").encode()
    engine = open_engine(world.village_db)
    key = own_key(engine)
    engine.dispose()
    return resign(world.b2.read_bytes(), events, key, last_hash=d["hash"])


def _folder(world, tmp_path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "usb"
    folder.mkdir()
    bad, good = folder / "a-bad.zip", folder / "b-good.zip"
    bad.write_bytes(_huge_planned_fen(world))
    good.write_bytes(world.b2.read_bytes())
    return folder, bad, good


def test_an_out_of_range_integer_is_refused_by_the_schema_and_the_rest_imported(
    world, town, tmp_path, capsys
):
    folder, bad, good = _folder(world, tmp_path)
    code, out, err = cli(capsys, "--db", town, "import", folder)
    assert code == 1
    assert err.strip().splitlines() == [
        f"error: {bad}: event 112 (matter.opened) breaks its schema: matter/planned_fen: "
        "10000000000000000000 is greater than the maximum of 9007199254740991"
    ]
    assert f"{good}: imported" in out and "Traceback" not in err


def test_a_value_the_database_cannot_hold_refuses_that_bundle_only(
    world, town, tmp_path, capsys, monkeypatch
):
    """Past the schema (as an older schema let it), the write overflows: refused, not a crash."""
    from village_tui.sync import verify

    real = verify.fast_check
    monkeypatch.setattr(
        verify, "fast_check", lambda p: (lambda x: True) if p.startswith("events/") else real(p)
    )
    folder, bad, good = _folder(world, tmp_path)
    code, out, err = cli(capsys, "--db", town, "import", folder)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"error: {bad}: event 112 cannot be applied: ")
    assert "too large" in lines[0] or "overflow" in lines[0].lower()
    assert f"{good}: imported" in out
