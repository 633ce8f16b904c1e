"""Village -> township -> feedback -> village, and the second export after more work."""

from __future__ import annotations

import pytest

from village_tui.store.db import open_engine
from village_tui.sync.review import ReviewService

from .helpers import TODAY, VILLAGE, cli, derived, dump, sample_village, service


def test_round_trip(tmp_path, capsys):
    vdb, tdb = tmp_path / "village.db", tmp_path / "town.db"
    village = sample_village(vdb)
    code, out, _ = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "usb")
    assert code == 0
    (first,) = out.split()
    # importing into a path that does not exist creates the township's database
    assert not tdb.exists()
    code, out, err = cli(capsys, "--db", tdb, "import", "--trust-new", first)
    assert (code, err) == (0, "")
    assert "imported 410611100901 events 1-111, 111 new" in out
    town = open_engine(tdb)
    # the township's checkpoint of this import waits in its review ledger for the feedback
    assert derived(town, only_ledger=VILLAGE) == derived(village)

    before = dump(town)
    code, out, _ = cli(capsys, "--db", tdb, "import", first)
    assert code == 0 and "already imported on" in out and "nothing changed" in out
    assert dump(town) == before

    # nothing new at the village: nothing written
    code, out, _ = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "usb2")
    assert (code, out.strip()) == (0, "Nothing new to export; no file written")
    assert not list((tmp_path / "usb2").glob("*.zip"))

    # the township returns one matter and approves another
    review = ReviewService(town, actor="乡镇审核员", today=lambda: TODAY)
    rows = {r.matter_id: r for r in review.rows()}
    clean = [r for r in rows.values() if not r.blocking]
    returned, approved = clean[0].matter_id, clean[1].matter_id
    assert (
        cli(capsys, "--db", tdb, "review", "return", returned, "--comment", "缺少会议记录签字")[0]
        == 0
    )
    assert cli(capsys, "--db", tdb, "review", "approve", approved)[0] == 0
    code, out, _ = cli(capsys, "--db", tdb, "export", "--out", tmp_path / "feedback")
    (feedback,) = out.split()
    # the checkpoint of the import, then the return and the approval
    assert "review-410611100901-000001-000003.zip" in feedback

    code, out, err = cli(capsys, "--db", vdb, "import", "--trust-new", feedback)
    assert (code, err) == (0, "")
    svc = service(village)
    assert svc.state(returned).review_state == "returned"
    assert svc.state(returned).review_comment == "缺少会议记录签字"
    assert svc.state(approved).review_state == "approved"
    assert derived(town) == derived(village)

    # more work at the village: a new matter, and a correction of the approved one
    svc.open_matter(title="村东水井维修", category="public_works", source="cadres")
    m = svc.state(approved).matter
    from dataclasses import replace

    from village_tui.store.services import REOPEN_RULE, NeedsConfirmation

    changed = replace(m, description=m.description + "（补充说明）")
    with pytest.raises(NeedsConfirmation) as locked:
        svc.correct_matter(changed, reason="补充说明")
    assert [f.rule_id for f in locked.value.findings] == [REOPEN_RULE]
    assert svc.state(approved).review_state == "approved"
    svc.correct_matter(changed, reason="补充说明", acknowledged=[REOPEN_RULE])
    assert svc.state(approved).review_state == "reopened"
    code, out, _ = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "usb3")
    (second,) = out.split()
    assert second.endswith("410611100901-000112-000113.zip")
    code, out, err = cli(capsys, "--db", tdb, "import", second)
    assert (code, err) == (0, "")
    assert "imported 410611100901 events 112-113, 2 new" in out
    assert derived(town, only_ledger=VILLAGE) == derived(village, only_ledger=VILLAGE)
    code, out, _ = cli(capsys, "--db", tdb, "export", "--out", tmp_path / "feedback2")
    (feedback2,) = out.split()
    assert feedback2.endswith("review-410611100901-000004-000004.zip")  # the new checkpoint
    assert cli(capsys, "--db", vdb, "import", feedback2)[0] == 0
    assert derived(town) == derived(village)
    shown = {r.matter_id: r.review_state for r in ReviewService(town, today=lambda: TODAY).rows()}
    assert shown[approved] == "reopened"
    code, out, _ = cli(capsys, "--db", tdb, "review", "--format", "table")
    assert "reopened" in out


def test_full_export_writes_everything(tmp_path, capsys):
    vdb = tmp_path / "village.db"
    sample_village(vdb)
    assert cli(capsys, "--db", vdb, "export", "--out", tmp_path / "a")[0] == 0
    code, out, _ = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "b", "--full")
    assert code == 0 and out.strip().endswith("410611100901-000001-000111.zip")
