"""The county screen at 80x24: the same figures as the report, by keyboard."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from village_tui.county.figures import build_report
from village_tui.tui.screens.county import CountyApp

from .conftest import TODAY


async def _settled(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_townships_years_and_overdue_list(sqlite_county):
    app = CountyApp(sqlite_county, year=2025, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app, pilot)
        report = build_report(sqlite_county, year=2025, today=TODAY)
        towns = app.screen.query_one("#townships", DataTable)
        assert towns.row_count == len(report["townships"]) == 19
        assert towns.get_row_at(0)[1] == str(report["townships"][0]["matters"])
        totals = str(app.screen.query_one("#totals", Static).render())
        assert f"{report['totals']['matters']} 个事项" in totals
        overdue = app.screen.query_one("#overdue", DataTable)
        first = report["townships"][0]["code"]
        assert overdue.row_count == sum(1 for r in report["overdue"] if r["township_code"] == first)
        await pilot.press("down")
        second = report["townships"][1]["code"]
        assert overdue.row_count == sum(
            1 for r in report["overdue"] if r["township_code"] == second
        )

        await pilot.press("right_square_bracket")
        await _settled(app, pilot)
        assert app.screen.year == 2026 and app.screen.sub_title == "2026"
        await pilot.press("right_square_bracket")  # no year after this one
        await _settled(app, pilot)
        assert app.screen.year == 2026


async def test_english_and_an_empty_year(sqlite_county):
    app = CountyApp(sqlite_county, year=2001, today=TODAY, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app, pilot)
        assert app.screen.query_one("#townships", DataTable).row_count == 0
        assert "0 matters" in str(app.screen.query_one("#totals", Static).render())


async def test_footer_keys_are_in_one_language(sqlite_county):
    for lang, words, other in (("en", "Quit", "退出"), ("zh", "退出", "Quit")):
        app = CountyApp(sqlite_county, year=2025, today=TODAY, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await _settled(app, pilot)
            keys = app.screen.active_bindings
            ours = {keys[k][1].description for k in ("q", "f5", "left_square_bracket")}
            assert words in ours and not any(other in d for d in ours)
