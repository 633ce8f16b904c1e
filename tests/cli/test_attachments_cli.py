"""`village-tui attach` and `attachments`: one line per refusal, verify-db names a changed file."""

from __future__ import annotations

import hashlib
import sys

import pytest

from village_tui.store.db import open_engine
from village_tui.store.services import VillageService

PDF = b"%PDF-1.4 " + b"scan" * 1000


@pytest.fixture
def matter(sample_db) -> str:
    engine = open_engine(sample_db)
    try:
        return next(s for s in VillageService(engine).states() if s.steps).matter.id
    finally:
        engine.dispose()


def _attach(run, db, matter, path, *more):
    return run("--lang", "en", "--db", db, "attach", matter, path, "--step", "1", *more)


def test_attach_then_list_then_save(run, sample_db, matter, tmp_path):
    pdf = tmp_path / "签到表 (1).pdf"
    pdf.write_bytes(PDF)
    short = hashlib.sha256(PDF).hexdigest()[:12]
    code, out, err = _attach(run, sample_db, matter, pdf)
    assert (code, err) == (0, "")
    assert out == f"attached: 签到表 (1).pdf (application/pdf, 4 KiB, sha256 {short})\n"
    code, out, _ = run("--db", sample_db, "attachments", "list", matter)
    assert out == f"{short}\tstep:proposal\tapplication/pdf\t4 KiB\t签到表 (1).pdf\n"
    (tmp_path / "saved").mkdir()
    code, out, _ = run(
        "--lang", "en", "--db", sample_db, "attachments", "save", short, "--dir", tmp_path / "saved"
    )
    assert code == 0 and (tmp_path / "saved" / "签到表 (1).pdf").read_bytes() == PDF
    code, _, err = run(
        "--lang", "en", "--db", sample_db, "attachments", "save", short, "--dir", tmp_path / "nope"
    )
    assert (code, err) == (
        1,
        f"error: no such folder: {tmp_path / 'nope'} (no folder is created)\n",
    )


def test_an_oversized_file_is_refused_at_attach_time_with_its_message(
    run, sample_db, matter, tmp_path
):
    assert run("--db", sample_db, "attachments", "limits", "--file-mib", "1")[0] == 0
    big = tmp_path / "整本 扫描.pdf"
    big.write_bytes(b"%PDF-" + b"0" * (1024 * 1024))
    code, out, err = _attach(run, sample_db, matter, big)
    assert (code, out) == (1, "")
    assert err == (
        "error: 整本 扫描.pdf is 1 MiB (1,048,581 bytes), over the limit of 1 MiB (1,048,576 bytes)"
        " per attachment; compress it or scan fewer pages per file\n"
    )
    code, _, err = run("--db", sample_db, "attach", matter, big, "--step", "1")
    assert err == (
        "错误：文件 整本 扫描.pdf 有 1 MiB（1,048,581 字节），超过每个附件 1 MiB（1,048,576 字节）"
        "的上限；请压缩或分页扫描后再附加\n"
    )
    code, out, _ = run("--lang", "en", "--db", sample_db, "attachments", "list", matter)
    assert out == "this matter has no attachments\n"


def test_limits_are_shown_and_a_bad_one_is_refused(run, sample_db):
    code, out, _ = run("--lang", "en", "--db", sample_db, "attachments", "limits")
    assert (code, out) == (0, "attachment limits: 10 MiB per file, 50 MiB per matter\n")
    code, _, err = run(
        "--lang", "en", "--db", sample_db, "attachments", "limits", "--matter-mib", "0"
    )
    assert (code, err) == (
        1,
        "error: an attachment limit is a whole number of MiB from 1 to 1024: 0\n",
    )


def test_attach_needs_one_entry(run, sample_db, matter, tmp_path):
    code, _, err = run("--lang", "en", "--db", sample_db, "attach", matter, tmp_path / "x.pdf")
    assert (
        code == 2
        and "one of the arguments --step --progress --objection --completion is required" in err
    )


@pytest.mark.skipif(sys.platform == "win32", reason="Windows forbids these names")
def test_a_hostile_name_stays_data_in_the_ledger_the_list_and_the_saved_copy(
    run, sample_db, matter, tmp_path
):
    name = "..\\..\\公示照片\x1b[31m红\x07.png"
    hostile = tmp_path / name
    hostile.write_bytes(b"\x89PNG\r\n\x1a\nphoto")
    code, out, err = _attach(run, sample_db, matter, hostile)
    assert code == 0, err
    assert "..\\..\\公示照片␛[31m红␇.png" in out and "\x1b" not in out
    code, out, _ = run("--db", sample_db, "attachments", "list", matter)
    assert out.endswith("\t..\\..\\公示照片␛[31m红␇.png\n") and "\x1b" not in out
    (tmp_path / "saved").mkdir()
    run("--db", sample_db, "attachments", "save", "--matter", matter, "--dir", tmp_path / "saved")
    (saved,) = (tmp_path / "saved").iterdir()
    assert saved.name == "_.._公示照片␛[31m红␇.png" and saved.parent == tmp_path / "saved"


def test_verify_db_names_an_attachment_with_one_byte_changed(run, sample_db, matter, tmp_path):
    pdf = tmp_path / "签到表.pdf"
    pdf.write_bytes(PDF)
    assert _attach(run, sample_db, matter, pdf)[0] == 0
    code, out, err = run("--lang", "en", "--db", sample_db, "verify-db")
    assert (code, err) == (0, ""), out
    stored = sample_db.with_name(sample_db.name + ".attachments") / hashlib.sha256(PDF).hexdigest()
    data = bytearray(stored.read_bytes())
    data[200] ^= 0x20
    stored.write_bytes(bytes(data))
    code, out, err = run("--lang", "en", "--db", sample_db, "verify-db")
    seq = _seq(sample_db)
    assert code == 1
    assert err == (
        f"error: attachment 签到表.pdf (matter {matter}, event {seq}): its file was changed,"
        f" it no longer matches the ledger's hash: {stored}\n"
    )
    stored.unlink()
    code, out, err = run("--db", sample_db, "verify-db")
    assert (code, err) == (
        1,
        f"错误：附件 签到表.pdf（事项 {matter}，第 {seq} 条记录）的文件缺失：{stored}\n",
    )


def _seq(db) -> int:
    from sqlalchemy import select

    from village_tui.store.db import read_session
    from village_tui.store.tables import EventRow

    engine = open_engine(db)
    try:
        with read_session(engine) as s:
            return s.execute(
                select(EventRow.seq).where(EventRow.type == "attachment.added")
            ).scalar_one()
    finally:
        engine.dispose()
