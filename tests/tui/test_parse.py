"""What the clerk types: dates, counts and money in 元 read exactly (no floats)."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.tui.parse import InputError, format_fen, parse_count, parse_date, parse_fen

TODAY = date(2024, 5, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("20240301", date(2024, 3, 1)),
        ("2024/3/1", date(2024, 3, 1)),
        ("3-8", date(2024, 3, 8)),
        ("２０２４－０３－０１", date(2024, 3, 1)),  # full-width input method
    ],
)
def test_dates(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2024-02-30", "2024-13-01", "昨天", "2024", ""])
def test_bad_dates(text):
    with pytest.raises(InputError):
        parse_date(text, TODAY)


def test_no_such_day_says_so():
    with pytest.raises(InputError) as err:
        parse_date("2023-02-29", TODAY)
    assert err.value.message_zh == "没有这一天：2023-02-29"


@pytest.mark.parametrize(
    "text, fen",
    [
        ("12.50", 1250),
        ("1,234", 123400),
        ("1234元", 123400),
        ("0.1", 10),
        ("0.29", 29),  # 0.29 * 100 is 28.999... in floats
        ("12,345.6", 1234560),
        ("", 0),
        ("999999999999.99", 99999999999999),
    ],
)
def test_money_in_yuan_to_fen(text, fen):
    assert parse_fen(text) == fen


@pytest.mark.parametrize("text", ["12.505", "-5", "abc", "1.2.3"])
def test_bad_money(text):
    with pytest.raises(InputError):
        parse_fen(text)


def test_three_decimals_names_the_problem():
    with pytest.raises(InputError) as err:
        parse_fen("1.234")
    assert err.value.message_zh == "金额最多两位小数（分）"


def test_counts():
    assert parse_count("45") == 45
    assert parse_count("1,200") == 1200
    for bad in ("-1", "2.5", "", "四十五"):
        with pytest.raises(InputError):
            parse_count(bad)


def test_format_fen():
    assert format_fen(1234560) == "12,345.60"
    assert format_fen(5) == "0.05"
    assert format_fen(-150) == "-1.50"
