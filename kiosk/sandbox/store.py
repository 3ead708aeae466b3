"""Persistent state of the sandbox portal: dossiers, their files and their status history.

SQLite (stdlib) in ``<data_dir>/sandbox.sqlite3`` plus uploaded files under ``<data_dir>/files/`` named by
SHA-256, written and fsynced before the row that references them. One connection guarded by a lock:
uvicorn runs handlers in a thread pool, and the lock makes "check the idempotency key, take the next
sequence number, insert" one atomic step. With ``data_dir=None`` everything lives in a temporary
directory that `close()` removes (tests, demos).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from kiosk.domain.codes import format_dossier_code

SCHEMA_VERSION = 2  # 2: accounts, payments, results, deliveries, pickups (tables added in place)
_CHUNK = 1 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    id INTEGER PRIMARY KEY,
    dossier_code TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    assisted_by TEXT,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL,
    manifest_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dossier_files (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    position INTEGER NOT NULL,
    type_code TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    metadata_json TEXT NOT NULL,
    PRIMARY KEY (dossier_id, position)
);
CREATE TABLE IF NOT EXISTS status_history (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT
);
CREATE TABLE IF NOT EXISTS daily_sequence (
    unit_code TEXT NOT NULL,
    day TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (unit_code, day)
);
CREATE TABLE IF NOT EXISTS kiosks (
    kiosk_id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kiosk_tokens (
    token_hash TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    account_id TEXT PRIMARY KEY,
    id_number TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    date_of_birth TEXT,
    phone TEXT,
    email TEXT,
    level TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS account_identity (
    account_id TEXT PRIMARY KEY REFERENCES accounts(account_id),
    applicant_type TEXT NOT NULL,
    identifier TEXT NOT NULL,
    nationality TEXT
);
CREATE TABLE IF NOT EXISTS otp_challenges (
    challenge_id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    request_json TEXT NOT NULL,
    otp_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts_left INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS citizen_sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(account_id),
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS eid_requests (
    request_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL,
    account_id TEXT,
    session_json TEXT
);
CREATE TABLE IF NOT EXISTS payments (
    payment_id TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL UNIQUE,
    body_json TEXT NOT NULL,
    status TEXT NOT NULL,
    paid_at TEXT
);
CREATE TABLE IF NOT EXISTS results (
    dossier_code TEXT PRIMARY KEY,
    document_code TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    order_id TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    tracking_number TEXT NOT NULL UNIQUE,
    body_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tracking_events (
    id INTEGER PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    at TEXT NOT NULL,
    code TEXT NOT NULL,
    location TEXT
);
CREATE TABLE IF NOT EXISTS supplements (
    idempotency_key TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dossier_owners (
    dossier_code TEXT PRIMARY KEY,
    account_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pickups (
    booking_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    slot_id TEXT NOT NULL,
    body_json TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class StoredFile:
    type_code: str
    filename: str
    content_type: str
    sha256: str
    size: int
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StatusRecord:
    status: str
    at: datetime
    note: str | None


@dataclass(frozen=True)
class DossierRecord:
    dossier_code: str
    idempotency_key: str
    content_hash: str
    unit_code: str
    procedure_code: str
    kiosk_id: str
    assisted_by: str | None
    received_at: datetime
    status: str
    manifest: dict[str, Any]
    files: tuple[StoredFile, ...]
    history: tuple[StatusRecord, ...]


class IdempotencyConflict(Exception):
    """The key is already bound to a dossier with different content."""

    def __init__(self, existing: DossierRecord) -> None:
        super().__init__(f"idempotency key already used for dossier {existing.dossier_code}")
        self.existing = existing


class SandboxStore:
    def __init__(self, data_dir: Path | None) -> None:
        self._temporary = data_dir is None
        self._dir = Path(tempfile.mkdtemp(prefix="kiosk-sandbox-")) if data_dir is None else Path(data_dir)
        self._dir.mkdir(parents=True, exist_ok=True)
        # Names and ID numbers of trainees: owner-only, like the kiosk's own data (SQLite gives its -wal
        # and -shm files the database file's permissions).
        os.chmod(self._dir, 0o700)
        database = self._dir / "sandbox.sqlite3"
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(database, 0o600)
        self._files = self._dir / "files"
        (self._files / "tmp").mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = sqlite3.connect(
            self._dir / "sandbox.sqlite3", check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"sandbox data in {self._dir} is from a newer version (schema {version})")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @property
    def data_dir(self) -> Path:
        return self._dir

    # --- files ----------------------------------------------------------------------------------------

    def file_path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self._files / sha256[:2] / sha256

    def save_file(self, stream: BinaryIO) -> tuple[str, int]:
        """Copy a stream into the content-addressed file area; returns (sha256, size). Idempotent."""
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self._files / "tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            final = self.file_path(digest.hexdigest())
            if final.exists():
                os.unlink(tmp_name)
            else:
                final.parent.mkdir(exist_ok=True)
                os.replace(tmp_name, final)
                _fsync_dir(final.parent)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
        return digest.hexdigest(), size

    # --- dossiers -------------------------------------------------------------------------------------

    def find_by_key(self, idempotency_key: str) -> DossierRecord | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM dossiers WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
            return None if row is None else self._load(row[0])

    def receive_dossier(
        self,
        *,
        idempotency_key: str,
        content_hash: str,
        unit_code: str,
        received_at: datetime,
        procedure_code: str,
        kiosk_id: str,
        assisted_by: str | None,
        manifest: dict[str, Any],
        files: Sequence[StoredFile],
        status: str = "received",
    ) -> tuple[DossierRecord, bool]:
        """Record a dossier once per idempotency key. Returns (record, duplicate); a key already used with
        other content raises IdempotencyConflict. Files must already be saved with `save_file`."""
        missing = [item.sha256 for item in files if not self.file_path(item.sha256).exists()]
        if missing:
            raise ValueError(f"files not saved before the dossier: {missing}")
        day = received_at.date()
        conn = self._conn
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(
                    "SELECT id, content_hash FROM dossiers WHERE idempotency_key = ?", (idempotency_key,)
                ).fetchone()
                if row is not None:
                    conn.execute("ROLLBACK")
                    existing = self._load(row[0])
                    if row[1] != content_hash:
                        raise IdempotencyConflict(existing)
                    return existing, True
                seq = conn.execute(
                    "INSERT INTO daily_sequence (unit_code, day, last_seq) VALUES (?, ?, 1) "
                    "ON CONFLICT (unit_code, day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
                    (unit_code, day.isoformat()),
                ).fetchone()[0]
                code = format_dossier_code(unit_code, day, seq)
                dossier_id = conn.execute(
                    "INSERT INTO dossiers (dossier_code, idempotency_key, content_hash, unit_code, "
                    "procedure_code, kiosk_id, assisted_by, received_at, status, manifest_json) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        code,
                        idempotency_key,
                        content_hash,
                        unit_code,
                        procedure_code,
                        kiosk_id,
                        assisted_by,
                        received_at.isoformat(),
                        status,
                        json.dumps(manifest, ensure_ascii=False),
                    ),
                ).lastrowid
                conn.executemany(
                    "INSERT INTO dossier_files (dossier_id, position, type_code, filename, content_type, "
                    "sha256, size, metadata_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            dossier_id,
                            position,
                            item.type_code,
                            item.filename,
                            item.content_type,
                            item.sha256,
                            item.size,
                            json.dumps(item.metadata, ensure_ascii=False),
                        )
                        for position, item in enumerate(files)
                    ],
                )
                conn.execute(
                    "INSERT INTO status_history (dossier_id, status, at, note) VALUES (?, ?, ?, ?)",
                    (dossier_id, status, received_at.isoformat(), None),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            assert dossier_id is not None
            return self._load(dossier_id), False

    def add_status(self, dossier_code: str, status: str, at: datetime, note: str | None = None) -> None:
        conn = self._conn
        with self._lock:
            row = conn.execute("SELECT id FROM dossiers WHERE dossier_code = ?", (dossier_code,)).fetchone()
            if row is None:
                raise KeyError(dossier_code)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE dossiers SET status = ? WHERE id = ?", (status, row[0]))
            conn.execute(
                "INSERT INTO status_history (dossier_id, status, at, note) VALUES (?, ?, ?, ?)",
                (row[0], status, at.isoformat(), note),
            )
            conn.execute("COMMIT")

    def get_dossier(self, dossier_code: str) -> DossierRecord | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM dossiers WHERE dossier_code = ?", (dossier_code,)
            ).fetchone()
            return None if row is None else self._load(row[0])

    def list_dossiers(self) -> list[DossierRecord]:
        with self._lock:
            ids = [row[0] for row in self._conn.execute("SELECT id FROM dossiers ORDER BY id")]
            return [self._load(dossier_id) for dossier_id in ids]

    # --- generic access for the other portal services (kiosk.sandbox.services) ----------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic step over the database: BEGIN IMMEDIATE under the store's lock, COMMIT at the end,
        ROLLBACK on any error."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    def file_bytes(self, sha256: str) -> bytes:
        return self.file_path(sha256).read_bytes()

    # --- lifecycle ------------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
        if self._temporary:
            shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> SandboxStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the sandbox store is closed")
        return self._db

    def _load(self, dossier_id: int) -> DossierRecord:
        """Read one dossier; the caller holds the lock."""
        conn = self._conn
        (code, key, content_hash, unit, procedure, kiosk, assisted, received, status, manifest) = (
            conn.execute(
                "SELECT dossier_code, idempotency_key, content_hash, unit_code, procedure_code, kiosk_id, "
                "assisted_by, received_at, status, manifest_json FROM dossiers WHERE id = ?",
                (dossier_id,),
            ).fetchone()
        )
        files = tuple(
            StoredFile(type_code, filename, content_type, sha256, size, json.loads(metadata))
            for type_code, filename, content_type, sha256, size, metadata in conn.execute(
                "SELECT type_code, filename, content_type, sha256, size, metadata_json FROM dossier_files "
                "WHERE dossier_id = ? ORDER BY position",
                (dossier_id,),
            )
        )
        history = tuple(
            StatusRecord(entry_status, datetime.fromisoformat(at), note)
            for entry_status, at, note in conn.execute(
                "SELECT status, at, note FROM status_history WHERE dossier_id = ? ORDER BY id", (dossier_id,)
            )
        )
        return DossierRecord(
            dossier_code=code,
            idempotency_key=key,
            content_hash=content_hash,
            unit_code=unit,
            procedure_code=procedure,
            kiosk_id=kiosk,
            assisted_by=assisted,
            received_at=datetime.fromisoformat(received),
            status=status,
            manifest=json.loads(manifest),
            files=files,
            history=history,
        )


def _fsync_dir(path: Path) -> None:
    # A rename is durable only once its directory entry is; without this a power cut can lose the file.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
