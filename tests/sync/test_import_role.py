"""A receiving database that exists before its first import (a server's, say) takes the role asked for."""

from __future__ import annotations

from village_tui.store.db import open_engine, read_session
from village_tui.store.tables import SettingRow

from .helpers import cli, sample_village


def _role(engine) -> str | None:
    with read_session(engine) as s:
        row = s.get(SettingRow, "role")
        return row.value if row else None


def test_an_existing_empty_database_becomes_a_county_one(tmp_path, capsys):
    village = sample_village(tmp_path / "village.db")
    village.dispose()
    assert cli(capsys, "--db", tmp_path / "village.db", "export", "--out", tmp_path / "usb")[0] == 0
    county = open_engine(
        tmp_path / "county.db"
    )  # exists, migrated, no role: like a fresh server database
    assert _role(county) is None
    code, _, err = cli(
        capsys,
        "--db",
        tmp_path / "county.db",
        "import",
        "--role",
        "county",
        "--trust-new",
        tmp_path / "usb",
    )
    assert (code, err) == (0, "")
    assert _role(county) == "county"


def test_the_role_of_a_database_that_has_one_is_kept(tmp_path, capsys):
    sample_village(tmp_path / "village.db").dispose()
    assert cli(capsys, "--db", tmp_path / "village.db", "export", "--out", tmp_path / "usb")[0] == 0
    cli(capsys, "--db", tmp_path / "town.db", "import", "--trust-new", tmp_path / "usb")
    town = open_engine(tmp_path / "town.db")
    assert _role(town) == "township"
    cli(capsys, "--db", tmp_path / "town.db", "import", "--role", "county", tmp_path / "usb")
    assert _role(town) == "township"
