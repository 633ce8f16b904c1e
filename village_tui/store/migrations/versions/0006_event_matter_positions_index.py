"""event positions by matter, for the county report's check against the ledger

The county report reads each matter's last event in its village's ledger from
the event table (not from `matter`) before it uses a kept figure. This index
answers that from the index alone, without reading the events' text.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_event_matter_positions", "event", ["matter_id", "ledger", "seq", "type"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_event_matter_positions", table_name="event")
