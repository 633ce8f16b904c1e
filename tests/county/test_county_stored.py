"""Kept report figures (`matter_figure`): read back when current, worked out again when not.

Every test works on its own copy of the synthetic county, so that changing a
village or a matter here leaves the shared database alone.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, update

from village_tui.county import stored
from village_tui.county.figures import build_report
from village_tui.county.snapshot import Scope, as_of_date
from village_tui.county.stored import current_figures, refresh
from village_tui.domain import events as ev
from village_tui.domain.model import ProgressEntry, Roster, to_payload
from village_tui.profiles import ENV_VAR
from village_tui.store.db import open_engine, write_session
from village_tui.store.ledger import append
from village_tui.store.rebuild import rebuild
from village_tui.store.tables import MatterFigureRow, MatterRow, VillageRow

from .conftest import TODAY, YEARS

YEAR = 2025
SCOPE = Scope(YEAR, as_of_date(YEAR, TODAY))
F = MatterFigureRow.__table__


@pytest.fixture
def county(sqlite_county, tmp_path):
    """A private copy of the synthetic county database."""
    path = tmp_path / "county.db"
    source = sqlite3.connect(sqlite_county.url.database)
    with sqlite3.connect(path) as copy:
        source.backup(copy)
    source.close()
    engine = open_engine(path)
    yield engine
    engine.dispose()


def _kept(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(F)).scalar_one()


def _fresh(engine, scope: Scope = SCOPE):
    return current_figures(engine, scope, keep=False, reuse=False).matters


def test_a_first_report_works_out_every_matter_and_a_second_reads_them_back(county):
    with county.begin() as conn:
        conn.execute(F.delete())
    first = current_figures(county, SCOPE)
    assert first.worked_out == len(first.matters) > 100 and first.kept
    again = current_figures(county, SCOPE)
    assert again.worked_out == 0
    assert again.matters == first.matters == _fresh(county)


@pytest.mark.parametrize("year", range(TODAY.year - YEARS + 1, TODAY.year + 1))
def test_reports_from_kept_figures_equal_reports_worked_out_afresh(county, year):
    refresh(county, TODAY)
    scope = Scope(year, as_of_date(year, TODAY))
    assert current_figures(county, scope).worked_out == 0
    with_kept = build_report(county, year=year, today=TODAY)
    with county.begin() as conn:
        conn.execute(F.delete())
    assert build_report(county, year=year, today=TODAY) == with_kept


def test_a_township_report_reads_the_same_kept_figures(county):
    refresh(county, TODAY)
    with county.connect() as conn:
        township = conn.execute(select(VillageRow.township_code).limit(1)).scalar_one()
    scope = Scope(YEAR, SCOPE.as_of, township)
    found = current_figures(county, scope)
    assert found.worked_out == 0 and found.matters == _fresh(county, scope)


def _a_matter(engine, *, resolved: bool = True) -> tuple[str, str]:
    """(matter id, village code) of a matter of YEAR, resolved or not."""
    with engine.connect() as conn:
        row = conn.execute(
            select(MatterRow.id, MatterRow.village_code)
            .where(
                MatterRow.opened_on.between(date(YEAR, 1, 1), date(YEAR, 12, 31)),
                MatterRow.reached_index >= 3 if resolved else MatterRow.reached_index < 3,
            )
            .order_by(MatterRow.id)
            .limit(1)
        ).one()
    return row[0], row[1]


def _by_id(matters) -> dict:
    return {m.id: m for m in matters}


def test_a_new_event_of_a_matter_makes_only_that_matter_stale(county):
    refresh(county, TODAY)
    mid, village = _a_matter(county)
    before = _by_id(current_figures(county, SCOPE).matters)[mid].figures
    entry = ProgressEntry(id="p-added", on=date(YEAR, 12, 1), spent_fen=12_345)
    with write_session(county) as s:
        payload = {"matter_id": mid, "entry": to_payload(entry)}
        append(
            s, ledger=village, type=ev.PROGRESS_RECORDED, payload=payload, actor="t", matter_id=mid
        )
    found = current_figures(county, SCOPE)
    assert found.worked_out == 1
    assert _by_id(found.matters)[mid].figures.spent_fen == before.spent_fen + 12_345
    assert found.matters == _fresh(county)


def test_progress_after_the_report_date_leaves_the_kept_figures_right(county):
    refresh(county, TODAY)
    mid, village = _a_matter(county)
    before = _by_id(current_figures(county, SCOPE).matters)[mid].figures
    entry = ProgressEntry(id="p-next-year", on=date(YEAR + 1, 1, 5), spent_fen=999)
    with write_session(county) as s:
        payload = {"matter_id": mid, "entry": to_payload(entry)}
        append(
            s, ledger=village, type=ev.PROGRESS_RECORDED, payload=payload, actor="t", matter_id=mid
        )
    found = current_figures(county, SCOPE)
    assert found.worked_out == 1  # the matter changed, so it is worked out again ...
    assert _by_id(found.matters)[mid].figures == before  # ... to the same year-end figures


def test_a_roster_change_makes_that_villages_matters_stale(county):
    refresh(county, TODAY)
    mid, village = _a_matter(county)
    with county.connect() as conn:
        in_village = conn.execute(
            select(func.count())
            .select_from(MatterRow)
            .where(
                MatterRow.village_code == village,
                MatterRow.opened_on.between(date(YEAR, 1, 1), date(YEAR, 12, 31)),
            )
        ).scalar_one()
    roster = replace(Roster(), party_members_voting=500, committee_members=7)
    with write_session(county) as s:
        payload = {"roster": to_payload(roster)}
        append(s, ledger=village, type=ev.ROSTER_CHANGED, payload=payload, actor="t")
    found = current_figures(county, SCOPE)
    assert found.worked_out == in_village
    assert found.matters == _fresh(county)


def test_a_changed_profile_file_makes_its_villages_stale(county, tmp_path, monkeypatch):
    refresh(county, TODAY)
    before = build_report(county, year=YEAR, today=TODAY)
    shipped = Path(stored.__file__).parents[1] / "profiles" / "henan-4+2.json"
    profile = json.loads(shipped.read_text(encoding="utf-8"))
    profile["rules"]["posting.resolution_period"]["days"] = 60  # no synthetic posting is that long
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "henan-4+2.json").write_text(json.dumps(profile), encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(folder))
    found = current_figures(county, SCOPE)
    assert 0 < found.worked_out < len(found.matters)  # the henan villages, not the national ones
    after = build_report(county, year=YEAR, today=TODAY)
    assert after["totals"]["postings_missed"] > before["totals"]["postings_missed"]


def test_new_rule_code_makes_every_kept_figure_stale(county, monkeypatch):
    refresh(county, TODAY)
    monkeypatch.setattr(stored, "code_fingerprint", lambda: "rules of another version")
    found = current_figures(county, SCOPE)
    assert found.worked_out == len(found.matters)


def test_the_current_years_figures_are_worked_out_again_the_next_day(county):
    year = TODAY.year
    refresh(county, TODAY)
    assert current_figures(county, Scope(year, TODAY)).worked_out == 0
    tomorrow = TODAY + timedelta(days=1)
    found = current_figures(county, Scope(year, tomorrow))
    assert found.worked_out == len(found.matters) > 0
    assert found.matters == _fresh(county, Scope(year, tomorrow))


def _reseal(engine, mid: str, code: str) -> None:
    """Seal a kept row again as `stored` seals it, after the test changed it."""
    found = current_figures(engine, SCOPE, keep=False)
    basis = stored.bases(found.villages, found.profiles)[code]
    cols = [F.c[c] for c in ("reached", "blocking", "honoured", "missed", "spent_fen",
            "resolved_fen", "to_resolution", "to_result", "overdue_step", "overdue_due",
            "retried")]  # fmt: skip
    with engine.begin() as conn:
        seq, *values = conn.execute(select(F.c.matter_seq, *cols).where(F.c.matter_id == mid)).one()
        sealed = stored._sealed(basis, seq, values)
        conn.execute(update(F).where(F.c.matter_id == mid).values(basis=sealed))


def test_a_kept_figure_is_what_the_report_shows(county):
    """The report really reads the kept row (so the tests above test what they claim)."""
    refresh(county, TODAY)
    mid, code = _a_matter(county)
    with county.begin() as conn:
        conn.execute(update(F).where(F.c.matter_id == mid).values(spent_fen=F.c.spent_fen + 1))
    _reseal(county, mid, code)
    found = current_figures(county, SCOPE)
    assert found.worked_out == 0
    assert (
        _by_id(found.matters)[mid].figures.spent_fen
        == _by_id(_fresh(county))[mid].figures.spent_fen + 1
    )


def test_a_read_only_database_still_gets_the_right_report(county, caplog):
    with county.begin() as conn:
        conn.execute(F.delete())
    expected = build_report(county, year=YEAR, today=TODAY)
    with county.begin() as conn:
        conn.execute(F.delete())
    county.dispose()
    path = Path(county.url.database).as_posix()
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with caplog.at_level(logging.WARNING, logger="village_tui"):
        found = current_figures(read_only, SCOPE)
        assert build_report(read_only, year=YEAR, today=TODAY) == expected
    read_only.dispose()
    assert found.worked_out == len(found.matters) and not found.kept
    assert "county figures not kept" in caplog.text
    assert _kept(county) == 0


def test_rebuild_empties_the_kept_figures(county):
    refresh(county, TODAY)
    assert _kept(county) > 0
    rebuild(county)
    assert _kept(county) == 0
    assert current_figures(county, SCOPE).matters == _fresh(county)


def test_stale_matters_worked_out_in_batches_come_out_the_same(county, monkeypatch):
    expected = _fresh(county)
    with county.begin() as conn:
        conn.execute(F.delete())
    monkeypatch.setattr(stored, "BATCH", 7)
    found = current_figures(county, SCOPE)
    assert found.worked_out == len(expected) > 7 * 3
    assert found.matters == expected
    assert _kept(county) == len(expected)


def test_a_report_does_not_wait_for_a_writer_and_keeps_nothing(county, caplog):
    expected = _fresh(county)
    with county.begin() as conn:
        conn.execute(F.delete())
    with caplog.at_level(logging.INFO, logger="village_tui"), write_session(county) as s:
        s.execute(select(1))  # an import's transaction, holding the write lock
        found = current_figures(county, SCOPE)
    assert found.matters == expected and not found.kept
    assert "county figures not kept: another program is writing" in caplog.text
    assert _kept(county) == 0
    assert current_figures(county, SCOPE).kept and _kept(county) == len(expected)


def test_an_import_committing_during_a_report_is_wholly_in_it_or_not_at_all(county, monkeypatch):
    mid, village = _a_matter(county)
    before = build_report(county, year=YEAR, today=TODAY)["totals"]
    real = stored.read_snapshot

    def import_commits_meanwhile(conn, scope, *rest):
        monkeypatch.setattr(stored, "read_snapshot", real)
        entry = ProgressEntry(id="p-meanwhile", on=date(YEAR, 12, 1), spent_fen=1_000_000)
        with write_session(county) as s:
            payload = {"matter_id": mid, "entry": to_payload(entry)}
            append(
                s,
                ledger=village,
                type=ev.PROGRESS_RECORDED,
                payload=payload,
                actor="t",
                matter_id=mid,
            )
        return real(conn, scope, *rest)

    with county.begin() as conn:
        conn.execute(F.delete())
    monkeypatch.setattr(stored, "read_snapshot", import_commits_meanwhile)
    during = build_report(county, year=YEAR, today=TODAY)["totals"]
    after = build_report(county, year=YEAR, today=TODAY)["totals"]
    assert during == before
    assert after["spent_fen"] == before["spent_fen"] + 1_000_000


def test_the_code_fingerprint_is_that_of_the_rules_this_program_loaded(monkeypatch):
    running = stored.code_fingerprint()
    # An upgrade lands on disk while a county screen is open: the running program's
    # figures must not be kept under the new code's fingerprint.
    monkeypatch.setattr(Path, "read_bytes", lambda self: b"the upgraded rules")
    assert stored.code_fingerprint() == running
    assert stored._hash_code() != running  # what a program started now sees


def test_a_new_version_alone_changes_the_code_fingerprint(monkeypatch):
    running = stored._hash_code()
    monkeypatch.setattr(stored, "__version__", "99.0")
    assert stored._hash_code() != running


def test_reviews_imported_before_their_villages_end_the_same(
    county_bundles, sqlite_county, tmp_path
):
    from village_tui.store.rebuild import dump_derived
    from village_tui.sync.importer import import_bundles, init_receiving

    _, gen = county_bundles
    engine = open_engine(tmp_path / "reviews-first.db")
    init_receiving(engine, "county")
    summary = import_bundles(engine, [*gen.review_bundles, *gen.village_bundles], trust_new=True)
    assert not [r.message_en for r in summary.results if r.failed]
    assert dump_derived(engine) == dump_derived(sqlite_county)
    for year in range(TODAY.year - YEARS + 1, TODAY.year + 1):
        expected = build_report(sqlite_county, year=year, today=TODAY)
        assert build_report(engine, year=year, today=TODAY) == expected
    engine.dispose()


def test_rebuilding_a_county_changes_no_figure(county):
    from village_tui.store.rebuild import dump_derived

    before = dump_derived(county)
    reports = [build_report(county, year=y, today=TODAY) for y in (TODAY.year - 1, TODAY.year)]
    rebuild(county)
    assert dump_derived(county) == before
    assert [
        build_report(county, year=y, today=TODAY) for y in (TODAY.year - 1, TODAY.year)
    ] == reports
    assert any(r["totals"]["returned"] and r["totals"]["approved"] for r in reports)


def test_the_code_fingerprint_ignores_line_endings(monkeypatch):
    """A Windows (CRLF) and a Linux install sharing one server database agree on it."""
    monkeypatch.setattr(Path, "read_bytes", lambda self: b"rules\nmore rules\n")
    unix = stored._hash_code()
    monkeypatch.setattr(Path, "read_bytes", lambda self: b"rules\r\nmore rules\r\n")
    assert stored._hash_code() == unix
