"""`township init` makes a township database; `village-tui` alone then opens the township app."""

from __future__ import annotations

import pytest

from tests.sync.helpers import cli
from village_tui.store.db import open_engine
from village_tui.store.role import database_role


def test_init_makes_a_township_database_with_its_key(tmp_path, capsys):
    db = tmp_path / "town.db"
    code, out, err = cli(
        capsys, "--db", db, "township", "init", "--code", "410621101", "--name", "善堂镇"
    )
    assert code == 0, err
    assert "township database made: 善堂镇 (410621101), key fingerprint" in out
    engine = open_engine(db)
    assert database_role(engine) == "township"
    code, out, _ = cli(capsys, "--db", db, "keys", "show")
    assert code == 0 and "fingerprint" in out
    engine.dispose()


def test_a_second_init_is_refused_and_keeps_the_key(tmp_path, capsys):
    db = tmp_path / "town.db"
    cli(capsys, "--db", db, "township", "init", "--code", "410621101", "--name", "善堂镇")
    _, before, _ = cli(capsys, "--db", db, "keys", "show")
    code, _, err = cli(
        capsys, "--db", db, "township", "init", "--code", "410621101", "--name", "善堂镇"
    )
    assert code == 1
    assert "this is already a township database; use another file for the township" in err
    _, after, _ = cli(capsys, "--db", db, "keys", "show")
    assert before == after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--code", "41062110", "--name", "善堂镇"), "The township division code must be 9 digits"),
        (
            ("--code", "410621000", "--name", "善堂镇"),
            "Digits 7-9 of the township division code cannot be 000",
        ),
        (("--code", "410621101", "--name", "  "), "--name: must not be empty"),
        (
            ("--code", "410621101", "--name", "善堂镇", "--county-code", "410622"),
            "county code 410622 does not match the first 6 digits of 410621101",
        ),
    ],
)
def test_bad_input_leaves_no_database(tmp_path, capsys, args, message):
    db = tmp_path / "town.db"
    code, _, err = cli(capsys, "--db", db, "township", "init", *args)
    assert code == (2 if "--name" in message else 1)
    assert message in err
    assert not db.exists()


def test_the_database_decides_the_app(tmp_path, capsys, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "village_tui.tui.township_app.run_township_app",
        lambda engine, **kw: opened.append("township") or 0,
    )
    monkeypatch.setattr(
        "village_tui.tui.screens.county.run_county_app",
        lambda engine, **kw: opened.append("county") or 0,
    )
    monkeypatch.setattr("village_tui.tui.app.VillageApp.run", lambda self: opened.append("village"))
    town = tmp_path / "town.db"
    cli(capsys, "--db", town, "township", "init", "--code", "410621101", "--name", "善堂镇")
    county = tmp_path / "county.db"
    from village_tui.sync.importer import init_receiving

    e = open_engine(county)
    init_receiving(e, "county")
    e.dispose()
    for db in (town, county, tmp_path / "new.db"):
        assert cli(capsys, "--db", db)[0] == 0
    assert opened == ["township", "county", "village"]


def test_database_role_of_a_village(tmp_path):
    from tests.tui.helpers import VILLAGE
    from village_tui.store.services import VillageService

    engine = open_engine(tmp_path / "v.db")
    assert database_role(engine) is None
    VillageService(engine).set_up(VILLAGE)
    assert database_role(engine) == "village"
    engine.dispose()
