"""A keyring backend for kiosks that have no OS secret service (headless, no desktop session).

The OS keyring is preferred. Many unattended kiosks run without a desktop, where `keyring` has only its
"fail" backend; rather than refuse to start, the kiosk keeps its data keys in a file readable by the
kiosk's own user only (0600 in a 0700 folder), away from the data folder so that copying the data does
not copy the key. The choice is logged so an operator can see it and configure a real keyring.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail

log = logging.getLogger(__name__)


class ProtectedFileKeyring(KeyringBackend):
    priority = 0.1  # never chosen automatically over a real keyring

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        if not isinstance(data, dict):
            raise ValueError(f"keyring file {self.path} is damaged")
        return data

    def _save(self, data: dict[str, dict[str, str]]) -> None:
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

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.get(service, {}).pop(username, None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(data)


def choose_backend(fallback_file: Path) -> KeyringBackend:
    """The OS keyring when there is one, else the protected file."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        log.warning("no OS keyring available; keeping data keys in %s (owner-only file)", fallback_file)
        return ProtectedFileKeyring(fallback_file)
    return backend
