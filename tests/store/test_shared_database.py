"""Stations sharing one database (PostgreSQL in a one-stop centre; the same code on a SQLite file): each
dossier is claimed and sent exactly once, by the station that took it in (its key and files are its own)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.keyring_file import ProtectedFileKeyring
from kiosk.store.models import AuditEvent, ClientStatus
from kiosk.store.outbox import Outbox, QueueLimits, RetentionPeriods
from tests.store.conftest import FakeClock, MemoryKeyring, join_or_kill, postgresql_only
from tests.store.station_worker import sender_barrier, start_sender

PROC = "1.001612.000.00.00.H48"


def _station(sessions: sessionmaker[Session], kiosk_id: str, clock: FakeClock | None = None) -> Outbox:
    """A station with a keyring of its own (as on its own machine)."""
    sealer = Sealer(DataKeyStore(backend=MemoryKeyring()))
    return Outbox(sessions, sealer, kiosk_id, clock=clock) if clock else Outbox(sessions, sealer, kiosk_id)


def test_two_stations_with_several_senders_each_send_every_dossier_exactly_once(
    db_url: str, engine: Engine, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    per_station = 15
    stations = {"hn-motcua-01": tmp_path / "keys-01.json", "hn-motcua-02": tmp_path / "keys-02.json"}
    queued: dict[str, str] = {}  # dossier id -> station
    for kiosk_id, keyring_file in stations.items():
        outbox = Outbox(sessions, Sealer(DataKeyStore(backend=ProtectedFileKeyring(keyring_file))), kiosk_id)
        for n in range(per_station):
            dossier_id = outbox.enqueue(f"{kiosk_id}-{n:03d}", PROC, {"applicant": {"full_name": "Tám"}})
            queued[dossier_id] = kiosk_id

    # Three senders per station, released together: two claim with row locks, one looks then claims.
    # Each is a process of its own (forked: see station_worker); no connection of ours crosses the fork.
    engine.dispose()
    senders = [(kiosk_id, keyring_file, mode) for kiosk_id, keyring_file in stations.items()
               for mode in ("claim", "claim", "look")]
    barrier = sender_barrier(len(senders))
    outputs = [tmp_path / f"sender-{n}.txt" for n in range(len(senders))]
    processes = [start_sender(db_url, kiosk_id, keyring_file, mode, barrier, out)
                 for (kiosk_id, keyring_file, mode), out in zip(senders, outputs, strict=True)]
    assert join_or_kill(processes, 120) == [0] * len(processes)
    results = [out.read_text(encoding="utf-8") for out in outputs]

    sent = [line.split() for out in results for line in out.splitlines()]
    counts = Counter(dossier_id for dossier_id, _, _ in sent)
    assert counts == Counter(dict.fromkeys(queued, 1)), "every dossier sent once, none twice"
    assert all(queued[dossier_id] == kiosk_id for dossier_id, kiosk_id, _ in sent), "each by its own station"

    check = _station(sessions, "auditor")
    assert check.counts() == {"queued": 0, "sending": 0, "sent": 2 * per_station, "duplicate": 0, "failed": 0}
    with sessions() as session:
        sent_events = session.scalars(select(AuditEvent.dossier_id).where(AuditEvent.kind == "dossier.sent"))
        assert sorted(str(d) for d in sent_events) == sorted(queued)


def test_claim_next_takes_the_oldest_due_entry_and_then_nothing(
    db_url: str, sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    outbox = _station(sessions, "hn-motcua-01", clock)
    first = outbox.enqueue("claim-01", PROC, {})
    clock.advance(seconds=1)
    second = outbox.enqueue("claim-02", PROC, {})

    item = outbox.claim_next(owner="station-01:42", lease=timedelta(minutes=5))
    assert item is not None and item.dossier_id == first
    assert item.client_status is ClientStatus.SENDING and item.claimed_by == "station-01:42"
    again = outbox.claim_next()
    assert again is not None and again.dossier_id == second
    assert outbox.claim_next() is None
    outbox.mark_failed(item.id, "portal timeout", permanent=False)
    assert outbox.claim_next() is None, "not before its back-off"
    clock.advance(hours=1)
    retried = outbox.claim_next()
    assert retried is not None and retried.id == item.id and retried.attempts == 1


@postgresql_only
def test_claim_next_passes_over_an_entry_another_sender_is_claiming(
    db_url: str, sessions: sessionmaker[Session]
) -> None:
    outbox = _station(sessions, "hn-motcua-01")
    outbox.enqueue("skip-01", PROC, {})
    outbox.enqueue("skip-02", PROC, {})
    other = db.make_engine(db_url)
    try:
        with other.begin() as connection:
            # Another station's claim in progress: the oldest entry's row is locked.
            locked = connection.execute(
                text("SELECT id FROM outbox_entry ORDER BY id LIMIT 1 FOR UPDATE")
            ).scalar_one()
            started = time.monotonic()
            item = outbox.claim_next()
            assert time.monotonic() - started < 2, "claim_next waited for the locked row"
            assert item is not None and item.id != locked
            assert outbox.claim_next() is None, "the locked entry is not waited for"
        # Once the other transaction ends (its sender gave up), the entry is there to claim.
        retry = outbox.claim_next()
        assert retry is not None and retry.id == locked
    finally:
        other.dispose()


def test_a_station_sends_purges_and_reseals_only_its_own_dossiers(
    db_url: str, sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    one = _station(sessions, "hn-motcua-01", clock)
    two = _station(sessions, "hn-motcua-02", clock)
    mine = one.enqueue("own-01", PROC, {"applicant": {"full_name": "Nguyễn Văn An"}})
    theirs = two.enqueue("own-02", PROC, {"applicant": {"full_name": "Lê Văn Tám"}})

    # Sending: each station is offered its own dossier only (the other's would not open with its key).
    offered = one.next_to_send()
    assert offered is not None and offered.dossier_id == mine
    assert one.unreadable() == [], "the other station's dossier is not this station's problem"
    assert len(one.entries()) == 2, "listing shows the whole centre"

    # Admission counts this station's queue only.
    limits = QueueLimits(max_queue_size=2)
    two.enqueue("own-03", PROC, {})
    assert one.admission(limits) is None
    refusal = two.admission(limits)
    assert refusal is not None and refusal.code == "queue_too_large"

    # Status pulls and the retention purge: own dossiers only.
    for outbox in (one, two):
        item = outbox.claim_next()
        assert item is not None
        outbox.mark_sent(item.id, f"000.00.00.H26-241123-{item.id:04d}")
    assert [i.dossier_id for i in one.due_status_pulls()] == [mine]
    clock.advance(days=31)
    assert one.purge(RetentionPeriods(sent=timedelta(days=30))).dossier_ids == (mine,)
    assert two.load_payload(theirs) == {"applicant": {"full_name": "Lê Văn Tám"}}

    # Key rotation: the other station's payloads are left sealed with its own key.
    report = two.reseal()
    assert report.payloads == 0
    two.enqueue("own-04", PROC, {"x": 1})
    _, rotated = one.rotate_key()
    assert rotated.payloads == 0, "station one has nothing left to reseal, and must not touch station two's"
    assert two.load_payload(theirs) == {"applicant": {"full_name": "Lê Văn Tám"}}
