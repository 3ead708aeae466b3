"""Encryption at rest: AES-256-GCM with data keys kept in the OS keyring.

The keyring holds one secret per key, `"<key id>:<base64 key>"`, under the user name `data-key:<key id>`,
plus the current key under `data-key`. Ciphertexts carry the id of the key that sealed them, so after
`rotate()` new data is sealed with the new key and old data still opens with the old one.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.backend import KeyringBackend

DEFAULT_SERVICE = "kiosk-dichvucong"
KEY_BYTES = 32
NONCE_BYTES = 12
_CURRENT = "data-key"
_BACKEND_HINT = (
    " (a machine without a desktop keyring needs a keyring backend configured, e.g. with"
    " PYTHON_KEYRING_BACKEND or keyringrc.cfg; see `python -m keyring diagnose`)"
)


class CryptoError(Exception):
    """Base class of the errors below."""


class KeyStoreError(CryptoError):
    """The keyring cannot be used, or holds something that is not a data key."""


class MissingKeyError(CryptoError):
    """The key a ciphertext names is not in the keyring (another kiosk's data, or a lost keyring)."""


class WrongKeyError(CryptoError):
    """The ciphertext does not open: wrong key, wrong associated data, or it was altered."""


@dataclass(frozen=True)
class DataKey:
    key_id: str
    key: bytes = field(repr=False)


@dataclass(frozen=True)
class SealedBlob:
    key_id: str
    nonce: bytes
    ciphertext: bytes


class DataKeyStore:
    """Data keys in the OS keyring; retired keys cached for the life of the process.

    `backend` defaults to the keyring module's configured backend; pass one to pin a specific store
    (e.g. a file-based keyring on a headless kiosk). A backend with a `transaction()` context manager
    (the protected file) is held exclusively while the first key is made, so processes starting together
    agree on one key instead of overwriting each other's.

    The current key is read from the keyring on every `current()`, so `kiosk keys rotate` in another
    process takes effect here at the next seal. `may_create` says whether a keyring without a current
    key may get a new one (a new kiosk) or must be reported as lost (a kiosk whose data was sealed with a
    key the keyring no longer has); `on_current` is told the current key's id each time it is read.
    """

    def __init__(
        self,
        service: str = DEFAULT_SERVICE,
        *,
        backend: KeyringBackend | None = None,
        may_create: Callable[[], bool] | None = None,
        on_current: Callable[[str], None] | None = None,
    ) -> None:
        self.service = service
        self._backend = backend
        self._may_create = may_create
        self._on_current = on_current
        self._cache: dict[str, DataKey] = {}

    @property
    def keyring_name(self) -> str:
        """Where the keys are, for error messages: the file, or the keyring backend and service."""
        backend = self._backend if self._backend is not None else keyring.get_keyring()
        path = getattr(backend, "path", None)
        if path is not None:
            return f"keyring file {path} (service {self.service!r})"
        return f"keyring {type(backend).__module__}.{type(backend).__name__} (service {self.service!r})"

    def current(self) -> DataKey:
        """The key new data is sealed with, as the keyring says now; made (and saved) on a new kiosk."""
        secret = self._read(_CURRENT)
        if secret is None:
            with self._transaction():
                secret = self._read(_CURRENT)  # another process may have made it while we waited
                if secret is None:
                    if self._may_create is not None and not self._may_create():
                        raise KeyStoreError(
                            f"{self.keyring_name} has no data key, but this kiosk already holds data sealed "
                            "with one: the keyring was lost or replaced. Restore it from its backup; "
                            "`kiosk keys init --new` makes a new key, and the data sealed before is then "
                            "unreadable. / Mất khóa dữ liệu: khôi phục tệp khóa từ bản sao lưu."
                        )
                    key = self._create()
                    self._remember(key)
                    self._bound(key)
                    return key
        key = self._parse(secret, _CURRENT)
        self._remember(key)
        self._bound(key)
        return key

    def has_current(self) -> bool:
        """Whether the keyring holds a current data key (without making one)."""
        return self._read(_CURRENT) is not None

    def init(self, *, new: bool = False) -> DataKey:
        """The explicit first key (`kiosk keys init`): the existing one if there is one, else a new one
        even where `may_create` refuses (with `new`)."""
        with self._transaction():
            secret = self._read(_CURRENT)
            if secret is not None:
                key = self._parse(secret, _CURRENT)
            elif new or self._may_create is None or self._may_create():
                key = self._create()
            else:
                raise KeyStoreError(
                    f"{self.keyring_name} has no data key but this kiosk holds sealed data; "
                    "add --new to make a new key anyway (the old data stays unreadable)"
                )
            self._remember(key)
            self._bound(key)
            return key

    def get(self, key_id: str) -> DataKey:
        """The key with this id, current or retired."""
        if key_id in self._cache:
            return self._cache[key_id]
        secret = self._read(_slot(key_id))
        if secret is None:
            # A current key whose own slot was lost (e.g. restored by hand) must still open its data.
            current = self._read(_CURRENT)
            if current is not None and current.startswith(f"{key_id}:"):
                key = self._parse(current, _CURRENT)
                self._remember(key)
                return key
            raise MissingKeyError(f"data key {key_id!r} is not in the {self.keyring_name}")
        key = self._parse(secret, _slot(key_id))
        if key.key_id != key_id:
            raise KeyStoreError(f"keyring entry {_slot(key_id)!r} holds key {key.key_id!r}")
        self._remember(key)
        return key

    def verify_stored(self, key: DataKey) -> None:
        """Read the key back from the keyring (not the cache): data sealed with a key the keyring does not
        hold would be lost at the next start, so it must not be accepted."""
        secret = self._read(_slot(key.key_id))
        if secret is None or self._parse(secret, _slot(key.key_id)) != key:
            raise KeyStoreError(
                f"data key {key.key_id!r} does not read back from the {self.keyring_name}; "
                "nothing was sealed with it"
            )

    def rotate(self) -> DataKey:
        """Make a new current key. Old keys stay in the keyring, so what they sealed still opens."""
        with self._transaction():
            key = self._create()
        self._remember(key)
        self._bound(key)
        return key

    def _transaction(self) -> AbstractContextManager[object]:
        backend = self._backend if self._backend is not None else keyring.get_keyring()
        transaction = getattr(backend, "transaction", None)
        return transaction() if callable(transaction) else nullcontext()

    def _bound(self, key: DataKey) -> None:
        if self._on_current is not None:
            self._on_current(key.key_id)

    def _create(self) -> DataKey:
        key_id = f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(4)}"
        key = DataKey(key_id, AESGCM.generate_key(bit_length=KEY_BYTES * 8))
        secret = f"{key.key_id}:{base64.b64encode(key.key).decode('ascii')}"
        # Its own slot first, then the "current" pointer: a crash in between leaves an unused key, never a
        # current key that cannot be found by id later.
        self._write(_slot(key_id), secret)
        self._write(_CURRENT, secret)
        return key

    def _remember(self, key: DataKey) -> None:
        self._cache[key.key_id] = key

    def _parse(self, secret: str, username: str) -> DataKey:
        key_id, sep, encoded = secret.partition(":")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if not sep or not key_id or len(raw) != KEY_BYTES:
            raise KeyStoreError(f"keyring entry {username!r} in the {self.keyring_name} is not a data key")
        return DataKey(key_id, raw)

    def _read(self, username: str) -> str | None:
        try:
            if self._backend is not None:
                return self._backend.get_password(self.service, username)
            return keyring.get_password(self.service, username)
        except keyring.errors.KeyringError as e:
            raise KeyStoreError(f"cannot read the {self.keyring_name}: {e}{_hint(e)}") from e

    def _write(self, username: str, secret: str) -> None:
        try:
            if self._backend is not None:
                self._backend.set_password(self.service, username, secret)
            else:
                keyring.set_password(self.service, username, secret)
        except keyring.errors.KeyringError as e:
            raise KeyStoreError(f"cannot write to the {self.keyring_name}: {e}{_hint(e)}") from e


def _hint(error: Exception) -> str:
    # The backend hint helps only when no keyring backend works at all, not for a damaged keyring file.
    return "" if getattr(error, "__module__", "").startswith("kiosk.") else _BACKEND_HINT


def _slot(key_id: str) -> str:
    return f"{_CURRENT}:{key_id}"


class Sealer:
    """Seals bytes with the current data key; opens them with whichever key sealed them.

    `aad` (associated data) is authenticated but not encrypted: callers bind a ciphertext to the row it
    belongs to (e.g. the dossier id), so a ciphertext copied into another row does not open.
    """

    def __init__(self, key_store: DataKeyStore) -> None:
        self._keys = key_store

    def current_key_id(self) -> str:
        """The id of the key new data is sealed with."""
        return self._keys.current().key_id

    def rotate(self) -> DataKey:
        """A new current key (old ones stay, so what they sealed still opens)."""
        return self._keys.rotate()

    def seal(self, plaintext: bytes, aad: bytes) -> SealedBlob:
        key = self._keys.current()
        self._keys.verify_stored(key)
        nonce = os.urandom(NONCE_BYTES)  # random 96-bit nonces: safe for far more messages than a kiosk makes
        return SealedBlob(key.key_id, nonce, AESGCM(key.key).encrypt(nonce, plaintext, aad))

    def open(self, blob: SealedBlob, aad: bytes) -> bytes:
        key = self._keys.get(blob.key_id)
        try:
            return AESGCM(key.key).decrypt(blob.nonce, blob.ciphertext, aad)
        except (InvalidTag, ValueError) as e:
            raise WrongKeyError(
                f"data sealed with key {blob.key_id!r} does not open: wrong key, wrong associated data, "
                "or the data was altered"
            ) from e
