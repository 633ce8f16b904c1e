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


def test_townships_importing_at_once_end_as_one_import(
    county_bundles, fresh_pg_url, sqlite_county, tmp_path
):
    """Several `import` processes on one server at once, some with the same bundles."""
    import subprocess
    import sys

    from village_tui.store.db import open_engine
    from village_tui.store.rebuild import dump_derived

    folder, _ = county_bundles
    townships = sorted(p for p in folder.iterdir() if p.is_dir())
    shared = townships[0]  # every process imports this township too, at the same time
    parts = [[shared, *townships[1 + i :: 3]] for i in range(3)]
    base = [sys.executable, "-m", "village_tui", "--db-url", fresh_pg_url, "import"]
    logs = [tmp_path / f"import-{n}.txt" for n in range(len(parts))]
    runs = []
    for part, log in zip(parts, logs, strict=True):
        with log.open("w", encoding="utf-8") as out:
            argv = [*base, "--role", "county", "--trust-new", *map(str, part)]
            runs.append(subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT))
    codes = [run.wait(timeout=300) for run in runs]
    said = [log.read_text(encoding="utf-8") for log in logs]
    assert codes == [0, 0, 0], [text[-600:] for text in said]
    assert all("已导入" in text for text in said)
    engine = open_engine(fresh_pg_url)
    try:
        assert dump_derived(engine) == dump_derived(sqlite_county)
        assert build_report(engine, year=2025, today=TODAY) == build_report(
            sqlite_county, year=2025, today=TODAY
        )
    finally:
        engine.dispose()


def test_a_postgresql_report_does_not_wait_for_a_writer(pg_county, caplog):
    import logging

    from sqlalchemy import select

    from village_tui.county.snapshot import Scope, as_of_date
    from village_tui.county.stored import current_figures
    from village_tui.store.db import write_session

    scope = Scope(2025, as_of_date(2025, TODAY))
    with caplog.at_level(logging.INFO, logger="village_tui"), write_session(pg_county) as s:
        s.execute(select(1))  # an import's transaction, holding the writers' lock
        found = current_figures(pg_county, scope, reuse=False)
    assert found.worked_out == len(found.matters) > 0 and not found.kept
    assert "county figures not kept: another program is writing" in caplog.text
