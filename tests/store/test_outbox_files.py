"""Dossiers with files: files first (encrypted, named by hash), then one transaction; orphans cleaned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.crypto import Sealer
from kiosk.store.files import DamagedFileError, EncryptedFileStore, MissingFileError, decode_blob
from kiosk.store.models import Dossier, DossierFile, OutboxEntry
from kiosk.store.outbox import Outbox, OutboxFile
from tests.store.conftest import Database

MARKER = b"NGUYEN-VAN-AN-PLAINTEXT-MARKER"
OWNER = "001089012345"


def _file(label: str, type_code: str = "GCS") -> OutboxFile:
    return OutboxFile(
        type_code=type_code,
        filename=f"{type_code.lower()}-{label}.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4\n" + MARKER + label.encode() + b"\n%%EOF\n",
        metadata={"owner_id_number": OWNER, "document_name": f"Giấy {label}", "page_count": 1},
    )


@pytest.fixture
def store(tmp_path: Path, sealer: Sealer) -> EncryptedFileStore:
    return EncryptedFileStore(tmp_path / "files", sealer)


@pytest.fixture
def file_outbox(sessions: sessionmaker[Session], sealer: Sealer, clock: Any,
                store: EncryptedFileStore) -> Outbox:
    return Outbox(sessions, sealer, "hn-buudien-01", clock=clock, files=store)


def _count(sessions: sessionmaker[Session], model: Any) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_enqueue_with_two_files_writes_encrypted_files_and_rows(
    file_outbox: Outbox, store: EncryptedFileStore, sessions: sessionmaker[Session], database: Database
) -> None:
    files = [_file("a"), _file("b", "TK")]
    dossier_id = file_outbox.enqueue("key-1", "1.001193.000.00.00.H26", {"answers": {}}, files=files)

    with sessions() as session:
        rows = list(session.scalars(select(DossierFile).order_by(DossierFile.position)))
    assert [(r.dossier_id, r.position, r.type_code, r.sha256, r.size) for r in rows] == [
        (dossier_id, i, f.type_code, f.sha256, f.size) for i, f in enumerate(files)
    ]
    assert sorted(store.stored()) == sorted(f.sha256 for f in files)
    for f in files:
        path = store.path_for(f.sha256)
        assert path == store.root / f.sha256[:2] / f"{f.sha256}.bin"
        raw = path.read_bytes()
        assert MARKER not in raw and b"%PDF" not in raw
        assert decode_blob(raw).key_id  # header carries the key id and nonce
    # The per-document metadata (owner's ID number) is sealed in the database too.
    raw = database.at_rest()
    assert b"1.001193.000.00.00.H26" in raw, "the search finds clear columns"
    assert OWNER.encode() not in raw
    assert file_outbox.for_dossier(dossier_id).client_status == "queued"


def test_load_files_round_trips(file_outbox: Outbox) -> None:
    files = [_file("a"), _file("b", "TK")]
    dossier_id = file_outbox.enqueue("key-1", "P1", {"answers": {}}, files=files)
    assert file_outbox.load_files(dossier_id) == files


def test_dossier_without_files_and_old_signature_still_work(file_outbox: Outbox, outbox: Outbox) -> None:
    dossier_id = outbox.enqueue("key-plain", "P1", {"answers": {"x": 1}})
    assert outbox.load_files(dossier_id) == []
    assert file_outbox.load_files(dossier_id) == []
    with pytest.raises(ValueError, match="file store"):
        outbox.enqueue("key-2", "P1", {}, files=[_file("a")])


def test_same_key_again_writes_nothing_new(file_outbox: Outbox, store: EncryptedFileStore) -> None:
    first = file_outbox.enqueue("key-1", "P1", {}, files=[_file("a")])
    assert file_outbox.enqueue("key-1", "P1", {}, files=[_file("other")]) == first
    assert store.stored() == [_file("a").sha256]


def test_crash_before_the_transaction_leaves_no_dossier_and_the_files_are_cleaned(
    file_outbox: Outbox, store: EncryptedFileStore, sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = file_outbox.enqueue("key-kept", "P1", {}, files=[_file("kept")])

    def power_cut(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(Outbox, "_insert_files", power_cut)
    with pytest.raises(RuntimeError, match="power cut"):
        file_outbox.enqueue("key-lost", "P1", {}, files=[_file("a"), _file("b")])
    monkeypatch.undo()

    assert _count(sessions, Dossier) == 1 and _count(sessions, OutboxEntry) == 1
    assert len(store.stored()) == 3  # the files were written before the transaction failed

    assert file_outbox.clean_orphans() == 2
    assert store.stored() == [_file("kept").sha256]
    assert file_outbox.load_files(kept) == [_file("kept")]
    assert file_outbox.clean_orphans() == 0


def test_shared_content_is_kept_while_any_dossier_references_it(
    file_outbox: Outbox, store: EncryptedFileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = file_outbox.enqueue("key-kept", "P1", {}, files=[_file("same")])
    monkeypatch.setattr(Outbox, "_insert_files", lambda *a: (_ for _ in ()).throw(RuntimeError("crash")))
    with pytest.raises(RuntimeError):
        file_outbox.enqueue("key-lost", "P1", {}, files=[_file("same")])
    monkeypatch.undo()
    assert file_outbox.clean_orphans() == 0
    assert file_outbox.load_files(kept) == [_file("same")]


def test_leftover_temp_file_is_removed(file_outbox: Outbox, store: EncryptedFileStore) -> None:
    data = _file("a").content
    stored = store.put(data)
    # A crash mid-write leaves a half-written temp file next to where the file would go.
    leftover = stored.path.parent / f".{'0' * 64}.dead.tmp"
    leftover.write_bytes(b"half")
    assert store.temp_files() == [leftover]
    assert store.orphans(set()) == [stored.sha256]

    assert store.remove_orphans({stored.sha256}) == 1
    assert not leftover.exists()
    assert store.get(stored.sha256) == data


def test_put_is_idempotent_and_get_verifies(store: EncryptedFileStore) -> None:
    first = store.put(b"hello")
    raw = first.path.read_bytes()
    second = store.put(b"hello")
    assert first == second and first.size == 5
    assert first.path.read_bytes() == raw  # not rewritten
    assert store.get(first.sha256) == b"hello"
    store.delete(first.sha256)
    with pytest.raises(MissingFileError):
        store.get(first.sha256)
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")


def test_tampered_file_gives_a_clear_error(file_outbox: Outbox, store: EncryptedFileStore) -> None:
    f = _file("a")
    dossier_id = file_outbox.enqueue("key-1", "P1", {}, files=[f])
    path = store.path_for(f.sha256)
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedFileError, match=f.sha256):
        file_outbox.load_files(dossier_id)
    path.write_bytes(b"garbage")
    with pytest.raises(DamagedFileError, match="not a sealed kiosk file"):
        store.get(f.sha256)


def test_a_file_renamed_to_another_hash_does_not_open(store: EncryptedFileStore) -> None:
    a, b = store.put(b"first"), store.put(b"second")
    b.path.write_bytes(a.path.read_bytes())
    with pytest.raises(DamagedFileError):
        store.get(b.sha256)


def test_files_still_open_after_key_rotation(file_outbox: Outbox, sealer: Sealer, key_store: Any) -> None:
    dossier_id = file_outbox.enqueue("key-1", "P1", {}, files=[_file("a")])
    key_store.rotate()
    assert file_outbox.load_files(dossier_id) == [_file("a")]
