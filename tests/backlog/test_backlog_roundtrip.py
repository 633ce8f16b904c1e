"""The template round trip: write it, fill 20 matters by code, record, check the ledger, run again."""

from __future__ import annotations

import json
import sqlite3

from openpyxl import load_workbook

from tests.backlog import fill as f
from village_tui.backlog.record import backlog_matter_id
from village_tui.domain.steps import Step
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService


def _ledger(db) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT seq, type, matter_id, hash FROM event ORDER BY seq").fetchall()


def _service(db) -> VillageService:
    return VillageService(open_engine(db))


def test_twenty_matters_round_trip(tmp_path, run, village_db, template):
    filled = tmp_path / "已填.xlsx"
    rows = f.fill(template, filled)
    code, out, err = run("--db", village_db, "record", filled)
    assert code == 1  # three matters refused
    assert err == ""
    lines = out.splitlines()

    # The three refusals, each naming its cell; the matter is not recorded at all.
    r17, r19, r20 = rows[f.BAD_DATE] + 1, rows[f.TOO_MANY_VOTES] + 1, rows[f.FORMULA] + 3
    assert (
        f"事项!A18 事项 {f.BAD_DATE}：拒绝登记，整个事项未登记：会议!C{r17}：日期不存在（2021-02-30）"
        in lines
    )
    assert (
        f"事项!A20 事项 {f.TOO_MANY_VOTES}：拒绝登记，整个事项未登记："
        f"会议!J{r19}：赞成票数(8)超过实到人数(7)" in lines
    )
    assert (
        f"事项!A21 事项 {f.FORMULA}：拒绝登记，整个事项未登记：会议!M{r20}："
        "不接受公式或外部链接（=cmd|' /c calc'!A1），请直接填写数值或文字" in lines
    )
    # Broken rules are recorded, with what the rules made of them.
    assert (
        f"事项!A6 事项 {f.SHORT_QUORUM}“第5号事项：村内道路维修”：已登记（11条记录），有2项问题："
        in lines
    )
    assert (
        f"  会议!B{rows[f.SHORT_QUORUM] + 2} 第3步(党员大会审议)：党员大会实到15人，"
        "未达到应到会有表决权党员30人的三分之二(20人)" in out
    )
    assert (
        f"事项!A9 事项 {f.SHORT_POSTING}“第8号事项：村内道路维修”：已登记（10条记录），有1项问题："
        in lines
    )
    assert "第5步(决议公开)：第5步(决议公开)自2019-09-07至2019-09-10，不足7天" in out
    assert (
        f"事项!A13 事项 {f.SHORT_MAJORITY}“第12号事项：村内道路维修”：已登记（5条记录），有1项问题："
        in lines
    )
    assert "事项!A2 事项 2019-01“第1号事项：村内道路维修”：已登记（10条记录）" in lines
    assert lines[-1] == "共20个事项：新登记17个（其中有问题的3个），拒绝3个，已登记过0个"

    # The ledger: 17 matters, each with what the sheets say, and a chain that verifies.
    svc = _service(village_db)
    code_ = svc.village_code()
    states = {s.matter.id: s for s in svc.states()}
    assert len(states) == 17
    for number in (f.BAD_DATE, f.TOO_MANY_VOTES, f.FORMULA):
        assert backlog_matter_id(code_, number) not in states  # nothing half-written
    one = states[backlog_matter_id(code_, "2019-01")]
    assert set(one.steps) == set(Step)
    assert one.matter.planned_fen == 5_000_100
    assert one.steps[Step.PARTY_ASSEMBLY].officials[0].name == "王明"
    assert one.steps[Step.RESOLUTION_DISCLOSURE].places == ("村务公开栏", "微信群")
    assert [p.spent_fen for p in one.progress] == [2_000_050]
    assert one.steps[Step.RESULT_DISCLOSURE].spent_fen == 4_000_050
    assert one.completion is not None and one.completion.summary == "全部完成"
    quorum = states[backlog_matter_id(code_, f.SHORT_QUORUM)]
    assert [a.valid for a in quorum.attempts_at(Step.PARTY_ASSEMBLY)] == [False, True]
    majority = states[backlog_matter_id(code_, f.SHORT_MAJORITY)]
    assert Step.RESOLUTION not in majority.steps  # an invalid resolution is not reached
    rules = {x.rule_id for x in svc.findings(states[backlog_matter_id(code_, f.SHORT_POSTING)])}
    assert "posting.resolution_period" in rules
    assert run("--db", village_db, "verify-db")[0] == 0
    before = _ledger(village_db)
    # set-up, 15 whole matters of 10 entries, 2019-05 with its second assembly, 2019-12 (5)
    assert len(before) == 1 + 15 * 10 + 11 + 5

    # Run again: nothing new, and it says so.
    code, out, _ = run("--db", village_db, "record", filled)
    lines = out.splitlines()
    assert code == 1
    assert "事项!A2 事项 2019-01“第1号事项：村内道路维修”：已登记过，未重复登记" in lines
    assert lines[-2:] == [
        "共20个事项：新登记0个（其中有问题的0个），拒绝3个，已登记过17个",
        "没有登记任何新内容（已登记过的事项不会重复登记）",
    ]
    assert _ledger(village_db) == before

    # The clerk fixes the three rows and runs the same file: only those are added.
    book = load_workbook(filled)
    book["会议"][f"C{r17}"] = "2019-09-02"
    book["会议"][f"J{r19}"] = 7
    book["会议"][f"M{r20}"] = "通过"
    book.save(filled)
    code, out, _ = run("--db", village_db, "record", filled)
    assert code == 0, out
    assert out.splitlines()[-1] == "共20个事项：新登记3个（其中有问题的0个），拒绝0个，已登记过17个"
    assert _ledger(village_db)[: len(before)] == before
    assert len(_service(village_db).states()) == 20


def test_json_of_the_same_content_records_the_same(tmp_path, run, village_db, template):
    filled = tmp_path / "已填.xlsx"
    f.fill(template, filled)
    book = load_workbook(filled)
    from village_tui.backlog.columns import SHEETS_IN_ORDER

    data = {}
    for sheet in SHEETS_IN_ORDER:
        keys = [c.key for c in sheet.columns]
        data[sheet.key] = [
            {k: v for k, v in zip(keys, row, strict=False) if v is not None}
            for row in book[sheet.title].iter_rows(min_row=2, values_only=True)
        ]
    as_json = tmp_path / "backlog.json"
    dates = lambda d: d.date().isoformat()  # noqa: E731  (JSON has no dates: ISO text)
    as_json.write_text(json.dumps(data, ensure_ascii=False, default=dates), encoding="utf-8")
    other = tmp_path / "other.db"
    assert run("--db", other, *f.INIT)[0] == 0
    code, out, _ = run("--db", other, "record", as_json)
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "共20个事项：新登记17个（其中有问题的3个），拒绝3个，已登记过0个"
    assert any(x.endswith("meetings[66].held_on：日期不存在（2021-02-30）") for x in lines), lines
    assert run("--db", village_db, "record", filled)[0] == 1
    a = sorted((s.matter.id, s.steps) for s in _service(village_db).states())
    b = sorted((s.matter.id, s.steps) for s in _service(other).states())
    assert a == b
