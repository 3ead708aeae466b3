"""Dossier files: one row per document of a dossier, referencing the encrypted file store by SHA-256.

Revision ID: 0002
Revises: 0001
Create Date: 2024-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen in time like 0001: plain SQLAlchemy types, constraint names spelled out in full.
_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "dossier_file",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type_code", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(127), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("metadata_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("metadata_nonce", sa.LargeBinary(16), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_file")),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_dossier_file_dossier_id_dossier")
        ),
        sa.UniqueConstraint("dossier_id", "position", name=op.f("uq_dossier_file_dossier_id")),
    )
    with op.batch_alter_table("dossier_file") as batch:
        batch.create_index(batch.f("ix_dossier_file_sha256"), ["sha256"])


def downgrade() -> None:
    with op.batch_alter_table("dossier_file") as batch:
        batch.drop_index(batch.f("ix_dossier_file_sha256"))
    op.drop_table("dossier_file")
