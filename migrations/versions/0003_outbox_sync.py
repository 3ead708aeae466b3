"""Outbox sync bookkeeping: sender claims with a lease, server status pulls, delivery order, purge time.

Revision ID: 0003
Revises: 0002
Create Date: 2024-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen in time like 0001/0002: plain SQLAlchemy types. All new columns are nullable, so existing rows
# need no default and SQLite can add them without rebuilding the table.
_COLUMNS = (
    ("claimed_by", sa.String(64)),
    ("lease_until", sa.DateTime(timezone=True)),
    ("server_status_at", sa.DateTime(timezone=True)),
    ("next_status_at", sa.DateTime(timezone=True)),
    ("delivery_ref", sa.String(64)),
    ("purged_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("outbox_entry") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_entry") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
