"""What the outbox hands out and raises: item snapshots, documents, errors, and the bindings of sealed data
to their rows. Shared by the queue (kiosk.store.outbox) and its admission, purge and reseal rooms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Row, Select, select

from kiosk.domain.notice import Notice
from kiosk.store.files import sha256_hex
from kiosk.store.models import ClientStatus, Dossier, OutboxEntry

#: Delivery choices whose result comes home by post (a home pickup returns the result by post too).
POSTAL_METHODS = frozenset({"post", "pickup"})


class OutboxError(Exception):
    """Base class of the outbox's errors."""


class UnknownDossierError(OutboxError, LookupError):
    pass


class InvalidTransitionError(OutboxError):
    """The entry is not in a state that allows this change (e.g. marking a queued entry "sent")."""


class StorageError(OutboxError):
    """The kiosk's own storage failed (database unreadable, disk full, I/O error). Nothing already queued
    is lost; `notice` says so to people (``storage.failed``…, words in kiosk.ui.cli_texts), `str()` is for
    logs."""

    notice_code: ClassVar[str] = "storage.failed"

    @property
    def notice(self) -> Notice:
        return Notice(self.notice_code)


class StorageFullError(StorageError):
    notice_code = "storage.full"


class PurgedError(OutboxError):
    """The dossier's personal data and files were removed by the retention purge."""


@dataclass(frozen=True)
class OutboxFile:
    """One document of a dossier as the outbox takes and gives it back: plaintext bytes and metadata."""

    type_code: str
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.content)

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class OutboxItem:
    """A snapshot of one outbox entry and the clear (non-personal) facts of its dossier."""

    id: int
    dossier_id: str
    idempotency_key: str
    procedure_code: str
    kiosk_id: str
    assisted_by: str | None
    client_status: ClientStatus
    server_status: str | None
    dossier_code: str | None
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    claimed_by: str | None = None
    server_status_at: datetime | None = None
    next_status_at: datetime | None = None
    delivery_ref: str | None = None
    purged_at: datetime | None = None
    delivery_method: str | None = None
    delivery_error: str | None = None

    @property
    def awaits_postal_order(self) -> bool:
        """Accepted, the result to come home by post, and no order placed or refused yet: its address must
        stay (sealed) until the order is placed."""
        return (self.delivery_method in POSTAL_METHODS and self.delivery_ref is None
                and self.delivery_error is None and self.server_status != "rejected")


def payload_aad(dossier_id: str) -> bytes:
    # Binds the ciphertext to its row: a payload copied into another dossier's row does not open.
    return f"kiosk.dossier:{dossier_id}".encode()


def file_aad(dossier_id: str, position: int, sha256: str) -> bytes:
    return f"kiosk.dossier_file:{dossier_id}:{position}:{sha256}".encode()


def item_query() -> Select[OutboxEntry, str, str, str, str | None, str | None, str | None]:
    # Only the dossier's clear columns: listing the queue never loads (or could leak) a ciphertext.
    return select(
        OutboxEntry,
        Dossier.idempotency_key,
        Dossier.procedure_code,
        Dossier.kiosk_id,
        Dossier.assisted_by,
        Dossier.dossier_code,
        Dossier.delivery_method,
    ).join(Dossier, Dossier.id == OutboxEntry.dossier_id)


def item_from_row(row: Row[OutboxEntry, str, str, str, str | None, str | None, str | None]) -> OutboxItem:
    entry, idempotency_key, procedure_code, kiosk_id, assisted_by, dossier_code, delivery_method = row
    return OutboxItem(
        id=entry.id,
        dossier_id=entry.dossier_id,
        idempotency_key=idempotency_key,
        procedure_code=procedure_code,
        kiosk_id=kiosk_id,
        assisted_by=assisted_by,
        client_status=ClientStatus(entry.client_status),
        server_status=entry.server_status,
        dossier_code=dossier_code,
        attempts=entry.attempts,
        last_error=entry.last_error,
        next_attempt_at=entry.next_attempt_at,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        sent_at=entry.sent_at,
        claimed_by=entry.claimed_by,
        server_status_at=entry.server_status_at,
        next_status_at=entry.next_status_at,
        delivery_ref=entry.delivery_ref,
        purged_at=entry.purged_at,
        delivery_method=delivery_method,
        delivery_error=entry.delivery_error,
    )
