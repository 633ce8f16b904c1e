"""Every test gets its own data, config, state, cache and log folders: the user's stay untouched."""

from __future__ import annotations

import pytest

FOLDERS = {
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
}
KINDS = ("data", "config", "state", "cache", "log", "runtime")


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch):
    """platformdirs pointed at a fresh folder (the env for subprocesses on Linux, patched for all)."""
    import platformdirs

    base = tmp_path_factory.mktemp("user-folders")
    for var, name in FOLDERS.items():
        monkeypatch.setenv(var, str(base / name))
    monkeypatch.delenv("VILLAGE_TUI_DB", raising=False)
    for kind in KINDS:
        for suffix in ("path", "dir"):

            def folder(appname=None, *a, _kind=kind, _suffix=suffix, **kw):
                p = base / _kind / (appname or "")
                return p if _suffix == "path" else str(p)

            monkeypatch.setattr(platformdirs, f"user_{kind}_{suffix}", folder)
    return base
