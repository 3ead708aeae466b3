"""Encryption at rest with keys in the keyring (an in-memory backend, see conftest.py)."""

from __future__ import annotations

import base64

import keyring
import pytest
from keyring.backend import KeyringBackend

from kiosk.store.crypto import (
    DEFAULT_SERVICE,
    DataKeyStore,
    KeyStoreError,
    MissingKeyError,
    SealedBlob,
    Sealer,
    WrongKeyError,
)

AAD = b"kiosk.dossier:7f1c"
SECRET = "Nguyễn Văn An 001089012345".encode()


def test_seal_and_open_round_trip(sealer: Sealer) -> None:
    blob = sealer.seal(SECRET, AAD)
    assert SECRET not in blob.ciphertext
    assert len(blob.nonce) == 12
    assert sealer.open(blob, AAD) == SECRET


def test_every_seal_uses_a_fresh_nonce(sealer: Sealer) -> None:
    first, second = sealer.seal(SECRET, AAD), sealer.seal(SECRET, AAD)
    assert first.nonce != second.nonce
    assert first.ciphertext != second.ciphertext


def test_first_use_creates_one_key_and_stores_it_in_the_keyring(key_store: DataKeyStore) -> None:
    assert keyring.get_password(DEFAULT_SERVICE, "data-key") is None
    key = key_store.current()
    assert len(key.key) == 32
    stored = keyring.get_password(DEFAULT_SERVICE, "data-key")
    assert stored == f"{key.key_id}:{base64.b64encode(key.key).decode()}"
    assert keyring.get_password(DEFAULT_SERVICE, f"data-key:{key.key_id}") == stored
    # A new process (a new store) finds the same key instead of making another.
    assert DataKeyStore().current() == key
    assert key.key.hex() not in repr(key)


def test_a_new_process_opens_what_an_old_one_sealed() -> None:
    blob = Sealer(DataKeyStore()).seal(SECRET, AAD)
    assert Sealer(DataKeyStore()).open(blob, AAD) == SECRET


def test_rotation_seals_with_the_new_key_and_still_opens_the_old(key_store: DataKeyStore) -> None:
    sealer = Sealer(key_store)
    old = sealer.seal(SECRET, AAD)
    new_key = key_store.rotate()
    new = sealer.seal(SECRET, AAD)
    assert new.key_id == new_key.key_id != old.key_id
    # A fresh store (another process, after a restart) reads both from the keyring.
    fresh = Sealer(DataKeyStore())
    assert fresh.open(old, AAD) == SECRET
    assert fresh.open(new, AAD) == SECRET
    assert DataKeyStore().current().key_id == new_key.key_id


def test_wrong_associated_data_is_refused(sealer: Sealer) -> None:
    blob = sealer.seal(SECRET, AAD)
    with pytest.raises(WrongKeyError):
        sealer.open(blob, b"kiosk.dossier:other")


def test_altered_ciphertext_is_refused(sealer: Sealer) -> None:
    blob = sealer.seal(SECRET, AAD)
    flipped = bytes([blob.ciphertext[0] ^ 1]) + blob.ciphertext[1:]
    with pytest.raises(WrongKeyError):
        sealer.open(SealedBlob(blob.key_id, blob.nonce, flipped), AAD)


def test_a_different_key_under_the_same_id_is_refused(memory_keyring: KeyringBackend) -> None:
    blob = Sealer(DataKeyStore()).seal(SECRET, AAD)
    # Someone restores a keyring from the wrong kiosk: same key id, other bytes.
    other = base64.b64encode(bytes(32)).decode()
    memory_keyring.set_password(DEFAULT_SERVICE, f"data-key:{blob.key_id}", f"{blob.key_id}:{other}")
    memory_keyring.set_password(DEFAULT_SERVICE, "data-key", f"{blob.key_id}:{other}")
    with pytest.raises(WrongKeyError, match=blob.key_id):
        Sealer(DataKeyStore()).open(blob, AAD)


def test_an_unknown_key_id_is_a_missing_key(sealer: Sealer) -> None:
    blob = sealer.seal(SECRET, AAD)
    with pytest.raises(MissingKeyError, match="20000101-deadbeef"):
        sealer.open(SealedBlob("20000101-deadbeef", blob.nonce, blob.ciphertext), AAD)


def test_a_lost_keyring_is_a_missing_key(memory_keyring: KeyringBackend) -> None:
    blob = Sealer(DataKeyStore()).seal(SECRET, AAD)
    memory_keyring.secrets.clear()  # type: ignore[attr-defined]
    with pytest.raises(MissingKeyError):
        Sealer(DataKeyStore()).open(blob, AAD)


def test_services_keep_separate_keys() -> None:
    blob = Sealer(DataKeyStore("kiosk-a")).seal(SECRET, AAD)
    with pytest.raises(MissingKeyError):
        Sealer(DataKeyStore("kiosk-b")).open(blob, AAD)


def test_a_current_key_whose_slot_was_lost_still_opens(memory_keyring: KeyringBackend) -> None:
    blob = Sealer(DataKeyStore()).seal(SECRET, AAD)
    memory_keyring.delete_password(DEFAULT_SERVICE, f"data-key:{blob.key_id}")
    assert Sealer(DataKeyStore()).open(blob, AAD) == SECRET


def test_garbage_in_the_keyring_is_reported(memory_keyring: KeyringBackend) -> None:
    memory_keyring.set_password(DEFAULT_SERVICE, "data-key", "not a key")
    with pytest.raises(KeyStoreError, match="not a data key"):
        DataKeyStore().current()


def test_an_explicit_backend_is_used_instead_of_the_global_one(memory_keyring: KeyringBackend) -> None:
    own = type(memory_keyring)()
    store = DataKeyStore(backend=own)
    key = store.current()
    assert own.get_password(DEFAULT_SERVICE, "data-key") is not None
    assert memory_keyring.get_password(DEFAULT_SERVICE, "data-key") is None
    assert DataKeyStore(backend=own).get(key.key_id) == key


def test_no_usable_keyring_is_a_clear_error() -> None:
    from keyring.backends import fail

    with pytest.raises(KeyStoreError, match="keyring backend"):
        DataKeyStore(backend=fail.Keyring()).current()
