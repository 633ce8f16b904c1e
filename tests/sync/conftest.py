"""A village with two exports, a fork of it, and township databases to import into."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from village_tui.store.db import open_engine
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles, init_receiving

from .helpers import TODAY, sample_village, service
from .trio import dbs, trio  # noqa: F401 - fixtures for the trust tests


@dataclass
class World:
    root: Path
    village_db: Path
    b1: Path  # events 1..n
    b2: Path  # events n+1..m
    full_old: Path  # a --full export made at n, under another name
    fork: Path  # n+1 from a copy of the village that went another way
    town1: Path  # a township database holding b1, the village's key trusted


def _clock(stamp: str):
    return lambda: stamp


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    root = tmp_path_factory.mktemp("world")
    vdb = root / "village.db"
    engine = sample_village(vdb)
    (b1,) = export_bundles(engine, root / "b1", now=_clock("2026-11-20T08:00:00Z"))
    (full_old,) = export_bundles(
        engine, root / "old", full=True, now=_clock("2026-11-20T09:00:00Z")
    )
    engine.dispose()
    shutil.copy(vdb, root / "fork.db")
    engine = open_engine(vdb)
    service(engine).open_matter(title="村东水井维修", category="public_works", source="cadres")
    (b2,) = export_bundles(engine, root / "b2", now=_clock("2026-11-21T08:00:00Z"))
    engine.dispose()
    fork_engine = open_engine(root / "fork.db")
    service(fork_engine).open_matter(title="另一条岔开的事项", category="other", source="cadres")
    (fork,) = export_bundles(fork_engine, root / "forkout", now=_clock("2026-11-21T08:00:00Z"))
    fork_engine.dispose()
    town1 = root / "town1.db"
    t = open_engine(town1)
    init_receiving(t)
    assert import_bundles(t, [b1.path], trust_new=True).exit_code == 0
    t.dispose()
    return World(root, vdb, b1.path, b2.path, full_old.path, fork.path, town1)


@pytest.fixture
def town(world, tmp_path) -> Path:
    """A fresh copy of the township database that holds b1."""
    path = tmp_path / "town.db"
    shutil.copy(world.town1, path)
    return path


@pytest.fixture
def empty_town(tmp_path) -> Path:
    path = tmp_path / "empty-town.db"
    init_receiving(open_engine(path))
    return path


__all__ = ["TODAY", "World"]
