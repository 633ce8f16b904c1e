"""The import's fast paths give exactly what the plain ones give, and refuse what they refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from village_tui.domain.chain import Event, canonical_json, event_hash, seal
from village_tui.store.apply import canonical_text
from village_tui.store.db import open_engine
from village_tui.sync import bundle as bf
from village_tui.sync.importer import init_receiving
from village_tui.sync.schemas import first_error
from village_tui.sync.verify import envelope_hash

from .helpers import cli, dump, members, own_key, resign

# Text with everything JSON escapes or keeps as it is: quotes, backslashes,
# control characters, CJK, astral characters, and lone surrogates.
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_canonical_text_is_canonical_json(value):
    assert _outcome(canonical_text, value) == _outcome(canonical_json, value)


def _outcome(fn, *args):
    """The result, or the kind of exception raised."""
    try:
        return fn(*args)
    except (ValueError, TypeError) as exc:
        return type(exc)


@settings(max_examples=300, deadline=None)
@given(
    ledger=TEXT,
    seq=st.integers(min_value=-(2**70), max_value=2**70) | st.floats(),
    type_=TEXT,
    matter_id=st.none() | TEXT,
    payload=TEXT,
    actor=TEXT,
    recorded_at=TEXT,
    prev_hash=TEXT,
)
def test_envelope_hash_is_event_hash(
    ledger, seq, type_, matter_id, payload, actor, recorded_at, prev_hash
):
    e = Event(ledger, seq, type_, matter_id, payload, actor, recorded_at, prev_hash)
    assert _outcome(envelope_hash, e) == _outcome(event_hash, e)


def _bad_record_bundle(world, tmp_path: Path, change, schema_ok=True) -> tuple[Path, int]:
    """b1 cut after its first meeting, that meeting's record changed by `change`, all re-sealed."""
    data = world.b1.read_bytes()
    lines = members(data)[bf.EVENTS].decode().splitlines()
    envs = [json.loads(x) for x in lines]
    k = next(
        i
        for i, d in enumerate(envs)
        if d["type"] == "step.recorded" and "held_on" in json.loads(d["payload"])["record"]
    )
    envs = envs[: k + 1]
    payload = json.loads(envs[k]["payload"])
    change(payload["record"])
    # the schema lets it by (or, with schema_ok False, does not)
    assert (first_error("events/step.recorded.json", payload) is None) is schema_ok
    envs[k]["payload"] = canonical_json(payload)
    keys = ("ledger", "seq", "type", "matter_id", "payload", "actor", "recorded_at", "prev_hash")
    envs[k]["hash"] = seal(Event(**{f: envs[k][f] for f in keys})).hash
    events = "".join(canonical_json(d) + "\n" for d in envs).encode()
    key = own_key(open_engine(world.village_db))
    changes = {"last_seq": envs[k]["seq"], "last_hash": envs[k]["hash"], "event_count": k + 1}
    f = tmp_path / "bad.zip"
    f.write_bytes(resign(data, events, key, **changes))
    return f, envs[k]["seq"]


def _date(record):
    record["held_on"] = "2026-02-30"  # fits the schema's pattern, is no date


def _float(record):
    record["present"] = 40.0  # an integer to plain JSON Schema; to ours, as to the domain, not


@pytest.mark.parametrize("change", [_date], ids=["no_such_date"])
def test_a_record_the_schema_passes_but_the_domain_cannot_read_is_refused(
    world, tmp_path, capsys, change
):
    # The schemas check types and shapes, not that a date exists nor that a
    # count is an int: apply (through the domain's from_payload) must refuse these.
    f, seq = _bad_record_bundle(world, tmp_path, change)
    db = tmp_path / "town.db"
    engine = open_engine(db)
    init_receiving(engine)
    before = dump(engine)
    code, _, err = cli(capsys, "--db", db, "import", "--trust-new", f)
    assert code == 1
    assert err.startswith(f"error: {f}: ") and f"{seq}" in err
    assert dump(engine) == before
    engine.dispose()


def test_an_integral_float_is_refused_by_the_schema(world, tmp_path, capsys):
    f, seq = _bad_record_bundle(world, tmp_path, _float, schema_ok=False)
    db = tmp_path / "town.db"
    engine = open_engine(db)
    init_receiving(engine)
    before = dump(engine)
    code, _, err = cli(capsys, "--db", db, "import", "--trust-new", f)
    assert (code, err.strip()) == (
        1,
        f"error: {f}: event {seq} (step.recorded) breaks its schema: "
        "record/present: 40.0 is not of type 'integer'",
    )
    assert dump(engine) == before
    engine.dispose()


def test_a_batch_that_writes_midway_updates_rows_written_earlier(world, tmp_path, monkeypatch):
    """Rows inserted by an earlier write of the same bundle and changed after it are updated."""
    from village_tui.store import ledger
    from village_tui.sync.importer import import_bundles

    from .helpers import VILLAGE, derived

    def imported(name: str):
        t = open_engine(tmp_path / name)
        init_receiving(t)
        assert import_bundles(t, [world.b1, world.b2], trust_new=True).exit_code == 0
        return t

    whole = imported("whole.db")
    monkeypatch.setattr(ledger, "WRITE_EVERY", 3)
    pieces = imported("pieces.db")
    # each township signs its own checkpoints, with its own key: the village ledger is compared
    assert derived(pieces, only_ledger=VILLAGE) == derived(whole, only_ledger=VILLAGE)
    assert len(derived(whole)["step"]) > 3
    whole.dispose()
    pieces.dispose()
