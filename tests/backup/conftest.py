"""Fixtures for backup tests: the CLI run in-process and a sample village database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.cli_support import NOW, TODAY


@pytest.fixture
def run(capsys):
    """Run `village-tui ARGS` in this process: (exit code, stdout, stderr)."""
    from village_tui.cli.main import main

    def _run(*args: str):
        capsys.readouterr()
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


@pytest.fixture(scope="session")
def village_master(tmp_path_factory) -> Path:
    from village_tui.sample import load_sample
    from village_tui.store.db import open_engine
    from village_tui.sync.keys import ensure_own_key

    path = tmp_path_factory.mktemp("master") / "village.db"
    engine = open_engine(path)
    load_sample(engine, today=TODAY, now=NOW)
    ensure_own_key(engine)
    engine.dispose()
    return path


@pytest.fixture
def village_db(village_master, tmp_path) -> Path:
    dst = tmp_path / "pc" / "village.db"
    dst.parent.mkdir()
    with sqlite3.connect(village_master) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst
