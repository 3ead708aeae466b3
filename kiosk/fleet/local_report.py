"""`kiosk report`: one kiosk's own report, offline, from the fleet events it kept.

The same projection and the same report code as the fleet service, run on a throwaway in-memory database
fed with this kiosk's outbox: the figures a kiosk prints are the ones the province sees for it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from kiosk.fleet import events as ev
from kiosk.fleet.models import FleetBase
from kiosk.fleet.reports import Report, build_report, months_of
from kiosk.fleet.store import TIMEZONE, FleetStore
from kiosk.store.fleet_outbox import FleetOutbox

#: Lifecycle events of a month's dossiers (returned by post, paid) can come months later.
LATE_EVENTS = timedelta(days=183)


def period_bounds(period: str) -> tuple[datetime, datetime]:
    months = months_of(period)
    year, month = (int(p) for p in months[0].split("-"))
    start = datetime(year, month, 1, tzinfo=TIMEZONE)
    year, month = (int(p) for p in months[-1].split("-"))
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=TIMEZONE)
    return start, end


def local_report(
    kiosk_sessions: sessionmaker[Session], kiosk_id: str, period: str, by: str = "procedure"
) -> Report:
    start, end = period_bounds(period)
    events = FleetOutbox(kiosk_sessions).events_between(start, end + LATE_EVENTS, (ev.DOSSIER, ev.FEEDBACK))
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    try:
        FleetBase.metadata.create_all(engine)
        store = FleetStore(engine)
        store.enrol(kiosk_id, kiosk_id)
        for first in range(0, len(events), 1000):
            store.ingest(kiosk_id, events[first : first + 1000])
        return build_report(store.sessions, period, by)
    finally:
        engine.dispose()
