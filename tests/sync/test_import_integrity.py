"""Checks an import must make even when everything else about a bundle is right.

Each test builds a bundle that is correct (signed by the right key, hashes and
manifest in order) but for one thing, and fails when the check for that one
thing is dropped from `sync.verify` (hand mutations of issue 12).
"""

from __future__ import annotations

import json

import pytest

from village_tui.domain import events as ev
from village_tui.domain.chain import canonical_json, event_fields, event_from, seal
from village_tui.store.db import open_engine, read_session
from village_tui.store.ledger import head
from village_tui.sync import bundle as bf
from village_tui.sync.keys import sign

from . import forge
from .helpers import VILLAGE, members, other_key, own_key, resign
from .trio import dbs, refused, trio  # noqa: F401 - fixtures

# --- the signature on each review event -------------------------------------------


def _review_bundle(dbs, key, events, **changes) -> bytes:  # noqa: F811
    """Approvals continuing the trio's review ledger, the manifest signed by the township."""
    who = forge.signer(own_key(open_engine(dbs.town)), VILLAGE[:9], "township")
    with read_session(open_engine(dbs.county)) as s:
        seq, prev = head(s, "review:" + VILLAGE)
    return forge.bundle(key, who, events, first_seq=seq + 1, prev_hash=prev, **changes)


def _approval(matter: str) -> tuple[str, str, dict]:
    return (ev.REVIEW_APPROVED, matter, forge.review_payload(matter))


def _next_review_seq(dbs) -> int:  # noqa: F811
    with read_session(open_engine(dbs.county)) as s:
        return head(s, "review:" + VILLAGE)[0] + 1


def test_a_review_event_signed_over_something_else_is_refused(dbs, capsys):  # noqa: F811
    town_key = own_key(open_engine(dbs.town))
    # The manifest is truly the township's; the event carries its key's signature of
    # other bytes (lifted from elsewhere), so only the per-event check can tell.
    lifted = sign(town_key, b"another event's hash")
    data = _review_bundle(
        dbs, town_key, [_approval(dbs.blocked)], envelope_changes={"signature": lifted}
    )
    f = forge.write(dbs.root, "lifted.zip", data)
    why = f"the signature of review event {_next_review_seq(dbs)} does not verify"
    refused(capsys, dbs.county, f, why)
    refused(capsys, dbs.village, f, why)


def test_a_review_event_signed_by_another_key_is_refused(dbs, capsys):  # noqa: F811
    town_key, stranger = own_key(open_engine(dbs.town)), other_key()
    events = [_approval(dbs.blocked)]
    plain = _review_bundle(dbs, town_key, events)
    line = json.loads(members(plain)[bf.EVENTS])
    # the right fingerprint named, the signature made by a key that is not it
    line["signature"] = sign(stranger, line["hash"].encode())
    data = resign(plain, (canonical_json(line) + "\n").encode(), town_key)
    f = forge.write(dbs.root, "stranger.zip", data)
    refused(capsys, dbs.county, f, f"the signature of review event {line['seq']} does not verify")


def test_a_correctly_signed_review_bundle_is_taken(dbs, capsys):  # noqa: F811
    """The positive twin: the same bundle with honest signatures imports."""
    from .helpers import cli

    town_key = own_key(open_engine(dbs.town))
    f = forge.write(dbs.root, "honest.zip", _review_bundle(dbs, town_key, [_approval(dbs.blocked)]))
    code, _, err = cli(capsys, "--db", dbs.county, "import", f)
    assert (code, err) == (0, "")


# --- the canonical form of each payload -------------------------------------------


def _reversed(value):
    """`value` with the keys of every object in reverse order (not sorted)."""
    if isinstance(value, dict):
        return {k: _reversed(value[k]) for k in reversed(list(value))}
    return value


NOT_CANONICAL = {
    "spaces": lambda p: json.dumps(p, ensure_ascii=False, sort_keys=True),
    "unsorted keys": lambda p: json.dumps(_reversed(p), ensure_ascii=False, separators=(",", ":")),
    "ascii escapes": lambda p: json.dumps(
        p, ensure_ascii=True, sort_keys=True, separators=(",", ":")
    ),
    "Infinity": lambda p: canonical_json(p)[:-1] + ',"x":Infinity}',
}


@pytest.mark.parametrize("how", sorted(NOT_CANONICAL))
def test_a_payload_not_in_canonical_form_is_refused_though_its_hash_holds(
    world, town, tmp_path, capsys, how
):
    data = world.b2.read_bytes()
    line = json.loads(members(data)[bf.EVENTS])
    e = event_from(line)
    text = NOT_CANONICAL[how](json.loads(e.payload))
    assert text != e.payload
    # sealed over the very text stored: the hash is right, only the form is wrong
    forged = seal(event_from({**event_fields(e), "payload": text}))
    events = (canonical_json(event_fields(forged)) + "\n").encode()
    key = own_key(open_engine(world.village_db))
    f = forge.write(tmp_path, "c.zip", resign(data, events, key, last_hash=forged.hash))
    refused(
        capsys, town, f, f"event {e.seq} breaks the hash chain: payload is not in canonical form"
    )


def test_the_same_event_in_canonical_form_is_taken(world, town, tmp_path, capsys):
    """The positive twin: resealed from its canonical text, the event imports."""
    from .helpers import cli

    data = world.b2.read_bytes()
    line = json.loads(members(data)[bf.EVENTS])
    e = event_from(line)
    forged = seal(event_from({**event_fields(e), "payload": canonical_json(json.loads(e.payload))}))
    assert forged.hash == e.hash
    events = (canonical_json(event_fields(forged)) + "\n").encode()
    key = own_key(open_engine(world.village_db))
    f = forge.write(tmp_path, "ok.zip", resign(data, events, key, last_hash=forged.hash))
    code, _, err = cli(capsys, "--db", town, "import", f)
    assert (code, err) == (0, "")
