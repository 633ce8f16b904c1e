"""ID and phone numbers are masked however a clerk typed them; ordinary figures are left alone."""

from __future__ import annotations

import pytest

from village_tui.county.privacy import leaks, scrub
from village_tui.notices.mask import mask_personal

ID_MASKED = "4106**********1234"
ID_X_MASKED = "4106**********123X"
PHONE_MASKED = "138****5678"

MASKED = [
    # (written, masked) — the masked form is the same for notices and county output.
    ("410611199001011234", ID_MASKED),
    ("41061119900101123X", ID_X_MASKED),
    ("41061119900101123x", "4106**********123x"),
    ("ID410611199001011234", "ID" + ID_MASKED),
    ("身份证号410611199001011234号", "身份证号" + ID_MASKED + "号"),
    ("４１０６１１１９９００１０１１２３４", ID_MASKED),
    ("４１０６１１１９９００１０１１２３Ｘ", ID_X_MASKED),
    ("4106 1119 9001 0112 34", ID_MASKED),
    ("410611-19900101-1234", ID_MASKED),
    ("410611 1990 0101 1234", ID_MASKED),
    ("410 611 1990 0101 1234", ID_MASKED),
    ("４１０６１１－１９９００１０１－１２３４", ID_MASKED),
    ("４１０６　１１１９　９００１　０１１２　３４", ID_MASKED),
    ("410611900101123", "4106*******1123"),
    ("410611-900101-123", "4106*******1123"),
    ("４１０６１１９００１０１１２３", "4106*******1123"),
    ("13812345678", PHONE_MASKED),
    ("Tel13812345678", "Tel" + PHONE_MASKED),
    ("电话:13812345678。", "电话:" + PHONE_MASKED + "。"),
    ("138 1234 5678", PHONE_MASKED),
    ("138-1234-5678", PHONE_MASKED),
    ("+8613812345678", "+86" + PHONE_MASKED),
    ("+86 138 1234 5678", "+86" + PHONE_MASKED),
    ("8613812345678", "86" + PHONE_MASKED),
    ("１３８１２３４５６７８", PHONE_MASKED),
    ("１３８－１２３４－５６７８", PHONE_MASKED),
    ("＋８６１３８１２３４５６７８", "+86" + PHONE_MASKED),
    ("1381234—5678", PHONE_MASKED),  # dash pasted from a word processor
]

KEPT = [
    "补助金额 1200 元，共 35 户，2024-03-01",
    "2026-11-28",
    "２０２６－１１－２８",
    "12,345.00",
    "50000",
    "金额 50000 元 12,345.00 元 2026-11-28",
    "行政区划代码 410621101950",
    "12345678901",  # 11 digits but not a mobile prefix
    "1234567890",  # 10 digits
    "4106111990010112345",  # 19 digits: neither an ID nor a phone
    "138123456789",  # 12 digits
    "第 1 组 2 组 3 组",
    "各户补助 1200 1300 1400 150 元",
]


@pytest.mark.parametrize(("written", "masked"), MASKED)
def test_notice_masks_every_way_of_writing(written, masked):
    out = mask_personal(written)
    assert out == masked
    assert "1990" not in out and "1234 5678" not in out and "12345678" not in out


@pytest.mark.parametrize(("written", "masked"), MASKED)
def test_county_masks_the_same_way(written, masked):
    assert scrub(written) == masked
    found = leaks(written)
    assert len(found) == 1 and found[0] in written
    assert leaks(scrub(written)) == []


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_figures_are_left_alone(text):
    assert mask_personal(text) == text
    assert scrub(text) == text
    assert leaks(text) == []


def test_other_text_is_kept_as_written():
    # Full-width text around a number stays full-width; only the number is touched.
    text = "户主：张三（ＩＤ４１０６１１１９９００１０１１２３４），补助１２００元"
    assert mask_personal(text) == "户主：张三（ＩＤ" + ID_MASKED + "），补助１２００元"


def test_several_numbers_in_one_line():
    text = "张三 410621199001011234 电话13812345678；李四 41062119900101123X 138-1234-5678，金额 2,400.00 元"
    assert mask_personal(text) == (
        "张三 4106**********1234 电话138****5678；李四 4106**********123X 138****5678，金额 2,400.00 元"
    )
