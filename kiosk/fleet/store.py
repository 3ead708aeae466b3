"""The fleet service's database: schema, enrolment, idempotent ingestion, staff calls, staff, settings.

Ingestion is one transaction per batch: `INSERT … ON CONFLICT (event_id) DO NOTHING RETURNING event_id`
says which events are new, and only those update the projections (kiosk state, dossiers, feedback, staff
calls). A batch sent twice, or two copies racing, therefore count once. Works on PostgreSQL (production)
and SQLite (the trial's embedded default) alike.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from kiosk.fleet import events as ev
from kiosk.fleet.models import (
    SCHEMA_VERSION,
    FleetBase,
    FleetDossier,
    FleetEventRow,
    FleetFeedback,
    FleetKiosk,
    FleetMeta,
    FleetSetting,
    FleetStaff,
    FleetStaffCall,
)
from kiosk.store.db import make_engine

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
ROLES = ("clerk", "operator", "province_admin")
_FIRST_WINS = (
    "channel",
    "filed_at",
    "month",
    "sent_at",
    "received_by_post_at",
    "returned_by_post_at",
    "paid_at",
    "fee_vnd",
)
_LAST_WINS = ("procedure", "unit", "delivery")


class FleetSchemaError(RuntimeError):
    """The database holds another version of the fleet schema."""


class UnknownKiosk(LookupError):
    pass


def local_month(at: datetime) -> str:
    return at.astimezone(TIMEZONE).strftime("%Y-%m")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class IngestResult:
    accepted: int
    duplicates: int
    calls: tuple[str, ...] = ()  # staff calls that are new with this batch (to notify someone)
    by_type: dict[str, int] = field(default_factory=dict)  # new events by type (for /metrics)


def open_database(url: str) -> Engine:
    """An engine on the fleet database, its schema made or checked."""
    engine = make_engine(url)
    FleetBase.metadata.create_all(engine)
    with engine.begin() as connection:
        row = connection.execute(select(FleetMeta.value).where(FleetMeta.key == "schema_version")).scalar()
        if row is None:
            connection.execute(
                _insert(connection, FleetMeta)
                .values(key="schema_version", value=str(SCHEMA_VERSION))
                .on_conflict_do_nothing()
            )
        elif row != str(SCHEMA_VERSION):
            raise FleetSchemaError(
                f"fleet schema version {row} in the database, this service knows {SCHEMA_VERSION}"
            )
    return engine


def _insert(connection: Connection | Session, model: Any) -> Any:
    dialect = (
        connection.get_bind().dialect.name if isinstance(connection, Session) else connection.dialect.name
    )
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


class FleetStore:
    def __init__(self, engine: Engine, *, clock: Any = utc_now) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self._clock = clock
        self._tokens: dict[str, str] = {}  # token hash -> kiosk id (kiosks are never re-keyed in place)

    # --- kiosks -----------------------------------------------------------------------------------------

    def enrol(self, kiosk_id: str, name: str, commune: str = "", group: str = "default") -> str:
        """Enrol (or re-enrol) a kiosk; returns its new bearer token. A re-enrolment revokes the old one."""
        token = secrets.token_urlsafe(32)
        with self.sessions.begin() as session:
            kiosk = session.get(FleetKiosk, kiosk_id)
            if kiosk is None:
                kiosk = FleetKiosk(id=kiosk_id, enrolled_at=self._clock())
                session.add(kiosk)
            else:
                self._tokens.pop(kiosk.token_hash, None)
            kiosk.name, kiosk.commune, kiosk.group = name, commune, group
            kiosk.token_hash = token_hash(token)
        return token

    def kiosk_for_token(self, token: str) -> str | None:
        digest = token_hash(token)
        if digest in self._tokens:
            return self._tokens[digest]
        with self.sessions() as session:
            kiosk_id = session.scalar(select(FleetKiosk.id).where(FleetKiosk.token_hash == digest))
        if kiosk_id is not None:
            self._tokens[digest] = kiosk_id
        return kiosk_id

    def kiosks(self) -> list[FleetKiosk]:
        with self.sessions() as session:
            return list(session.scalars(select(FleetKiosk).order_by(FleetKiosk.id)))

    # --- ingestion --------------------------------------------------------------------------------------

    def ingest(self, kiosk_id: str, batch: Sequence[ev.FleetEvent]) -> IngestResult:
        if not batch:
            return IngestResult(0, 0)
        now = self._clock()
        with self.engine.begin() as connection:
            kiosk = connection.execute(select(FleetKiosk.commune).where(FleetKiosk.id == kiosk_id)).first()
            if kiosk is None:
                raise UnknownKiosk(kiosk_id)
            commune = kiosk.commune
            unique = {e.id: e for e in batch}  # the same id twice in one batch is one event
            new_ids = _insert_events(connection, kiosk_id, list(unique.values()), now)
            fresh = sorted((unique[i] for i in new_ids), key=lambda e: e.at)
            self._project(connection, kiosk_id, commune, fresh, now)
        calls = tuple(
            e.data["call_id"] for e in fresh if e.type == ev.STAFF_CALL and e.data["action"] == "call"
        )
        return IngestResult(len(fresh), len(batch) - len(fresh), calls, dict(Counter(e.type for e in fresh)))

    def _project(
        self, connection: Connection, kiosk_id: str, commune: str, fresh: list[ev.FleetEvent], now: datetime
    ) -> None:
        state: dict[str, Any] = {"last_seen_at": now}
        dossiers: dict[str, dict[str, Any]] = {}
        feedback: list[dict[str, Any]] = []
        calls: list[dict[str, Any]] = []
        cancels: list[str] = []
        for event in fresh:  # oldest first: the latest state wins
            data = event.data
            if event.type == ev.DEVICE_HEALTH:
                state.update(health=data, health_at=event.at)
            elif event.type == ev.QUEUE:
                state.update(queued=data["queued"], oldest_age_s=data["oldest_age_s"], queue_at=event.at)
            elif event.type == ev.VERSION:
                state["version"] = data["version"]
            elif event.type == ev.DOSSIER:
                row = dossiers.setdefault(
                    data["dossier_ref"],
                    {"kiosk_id": kiosk_id, "dossier_ref": data["dossier_ref"], "commune": commune},
                )
                _merge_dossier(row, event)
            elif event.type == ev.FEEDBACK:
                feedback.append(_feedback_row(event, kiosk_id, commune))
            elif event.type == ev.STAFF_CALL:
                if data["action"] == "call":
                    calls.append(
                        {
                            "call_id": data["call_id"],
                            "kiosk_id": kiosk_id,
                            "called_at": event.at,
                            "received_at": now,
                            "state": "open",
                        }
                    )
                else:
                    cancels.append(data["call_id"])
        self._update_kiosk(connection, kiosk_id, state)
        if dossiers:
            table = FleetDossier.__table__
            columns = ("kiosk_id", "dossier_ref", "commune", *_FIRST_WINS, *_LAST_WINS)
            values = [{c: row.get(c) for c in columns} for row in dossiers.values()]
            insert = _insert(connection, FleetDossier)
            excluded = insert.excluded
            set_ = {c: func.coalesce(table.c[c], excluded[c]) for c in _FIRST_WINS}
            set_.update({c: func.coalesce(excluded[c], table.c[c]) for c in _LAST_WINS})
            connection.execute(
                insert.on_conflict_do_update(index_elements=["kiosk_id", "dossier_ref"], set_=set_), values
            )
        if feedback:
            connection.execute(_insert(connection, FleetFeedback).on_conflict_do_nothing(), feedback)
        if calls:
            connection.execute(_insert(connection, FleetStaffCall).on_conflict_do_nothing(), calls)
        if cancels:
            connection.execute(
                update(FleetStaffCall)
                .where(FleetStaffCall.call_id.in_(cancels), FleetStaffCall.state == "open")
                .values(state="cancelled")
            )

    @staticmethod
    def _update_kiosk(connection: Connection, kiosk_id: str, state: dict[str, Any]) -> None:
        # Device, queue and version state only move forward in time: a late batch from a kiosk that was
        # offline must not overwrite what a newer heartbeat already said.
        current = connection.execute(
            select(FleetKiosk.health_at, FleetKiosk.queue_at).where(FleetKiosk.id == kiosk_id)
        ).one()
        if "health_at" in state and current.health_at is not None and state["health_at"] <= current.health_at:
            del state["health"], state["health_at"]
        if "queue_at" in state and current.queue_at is not None and state["queue_at"] <= current.queue_at:
            for key in ("queued", "oldest_age_s", "queue_at"):
                del state[key]
        connection.execute(update(FleetKiosk).where(FleetKiosk.id == kiosk_id).values(**state))

    # --- staff calls ------------------------------------------------------------------------------------

    def open_calls(self) -> list[FleetStaffCall]:
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(FleetStaffCall)
                    .where(FleetStaffCall.state == "open")
                    .order_by(FleetStaffCall.called_at)
                )
            )

    def call(self, call_id: str) -> FleetStaffCall | None:
        with self.sessions() as session:
            return session.get(FleetStaffCall, call_id)

    def acknowledge(self, call_id: str, by: str) -> bool:
        with self.sessions.begin() as session:
            result = session.execute(
                update(FleetStaffCall)
                .where(FleetStaffCall.call_id == call_id, FleetStaffCall.state == "open")
                .values(state="acknowledged", acknowledged_at=self._clock(), acknowledged_by=by[:64])
            )
            return bool(getattr(result, "rowcount", 0))

    # --- central staff and settings ---------------------------------------------------------------------

    def put_staff(
        self, staff_id: str, name: str, role: str, pin_hash: dict[str, Any], group: str | None = None
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        with self.sessions.begin() as session:
            member = session.get(FleetStaff, staff_id) or FleetStaff(id=staff_id)
            member.name, member.role, member.pin, member.group = name, role, pin_hash, group
            member.updated_at = self._clock()
            session.add(member)

    def put_setting(self, group: str, key: str, value: Any) -> None:
        with self.sessions.begin() as session:
            setting = session.get(FleetSetting, (group, key)) or FleetSetting(group=group, key=key)
            setting.value, setting.updated_at = value, self._clock()
            session.add(setting)

    def kiosk_config(self, kiosk_id: str) -> dict[str, Any]:
        """What a kiosk caches: the staff who may log in on it (PIN hashes) and its group's settings."""
        with self.sessions() as session:
            kiosk = session.get(FleetKiosk, kiosk_id)
            if kiosk is None:
                raise UnknownKiosk(kiosk_id)
            staff = session.scalars(
                select(FleetStaff)
                .where((FleetStaff.group.is_(None)) | (FleetStaff.group == kiosk.group))
                .order_by(FleetStaff.id)
            )
            settings: dict[str, Any] = {}
            for group in ("*", kiosk.group):  # the kiosk's own group overrides the fleet-wide value
                for setting in session.scalars(select(FleetSetting).where(FleetSetting.group == group)):
                    settings[setting.key] = setting.value
            return {
                "kiosk_id": kiosk.id,
                "group": kiosk.group,
                "settings": settings,
                "staff": [{"id": s.id, "name": s.name, "role": s.role, "pin": s.pin} for s in staff],
            }

    def counts(self) -> dict[str, int]:
        with self.sessions() as session:
            return {
                "events": session.scalar(select(func.count()).select_from(FleetEventRow)) or 0,
                "dossiers": session.scalar(select(func.count()).select_from(FleetDossier)) or 0,
            }


# PostgreSQL: one constant statement over arrays (unnest), parsed and planned once per connection, instead
# of a VALUES list whose SQL text changes with every batch size.
_PG_INSERT_EVENTS = text(
    "INSERT INTO fleet_event (event_id, kiosk_id, type, at, received_at, data) "
    "SELECT e.id, :kiosk, e.type, e.at, :now, CAST(e.data AS jsonb) "
    "FROM unnest(CAST(:ids AS text[]), CAST(:types AS text[]), CAST(:ats AS timestamptz[]), "
    "CAST(:datas AS text[])) AS e(id, type, at, data) "
    "ON CONFLICT (event_id) DO NOTHING RETURNING event_id"
)


def _insert_events(
    connection: Connection, kiosk_id: str, batch: list[ev.FleetEvent], now: datetime
) -> set[str]:
    """Store the events that are new; returns their ids (the others were stored before)."""
    if connection.dialect.name == "postgresql":
        params = {
            "kiosk": kiosk_id,
            "now": now,
            "ids": [e.id for e in batch],
            "types": [e.type for e in batch],
            "ats": [e.at for e in batch],
            "datas": [json.dumps(e.data) for e in batch],
        }
        return set(connection.execute(_PG_INSERT_EVENTS, params).scalars())
    rows = [
        {
            "event_id": e.id,
            "kiosk_id": kiosk_id,
            "type": e.type,
            "at": e.at,
            "received_at": now,
            "data": e.data,
        }
        for e in batch
    ]
    # executemany: compiled once and cached; SQLAlchemy batches the rows itself, RETURNING included.
    statement = (
        _insert(connection, FleetEventRow)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(FleetEventRow.event_id)
    )
    return set(connection.execute(statement, rows).scalars())


def _merge_dossier(row: dict[str, Any], event: ev.FleetEvent) -> None:
    data = event.data
    for key in ("procedure", "unit"):
        if data.get(key):
            row[key] = data[key]
    stage = data["stage"]
    if stage in ("submitted_online", "queued") and "channel" not in row:
        row.update(channel=stage, filed_at=event.at, month=local_month(event.at))
    elif stage == "sent":
        row.setdefault("sent_at", event.at)
    elif stage == "delivery_chosen" and data.get("delivery"):
        row["delivery"] = data["delivery"]
    elif stage == "received_by_post":
        row.setdefault("received_by_post_at", event.at)
    elif stage == "returned_by_post":
        row.setdefault("returned_by_post_at", event.at)
    elif stage == "paid":
        row.setdefault("paid_at", event.at)
        if data.get("fee_vnd") is not None:
            row.setdefault("fee_vnd", data["fee_vnd"])


def _feedback_row(event: ev.FleetEvent, kiosk_id: str, commune: str) -> dict[str, Any]:
    scores: dict[str, int] = event.data["scores"]
    return {
        "event_id": event.id,
        "kiosk_id": kiosk_id,
        "commune": commune,
        "procedure": event.data["procedure"],
        "unit": event.data.get("unit"),
        "at": event.at,
        "month": local_month(event.at),
        "access": scores.get("access"),
        "procedure_score": scores.get("procedure"),
        "staff": scores.get("staff"),
        "result": scores.get("result"),
        "time": scores.get("time"),
        "mean": sum(scores.values()) / len(scores),
    }


def parse_batch(raw: Iterable[object]) -> tuple[list[ev.FleetEvent], list[dict[str, str]]]:
    """The valid events of a batch, and for each invalid one its id and why (it is not stored)."""
    good: list[ev.FleetEvent] = []
    rejected: list[dict[str, str]] = []
    for item in raw:
        try:
            good.append(ev.parse_event(item))
        except ev.EventError as error:
            event_id = str(item.get("id", ""))[:36] if isinstance(item, dict) else ""
            rejected.append({"id": event_id, "reason": str(error)})
    return good, rejected
