"""The report's figures against figures worked out from the generator's plan (see truth.py)."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.county.figures import CountyError, build_report
from village_tui.county.snapshot import as_of_date

from . import truth
from .conftest import TODAY, VILLAGES, YEARS

YEARS_COVERED = list(range(TODAY.year - YEARS + 1, TODAY.year + 1))


@pytest.fixture(scope="module")
def plan(county_bundles):
    return county_bundles[1].plan


@pytest.mark.parametrize("year", YEARS_COVERED)
def test_totals_match_the_plan(sqlite_county, plan, year):
    report = build_report(sqlite_county, year=year, today=TODAY)
    expected = truth.totals(plan, year, as_of_date(year, TODAY))
    got = {k: report["totals"][k] for k in expected}
    assert got == expected
    assert expected["matters"] > 50  # the scenario is big enough to mean something
    assert expected["with_blocking"] > 0 and expected["returned"] > 0 and expected["overdue"] > 0


def test_as_of_is_the_year_end_for_past_years_and_today_for_this_one(sqlite_county):
    assert build_report(sqlite_county, year=2025, today=TODAY)["as_of"] == "2025-12-31"
    assert build_report(sqlite_county, year=2026, today=TODAY)["as_of"] == "2026-11-28"


def test_a_past_year_is_cut_at_its_end(sqlite_county, plan):
    """A matter resolved in January after the year counts as not yet resolved at year end."""
    year = YEARS_COVERED[0]
    cut = truth.totals(plan, year, date(year, 12, 31))
    uncut = truth.totals(plan, year, TODAY)
    assert cut["resolved_fen"] < uncut["resolved_fen"]  # the plan does cross the new year
    report = build_report(sqlite_county, year=year, today=TODAY)
    assert report["totals"]["resolved_fen"] == cut["resolved_fen"]


@pytest.mark.parametrize("year", YEARS_COVERED)
def test_counts_by_township_category_and_step_reached(sqlite_county, plan, year):
    report = build_report(sqlite_county, year=year, today=TODAY)
    got = {
        (r["township_code"], r["category"]): {k: v for k, v in r["reached"].items() if v}
        for r in report["steps"]
    }
    expected = {
        k: dict(v) for k, v in truth.reached_counts(plan, year, as_of_date(year, TODAY)).items()
    }
    assert got == expected
    for r in report["steps"]:
        assert r["total"] == sum(r["reached"].values())


@pytest.mark.parametrize("year", YEARS_COVERED)
def test_overdue_disclosures_list(sqlite_county, plan, year):
    report = build_report(sqlite_county, year=year, today=TODAY)
    got = {
        (r["village_code"], r["matter_id"], r["step"], r["days_overdue"]) for r in report["overdue"]
    }
    assert got == truth.overdue_rows(plan, year, as_of_date(year, TODAY))
    days = [r["days_overdue"] for r in report["overdue"]]
    assert days == sorted(days, reverse=True)  # worst first


def test_one_township(sqlite_county, plan):
    township = plan.villages[0].village.township_code
    report = build_report(sqlite_county, year=2025, today=TODAY, township=township)
    expected = truth.totals(plan, 2025, date(2025, 12, 31), township)
    assert {k: report["totals"][k] for k in expected} == expected
    assert [t["code"] for t in report["townships"]] == [township]
    assert report["township"] == {"code": township, "name": plan.villages[0].village.township_name}


def test_townships_and_categories_add_up_to_the_totals(sqlite_county):
    report = build_report(sqlite_county, year=2025, today=TODAY)
    for part in ("townships", "categories"):
        for key in (
            "matters",
            "with_blocking",
            "approved",
            "returned",
            "pending",
            "resolved_fen",
            "spent_fen",
            "overdue",
        ):
            assert sum(r[key] for r in report[part]) == report["totals"][key], (part, key)
    assert report["totals"]["villages"] == VILLAGES


def test_a_year_without_matters_has_empty_figures(sqlite_county):
    report = build_report(sqlite_county, year=2001, today=TODAY)
    assert report["totals"]["matters"] == 0
    assert report["totals"]["share_without_blocking"] is None
    assert report["totals"]["median_days_proposal_to_resolution"] is None
    assert report["overdue"] == [] and report["steps"] == []


@pytest.mark.parametrize(
    ("year", "zh"),
    [
        (1899, "年份无效：1899"),
        (10000, "年份无效：10000"),
        (TODAY.year + 1, f"{TODAY.year + 1} 年尚未开始（今天是 {TODAY}），没有可统计的事项"),
    ],
)
def test_a_year_outside_the_range_or_not_begun_is_refused(sqlite_county, year, zh):
    with pytest.raises(CountyError) as caught:
        build_report(sqlite_county, year=year, today=TODAY)
    assert caught.value.message_zh == zh


@pytest.mark.parametrize("year", [1900, TODAY.year])
def test_the_first_and_the_current_year_are_reported(sqlite_county, year):
    assert build_report(sqlite_county, year=year, today=TODAY)["year"] == year


@pytest.mark.parametrize(
    ("township", "zh"),
    [
        ("41062110", "乡镇区划代码应为9位数字"),
        ("410621000", "乡镇区划代码第7-9位不能为000"),
        ("410699101", "数据库中没有乡镇 410699101 的村庄"),
    ],
)
def test_bad_township_is_refused_with_a_clear_message(sqlite_county, township, zh):
    with pytest.raises(CountyError) as caught:
        build_report(sqlite_county, year=2025, today=TODAY, township=township)
    assert caught.value.message_zh == zh


def test_a_village_whose_profile_is_not_installed_stops_the_report(tmp_path):
    from village_tui.domain import events as ev
    from village_tui.domain.model import Matter, Village, to_payload
    from village_tui.store.db import open_engine, write_session
    from village_tui.store.ledger import append

    engine = open_engine(tmp_path / "county.db")
    village = Village(
        "410622101950", "示例村", "410622101", "高村镇", "410622", "淇县", "qixian-2030"
    )
    matter = Matter("m1", "道路硬化", "road", "cadres", opened_on=date(2025, 5, 1))
    with write_session(engine) as s:
        for type_, payload, mid in (
            (ev.VILLAGE_SET_UP, {"village": to_payload(village)}, None),
            (ev.MATTER_OPENED, {"matter": to_payload(matter)}, "m1"),
        ):
            append(s, ledger=village.code, type=type_, payload=payload, actor="t", matter_id=mid)
    with pytest.raises(CountyError) as caught:
        build_report(engine, year=2025, today=TODAY)
    assert caught.value.message_zh == (
        "村 410622101950 使用的规则配置“qixian-2030”在本机不存在，请先安装该配置文件"
    )
