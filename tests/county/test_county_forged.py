"""Hand edits of a county database's derived tables do not reach the county report."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select, update

from village_tui.county.figures import build_report
from village_tui.county.snapshot import Scope, as_of_date
from village_tui.county.stored import current_figures, refresh
from village_tui.store.tables import MatterFigureRow, MatterRow

from .conftest import TODAY

YEAR = 2025
SCOPE = Scope(YEAR, as_of_date(YEAR, TODAY))
F = MatterFigureRow.__table__
M = MatterRow.__table__


@pytest.fixture
def county(sqlite_county, tmp_path):
    """A private copy of the synthetic county, its figures kept for the report's date."""
    from village_tui.store.db import open_engine

    path = tmp_path / "county.db"
    source = sqlite3.connect(sqlite_county.url.database)
    with sqlite3.connect(path) as copy:
        source.backup(copy)
    source.close()
    engine = open_engine(path)
    refresh(engine, TODAY)
    yield engine
    engine.dispose()


def _matter(engine, state: str) -> str:
    with engine.connect() as conn:
        return conn.execute(
            select(M.c.id)
            .where(M.c.opened_on.between(date(YEAR, 1, 1), date(YEAR, 12, 31)))
            .where(M.c.review_state == state, M.c.reached_index >= 3)
            .order_by(M.c.id)
            .limit(1)
        ).scalar_one()


def _report(engine) -> dict:
    return build_report(engine, year=YEAR, today=TODAY)


def _shown(engine, mid: str):
    return next(m for m in current_figures(engine, SCOPE).matters if m.id == mid)


def test_a_forged_approval_in_matter_is_not_counted(county):
    expected = _report(county)
    mid = _matter(county, "pending")
    with county.begin() as conn:
        conn.execute(
            update(M)
            .where(M.c.id == mid)
            .values(review_state="approved", review_verdict="approved")
        )
    assert _shown(county, mid).review_state == "pending"
    assert _report(county) == expected


def test_a_forged_return_of_an_approved_matter_is_not_counted(county):
    expected = _report(county)
    mid = _matter(county, "approved")
    with county.begin() as conn:
        conn.execute(update(M).where(M.c.id == mid).values(review_state="returned"))
    assert _shown(county, mid).review_state == "approved"
    assert _report(county) == expected


def test_a_kept_row_edited_by_hand_is_worked_out_again(county):
    expected = _report(county)
    mid = _matter(county, "pending")
    before = _shown(county, mid).figures
    with county.begin() as conn:
        conn.execute(update(F).where(F.c.matter_id == mid).values(blocking="", honoured=99))
    found = current_figures(county, SCOPE)
    assert found.worked_out == 1
    assert next(m for m in found.matters if m.id == mid).figures == before
    assert _report(county) == expected


def test_a_changed_updated_seq_does_not_pass_a_changed_step_off_as_current(county):
    """`matter.updated_seq` bumped to make the report work a forged step out: the kept
    figure still follows the matter's last event in the ledger, so it stands."""
    expected = _report(county)
    mid = _matter(county, "pending")
    with county.begin() as conn:
        conn.execute(update(M).where(M.c.id == mid).values(updated_seq=M.c.updated_seq + 1))
        conn.exec_driver_sql(
            "UPDATE step SET record = json_set(record, '$.present', 0) WHERE matter_id = ?",
            (mid,),
        )
    found = current_figures(county, SCOPE)
    assert found.worked_out == 0
    assert _report(county) == expected
