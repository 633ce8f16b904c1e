"""Domain test fixtures: every test sees only the shipped rule profiles."""

from __future__ import annotations

import pytest

from village_tui import profiles


@pytest.fixture(autouse=True)
def _shipped_profiles_only(monkeypatch, tmp_path_factory):
    # A developer's own profiles folder must not change what the tests see.
    empty = tmp_path_factory.mktemp("no-user-profiles")
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_config_path", lambda *a, **k: empty)
    monkeypatch.delenv(profiles.ENV_VAR, raising=False)
    profiles.clear_cache()
    yield
    profiles.clear_cache()
