"""The kiosk's tables. Personal data only ever sits in `dossier.payload_ciphertext`, sealed (see crypto.py).

Shaped for what comes next: the same schema runs on SQLite (one kiosk) and PostgreSQL (a one-stop centre
where several kiosks share a database), so every row says which kiosk wrote it, constraint names are
fixed by a naming convention (Alembic's batch mode on SQLite and PostgreSQL both need stable names), and
times are timezone-aware UTC on both.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Column sizes shared with the migrations.
ID_LEN = 64
UUID_LEN = 36
FILENAME_LEN = 255
CONTENT_TYPE_LEN = 127


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database.

    SQLite has no time zones: values are stored as UTC text in a fixed-width format, so comparing them
    (e.g. `next_attempt_at <= now`) stays correct. Naive datetimes are refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: the store only takes timezone-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# BIGINT on PostgreSQL for tables that grow for years; SQLite only autoincrements an INTEGER primary key.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ClientStatus(StrEnum):
    """Where a dossier is on its way to the portal, as this kiosk knows it."""

    QUEUED = "queued"  # waiting to be sent (first time, or again after a transient failure)
    SENDING = "sending"  # a worker has claimed it and is talking to the portal
    SENT = "sent"  # the portal accepted it and gave a dossier code
    DUPLICATE = "duplicate"  # the portal already had it (same idempotency key): also a success
    FAILED = "failed"  # the portal refused it for good; staff must act


class Kiosk(Base):
    __tablename__ = "kiosk"

    id: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class Dossier(Base):
    """One submitted dossier. The clear columns say what and where, never who."""

    __tablename__ = "dossier"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    #: Client-generated, sent with the submission so a retry can never create a second dossier.
    idempotency_key: Mapped[str] = mapped_column(String(ID_LEN), unique=True)
    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN), ForeignKey("kiosk.id"), index=True)
    procedure_code: Mapped[str] = mapped_column(String(ID_LEN))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    #: Staff id in assisted mode (an employee code, not a name).
    assisted_by: Mapped[str | None] = mapped_column(String(ID_LEN))
    #: The portal's code once it accepted the dossier (`<unit code>-YYMMDD-XXXX`).
    dossier_code: Mapped[str | None] = mapped_column(String(ID_LEN), index=True)
    delivery_method: Mapped[str | None] = mapped_column(String(32))
    #: AES-GCM ciphertext of the JSON answers + applicant; nonce and key id to open it.
    payload_ciphertext: Mapped[bytes] = mapped_column(LargeBinary())
    payload_nonce: Mapped[bytes] = mapped_column(LargeBinary(16))
    key_id: Mapped[str] = mapped_column(String(ID_LEN))


class OutboxEntry(Base):
    """A dossier's delivery to the portal: one per dossier, with the retry bookkeeping."""

    __tablename__ = "outbox_entry"
    __table_args__ = (
        CheckConstraint(
            "client_status IN ({})".format(", ".join(f"'{s.value}'" for s in ClientStatus)),
            name="client_status",
        ),
        # The worker's question: what is queued and due, oldest first.
        Index("ix_outbox_entry_due", "client_status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(String(UUID_LEN), ForeignKey("dossier.id"), unique=True)
    client_status: Mapped[str] = mapped_column(String(16), default=ClientStatus.QUEUED.value)
    #: The portal's own status word for the dossier, as last pulled.
    server_status: Mapped[str | None] = mapped_column(String(64))
    #: Failed send attempts so far.
    attempts: Mapped[int] = mapped_column(Integer(), default=0)
    #: Why the last attempt failed, for staff; redacted, never personal data.
    last_error: Mapped[str | None] = mapped_column(Text())
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now, onupdate=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    #: Who is sending it (`<host>:<pid>`) and until when the claim holds: a crashed sender's claim is
    #: taken back when its process is gone (same host) or its lease ran out (another station).
    claimed_by: Mapped[str | None] = mapped_column(String(ID_LEN))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    #: When `server_status` was last pulled, and when to pull it next (None: no more pulls needed).
    server_status_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    next_status_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    #: The delivery order (result by post) once one was placed: the carrier's reference.
    delivery_ref: Mapped[str | None] = mapped_column(String(ID_LEN))
    #: Why the delivery order was refused for good (for staff; no personal data). Set: no more tries.
    delivery_error: Mapped[str | None] = mapped_column(Text())
    #: When the retention purge removed the dossier's personal data and files (the row stays, clear).
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class DossierFile(Base):
    """One document of a dossier. The bytes are in the encrypted file store under `sha256`; the clear
    columns say what kind of file it is, never whose. Its Decree 107 metadata (owner, names) is sealed."""

    __tablename__ = "dossier_file"
    __table_args__ = (UniqueConstraint("dossier_id", "position"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(String(UUID_LEN), ForeignKey("dossier.id"))
    #: Order of the document in the dossier (0, 1, ...), as sent to the portal.
    position: Mapped[int] = mapped_column(Integer())
    type_code: Mapped[str] = mapped_column(String(ID_LEN))
    filename: Mapped[str] = mapped_column(String(FILENAME_LEN))
    content_type: Mapped[str] = mapped_column(String(CONTENT_TYPE_LEN))
    #: Hex SHA-256 of the plaintext: the file's name in the store. Indexed for the orphan sweep.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger())
    #: AES-GCM ciphertext of the JSON metadata; nonce and key id to open it.
    metadata_ciphertext: Mapped[bytes] = mapped_column(LargeBinary())
    metadata_nonce: Mapped[bytes] = mapped_column(LargeBinary(16))
    key_id: Mapped[str] = mapped_column(String(ID_LEN))


class AuditEvent(Base):
    """What happened, when, where: never who. Append-only.

    `dossier_id` is deliberately not a foreign key: the audit trail must outlive the dossiers it
    mentions (a purged dossier still has its "queued", "sent" and "purged" events).
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now, index=True)
    kind: Mapped[str] = mapped_column(String(ID_LEN))
    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN))
    dossier_id: Mapped[str | None] = mapped_column(String(UUID_LEN), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)


class FleetOutboxEvent(Base):
    """One event the kiosk will tell the fleet service (kiosk.store.fleet_outbox keeps and sends them)."""

    __tablename__ = "fleet_outbox"
    __table_args__ = (Index("ix_fleet_outbox_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(UUID_LEN), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    #: The service refused it (a schema this kiosk's version got wrong): kept, never resent.
    rejected: Mapped[str | None] = mapped_column(Text())
