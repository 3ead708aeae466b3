"""Sends the kiosk's fleet events to the province's fleet service, exactly once; and the Qt-free API the
UI uses for "Gọi nhân viên" (call staff).

Exactly once = at least once + idempotent: an event leaves the outbox only after the service answered that
it has it (new or already there), and the service keeps each event id once. Offline, events wait in the
outbox (it is on disk: a week of them is a few MB); failures back off exponentially (5 s doubling up to
15 min), so a kiosk never hammers a service that is down, and the first success sends the backlog in
batches of up to 500, oldest first.

Enrolment (`kiosk fleet enrol --url …`) leaves the service's URL, the kiosk id and its bearer token in the
OS keyring (service "kiosk-fleet"); nothing of it is in the config file.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import keyring
import keyring.errors
import requests
from keyring.backend import KeyringBackend

from kiosk.fleet import events as ev
from kiosk.store.fleet_outbox import FleetOutbox
from kiosk.store.models import utc_now

log = logging.getLogger(__name__)

KEYRING_SERVICE = "kiosk-fleet"
KEYRING_USER = "enrolment"
BATCH = 500
BACKOFF_FIRST = timedelta(seconds=5)
BACKOFF_MAX = timedelta(minutes=15)
TIMEOUT_S = 10.0
DEFAULT_HOTLINE_AFTER = timedelta(minutes=3)
HEARTBEAT_EVERY = timedelta(minutes=5)


class FleetUnavailable(RuntimeError):
    """The service could not be reached or did not take the batch (retry later)."""


@dataclass(frozen=True)
class Enrolment:
    url: str
    kiosk_id: str
    token: str
    hotline_after_s: int = int(DEFAULT_HOTLINE_AFTER.total_seconds())


def save_enrolment(enrolment: Enrolment, backend: KeyringBackend | None = None) -> None:
    """Into `backend` (the kiosk's chosen keyring, see kiosk.store.keyring_file), else the default one."""
    (backend or keyring.get_keyring()).set_password(
        KEYRING_SERVICE, KEYRING_USER, json.dumps(asdict(enrolment))
    )


def load_enrolment(backend: KeyringBackend | None = None) -> Enrolment | None:
    try:
        raw = (backend or keyring.get_keyring()).get_password(KEYRING_SERVICE, KEYRING_USER)
    except keyring.errors.KeyringError:
        return None
    return Enrolment(**json.loads(raw)) if raw else None


class FleetClient:
    """HTTP to the fleet service with this kiosk's token; every request bounded by a timeout."""

    def __init__(
        self, url: str, token: str, *, timeout: float = TIMEOUT_S, session: requests.Session | None = None
    ) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def enrol(
        cls,
        url: str,
        admin_token: str,
        kiosk_id: str,
        *,
        name: str = "",
        commune: str = "",
        group: str = "default",
        timeout: float = TIMEOUT_S,
    ) -> Enrolment:
        response = requests.post(
            f"{url.rstrip('/')}/api/v1/enrol",
            timeout=timeout,
            headers={"Authorization": f"Bearer {admin_token}"},
            json={"kiosk_id": kiosk_id, "name": name or kiosk_id, "commune": commune, "group": group},
        )
        if response.status_code != 200:
            raise FleetUnavailable(f"enrolment refused: HTTP {response.status_code} {response.text[:200]}")
        body = response.json()
        return Enrolment(url.rstrip("/"), kiosk_id, str(body["token"]), int(body.get("hotline_after_s", 180)))

    def post_events(self, batch: list[ev.FleetEvent]) -> dict[str, Any]:
        try:
            response = self.session.post(
                f"{self.url}/api/v1/events",
                timeout=self.timeout,
                json={"events": [e.to_json() for e in batch]},
            )
        except requests.RequestException as error:
            raise FleetUnavailable(type(error).__name__) from error
        if response.status_code != 200:
            raise FleetUnavailable(f"HTTP {response.status_code}")
        result: dict[str, Any] = response.json()
        return result

    def call_state(self, call_id: str) -> str:
        response = self.session.get(f"{self.url}/api/v1/staff-calls/{call_id}", timeout=self.timeout)
        response.raise_for_status()
        return str(response.json().get("state", "unknown"))

    def config(self) -> dict[str, Any]:
        response = self.session.get(f"{self.url}/api/v1/config", timeout=self.timeout)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


@dataclass
class FlushResult:
    sent: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: bool = False
    deferred: bool = False  # still backing off from an earlier failure: nothing tried


class FleetReporter:
    def __init__(
        self,
        outbox: FleetOutbox,
        client: FleetClient,
        *,
        clock: Callable[[], datetime] = utc_now,
        batch: int = BATCH,
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.clock = clock
        self.batch = batch
        self.failures = 0
        self.next_attempt_at: datetime | None = None
        self._lock = threading.Lock()  # the UI's "send now" and the background loop never send together

    def backoff(self) -> timedelta:
        return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, self.failures - 1))

    def flush(self, *, max_batches: int = 1000, force: bool = False) -> FlushResult:
        """Send what is pending, batch after batch, until the outbox is empty or the service fails."""
        result = FlushResult()
        with self._lock:
            if not force and self.next_attempt_at is not None and self.clock() < self.next_attempt_at:
                result.deferred = True
                return result
            for _ in range(max_batches):
                batch = self.outbox.pending(self.batch)
                if not batch:
                    break
                try:
                    answer = self.client.post_events(batch)
                except FleetUnavailable as error:
                    self.failures += 1
                    self.next_attempt_at = self.clock() + self.backoff()
                    log.info(
                        "fleet service unavailable (%s); %d events wait, next try at %s",
                        error,
                        self.outbox.backlog(),
                        self.next_attempt_at.isoformat(timespec="seconds"),
                    )
                    result.failed = True
                    return result
                refused = {str(r.get("id")): str(r.get("reason")) for r in answer.get("rejected", [])}
                if refused:
                    log.warning(
                        "fleet service refused %d events: %s",
                        len(refused),
                        "; ".join(sorted(set(refused.values())))[:300],
                    )
                    self.outbox.mark_rejected(refused)
                self.outbox.mark_sent([e.id for e in batch if e.id not in refused])
                result.sent += int(answer.get("accepted", 0))
                result.duplicates += int(answer.get("duplicates", 0))
                result.rejected += len(refused)
                self.failures, self.next_attempt_at = 0, None
        return result

    def run(
        self,
        stop: threading.Event,
        *,
        interval: float = 30.0,
        heartbeat_every: timedelta | None = HEARTBEAT_EVERY,
        status: Callable[[], None] | None = None,
    ) -> None:
        """Flush every `interval` seconds until `stop` is set; record a heartbeat every `heartbeat_every`, so
        a kiosk with nothing else to say still shows as alive (the dashboard turns it red after 10 min),
        and with it the kiosk's `status` (devices and queue: `record_status`), when given."""
        started = time.monotonic()
        last_heartbeat: datetime | None = None
        while not stop.is_set():
            try:
                now = self.clock()
                if heartbeat_every is not None and (
                    last_heartbeat is None or now - last_heartbeat >= heartbeat_every
                ):
                    self.outbox.record(ev.HEARTBEAT, {"uptime_s": int(time.monotonic() - started)}, at=now)
                    last_heartbeat = now
                    if status is not None:
                        status()
                self.flush()
            except Exception:  # a bug must not kill the loop that reports it
                log.exception("fleet reporter failed")
            stop.wait(interval)


class StaffCalls:
    """ "Gọi nhân viên" for the UI, without Qt: `call_staff()` returns at once with an id; `status(id)` says
    whether someone acknowledged it ("acknowledged": show "Nhân viên đã nhận — đang đến"), whether to keep
    waiting ("waiting"), or whether to show the hotline ("hotline": nobody answered within the time, or the
    service cannot be reached). `status` does one short HTTP request: call it from a worker thread."""

    def __init__(
        self,
        outbox: FleetOutbox,
        reporter: FleetReporter | None,
        *,
        hotline_after: timedelta = DEFAULT_HOTLINE_AFTER,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.outbox = outbox
        self.reporter = reporter
        self.hotline_after = hotline_after
        self.clock = clock
        self._called_at: dict[str, datetime] = {}

    def call_staff(self) -> str:
        call_id = uuid.uuid4().hex
        at = self.clock()
        self.outbox.record(ev.STAFF_CALL, {"call_id": call_id, "action": "call"}, at=at)
        self._called_at[call_id] = at
        if self.reporter is not None:  # send now, not at the next round of the loop
            reporter = self.reporter
            threading.Thread(
                target=lambda: reporter.flush(force=True), name="fleet-call", daemon=True
            ).start()
        return call_id

    def cancel(self, call_id: str) -> None:
        self.outbox.record(ev.STAFF_CALL, {"call_id": call_id, "action": "cancel"})
        self._called_at.pop(call_id, None)

    def status(self, call_id: str) -> str:
        state = "unknown"
        if self.reporter is not None:
            try:
                state = self.reporter.client.call_state(call_id)
            except requests.RequestException:
                state = "unknown"
        if state == "acknowledged":
            return "acknowledged"
        called_at = self._called_at.get(call_id)
        if state == "cancelled" or called_at is None or self.clock() - called_at >= self.hotline_after:
            return "hotline"
        return "waiting"


def reporter_from_keyring(outbox: FleetOutbox, backend: KeyringBackend | None = None) -> FleetReporter | None:
    """The reporter for this kiosk's enrolment, or None when the kiosk is not enrolled (events still kept)."""
    enrolment = load_enrolment(backend)
    if enrolment is None:
        return None
    return FleetReporter(outbox, FleetClient(enrolment.url, enrolment.token))


def record_status(
    outbox: FleetOutbox,
    *,
    levels: dict[str, str],
    queued: int,
    oldest_age_s: int,
    uptime_s: int | None = None,
) -> None:
    """The periodic status a kiosk reports: heartbeat, device health and queue. `levels` maps a device
    (printer, scanner, camera, portal, disk — e.g. from kiosk.health's checks: `{c.key: c.level.value}`) to
    ok / warn / error; other keys are left out (the whitelist would refuse them)."""
    outbox.record(ev.HEARTBEAT, {} if uptime_s is None else {"uptime_s": uptime_s})
    outbox.record(ev.DEVICE_HEALTH, {k: v for k, v in levels.items() if k in ev.DEVICES and v in ev.LEVELS})
    outbox.record(ev.QUEUE, {"queued": queued, "oldest_age_s": max(0, oldest_age_s)})


@dataclass
class FleetLink:
    """Everything the kiosk app needs for the fleet, in one object (Qt-free): the outbox to record events,
    the reporter (None when the kiosk is not enrolled: events are kept and go out once it is), the staff
    calls, and the background thread that sends. `stop()` ends the thread (bounded)."""

    outbox: FleetOutbox
    reporter: FleetReporter | None
    staff_calls: StaffCalls
    _stop: threading.Event
    _thread: threading.Thread | None

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


def start_fleet_link(
    outbox: FleetOutbox, backend: KeyringBackend | None = None, *, interval: float = 30.0,
    status: Callable[[], None] | None = None,
) -> FleetLink:
    enrolment = load_enrolment(backend)
    reporter = (
        None if enrolment is None else FleetReporter(outbox, FleetClient(enrolment.url, enrolment.token))
    )
    hotline = timedelta(seconds=enrolment.hotline_after_s) if enrolment else DEFAULT_HOTLINE_AFTER
    stop = threading.Event()
    thread = None
    if reporter is not None:
        thread = threading.Thread(
            target=reporter.run,
            args=(stop,),
            kwargs={"interval": interval, "status": status},
            name="fleet-reporter",
            daemon=True,
        )
        thread.start()
    return FleetLink(outbox, reporter, StaffCalls(outbox, reporter, hotline_after=hotline), stop, thread)
