"""The outbox: dossiers waiting for (or done with) their trip to the portal, encrypted at rest.

A dossier enters in one transaction (sealed payload + outbox entry + audit event), so after a crash it is
either fully queued or not there at all. Status changes are conditional updates (`... WHERE status = ...`),
so two workers, or a worker and a clerk pressing "retry", cannot both win. Callers get `OutboxItem`
snapshots, never live ORM rows.

Files (scanned documents) go to the encrypted file store first (written, fsynced, named by SHA-256), then
the same transaction adds one `dossier_file` row per file. A crash in between leaves files no row
references; `clean_orphans()` (run at start, see `kiosk.app.open_outbox`) removes them.

A sender claims an entry ("sending") with its owner (`<host>:<pid>`) and a lease. A sender that crashes
leaves its claim behind; `recover_stale()` puts such entries back in the queue once the owner's process is
gone (same host) or the lease ran out (another station sharing the database). Sending it again is safe:
the portal de-duplicates by the idempotency key.

Several stations may share one database (PostgreSQL in a one-stop centre). Each station's data key and file
store are its own, so a station sends, pulls the status of, purges and reseals only the dossiers it took in
(`Dossier.kiosk_id`); listing (`entries`, `counts`, `get`) and `recover_stale` see the whole database. Two
senders of one station never take the same entry: `claim_next` locks the row it claims (`FOR UPDATE SKIP
LOCKED` on PostgreSQL, the write lock of `BEGIN IMMEDIATE` on SQLite) and `mark_sending` is conditional.

This module is the queue. Its neighbours are the other rooms of the outbox, reached through `Outbox` (the
facade callers use): admission limits (`admission.py`: refuse new dossiers while the queue cannot keep its
promise), retention (`purge.py`: personal data removed after the retention period), key re-sealing
(`reseal.py`), and the records all of them share (`outbox_records.py`: items, documents, errors).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import random
import re
import socket
import uuid
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.logs import contains_personal_data, redact
from kiosk.store import audit
from kiosk.store.admission import AdmissionRefusal, QueueLimits, check_admission
from kiosk.store.crypto import CryptoError, SealedBlob, Sealer
from kiosk.store.files import EncryptedFileStore, FileStoreError, StoredFile
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
from kiosk.store.outbox_records import (
    POSTAL_METHODS,
    InvalidTransitionError,
    OutboxError,
    OutboxFile,
    OutboxItem,
    PurgedError,
    StorageError,
    StorageFullError,
    UnknownDossierError,
    file_aad,
    item_from_row,
    item_query,
    payload_aad,
)
from kiosk.store.purge import PurgeReport, RetentionPeriods, purge_dossiers
from kiosk.store.reseal import ResealReport, reseal_all

# The public names callers import from here (the outbox is the facade of its rooms).
__all__ = [
    "POSTAL_METHODS", "AdmissionRefusal", "InvalidTransitionError", "Outbox", "OutboxError", "OutboxFile",
    "OutboxItem", "PurgeReport", "PurgedError", "QueueLimits", "ResealReport", "RetentionPeriods",
    "StorageError", "StorageFullError", "UnknownDossierError", "retry_delay", "this_sender",
]

log = logging.getLogger(__name__)

# Idempotency keys and procedure codes go to clear columns: short, plain tokens only.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_MAX_ERROR_CHARS = 500
_FIRST_RETRY = timedelta(seconds=30)
_MAX_RETRY = timedelta(hours=1)


_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


@dataclass(frozen=True)
class _SealedFile:
    position: int
    file: OutboxFile
    stored: StoredFile
    metadata: SealedBlob


def retry_delay(
    attempts: int,
    first: timedelta = _FIRST_RETRY,
    maximum: timedelta = _MAX_RETRY,
    jitter: float = 0.0,
    rng: random.Random | None = None,
) -> timedelta:
    """Exponential back-off after `attempts` failures: 30 s, 1 min, 2 min, ... capped at one hour; with
    `jitter` (0..1) up to that fraction longer, at random, so kiosks that failed together do not retry
    together."""
    base = min(first * 2 ** min(max(attempts - 1, 0), 32), maximum)
    if jitter <= 0:
        return base
    return base * (1 + jitter * (rng or random).random())


def this_sender() -> str:
    """`<host>:<pid>`: who claims an entry, so a claim left by a dead process can be taken back."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def _owner_is_gone(claimed_by: str | None) -> bool:
    """True when the claim was made on this host by a process that no longer exists."""
    if not claimed_by:
        return True
    host, _, pid_text = claimed_by.rpartition(":")
    if host != socket.gethostname()[:40] or not pid_text.isdigit():
        return False  # another station's claim: only its lease can end it
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False


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

    @property
    def session_factory(self) -> sessionmaker[Session]:
        """For the other small stores that share the kiosk's database (feedback, reports)."""
        return self._sessions

    # --- writing a dossier ----------------------------------------------------------------------------

    def enqueue(
        self,
        idempotency_key: str,
        procedure_code: str,
        payload: dict[str, Any],
        assisted_by: str | None = None,
        files: Sequence[OutboxFile] = (),
        delivery_method: str | None = None,
    ) -> str:
        """Queue a dossier (with its `files`) for sending and return its id.

        The files are written to the file store first (encrypted, fsynced); then one transaction adds the
        dossier, a row per file, the outbox entry and the audit event. Enqueueing the same idempotency key
        again (a double tap on "submit", a retry after a crash) returns the existing dossier's id and
        changes nothing.

        Raises StorageFullError when the disk is full and StorageError when the database cannot be
        written; either way nothing of this dossier is kept and what was queued before is untouched.
        """
        try:
            return self._enqueue(
                idempotency_key, procedure_code, payload, assisted_by, files, delivery_method
            )
        except OSError as error:
            if error.errno in _FULL_ERRNOS:
                raise StorageFullError(f"cannot store the dossier: disk full ({error.strerror})") from error
            raise StorageError(f"cannot store the dossier: {error.strerror or error}") from error
        except OperationalError as error:
            text = str(error.orig) if error.orig is not None else str(error)
            if "full" in text.lower():
                raise StorageFullError(f"cannot store the dossier: database full ({text})") from error
            raise StorageError(f"cannot store the dossier: database error ({text})") from error

    def _enqueue(
        self,
        idempotency_key: str,
        procedure_code: str,
        payload: dict[str, Any],
        assisted_by: str | None,
        files: Sequence[OutboxFile],
        delivery_method: str | None,
    ) -> str:
        _check_token("idempotency_key", idempotency_key)
        _check_token("procedure_code", procedure_code)
        if assisted_by is not None:
            _check_token("assisted_by", assisted_by)
        if delivery_method is not None:
            _check_token("delivery_method", delivery_method)
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
        blob = self._sealer.seal(plaintext, payload_aad(dossier_id))
        now = self._now()
        # Shared lock from the first file written until the rows referencing them commit: an orphan sweep
        # in another process waits instead of deleting them in between.
        with self.files.writing() if self.files is not None and files else nullcontext():
            sealed_files = []
            for position, (file, meta) in enumerate(zip(files, metadata, strict=True)):
                assert self.files is not None
                stored = self.files.put(file.content)
                sealed_meta = self._sealer.seal(meta, file_aad(dossier_id, position, stored.sha256))
                sealed_files.append(_SealedFile(position, file, stored, sealed_meta))
            return self._commit(dossier_id, idempotency_key, procedure_code, assisted_by, blob, now,
                                sealed_files, delivery_method)

    def _commit(
        self,
        dossier_id: str,
        idempotency_key: str,
        procedure_code: str,
        assisted_by: str | None,
        blob: SealedBlob,
        now: datetime,
        files: list[_SealedFile],
        delivery_method: str | None = None,
    ) -> str:
        for attempt in (1, 2):
            try:
                with self._sessions.begin() as session:
                    self._insert(session, dossier_id, idempotency_key, procedure_code, assisted_by, blob, now,
                                 delivery_method)
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
        delivery_method: str | None = None,
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
                delivery_method=delivery_method,
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
        self._audit(
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
            metadata = json.loads(self._sealer.open(meta, file_aad(dossier_id, row.position, row.sha256)))
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
            if not dossier.payload_ciphertext:
                raise PurgedError(f"dossier {dossier_id!r} was purged after its retention period")
            blob = SealedBlob(dossier.key_id, dossier.payload_nonce, dossier.payload_ciphertext)
        payload: dict[str, Any] = json.loads(self._sealer.open(blob, payload_aad(dossier_id)))
        return payload

    # --- the sending life cycle -----------------------------------------------------------------------

    def next_to_send(self) -> OutboxItem | None:
        """This kiosk's oldest queued entry that is due now, if any (dossiers go out in the order they came
        in). Only a look: `mark_sending` (or `claim_next`, which does both) claims it."""
        with self._sessions() as session:
            row = session.execute(
                item_query()
                .where(OutboxEntry.client_status == ClientStatus.QUEUED.value)
                .where(OutboxEntry.next_attempt_at <= self._now())
                .where(self._mine())
                .order_by(OutboxEntry.id)
                .limit(1)
            ).first()
            return item_from_row(row) if row is not None else None

    def claim_next(
        self, *, owner: str | None = None, lease: timedelta = timedelta(minutes=10)
    ) -> OutboxItem | None:
        """Claim ("sending") this kiosk's oldest due entry and return it, or None when nothing is due.

        One transaction: the row is locked as it is chosen, so concurrent senders on a shared PostgreSQL
        database each get a different entry (`FOR UPDATE SKIP LOCKED`: a row another sender is claiming
        is passed over, not waited for); on SQLite the transaction holds the database's write lock.
        """
        now = self._now()
        with self._sessions.begin() as session:
            entry_id = session.scalar(
                select(OutboxEntry.id)
                .join(Dossier, Dossier.id == OutboxEntry.dossier_id)
                .where(OutboxEntry.client_status == ClientStatus.QUEUED.value)
                .where(OutboxEntry.next_attempt_at <= now)
                .where(self._mine())
                .order_by(OutboxEntry.id)
                .limit(1)
                .with_for_update(of=OutboxEntry, skip_locked=True)
            )
            if entry_id is None:
                return None
            self._transition(
                session,
                entry_id,
                ClientStatus.QUEUED,
                client_status=ClientStatus.SENDING.value,
                claimed_by=owner or this_sender(),
                lease_until=now + lease,
            )
            return item_from_row(session.execute(item_query().where(OutboxEntry.id == entry_id)).one())

    def next_due_at(self) -> datetime | None:
        """When this kiosk's next queued entry becomes due (so an idle worker knows how long it may sleep)."""
        with self._sessions() as session:
            return session.scalar(
                select(func.min(OutboxEntry.next_attempt_at))
                .join(Dossier, Dossier.id == OutboxEntry.dossier_id)
                .where(OutboxEntry.client_status == ClientStatus.QUEUED.value)
                .where(self._mine())
            )

    def mark_sending(
        self, entry_id: int, *, owner: str | None = None, lease: timedelta = timedelta(minutes=10)
    ) -> None:
        """Claim a queued entry for sending. Raises InvalidTransitionError if someone else claimed it."""
        with self._sessions.begin() as session:
            self._transition(
                session,
                entry_id,
                ClientStatus.QUEUED,
                client_status=ClientStatus.SENDING.value,
                claimed_by=owner or this_sender(),
                lease_until=self._now() + lease,
            )

    def recover_stale(self) -> list[int]:
        """Put back in the queue the entries a crashed sender left in "sending": its process is gone (same
        host) or its lease ran out. Returns their ids. Safe to run any time, from any process."""
        now = self._now()
        with self._sessions() as session:
            rows = session.execute(
                select(OutboxEntry.id, OutboxEntry.claimed_by, OutboxEntry.lease_until).where(
                    OutboxEntry.client_status == ClientStatus.SENDING.value
                )
            ).all()
        stale = [
            entry_id
            for entry_id, owner, lease_until in rows
            if lease_until is None or lease_until <= now or _owner_is_gone(owner)
        ]
        recovered = []
        for entry_id in stale:
            with self._sessions.begin() as session:
                try:
                    dossier_id = self._transition(
                        session, entry_id, ClientStatus.SENDING,
                        client_status=ClientStatus.QUEUED.value, next_attempt_at=now,
                        claimed_by=None, lease_until=None,
                        last_error="interrupted while sending (sender stopped); sending again",
                    )
                except InvalidTransitionError:
                    continue  # finished by its sender after all
                self._audit(session, "dossier.send_interrupted", self.kiosk_id, dossier_id)
            recovered.append(entry_id)
        if recovered:
            log.warning("outbox: %d entries left in sending by a stopped sender are queued again",
                        len(recovered))
        return recovered

    def mark_sent(
        self,
        entry_id: int,
        dossier_code: str | None,
        duplicate: bool = False,
        first_status_pull: timedelta = timedelta(0),
    ) -> None:
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
                claimed_by=None,
                lease_until=None,
                next_status_at=now + first_status_pull if dossier_code is not None else None,
            )
            if dossier_code is not None:
                session.execute(
                    update(Dossier).where(Dossier.id == dossier_id).values(dossier_code=dossier_code)
                )
            # Redacted for the audit trail only, in case some portal's codes look like an ID number.
            code = redact(dossier_code) if dossier_code is not None else None
            self._audit(session, f"dossier.{status.value}", self.kiosk_id, dossier_id, dossier_code=code)

    def mark_failed(
        self, entry_id: int, error: str, permanent: bool, delay: timedelta | None = None
    ) -> None:
        """A send attempt failed: queue it again after a back-off (`delay`, default `retry_delay`), or
        (`permanent`) give up for staff.

        `error` is stored for staff to read; personal data in it is redacted first (portal error messages
        may echo what was sent).
        """
        message = redact(error)[:_MAX_ERROR_CHARS]
        now = self._now()
        with self._sessions.begin() as session:
            attempts = session.scalar(select(OutboxEntry.attempts).where(OutboxEntry.id == entry_id))
            attempts = (attempts or 0) + 1
            values: dict[str, Any] = {
                "attempts": attempts, "last_error": message, "claimed_by": None, "lease_until": None
            }
            if permanent:
                values["client_status"] = ClientStatus.FAILED.value
            else:
                values["client_status"] = ClientStatus.QUEUED.value
                values["next_attempt_at"] = now + (delay if delay is not None else retry_delay(attempts))
            dossier_id = self._transition(session, entry_id, ClientStatus.SENDING, **values)
            self._audit(
                session,
                "dossier.send_failed",
                self.kiosk_id,
                dossier_id,
                attempts=attempts,
                permanent=permanent,
            )

    def retry(self, entry_id: int) -> OutboxItem:
        """Staff asked to send a failed (or waiting) entry again now. Attempts are kept for the record."""
        with self._sessions.begin() as session:
            status = session.scalar(select(OutboxEntry.client_status).where(OutboxEntry.id == entry_id))
            if status is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            if status not in (ClientStatus.FAILED.value, ClientStatus.QUEUED.value):
                raise InvalidTransitionError(f"outbox entry {entry_id} is {status!r}: nothing to retry")
            dossier_id = self._transition(
                session, entry_id, ClientStatus(status),
                client_status=ClientStatus.QUEUED.value, next_attempt_at=self._now(),
            )
            self._audit(session, "dossier.retry_requested", self.kiosk_id, dossier_id, previous=status)
        return self.get(entry_id)

    # --- after sending: the portal's status, delivery -------------------------------------------------

    def due_status_pulls(self, limit: int = 50, *, ahead_of_schedule: bool = False) -> list[OutboxItem]:
        """Accepted dossiers whose portal status should be pulled now, oldest pull first
        (`ahead_of_schedule`: every dossier whose pulls are not over, due or not: a manual round)."""
        now = self._now()
        horizon = datetime.max.replace(tzinfo=now.tzinfo) if ahead_of_schedule else now
        with self._sessions() as session:
            rows = session.execute(
                item_query()
                .where(OutboxEntry.client_status.in_((ClientStatus.SENT.value, ClientStatus.DUPLICATE.value)))
                .where(Dossier.dossier_code.is_not(None))
                .where(OutboxEntry.next_status_at.is_not(None), OutboxEntry.next_status_at <= horizon)
                .where(self._mine())
                .order_by(OutboxEntry.next_status_at, OutboxEntry.id)
                .limit(limit)
            )
            return [item_from_row(row) for row in rows]

    def record_server_status(self, entry_id: int, status: str, next_pull_in: timedelta | None) -> None:
        """Store the portal's status word for an accepted dossier; `next_pull_in` None stops the pulls
        (a final status)."""
        if not 0 < len(status) <= ID_LEN:
            raise ValueError(f"server status must be 1-{ID_LEN} characters")
        now = self._now()
        with self._sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            if entry is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            changed = entry.server_status != status
            entry.server_status = status
            entry.server_status_at = now
            entry.next_status_at = None if next_pull_in is None else now + next_pull_in
            entry.updated_at = now
            if changed:
                self._audit(session, "dossier.server_status", self.kiosk_id, entry.dossier_id,
                             server_status=redact(status))

    def record_delivery(self, entry_id: int, reference: str) -> None:
        """A delivery order (result by post) was placed for this dossier."""
        _check_token("delivery reference", reference)
        with self._sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            if entry is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            entry.delivery_ref = reference
            entry.delivery_error = None
            entry.updated_at = self._now()
            self._audit(session, "dossier.delivery_ordered", self.kiosk_id, entry.dossier_id)

    def record_delivery_failed(self, entry_id: int, reason: str) -> None:
        """The delivery order was refused for good: staff see `reason`; the dossier is no longer kept for
        it (purge treats it like any sent dossier)."""
        with self._sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            if entry is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            entry.delivery_error = redact(reason)[:500] or "refused"
            entry.updated_at = self._now()
            self._audit(session, "dossier.delivery_failed", self.kiosk_id, entry.dossier_id)

    # --- the other rooms, through the queue (see admission.py, purge.py, reseal.py) --------------------

    def admission(
        self, limits: QueueLimits, catalogue_fetched_at: datetime | None = None
    ) -> AdmissionRefusal | None:
        """None when a new dossier may be started; otherwise why not (kiosk.store.admission)."""
        return check_admission(self._sessions, self.kiosk_id, self._now(), limits, catalogue_fetched_at)

    def purge(self, periods: RetentionPeriods, *, dry_run: bool = False) -> PurgeReport:
        """Remove the personal data and files of this kiosk's dossiers past retention (kiosk.store.purge)."""
        return purge_dossiers(self._sessions, self.kiosk_id, self._now(), periods,
                              clean_orphans=self.clean_orphans, dry_run=dry_run)

    def rotate_key(self) -> tuple[str, ResealReport]:
        """Make a new data key and reseal everything with it; returns the old key's id and the report."""
        old = self._sealer.current_key_id()
        self._sealer.rotate()
        return old, self.reseal()

    def reseal(self) -> ResealReport:
        """Re-encrypt everything of this kiosk with the current data key (kiosk.store.reseal)."""
        return reseal_all(self._sessions, self._sealer, self.kiosk_id, self._now(), self.files)

    def unreadable(self, limit: int = 1000) -> list[tuple[int, str]]:
        """(entry id, reason) for unsent dossiers whose data does not open (a missing or wrong key, a
        damaged file): for `kiosk outbox status` and the start-up check."""
        problems = []
        for item in self.entries(limit=limit):
            if item.kiosk_id != self.kiosk_id:
                continue  # another station's dossier: sealed with its key, its files in its store
            if item.client_status in (ClientStatus.SENT, ClientStatus.DUPLICATE) or item.purged_at:
                continue
            try:
                self.load_payload(item.dossier_id)
                self.load_files(item.dossier_id)
            except (CryptoError, FileStoreError, OutboxError) as error:
                problems.append((item.id, f"{type(error).__name__}: {error}"))
        return problems

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
        query = item_query().order_by(OutboxEntry.created_at.desc(), OutboxEntry.id.desc()).limit(limit)
        if status is not None:
            query = query.where(OutboxEntry.client_status == ClientStatus(status).value)
        with self._sessions() as session:
            return [item_from_row(row) for row in session.execute(query)]

    def get(self, entry_id: int) -> OutboxItem:
        with self._sessions() as session:
            row = session.execute(item_query().where(OutboxEntry.id == entry_id)).first()
            if row is None:
                raise UnknownDossierError(f"no outbox entry {entry_id}")
            return item_from_row(row)

    def find_by_receipt_reference(self, reference: str) -> OutboxItem | None:
        """This kiosk's dossier whose receipt shows `reference` (the first 8 hex digits of its idempotency
        key, printed on the receipt of a dossier queued while offline); None when there is none."""
        ref = reference.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{8}", ref):
            return None
        with self._sessions() as session:
            rows = session.execute(
                item_query().where(Dossier.idempotency_key.like(f"{ref}-%")).where(self._mine())
                .order_by(OutboxEntry.id.desc()).limit(1)
            ).all()
        return item_from_row(rows[0]) if rows else None

    def for_dossier(self, dossier_id: str) -> OutboxItem:
        """The entry of one dossier (the kiosk sends a citizen's own dossier right after queueing it)."""
        with self._sessions() as session:
            row = session.execute(item_query().where(OutboxEntry.dossier_id == dossier_id)).first()
            if row is None:
                raise UnknownDossierError(f"no outbox entry for dossier {dossier_id!r}")
            return item_from_row(row)

    # --- internals ------------------------------------------------------------------------------------

    def _audit(self, session: Session, kind: str, kiosk_id: str, dossier_id: str | None = None,
               **detail: audit.DetailValue) -> None:
        # Stamped with the outbox's clock, so retention of the audit trail follows the same time.
        audit.record(session, kind, kiosk_id, dossier_id, at=self._now(), **detail)

    def _mine(self) -> ColumnElement[bool]:
        """Dossiers this kiosk took in (callers join `Dossier`)."""
        return Dossier.kiosk_id == self.kiosk_id

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


