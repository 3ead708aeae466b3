"""The notification seam: a new staff call is POSTed to the webhook (once, even when the batch is resent);
and a kiosk's periodic status reaches the dashboard."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine

from kiosk.fleet import events as ev
from kiosk.fleet.app import FleetSettings
from kiosk.fleet.notify import WebhookNotifier
from kiosk.fleet.server import FleetServer
from kiosk.store import db
from kiosk.store.fleet_outbox import FleetOutbox
from kiosk.sync.fleet_reporter import FleetClient, FleetReporter, record_status
from tests.fleet.conftest import ADMIN, admin_session, enrol


class Receiver:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.messages.append(json.loads(body))
                receiver.arrived.set()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    hook.thread.start()
    try:
        yield hook
    finally:
        hook.server.shutdown()
        hook.server.server_close()


def test_a_new_staff_call_goes_to_the_webhook_once(fleet_engine: Engine, receiver: Receiver) -> None:
    settings = FleetSettings(admin_token=ADMIN, notifier=WebhookNotifier(receiver.url))
    with FleetServer(fleet_engine, settings) as server:
        token = enrol(server.base_url, "hn-hook-01")
        call = ev.new_event(ev.STAFF_CALL, {"call_id": ev.new_ref(), "action": "call"}, datetime.now(UTC))
        for _ in range(2):  # the second time is a resend: no second notification
            requests.post(
                f"{server.base_url}/api/v1/events",
                json={"events": [call.to_json()]},
                timeout=10,
                headers={"Authorization": f"Bearer {token}"},
            ).raise_for_status()
        assert receiver.arrived.wait(5)
        threading.Event().wait(0.3)  # time for a (wrong) second POST to arrive
    assert receiver.messages == [
        {"kind": "staff_call", "kiosk_id": "hn-hook-01", "call_id": call.data["call_id"]}
    ]


def test_the_kiosk_status_reaches_the_dashboard(fleet_service: FleetServer, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    db.upgrade(url)
    outbox = FleetOutbox(db.session_factory(db.make_engine(url)))
    enrolment = FleetClient.enrol(fleet_service.base_url, ADMIN, "hn-status-01")
    record_status(
        outbox,
        levels={"printer": "warn", "scanner": "ok", "clock": "ok"},
        queued=3,
        oldest_age_s=120,
        uptime_s=600,
    )
    assert FleetReporter(outbox, FleetClient(enrolment.url, enrolment.token)).flush().sent == 3
    (kiosk,) = admin_session().get(f"{fleet_service.base_url}/api/v1/dashboard", timeout=10).json()["kiosks"]
    assert kiosk["health"] == {"printer": "warn", "scanner": "ok"} and kiosk["queued"] == 3
    assert kiosk["level"] == "amber"


def test_the_fleet_link_sends_in_the_background_until_stopped(
    fleet_service: FleetServer, tmp_path: Path
) -> None:
    from kiosk.sync.fleet_reporter import save_enrolment, start_fleet_link

    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    db.upgrade(url)
    outbox = FleetOutbox(db.session_factory(db.make_engine(url)))
    save_enrolment(FleetClient.enrol(fleet_service.base_url, ADMIN, "hn-link-01"))
    link = start_fleet_link(outbox, interval=0.2)
    try:
        call_id = link.staff_calls.call_staff()
        deadline = datetime.now(UTC).timestamp() + 10
        while outbox.backlog() and datetime.now(UTC).timestamp() < deadline:
            threading.Event().wait(0.1)
        assert outbox.backlog() == 0 and link.staff_calls.status(call_id) == "waiting"
        heartbeat = 'fleet_events_ingested_total{type="heartbeat"} 1.0'  # alive with nothing else to say
        while heartbeat not in (
            metrics := requests.get(f"{fleet_service.base_url}/metrics", timeout=10).text
        ):
            assert datetime.now(UTC).timestamp() < deadline, metrics
            threading.Event().wait(0.1)
    finally:
        link.stop()
    assert link._thread is not None and not link._thread.is_alive()
