"""Send queued dossiers to the portal, one outbox entry at a time.

The outbox is the source of truth: a dossier is always queued (encrypted) before any attempt to send it,
so a crash or a pulled cable between "queue" and "sent" loses nothing; the idempotency key stored with
the entry makes the retry harmless on the portal side.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from kiosk.portal.errors import PortalError
from kiosk.portal.models import DocumentUpload, DossierSubmission, SubmissionResult
from kiosk.store.crypto import CryptoError, MissingKeyError
from kiosk.store.files import FileStoreError
from kiosk.store.outbox import InvalidTransitionError, Outbox, OutboxFile, OutboxItem, retry_delay

log = logging.getLogger(__name__)


class SubmitsDossiers(Protocol):
    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult: ...


@dataclass(frozen=True)
class SendPolicy:
    """Back-off between a dossier's attempts (exponential, with jitter) and how long a claim lasts."""

    retry_first: timedelta = timedelta(seconds=30)
    retry_max: timedelta = timedelta(hours=1)
    jitter: float = 0.2
    lease: timedelta = timedelta(minutes=10)
    #: When to pull the portal's status of a dossier it just accepted (it answered "received" already).
    first_status_pull: timedelta = timedelta(minutes=15)
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempts: int) -> timedelta:
        return retry_delay(attempts, self.retry_first, self.retry_max, self.jitter, self.rng)


def staff_reason(error: PortalError) -> str:
    """What staff read for a failed attempt: the technical line plus the portal's own reason, if any."""
    text = str(error)
    if error.portal_message_vi and error.portal_message_vi not in text:
        text = f"{text} — {error.portal_message_vi}"
    return text


def key_problem(error: CryptoError) -> str:
    if isinstance(error, MissingKeyError):
        return (f"không có khóa giải mã trong keyring / the data key is missing from the keyring: {error}")
    return f"khóa giải mã không đúng / wrong data key or altered data: {error}"


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


def send_entry(
    outbox: Outbox, portal: SubmitsDossiers, item: OutboxItem, policy: SendPolicy | None = None
) -> SendOutcome | None:
    """Claim `item` and send it. None when another sender claimed it first.

    A portal error is returned in the outcome (the entry queued again after a back-off, or failed for
    good on a 4xx); a dossier whose own data cannot be read (FileStoreError, CryptoError) is marked failed
    for staff and the error re-raised."""
    policy = policy if policy is not None else SendPolicy()
    try:
        outbox.mark_sending(item.id, lease=policy.lease)
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
    except CryptoError as error:
        # Without the right key nothing can be sent; staff restore the keyring, then `outbox retry`.
        outbox.mark_failed(item.id, key_problem(error), permanent=True)
        log.error("dossier entry %s not sent: its data does not open (%s)", item.id, type(error).__name__)
        raise
    except PortalError as error:
        # The reason is technical and free of personal data (the client never echoes the dossier).
        permanent = not error.retryable
        outbox.mark_failed(item.id, staff_reason(error), permanent=permanent,
                           delay=None if permanent else policy.delay(item.attempts + 1))
        log.warning("dossier entry %s not sent (%s, retryable=%s)", item.id, type(error).__name__,
                    error.retryable)
        return SendOutcome(item.id, None, sent=False, error=error)
    except BaseException:
        # Anything unexpected: put the entry back in the queue rather than strand it in "sending".
        outbox.mark_failed(item.id, "unexpected error while sending", permanent=False,
                           delay=policy.delay(item.attempts + 1))
        raise
    outbox.mark_sent(item.id, result.dossier_code, duplicate=result.duplicate,
                     first_status_pull=policy.first_status_pull)
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
