"""Who may sign what: each forgery refused with one line naming file, key and reason, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from village_tui.domain import events as ev
from village_tui.store.db import open_engine
from village_tui.sync.importer import init_receiving

from . import forge
from .helpers import VILLAGE, cli, other_key, own_key, sample_village
from .trio import FOREIGN, OTHER, refused
from .trio import export as _export


def _approve(matter: str, **kw) -> list:
    return [(ev.REVIEW_APPROVED, matter, forge.review_payload(matter, **kw))]


def test_a_village_cannot_approve_its_own_matters(dbs, capsys):
    key = own_key(open_engine(dbs.village))
    who = forge.signer(key, VILLAGE, "village", "示例·前进村")
    # It continues the real review ledger, so only the signer is wrong.
    f = forge.write(dbs.root, "self.zip", _continuing(dbs, key, who, _approve(dbs.blocked)))
    why = f"key {key.fingerprint} is a village's key (示例·前进村（{VILLAGE}）); a village key can never sign review events"
    for db in (dbs.county, dbs.village, dbs.town):
        refused(capsys, db, f, why, "--trust-new")


def _continuing(dbs, key, who, events) -> bytes:
    """Events continuing the review ledger of VILLAGE as the trio holds it (one approval)."""
    from village_tui.store.db import read_session
    from village_tui.store.ledger import head

    with read_session(open_engine(dbs.county)) as s:
        seq, prev = head(s, "review:" + VILLAGE)
    return forge.bundle(key, who, events, first_seq=seq + 1, prev_hash=prev)


def _review_head(dbs) -> int:
    """How far the county holds the township's review ledger of VILLAGE (checkpoints, reviews)."""
    from village_tui.store.db import read_session
    from village_tui.store.ledger import head

    with read_session(open_engine(dbs.county)) as s:
        return head(s, "review:" + VILLAGE)[0]


def test_another_village_cannot_review_this_one(dbs, capsys):
    key = own_key(open_engine(dbs.other))
    data = _continuing(dbs, key, forge.signer(key, OTHER, "village"), _approve(dbs.blocked))
    f = forge.write(dbs.root, "cross.zip", data)
    why = f"key {key.fingerprint} is a village's key ({OTHER}); a village key can never sign review events"
    refused(capsys, dbs.county, f, why)
    # the same key dressed up as the township: its registration says otherwise
    data = _continuing(dbs, key, forge.signer(key, VILLAGE[:9], "township"), _approve(dbs.blocked))
    f = forge.write(dbs.root, "cross2.zip", data)
    refused(
        capsys,
        dbs.county,
        f,
        f"key {key.fingerprint} is registered to {OTHER}, not to {VILLAGE[:9]}",
    )


def test_a_review_signed_for_another_township_is_refused(dbs, capsys):
    key = own_key(open_engine(dbs.town))
    who = forge.signer(key, "410621101", "township")
    f = forge.write(dbs.root, "t.zip", _continuing(dbs, key, who, _approve(dbs.blocked)))
    refused(
        capsys,
        dbs.county,
        f,
        f"reviews of village {VILLAGE} may only be signed by its township {VILLAGE[:9]}; "
        f"key {key.fingerprint} belongs to 410621101 (township)",
    )


def test_a_review_payload_naming_another_township_is_refused(dbs, capsys):
    key = own_key(open_engine(dbs.town))
    who = forge.signer(key, VILLAGE[:9], "township")
    events = _approve(dbs.blocked, township="410621101")
    f = forge.write(dbs.root, "p.zip", _continuing(dbs, key, who, events))
    refused(
        capsys,
        dbs.county,
        f,
        f"event {_review_head(dbs) + 1} names {VILLAGE} 410621101 where {VILLAGE} {VILLAGE[:9]} was due "
        f"(signed by key {key.fingerprint})",
    )


def test_a_fake_township_key_is_refused_at_a_village_that_knows_its_township(dbs, capsys):
    fake = other_key()
    real = own_key(open_engine(dbs.town)).fingerprint
    who = forge.signer(fake, VILLAGE[:9], "township", "大赉店镇")
    f = forge.write(dbs.root, "fake.zip", _continuing(dbs, fake, who, _approve(dbs.blocked)))
    refused(
        capsys,
        dbs.village,
        f,
        f"signed with key {fake.fingerprint}, but 大赉店镇（{VILLAGE[:9]}） is registered with key "
        f"{real}; if they lost their PC and made a new key, get their keys export file, check the "
        f'new fingerprint by phone, then run keys trust FILE --replace "{real}"',
        "--trust-new",
    )


def test_a_township_database_takes_no_new_township_key(dbs, capsys):
    fake = other_key()
    who = forge.signer(fake, VILLAGE[:9], "township", "大赉店镇")
    f = forge.write(dbs.root, "fake.zip", _continuing(dbs, fake, who, _approve(dbs.blocked)))
    refused(
        capsys,
        dbs.town,
        f,
        f"a township database does not take key {fake.fingerprint} of 大赉店镇（{VILLAGE[:9]}） on "
        "--trust-new; register township and county keys with keys trust after checking the "
        "fingerprint by phone",
        "--trust-new",
    )


@pytest.mark.parametrize("role", ["village", "township"])
def test_key_squatting_a_village_code_in_a_review_bundle(tmp_path, capsys, role):
    """A review bundle claiming the code of a village with no key yet; the real village then comes."""
    sample_village(tmp_path / "v.db").dispose()
    (real,) = _export(capsys, tmp_path / "v.db", tmp_path / "usb")
    squatter = other_key()
    who = forge.signer(squatter, VILLAGE, role)
    f = forge.write(tmp_path, "sq.zip", forge.bundle(squatter, who, _approve("demo-001")))
    fresh = tmp_path / "fresh.db"
    init_receiving(open_engine(fresh))
    why = (
        f"key {squatter.fingerprint} is a village's key ({VILLAGE}); a village key can never sign review events"
        if role == "village"
        else f"reviews of village {VILLAGE} may only be signed by its township {VILLAGE[:9]}; "
        f"key {squatter.fingerprint} belongs to {VILLAGE} (township)"
    )
    refused(capsys, fresh, f, why, "--trust-new")
    code, _, err = cli(capsys, "--db", fresh, "import", "--trust-new", real)
    assert (code, err) == (0, "")
    forge.verifies(capsys, fresh)


def test_trust_new_takes_no_village_of_another_township(dbs, tmp_path, capsys):
    sample_village(tmp_path / "f.db", FOREIGN).dispose()
    (b,) = _export(capsys, tmp_path / "f.db", tmp_path / "usbf")
    fp = own_key(open_engine(tmp_path / "f.db")).fingerprint
    refused(
        capsys,
        dbs.town,
        Path(b),
        f"--trust-new only takes keys of villages of this township ({VILLAGE[:9]}); key {fp} of "
        f"示例·新华村（{FOREIGN}） is not one",
        "--trust-new",
    )
    # registered after a phone call, it comes in
    assert (
        cli(capsys, "--db", tmp_path / "f.db", "keys", "export", "--out", tmp_path / "f.key")[0]
        == 0
    )
    assert cli(capsys, "--db", dbs.town, "keys", "trust", tmp_path / "f.key")[0] == 0
    assert cli(capsys, "--db", dbs.town, "import", b)[0] == 0
    forge.verifies(capsys, dbs.town)
