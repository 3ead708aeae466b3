"""Send queued dossiers to the portal, one outbox entry at a time.

The outbox is the source of truth: a dossier is always queued (encrypted) before any attempt to send it,
so a crash or a pulled cable between "queue" and "sent" loses nothing; the idempotency key stored with
the entry makes the retry harmless on the portal side.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk.portal.errors import PortalError
from kiosk.portal.models import DocumentUpload, DossierSubmission, SubmissionResult
from kiosk.store.files import FileStoreError
from kiosk.store.outbox import InvalidTransitionError, Outbox, OutboxFile, OutboxItem

log = logging.getLogger(__name__)


class SubmitsDossiers(Protocol):
    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult: ...


@dataclass(frozen=True)
class SendOutcome:
    entry_id: int
    dossier_code: str | None
    sent: bool
    error: PortalError | None = None

    @property
    def permanent_failure(self) -> bool:
        return self.error is not None and not self.error.retryable


def submission_from_payload(
    item: OutboxItem, payload: dict[str, object], files: Sequence[OutboxFile] = ()
) -> DossierSubmission:
    """The portal request for one outbox entry: its decrypted payload plus its files, in order, as the
    documents of the same multipart request."""
    applicant = payload.get("applicant") or {}
    answers = payload.get("answers") or {}
    assert isinstance(applicant, dict) and isinstance(answers, dict)
    return DossierSubmission(
        idempotency_key=item.idempotency_key,
        kiosk_id=item.kiosk_id,
        procedure_code=item.procedure_code,
        applicant={str(k): (None if v is None else str(v)) for k, v in applicant.items()},
        answers=dict(answers),
        documents=tuple(
            DocumentUpload(
                type_code=file.type_code,
                filename=file.filename,
                content_type=file.content_type,
                content=file.content,
                metadata=dict(file.metadata),
            )
            for file in files
        ),
        assisted_by=item.assisted_by,
    )


def send_entry(outbox: Outbox, portal: SubmitsDossiers, item: OutboxItem) -> SendOutcome | None:
    """Claim `item` and send it. None when another sender claimed it first."""
    try:
        outbox.mark_sending(item.id)
    except InvalidTransitionError:
        return None
    try:
        submission = submission_from_payload(
            item, outbox.load_payload(item.dossier_id), outbox.load_files(item.dossier_id)
        )
        result = portal.submit_dossier(submission)
    except FileStoreError as error:
        # A stored file is missing or damaged: retrying cannot help, staff must look at it.
        outbox.mark_failed(item.id, f"dossier files unreadable: {error}", permanent=True)
        log.error("dossier entry %s not sent: its files are unreadable (%s)", item.id, type(error).__name__)
        raise
    except PortalError as error:
        # The reason is technical and free of personal data (the client never echoes the dossier).
        outbox.mark_failed(item.id, str(error), permanent=not error.retryable)
        log.warning("dossier entry %s not sent (%s, retryable=%s)", item.id, type(error).__name__,
                    error.retryable)
        return SendOutcome(item.id, None, sent=False, error=error)
    except BaseException:
        # Anything unexpected: put the entry back in the queue rather than strand it in "sending".
        outbox.mark_failed(item.id, "unexpected error while sending", permanent=False)
        raise
    outbox.mark_sent(item.id, result.dossier_code, duplicate=result.duplicate)
    log.info("dossier entry %s sent as %s%s", item.id, result.dossier_code,
             " (duplicate)" if result.duplicate else "")
    return SendOutcome(item.id, result.dossier_code, sent=True)


def drain(outbox: Outbox, portal: SubmitsDossiers, *, limit: int = 100) -> list[SendOutcome]:
    """Send every entry that is due now (at most `limit`), oldest first; stop at the first outage so a
    dead link is not hammered once per queued dossier."""
    outcomes: list[SendOutcome] = []
    while len(outcomes) < limit:
        item = outbox.next_to_send()
        if item is None:
            break
        outcome = send_entry(outbox, portal, item)
        if outcome is None:
            continue
        outcomes.append(outcome)
        if outcome.error is not None and outcome.error.retryable:
            break
    return outcomes
