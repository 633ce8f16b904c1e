"""attempts at a step, reversed progress entries, matters that needed a second attempt

Every meeting held is recorded, valid or not (issue 11): a matter keeps the
list of its attempts; a progress entry can be reversed; the county figure
cache counts matters that needed more than one attempt. The cache is emptied:
its rows were worked out without that figure and are filled again by the next
report. Attempts of databases recorded before this revision are filled in by
`village-tui rebuild`; until then each step shows its one recorded version.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 21:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("matter") as batch:
        batch.add_column(sa.Column("attempts", sa.Text(), nullable=False, server_default="[]"))
    with op.batch_alter_table("progress") as batch:
        batch.add_column(
            sa.Column("reversed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(sa.text("DELETE FROM matter_figure"))
    with op.batch_alter_table("matter_figure") as batch:
        batch.add_column(sa.Column("retried", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("matter_figure") as batch:
        batch.drop_column("retried")
    with op.batch_alter_table("progress") as batch:
        batch.drop_column("reversed")
    with op.batch_alter_table("matter") as batch:
        batch.drop_column("attempts")
