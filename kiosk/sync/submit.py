"""Submit: the one use case from "the citizen confirmed the review" to the outbox (and, when the portal
answers, to the portal). The controller, `kiosk dossier create`, the benches and the tests call it; none
of them knows the shape of the sealed payload.

    outcome = submit_dossier(outbox, portal, dossier, key)              # the kiosk, right after review
    dossier_id = queue_dossier(outbox, dossier, key)                    # the CLI: the worker sends it

The dossier is queued (encrypted, files first, fsynced) before any attempt to send it: nothing is lost
if the power or the network goes while the citizen waits. A send that fails leaves it queued for the
worker; the citizen's portal session is used for the immediate attempt only (it lives in memory).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kiosk.domain.applicant import (
    AUTHORISATION_NAME_EN,
    AUTHORISATION_NAME_VI,
    AUTHORISATION_TYPE_CODE,
    ApplicantKind,
    applicant_problems,
    kind_of,
)
from kiosk.domain.dossier import DeliveryMethod, Dossier
from kiosk.domain.notice import Notice
from kiosk.portal.client import IDEMPOTENCY_KEY_RE
from kiosk.portal.models import LocalizedText, Procedure, RequiredDocument
from kiosk.store.outbox import Outbox, OutboxFile
from kiosk.sync.lifecycle import DossierLifecycle
from kiosk.sync.sender import SendOutcome, SubmitsDossiers, send_entry

#: The file types of the contract (openapi.yaml: documents' content_type).
PORTAL_FILE_TYPES = ("application/pdf", "image/jpeg", "image/png")


class DossierRefused(ValueError):
    """The dossier cannot be accepted as it is (checked against the catalogue before queueing).
    `notices` say why to people (codes, kiosk.ui.texts has the words); `str()` is English for logs."""

    def __init__(self, notices: Sequence[Notice], detail: str) -> None:
        super().__init__(detail)
        self.notices = tuple(notices)

    @classmethod
    def one(cls, code: str, detail: str, **params: str) -> DossierRefused:
        return cls([Notice(code, params)], detail)


#: Every code a refusal may say besides the applicant's problems (kiosk.domain.applicant.NOTICE_CODES).
NOTICE_CODES: frozenset[str] = frozenset({
    "submit.unknown_procedure", "submit.unknown_document", "submit.file_type", "submit.missing_documents",
    "submit.no_postal_return", "submit.no_pickup",
})


@dataclass(frozen=True)
class SubmitOutcome:
    dossier_id: str
    entry_id: int
    #: The portal's dossier code when it accepted the dossier now; None when it waits in the outbox.
    dossier_code: str | None
    send: SendOutcome | None = None


def authorisation_component() -> RequiredDocument:
    """The authorisation document (văn bản ủy quyền) a representative attaches to any dossier."""
    name = LocalizedText(AUTHORISATION_NAME_VI, AUTHORISATION_NAME_EN)
    return RequiredDocument(AUTHORISATION_TYPE_CODE, name, mandatory=True, copies=1)


def components_for(procedure: Procedure, applicant: Mapping[str, Any]) -> tuple[RequiredDocument, ...]:
    """The procedure's components as this applicant must bring them: filing for someone else, the
    authorisation document is added (or made mandatory where the procedure lists it as optional)."""
    if kind_of(applicant) is not ApplicantKind.REPRESENTATIVE:
        return procedure.documents
    # Named plainly: the catalogue's "(nếu nộp thay)" has become "you must".
    listed = [replace(doc, mandatory=True, name=authorisation_component().name)
              if doc.type_code == AUTHORISATION_TYPE_CODE else doc for doc in procedure.documents]
    if not any(doc.type_code == AUTHORISATION_TYPE_CODE for doc in listed):
        listed.append(authorisation_component())
    return tuple(listed)


def check_against(procedure: Procedure | None, dossier: Dossier, procedure_code: str | None = None) -> None:
    """Refuse what the portal can never accept: an unknown procedure, a document type it does not list,
    a file type it does not take, a delivery by post it does not offer."""
    code = procedure_code or dossier.procedure_code
    if procedure is None:
        raise DossierRefused.one("submit.unknown_procedure",
                                 f"procedure {code} is not in the portal's catalogue", procedure=str(code))
    problems = applicant_problems(dossier.applicant)
    if problems:
        raise DossierRefused([p.notice for p in problems],
                             "the applicant is not acceptable: " + "; ".join(p.detail for p in problems))
    specs = {doc.type_code: doc for doc in procedure.documents}
    representative = kind_of(dossier.applicant) is ApplicantKind.REPRESENTATIVE
    if representative and AUTHORISATION_TYPE_CODE not in specs:
        # Filing for someone else, the authorisation goes with any procedure's dossier.
        specs[AUTHORISATION_TYPE_CODE] = authorisation_component()
    for document in dossier.documents:
        spec = specs.get(document.type_code)
        if spec is None:
            raise DossierRefused.one(
                "submit.unknown_document",
                f"procedure {code} has no document type {document.type_code} "
                f"(it takes {', '.join(sorted(specs)) or 'none'})",
                procedure=str(code), type_code=document.type_code)
        if document.content_type.split(";")[0].strip().lower() not in PORTAL_FILE_TYPES:
            raise DossierRefused.one(
                "submit.file_type",
                f"the portal does not take {document.filename} ({document.content_type}); "
                "only PDF, JPEG or PNG",
                filename=document.filename, content_type=document.content_type)
    attached = {document.type_code for document in dossier.documents}
    missing = [doc.type_code for doc in procedure.documents
               if doc.mandatory and doc.type_code not in attached]
    if representative and AUTHORISATION_TYPE_CODE not in attached:
        missing.append(AUTHORISATION_TYPE_CODE)
    if missing:
        listed = ", ".join(missing)
        raise DossierRefused.one("submit.missing_documents", f"mandatory documents missing: {listed}",
                                 type_codes=listed)
    method = dossier.delivery.method
    if method.by_post and not procedure.postal_return_allowed:
        raise DossierRefused.one("submit.no_postal_return",
                                 f"procedure {code} does not return results by post", procedure=str(code))
    if method is DeliveryMethod.PICKUP and not procedure.postal_submission_allowed:
        raise DossierRefused.one("submit.no_pickup",
                                 f"procedure {code} does not take the paper dossier by post (no home pickup)",
                                 procedure=str(code))


def outbox_files(dossier: Dossier) -> list[OutboxFile]:
    return [
        OutboxFile(type_code=doc.type_code, filename=doc.filename, content_type=doc.content_type,
                   content=doc.content, metadata=dict(doc.metadata))
        for doc in dossier.documents
    ]


def queue_dossier(outbox: Outbox, dossier: Dossier, idempotency_key: str) -> str:
    """Seal the dossier and its files into the outbox (idempotent by the key); returns its dossier id.
    A key the portal would refuse is refused here: queued, it would fail every worker round."""
    if not IDEMPOTENCY_KEY_RE.fullmatch(idempotency_key):
        raise ValueError("idempotency key must be 8–128 characters of A–Z a–z 0–9 . _ : -")
    return outbox.enqueue(
        idempotency_key, dossier.procedure_code, dossier.payload(), files=outbox_files(dossier),
        assisted_by=dossier.assisted_by, delivery_method=dossier.delivery.method.value,
    )


def submit_dossier(
    outbox: Outbox, portal: SubmitsDossiers, dossier: Dossier, idempotency_key: str,
    lifecycle: DossierLifecycle | None = None,
) -> SubmitOutcome:
    """Queue the dossier, then try to send it at once (under the citizen's portal session, if any).
    `lifecycle` hears what happened (filed online or queued, the delivery chosen) for the fleet's reports."""
    dossier_id = queue_dossier(outbox, dossier, idempotency_key)
    item = outbox.for_dossier(dossier_id)
    if item.dossier_code is not None:  # a second tap on "submit": it is on the portal already
        return SubmitOutcome(dossier_id, item.id, item.dossier_code)
    session = dossier.portal_session.token if dossier.portal_session is not None else None
    send = send_entry(outbox, portal, item, citizen_session=session)
    code = send.dossier_code if send is not None and send.sent else None
    if lifecycle is not None:
        method = dossier.delivery.method.value
        lifecycle.record("delivery_chosen", dossier_id, dossier.procedure_code, delivery=method)
        lifecycle.record("submitted_online" if code else "queued", dossier_id, dossier.procedure_code,
                         delivery=method)
        if code and dossier.delivery.method is DeliveryMethod.PICKUP:
            lifecycle.record("received_by_post", dossier_id, dossier.procedure_code, delivery=method)
    return SubmitOutcome(dossier_id, item.id, code, send)
