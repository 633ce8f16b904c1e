"""Exact types and whole codes: what a receiver takes, it can always verify and rebuild."""

from __future__ import annotations

import pytest

from village_tui.domain import events as ev
from village_tui.store.db import open_engine
from village_tui.sync.importer import init_receiving
from village_tui.sync.schemas import first_error, whole_text

from . import forge
from .helpers import VILLAGE, cli, dump, other_key

SET_UP = {
    "village": {
        "code": VILLAGE,
        "name": "示例·影子村",
        "township_code": VILLAGE[:9],
        "township_name": "大赉店镇",
        "county_code": VILLAGE[:6],
        "county_name": "淇滨区",
    }
}


@pytest.fixture
def fresh(tmp_path):
    db = tmp_path / "fresh.db"
    init_receiving(open_engine(db))
    return db


def _refused(capsys, db, f, expected):
    engine = open_engine(db)
    before = dump(engine)
    code, _, err = cli(capsys, "--db", db, "import", "--trust-new", f)
    assert (code, err.strip().splitlines()) == (1, [f"error: {f}: {expected}"])
    assert dump(engine) == before


def _village_bundle(key, code=VILLAGE, set_up=None, **kw) -> bytes:
    payload = {"village": {**SET_UP["village"], "code": set_up or code}}
    who = forge.signer(key, code, "village")
    return forge.bundle(
        key, who, [(ev.VILLAGE_SET_UP, None, payload)], village=code, kind="village", **kw
    )


def test_the_bundle_itself_is_accepted_and_verifies(fresh, tmp_path, capsys):
    """The control: the same forged bundle, with nothing odd in it, goes in and verifies."""
    f = forge.write(tmp_path, "ok.zip", _village_bundle(other_key()))
    assert cli(capsys, "--db", fresh, "import", "--trust-new", f)[0] == 0
    forge.verifies(capsys, fresh)


def test_a_shadow_village_code_with_a_newline_is_refused(fresh, tmp_path, capsys):
    f = forge.write(tmp_path, "shadow.zip", _village_bundle(other_key(), VILLAGE + "\n"))
    _refused(
        capsys,
        fresh,
        f,
        r"manifest.json breaks its schema: village_code: '410611100901\n' does not match '^[0-9]{12}$'",
    )


def test_a_ledger_sets_up_only_its_own_village(fresh, tmp_path, capsys):
    f = forge.write(tmp_path, "b.zip", _village_bundle(other_key(), set_up="410611100902"))
    _refused(
        capsys,
        fresh,
        f,
        "event 1 cannot be applied: event 1: sets up village 410611100902 in the ledger of "
        f"{VILLAGE}",
    )


@pytest.mark.parametrize("seq", [1.0, True], ids=["float", "bool"])
def test_a_sequence_number_that_is_not_an_integer_is_refused(fresh, tmp_path, capsys, seq):
    # The hash is sealed over seq as given, so only the type can give it away.
    from village_tui.domain.chain import Event, canonical_json, seal

    key = other_key()
    e = seal(
        Event(
            VILLAGE,
            seq,
            ev.VILLAGE_SET_UP,
            None,
            canonical_json(SET_UP),
            "某某",
            "2026-11-20T09:00:00Z",
            "0" * 64,
        )
    )
    changes = {"seq": seq, "hash": e.hash}
    data = _village_bundle(key, envelope_changes=changes, manifest_changes={"last_hash": e.hash})
    f = forge.write(tmp_path, "seq.zip", data)
    shown = repr(seq)
    _refused(
        capsys,
        fresh,
        f,
        f"events.jsonl line 1 breaks the event schema: seq: {shown} is not of type 'integer'",
    )


def test_a_manifest_count_that_is_true_is_refused(fresh, tmp_path, capsys):
    f = forge.write(
        tmp_path, "m.zip", _village_bundle(other_key(), manifest_changes={"first_seq": True})
    )
    _refused(
        capsys,
        fresh,
        f,
        "manifest.json breaks its schema: first_seq: True is not of type 'integer'",
    )


@pytest.mark.parametrize(
    "path,instance,expected",
    [
        (
            "events/review.approved.json",
            {**forge.review_payload("m"), "reviewed_seq": 3.0},
            "reviewed_seq: 3.0 is not of type 'integer'",
        ),
        (
            "events/review.approved.json",
            {**forge.review_payload("m"), "village_code": VILLAGE + "\n"},
            r"village_code: '410611100901\n' does not match '^[0-9]{12}$'",
        ),
        (
            "events/village.set_up.json",
            {"village": {**SET_UP["village"], "township_code": VILLAGE[:9] + "\n"}},
            r"village/township_code: '410611100\n' does not match '^([0-9]{9})?$'",
        ),
    ],
)
def test_payloads_have_exact_types_and_whole_codes(path, instance, expected):
    assert first_error(path, instance) == expected


@pytest.mark.parametrize(
    "pattern,expected",
    [
        ("^[0-9]{12}$", r"^[0-9]{12}\Z"),
        ("^(a|b$)$", r"^(a|b\Z)\Z"),
        (r"^\$[$]$", r"^\$[$]\Z"),  # an escaped or bracketed $ is a dollar sign
        (r"\S", r"\S"),
        (r"^[\]$]x$", r"^[\]$]x\Z"),
    ],
)
def test_whole_text_anchors(pattern, expected):
    assert whole_text(pattern) == expected
