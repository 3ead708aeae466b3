"""The outbox worker: drains the outbox to the portal, pulls the statuses of accepted dossiers and, later,
orders deliveries by post. Plain threads, no Qt: the app runs it in the background, `kiosk worker` runs it
in the foreground (`run_once()` or `run_forever()`).

A round:

1. take back entries a crashed sender left in "sending" (`Outbox.recover_stale`);
2. send due entries oldest first. A transient failure (timeout, reset, 5xx, garbage) puts the entry back
   with an exponential, jittered back-off and ends the sending part of the round, so a dead link is not
   hammered once per dossier; a 4xx fails the entry for staff with the portal's reason; "duplicate" is a
   success. A dossier whose own data cannot be read is failed for staff and the round goes on;
3. pull the portal's status of accepted dossiers that are due for a pull, and store it;
4. for dossiers the portal says are `done` (the result is issued) and that asked for delivery by post,
   call the `OrdersDelivery` and store its reference (the tracking number). What each portal status means
   is one table, `STATUS_HANDLING`, keyed by the contract's `PortalStatus`.

Between rounds the worker sleeps until the next entry is due, at most `interval`; `wake()` starts a round
at once (the app calls it right after queueing a dossier).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Protocol

from kiosk.portal.errors import PortalError, PortalNotFound
from kiosk.portal.models import DossierStatus, PortalStatus
from kiosk.store.crypto import CryptoError
from kiosk.store.files import FileStoreError
from kiosk.store.models import ClientStatus, utc_now
from kiosk.store.outbox import Outbox, OutboxItem
from kiosk.sync.lifecycle import DossierLifecycle
from kiosk.sync.sender import SendPolicy, SubmitsDossiers, send_entry, staff_reason

log = logging.getLogger(__name__)

class StatusHandling(Enum):
    """What a portal status means for the kiosk."""

    KEEP_PULLING = "keep_pulling"  # still moving on the portal: pull again later
    RESULT_READY = "result_ready"  # the result is issued: order the delivery by post, then stop pulling
    FINAL = "final"  # nothing will change any more (and nothing to deliver): stop pulling


#: Every status of the contract (kiosk.portal.models.PortalStatus) and what the worker does about it.
#: A test checks that every status the sandbox can emit has an entry.
STATUS_HANDLING: dict[PortalStatus, StatusHandling] = {
    PortalStatus.RECEIVED: StatusHandling.KEEP_PULLING,
    PortalStatus.PROCESSING: StatusHandling.KEEP_PULLING,
    PortalStatus.NEEDS_MORE_INFORMATION: StatusHandling.KEEP_PULLING,  # the citizen supplements, it moves on
    PortalStatus.DONE: StatusHandling.RESULT_READY,
    PortalStatus.REJECTED: StatusHandling.FINAL,
}


def handling_of(word: str) -> StatusHandling:
    """A word outside the contract is logged and pulled again: never mistaken for "done"."""
    status = PortalStatus.parse(word)
    if status is None:
        log.warning("portal status %r is not in the contract; pulling again later", word[:64])
        return StatusHandling.KEEP_PULLING
    return STATUS_HANDLING[status]


DELIVERY_BY_POST = "post"
#: Choices whose result comes home by post (a home pickup also returns the result by post).
POSTAL_METHODS = frozenset({"post", "pickup"})


class PullsStatus(Protocol):
    def get_dossier(self, code: str) -> DossierStatus: ...


class WorkerPortal(SubmitsDossiers, PullsStatus, Protocol):
    """What the worker needs from the portal client (kiosk.portal.client.PortalClient fits)."""


class OrdersDelivery(Protocol):
    """Orders the delivery of a dossier's result by post (BCCI): kiosk.sync.delivery.PortalDeliveryOrders,
    wired by kiosk.app. Return the carrier's reference (e.g. an S10 tracking number); raise a
    PortalError when it cannot be ordered now (retryable) or at all."""

    def order_delivery(self, dossier_code: str, dossier_id: str) -> str: ...


@dataclass(frozen=True)
class WorkerSettings:
    #: Seconds between rounds when there is nothing due earlier and nobody calls wake().
    interval: float = 30.0
    send: SendPolicy = field(default_factory=SendPolicy)
    #: How long to wait between two status pulls of one accepted dossier.
    status_interval: timedelta = timedelta(minutes=15)
    #: At most this many dossiers sent per round (then the next round starts at once).
    batch: int = 100
    #: Status pulls per round.
    status_batch: int = 50

    @classmethod
    def from_config(cls, sync: Any) -> WorkerSettings:
        """From kiosk.config.SyncConfig (duck-typed: the sync layer does not import the config)."""
        return cls(
            interval=float(sync.interval_s),
            send=SendPolicy(
                retry_first=timedelta(seconds=sync.retry_first_s),
                retry_max=timedelta(seconds=sync.retry_max_s),
                jitter=float(sync.retry_jitter),
                lease=timedelta(seconds=sync.lease_s),
                first_status_pull=timedelta(seconds=sync.status_interval_s),
            ),
            status_interval=timedelta(seconds=sync.status_interval_s),
        )


@dataclass
class RoundSummary:
    """What one round did. `failed` counts every failed attempt, transient or permanent."""

    sent: int = 0  # "duplicate" answers included: the portal has the dossier
    failed: int = 0
    failed_permanent: int = 0
    recovered: int = 0
    statuses: int = 0
    deliveries: int = 0
    remaining: int = 0
    outage: str | None = None  # why sending stopped early (a transient portal error), if it did
    error: str | None = None  # an unexpected error that ended the round

    def as_json(self) -> dict[str, int]:
        """The stable `kiosk worker --once` summary (duplicates count as sent)."""
        return {"sent": self.sent, "failed": self.failed, "remaining": self.remaining}


@dataclass(frozen=True)
class WorkerProgress:
    """Given to the progress callback after each round (from the worker's thread)."""

    round: int
    summary: RoundSummary
    counts: dict[str, int]


class OutboxWorker:
    """Drains the outbox in a background thread::

        worker = OutboxWorker(outbox, portal, settings, on_progress=callback)
        worker.start()
        ...
        worker.wake()   # a dossier was just queued
        ...
        worker.stop()

    `on_progress` runs in the worker's thread: a Qt caller must hand the value over to the GUI thread
    (e.g. by emitting a signal), never touch widgets from it.
    """

    def __init__(
        self,
        outbox: Outbox,
        portal: WorkerPortal,
        settings: WorkerSettings | None = None,
        *,
        delivery: OrdersDelivery | None = None,
        on_progress: Callable[[WorkerProgress], None] | None = None,
        clock: Callable[[], datetime] = utc_now,
        lifecycle: DossierLifecycle | None = None,
    ) -> None:
        self.outbox = outbox
        self.lifecycle = lifecycle  # hears "sent later", "collected by post", "result home by post"
        self.portal = portal
        self.settings = settings if settings is not None else WorkerSettings()
        self.delivery = delivery
        self.on_progress = on_progress
        self._now = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._rounds = 0
        self._lock = threading.Lock()  # one round at a time, whoever calls run_once

    # --- lifecycle ------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("the outbox worker is already running")
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the worker to finish its current dossier and stop; waits up to `timeout` seconds."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.error("outbox worker did not stop within %.0f s", timeout)
            else:
                self._thread = None

    def wake(self) -> None:
        """Start a round now instead of at the end of the current wait."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run_forever(self, stop: threading.Event | None = None) -> None:
        """Rounds in the calling thread until `stop` (or `stop()`) is set."""
        if stop is not None:
            self._stop = stop
        self._run()

    # --- one round ------------------------------------------------------------------------------------

    def run_once(self, *, pull_all: bool = False) -> RoundSummary:
        """One round. `pull_all` (a manual `kiosk worker --once`): pull every status whose pulls are not
        over, not only those due, so an operator's round sees what the portal says now."""
        with self._lock:
            summary = RoundSummary()
            try:
                summary.recovered = len(self.outbox.recover_stale())
                self._send(summary)
                self._pull_statuses(summary, pull_all)
            except Exception as error:  # the database went away, the disk failed...: next round retries
                summary.error = f"{type(error).__name__}: {error}"
                log.error("outbox worker round failed: %s", summary.error)
            try:
                counts = self.outbox.counts()
            except Exception as error:
                counts = {}
                summary.error = summary.error or f"{type(error).__name__}: {error}"
            summary.remaining = counts.get(ClientStatus.QUEUED.value, 0) + counts.get(
                ClientStatus.SENDING.value, 0
            )
            self._rounds += 1
            if self.on_progress is not None:
                try:
                    self.on_progress(WorkerProgress(self._rounds, summary, counts))
                except Exception:
                    log.exception("outbox worker progress callback failed")
            return summary

    def _send(self, summary: RoundSummary) -> None:
        for _ in range(self.settings.batch):
            if self._stop.is_set():
                return
            item = self.outbox.next_to_send()
            if item is None:
                return
            try:
                outcome = send_entry(self.outbox, self.portal, item, self.settings.send)
            except (FileStoreError, CryptoError) as error:
                # Marked failed for staff by send_entry; the other dossiers are not held up by this one.
                summary.failed += 1
                summary.failed_permanent += 1
                log.error("outbox entry %s needs staff: %s", item.id, type(error).__name__)
                continue
            if outcome is None:
                continue  # another sender took it
            if outcome.sent:
                summary.sent += 1
                self._tell("sent", item)
                if item.delivery_method == "pickup":
                    self._tell("received_by_post", item)
                continue
            summary.failed += 1
            if outcome.permanent_failure:
                summary.failed_permanent += 1
                continue
            summary.outage = type(outcome.error).__name__ if outcome.error is not None else "error"
            return

    def _pull_statuses(self, summary: RoundSummary, pull_all: bool = False) -> None:
        for item in self.outbox.due_status_pulls(self.settings.status_batch, ahead_of_schedule=pull_all):
            if self._stop.is_set():
                return
            assert item.dossier_code is not None
            try:
                status = self.portal.get_dossier(item.dossier_code)
            except PortalNotFound:
                # The portal does not know the code (yet): ask again later, do not stop the others.
                self.outbox.record_server_status(item.id, item.server_status or "unknown",
                                                 self.settings.status_interval)
                continue
            except PortalError as error:
                if error.retryable:
                    log.info("status pulls paused: %s", type(error).__name__)
                    return
                log.warning("status pull for entry %s refused: %s", item.id, error)
                self.outbox.record_server_status(item.id, item.server_status or "unknown", None)
                continue
            word = status.status[:64] or "unknown"
            handling = handling_of(word)
            summary.statuses += 1
            ordered = False
            if handling is StatusHandling.RESULT_READY:
                ordered = self._maybe_order_delivery(item, summary)
            waiting_for_order = (handling is StatusHandling.RESULT_READY and self._wants_post(item)
                                 and not ordered)
            stop_pulling = handling is not StatusHandling.KEEP_PULLING and not waiting_for_order
            self.outbox.record_server_status(
                item.id, word, None if stop_pulling else self.settings.status_interval)

    def _wants_post(self, item: OutboxItem) -> bool:
        return (self.delivery is not None and item.delivery_method in POSTAL_METHODS
                and item.delivery_ref is None and item.delivery_error is None)

    def _maybe_order_delivery(self, item: OutboxItem, summary: RoundSummary) -> bool:
        """True when an order was placed now; False when none is needed or it failed (pulls go on, so the
        next round tries again)."""
        if not self._wants_post(item) or item.dossier_code is None:
            return False
        assert self.delivery is not None
        try:
            reference = self.delivery.order_delivery(item.dossier_code, item.dossier_id)
        except PortalError as error:
            log.warning("delivery order for entry %s not placed (%s, retryable=%s)", item.id,
                        type(error).__name__, error.retryable)
            if not error.retryable:
                # Refused for good (e.g. the procedure does not return by post): staff see it; the
                # dossier is no longer held back from purge by a delivery that will never happen.
                self.outbox.record_delivery_failed(item.id, staff_reason(error))
                return True
            return False
        except Exception as error:  # its data cannot be read, or no postal choice: staff must look
            log.error("delivery order for entry %s impossible: %s", item.id, type(error).__name__)
            self.outbox.record_delivery_failed(item.id, f"{type(error).__name__}: {error}"[:500])
            return True
        self.outbox.record_delivery(item.id, reference)
        summary.deliveries += 1
        self._tell("returned_by_post", item)
        return True

    def _tell(self, stage: str, item: OutboxItem) -> None:
        if self.lifecycle is not None:
            self.lifecycle.record(stage, item.dossier_id, item.procedure_code, delivery=item.delivery_method)

    # --- the loop -------------------------------------------------------------------------------------

    def _run(self) -> None:
        log.info("outbox worker started")
        while not self._stop.is_set():
            self._wake.clear()
            summary = self.run_once()
            if summary.sent or summary.failed or summary.recovered or summary.error:
                log.info("worker round: sent %d, failed %d (%d for staff), recovered %d, remaining %d%s",
                         summary.sent, summary.failed, summary.failed_permanent, summary.recovered,
                         summary.remaining, f", outage: {summary.outage}" if summary.outage else "")
            self._wake.wait(self._pause())
        log.info("outbox worker stopped")

    def _pause(self) -> float:
        """Seconds to sleep: until the next entry is due, at most the interval, at least a moment."""
        interval = self.settings.interval
        try:
            due = self.outbox.next_due_at()
        except Exception:
            return interval
        if due is None:
            return interval
        wait = (due - self._now()).total_seconds()
        return min(interval, max(0.05, wait))


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    """Poll `predicate` until true or `timeout` seconds passed (a helper for callers and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
