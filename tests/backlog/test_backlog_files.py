"""Whole files that cannot be read are refused in one line; rows that belong nowhere on their own."""

from __future__ import annotations

import json
import zipfile

import pytest
from openpyxl import load_workbook

from tests.backlog.fill import meeting
from village_tui.backlog.columns import SHEETS_IN_ORDER
from village_tui.backlog.read import UNZIPPED_BYTES
from village_tui.backlog.schema import backlog_schema
from village_tui.backlog.template import VALIDATED_ROWS, build_template
from village_tui.resources import data_dir


def _record(run, db, path, *lang):
    code, out, err = run("--db", db, *lang, "record", path)
    return code, out.splitlines(), err


def test_the_shipped_schema_is_the_one_the_columns_make():
    shipped = json.loads(data_dir("schemas").joinpath("backlog.schema.json").read_text("utf-8"))
    assert shipped == backlog_schema()


def test_the_template_has_its_sheets_headers_and_drop_downs():
    book = build_template()
    assert book.sheetnames == ["事项", "会议", "公示", "实施", "说明"]
    for sheet in SHEETS_IN_ORDER:
        ws = book[sheet.title]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
        assert ws.max_row == 1  # no example row to be recorded by mistake
    rules = {str(r.sqref): r for r in book["会议"].data_validations.dataValidation}
    assert rules[f"B2:B{VALIDATED_ROWS + 1}"].formula1 == (
        '"1 党支部会提议,2 村两委会商议,3 党员大会审议,4 村民（代表）会议决议"'
    )
    assert rules[f"C2:C{VALIDATED_ROWS + 1}"].type == "date"
    assert rules[f"H2:H{VALIDATED_ROWS + 1}"].type == "whole"
    matters = {str(r.sqref): r for r in book["事项"].data_validations.dataValidation}
    assert matters[f"C2:C{VALIDATED_ROWS + 1}"].formula1.startswith('"村村通道路,种粮直补,')
    assert all(len(r.formula1) <= 255 for r in matters.values())  # Excel's limit for a list
    notes = [row[0] for row in book["说明"].iter_rows(values_only=True)]
    assert notes[0].startswith("四议两公开台账补录模板")


def test_template_never_overwrites_the_database(run, village_db, tmp_path):
    before = village_db.read_bytes()
    code, _, err = run("--db", village_db, "template", "--out", village_db)
    assert code == 1
    assert err.startswith(f"错误：--out {village_db} 是数据库文件")
    assert village_db.read_bytes() == before
    code, _, err = run("--db", village_db, "template", "--out", tmp_path / "t.xls")
    assert (code, err) == (1, f"错误：模板的输出文件名应以 .xlsx 结尾：{tmp_path / 't.xls'}\n")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", b"x", "错误：只能读取 .xlsx 或 .json 文件：{path}\n"),
        ("a.xlsx", b"not a zip", "错误：无法读取 {path}：不是 Excel 工作簿（.xlsx）\n"),
        (
            "a.json",
            b"{",
            "错误：{path} 不是有效的 JSON：Expecting property name enclosed in double quotes (1:2)\n",
        ),
        ("a.json", b"\xff\xfe", "错误：{path} 不是有效的 JSON：invalid start byte\n"),
        (
            "a.json",
            b'{"matters": [{"titel": "x"}]}',
            "错误：{path} 不符合格式（schemas/backlog.schema.json）：/matters/0："
            "Additional properties are not allowed ('titel' was unexpected)\n",
        ),
        (
            "a.json",
            b'{"meetings": []}',
            "错误：{path} 不符合格式（schemas/backlog.schema.json）：/：'matters' is a required property\n",
        ),
        (
            "a.json",
            b'{"matters": [{"expected": 1}], "meetings": [{"expected": [1]}]}',
            "错误：{path} 不符合格式（schemas/backlog.schema.json）：/matters/0："
            "Additional properties are not allowed ('expected' was unexpected)\n",
        ),
    ],
)
def test_files_that_cannot_be_read(run, village_db, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = village_db.read_bytes()
    code, lines, err = _record(run, village_db, path)
    assert (code, lines) == (1, [])
    assert err == message.format(path=path)
    assert village_db.read_bytes() == before


def test_a_missing_file_and_a_zip_bomb(run, village_db, tmp_path):
    code, _, err = _record(run, village_db, tmp_path / "无.xlsx")
    assert (code, err) == (1, f"错误：找不到文件：{tmp_path / '无.xlsx'}\n")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/big.xml", b"\0" * (UNZIPPED_BYTES + 1))
    code, _, err = _record(run, village_db, bomb)
    assert code == 1
    assert err == f"错误：{bomb} 过大（{UNZIPPED_BYTES + 1} 字节，上限 {UNZIPPED_BYTES} 字节）\n"


def test_a_sheet_or_a_header_gone(run, village_db, template, tmp_path):
    book = load_workbook(template)
    del book["公示"]
    gone = tmp_path / "gone.xlsx"
    book.save(gone)
    code, _, err = _record(run, village_db, gone)
    assert err == f"错误：{gone} 缺少工作表“公示”（请用 village-tui template 生成的模板填写）\n"
    book = load_workbook(template)
    book["会议"]["C1"] = "日期"
    book.save(gone)
    code, _, err = _record(run, village_db, gone, "--lang", "en")
    assert code == 1
    assert err == (
        "error: Sheet “会议” has no column “会议日期” in row 1 (the header row must stay as it is)\n"
    )


def test_rows_of_no_matter_and_numbers_twice(run, village_db, template, tmp_path):
    book = load_workbook(template)
    book["事项"].append(["7", "村西路", "村村通道路", "村干部提议"])
    book["事项"].append(["7", "村东路", "村村通道路", "村干部提议"])
    book["会议"].append(meeting("7", "1", "2024-03-01", 5, 5, 5))
    book["会议"].append(meeting("8", "1", "2024-03-01", 5, 5, 5))
    filled = tmp_path / "f.xlsx"
    book.save(filled)
    code, lines, _ = _record(run, village_db, filled)
    assert code == 1
    assert lines == [
        "事项!A2 事项 7“村西路”：已登记（2条记录）",
        "事项!A3：事项编号 7 重复（已在 事项!A2），本行未登记",
        "会议!A3：事项编号 8 不在“事项”表中，本行未登记",
        "共1个事项：新登记1个（其中有问题的0个），拒绝0个，已登记过0个",
    ]


def test_english_lines_and_a_future_date(run, village_db, template, tmp_path):
    book = load_workbook(template)
    book["事项"].append(["1", "村西路", "村村通道路", "村干部提议"])
    book["会议"].append(meeting("1", "1", "2099-03-01", 5, 5, 5))
    filled = tmp_path / "f.xlsx"
    book.save(filled)
    code, lines, _ = _record(run, village_db, filled, "--lang", "en")
    assert code == 1
    assert lines[0].startswith(
        "事项!A2 matter 1: refused, nothing of it recorded: 会议!C2: Meeting date (2099-03-01) is after today"
    )
    assert lines[-1] == "1 matter(s): 0 recorded (0 with findings), 1 refused, 0 already recorded"


def test_record_needs_a_village(run, tmp_path, template):
    from village_tui.store.db import open_engine

    empty = tmp_path / "空.db"
    open_engine(empty).dispose()  # a database, but no village in it yet
    code, _, err = run("--db", empty, "record", template)
    assert (code, err) == (1, "错误：尚未设置村庄信息，请先完成初始设置（village-tui init）\n")


def test_an_undated_matter_opens_on_its_first_meeting_and_progress_advances(village_db, template):
    from village_tui.backlog.plan import plan_backlog
    from village_tui.backlog.read import read_backlog
    from village_tui.backlog.record import record_plan
    from village_tui.store.db import open_engine
    from village_tui.store.services import VillageService

    book = load_workbook(template)
    book["事项"].append(["1", "村西路", "村村通道路", "村干部提议"])
    book["事项"].append(["2", "村东路", "村村通道路", "村干部提议"])
    book["会议"].append(meeting("1", "2", "2024-03-05", 7, 7, 7))
    book["会议"].append(meeting("1", "1", "2024-03-02", 5, 5, 5))
    book.save(template)
    svc = VillageService(open_engine(village_db))
    ticks = []
    outcomes = record_plan(svc, plan_backlog(read_backlog(template)), lambda: ticks.append(1))
    assert [o.status for o in outcomes] == ["recorded", "recorded"]
    assert len(ticks) == 2  # the progress bar moves once per matter
    by_title = {s.matter.title: s for s in svc.states()}
    assert by_title["村西路"].matter.opened_on.isoformat() == "2024-03-02"
    # Rows are recorded in the procedure's order, whatever order the sheet has them in.
    assert [a.step for a in by_title["村西路"].attempts] == ["proposal", "joint_meeting"]
    svc.engine.dispose()


def test_template_and_record_never_load_the_app(tmp_path):
    import subprocess
    import sys

    from tests.backlog.fill import INIT

    db, out = tmp_path / "v.db", tmp_path / "t.xlsx"
    code = (
        "import sys; from village_tui.cli.main import main; rc = main(sys.argv[1:]);"
        " assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)"
    )
    for args in (
        ["--db", db, *INIT],
        ["--db", db, "template", "--out", out],
        ["--db", db, "record", out],
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr


def test_json_text_with_a_terminal_escape_is_refused_with_its_cell(run, village_db, tmp_path):
    data = {
        "matters": [
            {"number": 1, "title": "村西路\x1b[31m", "category": "road", "source": "cadres"},
            {"number": 2, "title": "村东路", "category": "road", "source": "cadres"},
        ],
        "meetings": [
            {
                "matter": "2",
                "step": 1,
                "held_on": "2024-03-01",
                "expected": 5,
                "present": 5,
                "content": "硬化村东路",
            }
        ],
    }
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, lines, _ = _record(run, village_db, path)
    assert code == 1
    assert lines[0].startswith(
        "matters[0].number 事项 1：拒绝登记，整个事项未登记：matters[0].title："
    )
    assert "U+001B" in lines[0]
    assert lines[1] == "matters[1].number 事项 2“村东路”：已登记（2条记录）"
