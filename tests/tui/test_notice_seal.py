"""The notice seal's formats: the QR payload round trip, the short code and its check digit."""

from __future__ import annotations

import pytest

from village_tui.domain.steps import Step
from village_tui.notices.seal import (
    FACT_KEYS,
    NoticeCodeError,
    Seal,
    content_hash,
    damm,
    differing_lines,
    line_digests,
    parse_payload,
    parse_short_code,
)

FACTS = [("matter", "村村通道路"), ("votes", [38, 1, 1]), ("period", ["2026-07-08", "2026-07-16"])]
ANCHOR = "ab" * 32  # the hash of the ledger entry at the notice's position
DIGEST = content_hash("410611100901", "demo-001", Step.RESOLUTION_DISCLOSURE, FACTS, ANCHOR)
LINES = line_digests(FACTS, ANCHOR)
SEAL = Seal(
    "410611100901", 62, Step.RESOLUTION_DISCLOSURE, "demo-001", DIGEST, LINES, bytes(range(64))
)


def test_payload_round_trip_and_alphabet():
    text = SEAL.payload()
    assert parse_payload(text) == SEAL
    assert text.startswith("VTN1:410611100901:62:5:")
    # QR alphanumeric mode: upper case, digits and ':' only, so the code stays small.
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:")
    assert SEAL.signed_text() == text.rsplit(":", 1)[0]


def test_matter_ids_of_any_case_survive_the_round_trip():
    seal = Seal("410611100901", 7, Step.RESULT_DISCLOSURE, "aB-9f_中", DIGEST, LINES, b"\x01" * 64)
    assert parse_payload(seal.payload()).matter_id == "aB-9f_中"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "VTN2:410611100901:62:5:MRSW:AAAA:AAAA",  # another format version
        SEAL.payload().replace(":62:", ":062:"),  # positions are written one way only
        SEAL.payload().replace(":5:", ":4:"),  # step 4 has no notice
        SEAL.payload().replace("410611100901", "41061110090"),
        SEAL.payload() + "\nextra",
        SEAL.payload().lower(),
    ],
)
def test_payloads_that_are_not_ours(text):
    with pytest.raises(NoticeCodeError) as e:
        parse_payload(text)
    assert e.value.message_en.startswith("not the QR code of a notice")


def test_a_cut_payload_is_damaged():
    cut = SEAL.payload()[:-10]
    with pytest.raises(NoticeCodeError) as e:
        parse_payload(cut)
    assert (e.value.message_zh, e.value.message_en) == (
        "公示二维码内容已损坏",
        "the notice's QR code content is damaged",
    )


def test_content_hash_covers_every_field():
    base = ("410611100901", "demo-001", Step.RESOLUTION_DISCLOSURE, FACTS, ANCHOR)
    assert content_hash(*base) == DIGEST
    assert content_hash("410611100902", *base[1:]) != DIGEST
    assert content_hash(base[0], "demo-002", *base[2:]) != DIGEST
    assert content_hash(*base[:2], Step.RESULT_DISCLOSURE, *base[3:]) != DIGEST
    changed = [FACTS[0], ("votes", [48, 1, 1]), FACTS[2]]
    assert content_hash(*base[:3], changed, ANCHOR) != DIGEST
    # Without the ledger entry's hash the facts cannot be guessed back from the code.
    assert content_hash(*base[:4], "cd" * 32) != DIGEST


def test_line_digests_name_the_changed_line():
    assert len(LINES) == len(FACT_KEYS)
    changed = [FACTS[0], ("votes", [48, 1, 1]), FACTS[2]]
    assert differing_lines(LINES, line_digests(changed, ANCHOR)) == ["votes"]
    # A line left out or added is a difference too.
    assert differing_lines(LINES, line_digests(FACTS[:2], ANCHOR)) == ["period"]
    assert differing_lines(LINES, line_digests([*FACTS, ("description", "")], ANCHOR)) == [
        "description"
    ]
    assert differing_lines(LINES, line_digests(list(FACTS), ANCHOR)) == []
    assert line_digests(FACTS, "cd" * 32) != LINES


def test_damm_known_value():
    assert damm("572") == "4"  # the algorithm's published example
    assert damm("5724") == "0"


def test_short_code_layout_and_round_trip():
    code = SEAL.short_code()
    village, seq, step, h1, h2, check = code.split("-")
    assert (village, seq, step, len(h1), len(h2), len(check)) == (
        "410611100901",
        "62",
        "5",
        5,
        5,
        1,
    )
    parsed = parse_short_code(code)
    assert (parsed.village_code, parsed.seq, parsed.step) == ("410611100901", 62, SEAL.step)
    assert parsed.hash_digits == h1 + h2
    # Read out over the phone and typed any way: spaces, no separators, full-width digits.
    assert parse_short_code(code.replace("-", " ")) == parsed
    assert parse_short_code(code.replace("-", "")) == parsed
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in code)
    assert parse_short_code(full_width) == parsed


def test_every_single_misread_digit_and_neighbour_swap_is_caught():
    digits = SEAL.short_code().replace("-", "")
    for i, d in enumerate(digits):
        for other in "0123456789":
            if other != d:
                with pytest.raises(NoticeCodeError, match="check digit"):
                    parse_short_code(digits[:i] + other + digits[i + 1 :])
    for i in range(len(digits) - 1):
        a, b = digits[i], digits[i + 1]
        if a != b:
            swapped = digits[:i] + b + a + digits[i + 2 :]
            with pytest.raises(NoticeCodeError, match="check digit"):
                parse_short_code(swapped)


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (
            "4106-abc",
            "核验码只含数字：4106-abc",
            "a verification code has digits only: 4106-abc",
        ),
        (
            "410611100901-62-5",
            "核验码位数不对：410611100901-62-5",
            "a verification code of the wrong length: 410611100901-62-5",
        ),
    ],
)
def test_bad_short_codes(text, zh, en):
    with pytest.raises(NoticeCodeError) as e:
        parse_short_code(text)
    assert (e.value.message_zh, e.value.message_en) == (zh, en)


def test_a_short_code_without_a_position_or_with_a_leading_zero_is_refused():
    h = "1234567890"
    for body in (f"410611100901{'0'}5{h}", f"4106111009010625{h}", f"410611100901624{h}"):
        # a valid check digit, but no position / a padded one / step 4
        with pytest.raises(NoticeCodeError) as e:
            parse_short_code(body + damm(body))
        assert e.value.message_en.startswith("wrong verification code:")
