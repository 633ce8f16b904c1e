"""An event's fields are listed once (`chain.EVENT_FIELDS`); every other home must agree."""

from __future__ import annotations

import hashlib
import json

from village_tui.domain.chain import EVENT_FIELDS, HASHED_FIELDS, Event, event_hash, seal
from village_tui.resources import data_dir
from village_tui.store.tables import EventRow
from village_tui.sync.verify import envelope_hash

SIGNED_BY = ("signature", "signer")


def test_the_field_list_is_the_ledger_envelope_in_its_recorded_order():
    assert EVENT_FIELDS == (
        "ledger", "seq", "type", "matter_id", "payload", "actor", "recorded_at", "prev_hash",
        "hash",
    )  # fmt: skip
    assert HASHED_FIELDS == (
        "actor", "ledger", "matter_id", "prev_hash", "recorded_at", "seq", "type",
    )  # fmt: skip


def test_the_event_table_holds_exactly_the_fields_and_who_signed():
    columns = [c.name for c in EventRow.__table__.columns]
    assert columns == ["id", *EVENT_FIELDS, *SIGNED_BY]


def test_the_bundle_schema_describes_exactly_the_fields():
    schema = json.loads(data_dir("schemas").joinpath("event.json").read_text("utf-8"))
    assert list(schema["properties"]) == [*EVENT_FIELDS, *SIGNED_BY]
    assert schema["required"] == list(EVENT_FIELDS)


def test_the_hash_is_the_documented_envelope_written_by_hand():
    e = Event("410611100901", 2, "step.recorded", None, '{"x":"中"}', "文书", "2026-11-20T08:00:00Z", "a" * 64)  # fmt: skip
    text = (
        '{"actor":"文书","ledger":"410611100901","matter_id":null,'
        f'"prev_hash":"{"a" * 64}","recorded_at":"2026-11-20T08:00:00Z","seq":2,'
        '"type":"step.recorded"}\n{"x":"中"}'
    )
    expected = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert event_hash(e) == envelope_hash(e) == seal(e).hash == expected
