"""12-digit 统计用区划代码 checks."""

from __future__ import annotations

import pytest

from village_tui.domain.codes import (
    TownshipKind,
    check_township_code,
    check_village_code,
    county_code,
    township_code,
    township_kind,
)
from village_tui.domain.findings import InvalidRecord


@pytest.mark.parametrize("code", ["410621101201", "410602201001", "410611001999"])
def test_valid_village_codes(code):
    check_village_code(code)


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        (
            "41062110120",
            "区划代码应为12位数字，实为11位",
            "The division code must have 12 digits, not 11",
        ),
        (
            "4106211012011",
            "区划代码应为12位数字，实为13位",
            "The division code must have 12 digits, not 13",
        ),
        ("", "区划代码应为12位数字，实为0位", "The division code must have 12 digits, not 0"),
        (
            "41062110120A",
            "区划代码只能包含数字0-9",
            "The division code may contain only the digits 0-9",
        ),
        (
            "４10621101201",
            "区划代码只能包含数字0-9",
            "The division code may contain only the digits 0-9",
        ),
        (
            "410621000201",
            "区划代码第7-9位(乡镇)不能为000",
            "Digits 7-9 of the division code (township) cannot be 000",
        ),
        (
            "410621101000",
            "区划代码第10-12位(村)不能为000",
            "Digits 10-12 of the division code (village) cannot be 000",
        ),
    ],
)
def test_invalid_village_codes(code, zh, en):
    with pytest.raises(InvalidRecord) as info:
        check_village_code(code)
    assert info.value.field == "code"
    assert (info.value.message_zh, info.value.message_en) == (zh, en)


def test_parts():
    assert township_code("410621101201") == "410621101"
    assert county_code("410621101201") == "410621"
    assert county_code("410621101") == "410621"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("410602001001", TownshipKind.SUBDISTRICT),
        ("410602099001", TownshipKind.SUBDISTRICT),
        ("410602100001", TownshipKind.TOWN),
        ("410602199001", TownshipKind.TOWN),
        ("410602200001", TownshipKind.TOWNSHIP),
        ("410602399001", TownshipKind.TOWNSHIP),
        ("410602400001", None),
        ("410602201", TownshipKind.TOWNSHIP),
        ("4106", None),
    ],
)
def test_township_kind(code, kind):
    assert township_kind(code) is kind


def test_township_kind_names():
    assert [k.zh for k in TownshipKind] == ["街道", "镇", "乡"]


def test_township_code_check():
    check_township_code("410621101")
    for bad in ("41062110", "41062110a", "410621000"):
        with pytest.raises(InvalidRecord) as info:
            check_township_code(bad)
        assert info.value.field == "township_code"
