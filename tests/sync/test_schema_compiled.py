"""The compiled schema checks say "valid" exactly when jsonschema does, on valid and broken data."""

from __future__ import annotations

import copy
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from village_tui.sample import sample_villages
from village_tui.store.db import read_session
from village_tui.store.tables import EventRow
from village_tui.sync.schemas import Unsupported, all_schemas, compile_validator, fast_check
from village_tui.sync.schemas import validator as js_validator

from .helpers import sample_village

ENVELOPE = ("ledger", "seq", "type", "matter_id", "payload", "actor", "recorded_at")
ENVELOPE += ("prev_hash", "hash", "signature", "signer")

# Values chosen to sit on the edges the shipped schemas draw: types, bools that
# look like ints, integral floats, dates, hashes, lengths, enums, NaN.
ODD = [
    None,
    True,
    False,
    0,
    -1,
    1,
    1.0,
    1.5,
    -0.5,
    math.nan,
    "",
    " ",
    "x",
    "2026-01-01",
    "2026-1-1",
    "410611100901",
    "410611100901\n",  # Python's $ matches before a final newline; ours does not
    "41061110090",
    "0" * 64 + "\n",
    "2026-01-01\n",
    3.0,
    "review:410611100901",
    "0" * 64,
    "g" * 64,
    "a" * 65,
    "a" * 129,
    "proposal",
    "resolution_disclosure",
    "in_person",
    "ballot",
    "road",
    [],
    ["a"],
    [1],
    [{"name": "n", "post": "p"}],
    [{"name": "n"}],
    {},
    {"x": 1},
]


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    """(schema path, valid instance) for every event of the sample villages, envelope and payload."""
    out = []
    for v in sample_villages():
        engine = sample_village(tmp_path_factory.mktemp("v") / "v.db", v.code)
        with read_session(engine) as s:
            for e in s.execute(select(EventRow)).scalars():
                out.append(("event.json", {k: getattr(e, k) for k in ENVELOPE}))
                out.append((f"events/{e.type}.json", json.loads(e.payload)))
        engine.dispose()
    return out


def test_every_shipped_schema_compiles():
    for path in all_schemas():
        try:
            compile_validator(js_validator(path))
        except Unsupported as exc:  # pragma: no cover - then imports fall back to jsonschema
            pytest.fail(f"{path}: {exc}")


def test_valid_data_is_valid_both_ways(instances):
    assert len({p for p, _ in instances}) >= 8
    for path, inst in instances:
        assert fast_check(path)(inst) is True, path
        assert js_validator(path).is_valid(inst), path


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _mutate(inst, path, action, odd):
    inst = copy.deepcopy(inst)
    if not path:
        return odd
    parent = inst
    for p in path[:-1]:
        parent = parent[p]
    last = path[-1]
    if action == "replace":
        parent[last] = odd
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[odd if isinstance(odd, str) else "extra"] = odd
    return inst


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_broken_data_gets_the_same_verdict(instances, data):
    path, inst = data.draw(st.sampled_from(instances))
    for _ in range(data.draw(st.integers(1, 3))):
        spots = list(_paths(inst))
        spot = data.draw(st.sampled_from(spots))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        inst = _mutate(inst, spot, action, data.draw(st.sampled_from(ODD)))
    verdict = js_validator(path).is_valid(inst)
    assert fast_check(path)(inst) == verdict, (path, inst)
    # Where neither of our two stricter readings can apply, stock jsonschema agrees too.
    if not _has_float_or_final_newline(inst):
        assert _stock(path).is_valid(inst) == verdict, (path, inst)


def _has_float_or_final_newline(value) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, str):
        return value.endswith("\n")
    if isinstance(value, dict):
        return any(_has_float_or_final_newline(v) for v in [*value, *value.values()])
    if isinstance(value, list):
        return any(_has_float_or_final_newline(v) for v in value)
    return False


def _stock(path: str):
    from jsonschema import Draft202012Validator

    v = js_validator(path)
    return Draft202012Validator(v.schema, registry=v._resolver._registry)


def test_the_two_stricter_readings_are_where_stock_jsonschema_differs():
    approved = {
        "matter_id": "m",
        "village_code": "410611100901",
        "township_code": "410611100",
        "comment": "",
        "reviewer": "",
        "reviewed_seq": 1,
    }
    for odd in ({"reviewed_seq": 1.0}, {"village_code": "410611100901\n"}):
        inst = {**approved, **odd}
        assert _stock("events/review.approved.json").is_valid(inst)
        assert not js_validator("events/review.approved.json").is_valid(inst)
        assert fast_check("events/review.approved.json")(inst) is False
    assert fast_check("events/review.approved.json")(approved) is True


@pytest.mark.parametrize(
    "path,instance",
    [
        ("events/step.recorded.json", {"matter_id": "m", "step": "proposal", "record": {}}),
        ("events/step.recorded.json", {"matter_id": "m", "step": "x", "record": {"held_on": 1}}),
        ("event.json", {k: "0" * 64 for k in ENVELOPE}),
        ("events/matter.opened.json", {"matter": {"id": "", "title": "t", "category": "c"}}),
        ("events/progress.recorded.json", {"matter_id": "m", "entry": {"id": "p", "on": True}}),
    ],
)
def test_hand_picked_breaks_agree(path, instance):
    assert fast_check(path)(instance) is False
    assert not js_validator(path).is_valid(instance)
