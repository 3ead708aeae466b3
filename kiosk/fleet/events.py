"""The fleet events a kiosk may send: one whitelist schema per event type, shared by kiosk and service.

PII-free by construction: an event is a type, a time and a few fields, each of which is a bounded number,
a word from a fixed list, or a *code* (letters, digits and `._:-`, no spaces, so no name or address fits)
that must also pass the personal-data patterns of `kiosk.logs` (ID numbers, phones, e-mail addresses).
A field that is not in its type's schema is an error, never stored. Dossiers are named by an opaque
reference (a hash of the kiosk's dossier id), never by the portal's dossier code or anything of the citizen.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.logs import find_personal_data

HEARTBEAT = "heartbeat"
DEVICE_HEALTH = "device_health"
QUEUE = "queue"
DOSSIER = "dossier"
FEEDBACK = "feedback"
STAFF_CALL = "staff_call"
VERSION = "version"

#: A dossier's life as the fleet sees it. `received_by_post`: the post picked the documents up at the
#: citizen's home (tiếp nhận qua BCCI); `returned_by_post`: the result went home by post
#: (trả kết quả qua BCCI).
STAGES = (
    "submitted_online",
    "queued",
    "sent",
    "delivery_chosen",
    "received_by_post",
    "returned_by_post",
    "paid",
)
DELIVERY_METHODS = ("counter", "post", "electronic")
LEVELS = ("ok", "warn", "error", "absent")
DEVICES = ("printer", "scanner", "camera", "portal", "disk")
#: SIPAS-style criteria (Chỉ số hài lòng về sự phục vụ hành chính), each scored 1 (very unhappy) … 5.
#: `overall`: the one question the kiosk asks after the receipt ("Ông/bà hài lòng không?"), counted in the
#: mean; the five criteria are for a fuller survey (a clerk's tablet, a later kiosk screen).
CRITERIA = ("access", "procedure", "staff", "result", "time", "overall")
CALL_ACTIONS = ("call", "cancel")

MAX_BATCH = 1000
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
_REF = re.compile(r"[0-9a-f]{32}")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}")


class EventError(ValueError):
    """An event does not fit its schema. The message names the field, never echoes its value."""


@dataclass(frozen=True)
class _Int:
    low: int
    high: int

    def check(self, name: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise EventError(f"{name}: a whole number from {self.low} to {self.high}")
        return value


@dataclass(frozen=True)
class _OneOf:
    words: tuple[str, ...]

    def check(self, name: str, value: object) -> object:
        if value not in self.words:
            raise EventError(f"{name}: one of {', '.join(self.words)}")
        return value


@dataclass(frozen=True)
class _Pattern:
    pattern: re.Pattern[str]
    screen: bool = True  # also refuse what looks like personal data (an ID number used as a "code")

    def check(self, name: str, value: object) -> object:
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            raise EventError(f"{name}: a code ({self.pattern.pattern})")
        if self.screen and find_personal_data(value):
            raise EventError(f"{name}: looks like personal data")
        return value


@dataclass(frozen=True)
class _Scores:
    def check(self, name: str, value: object) -> object:
        if not isinstance(value, Mapping) or not value:
            raise EventError(f"{name}: scores for one or more of {', '.join(CRITERIA)}")
        for key, score in value.items():
            if key not in CRITERIA:
                raise EventError(f"{name}: unknown criterion (known: {', '.join(CRITERIA)})")
            _Int(1, 5).check(f"{name}.{key}", score)
        return dict(value)


_Field = _Int | _OneOf | _Pattern | _Scores
_CODE_FIELD = _Pattern(CODE)
_LEVEL = _OneOf(LEVELS)

#: type -> {field: (spec, required)}
SCHEMAS: dict[str, dict[str, tuple[_Field, bool]]] = {
    HEARTBEAT: {"uptime_s": (_Int(0, 10**9), False)},
    DEVICE_HEALTH: {device: (_LEVEL, False) for device in DEVICES},
    QUEUE: {"queued": (_Int(0, 10**6), True), "oldest_age_s": (_Int(0, 10**9), True)},
    DOSSIER: {
        "stage": (_OneOf(STAGES), True),
        "dossier_ref": (_Pattern(_REF, screen=False), True),
        "procedure": (_CODE_FIELD, True),
        "unit": (_CODE_FIELD, False),
        "delivery": (_OneOf(DELIVERY_METHODS), False),
        "fee_vnd": (_Int(0, 10**10), False),
    },
    FEEDBACK: {"procedure": (_CODE_FIELD, True), "unit": (_CODE_FIELD, False), "scores": (_Scores(), True)},
    STAFF_CALL: {"call_id": (_Pattern(_REF, screen=False), True), "action": (_OneOf(CALL_ACTIONS), True)},
    VERSION: {"version": (_Pattern(_VERSION), True)},
}
EVENT_TYPES = tuple(SCHEMAS)


@dataclass(frozen=True)
class FleetEvent:
    id: str  # a UUID, made by the kiosk once: the service keeps each id once (idempotent ingestion)
    type: str
    at: datetime  # UTC, when it happened on the kiosk
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "at": self.at.isoformat(), "data": self.data}


def check_data(type_: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` checked against its type's whitelist; a new dict with only the allowed fields."""
    schema = SCHEMAS.get(type_)
    if schema is None:
        raise EventError(f"type: one of {', '.join(EVENT_TYPES)}")
    if not isinstance(data, Mapping):
        raise EventError("data: an object")
    unknown = sorted(set(data) - set(schema))
    if unknown:
        raise EventError(f"data: fields not allowed for {type_}: {', '.join(k[:32] for k in unknown)}")
    clean: dict[str, Any] = {}
    for name, (spec, required) in schema.items():
        if name not in data or data[name] is None:
            if required:
                raise EventError(f"{name}: required for {type_}")
            continue
        clean[name] = spec.check(name, data[name])
    return clean


def parse_event(raw: object) -> FleetEvent:
    """One event as received (JSON), checked. Raises EventError."""
    if not isinstance(raw, Mapping):
        raise EventError("event: an object")
    unknown = sorted(set(raw) - {"id", "type", "at", "data"})
    if unknown:
        raise EventError("event: only id, type, at and data")
    try:
        event_id = str(uuid.UUID(str(raw.get("id"))))
    except ValueError:
        raise EventError("id: a UUID") from None
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
    except ValueError:
        raise EventError("at: an ISO 8601 time with its offset") from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise EventError("at: an ISO 8601 time with its offset")
    type_ = str(raw.get("type"))
    return FleetEvent(event_id, type_, at.astimezone(UTC), check_data(type_, raw.get("data") or {}))


def new_event(type_: str, data: Mapping[str, Any], at: datetime) -> FleetEvent:
    if at.tzinfo is None:
        raise EventError("at: timezone-aware")
    return FleetEvent(str(uuid.uuid4()), type_, at.astimezone(UTC), check_data(type_, data))


def dossier_ref(dossier_id: str) -> str:
    """The opaque name of a dossier in the fleet: the fleet can count it, not look it up anywhere."""
    return hashlib.sha256(f"kiosk-fleet:{dossier_id}".encode()).hexdigest()[:32]


def new_ref() -> str:
    return uuid.uuid4().hex
