"""A backup behind what the township has witnessed is refused at restore, with the reason."""

from __future__ import annotations

import sqlite3

import pytest

from village_tui.sync import witness
from village_tui.sync.witness import Witnessed

CODE = "410611100901"


@pytest.fixture
def backup(run, village_db, tmp_path):
    out = tmp_path / "b.vtbackup"
    code, _, err = run("--db", village_db, "backup", "--out", out)
    assert code == 0, err
    return out


def event_hash(db, seq: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT hash FROM event WHERE ledger = ? AND seq = ?", (CODE, seq)
        ).fetchone()[0]
    finally:
        conn.close()


def witnessing(monkeypatch, point: Witnessed | None, calls: list | None = None) -> None:
    def fake(session, village_code):
        if calls is not None:
            calls.append(village_code)
        return point

    monkeypatch.setattr(witness, "latest_witnessed", fake)


def test_nothing_is_witnessed_until_checkpoints_are_wired(village_db):
    from sqlmodel import Session

    from village_tui.store.db import open_engine

    engine = open_engine(village_db)
    with Session(engine) as s:
        assert witness.latest_witnessed(s, CODE) is None
    engine.dispose()


def test_restore_asks_for_the_villages_checkpoint(run, backup, tmp_path, monkeypatch):
    calls: list = []
    witnessing(monkeypatch, None, calls)
    code, _, err = run("--db", tmp_path / "new.db", "restore", backup)
    assert code == 0, err
    assert calls == [CODE]


def test_a_backup_behind_the_checkpoint_is_refused_with_the_reason(
    run, backup, tmp_path, monkeypatch, village_db
):
    witnessing(monkeypatch, Witnessed(112, "ab" * 32, "2026-11-20"))
    new = tmp_path / "new" / "village.db"
    new.parent.mkdir()  # a restore makes the file only in a folder that exists
    code, said, err = run("--db", new, "restore", backup)
    assert code == 1 and said == ""
    assert err.strip() == (
        "错误：这份备份太旧，未恢复：备份只到第 111 条记录，而乡镇在 2026-11-20 已确认收到第 112 条。"
        "恢复它会让本机少掉第 112–112 条记录（乡镇那里还有），之后新记的记录会和乡镇已有的编号冲突，"
        "乡镇将拒收本村的数据包。请找一份更新的备份；确实没有时，先与乡镇联系，再加 --allow-older 恢复"
    )
    assert list(new.parent.iterdir()) == []  # no temporary copy left behind


def test_stale_refusal_in_english(run, backup, tmp_path, monkeypatch):
    witnessing(monkeypatch, Witnessed(130, "ab" * 32, "2026-11-20"))
    code, _, err = run("--lang", "en", "--db", tmp_path / "n.db", "restore", backup)
    assert code == 1
    assert err.startswith(
        "error: this backup is too old and was not restored: it ends at entry 111, but the "
        "township confirmed entry 130 on 2026-11-20. Restoring it would lose entries 112-130"
    )


def test_a_backup_at_the_checkpoint_is_restored(run, backup, tmp_path, monkeypatch, village_db):
    """Equal is not stale: everything the township has seen is in the backup."""
    witnessing(monkeypatch, Witnessed(111, event_hash(village_db, 111), "2026-11-20"))
    code, _, err = run("--db", tmp_path / "n.db", "restore", backup)
    assert code == 0, err


def test_a_backup_past_the_checkpoint_is_restored(run, backup, tmp_path, monkeypatch, village_db):
    witnessing(monkeypatch, Witnessed(50, event_hash(village_db, 50), "2026-11-20"))
    code, _, err = run("--db", tmp_path / "n.db", "restore", backup)
    assert code == 0, err


@pytest.mark.parametrize("seq", [50, 111])
def test_a_backup_that_differs_at_the_checkpoint_is_refused(
    run, backup, tmp_path, monkeypatch, seq
):
    witnessing(monkeypatch, Witnessed(seq, "ab" * 32, "2026-11-20"))
    code, _, err = run("--db", tmp_path / "n.db", "restore", backup)
    assert code == 1
    assert err.strip() == (
        f"错误：这份备份与乡镇确认过的台账不一致，未恢复：第 {seq} 条记录的哈希与乡镇在 2026-11-20 "
        "确认的不同，它不是本村交给乡镇的那本台账。请找另一份备份；确需恢复时，先与乡镇联系，"
        "再加 --allow-older"
    )
    assert not (tmp_path / "n.db").exists()


def test_allow_older_restores_and_says_so(run, backup, tmp_path, monkeypatch):
    witnessing(monkeypatch, Witnessed(112, "ab" * 32, "2026-11-20"))
    code, said, err = run("--db", tmp_path / "n.db", "restore", backup, "--allow-older")
    assert code == 0, err
    assert (
        "注意：按 --allow-older 恢复了比乡镇确认点（第 112 条）更旧的备份，请尽快与乡镇联系" in said
    )


def test_the_replaced_databases_checkpoint_counts_too(run, backup, tmp_path, monkeypatch):
    """On a PC whose database knows a later checkpoint than the backup does."""
    import shutil

    target = tmp_path / "t.db"
    shutil.copy(backup.parent / "pc" / "village.db", target)
    seen: list = []

    def fake(session, village_code):
        url = str(session.get_bind().url)
        seen.append(url)
        return Witnessed(200, "ab" * 32, "2026-11-30") if "t.db" in url else None

    monkeypatch.setattr(witness, "latest_witnessed", fake)
    code, _, err = run("--db", target, "restore", backup, "--replace")
    assert code == 1 and "乡镇在 2026-11-30 已确认收到第 200 条" in err
    assert len(seen) == 2
