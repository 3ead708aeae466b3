"""The kiosk side: a week offline, then every event reaches the service exactly once; nothing personal in it.

Real parts throughout: the kiosk's SQLite database migrated to head with its sealed dossier outbox, the
fleet service over HTTP on loopback (SQLite and PostgreSQL), the reporter's real HTTP client.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.fleet import events as ev
from kiosk.fleet.app import FleetSettings
from kiosk.fleet.models import FleetBase, FleetEventRow
from kiosk.fleet.server import FleetServer
from kiosk.fleet.store import open_database
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.fleet_outbox import FleetOutbox
from kiosk.store.outbox import Outbox
from kiosk.sync.fleet_reporter import (
    BACKOFF_FIRST,
    FleetClient,
    FleetReporter,
    StaffCalls,
    load_enrolment,
    save_enrolment,
)
from tests.fleet.conftest import ADMIN, admin_session
from tests.store.pg import PostgresServer

NAME = "Nguyễn Thị Hồng Nhung"
ID_NUMBER = "001190012345"
PHONE = "0912345678"
PROCEDURE = "1.001612.000.00.00.H48"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def kiosk_sessions(tmp_path: Path) -> sessionmaker[Session]:
    url = f"sqlite:///{tmp_path / 'kiosk' / 'kiosk.db'}"
    db.upgrade(url)
    return db.session_factory(db.make_engine(url))


def _week_offline(outbox: FleetOutbox, dossiers: Outbox, clock: Clock, reporter: FleetReporter) -> int:
    """A week of a busy kiosk while the service is unreachable; returns how many events were recorded."""
    recorded = 0
    start = clock.now
    for day in range(7):
        for quarter_hour in range(0, 24 * 4):
            at = start + timedelta(days=day, minutes=15 * quarter_hour)
            outbox.record(ev.HEARTBEAT, {"uptime_s": 900 * quarter_hour}, at=at)
            recorded += 1
        for n in range(12):
            at = start + timedelta(days=day, hours=1, minutes=20 * n)
            applicant = {
                "applicant": {
                    "full_name": NAME,
                    "id_number": ID_NUMBER,
                    "phone": PHONE,
                    "address": "12 Lê Lợi, Quận 1",
                }
            }
            dossier_id = dossiers.enqueue(f"idem-{day}-{n}", PROCEDURE, applicant, delivery_method="post")
            outbox.record_dossier("queued", dossier_id, PROCEDURE, unit="H48.01", at=at)
            outbox.record_dossier("delivery_chosen", dossier_id, PROCEDURE, delivery="post", at=at)
            outbox.record(
                ev.FEEDBACK,
                {"procedure": PROCEDURE, "unit": "H48.01", "scores": {"access": 5, "staff": 4, "time": 3}},
                at=at,
            )
            recorded += 3
        outbox.record(
            ev.QUEUE,
            {"queued": 12 * (day + 1), "oldest_age_s": 86400 * day},
            at=start + timedelta(days=day, hours=23),
        )
        recorded += 1
        clock.now = start + timedelta(days=day + 1)
        result = reporter.flush()  # the daily attempt fails: nobody listens
        assert result.failed or result.deferred
    return recorded


def test_a_week_offline_then_every_event_arrives_exactly_once(
    fleet_url: str, kiosk_sessions: sessionmaker[Session], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fleet_engine = open_database(fleet_url)
    clock = Clock()
    outbox = FleetOutbox(kiosk_sessions, clock=clock)
    dossiers = Outbox(kiosk_sessions, Sealer(DataKeyStore()), "hn-buudien-01")
    with FleetServer(fleet_engine, FleetSettings(admin_token=ADMIN)) as server:
        enrolment = FleetClient.enrol(server.base_url, ADMIN, "hn-buudien-01", commune="phuong-ben-nghe")
    save_enrolment(enrolment)  # the service is down from here on
    stored = load_enrolment()
    assert stored is not None and stored.token == enrolment.token
    reporter = FleetReporter(outbox, FleetClient(stored.url, stored.token, timeout=2), clock=clock)

    recorded = _week_offline(outbox, dossiers, clock, reporter)
    assert outbox.backlog() == recorded > 900
    assert reporter.failures >= 1 and reporter.backoff() > BACKOFF_FIRST  # it backed off, not hammered

    # The service comes back on another port (a restart); the kiosk learns its new address.
    with FleetServer(fleet_engine, FleetSettings(admin_token=ADMIN)) as server:
        reporter.client = FleetClient(server.base_url, stored.token)
        # A lost answer: the service stores a batch but the kiosk never hears back, so it will resend it.
        lost = outbox.pending(200)
        assert reporter.client.post_events(lost)["accepted"] == 200
        assert reporter.flush().deferred  # still in back-off from the week offline
        clock.now += reporter.backoff()
        result = reporter.flush()
    assert not result.failed and result.sent + result.duplicates == recorded
    assert result.sent == recorded - 200 and result.duplicates == 200
    assert outbox.backlog() == 0

    with fleet_engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(FleetEventRow)).scalar()
        distinct = connection.execute(select(func.count(func.distinct(FleetEventRow.event_id)))).scalar()
    assert total == distinct == recorded

    # No personal data anywhere in the fleet database, in any table or on disk.
    texts = _all_rows_as_text(fleet_engine)
    for secret in (NAME, ID_NUMBER, PHONE, "Lê Lợi"):
        assert secret not in texts
    if fleet_url.startswith("sqlite"):
        path = tmp_path / "fleet" / "fleet.db"
        on_disk = b"".join(p.read_bytes() for p in (path, path.with_name("fleet.db-wal")) if p.exists())
    else:
        server: PostgresServer = request.getfixturevalue("fleet_postgres")
        on_disk = server.at_rest(fleet_url)
    assert b"hn-buudien-01" in on_disk  # the check can see what the database holds
    for secret in (NAME, ID_NUMBER, PHONE):
        assert secret.encode() not in on_disk
    fleet_engine.dispose()


def _all_rows_as_text(engine: Engine) -> str:
    with engine.connect() as connection:
        return "\n".join(
            str(row)
            for table in FleetBase.metadata.sorted_tables
            for row in connection.execute(table.select())
        )


def test_staff_call_acknowledged_or_hotline(
    fleet_service: FleetServer, kiosk_sessions: sessionmaker[Session]
) -> None:
    clock = Clock()
    clock.now = datetime.now(UTC)
    outbox = FleetOutbox(kiosk_sessions, clock=clock)
    enrolment = FleetClient.enrol(fleet_service.base_url, ADMIN, "hn-call-01")
    reporter = FleetReporter(outbox, FleetClient(enrolment.url, enrolment.token), clock=clock)
    calls = StaffCalls(outbox, reporter, hotline_after=timedelta(minutes=3), clock=clock)

    answered = calls.call_staff()
    reporter.flush(force=True)  # call_staff also sends at once on a thread; this makes it certain
    assert calls.status(answered) == "waiting"
    admin_session().post(
        f"{fleet_service.base_url}/api/v1/staff-calls/{answered}/ack", timeout=10
    ).raise_for_status()
    assert calls.status(answered) == "acknowledged"

    unanswered = calls.call_staff()
    reporter.flush(force=True)
    clock.now += timedelta(minutes=3)
    assert calls.status(unanswered) == "hotline"

    offline = StaffCalls(outbox, None, clock=clock)  # not enrolled: the hotline after the same wait
    call = offline.call_staff()
    assert offline.status(call) == "waiting"
    clock.now += timedelta(minutes=3)
    assert offline.status(call) == "hotline"
