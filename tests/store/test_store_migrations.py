"""Migrations: a database made by the first release opens, upgraded, with every event intact."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from store_support import CODE, TODAY, make_village

from village_tui.domain import events as ev
from village_tui.domain.model import Matter, Meeting, to_payload
from village_tui.domain.steps import Step
from village_tui.store.db import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    make_engine,
    migrate,
    open_engine,
    read_session,
    write_session,
)
from village_tui.store.ledger import append, verify


def test_head_revision_constant_is_alembics_head(tmp_path):
    from alembic.script import ScriptDirectory

    engine = make_engine(tmp_path / "h.db")
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head == HEAD_REVISION


def _fill(engine) -> None:
    """A village ledger of 41 events: the set-up and 20 matters with their proposal."""
    with write_session(engine) as s:
        append(
            s,
            ledger=CODE,
            type=ev.VILLAGE_SET_UP,
            payload={"village": to_payload(make_village())},
            actor="a",
        )
        for n in range(20):
            mid = f"m{n}"
            matter = Matter(
                id=mid, title=f"事项{n}", category="road", source="cadres", opened_on=TODAY
            )
            append(
                s,
                ledger=CODE,
                type=ev.MATTER_OPENED,
                payload={"matter": to_payload(matter)},
                actor="a",
                matter_id=mid,
            )
            record = Meeting(held_on=TODAY - timedelta(days=1), expected=5, present=5)
            append(
                s,
                ledger=CODE,
                type=ev.STEP_RECORDED,
                payload={
                    "matter_id": mid,
                    "step": Step.PROPOSAL.value,
                    "record": to_payload(record),
                    "acknowledged": [],
                },
                actor="a",
                matter_id=mid,
            )


def _copy_into_old_schema(source, target) -> None:
    """Every row of `source` written into `target`'s older tables, as that release wrote them.

    Today's code cannot write an old schema directly (its models have newer columns),
    so the data is made at head and copied column by column into the 0001 tables.
    """
    from sqlalchemy import MetaData, select

    old, new = MetaData(), MetaData()
    old.reflect(bind=target)
    new.reflect(bind=source)
    with source.connect() as src, target.begin() as dst:
        for table in old.sorted_tables:
            if table.name == "alembic_version":
                continue
            made = new.tables[table.name]
            rows = src.execute(select(*[made.c[c.name] for c in table.columns])).mappings()
            batch = [dict(r) for r in rows]
            if batch:
                dst.execute(table.insert(), batch)


def test_a_first_revision_database_is_upgraded_on_open_with_every_event(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(path)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    made = open_engine(tmp_path / "made.db")
    _fill(made)
    _copy_into_old_schema(made, engine)
    made.dispose()
    with engine.connect() as conn:
        before = conn.execute(
            text("SELECT ledger, seq, type, payload, hash FROM event ORDER BY seq")
        ).all()
        matters = conn.execute(text("SELECT count(*) FROM matter")).scalar_one()
    engine.dispose()
    assert len(before) == 41 and matters == 20

    upgraded = open_engine(path)
    assert current_revision(upgraded) == HEAD_REVISION
    with upgraded.connect() as conn:
        after = conn.execute(
            text("SELECT ledger, seq, type, payload, hash FROM event ORDER BY seq")
        ).all()
        assert conn.execute(text("SELECT count(*) FROM matter")).scalar_one() == 20
        # columns added since 0001 are there, at their defaults
        assert (
            conn.execute(
                text(
                    "SELECT count(*) FROM matter WHERE corrected_seq = 0 AND review_verdict IS NULL"
                )
            ).scalar_one()
            == 20
        )
    assert after == before
    with read_session(upgraded) as s:
        report = verify(s)
    assert report.ok and report.events == 41
    # Opening a database already at head changes nothing and needs no migration.
    assert current_revision(open_engine(path)) == HEAD_REVISION
