"""Which keyring a kiosk's data folder belongs to, so that a lost keyring is noticed, not replaced.

The first data key is made only for a new kiosk. Once a data folder has held data sealed with a key, it
carries a marker (`.data-key-bound`, the key id it first saw): from then on a keyring without a current
key means the keyring was lost or replaced, and the kiosk stops with an error naming the keyring rather
than sealing new dossiers with a fresh key (and silently reusing stored files sealed with the lost one).
`kiosk keys init --new` is the explicit way out.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from keyring.backend import KeyringBackend

from kiosk.store.crypto import DataKeyStore

MARKER = ".data-key-bound"
_SEALED_FILES = "outbox-files"


def marker_path(data_dir: Path) -> Path:
    return data_dir / MARKER


def is_new_data_folder(data_dir: Path) -> bool:
    """No marker and no sealed files: nothing here was sealed with any key yet."""
    if marker_path(data_dir).exists():
        return False
    files = data_dir / _SEALED_FILES
    return not (files.is_dir() and any(files.glob("??/*.bin")))


def mark_bound(data_dir: Path, key_id: str) -> None:
    marker = marker_path(data_dir)
    if marker.exists():
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, f"{key_id}\n".encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)


def bound_key_store(data_dir: Path, backend: KeyringBackend | None) -> DataKeyStore:
    """The data key store for this data folder: a first key only while the folder is new."""
    return DataKeyStore(
        backend=backend,
        may_create=lambda: is_new_data_folder(data_dir),
        on_current=lambda key_id: mark_bound(data_dir, key_id),
    )
