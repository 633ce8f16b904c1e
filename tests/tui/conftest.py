"""Fixtures for the app's tests: a village database on a temp file, a fixed clock, no cursor blink."""

from __future__ import annotations

import pytest

from tests.tui.helpers import TODAY, VILLAGE
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "village.db"


@pytest.fixture
def service(db_path):
    """A service on an empty database with the fixed clock."""
    return VillageService(open_engine(db_path), actor="测试文书", today=lambda: TODAY)


@pytest.fixture
def village_service(service):
    """A service whose database already holds the test village."""
    service.set_up(VILLAGE)
    return service


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch):
    # A blinking cursor makes screenshots differ from run to run.
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


@pytest.fixture(autouse=True)
def _no_user_keymap(monkeypatch, tmp_path):
    # The tester's own keymap file must not change the keys the tests press.
    monkeypatch.setenv("VILLAGE_TUI_KEYMAP", str(tmp_path / "no-keymap.toml"))
