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
    code, _, err = cli(
        capsys, "--db", tmp_path / "town.db", "import", "--role", "county", tmp_path / "usb"
    )
    assert code == 1 and err.strip() == (
        "error: this is already a township database; it cannot import as --role county"
        " (use another database file)"
    )
    assert _role(town) == "township"
    # Without --role, or with the role it has, the import goes on as before.
    assert cli(capsys, "--db", tmp_path / "town.db", "import", tmp_path / "usb")[0] == 0
    assert (
        cli(capsys, "--db", tmp_path / "town.db", "import", "--role", "township", tmp_path / "usb")[
            0
        ]
        == 0
    )


def test_a_village_database_refuses_to_become_a_county_before_importing_anything(tmp_path, capsys):
    from sqlalchemy import func, select

    from village_tui.store.tables import EventRow

    sample_village(tmp_path / "village.db").dispose()
    village = open_engine(tmp_path / "village.db")
    with read_session(village) as s:
        before = s.execute(select(func.count()).select_from(EventRow)).scalar_one()
    sample_village(tmp_path / "other.db").dispose()
    assert cli(capsys, "--db", tmp_path / "other.db", "export", "--out", tmp_path / "usb")[0] == 0
    code, _, err = cli(
        capsys,
        "--db",
        tmp_path / "village.db",
        "--lang",
        "en",
        "import",
        "--role",
        "county",
        "--trust-new",
        tmp_path / "usb",
    )
    assert code == 1 and err.strip() == (
        "error: this is already a village database; it cannot import as --role county"
        " (use another database file)"
    )
    with read_session(village) as s:
        assert s.execute(select(func.count()).select_from(EventRow)).scalar_one() == before
