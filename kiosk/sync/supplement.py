"""Supplement ("bổ sung hồ sơ"): add documents to a dossier the portal marked `needs_more_information`.

Idempotent like submission: the key is derived from the dossier code and the documents' SHA-256, so a
retry after a timeout (or a second tap) never adds the same papers twice, and new papers make a new
supplement. The documents are sent at once (the citizen is at the kiosk and sees the answer).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from typing import Protocol

from kiosk.domain.dossier import DossierDocument
from kiosk.portal.models import DocumentUpload, SubmissionResult

_SUPPLEMENT_NAMESPACE = uuid.UUID("2f6b8a0c-5d1e-4c8b-9a57-6e0d2b7c4f93")


class SupplementsDossiers(Protocol):
    def supplement_dossier(
        self, code: str, documents: Sequence[DocumentUpload], idempotency_key: str, note: str | None = None
    ) -> SubmissionResult: ...


def supplement_key(dossier_code: str, documents: Sequence[DossierDocument]) -> str:
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.type_code.encode() + b"\0" + hashlib.sha256(document.content).digest())
    return str(uuid.uuid5(_SUPPLEMENT_NAMESPACE, f"{dossier_code}:{digest.hexdigest()}"))


def supplement_dossier(
    portal: SupplementsDossiers, dossier_code: str, documents: Sequence[DossierDocument],
    note: str | None = None,
) -> SubmissionResult:
    """Send the added documents; the portal's answer (its status goes back to processing)."""
    if not documents:
        raise ValueError("a supplement needs at least one document")
    uploads = [DocumentUpload(type_code=d.type_code, filename=d.filename, content_type=d.content_type,
                              content=d.content, metadata=dict(d.metadata)) for d in documents]
    return portal.supplement_dossier(dossier_code, uploads, supplement_key(dossier_code, documents), note)
