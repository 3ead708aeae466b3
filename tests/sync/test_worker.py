"""OutboxWorker against a scripted portal (for exact failure sequences the sandbox cannot script): order,
back-off with jitter, permanent failures with the portal's reason, duplicates, crash recovery and the
thread's life cycle. Status pulls and delivery orders run against the real sandbox in
test_postal_chain.py."""

from __future__ import annotations

import os
import random
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.portal.errors import PortalRejected, PortalUnavailable
from kiosk.portal.models import DossierStatus, DossierSubmission, SubmissionResult
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.models import ClientStatus
from kiosk.store.outbox import Outbox, retry_delay
from kiosk.sync.sender import SendPolicy
from kiosk.sync.worker import OutboxWorker, WorkerProgress, WorkerSettings, wait_until


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 11, 23, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class ScriptedPortal:
    """Answers submissions from a script of results/errors (then accepts), remembers the order."""

    def __init__(self, script: list[SubmissionResult | Exception] | None = None) -> None:
        self.script = list(script or [])
        self.submitted: list[str] = []
        self.statuses: dict[str, str] = {}
        self.lock = threading.Lock()

    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult:
        with self.lock:
            self.submitted.append(sub.idempotency_key)
            step = self.script.pop(0) if self.script else None
        if isinstance(step, Exception):
            raise step
        if step is not None:
            return step
        code = f"000.00.00.H26-241123-{len(self.submitted):04d}"
        return SubmissionResult(dossier_code=code, status="received", received_at=datetime.now(UTC),
                                duplicate=False)

    def get_dossier(self, code: str) -> DossierStatus:
        return DossierStatus.from_json({
            "dossier_code": code, "procedure_code": "1.000894.000.00.00.H26",
            "status": self.statuses.get(code, "processing"), "received_at": "2024-11-23T08:00:00+07:00",
            "history": [],
        })


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(tmp_path: Path, clock: Clock) -> Iterator[Outbox]:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        yield Outbox(db.session_factory(engine), Sealer(DataKeyStore()), "KIOSK-01", clock=clock)
    finally:
        engine.dispose()


def _settings(**kwargs: object) -> WorkerSettings:
    send = SendPolicy(retry_first=timedelta(seconds=10), retry_max=timedelta(seconds=80), jitter=0.5,
                      first_status_pull=timedelta(0),
                      rng=random.Random(1))
    return WorkerSettings(interval=0.05, send=send, **kwargs)  # type: ignore[arg-type]


def _queue(outbox: Outbox, n: int, delivery: str | None = None) -> list[str]:
    keys = [f"worker-test-{i:04d}" for i in range(n)]
    for key in keys:
        outbox.enqueue(key, "1.000894.000.00.00.H26", {"applicant": {}, "answers": {}},
                       delivery_method=delivery)
    return keys


def test_sends_in_order_and_stops_the_round_at_an_outage_with_a_jittered_back_off(
    outbox: Outbox, clock: Clock
) -> None:
    keys = _queue(outbox, 4)
    portal = ScriptedPortal([SubmissionResult("000.00.00.H26-241123-0001", "received", clock.now, False),
                             PortalUnavailable("POST /dossiers: cannot connect")])
    summary = OutboxWorker(outbox, portal, _settings(), clock=clock).run_once()

    assert portal.submitted == keys[:2], "sending stops at the first outage"
    assert (summary.sent, summary.failed, summary.outage, summary.remaining) == (1, 1, "PortalUnavailable", 3)
    waiting = outbox.get(2)
    assert waiting.client_status is ClientStatus.QUEUED and waiting.attempts == 1
    delay = (waiting.next_attempt_at - clock.now).total_seconds()
    assert 10 <= delay <= 15, "first back-off: 10 s plus up to 50 % jitter"

    # The next round goes on in order, the failed one after its back-off.
    summary = OutboxWorker(outbox, portal, _settings(), clock=clock).run_once()
    assert portal.submitted[2:] == keys[2:] and summary.sent == 2
    clock.now += timedelta(seconds=16)
    OutboxWorker(outbox, portal, _settings(), clock=clock).run_once()
    assert portal.submitted[-1] == keys[1]
    assert outbox.counts()["sent"] == 4


def test_back_off_grows_exponentially_up_to_the_cap_with_jitter() -> None:
    rng = random.Random(3)
    first, cap = timedelta(seconds=10), timedelta(seconds=80)
    bases = [10, 20, 40, 80, 80, 80]
    for attempts, base in enumerate(bases, start=1):
        delay = retry_delay(attempts, first, cap, 0.2, rng).total_seconds()
        assert base <= delay <= base * 1.2
    assert retry_delay(1, first, cap) == first  # no jitter asked, none given


def test_a_4xx_fails_for_staff_with_the_portals_reason_and_the_round_goes_on(outbox: Outbox) -> None:
    _queue(outbox, 2)
    rejected = PortalRejected("POST /dossiers: HTTP 422 invalid_dossier: the dossier does not meet the rules",
                              status=422, code="invalid_dossier",
                              portal_message_vi="Hồ sơ chưa đầy đủ.")
    portal = ScriptedPortal([rejected])
    summary = OutboxWorker(outbox, portal, _settings()).run_once()

    assert (summary.sent, summary.failed, summary.failed_permanent) == (1, 1, 1)
    failed = outbox.get(1)
    assert failed.client_status is ClientStatus.FAILED
    assert failed.last_error is not None
    assert "invalid_dossier" in failed.last_error and "Hồ sơ chưa đầy đủ." in failed.last_error


def test_duplicate_is_success(outbox: Outbox, clock: Clock) -> None:
    _queue(outbox, 1)
    portal = ScriptedPortal([SubmissionResult("000.00.00.H26-241123-0042", "received", clock.now, True)])
    assert OutboxWorker(outbox, portal, _settings(), clock=clock).run_once().sent == 1
    item = outbox.get(1)
    assert item.client_status is ClientStatus.DUPLICATE and item.dossier_code == "000.00.00.H26-241123-0042"


def test_an_entry_left_sending_by_a_dead_process_is_sent_again(outbox: Outbox) -> None:
    _queue(outbox, 1)
    # A claim by a process that no longer exists on this host (pid of a finished child).
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    outbox.mark_sending(1, owner=f"{socket.gethostname()[:40]}:{pid}")
    # A claim by a live process on another station is left alone while its lease runs.
    assert outbox.recover_stale() == [1]
    outbox.mark_sending(1, owner="other-station:1")
    assert outbox.recover_stale() == []

    portal = ScriptedPortal()
    summary = OutboxWorker(outbox, portal, _settings()).run_once()
    assert summary.recovered == 0 and summary.sent == 0, "another station's claim holds until its lease ends"


def test_an_expired_lease_is_taken_back(outbox: Outbox, clock: Clock) -> None:
    _queue(outbox, 1)
    outbox.mark_sending(1, owner="other-station:1", lease=timedelta(minutes=10))
    clock.now += timedelta(minutes=11)
    summary = OutboxWorker(outbox, ScriptedPortal(), _settings(), clock=clock).run_once()
    assert summary.recovered == 1 and summary.sent == 1
    assert outbox.get(1).client_status is ClientStatus.SENT


def test_the_thread_drains_on_wake_reports_progress_and_stops(outbox: Outbox) -> None:
    progress: list[WorkerProgress] = []
    worker = OutboxWorker(outbox, ScriptedPortal(), WorkerSettings(interval=30), on_progress=progress.append)
    worker.start()
    try:
        assert wait_until(lambda: len(progress) >= 1, timeout=10)
        _queue(outbox, 3)
        worker.wake()  # without it the worker would sleep for 30 s
        assert wait_until(lambda: outbox.counts()["sent"] == 3, timeout=10)
        assert wait_until(lambda: progress[-1].counts.get("sent") == 3, timeout=10)
    finally:
        worker.stop(timeout=10)
    assert not worker.running
    assert threading.current_thread() is threading.main_thread()
    assert not any(t.name == "outbox-worker" for t in threading.enumerate())
