"""Initial schema: kiosk, dossier, outbox_entry, audit_event.

Revision ID: 0001
Revises:
Create Date: 2024-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Migrations are frozen in time: plain SQLAlchemy types here, never the app's models or helpers.
# Constraint and index names follow kiosk.store.models.NAMING_CONVENTION, spelled out in full and wrapped
# in op.f() ("final") so Alembic does not apply the convention to them a second time.
_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "kiosk",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk")),
    )

    op.create_table(
        "dossier",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("procedure_code", sa.String(64), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("assisted_by", sa.String(64), nullable=True),
        sa.Column("dossier_code", sa.String(64), nullable=True),
        sa.Column("delivery_method", sa.String(32), nullable=True),
        sa.Column("payload_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("payload_nonce", sa.LargeBinary(16), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosk.id"], name=op.f("fk_dossier_kiosk_id_kiosk")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_dossier_idempotency_key")),
    )
    op.create_index(op.f("ix_dossier_kiosk_id"), "dossier", ["kiosk_id"])
    op.create_index(op.f("ix_dossier_dossier_code"), "dossier", ["dossier_code"])

    op.create_table(
        "outbox_entry",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(36), nullable=False),
        sa.Column("client_status", sa.String(16), nullable=False),
        sa.Column("server_status", sa.String(64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", _utc(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("sent_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_entry")),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_outbox_entry_dossier_id_dossier")
        ),
        sa.UniqueConstraint("dossier_id", name=op.f("uq_outbox_entry_dossier_id")),
        sa.CheckConstraint(
            "client_status IN ('queued', 'sending', 'sent', 'duplicate', 'failed')",
            name=op.f("ck_outbox_entry_client_status"),
        ),
    )
    op.create_index(op.f("ix_outbox_entry_due"), "outbox_entry", ["client_status", "next_attempt_at"])

    op.create_table(
        "audit_event",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("dossier_id", sa.String(36), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"])
    op.create_index(op.f("ix_audit_event_dossier_id"), "audit_event", ["dossier_id"])


def downgrade() -> None:
    op.drop_table("audit_event")
    op.drop_table("outbox_entry")
    op.drop_table("dossier")
    op.drop_table("kiosk")
