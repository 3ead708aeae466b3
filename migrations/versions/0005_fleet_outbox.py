"""Fleet-event outbox: what the kiosk will tell (and has told) the province's fleet service.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fleet_outbox",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejected", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_fleet_outbox"),
        sa.UniqueConstraint("event_id", name="uq_fleet_outbox_event_id"),
    )
    op.create_index("ix_fleet_outbox_at", "fleet_outbox", ["at"])
    op.create_index("ix_fleet_outbox_pending", "fleet_outbox", ["sent_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_fleet_outbox_pending", table_name="fleet_outbox")
    op.drop_index("ix_fleet_outbox_at", table_name="fleet_outbox")
    op.drop_table("fleet_outbox")
