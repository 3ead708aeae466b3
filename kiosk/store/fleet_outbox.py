"""The kiosk's fleet-event outbox: what the kiosk will tell the fleet service, kept durably until it did.

Each event is checked against the fleet's whitelist (`kiosk.fleet.events`) when it is recorded, so nothing
personal ever enters this table, and gets its UUID here, once: resending it (after a crash between the
service's answer and `mark_sent`, or a lost response) cannot count it twice, because the service keeps
each event id once. Sent events stay for a while: `kiosk report` builds the kiosk's own monthly report
from them when it has no fleet service (or no network).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.fleet import events as ev
from kiosk.store.models import FleetOutboxEvent, utc_now

__all__ = ["FleetOutbox", "FleetOutboxEvent"]


def _event(row: FleetOutboxEvent) -> ev.FleetEvent:
    return ev.FleetEvent(row.event_id, row.type, row.at, dict(row.data))


class FleetOutbox:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Callable[[], datetime] = utc_now) -> None:
        self.sessions = sessions
        self.clock = clock

    def record(self, type_: str, data: Mapping[str, Any], *, at: datetime | None = None) -> str:
        """Keep one event for the fleet (checked against the whitelist: raises EventError). Returns its id."""
        with self.sessions.begin() as session:
            return self.record_in(session, type_, data, at=at)

    def record_in(
        self, session: Session, type_: str, data: Mapping[str, Any], *, at: datetime | None = None
    ) -> str:
        """The same inside the caller's transaction (e.g. with the dossier it is about)."""
        event = ev.new_event(type_, data, at or self.clock())
        session.add(FleetOutboxEvent(event_id=event.id, type=event.type, at=event.at, data=event.data))
        return event.id

    def record_dossier(
        self,
        stage: str,
        dossier_id: str,
        procedure: str,
        *,
        unit: str | None = None,
        delivery: str | None = None,
        fee_vnd: int | None = None,
        at: datetime | None = None,
    ) -> str:
        data: dict[str, Any] = {
            "stage": stage,
            "dossier_ref": ev.dossier_ref(dossier_id),
            "procedure": procedure,
            "unit": unit,
            "delivery": delivery,
            "fee_vnd": fee_vnd,
        }
        return self.record(ev.DOSSIER, {k: v for k, v in data.items() if v is not None}, at=at)

    def pending(self, limit: int = 500) -> list[ev.FleetEvent]:
        """The oldest events not yet sent (nor refused), in the order they were recorded."""
        with self.sessions() as session:
            rows = session.scalars(
                select(FleetOutboxEvent)
                .where(FleetOutboxEvent.sent_at.is_(None), FleetOutboxEvent.rejected.is_(None))
                .order_by(FleetOutboxEvent.id)
                .limit(limit)
            )
            return [_event(row) for row in rows]

    def backlog(self) -> int:
        with self.sessions() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(FleetOutboxEvent)
                    .where(FleetOutboxEvent.sent_at.is_(None), FleetOutboxEvent.rejected.is_(None))
                )
                or 0
            )

    def mark_sent(self, event_ids: Sequence[str]) -> None:
        if not event_ids:
            return
        with self.sessions.begin() as session:
            session.execute(
                update(FleetOutboxEvent)
                .where(FleetOutboxEvent.event_id.in_(list(event_ids)))
                .values(sent_at=self.clock())
            )

    def mark_rejected(self, reasons: Mapping[str, str]) -> None:
        with self.sessions.begin() as session:
            for event_id, reason in reasons.items():
                session.execute(
                    update(FleetOutboxEvent)
                    .where(FleetOutboxEvent.event_id == event_id)
                    .values(rejected=reason[:500])
                )

    def events_between(
        self, start: datetime, end: datetime, types: Sequence[str] | None = None
    ) -> list[ev.FleetEvent]:
        """Every event (sent or not) from `start` up to `end`: the kiosk's own report reads these."""
        query = select(FleetOutboxEvent).where(
            FleetOutboxEvent.at >= start, FleetOutboxEvent.at < end, FleetOutboxEvent.rejected.is_(None)
        )
        if types is not None:
            query = query.where(FleetOutboxEvent.type.in_(list(types)))
        with self.sessions() as session:
            return [_event(row) for row in session.scalars(query.order_by(FleetOutboxEvent.id))]

    def purge_sent(self, before: datetime) -> int:
        """Forget sent events older than `before` (keep about 13 months for the kiosk's own reports)."""
        with self.sessions.begin() as session:
            result = session.execute(
                delete(FleetOutboxEvent).where(
                    FleetOutboxEvent.sent_at.is_not(None), FleetOutboxEvent.at < before
                )
            )
            return int(getattr(result, "rowcount", 0) or 0)
