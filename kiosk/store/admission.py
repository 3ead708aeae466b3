"""Admission limits: the kiosk refuses to start a new dossier while it cannot keep its promise to send it
(too many unsent, the oldest waiting too long, a stale procedure catalogue). Asked before a citizen starts;
a refusal is logged and audited so staff see it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.notice import Notice
from kiosk.store import audit
from kiosk.store.models import ClientStatus, Dossier, OutboxEntry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdmissionRefusal:
    """Why the kiosk will not take a new dossier now (see `Outbox.admission`)."""

    code: str  # "queue_too_old" | "queue_too_large" | "catalogue_stale"
    detail: str  # for staff and logs: the numbers behind the decision

    @property
    def notice(self) -> Notice:
        """What to tell the citizen (kiosk.ui.texts has the words)."""
        return Notice(f"admission.{self.code}")


#: Every code a refusal may say (kiosk.ui.notice_texts has words for each).
NOTICE_CODES: frozenset[str] = frozenset({"admission.queue_too_large", "admission.queue_too_old",
                                          "admission.catalogue_stale"})


@dataclass(frozen=True)
class QueueLimits:
    """Thresholds for `Outbox.admission` (built from kiosk.config.LimitsConfig)."""

    max_queue_age: timedelta = timedelta(hours=48)
    max_queue_size: int = 200
    max_catalogue_age: timedelta = timedelta(days=7)


def check_admission(
sessions: sessionmaker[Session], kiosk_id: str, now: datetime, limits: QueueLimits,
catalogue_fetched_at: datetime | None = None,
) -> AdmissionRefusal | None:
    """None when a new dossier may be started; otherwise why not. Call before a citizen starts.

    Refuses when the oldest unsent dossier waited longer than `limits.max_queue_age`, when more than
    `limits.max_queue_size` dossiers are unsent (queued, sending or failed), or when the catalogue
    (fetched at `catalogue_fetched_at`, if given) is older than `limits.max_catalogue_age`. A refusal
    is logged and audited, so staff see it.
    """
    unsent = (ClientStatus.QUEUED.value, ClientStatus.SENDING.value, ClientStatus.FAILED.value)
    with sessions() as session:
        count, oldest = session.execute(
            select(func.count(), func.min(OutboxEntry.created_at))
            .join(Dossier, Dossier.id == OutboxEntry.dossier_id)
            .where(OutboxEntry.client_status.in_(unsent))
            .where(Dossier.kiosk_id == kiosk_id)
        ).one()
    refusal: AdmissionRefusal | None = None
    if oldest is not None:
        oldest = oldest if oldest.tzinfo is not None else oldest.replace(tzinfo=now.tzinfo)
    if count >= limits.max_queue_size:
        refusal = AdmissionRefusal(
            "queue_too_large",
            f"{count} unsent dossiers (limit {limits.max_queue_size})",
        )
    elif oldest is not None and now - oldest > limits.max_queue_age:
        hours = (now - oldest).total_seconds() / 3600
        refusal = AdmissionRefusal(
            "queue_too_old",
            f"oldest unsent dossier waited {hours:.1f} h (limit "
            f"{limits.max_queue_age.total_seconds() / 3600:g} h)",
        )
    elif catalogue_fetched_at is not None and now - catalogue_fetched_at > limits.max_catalogue_age:
        hours = (now - catalogue_fetched_at).total_seconds() / 3600
        refusal = AdmissionRefusal(
            "catalogue_stale",
            f"catalogue is {hours:.1f} h old "
            f"(limit {limits.max_catalogue_age.total_seconds() / 3600:g} h)",
        )
    if refusal is not None:
        log.warning("STAFF ALERT: new dossiers refused (%s): %s", refusal.code, refusal.detail)
        with sessions.begin() as session:
            audit.record(session, "outbox.admission_refused", kiosk_id, None, at=now,
                         reason=refusal.code, detail=refusal.detail)
    return refusal
