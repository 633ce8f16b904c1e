"""core ledger and derived tables

Revision ID: 0001
Revises:
Create Date: 2026-11-28 00:48:00.306712
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ledger", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("matter_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("signer", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ledger", "seq", name="uq_event_ledger_seq"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_ledger"), ["ledger"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_matter_id"), ["matter_id"], unique=False)

    op.create_table(
        "ledger_head",
        sa.Column("ledger", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("ledger"),
    )
    op.create_table(
        "setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "village",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township_code", sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
        sa.Column("township_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("county_code", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("county_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("profile", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("party_members_voting", sa.Integer(), nullable=False),
        sa.Column("committee_members", sa.Integer(), nullable=False),
        sa.Column("rep_assembly_members", sa.Integer(), nullable=False),
        sa.Column("representatives", sa.Integer(), nullable=False),
        sa.Column("women_members", sa.Integer(), nullable=False),
        sa.Column("adult_villagers", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("updated_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_village_county_code"), ["county_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_village_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "matter",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("village_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("planned_fen", sa.BigInteger(), nullable=False),
        sa.Column("personal_data", sa.Boolean(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("reached", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("reached_index", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("spent_fen", sa.BigInteger(), nullable=False),
        sa.Column("review_state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("review_seq", sa.Integer(), nullable=True),
        sa.Column("search_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_seq", sa.Integer(), nullable=False),
        sa.Column("updated_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_code"],
            ["village.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("matter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_matter_village_code"), ["village_code"], unique=False)

    op.create_table(
        "completion",
        sa.Column("matter_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.PrimaryKeyConstraint("matter_id"),
    )
    op.create_table(
        "objection",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("matter_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objection_matter_id"), ["matter_id"], unique=False)

    op.create_table(
        "progress",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("matter_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("spent_fen", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_matter_id"), ["matter_id"], unique=False)

    op.create_table(
        "step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("matter_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("acknowledged", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("matter_id", "step", name="uq_step_matter_step"),
    )
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_matter_id"), ["matter_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_matter_id"))

    op.drop_table("step")
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_matter_id"))

    op.drop_table("progress")
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objection_matter_id"))

    op.drop_table("objection")
    op.drop_table("completion")
    with op.batch_alter_table("matter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_village_code"))
        batch_op.drop_index(batch_op.f("ix_matter_category"))

    op.drop_table("matter")
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_village_township_code"))
        batch_op.drop_index(batch_op.f("ix_village_county_code"))

    op.drop_table("village")
    op.drop_table("setting")
    op.drop_table("ledger_head")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_matter_id"))
        batch_op.drop_index(batch_op.f("ix_event_ledger"))

    op.drop_table("event")
