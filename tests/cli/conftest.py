"""Fixtures for CLI tests: the command run in-process, and a sample database to copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import NOW, TODAY, copy_db


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
def sample_master(tmp_path_factory) -> Path:
    """A sample database loaded once; tests copy it with `copy_db`."""
    from village_tui.sample import load_sample
    from village_tui.store.db import open_engine

    path = tmp_path_factory.mktemp("master") / "sample.db"
    engine = open_engine(path)
    load_sample(engine, today=TODAY, now=NOW)
    engine.dispose()
    return path


@pytest.fixture
def sample_db(sample_master, tmp_path) -> Path:
    return copy_db(sample_master, tmp_path / "sample.db")
