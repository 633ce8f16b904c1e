"""Shared county fixtures: one synthetic county, imported once into SQLite (and PostgreSQL when set)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from village_tui.gen_synthetic import Generated, generate
from village_tui.store.db import open_engine
from village_tui.sync.importer import import_bundles, init_receiving

TODAY = date(2026, 11, 28)
SEED = 11
VILLAGES = 19  # one per township of DOMAIN.md
YEARS = 2
PG_ENV = "VILLAGE_TUI_PG_URL"


@pytest.fixture(scope="session")
def county_bundles(tmp_path_factory) -> tuple[Path, Generated]:
    out = tmp_path_factory.mktemp("county") / "bundles"
    return out, generate(out, villages=VILLAGES, years=YEARS, seed=SEED, today=TODAY)


def _import(engine, folder: Path) -> None:
    init_receiving(engine, "county")
    summary = import_bundles(engine, [folder], trust_new=True)
    refused = [r.message_en for r in summary.results if r.failed]
    assert not refused, refused


@pytest.fixture(scope="session")
def sqlite_county(county_bundles, tmp_path_factory):
    folder, _ = county_bundles
    engine = open_engine(tmp_path_factory.mktemp("sqlite") / "county.db")
    _import(engine, folder)
    yield engine
    engine.dispose()


@contextmanager
def _private_pg_database(suffix: str = "") -> Iterator[str]:
    """A fresh database on the server VILLAGE_TUI_PG_URL names, dropped afterwards."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set (run .ci/postgres.sh to start a local PostgreSQL)")
    import sqlalchemy as sa

    base = sa.make_url(url)
    name = f"vt_county_{os.getpid()}{suffix}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def pg_url():
    """A private database for the session's PostgreSQL county."""
    with _private_pg_database() as url:
        yield url


@pytest.fixture
def fresh_pg_url():
    """Another private, empty database, for one test."""
    with _private_pg_database("_fresh") as url:
        yield url


@pytest.fixture(scope="session")
def pg_county(county_bundles, pg_url):
    folder, _ = county_bundles
    engine = open_engine(pg_url)
    _import(engine, folder)
    yield engine
    engine.dispose()
