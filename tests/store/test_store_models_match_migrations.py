"""The tables the code declares are the tables the migrations build, column for column."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from village_tui.store import tables  # noqa: F401  (registers the store's tables)
from village_tui.store.db import make_engine, migrate
from village_tui.sync import tables as sync_tables  # noqa: F401  (and the sync tables)


def _differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        return compare_metadata(context, SQLModel.metadata)


def test_a_freshly_migrated_database_has_exactly_the_models_tables(tmp_path):
    engine = make_engine(tmp_path / "m.db")
    migrate(engine)
    assert _differences(engine) == []
    engine.dispose()


def test_a_column_the_migrations_lack_is_seen(tmp_path):
    """The comparison can fail: a model column no migration adds is reported."""
    from sqlalchemy import Column, Integer

    engine = make_engine(tmp_path / "n.db")
    migrate(engine)
    extra = Column("not_migrated", Integer, nullable=True)
    table = SQLModel.metadata.tables["matter"]
    table.append_column(extra)
    try:
        diff = _differences(engine)
    finally:
        table._columns.remove(extra)
    assert [(d[0], d[2], d[3].name) for d in diff] == [("add_column", "matter", "not_migrated")]
    assert _differences(engine) == []
    engine.dispose()
