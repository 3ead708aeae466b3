"""Dossier files (scanned documents) on disk, encrypted and named by the SHA-256 of their plaintext.

Each file lives at `root/<sha[:2]>/<sha>.bin` and holds a small header (format tag, key id, nonce) followed
by the AES-GCM ciphertext, sealed with the plaintext's hash as associated data: a file renamed to another
hash, or altered, does not open. A file is written to a temp file in the same folder, fsynced, renamed
into place and its folder fsynced, so after a crash it is either complete or absent (a leftover temp file
at worst, which `remove_orphans` clears).

The store is content-addressed: two dossiers with the same document share one file. So a file may only be
deleted when no dossier references it; the outbox decides that (see `Outbox.clean_orphans`).

Writers and the orphan sweep coordinate through an advisory lock on `root/.lock`: writers hold it shared
from the first file written until the row that references the files is committed (`writing()`), the
sweep holds it exclusively (`exclusive()`) while it reads which hashes are referenced and deletes the
rest. So a sweep in one process never deletes the files another process is about to commit.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import secrets
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.store.crypto import CryptoError, SealedBlob, Sealer

_MAGIC = b"KFS1"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SUFFIX = ".bin"
_TEMP_SUFFIX = ".tmp"
_LOCK_NAME = ".lock"


class FileStoreError(Exception):
    """Base class of the file store's errors."""


class MissingFileError(FileStoreError, LookupError):
    """No stored file with this hash."""


class DamagedFileError(FileStoreError):
    """A stored file is unreadable: truncated, altered, sealed with an unknown key, or its hash is wrong."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int  # of the plaintext
    path: Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_blob(blob: SealedBlob) -> bytes:
    """`KFS1`, key id (1-byte length + ASCII), nonce (1-byte length + bytes), then the ciphertext."""
    key_id = blob.key_id.encode("ascii")
    if len(key_id) > 255 or len(blob.nonce) > 255:
        raise ValueError("key id or nonce too long for the file header")
    return b"".join(
        (_MAGIC, struct.pack("B", len(key_id)), key_id, struct.pack("B", len(blob.nonce)), blob.nonce,
         blob.ciphertext)
    )


def decode_blob(raw: bytes) -> SealedBlob:
    if not raw.startswith(_MAGIC):
        raise ValueError("not a sealed kiosk file (bad format tag)")
    pos = len(_MAGIC)
    try:
        key_len = raw[pos]
        key_id = raw[pos + 1 : pos + 1 + key_len].decode("ascii")
        pos += 1 + key_len
        nonce_len = raw[pos]
        nonce = raw[pos + 1 : pos + 1 + nonce_len]
        pos += 1 + nonce_len
    except (IndexError, UnicodeDecodeError) as e:
        raise ValueError("truncated or malformed file header") from e
    if len(key_id) != key_len or len(nonce) != nonce_len or not key_id or pos > len(raw):
        raise ValueError("truncated or malformed file header")
    return SealedBlob(key_id, nonce, raw[pos:])


class EncryptedFileStore:
    def __init__(self, root: Path, sealer: Sealer) -> None:
        self.root = Path(root)
        self._sealer = sealer

    # --- writing --------------------------------------------------------------------------------------

    def put(self, data: bytes) -> StoredFile:
        """Store `data` (encrypted) and return its hash, size and path. Storing the same bytes again is a
        no-op that returns the same answer."""
        sha = sha256_hex(data)
        path = self.path_for(sha)
        if path.exists() and self._opens(sha):
            return StoredFile(sha, len(data), path)
        # Absent, or there but sealed with a key this kiosk no longer has: write again with the current key.
        return self._write(sha, data)

    def _opens(self, sha256: str) -> bool:
        try:
            self.get(sha256)
        except FileStoreError:
            return False
        return True

    def reseal(self, sha256: str) -> StoredFile:
        """Re-encrypt a stored file with the current data key (after a key rotation), atomically."""
        data = self.get(sha256)
        return self._write(sha256, data)

    def key_id_of(self, sha256: str) -> str | None:
        """The id of the key a stored file is sealed with; None if it is missing or unreadable."""
        try:
            with self.path_for(sha256).open("rb") as f:
                head = f.read(512)
            return decode_blob(head).key_id
        except (OSError, ValueError):
            return None

    def _write(self, sha: str, data: bytes) -> StoredFile:
        path = self.path_for(sha)
        folder = path.parent
        created = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if created:
            _fsync_dir(self.root)
        sealed = encode_blob(self._sealer.seal(data, _aad(sha)))
        temp = folder / f".{sha}.{secrets.token_hex(4)}{_TEMP_SUFFIX}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                view = memoryview(sealed)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(folder)
        return StoredFile(sha, len(data), path)

    def delete(self, sha256: str) -> None:
        """Remove a stored file (absent already: nothing to do). Only for files no dossier references."""
        path = self.path_for(sha256)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        _fsync_dir(path.parent)

    # --- reading --------------------------------------------------------------------------------------

    def get(self, sha256: str) -> bytes:
        """The plaintext of a stored file, checked against its hash."""
        path = self.path_for(sha256)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise MissingFileError(f"stored file {sha256} is missing from {self.root}") from None
        try:
            data = self._sealer.open(decode_blob(raw), _aad(sha256))
        except (ValueError, CryptoError) as e:
            raise DamagedFileError(f"stored file {sha256} cannot be read: {e}") from e
        if sha256_hex(data) != sha256:
            raise DamagedFileError(f"stored file {sha256} does not match its SHA-256")
        return data

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def path_for(self, sha256: str) -> Path:
        if not (isinstance(sha256, str) and _SHA256.fullmatch(sha256)):
            raise ValueError(f"not a lowercase SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}{_SUFFIX}"

    def stored(self) -> list[str]:
        """Hashes of every stored file."""
        if not self.root.is_dir():
            return []
        return sorted(
            path.name.removesuffix(_SUFFIX)
            for path in self.root.glob(f"??/*{_SUFFIX}")
            if _SHA256.fullmatch(path.name.removesuffix(_SUFFIX))
        )

    # --- leftovers ------------------------------------------------------------------------------------

    def orphans(self, referenced: set[str]) -> list[str]:
        """Stored hashes not in `referenced`."""
        return [sha for sha in self.stored() if sha not in referenced]

    def temp_files(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(self.root.glob(f"??/.*{_TEMP_SUFFIX}"))

    def remove_orphans(self, referenced: set[str]) -> int:
        """Delete stored files not in `referenced` and temp files left by an interrupted write; returns how
        many files were removed. If other processes may be writing, compute `referenced` and call this
        inside `exclusive()`."""
        removed = 0
        for sha in self.orphans(referenced):
            self.delete(sha)
            removed += 1
        for temp in self.temp_files():
            temp.unlink(missing_ok=True)
            _fsync_dir(temp.parent)
            removed += 1
        return removed

    # --- coordination ---------------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held (shared) by a writer from its first `put` until the row referencing the files commits."""
        with self._lock(fcntl.LOCK_SH):
            yield

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held by the orphan sweep: no writer is between "files written" and "row committed"."""
        with self._lock(fcntl.LOCK_EX):
            yield

    @contextmanager
    def _lock(self, kind: int) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.root / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, kind)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def _aad(sha256: str) -> bytes:
    return sha256.encode("ascii")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
