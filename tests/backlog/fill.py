"""Filling the backlog template by code, as a clerk would type 20 matters from paper."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

CODE = "410611100901"
ROSTER = [
    "--party-members-voting", "30", "--committee-members", "7", "--rep-assembly-members", "45",
    "--representatives", "38", "--women-members", "15", "--adult-villagers", "1260",
    "--households", "386",
]  # fmt: skip
INIT = ["init", "--code", CODE, "--name", "示例·补录村", "--township", "大赉店镇",
        "--county", "淇滨区", "--profile", "henan-4+2", *ROSTER]  # fmt: skip

# Matters with something wrong on paper (recorded, with findings), by number.
SHORT_QUORUM = "2019-05"  # 党员大会: 15 of 30 present; held again with 25
SHORT_POSTING = "2019-08"  # 决议公开 posted 3 days (7 needed): a defect
SHORT_MAJORITY = "2019-12"  # 村民代表会议: 40 present, 20 for (not more than half)
# Matters that cannot be recorded as they stand.
BAD_DATE = "2019-17"  # 2021-02-30 at step 2
TOO_MANY_VOTES = "2019-19"  # 8 votes for at step 2 with 7 present
FORMULA = "2019-20"  # a DDE link in the resolution's content
NUMBERS = [f"2019-{n:02d}" for n in range(1, 21)]


def meeting(number, step, day, expected, present, votes_for, **more):
    """A row of the 会议 sheet (columns in template order)."""
    row = [number, step, day, "村委会议室", more.get("assembly"), None, None,
           expected, present, votes_for, 0, max(0, present - votes_for), more.get("content", "同意"),
           None, more.get("officials"), more.get("plan_sent_on"), None, None]  # fmt: skip
    return row


def fill(template: Path, out: Path) -> dict[str, int]:
    """Write the 20 matters into a copy of the template; returns each number's 会议 first row."""
    book = load_workbook(template)
    matters, meetings, postings, works = (book[n] for n in ("事项", "会议", "公示", "实施"))
    first_meeting_row = {}
    for i, number in enumerate(NUMBERS, start=1):
        month = f"2019-{(i % 9) + 1:02d}"
        matters.append([number, f"第{i}号事项：村内道路维修", "村村通道路", "村干部提议",
                        f"{month}-01", 50000 + i, "否", "纸质台账补录"])  # fmt: skip
        first_meeting_row[number] = meetings.max_row + 1

        def day(d: int, month: str = month) -> str:
            return f"{month}-{d:02d}"

        step2_day = "2021-02-30" if number == BAD_DATE else day(2)
        step2_for = 8 if number == TOO_MANY_VOTES else 7
        meetings.append(meeting(number, "1 党支部会提议", day(1), 5, 5, 5))
        meetings.append(meeting(number, "2 村两委会商议", step2_day, 7, 7, step2_for))
        if number == SHORT_QUORUM:
            meetings.append(meeting(number, "3 党员大会审议", day(4), 30, 15, 15,
                                    plan_sent_on=day(1)))  # fmt: skip
        meetings.append(meeting(number, "3 党员大会审议", day(5), 30, 25, 24, plan_sent_on=day(2),
                                officials="王明:副镇长"))  # fmt: skip
        votes = 20 if number == SHORT_MAJORITY else 38
        content = "=cmd|' /c calc'!A1" if number == FORMULA else "通过"
        # As Excel keeps a typed date: a date cell, not text.
        held = datetime.strptime(day(6), "%Y-%m-%d")
        meetings.append(meeting(number, "4 村民（代表）会议决议", held, 45, 40, votes,
                                assembly="村民代表会议", content=content))  # fmt: skip
        if number == SHORT_MAJORITY:
            continue  # not resolved: nothing is posted or done
        until = day(10) if number == SHORT_POSTING else day(14)
        postings.append([number, "5 决议公开", day(7), until, "村务公开栏、微信群", "决议内容",
                         "无异议", "同意", "李监督"])  # fmt: skip
        works.append([number, "开始实施", day(15), "硬化路面", None, "某建筑公司", "HT-1"])
        works.append([number, "进度", day(17), "完成一半", "20000.50"])
        works.append([number, "完成", day(19), "全部完成"])
        postings.append([number, "6 实施结果公开", day(20), day(27), "村务公开栏",
                         "结果", "无异议", "同意", "李监督", "已完成", 40000.5])  # fmt: skip
    book.save(out)
    return first_meeting_row
