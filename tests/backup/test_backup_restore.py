"""A backup restored into a new folder is the original, table for table, and verifies."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from village_tui.sync.rolling import LAST_AT_KEY, LAST_FILE_KEY

# Written into the original after its backup is made (for the dashboard), so not in the copy.
AFTER_BACKUP = {LAST_AT_KEY, LAST_FILE_KEY}


def tables(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        out = {n: sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}
        out["setting"] = sorted(
            repr(r) for r in conn.execute("SELECT * FROM setting") if r[0] not in AFTER_BACKUP
        )
        return out
    finally:
        conn.close()


def test_restored_backup_equals_the_original_and_verifies(run, village_db, tmp_path):
    out = tmp_path / "stick" / "村备份.vtbackup"
    code, said, err = run("--db", village_db, "backup", "--out", out)
    assert code == 0, err
    assert said.startswith("已备份 示例·前进村（410611100901）：共 111 条记录")
    new = tmp_path / "新电脑" / "village.db"
    new.parent.mkdir()  # --db names a file in a folder that exists (a restore makes no folder)
    code, said, err = run("--db", new, "restore", out)
    assert code == 0, err
    assert "已从备份恢复 示例·前进村（410611100901）：共 111 条记录" in said
    original = tables(village_db)
    assert len(original) > 10 and original["event"]  # the comparison compares something
    assert tables(new) == original
    code, said, _ = run("--db", new, "verify-db")
    assert code == 0 and said.startswith("台账完整：1 本台账，111 条记录")


def test_the_key_travels_with_the_backup(run, village_db, tmp_path):
    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    new = tmp_path / "new.db"
    run("--db", new, "restore", out)
    code_a, a, _ = run("--db", village_db, "keys", "show")
    code_b, b, _ = run("--db", new, "keys", "show")
    assert code_a == code_b == 0 and a == b and "指纹" in a


def test_manifest_is_signed_and_names_the_head(run, village_db, tmp_path):
    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
        signature = z.read("manifest.sig").decode()
        body = z.read("manifest.json")
    conn = sqlite3.connect(village_db)
    seq, hash_ = conn.execute(
        "SELECT seq, hash FROM ledger_head WHERE ledger = '410611100901'"
    ).fetchone()
    own = conn.execute("SELECT public_key FROM own_key").fetchone()[0]
    conn.close()
    assert (manifest["village_code"], manifest["head_seq"], manifest["head_hash"]) == (
        "410611100901",
        seq,
        hash_,
    )
    from village_tui.sync.keys import verify_signature

    assert manifest["public_key"] == own
    assert verify_signature(own, signature, body)


def test_an_existing_database_is_replaced_only_when_asked_and_is_kept(run, village_db, tmp_path):
    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    target = tmp_path / "other.db"
    target.write_bytes(b"old data")
    code, _, err = run("--db", target, "restore", out)
    assert code == 1
    assert err.strip() == (
        f"错误：目标数据库 {target} 已存在；如确要用备份替换它，请加 --replace（原文件会改名保留）"
    )
    assert target.read_bytes() == b"old data"
    code, said, err = run("--db", target, "restore", out, "--replace")
    assert code == 0, err
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("other.db.before-restore-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"old data"
    assert f"原数据库已改名保留为 {kept[0]}" in said


def test_replacing_moves_the_old_wal_too(tmp_path, village_db):
    """A new database must never sit beside the old one's -wal (SQLite would apply it)."""
    from village_tui.sync.backup import make_backup
    from village_tui.sync.restore import restore

    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    target = tmp_path / "t.db"
    target.write_bytes(b"old")
    Path(str(target) + "-wal").write_bytes(b"old wal")
    done = restore(out, target, replace=True)
    assert not Path(str(target) + "-wal").exists()
    # Kept exactly: looking for the old file's checkpoint opens it read-only (opened for
    # writing, SQLite deleted the -wal it could not read, or would checkpoint one it could).
    assert done.kept_aside.read_bytes() == b"old"
    assert Path(str(done.kept_aside) + "-wal").read_bytes() == b"old wal"


def test_the_old_databases_wal_is_kept_as_it_was(tmp_path, village_db):
    """A replaced database whose -wal holds transactions: kept aside with that -wal unchanged."""
    import shutil

    from village_tui.sync.backup import make_backup
    from village_tui.sync.restore import restore

    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    conn = sqlite3.connect(village_db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO setting (key, value) VALUES ('only_in_wal', 'x')")
    conn.commit()
    target = tmp_path / "t.db"
    for end in ("", "-wal", "-shm"):
        shutil.copy(str(village_db) + end, str(target) + end)
    conn.close()
    main, wal = target.read_bytes(), Path(str(target) + "-wal").read_bytes()
    assert len(wal) > 0
    done = restore(out, target, replace=True)
    assert done.kept_aside.read_bytes() == main
    assert Path(str(done.kept_aside) + "-wal").read_bytes() == wal


def test_restore_in_english(run, village_db, tmp_path):
    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    code, said, _ = run("--lang", "en", "--db", tmp_path / "n.db", "restore", out)
    assert code == 0 and "Restored 示例·前进村 (410611100901): 111 entries" in said


@pytest.mark.parametrize("command", ["backup --out x.vtbackup", "restore x.vtbackup"])
def test_backup_paths_import_no_textual(village_db, tmp_path, command):
    import os
    import subprocess
    import sys

    from tests.cli.cli_support import REPO

    if command.startswith("restore"):
        subprocess.run(
            [sys.executable, "-m", "village_tui", "--db", village_db, "backup", "--out",
             tmp_path / "x.vtbackup"],
            check=True, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
        )  # fmt: skip
        db = tmp_path / "restored.db"
    else:
        db = village_db
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['village-tui', '--db', {str(db)!r}] + {command.split()!r}\n"
        "from village_tui.cli.main import main\n"
        "rc = main()\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "assert 'village_tui.sync.backup' in sys.modules\n"
        "print(bad)\n"
        "raise SystemExit(rc or (1 if bad else 0))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_copy_inside_is_one_self_contained_file(village_db, tmp_path):
    """Not in WAL mode: restored alone, without a -wal beside it, it holds everything."""
    from village_tui.sync.backup import make_backup

    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    with zipfile.ZipFile(out) as z:
        header = z.read("village.db")[:20]
    assert header.startswith(b"SQLite format 3\x00")
    assert header[18:20] == b"\x01\x01"  # rollback journal; WAL would be 2, 2


def test_a_new_database_with_a_chinese_name_is_made(run, tmp_path):
    """SQLAlchemy 2.1 percent-encodes 村.db in its URL; Alembic's config must take it."""
    db = tmp_path / "备份测试" / "村.db"
    db.parent.mkdir()  # load-sample makes the file, never a folder for --db (harden-io)
    code, said, err = run("--db", db, "load-sample")
    assert code == 0, err
    code, said, err = run("--db", db, "backup", "--out", tmp_path / "村.vtbackup")
    assert code == 0, err
    new = tmp_path / "新 电脑 100%#" / "村.db"
    new.parent.mkdir()
    code, said, err = run("--db", new, "restore", tmp_path / "村.vtbackup")
    assert code == 0, err
    code, said, err = run("--db", new, "verify-db")
    assert code == 0 and said.startswith("台账完整"), err


def test_a_restore_makes_no_folder_for_a_mistyped_db(run, village_db, tmp_path):
    """As for init: the file may be made, in a folder that exists; a typo makes nothing."""
    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    new = tmp_path / "U盘" / "typo" / "village.db"
    code, said, err = run("--db", new, "restore", out)
    assert (code, said) == (1, "")
    assert err == f"错误：文件夹不存在：{new.parent}（请检查 --db 的路径；不会新建文件夹）\n"
    assert not (tmp_path / "U盘").exists()
    code, _, err = run("--lang", "en", "--db", new, "restore", out)
    assert code == 1
    assert (
        err == f"error: no such folder: {new.parent} (check the --db path; no folder is created)\n"
    )


def test_a_restore_onto_a_new_pc_makes_the_default_folder(run, village_db, tmp_path):
    """No --db: the database in the user's data folder, which may not exist yet."""
    from village_tui.store.db import default_db_path

    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    db = default_db_path()
    assert not db.parent.exists()
    code, said, err = run("restore", out)
    assert code == 0, err
    assert db.is_file() and "已从备份恢复" in said


def test_the_library_makes_no_folder_unless_asked(village_db, tmp_path):
    from village_tui.sync.backup import make_backup
    from village_tui.sync.restore import restore

    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    with pytest.raises(FileNotFoundError):
        restore(out, tmp_path / "nope" / "v.db")
    assert not (tmp_path / "nope").exists()
    assert restore(out, tmp_path / "made" / "v.db", make_folder=True).kept_aside is None
    assert (tmp_path / "made" / "v.db").is_file()
