"""A keyring backend for kiosks that have no OS secret service (headless, no desktop session).

The OS keyring is preferred. Many unattended kiosks run without a desktop, where `keyring` has only its
"fail" backend; rather than refuse to start, the kiosk keeps its data keys in a file readable by the
kiosk's own user only (0600 in a 0700 folder), away from the data folder so that copying the data does
not copy the key. The choice is logged so an operator can see it and configure a real keyring.

Several processes share the file (the kiosk UI, the worker, `kiosk keys rotate`, the retention timer), so
every read-modify-write runs under an exclusive `flock` on a lock file beside it (`transaction()`), and a
write goes to a temporary file that is fsynced, renamed over the keyring and its folder fsynced: a reader
sees the old file or the new one, never half of one, and no process's key is lost to another's write.
A keyring file that exists but does not parse is an error that names the file, never an empty keyring.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import fail

log = logging.getLogger(__name__)

_Data = dict[str, dict[str, str]]


class KeyringFileError(keyring.errors.KeyringError):
    """The keyring file exists but cannot be read or is damaged."""


class ProtectedFileKeyring(KeyringBackend):
    priority = 0.1  # never chosen automatically over a real keyring

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._lock_fd: int | None = None
        self._cache: tuple[tuple[int, int, int], _Data] | None = None

    def __str__(self) -> str:
        return f"keyring file {self.path}"

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the keyring exclusively (between threads and processes) for a read-modify-write.
        Re-entrant within a thread."""
        with self._thread_lock:
            if self._depth == 0:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                except BaseException:
                    os.close(fd)
                    raise
                self._lock_fd = fd
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._lock_fd is not None:
                    fd, self._lock_fd = self._lock_fd, None
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)

    def exists(self) -> bool:
        return self.path.exists()

    def _load(self) -> _Data:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        except OSError as e:
            raise KeyringFileError(f"cannot read the keyring file {self.path}: {e.strerror or e}") from e
        signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if self._cache is not None and self._cache[0] == signature:
            return {service: dict(entries) for service, entries in self._cache[1].items()}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError) as e:
            raise KeyringFileError(
                f"the keyring file {self.path} is damaged or unreadable ({e}); restore it from the backup "
                "kept at enrolment — a new key would not open the data already stored"
            ) from e
        if not isinstance(data, dict) or not all(
            isinstance(entries, dict) and all(isinstance(v, str) for v in entries.values())
            for entries in data.values()
        ):
            raise KeyringFileError(f"the keyring file {self.path} is damaged (not a keyring)")
        self._cache = (signature, data)
        return {service: dict(entries) for service, entries in data.items()}

    def _save(self, data: _Data) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(self.path.parent, 0o700)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        # Read back what was written: a key that did not reach the disk must not seal anything.
        self._cache = None
        if self._load() != data:
            raise KeyringFileError(f"the keyring file {self.path} did not read back as written")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        with self.transaction():
            data = self._load()
            data.setdefault(service, {})[username] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        with self.transaction():
            data = self._load()
            if data.get(service, {}).pop(username, None) is None:
                raise keyring.errors.PasswordDeleteError(username)
            self._save(data)


def choose_backend(fallback_file: Path) -> KeyringBackend:
    """The OS keyring when there is one, else the protected file."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        # Chosen on purpose (the installed kiosk's units set it): worth a line at INFO, not a warning.
        chosen = os.environ.get("PYTHON_KEYRING_BACKEND") == "keyring.backends.fail.Keyring"
        log.log(logging.INFO if chosen else logging.WARNING,
                "no OS keyring available; keeping data keys in %s (owner-only file)", fallback_file)
        return ProtectedFileKeyring(fallback_file)
    return backend
