"""Key re-sealing: after a new data key (`kiosk keys rotate`), every payload, file metadata and stored file
of this kiosk's dossiers is encrypted again with it. Interrupted, it simply runs again: whatever is not
resealed yet still opens with its old key, which stays in the keyring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import audit
from kiosk.store.crypto import SealedBlob, Sealer
from kiosk.store.files import EncryptedFileStore
from kiosk.store.models import Dossier, DossierFile
from kiosk.store.outbox_records import file_aad, payload_aad


@dataclass(frozen=True)
class ResealReport:
    key_id: str
    payloads: int
    file_metadata: int
    files: int


def reseal_all(sessions: sessionmaker[Session], sealer: Sealer, kiosk_id: str, now: datetime,
           files: EncryptedFileStore | None) -> ResealReport:
    """Re-encrypt every payload, file metadata and stored file with the current data key (after
    `DataKeyStore.rotate()`). Interrupted, it can simply run again: whatever is not resealed yet still
    opens with its old key, which stays in the keyring."""
    key_id = sealer.current_key_id()
    payloads = metadata = resealed_files = 0
    with sessions() as session:
        dossier_ids = list(session.scalars(
            select(Dossier.id)
            .where(Dossier.key_id != key_id, Dossier.key_id != "purged", Dossier.kiosk_id == kiosk_id)
        ))
        file_ids = list(session.scalars(
            select(DossierFile.id)
            .join(Dossier, Dossier.id == DossierFile.dossier_id)
            .where(DossierFile.key_id != key_id, Dossier.kiosk_id == kiosk_id)
        ))
    for dossier_id in dossier_ids:
        with sessions.begin() as session:
            dossier = session.get(Dossier, dossier_id)
            if dossier is None or not dossier.payload_ciphertext:
                continue
            aad = payload_aad(dossier_id)
            plain = sealer.open(
                SealedBlob(dossier.key_id, dossier.payload_nonce, dossier.payload_ciphertext), aad
            )
            blob = sealer.seal(plain, aad)
            dossier.payload_ciphertext, dossier.payload_nonce, dossier.key_id = (
                blob.ciphertext, blob.nonce, blob.key_id
            )
            payloads += 1
    shas: set[str] = set()
    for file_id in file_ids:
        with sessions.begin() as session:
            row = session.get(DossierFile, file_id)
            if row is None:
                continue
            aad = file_aad(row.dossier_id, row.position, row.sha256)
            plain = sealer.open(SealedBlob(row.key_id, row.metadata_nonce, row.metadata_ciphertext),
                                      aad)
            blob = sealer.seal(plain, aad)
            row.metadata_ciphertext, row.metadata_nonce = blob.ciphertext, blob.nonce
            row.key_id = blob.key_id
            metadata += 1
    if files is not None:
        with sessions() as session:
            shas.update(session.scalars(
                select(DossierFile.sha256).join(Dossier, Dossier.id == DossierFile.dossier_id)
                .where(Dossier.kiosk_id == kiosk_id).distinct()
            ))
        for sha in sorted(shas):
            if files.key_id_of(sha) != key_id:
                files.reseal(sha)
                resealed_files += 1
    with sessions.begin() as session:
        audit.record(session, "keys.resealed", kiosk_id, None, at=now, key_id=key_id,
                     payloads=payloads, file_metadata=metadata, files=resealed_files)
    return ResealReport(key_id, payloads, metadata, resealed_files)
