"""review verdict and positions on matter

Keeps the township's verdict and the ledger position it reviewed apart from the
displayed review state, so the state is the same whatever order ledgers arrive in.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 02:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("matter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_verdict", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("reviewed_seq", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("corrected_seq", sa.Integer(), nullable=False, server_default="0")
        )
    # Matters reviewed before this revision: their verdict is the state they show.
    op.execute(
        "UPDATE matter SET review_verdict = review_state, reviewed_seq = updated_seq "
        "WHERE review_state IN ('approved', 'returned')"
    )


def downgrade() -> None:
    with op.batch_alter_table("matter", schema=None) as batch_op:
        batch_op.drop_column("corrected_seq")
        batch_op.drop_column("reviewed_seq")
        batch_op.drop_column("review_verdict")
