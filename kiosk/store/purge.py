"""Retention: what leaves the kiosk's disk when its time is up.

Dossiers: after the portal accepted one and the retention period passed, `purge_dossiers` removes its
personal data (the sealed payload, the file rows and the files no other dossier uses); the clear row stays,
marked `purged_at`, and a `dossier.purged` audit event records it. A dossier whose result is to come home
by post stays sealed until its postal order is placed or refused. Audit events age out too.

Receipt PDFs saved at the kiosk ("Lưu PDF") follow the dossiers' retention: a masked name is still the
citizen's, and nothing of a citizen stays longer than their dossier.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import audit
from kiosk.store.models import AuditEvent, ClientStatus, Dossier, DossierFile, OutboxEntry
from kiosk.store.outbox_records import POSTAL_METHODS

log = logging.getLogger(__name__)

DAY_S = 86400


@dataclass(frozen=True)
class RetentionPeriods:
    """How long dossiers stay after the portal accepted them / refused them for good, and audit events."""

    sent: timedelta = timedelta(days=3)
    failed: timedelta = timedelta(days=90)
    audit: timedelta = timedelta(days=365)
    #: A dossier whose result is to come home by post stays (sealed) until its postal order is placed or
    #: refused for good, at most this long after it was sent (longer than any processing time).
    pending_post: timedelta = timedelta(days=60)


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    dossier_ids: tuple[str, ...]
    files_removed: int
    audit_events_removed: int


def purge_dossiers(sessions: sessionmaker[Session], kiosk_id: str, now: datetime, periods: RetentionPeriods,
               *, clean_orphans: Callable[[], int], dry_run: bool = False) -> PurgeReport:
    """Remove the personal data and files of dossiers past their retention period: accepted by the
    portal (`sent`/`duplicate`) more than `periods.sent` ago (but a dossier still waiting for its postal
    order only after `periods.pending_post`), or refused for good and untouched for
    `periods.failed`. Their clear rows stay (marked `purged_at`) with a `dossier.purged` audit event.
    Audit events older than `periods.audit` are deleted. `dry_run` reports without changing anything.
    """
    done = (ClientStatus.SENT.value, ClientStatus.DUPLICATE.value)
    # Kept (sealed) while its result is to come home by post and no order was placed or refused yet:
    # the worker needs the address when the portal says "done" (see OutboxItem.awaits_postal_order).
    awaits_post = (
        func.coalesce(Dossier.delivery_method, "").in_(POSTAL_METHODS)
        & OutboxEntry.delivery_ref.is_(None) & OutboxEntry.delivery_error.is_(None)
        & (func.coalesce(OutboxEntry.server_status, "") != "rejected")
    )
    with sessions() as session:
        rows = session.execute(
            select(OutboxEntry.id, OutboxEntry.dossier_id, OutboxEntry.client_status)
            .join(Dossier, Dossier.id == OutboxEntry.dossier_id)
            .where(Dossier.kiosk_id == kiosk_id)
            .where(OutboxEntry.purged_at.is_(None))
            .where(
                (OutboxEntry.client_status.in_(done) & (OutboxEntry.sent_at <= now - periods.sent)
                 & (~awaits_post | (OutboxEntry.sent_at <= now - periods.pending_post)))
                | (
                    (OutboxEntry.client_status == ClientStatus.FAILED.value)
                    & (OutboxEntry.updated_at <= now - periods.failed)
                )
            )
            .order_by(OutboxEntry.id)
        ).all()
        old_audit = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.at < now - periods.audit)
        ) or 0
    dossier_ids = tuple(dossier_id for _, dossier_id, _ in rows)
    if dry_run:
        return PurgeReport(True, dossier_ids, 0, old_audit)
    for entry_id, dossier_id, status in rows:
        with sessions.begin() as session:
            # Conditional on the status read above: a clerk's "retry" in between wins.
            result = session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.id == entry_id, OutboxEntry.client_status == status,
                       OutboxEntry.purged_at.is_(None))
                .values(purged_at=now, next_status_at=None, updated_at=now)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                continue
            session.execute(delete(DossierFile).where(DossierFile.dossier_id == dossier_id))
            session.execute(
                update(Dossier)
                .where(Dossier.id == dossier_id)
                .values(payload_ciphertext=b"", payload_nonce=b"", key_id="purged")
            )
            audit.record(session, "dossier.purged", kiosk_id, dossier_id, at=now, client_status=status)
    with sessions.begin() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.at < now - periods.audit))
    files_removed = clean_orphans()
    if dossier_ids:
        log.info("outbox: purged %d dossiers past retention, %d files removed", len(dossier_ids),
                 files_removed)
    return PurgeReport(False, dossier_ids, files_removed, old_audit)


def purge_receipt_files(folder: Path, days: int, *, dry_run: bool, now: float | None = None) -> int:
    """Remove the receipt PDFs in `folder` older than `days` (with `dry_run` only count them)."""
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - days * DAY_S
    old = [p for p in folder.glob("*.pdf") if p.stat().st_mtime < cutoff]
    if not dry_run:
        for path in old:
            path.unlink(missing_ok=True)
    return len(old)
