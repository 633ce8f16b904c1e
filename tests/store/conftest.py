"""Fixtures for the store tests: databases on temporary files."""

from __future__ import annotations

import pytest
from store_support import NOW, TODAY, clock, make_village

from village_tui.store.db import open_engine
from village_tui.store.services import VillageService


@pytest.fixture
def engine(tmp_path):
    e = open_engine(tmp_path / "v.db")
    yield e
    e.dispose()


@pytest.fixture
def service(engine) -> VillageService:
    svc = VillageService(engine, actor="测试文书", today=lambda: TODAY, now=clock())
    svc.set_up(make_village())
    return svc


@pytest.fixture
def sample_engine(tmp_path):
    from village_tui.sample import load_sample

    e = open_engine(tmp_path / "sample.db")
    load_sample(e, today=TODAY, now=NOW)
    yield e
    e.dispose()
