"""keys show / keys trust, and the review report in its three formats."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from village_tui.store.db import open_engine
from village_tui.sync.keys import fingerprint

from .helpers import cli, own_key


def test_keys_show_and_trust_then_import_without_trust_new(world, tmp_path, capsys):
    code, out, _ = cli(
        capsys, "--db", world.village_db, "keys", "show", "--out", tmp_path / "v.key"
    )
    key = own_key(open_engine(world.village_db))
    assert code == 0
    assert f"fingerprint: {key.fingerprint}" in out
    assert len(key.fingerprint.split()) == 8 and fingerprint(key.public_key) == key.fingerprint
    town = tmp_path / "t.db"
    assert cli(capsys, "--db", town, "keys", "trust", tmp_path / "v.key")[0] == 0
    code, out, err = cli(capsys, "--db", town, "import", world.b1)
    assert (code, err) == (0, "")


def test_keys_trust_refuses_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.key"
    bad.write_text("{}")
    code, _, err = cli(capsys, "--db", tmp_path / "t.db", "keys", "trust", bad)
    assert (code, err.strip()) == (1, f"error: {bad}: not a valid key file")


def test_review_formats(world, town, tmp_path, capsys):
    code, out, _ = cli(capsys, "--db", town, "review", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["villages"][0]["ledger_ok"] is True
    assert len(data["matters"]) == 15
    blocked = next(
        m
        for m in data["matters"]
        if any(f["severity"] in ("invalid", "defect") for f in m["findings"])
    )
    code, _, err = cli(capsys, "--db", town, "review", "approve", blocked["matter_id"])
    assert code == 1 and "blocking finding" in err
    code, _, err = cli(
        capsys, "--db", town, "review", "return", blocked["matter_id"], "--comment", " "
    )
    assert (code, err.strip()) == (1, "error: Returning a matter needs a comment")
    assert (
        cli(capsys, "--db", town, "review", "return", blocked["matter_id"], "--comment", "补正")[0]
        == 0
    )
    out_file = tmp_path / "r.xlsx"
    assert cli(capsys, "--db", town, "review", "--format", "xlsx", "--out", out_file)[0] == 0
    ws = load_workbook(out_file).active
    assert ws["A1"].value == "village code" and ws.max_row == 16
    states = [row[6] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert states.count("returned") == 1
    from village_tui.i18n.common import CATEGORIES

    categories = {row[4] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert categories and categories <= {en for _, en in CATEGORIES.values()}, categories
    assert cli(capsys, "--db", town, "review", "--format", "xlsx")[0] == 2


def test_import_a_folder_shows_a_summary(world, empty_town, capsys):
    code, out, err = cli(
        capsys, "--db", empty_town, "import", "--trust-new", world.b1.parent, world.b2.parent
    )
    assert (code, err) == (0, "")
    assert "import summary" in out and "imported" in out
