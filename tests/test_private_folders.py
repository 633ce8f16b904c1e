"""Tests leave the user's machine alone; `village-tui demo` leaves nothing behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest


def test_every_user_folder_is_the_tests_own(private_user_folders):
    from village_tui.cli.output import log_path
    from village_tui.store.db import default_db_path
    from village_tui.sync.demo import default_demo_dir

    for path in (log_path(), default_db_path(), default_demo_dir()):
        assert private_user_folders in path.parents, path
        assert Path.home() not in path.parents or Path.home() in private_user_folders.parents


def test_an_unexpected_failure_logs_into_the_tests_folder(
    private_user_folders, capsys, monkeypatch
):
    from village_tui.cli import output
    from village_tui.cli.output import log_path, unexpected

    monkeypatch.setattr(output, "_lang", "zh")  # whatever language an earlier test left
    assert unexpected(ZeroDivisionError("a test's own failure")) == 1
    assert private_user_folders in log_path().parents
    assert "a test's own failure" in log_path().read_text(encoding="utf-8")
    assert f"详情见 {log_path()}" in capsys.readouterr().err


@pytest.mark.parametrize("fails", [False, True])
def test_demo_removes_its_temporary_copy(tmp_path, monkeypatch, capsys, fails):
    from village_tui.cli.main import main
    from village_tui.tui import app

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen = []

    def run(self):
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        if fails:
            raise RuntimeError("the terminal went away")

    monkeypatch.setattr(app.VillageApp, "run", run)
    assert main(["demo"]) == (1 if fails else 0)
    assert len(seen) == 1 and seen[0][0].startswith("village-tui-demo-")  # it was there
    assert list(tmp_path.iterdir()) == []
