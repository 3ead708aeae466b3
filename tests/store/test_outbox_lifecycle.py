"""Outbox life cycle beyond sending: staff retry, admission limits, retention purge, key rotation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.files import EncryptedFileStore
from kiosk.store.models import AuditEvent, ClientStatus
from kiosk.store.outbox import (
    InvalidTransitionError,
    Outbox,
    OutboxFile,
    QueueLimits,
    RetentionPeriods,
)
from tests.store.conftest import FakeClock

PROC = "1.000894.000.00.00.H26"


@pytest.fixture
def files_outbox(sessions: sessionmaker[Session], sealer: Sealer, clock: FakeClock, tmp_path: Path) -> Outbox:
    return Outbox(sessions, sealer, "hn-buudien-01", clock=clock,
                  files=EncryptedFileStore(tmp_path / "files", sealer))


def _doc(n: int) -> OutboxFile:
    return OutboxFile("GCS", f"doc-{n}.pdf", "application/pdf", f"%PDF-1.4 document {n}".encode(),
                      {"owner_id_number": "001089012345"})


def _send(outbox: Outbox, key: str, *, files: int = 0) -> int:
    dossier_id = outbox.enqueue(key, PROC, {"applicant": {"full_name": "Nguyễn Văn An"}},
                                files=[_doc(i) for i in range(files)])
    entry = outbox.for_dossier(dossier_id).id
    outbox.mark_sending(entry)
    outbox.mark_sent(entry, f"000.00.00.H26-241123-{entry:04d}")
    return entry


def test_staff_retry_requeues_a_failed_entry_now_and_is_audited(outbox: Outbox, clock: FakeClock,
                                                                sessions: sessionmaker[Session]) -> None:
    outbox.enqueue("retry-test-01", PROC, {})
    outbox.mark_sending(1)
    outbox.mark_failed(1, "HTTP 422 invalid_dossier", permanent=True)
    clock.advance(hours=2)

    item = outbox.retry(1)
    assert item.client_status is ClientStatus.QUEUED and item.next_attempt_at == clock.now
    assert item.attempts == 1, "the record of attempts stays"
    assert outbox.next_to_send() is not None
    with sessions() as session:
        assert "dossier.retry_requested" in session.scalars(select(AuditEvent.kind)).all()
    outbox.mark_sending(1)
    with pytest.raises(InvalidTransitionError):
        outbox.retry(1)


def test_admission_refuses_when_the_queue_is_too_large_too_old_or_the_catalogue_stale(
    outbox: Outbox, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    limits = QueueLimits(max_queue_age=timedelta(hours=24), max_queue_size=3,
                         max_catalogue_age=timedelta(days=7))
    assert outbox.admission(limits, catalogue_fetched_at=clock.now) is None
    for n in range(2):
        outbox.enqueue(f"admission-{n:02d}", PROC, {})
    assert outbox.admission(limits) is None

    clock.advance(hours=25)
    too_old = outbox.admission(limits)
    assert too_old is not None and too_old.code == "queue_too_old"
    assert too_old.notice.code == "admission.queue_too_old"  # the words: kiosk.ui.notice_texts

    outbox.enqueue("admission-02", PROC, {})
    too_many = outbox.admission(limits)
    assert too_many is not None and too_many.code == "queue_too_large" and "3 unsent" in too_many.detail

    big = QueueLimits(max_queue_age=timedelta(days=30), max_queue_size=100,
                      max_catalogue_age=timedelta(days=7))
    stale = outbox.admission(big, catalogue_fetched_at=clock.now - timedelta(days=8))
    assert stale is not None and stale.code == "catalogue_stale"
    with sessions() as session:
        reasons = [e.detail["reason"] for e in session.scalars(
            select(AuditEvent).where(AuditEvent.kind == "outbox.admission_refused"))]
    assert reasons == ["queue_too_old", "queue_too_large", "catalogue_stale"]


def test_purge_waits_for_the_portal_and_the_retention_period(
    files_outbox: Outbox, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    outbox = files_outbox
    sent = _send(outbox, "purge-sent-01", files=2)
    queued_id = outbox.enqueue("purge-queued-01", PROC, {"applicant": {}}, files=[_doc(7)])
    periods = RetentionPeriods(sent=timedelta(days=3), failed=timedelta(days=90), audit=timedelta(days=365))

    clock.advance(days=2)
    assert outbox.purge(periods).dossier_ids == ()
    clock.advance(days=2)
    dry = outbox.purge(periods, dry_run=True)
    sent_dossier = outbox.get(sent).dossier_id
    assert dry.dry_run and dry.dossier_ids == (sent_dossier,)
    assert outbox.load_files(sent_dossier), "a dry run changes nothing"

    report = outbox.purge(periods)
    assert report.dossier_ids == (sent_dossier,) and report.files_removed == 2
    assert outbox.load_files(sent_dossier) == []
    assert outbox.get(sent).purged_at == clock.now
    # The unsent dossier keeps everything, however old.
    assert outbox.load_payload(queued_id) == {"applicant": {}} and len(outbox.load_files(queued_id)) == 1
    assert outbox.purge(periods).dossier_ids == (), "purging twice does nothing"

    clock.advance(days=366)
    assert outbox.purge(periods).audit_events_removed > 0
    with sessions() as session:
        remaining = session.scalars(select(AuditEvent.kind)).all()
    assert remaining == [], "audit events older than their retention are deleted too"


def test_key_rotation_reseals_payloads_metadata_and_files_with_the_new_key(
    files_outbox: Outbox, key_store: DataKeyStore, tmp_path: Path
) -> None:
    outbox = files_outbox
    dossier_id = outbox.enqueue("rotate-01", PROC, {"applicant": {"full_name": "Nguyễn Văn An"}},
                                files=[_doc(1), _doc(2)])
    old_key = key_store.current().key_id
    assert outbox.files is not None
    shas = outbox.files.stored()

    old, report = outbox.rotate_key()
    assert old == old_key and report.key_id != old_key
    assert (report.payloads, report.file_metadata, report.files) == (1, 2, 2)
    assert {outbox.files.key_id_of(sha) for sha in shas} == {report.key_id}
    assert outbox.load_payload(dossier_id)["applicant"]["full_name"] == "Nguyễn Văn An"
    assert [f.filename for f in outbox.load_files(dossier_id)] == ["doc-1.pdf", "doc-2.pdf"]
    again = outbox.reseal()
    assert (again.payloads, again.file_metadata, again.files) == (0, 0, 0)
