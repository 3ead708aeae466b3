"""Send queued dossiers to the portal, one outbox entry at a time.

The outbox is the source of truth: a dossier is always queued (encrypted) before any attempt to send it,
so a crash or a pulled cable between "queue" and "sent" loses nothing; the idempotency key stored with
the entry makes the retry harmless on the portal side.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol, runtime_checkable

from kiosk.domain.dossier import DeliveryMethod, Dossier, DossierDocument
from kiosk.portal.errors import PortalError, PortalUnauthorized
from kiosk.portal.models import DocumentUpload, DossierSubmission, SubmissionResult
from kiosk.portal.service_models import Address, PickupBooking, PickupRequest
from kiosk.store.crypto import CryptoError, MissingKeyError
from kiosk.store.files import FileStoreError
from kiosk.store.outbox import InvalidTransitionError, Outbox, OutboxFile, OutboxItem, retry_delay

log = logging.getLogger(__name__)


class SubmitsDossiers(Protocol):
    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult: ...


@runtime_checkable
class BooksPickups(Protocol):
    def book_pickup(self, request: PickupRequest, idempotency_key: str) -> PickupBooking: ...


_PICKUP_NAMESPACE = uuid.UUID("0b6c6a5e-3f0e-4d55-8a55-3c6f3b0f9b21")


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


def dossier_of(item: OutboxItem, payload: dict[str, object], files: Sequence[OutboxFile] = ()) -> Dossier:
    """The typed dossier of one outbox entry: its sealed payload plus its files, in order."""
    return Dossier.from_payload(
        item.procedure_code,
        payload,
        assisted_by=item.assisted_by,
        documents=tuple(
            DossierDocument(type_code=file.type_code, filename=file.filename, content_type=file.content_type,
                            content=file.content, metadata=dict(file.metadata))
            for file in files
        ),
    )


def pickup_key(idempotency_key: str) -> str:
    """The home pickup's booking key, derived from the dossier's: a retry books the same slot once."""
    return str(uuid.uuid5(_PICKUP_NAMESPACE, idempotency_key))


def submission_of(
    item: OutboxItem, dossier: Dossier, *, pickup_booking_id: str | None = None,
    citizen_session: str | None = None,
) -> DossierSubmission:
    """The portal request for one dossier: the fields, the delivery part and the documents as the parts
    of the same multipart request."""
    delivery: dict[str, Any] | None = None
    if dossier.delivery.method is not DeliveryMethod.ONLINE:
        choice = dossier.delivery
        delivery = {"method": choice.method.value}
        if choice.by_post:
            assert choice.address is not None
            delivery.update(service=choice.service.value, address=choice.address.to_json(),
                            postal_fee_vnd=choice.postal_fee_vnd, postal_fee_payment=choice.fee_payment.value)
        if choice.pickup_slot_id:
            delivery["pickup_slot_id"] = choice.pickup_slot_id
        if pickup_booking_id:
            delivery["pickup_booking_id"] = pickup_booking_id
    return DossierSubmission(
        idempotency_key=item.idempotency_key,
        kiosk_id=item.kiosk_id,
        procedure_code=item.procedure_code,
        applicant=dict(dossier.applicant),
        answers=dict(dossier.answers),
        documents=tuple(
            DocumentUpload(type_code=doc.type_code, filename=doc.filename, content_type=doc.content_type,
                           content=doc.content, metadata=dict(doc.metadata))
            for doc in dossier.documents
        ),
        assisted_by=item.assisted_by,
        delivery=delivery,
        citizen_session=citizen_session,
    )


def submission_from_payload(
    item: OutboxItem, payload: dict[str, object], files: Sequence[OutboxFile] = ()
) -> DossierSubmission:
    """The portal request for one outbox entry, from its decrypted payload and files."""
    return submission_of(item, dossier_of(item, payload, files))


def book_pickup(portal: object, item: OutboxItem, dossier: Dossier) -> str | None:
    """Book the postman's visit for a home pickup before the dossier goes in (idempotent by a key derived
    from the dossier's); None when the choice is not a pickup. The portal refuses a pickup for a
    procedure that does not take the paper dossier by post (`postal_submission_allowed`)."""
    choice = dossier.delivery
    if choice.method is not DeliveryMethod.PICKUP:
        return None
    if not isinstance(portal, BooksPickups):
        raise TypeError("this portal cannot book a home pickup")
    assert choice.address is not None and choice.pickup_slot_id is not None
    request = PickupRequest(slot_id=choice.pickup_slot_id,
                            address=Address.from_json(choice.address.to_json()),
                            procedure_code=item.procedure_code)
    return portal.book_pickup(request, pickup_key(item.idempotency_key)).booking_id


def send_entry(
    outbox: Outbox, portal: SubmitsDossiers, item: OutboxItem, policy: SendPolicy | None = None,
    *, citizen_session: str | None = None,
) -> SendOutcome | None:
    """Claim `item` and send it. None when another sender claimed it first. `citizen_session` (memory
    only, from the submit use case right after review) files the dossier under the citizen's account.

    A portal error is returned in the outcome (the entry queued again after a back-off, or failed for
    good on a 4xx); a dossier whose own data cannot be read (FileStoreError, CryptoError) is marked failed
    for staff and the error re-raised."""
    policy = policy if policy is not None else SendPolicy()
    try:
        outbox.mark_sending(item.id, lease=policy.lease)
    except InvalidTransitionError:
        return None
    try:
        dossier = dossier_of(item, outbox.load_payload(item.dossier_id), outbox.load_files(item.dossier_id))
        booking = book_pickup(portal, item, dossier)
        submission = submission_of(item, dossier, pickup_booking_id=booking, citizen_session=citizen_session)
        try:
            result = portal.submit_dossier(submission)
        except PortalUnauthorized as error:
            if not citizen_session or error.code != "session_expired":
                raise
            # The citizen's login ran out while they filled the form: file it under the kiosk rather
            # than hold the dossier back (the portal links it to their ID number all the same).
            log.warning("dossier entry %s: the citizen's session expired; sent under the kiosk", item.id)
            result = portal.submit_dossier(submission_of(item, dossier, pickup_booking_id=booking))
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
