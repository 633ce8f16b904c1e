"""matter figure cache for county reports

Each matter's report figures as of a report date, with what they were worked
out from, so that a county report reads them instead of re-running the rules
over every matter. A cache: empty after the upgrade, filled by the next import
or report.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "matter_figure",
        sa.Column("matter_id", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("matter_seq", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=64), nullable=False),
        sa.Column("reached", sa.String(length=32), nullable=False),
        sa.Column("blocking", sa.String(), nullable=False),
        sa.Column("honoured", sa.Integer(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.Column("spent_fen", sa.BigInteger(), nullable=False),
        sa.Column("resolved_fen", sa.BigInteger(), nullable=False),
        sa.Column("to_resolution", sa.Integer(), nullable=True),
        sa.Column("to_result", sa.Integer(), nullable=True),
        sa.Column("overdue_step", sa.String(length=32), nullable=True),
        sa.Column("overdue_due", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("matter_id"),
    )


def downgrade() -> None:
    op.drop_table("matter_figure")
