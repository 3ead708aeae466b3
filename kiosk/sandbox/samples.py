"""Valid sample dossiers for any catalogue procedure: for tests, demos and training mode.

`sample_submission(procedure)` fills every form field from a fictitious citizen (the synthetic card in
shared/DOMAIN.md §1) and attaches a small, well-formed PDF for every mandatory document, so the
sandbox accepts it as is. The people and documents are invented.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from kiosk.portal.models import DocumentUpload, DossierSubmission, FormField, Procedure

SAMPLE_APPLICANT: dict[str, str | None] = {
    "full_name": "Nguyễn Văn An",
    "id_number": "001089012345",
    "old_id_number": "123456789",
    "date_of_birth": "1989-07-15",
    "sex": "M",
    "address": "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
    "issue_date": "2021-05-20",
    "phone": "0912345678",
}

# Values tried, in order, for a text field with a pattern.
_PATTERNED_CANDIDATES = ("001089012345", "0912345678", "123456789", "1", "A")


def tiny_pdf(title: str) -> bytes:
    """A one-page blank A4 PDF whose Info title makes each sample's bytes (and hash) different."""
    safe_title = "".join(ch for ch in title if (ch.isascii() and ch.isalnum()) or ch in " -_.")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        f"<< /Title ({safe_title}) /Producer (kiosk sandbox samples) >>".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n".encode("ascii")
    out += f"startxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


def sample_document(type_code: str, *, label: str = "", owner_id: str = "001089012345") -> DocumentUpload:
    return DocumentUpload(
        type_code=type_code,
        filename=f"{type_code.lower()}{'-' + label if label else ''}.pdf",
        content_type="application/pdf",
        content=tiny_pdf(f"{type_code} {label}".strip()),
        metadata={"owner_id_number": owner_id, "document_name": type_code, "page_count": 1},
    )


def _sample_value(spec: FormField, applicant: dict[str, str | None]) -> Any:
    if spec.prefill is not None:
        value = applicant.get(spec.prefill.removeprefix("card."))
        if value is not None:
            return value
    rules = spec.validation
    if spec.type == "select":
        return spec.options[0].value
    if spec.type == "checkbox":
        return True
    if spec.type == "number":
        return int(rules.min) if rules.min is not None else 1
    if spec.type == "date":
        return "2025-06-01"
    if spec.type == "phone":
        return applicant.get("phone") or "0912345678"
    if rules.pattern is not None:
        for candidate in _PATTERNED_CANDIDATES:
            if re.fullmatch(rules.pattern, candidate):
                return candidate
        raise ValueError(f"no sample value fits the pattern of field {spec.name!r}")
    text = f"Mẫu {spec.label.vi.lower()}"
    return text[: rules.max_length] if rules.max_length else text


def sample_answers(procedure: Procedure, applicant: dict[str, str | None] | None = None) -> dict[str, Any]:
    person = SAMPLE_APPLICANT if applicant is None else applicant
    return {spec.name: _sample_value(spec, person) for spec in procedure.form.fields}


def sample_submission(
    procedure: Procedure,
    *,
    idempotency_key: str | None = None,
    kiosk_id: str = "KIOSK-SANDBOX-01",
    optional_documents: bool = False,
    assisted_by: str | None = None,
) -> DossierSubmission:
    """A dossier the sandbox accepts: all fields answered, every mandatory document (and, if asked, every
    optional one) attached."""
    documents = tuple(
        sample_document(doc.type_code, label=str(index))
        for index, doc in enumerate(procedure.documents)
        if doc.mandatory or optional_documents
    )
    return DossierSubmission(
        idempotency_key=idempotency_key or str(uuid.uuid4()),
        kiosk_id=kiosk_id,
        procedure_code=procedure.code,
        applicant=dict(SAMPLE_APPLICANT),
        answers=sample_answers(procedure),
        documents=documents,
        assisted_by=assisted_by,
    )
