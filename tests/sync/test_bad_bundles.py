"""Every bad bundle is refused with one clear line, exit 1, and the database exactly as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from village_tui.store.db import open_engine
from village_tui.sync import bundle as bf

from .helpers import cli, dump, members, other_key, own_key, resign, rezip


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _refused(capsys, db: Path, file: Path, expected: str, *extra: str) -> None:
    engine = open_engine(db)
    before = dump(engine)
    code, out, err = cli(capsys, "--db", db, "import", *extra, file)
    assert code == 1
    assert err.strip().splitlines() == [f"error: {file}: {expected}"]
    assert dump(engine) == before
    engine.dispose()


def test_truncated_file(world, town, tmp_path, capsys):
    data = world.b2.read_bytes()
    f = _write(tmp_path, "t.zip", data[: len(data) // 2])
    _refused(capsys, town, f, "the file is damaged or truncated (not a readable zip bundle)")


def test_flipped_byte_in_events(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    events = bytearray(m[bf.EVENTS])
    events[len(events) // 2] ^= 0x01
    f = _write(tmp_path, "f.zip", bf.write_bundle(m[bf.MANIFEST], m[bf.SIGNATURE], bytes(events)))
    _refused(
        capsys,
        town,
        f,
        "events.jsonl does not match its sha256 in the manifest: changed or damaged",
    )


def test_flipped_byte_in_the_raw_file(world, town, tmp_path, capsys):
    data = bytearray(world.b2.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(bf.EVENTS)
    data[info.header_offset + 30 + len(bf.EVENTS) + info.compress_size // 2] ^= 0x10
    f = _write(tmp_path, "raw.zip", bytes(data))
    engine = open_engine(town)
    before = dump(engine)
    code, _, err = cli(capsys, "--db", town, "import", f)
    assert code == 1 and err.startswith(f"error: {f}: member events.jsonl is damaged (")
    assert dump(engine) == before


def test_edited_manifest(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    manifest = m[bf.MANIFEST].replace(b"2026-11-21T08:00:00Z", b"2026-11-22T08:00:00Z")
    assert manifest != m[bf.MANIFEST]
    f = _write(tmp_path, "m.zip", bf.write_bundle(manifest, m[bf.SIGNATURE], m[bf.EVENTS]))
    _refused(
        capsys, town, f, "the manifest's signature does not verify: it was changed after signing"
    )


def test_wrong_key(world, town, tmp_path, capsys):
    key = other_key()
    import json

    m = members(world.b2.read_bytes())
    signer = json.loads(m[bf.MANIFEST])["signer"]
    signer = {**signer, "public_key": key.public_key, "fingerprint": key.fingerprint}
    f = _write(tmp_path, "k.zip", resign(world.b2.read_bytes(), m[bf.EVENTS], key, signer=signer))
    known = own_key(open_engine(world.village_db)).fingerprint
    _refused(
        capsys,
        town,
        f,
        f"signed with key {key.fingerprint}, but {signer['owner_name']}（410611100901） is "
        f"registered with key {known}; if they lost their PC and made a new key, get their keys "
        f'export file, check the new fingerprint by phone, then run keys trust FILE --replace "{known}"',
        "--trust-new",
    )


def test_unknown_village_without_trust_new(world, empty_town, capsys):
    fp = own_key(open_engine(world.village_db)).fingerprint
    _refused(
        capsys,
        empty_town,
        world.b1,
        f"key {fp} of 示例·前进村（410611100901） is not trusted here; check the fingerprint with "
        "them by phone, then import with --trust-new or register it with keys trust",
    )


def test_replayed_old_bundle(world, town, capsys):
    assert cli(capsys, "--db", town, "import", world.b2)[0] == 0
    _refused(
        capsys,
        town,
        world.full_old,
        f"replayed old bundle: events 1-{_last(world.b1)} are already here (this database holds "
        f"up to {_last(world.b2)}); nothing applied",
    )


def _last(p: Path) -> int:
    return int(p.stem.rsplit("-", 1)[1])


def test_out_of_order_is_held_then_applied(world, empty_town, capsys):
    engine = open_engine(empty_town)
    code, _, _ = cli(capsys, "--db", empty_town, "import", "--trust-new", world.b2)
    # held: the record is untouched, the bundle waits in sync bookkeeping
    before = dump(engine, exclude={"held_bundle", "trusted_key"})
    n = _last(world.b1)
    assert code == 1
    held = dump(engine)["held_bundle"]
    assert len(held) == 1
    assert dump(engine, exclude={"held_bundle", "trusted_key"}) == before
    assert dump(engine)["event"] == []
    code, out, err = cli(capsys, "--db", empty_town, "import", world.b1)
    assert (code, err) == (0, "")
    assert f"held bundle applied: 410611100901 events {n + 1}-{_last(world.b2)}, 1 new" in out
    ledgers = [row[1] for row in dump(engine)["event"]]
    assert ledgers.count("410611100901") == _last(world.b2)
    # each bundle applied is witnessed: the one imported and the one released
    assert ledgers.count("review:410611100901") == 2
    assert dump(engine)["held_bundle"] == []


def test_out_of_order_message(world, empty_town, capsys):
    code, _, err = cli(capsys, "--db", empty_town, "import", "--trust-new", world.b2)
    n = _last(world.b1)
    assert code == 1
    assert err.strip() == (
        f"error: {world.b2}: held, not applied: events 1-{n} of 410611100901 are missing; "
        "it is applied once the earlier bundle is imported"
    )


def test_forked_ledger(world, town, capsys):
    assert cli(capsys, "--db", town, "import", world.b2)[0] == 0
    n = _last(world.b1) + 1
    _refused(
        capsys,
        town,
        world.fork,
        f"event {n} differs from the one already here (same sequence, different hash): "
        "possible tampering, refused",
    )


def test_member_named_dotdot(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    f = _write(tmp_path, "d.zip", rezip([*m.items(), ("../x", b"hello")]))
    _refused(
        capsys, town, f, "member name '../x' is not allowed (absolute path, '..' or backslash)"
    )


@pytest.mark.parametrize("name", ["/etc/x", "a\\b", "C:x"])
def test_other_unsafe_names(world, town, tmp_path, capsys, name):
    m = members(world.b2.read_bytes())
    f = _write(tmp_path, "u.zip", rezip([*m.items(), (name, b"x")]))
    _refused(
        capsys, town, f, f"member name {name!r} is not allowed (absolute path, '..' or backslash)"
    )


def test_duplicate_member(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we mean to write
        f = _write(tmp_path, "dup.zip", rezip([*m.items(), (bf.EVENTS, b"{}")]))
    _refused(capsys, town, f, "member name events.jsonl appears more than once")


def test_oversized_member(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    big = m[bf.MANIFEST] + b" " * (2 * 1024 * 1024)
    f = _write(
        tmp_path,
        "o.zip",
        rezip(
            [(bf.MANIFEST, big), (bf.SIGNATURE, m[bf.SIGNATURE]), (bf.EVENTS, m[bf.EVENTS])],
            zipfile.ZIP_STORED,
        ),
    )
    _refused(
        capsys,
        town,
        f,
        f"member manifest.json is {len(big)} bytes uncompressed, more than the limit of 1048576",
    )


def test_compression_bomb(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    data = rezip(
        [
            (bf.MANIFEST, m[bf.MANIFEST]),
            (bf.SIGNATURE, m[bf.SIGNATURE]),
            (bf.EVENTS, b"\0" * (64 * 1024 * 1024)),
        ]
    )
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(bf.EVENTS)
    ratio = info.file_size // info.compress_size
    f = _write(tmp_path, "bomb.zip", data)
    _refused(
        capsys,
        town,
        f,
        f"member events.jsonl expands {ratio}:1, more than 200:1 (possible compression bomb)",
    )


def test_invalid_json_manifest(world, town, tmp_path, capsys):
    m = members(world.b2.read_bytes())
    f = _write(tmp_path, "j.zip", bf.write_bundle(b'{"format": ', m[bf.SIGNATURE], m[bf.EVENTS]))
    _refused(
        capsys,
        town,
        f,
        "manifest.json is not valid JSON (Expecting value: line 1 column 12 (char 11))",
    )


def test_invalid_json_events_signed_by_the_village(world, town, tmp_path, capsys):
    """Even a bundle the village's own key signed is refused when a line is not JSON."""
    m = members(world.b2.read_bytes())
    key = own_key(open_engine(world.village_db))
    f = _write(tmp_path, "e.zip", resign(world.b2.read_bytes(), m[bf.EVENTS][:-10] + b"\n", key))
    _refused(capsys, town, f, "events.jsonl line 1 is not valid JSON")


def test_event_that_breaks_its_schema(world, town, tmp_path, capsys):
    import json

    from village_tui.domain.chain import Event, canonical_json, seal

    m = members(world.b2.read_bytes())
    d = json.loads(m[bf.EVENTS])
    payload = json.loads(d["payload"])
    payload["matter"]["planned_fen"] = "一万元"  # money must be whole fen
    d["payload"] = canonical_json(payload)
    fields = {
        k: d[k]
        for k in (
            "ledger",
            "seq",
            "type",
            "matter_id",
            "payload",
            "actor",
            "recorded_at",
            "prev_hash",
        )
    }
    d["hash"] = seal(Event(**fields)).hash
    events = (canonical_json(d) + "\n").encode()
    key = own_key(open_engine(world.village_db))
    f = _write(tmp_path, "s.zip", resign(world.b2.read_bytes(), events, key, last_hash=d["hash"]))
    _refused(
        capsys,
        town,
        f,
        f"event {d['seq']} (matter.opened) breaks its schema: matter/planned_fen: '一万元' is not of type 'integer'",
    )


def test_village_bundle_into_a_village_database(world, tmp_path, capsys):
    from .helpers import sample_village

    db = tmp_path / "v2.db"
    sample_village(db, "410621101902").dispose()
    _refused(
        capsys,
        db,
        world.b1,
        "a village database imports only its township's feedback, not village ledger 410611100901",
        "--trust-new",
    )
