"""Each kind of cell at and just past its boundary; every refusal with its exact message."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from village_tui.backlog.cells import CELL_CHARS, CellError, convert
from village_tui.backlog.columns import IMPLEMENTATION, MATTERS, MEETINGS, POSTINGS

HELD_ON = MEETINGS.column("held_on")
OPENED_ON = MATTERS.column("opened_on")
EXPECTED = MEETINGS.column("expected")
VOTES_FOR = MEETINGS.column("votes_for")
PLANNED = MATTERS.column("planned_yuan")
PERSONAL = MATTERS.column("personal_data")
CATEGORY = MATTERS.column("category")
STEP = MEETINGS.column("step")
POSTING_STEP = POSTINGS.column("step")
KIND = IMPLEMENTATION.column("kind")
TITLE = MATTERS.column("title")
CONTENT = MEETINGS.column("content")
NUMBER = MATTERS.column("number")


@pytest.mark.parametrize(
    ("column", "raw", "value"),
    [
        (HELD_ON, "2024-03-01", date(2024, 3, 1)),
        (HELD_ON, "2024/3/1", date(2024, 3, 1)),
        (HELD_ON, "2024年3月1日", date(2024, 3, 1)),
        (HELD_ON, datetime(2024, 2, 29, 0, 0), date(2024, 2, 29)),
        (HELD_ON, date(2024, 2, 29), date(2024, 2, 29)),
        (OPENED_ON, None, None),
        (OPENED_ON, "  ", None),
        (EXPECTED, 0, 0),
        (EXPECTED, 45, 45),
        (EXPECTED, 45.0, 45),
        (EXPECTED, "45", 45),
        (VOTES_FOR, None, None),
        (PLANNED, 0.01, 1),
        (PLANNED, "1,234.56", 123456),
        (PLANNED, "100元", 10000),
        (PLANNED, 120000.5, 12000050),
        (PLANNED, 7, 700),
        (PERSONAL, "是", True),
        (PERSONAL, "否", False),
        (PERSONAL, True, True),
        (CATEGORY, "村村通道路", "road"),
        (CATEGORY, "dibao", "dibao"),
        (STEP, "4 村民（代表）会议决议", "resolution"),
        (STEP, "3", "party_assembly"),
        (STEP, 1, "proposal"),
        (POSTING_STEP, 6, "result_disclosure"),
        (KIND, "进度", "progress"),
        (NUMBER, 12.0, "12"),
        (NUMBER, 12, "12"),
        (TITLE, "  村西路 ", "村西路"),
        (CONTENT, "-（无）", "-（无）"),  # a dash is text, not a link
        (CONTENT, "x" * CELL_CHARS, "x" * CELL_CHARS),
    ],
)
def test_cells_that_are_recorded(column, raw, value):
    assert convert(column, raw, "会议!C7") == value


@pytest.mark.parametrize(
    ("column", "raw", "message"),
    [
        (HELD_ON, "2024-02-30", "会议!C7：日期不存在（2024-02-30）"),
        (HELD_ON, "2023-02-29", "会议!C7：日期不存在（2023-02-29）"),
        (HELD_ON, "2024-13-01", "会议!C7：日期不存在（2024-13-01）"),
        (HELD_ON, "下周三", "会议!C7：不是日期（下周三），请写作 2024-03-01"),
        (HELD_ON, 45000, "会议!C7：不是日期（45000），请写作 2024-03-01"),
        (HELD_ON, None, "会议!C7：必填"),
        (HELD_ON, "", "会议!C7：必填"),
        (EXPECTED, 45.5, "会议!C7：应为整数（45.5）"),
        (EXPECTED, "四十五", "会议!C7：应为整数（四十五）"),
        (EXPECTED, True, "会议!C7：应为整数（True）"),
        (EXPECTED, "9" * 10, "会议!C7：应为整数（9999999999）"),
        (PLANNED, 0.001, "会议!C7：金额应以元填写，最多两位小数（0.001）"),
        (PLANNED, "1.005", "会议!C7：金额应以元填写，最多两位小数（1.005）"),
        (PLANNED, "NaN", "会议!C7：金额应以元填写，最多两位小数（NaN）"),
        (PLANNED, "1e13", "会议!C7：金额应以元填写，最多两位小数（1e13）"),
        (PLANNED, "十万", "会议!C7：金额应以元填写，最多两位小数（十万）"),
        (PERSONAL, "也许", "会议!C7：应填“是”或“否”（也许）"),
        (
            CATEGORY,
            "修路",
            "会议!C7：不是可选的值（修路），可选：村村通道路、种粮直补、低保评议、一事一议、"
            "土地承包与流转、集体资产、宅基地、征地补偿、救灾救济、其他",
        ),
        (
            STEP,
            "5",
            "会议!C7：不是可选的值（5），可选：1 党支部会提议、2 村两委会商议、3 党员大会审议、"
            "4 村民（代表）会议决议",
        ),
        (
            CONTENT,
            "=cmd|' /c calc'!A1",
            "会议!C7：不接受公式或外部链接（=cmd|' /c calc'!A1），请直接填写数值或文字",
        ),
        (
            CONTENT,
            "=SUM(A1:A3)",
            "会议!C7：不接受公式或外部链接（=SUM(A1:A3)），请直接填写数值或文字",
        ),
        (
            CONTENT,
            "+cmd|' /c notepad'!A0",
            "会议!C7：不接受公式或外部链接（+cmd|' /c notepad'!A0），请直接填写数值或文字",
        ),
        (
            EXPECTED,
            "=1+1",
            "会议!C7：不接受公式或外部链接（=1+1），请直接填写数值或文字",
        ),
        (
            CONTENT,
            "x" * (CELL_CHARS + 1),
            f"会议!C7：内容过长（{CELL_CHARS + 1}字，上限{CELL_CHARS}字）",
        ),
        (CONTENT, ["a"], "会议!C7：不是文字或数值"),
        (CONTENT, {"a": 1}, "会议!C7：不是文字或数值"),
        (TITLE, True, "会议!C7：不是文字或数值"),
        (TITLE, None, "会议!C7：必填"),
    ],
)
def test_cells_that_are_refused(column, raw, message):
    with pytest.raises(CellError) as exc:
        convert(column, raw, "会议!C7")
    assert exc.value.message_zh == message
    assert exc.value.cell == "会议!C7"


def test_a_long_bad_value_is_quoted_cut_and_in_english():
    with pytest.raises(CellError) as exc:
        convert(HELD_ON, "很久以前" * 20, "meetings[3].held_on")
    assert exc.value.message_en == (
        "meetings[3].held_on: not a date (" + ("很久以前" * 10) + "…); write it as 2024-03-01"
    )


def test_a_matter_number_is_short():
    assert convert(NUMBER, "x" * 40, "事项!A2") == "x" * 40
    with pytest.raises(CellError) as exc:
        convert(NUMBER, "x" * 41, "事项!A2")
    assert exc.value.message_zh == "事项!A2：内容过长（41字，上限40字）"
