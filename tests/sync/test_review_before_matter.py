"""A county that receives a township's review before the village's own bundle still shows the review."""

from __future__ import annotations

from village_tui.store.db import open_engine, read_session
from village_tui.store.tables import MatterRow
from village_tui.sync.review import ReviewService

from .helpers import TODAY, cli, sample_village


def test_a_review_that_arrives_first_takes_effect_when_the_matter_arrives(tmp_path, capsys):
    vdb, tdb, cdb = tmp_path / "village.db", tmp_path / "town.db", tmp_path / "county.db"
    sample_village(vdb).dispose()
    (bundle,) = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "usb")[1].split()
    assert cli(capsys, "--db", tdb, "import", "--trust-new", bundle)[0] == 0
    town = open_engine(tdb)
    matter = next(r for r in ReviewService(town, today=lambda: TODAY).rows() if not r.blocking)
    assert (
        cli(capsys, "--db", tdb, "review", "return", matter.matter_id, "--comment", "补签到表")[0]
        == 0
    )
    (feedback,) = cli(capsys, "--db", tdb, "export", "--out", tmp_path / "feedback")[1].split()

    # the county gets the township's feedback first, then the village's ledger
    code, _, err = cli(capsys, "--db", cdb, "import", "--role", "county", "--trust-new", feedback)
    assert (code, err) == (0, "")
    code, _, err = cli(capsys, "--db", cdb, "import", "--trust-new", bundle)
    assert (code, err) == (0, "")
    with read_session(open_engine(cdb)) as s:
        row = s.get(MatterRow, matter.matter_id)
        assert (row.review_state, row.review_comment) == ("returned", "补签到表")
