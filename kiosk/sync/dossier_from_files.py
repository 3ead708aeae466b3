"""A dossier put together outside the citizen's screens (`kiosk dossier create`: staff, training, tests).

The documents come from files, the applicant and answers default to the training portal's sample ones
(kiosk.sandbox.samples) for the procedure, and the way the result comes back is built from an address
written as text. Checking and queueing stay in kiosk.sync.submit, as for the kiosk's own dossiers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.domain.dossier import DeliveryChoice, DossierDocument
from kiosk.portal.models import Procedure

CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
UNKNOWN_TYPE_CODE = "DOC"
# The economy tariff's floor; the portal prices the postage itself on payment.
POSTAGE_QUOTE_VND = 16_500


def dossier_defaults(procedure: Procedure | None,
                     owner: str) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Applicant, answers and document-type codes (mandatory first) for a catalogue procedure: the sample
    answers, for training and tests; empty answers for none."""
    from kiosk.sandbox.samples import SAMPLE_APPLICANT, sample_answers

    applicant: dict[str, Any] = dict(SAMPLE_APPLICANT)
    applicant["id_number"] = owner
    if procedure is None:
        return applicant, {}, []
    ordered = sorted(procedure.documents, key=lambda doc: not doc.mandatory)
    return applicant, sample_answers(procedure, applicant), [doc.type_code for doc in ordered]


def documents_from_files(specs: Sequence[str], type_codes: Sequence[str],
                         owner: str) -> list[DossierDocument]:
    """`[TYPE=]FILE` specs as documents; without TYPE the procedure's components in order. Raises OSError
    (with its filename) for a file that cannot be read."""
    documents = []
    for index, spec in enumerate(specs):
        type_code, sep, path_text = spec.partition("=")
        if not sep:
            type_code, path_text = (type_codes[index] if index < len(type_codes) else UNKNOWN_TYPE_CODE), spec
        path = Path(path_text)
        documents.append(DossierDocument(
            type_code=type_code,
            filename=path.name,
            content_type=CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"),
            content=path.read_bytes(),
            metadata={"owner_id_number": owner, "document_name": type_code},
        ))
    return documents


def delivery_from_text(method_name: str, address_text: str | None, postage: str,
                       applicant: Mapping[str, Any], answers: Mapping[str, Any]) -> DeliveryChoice:
    """The way the result comes back; by post without an address text the applicant's address (the
    answers' `address`, else the card's). ValueError when no address can be made."""
    from kiosk.domain.admin_units import load_admin_units
    from kiosk.domain.dossier import DeliveryMethod, PostageFeePayment, address_from_text

    method = DeliveryMethod(method_name)
    if not method.by_post:
        return DeliveryChoice(method)
    text = address_text or answers.get("address") or applicant.get("address") or ""
    phone = str(applicant.get("phone") or answers.get("phone") or "")
    address = address_from_text(str(text), recipient_name=str(applicant.get("full_name") or ""), phone=phone,
                                units=load_admin_units())
    if address is None:
        raise ValueError(f"cannot tell the commune and province of {text!r}" if text else "no address")
    payment = PostageFeePayment.VIETQR if postage == "vietqr" else PostageFeePayment.CASH_ON_DELIVERY
    return DeliveryChoice(method, address=address, postal_fee_vnd=POSTAGE_QUOTE_VND, fee_payment=payment)
