"""The same bundles imported into PostgreSQL give the same report, figure for figure."""

from __future__ import annotations

import pytest

from village_tui.county.figures import build_report
from village_tui.reports.json_out import render_json

from .conftest import TODAY, YEARS

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("year", range(TODAY.year - YEARS + 1, TODAY.year + 1))
def test_sqlite_and_postgresql_reports_are_identical(sqlite_county, pg_county, year):
    lite = build_report(sqlite_county, year=year, today=TODAY)
    pg = build_report(pg_county, year=year, today=TODAY)
    assert pg == lite
    assert render_json(pg) == render_json(lite)
    assert lite["totals"]["matters"] > 0


def test_postgresql_keeps_the_same_figures_and_reads_them_back(sqlite_county, pg_county):
    from village_tui.county.snapshot import Scope, as_of_date
    from village_tui.county.stored import current_figures, refresh

    refresh(pg_county, TODAY)
    scope = Scope(2025, as_of_date(2025, TODAY))
    kept = current_figures(pg_county, scope)
    assert kept.worked_out == 0
    assert kept.matters == current_figures(pg_county, scope, keep=False, reuse=False).matters
    assert kept.matters == current_figures(sqlite_county, scope).matters


def test_one_township_on_postgresql(sqlite_county, pg_county, county_bundles):
    township = county_bundles[1].plan.villages[3].village.township_code
    lite = build_report(sqlite_county, year=2025, today=TODAY, township=township)
    assert build_report(pg_county, year=2025, today=TODAY, township=township) == lite


def test_derived_tables_are_identical(sqlite_county, pg_county):
    """Not only the report: every derived row the import produced is the same on both."""
    from sqlalchemy import select

    from village_tui.store.tables import CompletionRow, MatterRow, ProgressRow, StepRow, VillageRow

    for table, key in (
        (VillageRow, "code"),
        (MatterRow, "id"),
        (StepRow, "id"),
        (ProgressRow, "id"),
        (CompletionRow, "matter_id"),
    ):
        t = table.__table__
        cols = [c for c in t.c if c.name != "id" or key == "id"]
        order = [t.c.matter_id, t.c.step] if table is StepRow else [t.c[key]]
        q = select(*cols).order_by(*order)
        with sqlite_county.connect() as a, pg_county.connect() as b:
            assert [tuple(r) for r in a.execute(q)] == [tuple(r) for r in b.execute(q)], t.name


def test_cli_report_with_db_url(pg_url, pg_county, sqlite_county, capsys):
    import json

    from village_tui.cli.main import main

    argv = ["--db-url", pg_url, "county", "report", "--year", "2025", "--format", "json"]
    assert main([*argv, "--today", TODAY.isoformat()]) == 0
    assert json.loads(capsys.readouterr().out) == build_report(
        sqlite_county, year=2025, today=TODAY
    )
