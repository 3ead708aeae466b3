"""The outbox: dossiers waiting for (or done with) their trip to the portal, encrypted at rest.

A dossier enters in one transaction (sealed payload + outbox entry + audit event), so after a crash it is
either fully queued or not there at all. Status changes are conditional updates (`... WHERE status = ...`),
so two workers, or a worker and a clerk pressing "retry", cannot both win. Callers get `OutboxItem`
snapshots, never live ORM rows.

Files (scanned documents) go to the encrypted file store first (written, fsynced, named by SHA-256), then
the same transaction adds one `dossier_file` row per file. A crash in between leaves files no row
references; `clean_orphans()` (run at start) removes them. Recovering entries left in "sending" by a crash
comes later.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.logs import contains_personal_data, redact
from kiosk.store import audit
from kiosk.store.crypto import SealedBlob, Sealer
from kiosk.store.files import EncryptedFileStore, StoredFile, sha256_hex
from kiosk.store.models import (
    CONTENT_TYPE_LEN,
    FILENAME_LEN,
    ID_LEN,
    ClientStatus,
    Dossier,
    DossierFile,
    Kiosk,
    OutboxEntry,
    utc_now,
)

# Idempotency keys and procedure codes go to clear columns: short, plain tokens only.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_MAX_ERROR_CHARS = 500
_FIRST_RETRY = timedelta(seconds=30)
_MAX_RETRY = timedelta(hours=1)


class OutboxError(Exception):
    """Base class of the outbox's errors."""


class UnknownDossierError(OutboxError, LookupError):
    pass


class InvalidTransitionError(OutboxError):
    """The entry is not in a state that allows this change (e.g. marking a queued entry "sent")."""


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
class _SealedFile:
    position: int
    file: OutboxFile
    stored: StoredFile
    metadata: SealedBlob


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


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after `attempts` failures: 30 s, 1 min, 2 min, ... capped at one hour."""
    return min(_FIRST_RETRY * 2 ** max(attempts - 1, 0), _MAX_RETRY)


class Outbox:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        sealer: Sealer,
        kiosk_id: str,
        *,
        clock: Callable[[], datetime] = utc_now,
        files: EncryptedFileStore | None = None,
    ) -> None:
        self._sessions = session_factory
        self._sealer = sealer
        self.kiosk_id = kiosk_id
        self._now = clock
        self.files = files

    # --- writing a dossier ----------------------------------------------------------------------------

    def enqueue(
        self,
        idempotency_key: str,
        procedure_code: str,
        payload: dict[str, Any],
        assisted_by: str | None = None,
        files: Sequence[OutboxFile] = (),
    ) -> str:
        """Queue a dossier (with its `files`) for sending and return its id.

        The files are written to the file store first (encrypted, fsynced); then one transaction adds the
        dossier, a row per file, the outbox entry and the audit event. Enqueueing the same idempotency key
        again (a double tap on "submit", a retry after a crash) returns the existing dossier's id and
        changes nothing.
        """
        _check_token("idempotency_key", idempotency_key)
        _check_token("procedure_code", procedure_code)
        if assisted_by is not None:
            _check_token("assisted_by", assisted_by)
        files = tuple(files)
        for file in files:
            _check_file(file)
        if files and self.files is None:
            raise ValueError("this outbox has no file store; dossiers with files need one")
        existing = self._dossier_id_for(idempotency_key)
        if existing is not None:
            return existing

        # Serialise before touching the database or the disk, so a bad payload fails without side effects.
        plaintext = _json(payload)
        metadata = [_json(file.metadata) for file in files]
        dossier_id = str(uuid.uuid4())
        blob = self._sealer.seal(plaintext, _aad(dossier_id))
        now = self._now()
        # Shared lock from the first file written until the rows referencing them commit: an orphan sweep
        # in another process waits instead of deleting them in between.
        with self.files.writing() if self.files is not None and files else nullcontext():
            sealed_files = []
            for position, (file, meta) in enumerate(zip(files, metadata, strict=True)):
                assert self.files is not None
                stored = self.files.put(file.content)
                sealed_meta = self._sealer.seal(meta, _file_aad(dossier_id, position, stored.sha256))
                sealed_files.append(_SealedFile(position, file, stored, sealed_meta))
            return self._commit(dossier_id, idempotency_key, procedure_code, assisted_by, blob, now,
                                sealed_files)

    def _commit(
        self,
        dossier_id: str,
        idempotency_key: str,
        procedure_code: str,
        assisted_by: str | None,
        blob: SealedBlob,
        now: datetime,
        files: list[_SealedFile],
    ) -> str:
        for attempt in (1, 2):
            try:
                with self._sessions.begin() as session:
                    self._insert(session, dossier_id, idempotency_key, procedure_code, assisted_by, blob, now)
                    self._insert_files(session, dossier_id, files)
                return dossier_id
            except IntegrityError:
                # Another process queued the same key between our check and our insert: theirs stands.
                existing = self._dossier_id_for(idempotency_key)
                if existing is not None:
                    return existing
                # Or it registered this kiosk at the same moment (PostgreSQL only; SQLite serialises
                # writers): the second try finds the kiosk row.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _insert(
        self,
        session: Session,
        dossier_id: str,
        idempotency_key: str,
        procedure_code: str,
        assisted_by: str | None,
        blob: SealedBlob,
        now: datetime,
    ) -> None:
        self._ensure_kiosk(session, now)
        session.add(
            Dossier(
                id=dossier_id,
                idempotency_key=idempotency_key,
                kiosk_id=self.kiosk_id,
                procedure_code=procedure_code,
                created_at=now,
                assisted_by=assisted_by,
                payload_ciphertext=blob.ciphertext,
                payload_nonce=blob.nonce,
                key_id=blob.key_id,
            )
        )
        session.add(
            OutboxEntry(
                dossier_id=dossier_id,
                client_status=ClientStatus.QUEUED.value,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
                updated_at=now,
            )
        )
        audit.record(
            session,
            "dossier.queued",
            self.kiosk_id,
            dossier_id,
            procedure_code=procedure_code,
            assisted=assisted_by is not None,
        )

    def _insert_files(self, session: Session, dossier_id: str, files: list[_SealedFile]) -> None:
        # The dossier row first: SQLAlchemy's unit of work orders inserts by mapper dependencies, and
        # DossierFile has no relationship to Dossier for it to follow.
        session.flush()
        for item in files:
            session.add(
                DossierFile(
                    dossier_id=dossier_id,
                    position=item.position,
                    type_code=item.file.type_code,
                    filename=item.file.filename,
                    content_type=item.file.content_type,
                    sha256=item.stored.sha256,
                    size=item.stored.size,
                    metadata_ciphertext=item.metadata.ciphertext,
                    metadata_nonce=item.metadata.nonce,
                    key_id=item.metadata.key_id,
                )
            )

    def load_files(self, dossier_id: str) -> list[OutboxFile]:
        """The dossier's files in order, decrypted and checked against their hashes.

        Raises UnknownDossierError, the file store's errors (MissingFileError, DamagedFileError) or the
        crypto errors.
        """
        with self._sessions() as session:
            if session.get(Dossier, dossier_id) is None:
                raise UnknownDossierError(f"no dossier {dossier_id!r}")
            query = select(DossierFile).where(DossierFile.dossier_id == dossier_id)
            rows = list(session.scalars(query.order_by(DossierFile.position)))
        if rows and self.files is None:
            raise OutboxError(f"dossier {dossier_id!r} has files but this outbox has no file store")
        result = []
        for row in rows:
            assert self.files is not None
            content = self.files.get(row.sha256)
            if len(content) != row.size:
                raise OutboxError(f"file {row.sha256} of dossier {dossier_id!r} has the wrong size")
            meta = SealedBlob(row.key_id, row.metadata_nonce, row.metadata_ciphertext)
            metadata = json.loads(self._sealer.open(meta, _file_aad(dossier_id, row.position, row.sha256)))
            result.append(OutboxFile(row.type_code, row.filename, row.content_type, content, metadata))
        return result

    def clean_orphans(self) -> int:
        """Remove stored files no dossier references and temp files of interrupted writes (run at start).
        Returns how many files were removed."""
        if self.files is None:
            return 0
        with self.files.exclusive():
            with self._sessions() as session:
                referenced = set(session.scalars(select(DossierFile.sha256).distinct()))
            return self.files.remove_orphans(referenced)

    def load_payload(self, dossier_id: str) -> dict[str, Any]:
        """The dossier's answers and applicant, decrypted. Raises the crypto errors if it cannot be opened."""
        with self._sessions() as session:
            dossier = session.get(Dossier, dossier_id)
            if dossier is None:
                raise UnknownDossierError(f"no dossier {dossier_id!r}")
            blob = SealedBlob(dossier.key_id, dossier.payload_nonce, dossier.payload_ciphertext)
        payload: dict[str, Any] = json.loads(self._sealer.open(blob, _aad(dossier_id)))
        return payload

    # --- the sending life cycle -----------------------------------------------------------------------

    def next_to_send(self) -> OutboxItem | None:
        """The queued entry that has waited longest and is due now, if any."""
        with self._sessions() as session:
            row = session.execute(
                _item_query()
                .where(OutboxEntry.client_status == ClientStatus.QUEUED.value)
                .where(OutboxEntry.next_attempt_at <= self._now())
                .order_by(OutboxEntry.next_attempt_at, OutboxEntry.id)
                .limit(1)
            ).first()
            return _item(row) if row is not None else None

    def mark_sending(self, entry_id: int) -> None:
        """Claim a queued entry for sending. Raises InvalidTransitionError if someone else claimed it."""
        with self._sessions.begin() as session:
            self._transition(session, entry_id, ClientStatus.QUEUED, client_status=ClientStatus.SENDING.value)

    def mark_sent(self, entry_id: int, dossier_code: str | None, duplicate: bool = False) -> None:
        """The portal accepted the dossier (`duplicate`: it already had it, which counts as success).

        The portal's answer is recorded as given: refusing it here would strand a dossier that was sent.
        """
        if dossier_code is not None and not 0 < len(dossier_code) <= ID_LEN:
            raise ValueError(f"dossier_code must be 1-{ID_LEN} characters")
        status = ClientStatus.DUPLICATE if duplicate else ClientStatus.SENT
        now = self._now()
        with self._sessions.begin() as session:
            dossier_id = self._transition(
                session,
                entry_id,
                ClientStatus.SENDING,
                client_status=status.value,
                sent_at=now,
                last_error=None,
            )
            if dossier_code is not None:
                session.execute(
                    update(Dossier).where(Dossier.id == dossier_id).values(dossier_code=dossier_code)
                )
            # Redacted for the audit trail only, in case some portal's codes look like an ID number.
            code = redact(dossier_code) if dossier_code is not None else None
            audit.record(session, f"dossier.{status.value}", self.kiosk_id, dossier_id, dossier_code=code)

    def mark_failed(self, entry_id: int, error: str, permanent: bool) -> None:
        """A send attempt failed: queue it again after a back-off, or (`permanent`) give up for staff.

        `error` is stored for staff to read; personal data in it is redacted first (portal error messages
        may echo what was sent).
        """
        message = redact(error)[:_MAX_ERROR_CHARS]
        now = self._now()
        with self._sessions.begin() as session:
            attempts = session.scalar(select(OutboxEntry.attempts).where(OutboxEntry.id == entry_id))
            attempts = (attempts or 0) + 1
            values: dict[str, Any] = {"attempts": attempts, "last_error": message}
            if permanent:
                values["client_status"] = ClientStatus.FAILED.value
            else:
                values["client_status"] = ClientStatus.QUEUED.value
                values["next_attempt_at"] = now + retry_delay(attempts)
            dossier_id = self._transition(session, entry_id, ClientStatus.SENDING, **values)
            audit.record(
                session,
                "dossier.send_failed",
                self.kiosk_id,
                dossier_id,
                attempts=attempts,
                permanent=permanent,
            )

    # --- reading --------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many entries are in each status; every status is present, zero or not."""
        counts = dict.fromkeys((s.value for s in ClientStatus), 0)
        with self._sessions() as session:
            rows = session.execute(
                select(OutboxEntry.client_status, func.count()).group_by(OutboxEntry.client_status)
            )
            for status, count in rows:
                counts[status] = count
        return counts

    def entries(self, status: ClientStatus | None = None, limit: int = 100) -> list[OutboxItem]:
        """Entries, newest first (for the clerk's queue screen and `kiosk outbox list`)."""
        query = _item_query().order_by(OutboxEntry.created_at.desc(), OutboxEntry.id.desc()).limit(limit)
        if status is not None:
            query = query.where(OutboxEntry.client_status == ClientStatus(status).value)
        with self._sessions() as session:
            return [_item(row) for row in session.execute(query)]

    def get(self, entry_id: int) -> OutboxItem:
        with self._sessions() as session:
            row = session.execute(_item_query().where(OutboxEntry.id == entry_id)).first()
            if row is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            return _item(row)

    def for_dossier(self, dossier_id: str) -> OutboxItem:
        """The entry of one dossier (the kiosk sends a citizen's own dossier right after queueing it)."""
        with self._sessions() as session:
            row = session.execute(_item_query().where(OutboxEntry.dossier_id == dossier_id)).first()
            if row is None:
                raise UnknownDossierError(f"no outbox entry for dossier {dossier_id!r}")
            return _item(row)

    # --- internals ------------------------------------------------------------------------------------

    def _dossier_id_for(self, idempotency_key: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(Dossier.id).where(Dossier.idempotency_key == idempotency_key))

    def _ensure_kiosk(self, session: Session, now: datetime) -> None:
        # Dossiers reference their kiosk; the first dossier registers it (named by its id until an
        # operator names it).
        if session.get(Kiosk, self.kiosk_id) is None:
            session.add(Kiosk(id=self.kiosk_id, name=self.kiosk_id, created_at=now))
            session.flush()

    def _transition(self, session: Session, entry_id: int, expected: ClientStatus, **values: Any) -> str:
        """Move entry `entry_id` out of status `expected`; returns its dossier id."""
        result = session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.client_status == expected.value)
            .values(updated_at=self._now(), **values)
            .returning(OutboxEntry.dossier_id)
        )
        dossier_id = result.scalar_one_or_none()
        if dossier_id is None:
            actual = session.scalar(select(OutboxEntry.client_status).where(OutboxEntry.id == entry_id))
            if actual is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            raise InvalidTransitionError(f"outbox entry {entry_id} is {actual!r}, not {expected.value!r}")
        return dossier_id


def _aad(dossier_id: str) -> bytes:
    # Binds the ciphertext to its row: a payload copied into another dossier's row does not open.
    return f"kiosk.dossier:{dossier_id}".encode()


def _file_aad(dossier_id: str, position: int, sha256: str) -> bytes:
    return f"kiosk.dossier_file:{dossier_id}:{position}:{sha256}".encode()


def _json(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _check_file(file: OutboxFile) -> None:
    _check_token("type_code", file.type_code)
    if not isinstance(file.content, bytes):
        raise TypeError("file content must be bytes")
    for name, value, limit in (
        ("filename", file.filename, FILENAME_LEN),
        ("content_type", file.content_type, CONTENT_TYPE_LEN),
    ):
        if not (isinstance(value, str) and 0 < len(value) <= limit):
            raise ValueError(f"{name} must be 1-{limit} characters")
        if contains_personal_data(value):
            raise ValueError(f"{name} looks like personal data; it is stored unencrypted")


def _check_token(name: str, value: str) -> None:
    if not (isinstance(value, str) and len(value) <= ID_LEN and _TOKEN.fullmatch(value)):
        raise ValueError(f"{name} must be 1-{ID_LEN} letters, digits, '.', '_', ':' or '-'")
    if contains_personal_data(value):
        raise ValueError(f"{name} looks like personal data; it is stored unencrypted")


def _item_query() -> Select[OutboxEntry, str, str, str, str | None, str | None]:
    # Only the dossier's clear columns: listing the queue never loads (or could leak) a ciphertext.
    return select(
        OutboxEntry,
        Dossier.idempotency_key,
        Dossier.procedure_code,
        Dossier.kiosk_id,
        Dossier.assisted_by,
        Dossier.dossier_code,
    ).join(Dossier, Dossier.id == OutboxEntry.dossier_id)


def _item(row: Row[OutboxEntry, str, str, str, str | None, str | None]) -> OutboxItem:
    entry, idempotency_key, procedure_code, kiosk_id, assisted_by, dossier_code = row
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
    )
