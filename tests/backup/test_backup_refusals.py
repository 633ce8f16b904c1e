"""Bad backups are refused before anything is replaced; backups are never written where they must not be."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import zipfile

import pytest

from village_tui.sync.backup import make_backup


@pytest.fixture
def backup(village_db, tmp_path):
    return make_backup(village_db, tmp_path / "b.vtbackup").path


def rewrite(path, **members: bytes) -> None:
    """The backup with some members replaced, everything else as it was."""
    with zipfile.ZipFile(path) as z:
        data = {n: z.read(n) for n in z.namelist()}
    data.update(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in data.items():
            z.writestr(name, body)
    path.write_bytes(buf.getvalue())


def restore_err(run, tmp_path, file) -> tuple[int, str]:
    target = tmp_path / "new" / "village.db"
    target.parent.mkdir(exist_ok=True)  # a restore makes the file only in a folder that exists
    code, _, err = run("--db", target, "restore", file)
    assert list(target.parent.iterdir()) == []  # no database, no temporary copy left
    return code, err.strip()


def test_an_altered_manifest_is_refused(run, backup, tmp_path):
    with zipfile.ZipFile(backup) as z:
        manifest = json.loads(z.read("manifest.json"))
    manifest["head_seq"] = 200
    rewrite(backup, **{"manifest.json": json.dumps(manifest).encode()})
    code, err = restore_err(run, tmp_path, backup)
    assert code == 1
    assert err == f"错误：{backup}：备份说明的签名不符，文件被改动过或已损坏，不能恢复"


def test_an_altered_database_is_refused(run, backup, tmp_path):
    with zipfile.ZipFile(backup) as z:
        db = bytearray(z.read("village.db"))
    db[-100] ^= 1
    rewrite(backup, **{"village.db": bytes(db)})
    code, err = restore_err(run, tmp_path, backup)
    assert code == 1
    assert err == (
        f"错误：{backup}：备份中的数据库与签名说明不符（sha256），文件被改动过或已损坏，不能恢复"
    )


def test_a_database_signed_by_another_key_is_refused(run, backup, tmp_path, village_db):
    """Re-signed by whoever made the file: the copy's own key must be the signer."""
    from village_tui.sync.keys import _generate, sign

    other = _generate()
    with zipfile.ZipFile(backup) as z:
        manifest = json.loads(z.read("manifest.json"))
    manifest["public_key"] = other.public_key
    body = json.dumps(manifest).encode()
    rewrite(backup, **{"manifest.json": body, "manifest.sig": sign(other, body).encode()})
    code, err = restore_err(run, tmp_path, backup)
    assert code == 1
    assert err == (
        f"错误：{backup}：备份中的数据库与签名说明不符（public_key），文件被改动过或已损坏，不能恢复"
    )


def test_a_truncated_backup_is_refused(run, backup, tmp_path):
    backup.write_bytes(backup.read_bytes()[:1000])
    code, err = restore_err(run, tmp_path, backup)
    assert code == 1 and err.startswith(f"错误：{backup}：不是有效的备份文件（")


def test_an_extra_member_is_refused(run, backup, tmp_path):
    rewrite(backup, **{"../evil.txt": b"x"})
    code, err = restore_err(run, tmp_path, backup)
    assert code == 1 and err.startswith(f"错误：{backup}：不是有效的备份文件（")


def test_a_missing_or_misnamed_backup_is_refused(run, backup, tmp_path):
    code, err = restore_err(run, tmp_path, tmp_path / "无.vtbackup")
    assert (code, err) == (1, f"错误：找不到备份文件：{tmp_path / '无.vtbackup'}")
    zipped = backup.rename(tmp_path / "b.zip")
    code, err = restore_err(run, tmp_path, zipped)
    assert (code, err) == (1, f"错误：{zipped}：不是有效的备份文件（not .vtbackup）")


# --- where a backup may be written ---------------------------------------------------


@pytest.mark.parametrize("companion", ["", "-wal", "-shm", "-journal"])
def test_never_over_the_database_or_its_files(run, village_db, companion):
    victim = village_db.with_name(village_db.name + companion)
    victim.touch()
    before = victim.read_bytes()
    code, _, err = run("--db", village_db, "backup", "--out", victim)
    assert code == 1
    assert err.strip() == (
        f"错误：{victim} 是数据库文件 {village_db}（或其附属文件），不能用备份覆盖"
    )
    assert victim.read_bytes() == before


def test_never_over_the_database_through_another_name(run, village_db, tmp_path):
    link = tmp_path / "link.vtbackup"
    try:
        os.link(village_db, link)
    except OSError:
        pytest.skip("no hard links on this file system")
    code, _, err = run("--db", village_db, "backup", "--out", link)
    assert code == 1 and "不能用备份覆盖" in err


def test_the_extension_must_fit(run, village_db, tmp_path):
    out = tmp_path / "b.zip"
    code, _, err = run("--db", village_db, "backup", "--out", out)
    assert (code, err.strip()) == (1, f"错误：备份文件名应以 .vtbackup 结尾：{out}")
    assert not out.exists()


def test_not_a_folder(run, village_db, tmp_path):
    folder = tmp_path / "d.vtbackup"
    folder.mkdir()
    code, _, err = run("--db", village_db, "backup", "--out", folder)
    assert (code, err.strip()) == (1, f"错误：{folder} 是文件夹，请给出备份文件名")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_not_a_fifo(run, village_db, tmp_path):
    fifo = tmp_path / "p.vtbackup"
    os.mkfifo(fifo)
    code, _, err = run("--db", village_db, "backup", "--out", fifo)
    assert (code, err.strip()) == (1, f"错误：{fifo} 不是普通文件（设备或管道），不能写入备份")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_not_a_device(run, village_db):
    code, _, err = run("--db", village_db, "backup", "--out", "/dev/null")
    assert (code, err.strip()) == (1, "错误：/dev/null 不是普通文件（设备或管道），不能写入备份")


def test_a_failed_write_keeps_the_last_good_backup(run, village_db, tmp_path, monkeypatch):
    out = tmp_path / "b.vtbackup"
    run("--db", village_db, "backup", "--out", out)
    good = out.read_bytes()

    def full_disk(f, data):
        f.write(data[:100])
        raise OSError(28, "No space left on device")

    import village_tui.atomic as atomic

    monkeypatch.setattr(atomic, "_write", full_disk)
    code, _, err = run("--db", village_db, "backup", "--out", out)
    assert (code, err.strip()) == (1, f"错误：无法写入 {out}：磁盘已满")
    assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.vtbackup", "pc"]


def test_a_village_less_database_is_not_backed_up(run, tmp_path):
    db = tmp_path / "empty.db"
    from village_tui.store.db import open_engine

    open_engine(db).dispose()
    code, _, err = run("--db", db, "backup", "--out", tmp_path / "e.vtbackup")
    assert (code, err.strip()) == (
        1,
        "错误：该数据库还没有设置村庄（先运行 init），没有可备份的台账",
    )


def test_a_missing_database_is_not_created(run, tmp_path):
    db = tmp_path / "none.db"
    code, _, err = run("--db", db, "backup", "--out", tmp_path / "e.vtbackup")
    assert (code, err.strip()) == (1, f"错误：数据库文件不存在：{db}")
    assert not db.exists()


def test_a_tampered_ledger_is_not_backed_up(run, village_db, tmp_path):
    conn = sqlite3.connect(village_db)
    conn.execute("UPDATE event SET payload = payload || ' ' WHERE seq = 7")
    conn.commit()
    conn.close()
    out = tmp_path / "t.vtbackup"
    code, _, err = run("--db", village_db, "backup", "--out", out)
    assert (code, err.strip()) == (
        1,
        "错误：台账第 7 条记录被改动或损坏，未写备份；请先运行 verify-db 查看",
    )
    assert not out.exists()


def test_a_server_database_is_not_backed_up_here(run, tmp_path):
    url = "postgresql+psycopg://user@127.0.0.1/county"
    code, _, err = run("--db-url", url, "backup", "--out", tmp_path / "c.vtbackup")
    assert (code, err.strip()) == (1, f"错误：备份只适用于 SQLite 数据库文件，不适用于 {url}")
