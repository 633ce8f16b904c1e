"""What `--db` may name: nothing is made of a typo, a file that is no database stays as it is,
and a database on read-only media is read without being written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

AWKWARD = "张三 的 文件夹 100%"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# A mistyped folder or file is never created.


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--code", "410611100901", "--name", "村", "--township", "乡", "--county", "县"],
        ["load-sample"],
        ["keys", "show"],
        ["import", "b.zip"],
    ],
)
def test_a_mistyped_folder_is_not_created(run, tmp_path, args):
    (tmp_path / "b.zip").write_bytes(b"PK")
    db = tmp_path / "U盘" / "typo" / "village.db"
    if "import" in args:
        args = ["import", str(tmp_path / "b.zip")]
    code, out, err = run("--db", db, *args)
    assert code == 1 and out == ""
    assert err == f"错误：文件夹不存在：{db.parent}（请检查 --db 的路径；不会新建文件夹）\n"
    assert _files(tmp_path) == ["b.zip"]


def test_a_mistyped_folder_in_english(run, tmp_path):
    db = tmp_path / "nope" / "v.db"
    code, _, err = run("--lang", "en", "--db", db, "load-sample")
    assert code == 1
    assert (
        err == f"error: no such folder: {db.parent} (check the --db path; no folder is created)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["verify-db"],
        ["rebuild"],
        ["review"],
        ["review", "--format", "json"],
        ["keys", "list"],
        ["export", "--out", "out"],
        ["review", "approve", "abc"],
        ["county", "report", "--year", "2025"],
    ],
)
def test_reading_commands_never_create_a_database(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "typo.db"
    code, out, err = run("--db", db, *args)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"{db}" in err and ("不存在" in err)
    assert _files(tmp_path) == []


# A file that is not a database: said so, and left exactly as it was.


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        (b"", "空文件，不是数据库（未作改动）", "an empty file, not a database (left as it is)"),
        (
            "姓名,金额\n张三,100\n".encode("gbk"),
            "不是 SQLite 数据库文件（未作改动）",
            "not a SQLite database file (left as it is)",
        ),
        (b"SQLite format 2\x00" + b"\x00" * 100, "不是 SQLite 数据库文件（未作改动）", None),
    ],
)
@pytest.mark.parametrize("command", [["verify-db"], ["rebuild"], ["keys", "list"], ["review"]])
def test_verify_db_on_a_file_that_is_no_database(run, tmp_path, content, zh, en, command):
    db = tmp_path / AWKWARD / "台账.db"
    db.parent.mkdir()
    db.write_bytes(content)
    code, out, err = run("--db", db, *command)
    assert (code, out, err) == (1, "", f"错误：无法打开数据库 {db}：{zh}\n")
    assert db.read_bytes() == content and _files(db.parent) == ["台账.db"]
    if en:
        code, out, err = run("--lang", "en", "--db", db, *command)
        assert err == f"error: cannot open database {db}: {en}\n"


def test_a_folder_or_a_fifo_as_the_database(run, tmp_path):
    folder = tmp_path / "d.db"
    folder.mkdir()
    code, _, err = run("--db", folder, "verify-db")
    assert (code, err) == (1, f"错误：无法打开数据库 {folder}：这是文件夹，不是数据库文件\n")
    if not hasattr(os, "mkfifo"):
        return
    fifo = tmp_path / "f.db"
    os.mkfifo(fifo)
    for args in (["verify-db"], ["init", "--code", "410611100901", "--name", "村", "--township",
                                  "乡", "--county", "县"]):  # fmt: skip
        code, _, err = run("--db", fifo, *args)
        assert (code, err) == (1, f"错误：无法打开数据库 {fifo}：不是普通文件（设备或管道）\n")


# Read-only media: every reading command works, and nothing beside the file appears.

READING = [
    ["verify-db"],
    ["rules"],
    ["keys", "list"],
    ["review"],
    ["review", "--format", "json"],
    ["county", "report", "--year", "2026", "--format", "json"],
]


@pytest.fixture
def read_only_media(sample_db, monkeypatch) -> Path:
    """The sample database on media nobody can write, as the OS and SQLite would show it.

    Tests run as root on the build machine, where chmod stops nothing: `os.access` says what
    it says on a CD (EROFS), and SQLite cannot open the file for writing.
    """
    import sqlite3

    folder = sample_db.parent / AWKWARD
    folder.mkdir()
    db = folder / "村 台账.db"
    shutil.move(sample_db, db)
    real_access, real_connect = os.access, sqlite3.connect

    def access(path, mode, *a, **kw):
        if mode & os.W_OK and Path(path).resolve() in (db.resolve(), folder.resolve()):
            return False
        return real_access(path, mode, *a, **kw)

    def connect(name, *a, uri=False, **kw):
        read_only = uri and ("immutable=1" in str(name) or "mode=ro" in str(name))
        if str(name).endswith(db.name) and not read_only:
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(name, *a, uri=uri, **kw)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # what SQLAlchemy calls
    return db


@pytest.mark.parametrize("args", READING)
def test_reading_commands_open_read_only_media_read_only(run, read_only_media, args):
    before = read_only_media.read_bytes()
    code, out, err = run("--db", read_only_media, *args)
    assert (code, err) == (0, "") and (out or args == ["keys", "list"])
    assert read_only_media.read_bytes() == before
    assert _files(read_only_media.parent) == [read_only_media.name]


def test_a_writing_command_on_read_only_media_says_it_cannot_open(run, read_only_media):
    code, out, err = run("--db", read_only_media, "rebuild")
    assert (code, out) == (1, "")
    assert err == f"错误：无法打开数据库 {read_only_media}：unable to open database file\n"


def test_read_only_media_is_opened_immutable_and_a_plain_file_mode_ro(monkeypatch, tmp_path):
    from village_tui.cli import common
    from village_tui.store.db import sqlite_file

    db = tmp_path / AWKWARD / "a?b#c%.db"
    db.parent.mkdir()
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()

    class Args:
        db_url = None

    Args.db = str(db)
    seen = {}
    monkeypatch.setattr(common, "writable", lambda p: seen.setdefault(p, p != db.parent))
    url = common._checked_file(Args, Args.db, create=False, read_only=True)
    assert url.query == {"immutable": "1", "uri": "true"} and sqlite_file(url) == db
    monkeypatch.setattr(common, "writable", lambda p: p != db)
    url = common._checked_file(Args, Args.db, create=False, read_only=True)
    assert url.query == {"mode": "ro", "uri": "true"}
    assert common._checked_file(Args, Args.db, create=False, read_only=False) == Args.db
