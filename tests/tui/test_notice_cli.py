"""`village-tui verify-notice`: every answer and every bad input, word for word, in zh and en."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.tui.notice_world import MATTER, STEP, copy_db, make_world, resign, sql
from village_tui.cli.main import main
from village_tui.notices.check import seal_notice
from village_tui.store.db import open_engine

TITLE = "前进村至淇滨大道连接路硬化（村村通）"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return make_world(tmp_path_factory.mktemp("notice-cli"))


@pytest.fixture(scope="module")
def seal(world):
    engine = open_engine(world.village)
    try:
        return seal_notice(engine, MATTER, STEP)[2]
    finally:
        engine.dispose()


def run(capsys, db, *args, lang="zh"):
    capsys.readouterr()
    code = main(["--lang", lang, "--db", str(db), "verify-notice", *args])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err.strip()


def witnessed_day(db) -> str:
    """The day the township's checkpoint of the village ledger was signed (its import's day)."""
    from village_tui.store.db import read_session
    from village_tui.sync.witness import latest_witnessed

    engine = open_engine(db)
    try:
        with read_session(engine) as s:
            return latest_witnessed(s, "410611100901").date
    finally:
        engine.dispose()


def test_match_zh(capsys, world, seal):
    code, lines, err = run(capsys, world.town, seal.short_code())
    assert (code, err) == (0, "")
    assert lines[:3] == [
        f"与台账一致：示例·前进村（410611100901）“{TITLE}”的决议公示，台账第 {seal.seq} 条",
        f"乡镇已于 {witnessed_day(world.town)} 见证台账至此位置",
        "台账记载（请与张贴的公示逐项对照）：",
    ]
    assert "  表决结果：赞成38人，反对1人，弃权1人" in lines
    assert "  公示期：2026-07-08至2026-07-16（8天）" in lines


def test_match_en_from_the_scanned_text(capsys, world, seal):
    code, lines, err = run(capsys, world.town, seal.payload(), lang="en")
    assert (code, err) == (0, "")
    assert lines[:3] == [
        f"Matches the ledger: resolution notice of “{TITLE}”, 示例·前进村 (410611100901),"
        f" ledger entry {seal.seq}",
        f"Witnessed by the township on {witnessed_day(world.town)}",
        "The ledger records (compare the posted notice line by line):",
    ]
    assert "  Votes: 38 for, 1 against, 1 abstaining" in lines


def test_match_at_a_village_that_has_no_feedback_yet(capsys, world, seal):
    """The township's checkpoint reaches the village only with its feedback."""
    code, lines, err = run(capsys, world.village, seal.short_code())
    assert (code, err) == (0, "")
    assert lines[1] == "本数据库没有乡镇见证此位置的记录"
    code, lines, err = run(capsys, world.village, seal.short_code(), lang="en")
    assert lines[1] == "No township witness of this position is recorded here"


def test_content_differs(capsys, world, tmp_path):
    forged = copy_db(world.village, tmp_path / "forged.db")
    sql(
        forged,
        "UPDATE step SET record = replace(record, '\"votes_for\":38', '\"votes_for\":48')"
        f" WHERE matter_id = '{MATTER}' AND step = 'resolution'",
    )
    engine = open_engine(forged)
    seal = seal_notice(engine, MATTER, STEP)[2]
    engine.dispose()
    code, lines, _ = run(capsys, world.town, seal.payload())
    assert code == 1
    assert lines[0] == (
        f"与台账不符：公示内容与示例·前进村（410611100901）台账第 {seal.seq} 条时“{TITLE}”的记录不同，"
        "请对照下列台账记载"
    )
    assert lines[1:3] == ["不符之处：表决结果", "台账记载（请与张贴的公示逐项对照）："]
    assert "  表决结果：赞成38人，反对1人，弃权1人" in lines
    _, lines, _ = run(capsys, world.town, seal.payload(), lang="en")
    assert lines[1] == "What differs: Votes"
    code, lines, _ = run(capsys, world.town, seal.short_code(), lang="en")
    assert code == 1
    assert lines[1] == "The ledger records (compare the posted notice line by line):"
    assert lines[0] == (
        f"Does not match: the notice differs from what the ledger of 示例·前进村 (410611100901)"
        f" records for “{TITLE}” at entry {seal.seq}; compare it with the record below"
    )


def test_bad_signature(capsys, world, seal):
    forged = resign(seal, world.town)
    code, lines, _ = run(capsys, world.town, forged.payload())
    assert (code, lines) == (
        1,
        ["与台账不符：二维码不是示例·前进村（410611100901）的密钥签发的（公示可能是伪造的）"],
    )
    code, lines, _ = run(capsys, world.town, forged.payload(), lang="en")
    assert lines == [
        "Does not match: the QR code was not signed by the key of 示例·前进村 (410611100901)"
        " (the notice may be forged)"
    ]


def test_not_this_matter(capsys, world, seal):
    other = resign(replace(seal, matter_id="demo-002"), world.village)
    code, lines, _ = run(capsys, world.town, other.payload())
    assert (code, lines) == (
        1,
        [f"与台账不符：示例·前进村（410611100901）台账第 {seal.seq} 条记的不是这份公示所说的事项"],
    )
    _, lines, _ = run(capsys, world.town, other.payload(), lang="en")
    assert lines == [
        f"Does not match: entry {seal.seq} of the ledger of 示例·前进村 (410611100901)"
        " is not about the matter of this notice"
    ]


def test_unknown_village(capsys, world, seal):
    other = replace(seal, village_code="410611100902")
    code, lines, _ = run(capsys, world.town, other.payload())
    assert (code, lines) == (1, ["无法核验：本数据库没有村 410611100902 的台账"])
    _, lines, _ = run(capsys, world.town, other.payload(), lang="en")
    assert lines == ["Unknown: this database does not hold the ledger of village 410611100902"]


def test_unknown_position(capsys, world, seal):
    beyond = resign(replace(seal, seq=500), world.village)
    code, lines, _ = run(capsys, world.town, beyond.payload())
    assert (code, lines) == (
        1,
        [
            "无法核验：本数据库中示例·前进村（410611100901）的台账只到第 111 条，公示指第 500 条"
            "（请先导入该村最新的数据包）"
        ],
    )
    _, lines, _ = run(capsys, world.town, beyond.payload(), lang="en")
    assert lines == [
        "Unknown: this database holds the ledger of 示例·前进村 (410611100901) up to entry 111,"
        " the notice"
        " names entry 500 (import the village's latest bundle first)"
    ]


@pytest.mark.parametrize(
    ("arg", "zh", "en"),
    [
        (
            "410611100901-62-5-42270-53982-5",
            "错误：核验码有误（校验位不符，可能抄错了一位）：410611100901-62-5-42270-53982-5",
            "error: wrong verification code (check digit does not match; a digit may be misread):"
            " 410611100901-62-5-42270-53982-5",
        ),
        (
            "VTN1:410611100901:62:5:AAAA",
            "错误：不是本程序公示的二维码内容（应以 VTN1: 开头）",
            "error: not the QR code of a notice made by this program (it should start with VTN1:)",
        ),
    ],
)
def test_bad_codes(capsys, world, arg, zh, en):
    assert run(capsys, world.town, arg) == (1, [], zh)
    assert run(capsys, world.town, arg, lang="en") == (1, [], en)


def test_photos_that_hold_no_notice(capsys, world, tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    assert run(capsys, world.town, str(blank)) == (
        1,
        [],
        f"错误：图片 {blank} 中找不到二维码（请拍清楚、拍全二维码再试）",
    )
    other = tmp_path / "other.png"
    import segno

    segno.make("https://example.org/", error="m").save(other, scale=6)
    assert run(capsys, world.town, str(other), lang="en") == (
        1,
        [],
        f"error: the QR code in {other} is not a notice's QR code from this program",
    )
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    code, lines, err = run(capsys, world.town, str(broken))
    assert (code, lines) == (1, []) and err.startswith(f"错误：无法读取图片 {broken}：")


def test_the_database_must_exist(capsys, tmp_path, seal):
    missing = tmp_path / "none.db"
    assert run(capsys, missing, seal.short_code(), lang="en") == (
        1,
        [],
        f"error: database file does not exist: {missing}",
    )
    assert not missing.exists()


def test_usage(capsys, world):
    capsys.readouterr()
    assert main(["--db", str(world.town), "verify-notice"]) == 2


def test_start_up_loads_no_qr_library(world, seal):
    """segno, zxing-cpp and Pillow load only when a notice is printed or a photo is read."""
    import os
    import subprocess
    import sys

    from tests.cli.cli_support import REPO

    code = (
        "import sys\n"
        "import village_tui.tui.app, village_tui.notices.files, village_tui.notices.check\n"
        "import village_tui.cli.main as m; m.build_parser()\n"
        f"m.main(['--db', {str(world.town)!r}, 'verify-notice', {seal.short_code()!r}])\n"
        "heavy = ('segno', 'zxingcpp', 'PIL')\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in heavy))\n"
        "assert 'village_tui.notices.at_position' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
