"""The review state is the same in every database, whatever order the ledgers arrive in."""

from __future__ import annotations

from dataclasses import replace

import pytest

from village_tui.store.db import open_engine, read_session
from village_tui.store.services import REOPEN_RULE
from village_tui.store.tables import MatterRow
from village_tui.sync.review import ReviewService

from .helpers import TODAY, cli, sample_village, service


def _state(db, matter_id: str) -> tuple[str, str]:
    with read_session(open_engine(db)) as s:
        row = s.get(MatterRow, matter_id)
        return row.review_state, row.review_comment


def _export(capsys, db, out) -> str:
    code, printed, err = cli(capsys, "--db", db, "export", "--out", out)
    assert (code, err) == (0, ""), err
    (path,) = printed.split()
    return path


@pytest.fixture
def reviewed(tmp_path, capsys):
    """A village ledger imported by a township, with one clean matter picked for review."""
    vdb, tdb = tmp_path / "village.db", tmp_path / "town.db"
    sample_village(vdb).dispose()
    first = _export(capsys, vdb, tmp_path / "usb1")
    assert cli(capsys, "--db", tdb, "import", "--trust-new", first)[0] == 0
    rows = ReviewService(open_engine(tdb), today=lambda: TODAY).rows()
    matter = next(r.matter_id for r in rows if not r.blocking)
    return tmp_path, vdb, tdb, first, matter


@pytest.mark.parametrize("verdict", ["approve", "return"])
def test_a_correction_crossing_a_verdict_in_the_post_reopens_on_both_sides(
    reviewed, capsys, verdict
):
    tmp_path, vdb, tdb, _, matter = reviewed
    extra = ["--comment", "请补充"] if verdict == "return" else []
    assert cli(capsys, "--db", tdb, "review", verdict, matter, *extra)[0] == 0
    feedback = _export(capsys, tdb, tmp_path / "fb")
    # the village corrects the matter before the township's verdict reaches it
    svc = service(open_engine(vdb))
    m = svc.state(matter).matter
    svc.correct_matter(replace(m, description=m.description + "（补）"), reason="补充说明")
    correction = _export(capsys, vdb, tmp_path / "usb2")
    assert cli(capsys, "--db", vdb, "import", "--trust-new", feedback)[0] == 0
    assert cli(capsys, "--db", tdb, "import", correction)[0] == 0
    assert _state(vdb, matter)[0] == _state(tdb, matter)[0] == "reopened"


def test_an_approval_that_reaches_the_county_first_still_stands(reviewed, capsys):
    tmp_path, _, tdb, first, matter = reviewed
    assert cli(capsys, "--db", tdb, "review", "approve", matter, "--comment", "同意")[0] == 0
    feedback = _export(capsys, tdb, tmp_path / "fb")
    cdb = tmp_path / "county.db"
    assert cli(capsys, "--db", cdb, "import", "--role", "county", "--trust-new", feedback)[0] == 0
    assert cli(capsys, "--db", cdb, "import", "--trust-new", first)[0] == 0
    assert _state(cdb, matter) == _state(tdb, matter) == ("approved", "同意")


def test_a_corrected_approved_matter_reopens_and_a_new_verdict_settles_it(reviewed, capsys):
    tmp_path, vdb, tdb, _, matter = reviewed
    assert cli(capsys, "--db", tdb, "review", "approve", matter)[0] == 0
    assert (
        cli(capsys, "--db", vdb, "import", "--trust-new", _export(capsys, tdb, tmp_path / "fb1"))[0]
        == 0
    )
    svc = service(open_engine(vdb))
    m = svc.state(matter).matter
    svc.correct_matter(
        replace(m, title=m.title + "（更正）"), reason="名称有误", acknowledged=[REOPEN_RULE]
    )
    assert _state(vdb, matter)[0] == "reopened"
    assert cli(capsys, "--db", tdb, "import", _export(capsys, vdb, tmp_path / "usb2"))[0] == 0
    assert _state(tdb, matter)[0] == "reopened"
    assert cli(capsys, "--db", tdb, "review", "approve", matter)[0] == 0
    assert cli(capsys, "--db", vdb, "import", _export(capsys, tdb, tmp_path / "fb2"))[0] == 0
    assert _state(vdb, matter)[0] == _state(tdb, matter)[0] == "approved"


@pytest.mark.parametrize("village_first", [True, False])
def test_the_later_verdict_wins_even_when_the_township_clock_went_back(
    reviewed, capsys, monkeypatch, village_first
):
    """A township PC whose clock fell back to 2009 returns a matter it approved: the county
    shows the return (the ledger's order), whichever bundle it imports first."""
    tmp_path, _, tdb, first, matter = reviewed
    town = open_engine(tdb)
    ReviewService(town, today=lambda: TODAY, now=lambda: "2026-11-20T08:00:00Z").approve(
        matter, "同意"
    )
    ReviewService(town, today=lambda: TODAY, now=lambda: "2009-01-01T00:00:00Z").return_matter(
        matter, "补签到表"
    )
    town.dispose()
    feedback = _export(capsys, tdb, tmp_path / "fb")
    cdb = tmp_path / "county.db"
    order = [first, feedback] if village_first else [feedback, first]
    for n, bundle in enumerate(order):
        role = ["--role", "county"] if n == 0 else []
        assert cli(capsys, "--db", cdb, "import", *role, "--trust-new", bundle)[0] == 0
    assert _state(cdb, matter) == _state(tdb, matter) == ("returned", "补签到表")
