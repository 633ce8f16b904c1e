"""A backup carries the attached files; a restore puts them back, each checked first."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from village_tui.store.attaching import attach_files
from village_tui.store.attachments import file_problems, folder_beside
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService
from village_tui.sync.backup import BackupError, make_backup
from village_tui.sync.restore import restore

SCAN = b"%PDF-1.4 " + bytes(range(256)) * 20


@pytest.fixture
def attached(village_db, tmp_path):
    engine = open_engine(village_db)
    svc = VillageService(engine)
    mid = next(s for s in svc.states() if s.steps).matter.id
    f = tmp_path / "签到表.pdf"
    f.write_bytes(SCAN)
    attach_files(svc, mid, "step", "1", [f])
    engine.dispose()
    return hashlib.sha256(SCAN).hexdigest()


def test_a_restored_backup_has_its_attachments_and_verifies(village_db, attached, tmp_path):
    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    with zipfile.ZipFile(out) as z:
        assert z.read("attachments/" + attached) == SCAN
        assert json.loads(z.read("manifest.json"))["attachments"] == {attached: len(SCAN)}
    target = tmp_path / "new" / "village.db"
    target.parent.mkdir()
    restore(out, target)
    assert (folder_beside(target) / attached).read_bytes() == SCAN
    engine = open_engine(target)
    try:
        assert file_problems(engine) == []
    finally:
        engine.dispose()


def test_a_changed_file_in_the_backup_refuses_the_restore(village_db, attached, tmp_path):
    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    with zipfile.ZipFile(out) as z:
        items = {i.filename: z.read(i) for i in z.infolist()}
    blob = bytearray(items["attachments/" + attached])
    blob[50] ^= 1
    items["attachments/" + attached] = bytes(blob)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    bad = tmp_path / "bad.vtbackup"
    bad.write_bytes(buf.getvalue())
    target = tmp_path / "new" / "village.db"
    target.parent.mkdir()
    with pytest.raises(BackupError) as e:
        restore(bad, target)
    assert e.value.key == "bad_copy" and f"attachment {attached[:12]}" in e.value.message_en
    assert not target.exists() and not folder_beside(target).exists()


def test_a_file_listed_but_not_in_the_backup_refuses_the_restore(village_db, attached, tmp_path):
    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    with zipfile.ZipFile(out) as z:
        items = {i.filename: z.read(i) for i in z.infolist() if not i.filename.startswith("attach")}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    bad = tmp_path / "bad.vtbackup"
    bad.write_bytes(buf.getvalue())
    target = tmp_path / "t.db"
    with pytest.raises(BackupError) as e:
        restore(bad, target)
    assert e.value.key == "bad_copy" and "attachments" in e.value.message_en
    assert not target.exists()


def test_a_backup_leaves_out_a_file_already_missing_and_still_saves_the_ledger(
    village_db, attached, tmp_path
):
    (folder_beside(village_db) / attached).unlink()
    out = make_backup(village_db, tmp_path / "b.vtbackup").path
    with zipfile.ZipFile(out) as z:
        assert not any(n.startswith("attachments/") for n in z.namelist())
        assert json.loads(z.read("manifest.json"))["attachments"] == {}
