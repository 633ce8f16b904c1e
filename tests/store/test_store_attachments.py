"""Attaching files: limits at and just past their boundary, refusals word for word, names as data."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest
from sqlalchemy import select
from store_support import TODAY

from village_tui.domain import attachments as da
from village_tui.domain import events as ev
from village_tui.store.attaching import attach_files
from village_tui.store.attachments import (
    AttachmentError,
    attachments,
    file_problems,
    folder_for,
    limits,
    set_limits,
)
from village_tui.store.db import read_session
from village_tui.store.ledger import verify
from village_tui.store.services import VillageService
from village_tui.store.tables import EventRow

MiB = da.MiB


@pytest.fixture
def svc(sample_engine) -> VillageService:
    return VillageService(sample_engine, actor="测试文书", today=lambda: TODAY)


def _matter(svc, *, progress=False, objection=False, completion=False):
    for st in svc.states():
        if (
            st.steps
            and (st.progress or not progress)
            and (st.objections or not objection)
            and (st.completion or not completion)
        ):
            return st
    raise AssertionError("the sample has no such matter")


def _file(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_attachment_is_an_event_whose_hash_chain_covers_the_file(svc, tmp_path):
    st = _matter(svc)
    pdf = _file(tmp_path, "签到表 第1页.pdf", b"%PDF-1.4 sign-in sheet")
    (a,) = attach_files(svc, st.matter.id, "step", "1", [pdf])
    with read_session(svc.engine) as s:
        row = s.execute(select(EventRow).where(EventRow.seq == a.seq)).scalar_one()
        assert verify(s).ok
    assert row.type == ev.ATTACHMENT_ADDED and row.matter_id == st.matter.id
    assert json.loads(row.payload) == {
        "matter_id": st.matter.id,
        "entry": {"kind": "step", "ref": "proposal"},
        "file": {
            "name": "签到表 第1页.pdf",
            "media_type": "application/pdf",
            "size": 22,
            "sha256": hashlib.sha256(b"%PDF-1.4 sign-in sheet").hexdigest(),
        },
    }
    stored = folder_for(svc.engine) / a.sha256
    assert stored.read_bytes() == pdf.read_bytes()
    assert stored.parent.name == "sample.db.attachments"  # beside the database
    assert attachments(svc.engine, st.matter.id) == [a]


def test_each_kind_of_entry_takes_files_and_one_it_lacks_is_refused(svc, tmp_path):
    st = _matter(svc, progress=True, objection=True, completion=True)
    mid = st.matter.id
    f = _file(tmp_path, "照片.jpg", b"\xff\xd8\xff\xe0 photo")
    attach_files(svc, mid, "progress", st.progress[0].id, [f])
    attach_files(svc, mid, "objection", st.objections[0].id, [f])
    attach_files(svc, mid, "completion", "", [f])
    kinds = [(a.kind, a.media_type) for a in attachments(svc.engine, mid)]
    assert kinds == [
        ("progress", "image/jpeg"),
        ("objection", "image/jpeg"),
        ("completion", "image/jpeg"),
    ]
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, mid, "progress", "no-such-entry", [f])
    assert e.value.message_zh == "该事项没有编号为 no-such-entry 的实施进度"
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, mid, "objection", "nope", [f])
    assert e.value.message_en == "this matter has no objection nope"
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, "no-such-matter", "step", "1", [f])
    assert e.value.message_en == "no matter no-such-matter"
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, mid, "step", "7", [f])
    assert e.value.message_en == "unknown step: 7 (use 1-6, 实施, or proposal ...)"


def test_a_step_not_recorded_yet_takes_no_file(svc, tmp_path):
    st = next(s for s in svc.states() if s.steps and s.next_step is not None)
    f = _file(tmp_path, "a.pdf", b"%PDF-")
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, st.matter.id, "step", st.next_step.value, [f])
    assert (
        e.value.message_en
        == f"this matter has no record of step {st.next_step.label} yet; nothing to attach to"
    )


def test_the_file_limit_holds_at_its_boundary_and_refuses_one_byte_more(svc, tmp_path):
    st = _matter(svc)
    set_limits(svc.engine, file_mib=1, matter_mib=None)
    assert limits(svc.engine) == (lim := limits(svc.engine)) and lim.per_file == MiB
    exact = _file(tmp_path, "exact.pdf", b"%PDF-" + b"x" * (MiB - 5))
    over = _file(tmp_path, "扫描 过大.pdf", b"%PDF-" + b"x" * (MiB - 4))
    assert attach_files(svc, st.matter.id, "step", "1", [exact])[0].size == MiB
    before = len(attachments(svc.engine, st.matter.id))
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, st.matter.id, "step", "1", [over])
    assert e.value.message_zh == (
        "文件 扫描 过大.pdf 有 1 MiB（1,048,577 字节），超过每个附件 1 MiB（1,048,576 字节）"
        "的上限；请压缩或分页扫描后再附加"
    )
    assert e.value.message_en == (
        "扫描 过大.pdf is 1 MiB (1,048,577 bytes), over the limit of 1 MiB (1,048,576 bytes)"
        " per attachment; compress it or scan fewer pages per file"
    )
    assert len(attachments(svc.engine, st.matter.id)) == before
    assert not (folder_for(svc.engine) / hashlib.sha256(over.read_bytes()).hexdigest()).exists()


def test_the_default_limits_are_ten_and_fifty_mib(svc):
    assert (limits(svc.engine).per_file, limits(svc.engine).per_matter) == (10 * MiB, 50 * MiB)


def test_the_matter_limit_counts_every_file_of_the_matter_and_all_named_at_once(svc, tmp_path):
    st = _matter(svc)
    set_limits(svc.engine, file_mib=1, matter_mib=2)
    one = _file(tmp_path, "one.pdf", b"1" * MiB)
    two = _file(tmp_path, "two.pdf", b"2" * MiB)
    three = _file(tmp_path, "three.pdf", b"3")
    attach_files(svc, st.matter.id, "step", "1", [one])
    with pytest.raises(AttachmentError) as e:  # two files at once: neither is recorded
        attach_files(svc, st.matter.id, "step", "1", [two, three])
    assert e.value.message_en == (
        "with three.pdf (1 B) this matter's attachments would total 2 MiB (2,097,153 bytes),"
        " over the limit of 2 MiB (2,097,152 bytes) per matter; not attached"
    )
    assert [a.name for a in attachments(svc.engine, st.matter.id)] == ["one.pdf"]
    attach_files(svc, st.matter.id, "step", "1", [two])  # exactly at the limit
    assert sum(a.size for a in attachments(svc.engine, st.matter.id)) == 2 * MiB


@pytest.mark.parametrize(
    "file_mib,matter_mib,most,bad",
    [(0, None, 48, 0), (49, None, 48, 49), (None, 0, 1024, 0), (None, 1025, 1024, 1025)],
)
def test_a_limit_outside_its_range_is_refused(svc, file_mib, matter_mib, most, bad):
    with pytest.raises(AttachmentError) as e:
        set_limits(svc.engine, file_mib=file_mib, matter_mib=matter_mib)
    assert e.value.message_en == (
        f"an attachment limit is a whole number of MiB from 1 to {most}: {bad}"
    )


def test_limits_at_the_ends_of_their_range_are_taken(svc):
    lim = set_limits(svc.engine, file_mib=1, matter_mib=1024)
    assert (lim.per_file, lim.per_matter) == (MiB, 1024 * MiB)
    assert set_limits(svc.engine, file_mib=48, matter_mib=1).per_file == 48 * MiB


def test_an_empty_file_a_folder_and_a_missing_file_are_refused(svc, tmp_path):
    st = _matter(svc)
    empty = _file(tmp_path, "empty.pdf", b"")
    for path, message in (
        (empty, f"{empty} is empty (0 bytes), perhaps a failed copy; not attached"),
        (tmp_path, f"{tmp_path} is a folder; choose a file in it"),
        (tmp_path / "gone.pdf", f"no such file: {tmp_path / 'gone.pdf'}"),
    ):
        with pytest.raises(AttachmentError) as e:
            attach_files(svc, st.matter.id, "step", "1", [path])
        assert e.value.message_en == message


def test_the_same_file_twice_on_one_entry_is_refused(svc, tmp_path):
    st = _matter(svc)
    f = _file(tmp_path, "a.pdf", b"%PDF-same")
    (a,) = attach_files(svc, st.matter.id, "step", "1", [f])
    with pytest.raises(AttachmentError) as e:
        attach_files(svc, st.matter.id, "step", "proposal", [f])
    assert e.value.message_en == (
        f"the same file a.pdf is already attached to this entry (event {a.seq}); not added again"
    )


@pytest.mark.parametrize(
    "raw,recorded",
    [
        ("../../etc/passwd", "../../etc/passwd"),
        ("line\nbreak\x1b[31m.pdf", "line␊break␛[31m.pdf"),
        ("invoice\u202efdp.exe", "invoice\ufffdfdp.exe"),
        ("  空格 名字.pdf  ", "空格 名字.pdf"),
        ("del\x7f.pdf", "del␡.pdf"),
    ],
)
def test_a_hostile_name_is_recorded_as_visible_text(raw, recorded):
    assert da.recorded_name(raw) == recorded


@pytest.mark.parametrize(
    "name,saved",
    [
        ("../../etc/passwd", "_.._etc_passwd"),
        ("a\\b:c*?.pdf", "a_b_c__.pdf"),
        ("CON.pdf", "附件-abcdefabcdef.pdf"),
        ("..", "附件-abcdefabcdef"),
        (".hidden", "hidden"),
        ("签到表 第1页.pdf", "签到表 第1页.pdf"),
    ],
)
def test_a_saved_copy_gets_a_name_that_is_no_path(name, saved):
    assert da.save_name(name, "abcdef" * 10 + "abcd") == saved


@pytest.mark.skipif(sys.platform == "win32", reason="Windows forbids these names")
def test_a_control_character_in_a_file_name_on_disk_stays_data(svc, tmp_path):
    st = _matter(svc)
    f = _file(tmp_path, "scan\n\x1b]0;pwned\x07.png", b"\x89PNG\r\n\x1a\n....")
    (a,) = attach_files(svc, st.matter.id, "step", "1", [f])
    assert a.name == "scan␊␛]0;pwned␇.png" and a.media_type == "image/png"
    assert file_problems(svc.engine) == []


def test_the_type_comes_from_the_bytes_not_the_name():
    assert da.media_type("photo.pdf", b"\x89PNG\r\n\x1a\n") == "image/png"
    assert da.media_type("fake.pdf", b"MZ\x90\x00") == "application/octet-stream"
    assert da.media_type("notes.txt", b"hello") == "text/plain"
    assert da.media_type("report.docx", b"PK\x03\x04") == da._BY_EXTENSION[".docx"]


def test_a_missing_and_a_changed_file_are_named(svc, tmp_path):
    st = _matter(svc)
    a, b = attach_files(
        svc,
        st.matter.id,
        "step",
        "1",
        [_file(tmp_path, "a.pdf", b"%PDF-a"), _file(tmp_path, "b.pdf", b"%PDF-b")],
    )
    folder = folder_for(svc.engine)
    (folder / a.sha256).unlink()
    data = bytearray((folder / b.sha256).read_bytes())
    data[3] ^= 1
    (folder / b.sha256).write_bytes(bytes(data))
    problems = [(p.attachment.name, p.missing) for p in file_problems(svc.engine)]
    assert problems == [("a.pdf", True), ("b.pdf", False)]
