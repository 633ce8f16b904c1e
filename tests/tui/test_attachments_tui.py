"""Attaching from the matter screen (path typed), and the township opening what came."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.tui.helpers import TODAY, make_app, screen_text, settle
from tests.tui.test_matter_actions import seed_resolved
from village_tui.store.attachments import attachments, folder_for
from village_tui.store.db import open_engine
from village_tui.sync import attachment_files
from village_tui.sync.desk import TownshipDesk
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles, init_receiving
from village_tui.tui.screens.attach_file import AttachFileScreen
from village_tui.tui.screens.attachments_view import AttachmentsScreen
from village_tui.tui.screens.township_matter import MatterReviewScreen
from village_tui.tui.township_app import TownshipApp

SCAN = b"%PDF-1.4 signed sheet " * 50


async def test_the_clerk_attaches_a_file_picked_from_a_folder_after_a_wrong_path(
    village_service, db_path, tmp_path, monkeypatch
):
    mid = seed_resolved(village_service)
    (tmp_path / "scans").mkdir()
    scan = tmp_path / "scans" / "签到表 扫描.pdf"
    scan.write_bytes(SCAN)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "scans"))
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the matter
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert "附加到哪条记录" in screen_text(app)
        await pilot.press("enter")  # the first entry offered
        await settle(pilot)
        assert isinstance(app.screen, AttachFileScreen)
        await pilot.press(*str(tmp_path / "nope.pdf"), "enter")
        await settle(pilot)
        shown = str(app.screen.query_one("#attach-error").render())
        assert shown == f"找不到文件：{tmp_path / 'nope.pdf'}"
        assert "签到表 扫描.pdf" in screen_text(app)  # the folder listed below the path
        await pilot.press("tab", "down", "enter")  # into the list, past "..", the scan
        await settle(pilot)
        assert not isinstance(app.screen, AttachFileScreen)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentsScreen)
        assert "签到表 扫描.pdf" in screen_text(app)
    (a,) = attachments(village_service.engine, mid)
    assert a.sha256 == hashlib.sha256(SCAN).hexdigest() and a.kind == "step"


async def test_the_township_lists_opens_and_saves_a_matters_files(
    village_service, db_path, tmp_path, monkeypatch
):
    from village_tui.store.attaching import attach_files

    mid = seed_resolved(village_service)
    one, two = tmp_path / "签到表.pdf", tmp_path / "公示\x1b[31m照片.png"
    one.write_bytes(SCAN)
    two.write_bytes(b"\x89PNG\r\n\x1a\n" + b"p" * 300)
    attach_files(village_service, mid, "step", "4", [one, two])
    (item,) = export_bundles(village_service.engine, tmp_path / "out")
    town = open_engine(tmp_path / "town.db")
    init_receiving(town)
    assert import_bundles(town, [item.path], trust_new=True).exit_code == 0
    opened: list[Path] = []
    monkeypatch.setattr(attachment_files, "open_with_default", lambda p: opened.append(p))
    # the default argument was bound at import: patch what open_attachment uses
    real = attachment_files.open_attachment
    monkeypatch.setattr(
        attachment_files,
        "open_attachment",
        lambda engine, att, opener=None: real(engine, att, opener=lambda p: opened.append(p)),
    )
    desk = TownshipDesk(town, actor="审核员", today=lambda: TODAY)
    app = TownshipApp(desk, "zh")
    (tmp_path / "saved").mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(MatterReviewScreen(mid))
        await settle(pilot)
        text = screen_text(app)
        assert "附件 2 个" in text and "签到表.pdf" in text and "\x1b" not in text
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentsScreen)
        await pilot.press("enter")  # open the first
        await settle(pilot)
        assert [p.read_bytes() for p in opened] == [SCAN]
        await pilot.press("S")  # save all
        await settle(pilot)
        await pilot.press(*str(tmp_path / "saved"), "enter")
        await settle(pilot)
        assert "已保存" in screen_text(app)
    assert sorted(p.name for p in (tmp_path / "saved").iterdir()) == [
        "公示␛[31m照片.png",
        "签到表.pdf",
    ]
    assert (folder_for(town) / hashlib.sha256(SCAN).hexdigest()).read_bytes() == SCAN
