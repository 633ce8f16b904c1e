"""A printed notice as an inspector meets it: rendered by headless Chromium, its QR read from the PNG."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.tui.notice_world import MATTER, STEP, TODAY, copy_db, make_world, sql
from village_tui.cli.main import main
from village_tui.notices.check import seal_notice
from village_tui.notices.files import write_notices
from village_tui.store.db import open_engine

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
]


def _screenshot(tmp_path, page, png):
    """The page as Chromium paints it at A4 width (96 dpi: 794 x 1123 pixels)."""
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=794,1123",
        f"--screenshot={png}",
        page.as_uri(),
    ]
    subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=True)
    assert png.stat().st_size > 10_000


def _printed(db, folder):
    engine = open_engine(db)
    try:
        village, state, seal = seal_notice(engine, MATTER, STEP)
    finally:
        engine.dispose()
    _, html = write_notices(folder, village, state, STEP, TODAY, seal=seal)
    return html, seal


def _verify(capsys, db, photo):
    capsys.readouterr()
    code = main(["--db", str(db), "verify-notice", str(photo)])
    return code, capsys.readouterr().out.splitlines()


def test_a_photographed_notice_is_checked_against_the_ledger(tmp_path, capsys):
    world = make_world(tmp_path)
    html, seal = _printed(world.village, tmp_path / "notices")
    png = tmp_path / "notice.png"
    _screenshot(tmp_path, html, png)
    code, lines = _verify(capsys, world.town, png)
    assert code == 0, lines
    assert lines[0].startswith("与台账一致：示例·前进村（410611100901）")
    assert f"台账第 {seal.seq} 条" in lines[0]
    assert "  表决结果：赞成38人，反对1人，弃权1人" in lines

    # As a phone sees it: held askew, JPEG-compressed.
    from PIL import Image

    photo = tmp_path / "photo.jpg"
    with Image.open(png) as shot:
        page = shot.convert("RGB")
    page.resize((page.width * 2, page.height * 2)).rotate(-12, expand=True, fillcolor="white").save(
        photo, quality=50
    )
    assert _verify(capsys, world.town, photo)[0] == 0

    # The same notice printed from a copy with one figure changed (48 votes for, not 38).
    forged = copy_db(world.village, tmp_path / "forged.db")
    sql(
        forged,
        "UPDATE step SET record = replace(record, '\"votes_for\":38', '\"votes_for\":48')"
        f" WHERE matter_id = '{MATTER}' AND step = 'resolution'",
    )
    html2, _ = _printed(forged, tmp_path / "forged")
    assert "赞成48人" in html2.read_text(encoding="utf-8")
    png2 = tmp_path / "forged.png"
    _screenshot(tmp_path, html2, png2)
    code, lines = _verify(capsys, world.town, png2)
    assert code == 1
    assert lines[0].startswith("与台账不符：公示内容与示例·前进村（410611100901）台账第")
    assert lines[1] == "不符之处：表决结果"
    assert "  表决结果：赞成38人，反对1人，弃权1人" in lines
