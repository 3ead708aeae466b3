"""The fleet service's tables: its own schema, apart from the kiosk's (one database per province).

Nothing here can hold personal data: events are stored as checked by `kiosk.fleet.events` (codes,
numbers, words from fixed lists), kiosks are named by their kiosk id, staff by an employee code and a
name (staff, not citizens), and PINs only as scrypt hashes. Reports read the projections
(`fleet_dossier`, `fleet_feedback`), which ingestion keeps up to date in the same transaction as the raw
event, so they count each event exactly once. `month` columns are the month in Asia/Ho_Chi_Minh.

The schema is made with `metadata.create_all` and a version row in `fleet_meta`: a service that finds
another version refuses to start instead of guessing (the next version brings its Alembic chain).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.store.models import ID_LEN, NAMING_CONVENTION, UUID_LEN, BigId, UtcDateTime

SCHEMA_VERSION = 1
MONTH_LEN = 7  # "2026-11"
Json = JSON().with_variant(JSONB(), "postgresql")


class FleetBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class FleetMeta(FleetBase):
    __tablename__ = "fleet_meta"

    key: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class FleetKiosk(FleetBase):
    """An enrolled kiosk and its latest reported state (what the dashboard shows)."""

    __tablename__ = "fleet_kiosk"

    id: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Where it stands (commune / ward code) and which settings group it follows.
    commune: Mapped[str] = mapped_column(String(ID_LEN), default="")
    group: Mapped[str] = mapped_column("grp", String(ID_LEN), default="default")
    #: SHA-256 of the kiosk's bearer token (the token itself is only in the kiosk's keyring).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    version: Mapped[str | None] = mapped_column(String(40))
    health: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    health_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    queued: Mapped[int] = mapped_column(Integer(), default=0)
    oldest_age_s: Mapped[int] = mapped_column(Integer(), default=0)
    queue_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class FleetEventRow(FleetBase):
    """Every event once (its id is the primary key: a resent batch adds nothing)."""

    __tablename__ = "fleet_event"
    __table_args__ = (Index("ix_fleet_event_kiosk_at", "kiosk_id", "at"),)

    event_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN), ForeignKey("fleet_kiosk.id"))
    type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    data: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)


class FleetDossier(FleetBase):
    """One dossier filed at a kiosk, as its lifecycle events told (opaque reference, no personal data)."""

    __tablename__ = "fleet_dossier"
    __table_args__ = (Index("ix_fleet_dossier_month", "month"),)

    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN), ForeignKey("fleet_kiosk.id"), primary_key=True)
    dossier_ref: Mapped[str] = mapped_column(String(32), primary_key=True)
    commune: Mapped[str] = mapped_column(String(ID_LEN), default="")
    procedure: Mapped[str | None] = mapped_column(String(ID_LEN))
    unit: Mapped[str | None] = mapped_column(String(ID_LEN))
    #: submitted_online (the portal took it at once) or queued (kept on the kiosk while offline).
    channel: Mapped[str | None] = mapped_column(String(32))
    filed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    month: Mapped[str | None] = mapped_column(String(MONTH_LEN))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    delivery: Mapped[str | None] = mapped_column(String(16))
    received_by_post_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    returned_by_post_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    fee_vnd: Mapped[int | None] = mapped_column(BigId)


class FleetFeedback(FleetBase):
    """One survey answer: criteria scores linked to a procedure and a unit, never to a person."""

    __tablename__ = "fleet_feedback"
    __table_args__ = (Index("ix_fleet_feedback_month", "month"),)

    event_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN), ForeignKey("fleet_kiosk.id"))
    commune: Mapped[str] = mapped_column(String(ID_LEN), default="")
    procedure: Mapped[str] = mapped_column(String(ID_LEN))
    unit: Mapped[str | None] = mapped_column(String(ID_LEN))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    month: Mapped[str] = mapped_column(String(MONTH_LEN))
    access: Mapped[int | None] = mapped_column(Integer())
    procedure_score: Mapped[int | None] = mapped_column(Integer())
    staff: Mapped[int | None] = mapped_column(Integer())
    result: Mapped[int | None] = mapped_column(Integer())
    time: Mapped[int | None] = mapped_column(Integer())
    #: Mean of the criteria answered (what "satisfied" is judged on: ≥ 4).
    mean: Mapped[float] = mapped_column(Float())


class FleetStaffCall(FleetBase):
    """A citizen pressed "Gọi nhân viên" on a kiosk: open until someone acknowledges it."""

    __tablename__ = "fleet_staff_call"
    __table_args__ = (Index("ix_fleet_staff_call_state", "state"),)

    call_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN), ForeignKey("fleet_kiosk.id"))
    called_at: Mapped[datetime] = mapped_column(UtcDateTime())
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    state: Mapped[str] = mapped_column(String(16), default="open")  # open, acknowledged, cancelled
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(ID_LEN))


class FleetStaff(FleetBase):
    """A staff account managed centrally; kiosks cache it (with the PIN's scrypt hash) for offline login."""

    __tablename__ = "fleet_staff"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # clerk, operator, province_admin
    #: Only kiosks of this group get it (None: every kiosk).
    group: Mapped[str | None] = mapped_column("grp", String(ID_LEN))
    pin: Mapped[dict[str, Any]] = mapped_column(Json)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class FleetSetting(FleetBase):
    """A setting pushed to every kiosk of a group ("*": all kiosks)."""

    __tablename__ = "fleet_setting"

    group: Mapped[str] = mapped_column("grp", String(ID_LEN), primary_key=True)
    key: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    value: Mapped[Any] = mapped_column(Json)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
