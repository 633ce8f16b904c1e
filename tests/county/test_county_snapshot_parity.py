"""The county's lean loader must give the evaluator what the full loader gives it.

`county.snapshot` reads only the record fields the evaluator uses (for speed); if a
rule starts reading another field, this test fails instead of the report silently
seeing a default.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from village_tui.county.snapshot import Scope, load_snapshot
from village_tui.domain.rules import evaluate
from village_tui.profiles import load_profile
from village_tui.store.db import read_session
from village_tui.store.state import load_states
from village_tui.store.tables import MatterRow

from .conftest import TODAY, YEARS

LATER = date(2100, 1, 1)  # after every record, so the snapshot cuts nothing


def _key(findings):
    return sorted(
        (f.rule_id, f.step.value if f.step else "", f.message_zh, f.citation_zh) for f in findings
    )


@pytest.mark.parametrize("year", range(TODAY.year - YEARS + 1, TODAY.year + 1))
def test_lean_and_full_loading_give_the_same_findings(sqlite_county, year):
    snap = load_snapshot(sqlite_county, Scope(year, LATER))
    assert snap.states, "the synthetic county has matters every year"
    with read_session(sqlite_county) as s:
        rows = s.exec(
            select(MatterRow).where(MatterRow.id.in_([st.matter.id for st in snap.states]))
        ).all()
        full = {st.matter.id: st for st in load_states(s, rows)}
    found = 0
    for lean in snap.states:
        village = snap.villages[snap.village_of[lean.matter.id]]
        profile = load_profile(village.profile)
        expected = evaluate(full[lean.matter.id], village, profile, TODAY)
        assert _key(evaluate(lean, village, profile, TODAY)) == _key(expected), lean.matter.id
        found += len(expected)
    assert found > 0, "the synthetic county has faulty matters, so findings must be compared"
