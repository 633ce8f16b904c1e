"""Random corruption of valid bundles: never an uncaught exception, never a changed database."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from village_tui.store.db import open_engine
from village_tui.sync import bundle as bf
from village_tui.sync.importer import import_bytes

from .helpers import dump, members, rezip

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@given(data=st.data())
@SETTINGS
def test_random_byte_flips_and_truncation(world, tmp_path_factory, data):
    db = tmp_path_factory.mktemp("h") / "t.db"
    shutil.copy(world.town1, db)
    engine = open_engine(db)
    before = dump(engine)
    raw = bytearray(world.b1.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] ^= data.draw(st.integers(1, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    results = import_bytes(engine, bytes(raw), "x.zip", trust_new=data.draw(st.booleans()))
    assert all(r.status in ("refused", "already", "nothing_new") for r in results)
    assert dump(engine) == before
    engine.dispose()


@given(data=st.data())
@SETTINGS
def test_random_member_edits(world, tmp_path_factory, data):
    db = tmp_path_factory.mktemp("h") / "t.db"
    shutil.copy(world.town1, db)
    engine = open_engine(db)
    before = dump(engine)
    m = members(world.b1.read_bytes())
    name = data.draw(st.sampled_from(sorted(m)))
    content = bytearray(m[name])
    action = data.draw(st.sampled_from(["flip", "cut", "insert", "drop", "rename"]))
    if action == "flip" and content:
        i = data.draw(st.integers(0, len(content) - 1))
        content[i] ^= data.draw(st.integers(1, 255))
    elif action == "cut":
        content = content[: data.draw(st.integers(0, len(content)))]
    elif action == "insert":
        i = data.draw(st.integers(0, len(content)))
        content[i:i] = data.draw(st.binary(min_size=1, max_size=20))
    items = [(k, bytes(content) if k == name else v) for k, v in m.items()]
    if action == "drop":
        items = [(k, v) for k, v in items if k != name]
    if action == "rename":
        new = data.draw(st.sampled_from(["../" + name, "/" + name, name.upper(), "a\\" + name]))
        items = [(new if k == name else k, v) for k, v in items]
    results = import_bytes(engine, rezip(items), "x.zip", trust_new=True, limits=bf.Limits())
    assert all(r.status in ("refused", "already", "nothing_new") for r in results)
    assert dump(engine) == before
    engine.dispose()
