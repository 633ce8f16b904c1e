"""The county's figures follow issue 11's records: second attempts, corrected and reversed money."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_support import TODAY  # noqa: E402
from test_store_attempts import (  # noqa: E402
    _implemented,
    _reps,
    _save,
    _svc,
    _to_step_3,
)

from village_tui.county.figures import build_report  # noqa: E402
from village_tui.domain.steps import Step  # noqa: E402
from village_tui.store.db import open_engine  # noqa: E402
from village_tui.store.rebuild import replay_into  # noqa: E402


def _report(svc, tmp_path):
    tmp_path.mkdir()  # open_engine makes the file, never its folder (harden-io)
    county = open_engine(tmp_path / "county.db")
    replay_into(svc.engine, county)
    return build_report(county, year=TODAY.year, today=TODAY)["totals"]


def test_matters_that_needed_a_second_attempt_and_money_that_was_reversed(tmp_path):
    svc = _svc(tmp_path)
    retried = _to_step_3(svc)
    _save(svc, retried, Step.RESOLUTION, _reps(29))
    _to_step_3(svc)  # one that has not needed a second try
    paid = _implemented(svc)
    wrong = svc.add_progress(paid, on=TODAY, description="路基", spent_fen=28_000_000)
    twice = svc.add_progress(paid, on=TODAY, description="重复", spent_fen=9_000_000)
    totals = _report(svc, tmp_path / "a")
    assert (totals["retried"], totals["spent_fen"]) == (0, 37_000_000)
    _save(svc, retried, Step.RESOLUTION, _reps(31, held=15))
    svc.correct_progress(
        paid, wrong, on=TODAY, description="路基", spent_fen=25_000_000, reason="发票为25万元"
    )
    svc.reverse_progress(paid, twice, reason="重复登记")
    totals = _report(svc, tmp_path / "b")
    assert (totals["retried"], totals["spent_fen"]) == (1, 25_000_000)
