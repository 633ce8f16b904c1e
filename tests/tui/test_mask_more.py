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


# --- an independent scanner: digits only, everything between them dropped -------------------

ID = "410611199001011234"
PHONES = ["13812345678", "19112345678", "19987654321"]


def digits_only(text: str) -> str:
    """Every decimal digit of `text` (any width or script) as ASCII, nothing else."""
    import unicodedata

    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


def assert_no_leak(text: str, secrets=(ID, *PHONES)) -> None:
    found = digits_only(text)
    for secret in secrets:
        # the masked forms keep 4+4 and 3+4 digits; a leak is 9 or more in a row of the secret
        for n in range(len(secret) - 8):
            assert secret[n : n + 9] not in found, (secret, text)


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)


def _split(number: str, groups: tuple[int, ...], sep: str) -> str:
    out, at = [], 0
    for n in groups:
        out.append(number[at : at + n])
        at += n
    return sep.join(out)


SEPARATORS = [".", "/", "_", "-", " ", "   ", "\t", "\n", " \n\t ", "\u200b", "\u2060", "\ufeff",
              "\u00ad", "\u200d", "．", "／", "＿", "－", "\u3000", "\u2028", " - ", "/ "]  # fmt: skip
ID_GROUPS = [(6, 8, 4), (4, 4, 4, 4, 2), (6, 4, 4, 4), (3, 3, 4, 4, 4), (1,) * 18]
PHONE_GROUPS = [(3, 4, 4), (3, 8), (7, 4), (1,) * 11]


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("groups", ID_GROUPS)
@pytest.mark.parametrize("width", ["half", "full"])
def test_an_id_number_split_any_way_is_masked(sep, groups, width):
    written = "户主张三" + _split(ID, groups, sep) + "低保"
    written = _full_width(written) if width == "full" else written
    out = mask_personal(written)
    assert_no_leak(out)
    assert "4106" in out.replace("\u200b", "") or "４１０６" not in out


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("groups", PHONE_GROUPS)
@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("width", ["half", "full"])
def test_a_mobile_number_split_any_way_is_masked(sep, groups, phone, width):
    written = "联系电话：" + _split(phone, groups, sep) + "。"
    written = _full_width(written) if width == "full" else written
    out = mask_personal(written)
    assert_no_leak(out)
    assert phone[:3] + "****" + phone[-4:] in out


@pytest.mark.parametrize(
    "written",
    [
        "4106111990\u200b01011234",  # an invisible character inside a group
        "41061119\u200b\u200b9001011234",
        "410611\x0019900101\x001234",  # NUL from an old import
        "٤١٠٦١١١٩٩٠٠١٠١١٢٣٤",  # Arabic-Indic digits
        "+86 191 2345 6789",
        "＋８６　１９１　２３４５　６７８９",
    ],
)
def test_odd_writings_are_masked(written):
    assert_no_leak(mask_personal(written))


def test_the_notice_file_name_is_masked(tmp_path):
    from datetime import date

    from village_tui.domain.model import Matter, MatterState, Posting, Village
    from village_tui.domain.steps import Step
    from village_tui.notices.files import notice_stem, write_notices

    village = Village(code="410611100901", name="示例村", township_code="410611100",
                      township_name="示例镇", county_code="410611", county_name="示例区")  # fmt: skip
    for title in [
        "张三410611199001011234低保救助",
        "张三 4106 1119 9001 0112 34",
        "李四１９１ ２３４５ ６７８９",
    ]:
        state = MatterState(
            matter=Matter(id="m1", title=title, category="dibao", source="cadres"),
            steps={
                Step.RESOLUTION_DISCLOSURE: Posting(
                    posted_on=date(2026, 3, 9), until=date(2026, 3, 16)
                )
            },
        )
        stem = notice_stem(state, Step.RESOLUTION_DISCLOSURE, date(2026, 3, 9))
        assert_no_leak(stem)
        txt, html = write_notices(
            tmp_path, village, state, Step.RESOLUTION_DISCLOSURE, date(2026, 3, 9)
        )
        for path in (txt, html):
            assert_no_leak(path.name)
            assert_no_leak(path.read_text(encoding="utf-8-sig"))
    assert notice_stem(state, Step.RESOLUTION_DISCLOSURE, date(2026, 3, 9)).startswith(
        "2026-03-09-李四191_6789-"  # "*" cannot be in a Windows file name
    )


def test_control_characters_never_reach_a_file_name():
    from datetime import date

    from village_tui.domain.model import Matter, MatterState
    from village_tui.domain.steps import Step
    from village_tui.notices.files import notice_stem

    state = MatterState(
        matter=Matter(id="m1", title="道路\x1b[2J\x00维修\n", category="road", source="cadres")
    )
    assert (
        notice_stem(state, Step.RESULT_DISCLOSURE, date(2026, 3, 9))
        == "2026-03-09-道路维修-结果公示"
    )
