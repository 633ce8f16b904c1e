"""key revocation: when a trusted key stopped being accepted, and why

A revoked (or rotated, or replaced) key stays in the registry: what it signed
before stays valid and shows who signed it; only later bundles are refused.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("revoked_reason", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.drop_column("revoked_reason")
        batch_op.drop_column("revoked_at")
