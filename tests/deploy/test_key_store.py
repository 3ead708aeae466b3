"""The key store shared by the kiosk's processes: locked, atomic, read back, never silently replaced."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store.crypto import KeyStoreError, SealedBlob, Sealer
from kiosk.store.key_binding import MARKER, bound_key_store
from kiosk.store.keyring_file import ProtectedFileKeyring

AAD = b"kiosk.dossier:test"
PROCESSES = 4
TRIALS = 20


def _start_and_seal(data_dir: str, keyring_path: str, barrier: object, results: object) -> None:
    barrier.wait(timeout=30)  # type: ignore[attr-defined]
    store = bound_key_store(Path(data_dir), ProtectedFileKeyring(Path(keyring_path)))
    blob = Sealer(store).seal(f"pid {os.getpid()}".encode(), AAD)
    results.put((blob.key_id, blob.nonce, blob.ciphertext))  # type: ignore[attr-defined]


def test_four_processes_starting_together_lose_no_key(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    lost = 0
    for trial in range(TRIALS):
        trial_dir = tmp_path / f"t{trial}"
        data_dir, keyring_path = trial_dir / "data", trial_dir / "keys" / "keyring.json"
        barrier, results = context.Barrier(PROCESSES), context.Queue()
        workers = [
            context.Process(target=_start_and_seal, args=(str(data_dir), str(keyring_path), barrier, results))
            for _ in range(PROCESSES)
        ]
        for worker in workers:
            worker.start()
        blobs = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
            assert worker.exitcode == 0
        reader = Sealer(bound_key_store(data_dir, ProtectedFileKeyring(keyring_path)))
        for key_id, nonce, ciphertext in blobs:
            try:
                assert reader.open(SealedBlob(key_id, nonce, ciphertext), AAD).startswith(b"pid ")
            except KeyStoreError:
                lost += 1
        slots = json.loads(keyring_path.read_text())["kiosk-dichvucong"]
        assert len(slots) == 2, slots  # one key: its slot and the current pointer
    assert lost == 0


def _store(tmp_path: Path) -> tuple[Path, ProtectedFileKeyring]:
    return tmp_path / "data", ProtectedFileKeyring(tmp_path / "data-keys" / "keyring.json")


def test_a_deleted_keyring_is_a_loud_error_naming_it_never_a_new_key(tmp_path: Path) -> None:
    data_dir, backend = _store(tmp_path)
    Sealer(bound_key_store(data_dir, backend)).seal(b"x", AAD)
    assert (data_dir / MARKER).exists()
    backend.path.unlink()
    with pytest.raises(KeyStoreError, match=str(backend.path)):
        Sealer(bound_key_store(data_dir, ProtectedFileKeyring(backend.path))).seal(b"y", AAD)
    assert not backend.path.exists()


def test_a_corrupt_keyring_is_a_loud_error_naming_it(tmp_path: Path) -> None:
    data_dir, backend = _store(tmp_path)
    Sealer(bound_key_store(data_dir, backend)).seal(b"x", AAD)
    backend.path.write_text('{"kiosk-dichvucong": {"data-key": "trunc', encoding="utf-8")
    with pytest.raises(KeyStoreError, match=f"{backend.path}.*damaged"):
        Sealer(bound_key_store(data_dir, ProtectedFileKeyring(backend.path))).seal(b"y", AAD)


def test_explicit_init_new_replaces_a_lost_keyring(tmp_path: Path) -> None:
    data_dir, backend = _store(tmp_path)
    first = bound_key_store(data_dir, backend).current()
    backend.path.unlink()
    store = bound_key_store(data_dir, ProtectedFileKeyring(backend.path))
    with pytest.raises(KeyStoreError):
        store.init()
    assert store.init(new=True).key_id != first.key_id
    Sealer(store).seal(b"z", AAD)


def test_rotation_in_another_process_takes_effect_at_the_next_seal(tmp_path: Path) -> None:
    data_dir, backend = _store(tmp_path)
    running = Sealer(bound_key_store(data_dir, backend))
    before = running.seal(b"a", AAD).key_id
    rotated = bound_key_store(data_dir, ProtectedFileKeyring(backend.path)).rotate()
    after = running.seal(b"b", AAD)
    assert before != rotated.key_id
    assert after.key_id == rotated.key_id
    assert running.open(after, AAD) == b"b"


def test_keyring_file_is_owner_only_and_leaves_no_temp_files(tmp_path: Path) -> None:
    data_dir, backend = _store(tmp_path)
    Sealer(bound_key_store(data_dir, backend)).seal(b"x", AAD)
    assert backend.path.stat().st_mode & 0o777 == 0o600
    assert backend.path.parent.stat().st_mode & 0o777 == 0o700
    assert sorted(p.name for p in backend.path.parent.iterdir()) == ["keyring.json", "keyring.json.lock"]


def test_three_concurrent_dossier_creates_leave_every_dossier_readable(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    attachment = tmp_path / "giay-to.pdf"
    attachment.write_bytes(b"%PDF-1.4 test document\n")
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "dossier", "create",
               "--procedure", "1.001193.000.00.00.H26", "--owner", "001089012345",
               "--attach", f"GCS={attachment}", "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(3)]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    dossier_ids = [json.loads(out)["dossier_id"] for out, _ in outputs]

    from kiosk.app import open_outbox
    from kiosk.config import load_config

    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    outbox = open_outbox(load_config(None, data_dir=data_dir))
    for dossier_id in dossier_ids:
        assert outbox.load_payload(dossier_id)["applicant"]["id_number"] == "001089012345"
        assert [f.content for f in outbox.load_files(dossier_id)] == [attachment.read_bytes()]
    assert outbox.unreadable() == []


def test_a_stored_file_sealed_with_a_lost_key_is_sealed_again_not_reused(tmp_path: Path) -> None:
    from kiosk.store.files import EncryptedFileStore

    data_dir, backend = _store(tmp_path)
    old = EncryptedFileStore(data_dir / "outbox-files", Sealer(bound_key_store(data_dir, backend)))
    document = b"%PDF-1.4 giay khai sinh"
    stored = old.put(document)
    backend.path.unlink()  # the keyring is lost; a new key is made on purpose (kiosk keys init --new)
    fresh_store = bound_key_store(data_dir, ProtectedFileKeyring(backend.path))
    fresh_store.init(new=True)
    fresh = EncryptedFileStore(data_dir / "outbox-files", Sealer(fresh_store))
    assert fresh.put(document).sha256 == stored.sha256
    assert fresh.get(stored.sha256) == document  # readable with the key the kiosk has now
