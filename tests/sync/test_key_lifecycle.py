"""keys export / trust checks / revoke / rotate / trust --replace, each seen from the receiving side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from village_tui.store.db import open_engine, read_session, write_session
from village_tui.store.ledger import head
from village_tui.sync import bundle as bf
from village_tui.sync.keys import ensure_own_key_in
from village_tui.sync.tables import OwnKey

from . import forge
from .helpers import VILLAGE, cli, dump, members, own_key, resign, service
from .trio import refused


def _export(capsys, db, out) -> Path:
    code, printed, err = cli(capsys, "--db", db, "export", "--out", out)
    assert (code, err) == (0, ""), err
    (path,) = printed.split()
    return Path(path)


def _new_matter(db, title="村西路灯安装") -> None:
    engine = open_engine(db)
    service(engine).open_matter(title=title, category="public_works", source="cadres")
    engine.dispose()


def _key_file(capsys, db, path) -> dict:
    assert cli(capsys, "--db", db, "keys", "export", "--out", path)[0] == 0
    return json.loads(path.read_text(encoding="utf-8"))


def _trust_refused(capsys, db, file, expected) -> None:
    engine = open_engine(db)
    before = dump(engine)
    code, _, err = cli(capsys, "--db", db, "keys", "trust", file)
    assert (code, err.strip().splitlines()) == (1, [f"error: {file}: {expected}"])
    assert dump(engine) == before


# --- keys export / keys trust -------------------------------------------------


def test_keys_export_writes_what_keys_trust_reads(dbs, capsys):
    data = _key_file(capsys, dbs.village, dbs.root / "v.key")
    key = own_key(open_engine(dbs.village))
    assert data == {
        "format": "village-tui-public-key",
        "public_key": key.public_key,
        "fingerprint": key.fingerprint,
        "owner_code": VILLAGE,
        "owner_name": "示例·前进村",
        "role": "village",
    }
    fresh = dbs.root / "fresh.db"
    code, out, err = cli(capsys, "--db", fresh, "keys", "trust", dbs.root / "v.key")
    assert (code, err) == (0, "")
    assert f"trusted the key of 示例·前进村（{VILLAGE}）, fingerprint {key.fingerprint}" in out


def test_keys_trust_refuses_a_fingerprint_that_is_not_the_keys(dbs, capsys):
    f = dbs.root / "v.key"
    data = _key_file(capsys, dbs.village, f)
    real = data["fingerprint"]
    data["fingerprint"] = "0000" + real[4:]
    f.write_text(json.dumps(data), encoding="utf-8")
    _trust_refused(
        capsys,
        dbs.county,
        f,
        f"the file's fingerprint {data['fingerprint']} does not match its key ({real}); the file "
        "was changed or miscopied, nothing registered",
    )


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"owner_code": ""}, "The division code must have 12 digits, not 0"),
        ({"owner_code": "4" * 5000}, "The division code must have 12 digits, not 5000"),
        ({"owner_code": VILLAGE + "\n"}, "The division code must have 12 digits, not 13"),
        (
            {"owner_code": "410611000901"},
            "Digits 7-9 of the division code (township) cannot be 000",
        ),
        ({"role": "township"}, "The township division code must be 9 digits"),
        (
            {"role": "superuser"},
            "a key's role must be village, township or county, not 'superuser'",
        ),
        (
            {"role": "county", "owner_code": "410600"},
            "Digits 5-6 of the county division code cannot be 00",
        ),
    ],
    ids=["empty", "5000", "newline", "township000", "role_mismatch", "superuser", "county00"],
)
def test_keys_trust_refuses_an_owner_that_does_not_check(dbs, capsys, change, reason):
    f = dbs.root / "v.key"
    data = {**_key_file(capsys, dbs.village, f), **change}
    f.write_text(json.dumps(data), encoding="utf-8")
    _trust_refused(
        capsys,
        dbs.county,
        f,
        f"key {data['fingerprint']} names no valid owner: {reason}; nothing registered",
    )


def test_keys_trust_accepts_a_good_county_and_township_code(dbs, capsys):
    f = dbs.root / "t.key"
    _key_file(capsys, dbs.town, f)
    fresh = dbs.root / "fresh.db"
    assert cli(capsys, "--db", fresh, "keys", "trust", f)[0] == 0
    data = {**json.loads(f.read_text(encoding="utf-8")), "role": "county", "owner_code": "410611"}
    f.write_text(json.dumps(data), encoding="utf-8")
    assert cli(capsys, "--db", dbs.root / "fresh2.db", "keys", "trust", f)[0] == 0


def test_a_second_key_for_an_owner_needs_replace(dbs, capsys):
    lost = _lose_the_pc(dbs)
    f = dbs.root / "new.key"
    new = _key_file(capsys, dbs.village, f)["fingerprint"]
    _trust_refused(
        capsys,
        dbs.town,
        f,
        f"示例·前进村（{VILLAGE}） already has key {lost}; if they lost their PC or made a new key, "
        f'check the new fingerprint {new} by phone, then run keys trust FILE --replace "{lost}"',
    )


# --- rotation -----------------------------------------------------------------


def test_village_rotation_round_trip(trio, dbs, capsys):
    old = own_key(open_engine(dbs.village))
    code, out, err = cli(capsys, "--db", dbs.village, "keys", "rotate")
    new = own_key(open_engine(dbs.village))
    assert (code, err) == (0, "") and new.fingerprint != old.fingerprint
    assert f"made this village's new key, fingerprint {new.fingerprint}" in out
    _new_matter(dbs.village)
    b = _export(capsys, dbs.village, dbs.root / "usb2")
    for db in (dbs.town, dbs.county):  # no --trust-new, no phone call
        code, out, err = cli(capsys, "--db", db, "import", b)
        assert (code, err) == (0, ""), err
        assert (
            f"示例·前进村（{VILLAGE}） changed keys: the old key {old.fingerprint} signed the change, "
            f"now trusting {new.fingerprint}"
        ) in out
        forge.verifies(capsys, db)
    # a later bundle by the new key is taken; the same signed by the old key is not
    _new_matter(dbs.village, "村北水渠清淤")
    later = _export(capsys, dbs.village, dbs.root / "usb3")
    m = members(later.read_bytes())
    signer = json.loads(m[bf.MANIFEST])["signer"]
    signer = {**signer, "public_key": old.public_key, "fingerprint": old.fingerprint}
    forged = forge.write(
        dbs.root, "old.zip", resign(later.read_bytes(), m[bf.EVENTS], old, signer=signer)
    )
    refused(
        capsys,
        dbs.town,
        forged,
        f"key {old.fingerprint} of 示例·前进村（{VILLAGE}） was retired on {_today()} (已更换为新密钥 "
        f"{new.fingerprint}); bundles it signs are refused, ask them to export again with their "
        "current key (export --full)",
    )
    assert cli(capsys, "--db", dbs.town, "import", later)[0] == 0
    forge.verifies(capsys, dbs.town)
    # the first bundle, signed by the old key before the change, was taken then and stays so
    (first,) = (trio.root / "usb").glob("*.zip")
    code, out, err = cli(capsys, "--db", dbs.town, "import", first)
    assert (code, err) == (0, "") and "already imported on" in out


def _today() -> str:
    from village_tui.store.ledger import utc_now

    return utc_now()[:10]


def test_a_rotation_not_signed_by_the_old_key_is_refused(dbs, capsys):
    """Someone who never held the old key writes a rotation to a key of their own."""
    from village_tui.store.db import read_session as rs
    from village_tui.store.tables import EventRow

    assert cli(capsys, "--db", dbs.village, "keys", "rotate")[0] == 0
    b = _export(capsys, dbs.village, dbs.root / "usb2")
    # resign the rotation with a stranger's key: its old_signature no longer checks
    with rs(open_engine(dbs.village)) as s:
        seq = s.exec(select(EventRow.seq).where(EventRow.type == "key.rotated")).one()
    data = members(b.read_bytes())
    lines = data[bf.EVENTS].decode().splitlines()
    env = json.loads(lines[-1])
    payload = json.loads(env["payload"])
    payload["old_signature"] = "A" * 86 + "=="
    from village_tui.domain.chain import Event, canonical_json, seal

    env["payload"] = canonical_json(payload)
    keys = ("ledger", "seq", "type", "matter_id", "payload", "actor", "recorded_at", "prev_hash")
    env["hash"] = seal(Event(**{k: env[k] for k in keys})).hash
    lines[-1] = canonical_json(env)
    events = ("\n".join(lines) + "\n").encode()
    new = own_key(open_engine(dbs.village))
    f = forge.write(dbs.root, "rot.zip", resign(b.read_bytes(), events, new, last_hash=env["hash"]))
    refused(
        capsys,
        dbs.town,
        f,
        f"event {seq} (key rotation) does not verify: it was not signed by the old key "
        f"{payload['old_fingerprint']}",
    )


def test_township_rotation_round_trip(dbs, capsys):
    old = own_key(open_engine(dbs.town))
    code, out, err = cli(capsys, "--db", dbs.town, "keys", "rotate")
    new = own_key(open_engine(dbs.town))
    assert (code, err) == (0, "")
    assert f"made this township's new key, fingerprint {new.fingerprint}" in out
    assert "into 2 review ledger(s)" in out
    feedback = _export_all(capsys, dbs.town, dbs.root / "fb2")
    mine = next(p for p in feedback if VILLAGE in p.name)
    for db, files in ((dbs.village, [mine]), (dbs.county, feedback)):
        code, out, err = cli(capsys, "--db", db, "import", *files)
        assert (code, err) == (0, ""), err
        assert f"now trusting {new.fingerprint}" in out and old.fingerprint in out
        forge.verifies(capsys, db)


def _export_all(capsys, db, out) -> list[Path]:
    code, printed, err = cli(capsys, "--db", db, "export", "--out", out)
    assert (code, err) == (0, ""), err
    return sorted(Path(out).glob("*.zip"))


# --- revocation ---------------------------------------------------------------


def test_a_revoked_key_signs_nothing_more_and_what_it_signed_stays(dbs, capsys):
    fp = own_key(open_engine(dbs.village)).fingerprint
    town = open_engine(dbs.town)
    events_before = dump(town)["event"]
    code, out, err = cli(capsys, "--db", dbs.town, "keys", "revoke", fp, "--reason", "电脑被盗")
    assert (code, err) == (0, "")
    assert (
        f"retired key {fp} of 示例·前进村（{VILLAGE}）: bundles it signs from now on are refused"
        in out
    )
    code, out, _ = cli(capsys, "--db", dbs.town, "keys", "list")
    assert f"{fp}\ttrust-new\trevoked {_today()}: 电脑被盗" in out
    _new_matter(dbs.village)
    b = _export(capsys, dbs.village, dbs.root / "usb2")
    refused(
        capsys,
        dbs.town,
        b,
        f"key {fp} of 示例·前进村（{VILLAGE}） was retired on {_today()} (电脑被盗); bundles it signs "
        "are refused, ask them to export again with their current key (export --full)",
        "--trust-new",
    )
    assert dump(town)["event"] == events_before
    forge.verifies(capsys, dbs.town)


def test_revoke_refuses_what_it_cannot_do(dbs, capsys):
    fp = own_key(open_engine(dbs.village)).fingerprint
    code, _, err = cli(capsys, "--db", dbs.town, "keys", "revoke", "12ab", "--reason", "x")
    assert (code, err.strip()) == (
        1,
        "error: 12ab is not a key fingerprint (32 hex digits, e.g. 3f2a 9c01 ...)",
    )
    code, _, err = cli(capsys, "--db", dbs.town, "keys", "revoke", "0" * 32, "--reason", "x")
    assert (code, err.strip()) == (1, f"error: no key {' '.join(['0000'] * 8)} is registered here")
    assert (
        cli(
            capsys, "--db", dbs.town, "keys", "revoke", fp.replace(" ", "").upper(), "--reason", "x"
        )[0]
        == 0
    )
    code, _, err = cli(capsys, "--db", dbs.town, "keys", "revoke", fp, "--reason", "y")
    assert (code, err.strip()) == (1, f"error: key {fp} was already retired on {_today()} (x)")


# --- recovery after a lost PC ---------------------------------------------------


def _lose_the_pc(dbs) -> str:
    """The village's key is gone; the restored database gets a new one. The old fingerprint."""
    engine = open_engine(dbs.village)
    with write_session(engine) as s:
        old = s.get(OwnKey, 1)
        fp = old.fingerprint
        s.delete(old)
        s.flush()
        ensure_own_key_in(s)
    engine.dispose()
    return fp


def test_recovery_with_replace(dbs, capsys):
    lost = _lose_the_pc(dbs)
    new = _key_file(capsys, dbs.village, dbs.root / "new.key")["fingerprint"]
    _new_matter(dbs.village)
    b = _export(capsys, dbs.village, dbs.root / "usb2")
    refused(
        capsys,
        dbs.town,
        b,
        f"signed with key {new}, but 示例·前进村（{VILLAGE}） is registered with key {lost}; if they "
        "lost their PC and made a new key, get their keys export file, check the new fingerprint by "
        f'phone, then run keys trust FILE --replace "{lost}"',
        "--trust-new",
    )
    code, out, err = cli(
        capsys, "--db", dbs.town, "keys", "trust", dbs.root / "new.key", "--replace", lost
    )
    assert (code, err) == (0, "")
    assert f"retired the old key {lost} of 示例·前进村（{VILLAGE}）" in out
    with read_session(open_engine(dbs.town)) as s:
        replaced_at = head(s, "review:" + VILLAGE)[0]
    assert f"recorded in review:{VILLAGE} as event {replaced_at}" in out
    assert cli(capsys, "--db", dbs.town, "import", b)[0] == 0
    forge.verifies(capsys, dbs.town)
    # The township's next feedback tells the village (nothing to do) and the county (follows).
    feedback = _export(capsys, dbs.town, dbs.root / "fb2")
    assert cli(capsys, "--db", dbs.village, "import", feedback)[0] == 0
    code, out, err = cli(capsys, "--db", dbs.county, "import", feedback)
    assert (code, err) == (0, "")
    assert f"the township replaced the key of {VILLAGE} with {new} (old key {lost} retired)" in out
    code, _, err = cli(capsys, "--db", dbs.county, "import", b)
    assert (code, err) == (0, "")
    for db in (dbs.village, dbs.county):
        forge.verifies(capsys, db)
    with read_session(open_engine(dbs.county)) as s:
        from village_tui.sync.tables import TrustedKey

        assert s.get(TrustedKey, lost).revoked_at is not None


def test_keys_guide_says_what_to_do(dbs, capsys):
    from village_tui.cli.main import main

    capsys.readouterr()
    assert main(["--db", str(dbs.village), "keys", "guide"]) == 0
    out = capsys.readouterr().out
    assert "电脑丢失或损坏" in out and "keys rotate" in out and "keys revoke" in out
    assert '--replace "旧指纹"' in out
