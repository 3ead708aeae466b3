""""Gọi nhân viên" through the province's fleet service, for real: the kiosk's staff pager sends the call
to a running fleet service over HTTP, asks for its state in the background, and tells the citizen what is
true — sent and waiting, taken ("đang đến") when the dashboard acknowledges it, or the helpline when
nobody answers in time; a kiosk with no fleet service says it cannot page anyone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from kiosk.fleet.app import FleetSettings
from kiosk.fleet.server import FleetServer
from kiosk.fleet.store import open_database
from kiosk.store import db
from kiosk.store.fleet_outbox import FleetOutbox
from kiosk.sync.fleet_reporter import FleetClient, FleetReporter, StaffCalls
from kiosk.ui.staff_call import COMING, WAITING, StaffPager
from tests.fleet.conftest import ADMIN, admin_session

HELPLINE = "Xin gọi đường dây hỗ trợ 1900 0000."


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[FleetServer]:
    engine = open_database(f"sqlite:///{tmp_path / 'fleet.db'}")
    with FleetServer(engine, FleetSettings(admin_token=ADMIN)) as server:
        yield server
    engine.dispose()


@pytest.fixture
def kiosk_sessions(tmp_path: Path) -> sessionmaker[Session]:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    db.upgrade(url)
    return db.session_factory(db.make_engine(url))


def pager_for(calls: StaffCalls | None, shown: list[str]) -> StaffPager:
    return StaffPager(calls, show=shown.append, lang=lambda: "vi", helpline=lambda: HELPLINE, poll_ms=100)


def test_a_call_taken_on_the_dashboard_tells_the_citizen_staff_are_coming(
    qtbot: QtBot, fleet: FleetServer, kiosk_sessions: sessionmaker[Session]
) -> None:
    outbox = FleetOutbox(kiosk_sessions)
    enrolment = FleetClient.enrol(fleet.base_url, ADMIN, "hn-pager-01")
    reporter = FleetReporter(outbox, FleetClient(enrolment.url, enrolment.token))
    shown: list[str] = []
    pager = pager_for(StaffCalls(outbox, reporter), shown)
    try:
        assert pager.page() is True
        assert shown == [WAITING] and pager.state == "waiting"
        assert pager.call_id is not None
        qtbot.wait(300)
        assert pager.state == "waiting", "nobody has taken the call yet"

        def acknowledged_on_the_dashboard() -> bool:  # once the call has reached the service
            answer = admin_session().post(f"{fleet.base_url}/api/v1/staff-calls/{pager.call_id}/ack",
                                          timeout=10)
            return answer.ok and bool(answer.json().get("acknowledged"))

        qtbot.waitUntil(acknowledged_on_the_dashboard, timeout=10000)
        qtbot.waitUntil(lambda: pager.state == "coming", timeout=10000)
        assert shown[-1] == COMING
    finally:
        pager.stop()


def test_nobody_answers_in_time_then_the_helpline(
    qtbot: QtBot, fleet: FleetServer, kiosk_sessions: sessionmaker[Session]
) -> None:
    outbox = FleetOutbox(kiosk_sessions)
    enrolment = FleetClient.enrol(fleet.base_url, ADMIN, "hn-pager-02")
    reporter = FleetReporter(outbox, FleetClient(enrolment.url, enrolment.token))
    shown: list[str] = []
    pager = pager_for(StaffCalls(outbox, reporter, hotline_after=timedelta(seconds=0.5)), shown)
    try:
        assert pager.page() is True
        qtbot.waitUntil(lambda: pager.state == "hotline", timeout=10000)
        assert shown == [WAITING, HELPLINE]
    finally:
        pager.stop()


def test_a_kiosk_without_a_fleet_service_does_not_pretend_to_page(
    kiosk_sessions: sessionmaker[Session],
) -> None:
    shown: list[str] = []
    assert pager_for(StaffCalls(FleetOutbox(kiosk_sessions), None), shown).page() is False
    assert pager_for(None, shown).page() is False
    assert shown == [], "the caller shows the honest text with the helpline"
