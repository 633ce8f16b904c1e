"""Attachments travel: exported with their events, checked on import, opened at the township."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from village_tui.store.attaching import attach_files
from village_tui.store.attachments import attachments, file_problems, folder_for, set_limits
from village_tui.store.db import open_engine
from village_tui.sync import attachment_files
from village_tui.sync import bundle as bf
from village_tui.sync.desk import TownshipDesk
from village_tui.sync.export import AttachmentNotExportable, export_bundles
from village_tui.sync.importer import import_bundles, init_receiving

from .helpers import TODAY, members, own_key, sample_village, service

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40  # a scan's bytes: every value, no text
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x10photo" * 500
HOSTILE = "../../公示\n照片\x1b[2J.png"


@pytest.fixture
def village(tmp_path):
    engine = sample_village(tmp_path / "village.db")
    svc = service(engine)
    st = next(s for s in svc.states() if s.steps)
    (tmp_path / "in").mkdir()
    pdf = tmp_path / "in" / "签到表 第1页.pdf"
    pdf.write_bytes(PDF)
    png = tmp_path / "in" / "photo.png"
    png.write_bytes(PNG)
    attached = attach_files(svc, st.matter.id, "step", "1", [pdf, png])
    return engine, svc, st.matter.id, attached


def _town(tmp_path):
    t = open_engine(tmp_path / "town.db")
    init_receiving(t)
    return t


def test_a_step_with_two_attachments_reaches_the_township_and_opens_there(village, tmp_path):
    engine, _, mid, attached = village
    (item,) = export_bundles(engine, tmp_path / "out")
    names = zipfile.ZipFile(item.path).namelist()
    assert sorted(n for n in names if n.startswith("files/")) == sorted(
        "files/" + a.sha256 for a in attached
    )
    town = _town(tmp_path)
    summary = import_bundles(town, [item.path], trust_new=True)
    assert summary.exit_code == 0, [r.message("en") for r in summary.results]
    # stored at the receiver, by hash, and every hash checks out
    held = attachments(town, mid)
    assert [(a.name, a.size, a.sha256) for a in held] == [
        ("签到表 第1页.pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
        ("photo.png", len(PNG), hashlib.sha256(PNG).hexdigest()),
    ]
    for a in held:
        assert (folder_for(town) / a.sha256).read_bytes() == (PDF if a.size == len(PDF) else PNG)
    assert file_problems(town) == []
    # the matter detail lists them; opening one hands a checked copy to the viewer
    detail = TownshipDesk(town, today=lambda: TODAY).matter(mid)
    assert [a.name for a in detail.attachments] == ["签到表 第1页.pdf", "photo.png"]
    opened: list[Path] = []
    zh, en = attachment_files.open_attachment(town, held[0], opener=lambda p: opened.append(p))
    assert opened[0].name == "签到表 第1页.pdf" and opened[0].read_bytes() == PDF
    assert en == f"opened with the default viewer: {opened[0]}"
    saved = attachment_files.save_attachment(town, held[1], tmp_path)
    assert saved == tmp_path / "photo.png" and saved.read_bytes() == PNG


def test_the_viewer_that_cannot_start_leaves_a_copy_and_says_where(village, tmp_path):
    engine, _, mid, attached = village
    zh, en = attachment_files.open_attachment(
        engine, attached[0], opener=lambda p: "xdg-open not found"
    )
    copy = en.rsplit(": ", 1)[1]
    assert en == f"could not open it automatically (xdg-open not found); open it yourself: {copy}"
    assert Path(copy).read_bytes() == PDF


def test_the_default_opener_uses_the_platform_viewer(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(attachment_files.sys, "platform", "linux")
    monkeypatch.setattr(attachment_files.shutil, "which", lambda c: "/usr/bin/" + c)
    monkeypatch.setattr(attachment_files.subprocess, "Popen", lambda args, **kw: calls.append(args))
    assert attachment_files.open_with_default(tmp_path / "a.pdf") is None
    monkeypatch.setattr(attachment_files.sys, "platform", "darwin")
    assert attachment_files.open_with_default(tmp_path / "a.pdf") is None
    assert calls == [["xdg-open", str(tmp_path / "a.pdf")], ["open", str(tmp_path / "a.pdf")]]
    monkeypatch.setattr(attachment_files.shutil, "which", lambda c: None)
    assert attachment_files.open_with_default(tmp_path / "a.pdf") == "open not found"
    started = []
    monkeypatch.setattr(attachment_files.sys, "platform", "win32")
    monkeypatch.setattr(attachment_files.os, "startfile", started.append, raising=False)
    assert attachment_files.open_with_default(tmp_path / "a.pdf") is None
    assert started == [tmp_path / "a.pdf"]


def test_a_changed_file_is_not_opened(village, tmp_path):
    engine, _, _, attached = village
    path = folder_for(engine) / attached[1].sha256
    path.write_bytes(b"\x89PNG changed")
    with pytest.raises(Exception) as e:
        attachment_files.open_attachment(engine, attached[1], opener=lambda p: None)
    assert e.value.message_en.startswith("attachment photo.png (matter ")
    assert "its file was changed, it no longer matches the ledger's hash" in e.value.message_en


def _rebuilt(data: bytes, key, change) -> bytes:
    """The bundle with its attached files changed by `change(files)`, signed again by the
    village's own key (so only the check of each file against its event can catch it)."""
    from village_tui.domain.chain import canonical_json
    from village_tui.sync.keys import sign

    m = members(data)
    files = {k.removeprefix(bf.FILES_PREFIX): v for k, v in m.items() if bf.is_file_member(k)}
    change(files)
    manifest = json.loads(m[bf.MANIFEST])
    manifest["files"] = [{"sha256": s, "size": len(b)} for s, b in sorted(files.items())]
    body = canonical_json(manifest).encode()
    return bf.write_bundle(body, sign(key, body).encode(), m[bf.EVENTS], files=files)


def _flip(files: dict, sha: str) -> None:
    blob = bytearray(files[sha])
    blob[100] ^= 0x01
    files[sha] = bytes(blob)


@pytest.mark.parametrize(
    "change,message",
    [
        (
            lambda files, a: _flip(files, a[0].sha256),
            "attachment 签到表 第1页.pdf (event {seq}): the file in the bundle does not match"
            " the ledger's hash or size; nothing imported",
        ),
        (
            lambda files, a: files.pop(a[1].sha256),
            "the bundle lacks the file of attachment photo.png (event {seq1}); nothing imported",
        ),
        (
            lambda files, a: files.update({"ab" * 32: b"stowaway"}),
            "the bundle holds a file abababababab no attachment in it records; nothing imported",
        ),
    ],
    ids=["one-byte-changed", "file-missing", "file-extra"],
)
def test_a_bundle_whose_files_do_not_match_is_refused_whole(village, tmp_path, change, message):
    engine, _, mid, attached = village
    (item,) = export_bundles(engine, tmp_path / "out")
    data = item.path.read_bytes()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_rebuilt(data, own_key(engine), lambda files: change(files, attached)))
    town = _town(tmp_path)
    summary = import_bundles(town, [bad], trust_new=True)
    (result,) = summary.results
    assert result.status == "refused"
    assert result.message("en") == f"{bad}: " + message.format(
        seq=attached[0].seq, seq1=attached[1].seq
    )
    assert attachments(town, mid) == []  # nothing of the bundle was applied
    assert not folder_for(town).exists() or not any(folder_for(town).iterdir())


def test_large_attachments_go_out_in_several_bundles_that_each_fit(village, tmp_path):
    engine, svc, mid, _ = village
    set_limits(engine, file_mib=1, matter_mib=10)
    big = []
    for i in range(3):
        p = tmp_path / "in" / f"scan{i}.pdf"
        p.write_bytes(b"%PDF-" + hashlib.sha256(str(i).encode()).digest() * 30_000)  # ~0.9 MiB
        big.append(p)
    attach_files(svc, mid, "step", "1", big)
    limits = bf.Limits(bundle_bytes=2 * 1024 * 1024)
    done = export_bundles(engine, tmp_path / "out", limits=limits)
    assert len(done) >= 2
    for d in done:
        assert bf.fits(d.path.read_bytes(), limits)
    town = _town(tmp_path)
    summary = import_bundles(town, [d.path for d in done], trust_new=True, limits=limits)
    assert summary.exit_code == 0, [r.message("en") for r in summary.results]
    assert len(attachments(town, mid)) == 5 and file_problems(town) == []


def test_an_attachment_bigger_than_any_bundle_is_refused_at_export(village, tmp_path):
    engine, _, _, attached = village
    limits = bf.Limits(bundle_bytes=(len(PDF) - 1) * 4 // 3)  # a quarter kept for the events
    with pytest.raises(AttachmentNotExportable) as e:
        export_bundles(engine, tmp_path / "out", limits=limits)
    assert e.value.message_en == (
        f"ledger 410611100901: the attachment of event {attached[0].seq} is {len(PDF)} bytes,"
        " more than any bundle may carry; no bundle was exported"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_missing_file_stops_the_export_before_anything_is_written(village, tmp_path):
    engine, _, _, attached = village
    (folder_for(engine) / attached[0].sha256).unlink()
    with pytest.raises(AttachmentNotExportable) as e:
        export_bundles(engine, tmp_path / "out")
    assert e.value.message_en == (
        f"ledger 410611100901: the file of the attachment in event {attached[0].seq} is missing"
        " or changed; no bundle was exported, run verify-db"
    )


def test_more_files_than_the_import_takes_refuse_the_bundle_and_export_splits_for_it(
    village, tmp_path
):
    engine, _, mid, _ = village
    (item,) = export_bundles(engine, tmp_path / "out")
    town = _town(tmp_path)
    one = bf.Limits(files=1)
    (result,) = import_bundles(town, [item.path], trust_new=True, limits=one).results
    assert result.message("en") == (
        f"{item.path}: the bundle holds 2 attachment files, over the limit of 1; nothing imported"
    )
    done = export_bundles(engine, tmp_path / "split", full=True, limits=one)
    assert len(done) == 2
    summary = import_bundles(town, [d.path for d in done], trust_new=True, limits=one)
    assert summary.exit_code == 0 and len(attachments(town, mid)) == 2
