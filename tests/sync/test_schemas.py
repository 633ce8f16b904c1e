"""The schemas are valid JSON Schema, and every event the app writes fits them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from village_tui.domain.model import Roster
from village_tui.sample import sample_villages
from village_tui.store.db import read_session
from village_tui.store.tables import EventRow
from village_tui.sync.review import ReviewService
from village_tui.sync.schemas import all_schemas, first_error

from .helpers import TODAY, sample_village, service


def test_every_schema_passes_the_meta_schema():
    schemas = all_schemas()
    assert {
        "manifest.json",
        "event.json",
        "events/step.recorded.json",
        "events/correction.json",
    } <= set(schemas)
    for path, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert "/1.0/" in schema["$id"], path


def _all_events(engine):
    with read_session(engine) as s:
        return list(s.execute(select(EventRow)).scalars())


@pytest.mark.parametrize("code", [v.code for v in sample_villages()])
def test_every_event_the_app_writes_validates(tmp_path, code):
    engine = sample_village(tmp_path / "v.db", code)
    svc = service(engine)
    mid = svc.open_matter(title="测试事项", category="road", source="cadres", planned_fen=1234500)
    m = svc.state(mid).matter
    svc.correct_matter(replace(m, title="测试事项（改）"), reason="名称写错")
    svc.change_roster(
        replace(svc.village().roster, households=321),
        reason="户数更新",
        effective_on=date(2026, 11, 1),
    )
    # the township's review events, written into the same database for the check
    review = ReviewService(engine, today=lambda: TODAY)
    engine_role_township(engine)
    review.return_matter(mid, "请补充")
    clean = [r for r in review.rows() if not r.blocking and r.matter_id != mid]
    review.approve(clean[0].matter_id, "")
    seen = set()
    for e in _all_events(engine):
        envelope = {
            k: getattr(e, k)
            for k in (
                "ledger",
                "seq",
                "type",
                "matter_id",
                "payload",
                "actor",
                "recorded_at",
                "prev_hash",
                "hash",
                "signature",
                "signer",
            )
        }
        assert first_error("event.json", envelope) is None
        assert first_error(f"events/{e.type}.json", json.loads(e.payload)) is None, e.type
        seen.add(e.type)
    assert {
        "matter.opened",
        "step.recorded",
        "correction",
        "village.roster_changed",
        "review.approved",
        "review.returned",
    } <= seen


def engine_role_township(engine):
    from village_tui.store.db import write_session
    from village_tui.store.tables import SettingRow

    with write_session(engine) as s:
        s.get(SettingRow, "role").value = "township"


def test_the_full_lifecycle_is_covered_by_the_samples(tmp_path):
    types = set()
    for v in sample_villages():
        types |= {e.type for e in _all_events(sample_village(tmp_path / f"{v.code}.db", v.code))}
    assert {
        "village.set_up",
        "matter.opened",
        "step.recorded",
        "progress.recorded",
        "implementation.completed",
        "objection.recorded",
        "objection.answered",
        "correction",
    } <= types


@pytest.mark.parametrize(
    "path,instance,error",
    [
        (
            "events/matter.opened.json",
            {
                "matter": {
                    "id": "x",
                    "title": "t",
                    "category": "road",
                    "source": "s",
                    "planned_fen": 1.5,
                }
            },
            "matter/planned_fen: 1.5 is not of type 'integer'",
        ),
        (
            "events/review.returned.json",
            {
                "matter_id": "x",
                "village_code": "410611100901",
                "township_code": "410611100",
                "comment": " ",
                "reviewer": "r",
            },
            "comment: ' ' does not match '\\\\S'",
        ),
        (
            "events/step.recorded.json",
            {
                "matter_id": "x",
                "step": "resolution",
                "record": {"posted_on": "2026-01-01", "until": "2026-01-08"},
            },
            "record: 'held_on' is a required property",
        ),
    ],
)
def test_schemas_refuse_bad_payloads(path, instance, error):
    assert first_error(path, instance) == error


def test_roster_schema_matches_the_dataclass():
    props = all_schemas()["common.json"]["$defs"]["Roster"]["properties"]
    assert set(props) == set(Roster.__dataclass_fields__)
