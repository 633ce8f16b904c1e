"""Every output format: opens where it should, says the same figures, and leaks no personal data."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from village_tui.county.figures import build_report
from village_tui.county.privacy import leaks, scrub
from village_tui.domain import events as ev
from village_tui.domain.model import Matter, Meeting, Roster, Village, to_payload
from village_tui.domain.steps import Step
from village_tui.reports.html import render_html
from village_tui.reports.json_out import render_json, schema, schema_errors
from village_tui.reports.terminal import render_terminal
from village_tui.reports.xlsx import write_xlsx
from village_tui.store.db import open_engine, write_session
from village_tui.store.ledger import append

from .conftest import TODAY
from .personal_scan import personal_numbers

ID_NO = "410621199001011234"
ID_X = "41062119900101123X"
PHONE = "13812345678"


def _leaky_county(path):
    """A county database whose village, titles and records carry ID and phone numbers."""
    engine = open_engine(path)
    village = Village(
        "410621101950",
        f"示例村{PHONE}",
        "410621101",
        f"善堂镇{ID_NO}",
        "410621",
        f"浚县{PHONE}",
        "national",
        Roster(
            party_members_voting=30,
            committee_members=7,
            rep_assembly_members=40,
            representatives=34,
            women_members=14,
        ),
    )
    code = village.code
    titles = {
        "m1": (f"张三（{ID_NO}，电话{PHONE}）危房改造补助", False),
        "m2": (f"李四 {ID_X} 低保评议", True),
    }
    stamp = iter(f"2025-03-{d:02d}T10:00:00Z" for d in range(1, 29))
    with write_session(engine) as s:

        def add(type_, payload, mid=None):
            append(
                s,
                ledger=code,
                type=type_,
                payload=payload,
                actor="测试",
                matter_id=mid,
                now=lambda: next(stamp),
            )

        add(ev.VILLAGE_SET_UP, {"village": to_payload(village)})
        for mid, (title, personal) in titles.items():
            matter = Matter(
                mid,
                title,
                "relief",
                "cadres",
                f"身份证 {ID_NO}",
                100_000,
                personal,
                date(2025, 3, 1),
            )
            add(ev.MATTER_OPENED, {"matter": to_payload(matter)}, mid)
            for n, step in enumerate(
                (Step.PROPOSAL, Step.JOINT_MEETING, Step.PARTY_ASSEMBLY, Step.RESOLUTION)
            ):
                meeting = Meeting(
                    date(2025, 3, 2 + 3 * n),
                    expected=40,
                    present=35,
                    votes_for=30,
                    votes_against=5,
                    votes_abstain=0,
                    content=f"联系电话{PHONE}",
                )
                add(
                    ev.STEP_RECORDED,
                    {
                        "matter_id": mid,
                        "step": step.value,
                        "record": to_payload(meeting),
                        "acknowledged": [],
                    },
                    mid,
                )
    return engine


@pytest.fixture(scope="module")
def leaky_report(tmp_path_factory):
    engine = _leaky_county(tmp_path_factory.mktemp("leaky") / "county.db")
    report = build_report(engine, year=2025, today=TODAY)
    engine.dispose()
    assert len(report["overdue"]) == 2  # both matters are in the list that shows titles
    return report


def _xlsx_text(path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return "\n".join(
        str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None
    )


def _json_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_json_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return [value] if isinstance(value, str) else []


def _all_formats(report, tmp_path, lang) -> dict[str, str]:
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    render_terminal(report, lang, Console(file=buf, width=120, color_system=None))
    write_xlsx(report, tmp_path / "r.xlsx", lang)
    return {
        "table": buf.getvalue(),
        "xlsx": _xlsx_text(tmp_path / "r.xlsx"),
        "html": render_html(report, lang),
        # Money totals are numbers in fen and may have 11 digits; personal data lives in text.
        "json": "\n".join(_json_strings(json.loads(render_json(report)))),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_id_or_phone_number_in_any_format(leaky_report, tmp_path, lang):
    outputs = _all_formats(leaky_report, tmp_path, lang)
    for name, text in outputs.items():
        assert leaks(text) == [], name
        assert "李四" not in text, name  # a title holding personal data is withheld
    assert "张三" in outputs["html"]  # other titles are shown, their numbers masked
    assert "***" in outputs["html"]


def test_the_scanner_itself_finds_what_it_looks_for():
    assert leaks(f"a{ID_NO}b {ID_X} {PHONE}") == [ID_NO, ID_X, PHONE]
    assert leaks("410621101950 2025-03-01 12345678901") == []  # division codes, dates, non-mobile


def test_synthetic_county_outputs_leak_nothing(sqlite_county, tmp_path):
    report = build_report(sqlite_county, year=2025, today=TODAY)
    for name, text in _all_formats(report, tmp_path, "zh").items():
        assert leaks(text) == [], name


def test_json_fits_its_schema_and_the_schema_is_valid(sqlite_county):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())
    assert re.search(r"/1\.0/county-report\.schema\.json$", schema()["$id"])
    for year in (2025, 2026):
        report = json.loads(render_json(build_report(sqlite_county, year=year, today=TODAY)))
        assert schema_errors(report) == []
        assert report["$schema"] == schema()["$id"]
    broken = json.loads(render_json(build_report(sqlite_county, year=2025, today=TODAY)))
    broken["totals"]["resolved_fen"] = 12.5
    assert schema_errors(broken)


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(sqlite_county, tmp_path):
    from openpyxl import load_workbook

    report = build_report(sqlite_county, year=2025, today=TODAY)
    write_xlsx(report, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["总体情况", "分乡镇", "分类别", "进展", "逾期未公开", "阻断问题"]
    ws = wb["分乡镇"]
    heads = [c.value for c in ws[2]]
    assert heads[:4] == ["乡镇代码", "乡镇", "村数", "事项数"]
    rows = list(ws.iter_rows(min_row=3, max_row=2 + len(report["townships"]), values_only=True))
    for row, t in zip(rows, report["townships"], strict=True):
        assert row[0] == t["code"] and isinstance(row[3], int) and row[3] == t["matters"]
        resolved = row[heads.index("决议金额(元)")]
        assert isinstance(resolved, (int, float, Decimal))
        assert round(Decimal(str(resolved)) * 100) == t["resolved_fen"]
        share = row[heads.index("无阻断问题占比")]
        assert isinstance(share, (int, float)) and share == t["share_without_blocking"]
    total = next(ws.iter_rows(min_row=3 + len(rows), max_row=3 + len(rows), values_only=True))
    assert total[1] == "合计" and total[3] == report["totals"]["matters"]
    assert ws.column_dimensions["B"].width >= 8 and ws.freeze_panes == "A3"
    assert [c.value for c in wb["逾期未公开"][2]][-1] == "逾期天数"


def test_html_is_self_contained_with_svg_charts_and_print_css(sqlite_county):
    html = render_html(build_report(sqlite_county, year=2025, today=TODAY))
    assert "<script" not in html.lower()
    assert not re.search(r"(?:src|href)\s*=|@import|url\(|@font-face", html, re.I)
    assert html.count("<svg") == 3 and 'class="bar"' in html
    assert "size: A4" in html and "@media print" in html


# --- the same outputs through a scanner that shares nothing with the mask ---------

CARD = "6222021234567890128"  # 19 digits, Luhn-valid


def test_the_independent_scanner_finds_what_it_looks_for_and_only_that():
    assert personal_numbers(f"a{ID_NO}b {ID_X} {PHONE}") == [ID_NO, ID_X, PHONE]
    assert personal_numbers("身份证：４１０６２１　１９９００１０１　１２３４") == [ID_NO]
    assert personal_numbers("电话 138-1234-5678，+86 139 1234 5678") == [PHONE, "13912345678"]
    assert personal_numbers(f"卡号 {CARD} 与 6222 0212 3456 7890 128") == [CARD, CARD]
    assert personal_numbers("1381234\u200b5678") == [PHONE]  # a zero-width space pasted in
    # what is not personal: division codes, dates, amounts, a card failing Luhn, masked forms
    assert personal_numbers("410621101950 2025-03-01 12345678901 4800000.00") == []
    assert personal_numbers("6222021234567890127 100 200 300 400 500 600") == []
    assert personal_numbers("4106**********1234 138****5678 410621199013011234") == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_personal_number_by_an_independent_scanner(leaky_report, tmp_path, lang):
    for name, text in _all_formats(leaky_report, tmp_path, lang).items():
        assert personal_numbers(text) == [], name


def test_synthetic_county_outputs_hold_no_personal_number_by_an_independent_scanner(
    sqlite_county, tmp_path
):
    report = build_report(sqlite_county, year=2025, today=TODAY)
    for name, text in _all_formats(report, tmp_path, "zh").items():
        assert personal_numbers(text) == [], name


WRITTEN = [
    f"身份证{ID_NO}",
    f"身份证 {ID_NO[:6]} {ID_NO[6:14]} {ID_NO[14:]}",
    "身份证 ４１０６２１１９９００１０１１２３４",
    f"{ID_X}号",
    f"电话{PHONE}",
    "电话 138 1234 5678",
    "电话 138-1234-5678",
    "电话 1381234\u200b5678",
    "+86 138 1234 5678",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_what_the_county_scrubs_holds_no_personal_number_by_an_independent_scanner(written):
    assert personal_numbers(written)  # the scanner sees it as written
    assert personal_numbers(scrub(written)) == []
