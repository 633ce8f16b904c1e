"""A full disk is said in words (磁盘已满), and a full or closed standard output is one line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import REPO

from village_tui import atomic

FULL = "No space left on device"


@pytest.fixture
def full_database(monkeypatch):
    """SQLite as on a full disk: no page can be added to any database opened from now on."""
    real = sqlite3.dbapi2.connect

    def connect(*a, **kw):
        conn = real(*a, **kw)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)


INIT = ["init", "--code", "410611100901", "--name", "村", "--township", "乡", "--county", "县"]


def test_a_writing_command_on_a_full_disk(run, tmp_path, full_database):
    db = tmp_path / "新.db"
    code, out, err = run("--db", db, *INIT)
    assert (code, out) == (1, "")
    assert err == (
        "错误：磁盘已满，操作未完成，数据库未改动；请腾出空间后重试（database or disk is full）\n"
    )
    code, out, err = run("--lang", "en", "--db", db, *INIT)
    assert err == (
        "error: the disk is full; nothing was changed; free some space and try again"
        " (database or disk is full)\n"
    )


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["review", "--format", "json", "--out"], "r.json"),
        (["keys", "show", "--out"], "k.key"),
        (["export", "--out"], "U盘"),
    ],
)
def test_a_full_disk_when_writing_a_file(run, sample_db, tmp_path, monkeypatch, argv, name):
    def full(f, data: bytes) -> None:
        raise OSError(28, FULL)

    monkeypatch.setattr(atomic, "_write", full)
    out = tmp_path / name
    code, stdout, err = run("--db", sample_db, *argv, out)
    assert code == 1
    assert err == f"错误：无法写入 {out}：磁盘已满\n"
    assert not out.exists() or out.is_dir() and not any(out.iterdir())


def _cli(db: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argv = [sys.executable, "-m", "village_tui", "--db", str(db), *args]
    return subprocess.run(argv, stderr=subprocess.PIPE, text=True, env=env, timeout=120, **kw)


READERS = [
    ["review", "--format", "json"],
    ["rules"],
    ["keys", "show"],
    ["load-sample", "--list"],
    ["verify-db"],
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", READERS)
def test_standard_output_on_a_full_disk_is_one_line(sample_db, args):
    with open("/dev/full", "w") as full:
        done = _cli(sample_db, *args, stdout=full)
    assert (done.returncode, done.stderr) == (1, "错误：无法写入标准输出：磁盘已满\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
@pytest.mark.parametrize("args", READERS[:2])
def test_a_closed_standard_output_is_one_line(sample_db, args):
    read, write = os.pipe()
    os.close(read)  # `| head` that has already gone away
    with os.fdopen(write, "w") as w:
        done = _cli(sample_db, *args, stdout=w)
    assert done.returncode == 1
    assert done.stderr.startswith("错误：无法写入标准输出：") and done.stderr.count("\n") == 1
    assert "意外故障" not in done.stderr and "Traceback" not in done.stderr
