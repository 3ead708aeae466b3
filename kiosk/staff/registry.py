"""Staff members (postal clerks, kiosk operators) and their PINs, in a small JSON file in the data dir.

- A PIN is stored only as a scrypt hash with its own random salt; the scrypt parameters are stored with
  each hash, so raising them later leaves existing PINs verifiable (and `change_pin` re-hashes).
- Verification compares in constant time (`hmac.compare_digest`) and an unknown staff id costs the same
  scrypt work as a known one, so timing says nothing about which ids exist.
- After `max_failures` wrong PINs in a row a member is locked out; each further lockout before a right
  PIN lasts `escalation` times longer (15 min, 1 h, 4 h, 16 h, then `max_lockout`), so guessing a 6-digit
  PIN takes centuries, not days. The counts and the lock are in the file, so a restart resets nothing.
- Roles are enforced here, not only in the UI: `authorize(staff_id, action)` re-reads the member's role
  from the file (a member removed or demoted a minute ago is refused) and raises `PermissionDeniedError`.
- The file is written atomically (temp file, fsync, rename) with owner-only permissions (0600, folder
  0700), under an advisory lock so `kiosk staff add` and a running kiosk do not overwrite each other.
- Every outcome goes to an audit hook as a `StaffAuditEvent` (staff id, outcome, counts): never the PIN.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import hmac
import itertools
import json
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STAFF_FILE_NAME = "staff.json"
FILE_VERSION = 1
PIN_MIN_LENGTH = 6
PIN_MAX_LENGTH = 12
_STAFF_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")


class Role(StrEnum):
    CLERK = "clerk"  # assists citizens; recorded on the dossiers they help with
    OPERATOR = "operator"  # also maintains the kiosk (queue, printer, settings)


class StaffError(ValueError):
    """A staff operation cannot be done; the message says why (never contains a PIN)."""


class PermissionDeniedError(StaffError):
    """The member's role does not allow the action."""


class Action(StrEnum):
    """What a signed-in staff member may ask the kiosk to do."""

    ASSIST = "assist"  # assisted mode: help citizens, recorded on their dossiers
    VIEW_DASHBOARD = "view_dashboard"  # queue, device health, today's numbers
    RETRY = "retry"  # send a failed dossier again
    EXIT = "exit"  # quit the kiosk program
    CHANGE_SETTINGS = "change_settings"
    MANAGE_STAFF = "manage_staff"  # add, remove, reset PINs, unlock


_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.CLERK: frozenset({Action.ASSIST, Action.VIEW_DASHBOARD}),
    Role.OPERATOR: frozenset(Action),
}


def role_allows(role: Role, action: Action) -> bool:
    return action in _ALLOWED[role]


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost: n=2^14, r=8 takes ~16 MiB and ~50 ms per check on a kiosk-class CPU."""

    n: int = 2**14
    r: int = 8
    p: int = 1
    dklen: int = 32


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    name: str
    role: Role


class Outcome(StrEnum):
    OK = "ok"
    WRONG_PIN = "wrong_pin"
    LOCKED = "locked"  # locked out now (this attempt was not checked, or it caused the lock)
    UNKNOWN = "unknown"  # no such staff id


@dataclass(frozen=True)
class VerifyResult:
    outcome: Outcome
    member: StaffMember | None = None
    #: Until when the member is locked out (LOCKED).
    locked_until: datetime | None = None
    #: Wrong PINs left before a lockout (WRONG_PIN).
    attempts_left: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


@dataclass(frozen=True)
class StaffAuditEvent:
    """What happened, for the audit trail: the kind, the staff id and numbers, never a PIN."""

    kind: str  # staff.verify.ok / .wrong_pin / .locked_out / .refused_locked / .unknown, staff.added, …
    staff_id: str
    at: datetime
    details: dict[str, Any] = field(default_factory=dict)


AuditHook = Callable[[StaffAuditEvent], None]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, params: ScryptParams, salt: bytes | None = None) -> dict[str, Any]:
    """The stored form of a PIN: algorithm, parameters, salt and hash (base64)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=params.n, r=params.r, p=params.p, dklen=params.dklen,
        maxmem=256 * params.r * params.n + (1 << 20),
    )
    return {"alg": "scrypt", **asdict(params), "salt": _b64(salt), "hash": _b64(digest)}


def pin_matches(pin: str, stored: dict[str, Any]) -> bool:
    """Recompute with the stored salt and parameters; compare in constant time."""
    if stored.get("alg") != "scrypt":
        raise StaffError(f"unsupported PIN hash algorithm {stored.get('alg')!r}")
    params = ScryptParams(
        n=int(stored["n"]), r=int(stored["r"]), p=int(stored["p"]), dklen=int(stored["dklen"])
    )
    again = hash_pin(pin, params, base64.b64decode(stored["salt"]))
    return hmac.compare_digest(base64.b64decode(again["hash"]), base64.b64decode(stored["hash"]))


def check_pin_rules(pin: str) -> None:
    """6–12 digits, not one digit repeated, not a run up or down (1234, 987654)."""
    if not (pin.isascii() and pin.isdigit()):
        raise StaffError("a PIN is digits only")
    if not PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH:
        raise StaffError(f"a PIN has {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits")
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if len(steps) == 1 and steps <= {0, 1, 9}:
        raise StaffError("a PIN must not be one digit repeated or a run such as 1234: too easy to guess")


def _now() -> datetime:
    return datetime.now(UTC)


class StaffRegistry:
    """Staff members and PINs in `path` (usually ``<data_dir>/staff.json``)."""

    def __init__(
        self,
        path: Path,
        *,
        max_failures: int = 5,
        lockout: timedelta = timedelta(minutes=15),
        escalation: int = 4,
        max_lockout: timedelta = timedelta(hours=24),
        params: ScryptParams = ScryptParams(),
        audit: AuditHook | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        if max_failures < 1:
            raise ValueError("max_failures must be at least 1")
        self.path = Path(path)
        self.max_failures = max_failures
        self.lockout = lockout
        self.escalation = escalation
        self.max_lockout = max_lockout
        self.params = params
        self._audit = audit
        self._clock = clock
        # Same work for unknown ids as for known ones.
        self._dummy_hash = hash_pin(secrets.token_hex(8), params)

    # -- file -------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        """Read-modify-write under an advisory lock; the data is written back when the block succeeds."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            data = self._read()
            yield data
            self._write(data)
        finally:
            os.close(fd)

    def _read(self) -> dict[str, Any]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"version": FILE_VERSION, "staff": {}}
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise StaffError(f"{self.path} is not valid JSON ({exc.msg}); restore it from a backup") from None
        if not (isinstance(data, dict) and data.get("version") == FILE_VERSION
                and isinstance(data.get("staff"), dict)):
            raise StaffError(f"{self.path} is not a version {FILE_VERSION} staff file")
        return data

    def _write(self, data: dict[str, Any]) -> None:
        directory = self.path.parent
        fd, tmp = tempfile.mkstemp(prefix=".staff-", suffix=".tmp", dir=directory)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _emit(self, kind: str, staff_id: str, **details: Any) -> None:
        event = StaffAuditEvent(kind, staff_id, self._clock(), details)
        log.info("%s staff_id=%s %s", kind, staff_id, " ".join(f"{k}={v}" for k, v in details.items()))
        if self._audit is not None:
            self._audit(event)

    # -- members ----------------------------------------------------------------------------------------

    @staticmethod
    def _member(staff_id: str, record: dict[str, Any]) -> StaffMember:
        return StaffMember(staff_id, record["name"], Role(record["role"]))

    def members(self) -> list[StaffMember]:
        data = self._read()
        return sorted((self._member(i, r) for i, r in data["staff"].items()), key=lambda m: m.staff_id)

    def get(self, staff_id: str) -> StaffMember | None:
        record = self._read()["staff"].get(staff_id)
        return None if record is None else self._member(staff_id, record)

    def add(self, staff_id: str, name: str, role: Role | str, pin: str) -> StaffMember:
        if not _STAFF_ID.fullmatch(staff_id):
            raise StaffError("a staff id is 1–32 of A-Z a-z 0-9 . _ - (starting with a letter or digit)")
        name = " ".join(name.split())
        if not name:
            raise StaffError("a staff member needs a name")
        try:
            role = Role(role)
        except ValueError:
            raise StaffError(f"role must be one of {', '.join(r.value for r in Role)}") from None
        check_pin_rules(pin)
        with self._locked() as data:
            if staff_id in data["staff"]:
                raise StaffError(f"staff id {staff_id} already exists")
            now = self._clock().isoformat()
            data["staff"][staff_id] = {
                "name": name, "role": role.value, "pin": hash_pin(pin, self.params),
                "failures": 0, "locked_until": None, "created_at": now, "pin_changed_at": now,
            }
        self._emit("staff.added", staff_id, role=role.value)
        return StaffMember(staff_id, name, role)

    def remove(self, staff_id: str) -> StaffMember:
        with self._locked() as data:
            record = data["staff"].pop(staff_id, None)
            if record is None:
                raise StaffError(f"no staff member {staff_id}")
        self._emit("staff.removed", staff_id)
        return self._member(staff_id, record)

    def change_pin(self, staff_id: str, new_pin: str, *, old_pin: str | None = None) -> None:
        """Set a new PIN. With `old_pin` (a clerk changing their own) the old one must verify first;
        without it (an operator resetting one) it is not needed. Either way the lockout is cleared."""
        check_pin_rules(new_pin)
        if old_pin is not None and not self.verify(staff_id, old_pin).ok:
            raise StaffError("the current PIN is not correct")
        with self._locked() as data:
            record = data["staff"].get(staff_id)
            if record is None:
                raise StaffError(f"no staff member {staff_id}")
            record["pin"] = hash_pin(new_pin, self.params)
            record["failures"] = 0
            record["locked_until"] = None
            record["pin_changed_at"] = self._clock().isoformat()
        self._emit("staff.pin_changed", staff_id, by_self=old_pin is not None)

    # -- verification -----------------------------------------------------------------------------------

    def verify(self, staff_id: str, pin: str) -> VerifyResult:
        """Check a PIN, counting failures and locking out after `max_failures` in a row."""
        now = self._clock()
        with self._locked() as data:
            record = data["staff"].get(staff_id)
            if record is None:
                pin_matches(pin, self._dummy_hash)  # same cost as a real check
                result, event, details = VerifyResult(Outcome.UNKNOWN), "staff.verify.unknown", {}
            elif record["locked_until"] and datetime.fromisoformat(record["locked_until"]) > now:
                until = datetime.fromisoformat(record["locked_until"])
                result = VerifyResult(Outcome.LOCKED, self._member(staff_id, record), until)
                event, details = "staff.verify.refused_locked", {"until": until.isoformat()}
            elif pin_matches(pin, record["pin"]):
                record["failures"] = 0
                record["lockouts"] = 0
                record["locked_until"] = None
                result = VerifyResult(Outcome.OK, self._member(staff_id, record))
                event, details = "staff.verify.ok", {}
            else:
                record["failures"] = int(record["failures"]) + 1
                if record["failures"] >= self.max_failures:
                    lockouts = int(record.get("lockouts", 0)) + 1
                    until = now + self.lockout_after(lockouts)
                    record["failures"] = 0
                    record["lockouts"] = lockouts
                    record["locked_until"] = until.isoformat()
                    result = VerifyResult(Outcome.LOCKED, self._member(staff_id, record), until)
                    event = "staff.verify.locked_out"
                    details = {"until": until.isoformat(), "lockouts": str(lockouts)}
                else:
                    left = self.max_failures - record["failures"]
                    member = self._member(staff_id, record)
                    result = VerifyResult(Outcome.WRONG_PIN, member, attempts_left=left)
                    event, details = "staff.verify.wrong_pin", {"attempts_left": left}
        self._emit(event, staff_id, **details)
        return result

    def lockout_after(self, lockouts: int) -> timedelta:
        """How long the `lockouts`-th lockout in a row lasts (1 = the first)."""
        factor = self.escalation ** min(max(lockouts - 1, 0), 32)
        return min(self.lockout * factor, max(self.max_lockout, self.lockout))

    def authorize(self, staff_id: str, action: Action | str) -> StaffMember:
        """The member, if their role (as the staff file says now) allows `action`; else
        PermissionDeniedError. The UI asks this before every staff action, not only at sign-in."""
        action = Action(action)
        member = self.get(staff_id)
        if member is None:
            self._emit("staff.denied", staff_id, action=action.value, reason="unknown")
            raise PermissionDeniedError(f"no staff member {staff_id}")
        if not role_allows(member.role, action):
            self._emit("staff.denied", staff_id, action=action.value, role=member.role.value)
            # For logs and staff tools, in English like every StaffError; the staff screen shows its own
            # words (it only offers the actions the role allows).
            raise PermissionDeniedError(
                f"a {member.role.value} may not {action.value.replace('_', ' ')}; ask an operator")
        return member

    def locked_until(self, staff_id: str) -> datetime | None:
        """When the member's lockout ends, or None when they are not locked out now."""
        record = self._read()["staff"].get(staff_id)
        if record is None or not record["locked_until"]:
            return None
        until = datetime.fromisoformat(record["locked_until"])
        return until if until > self._clock() else None

    def unlock(self, staff_id: str) -> None:
        """Clear a lockout and the failure count (an operator's action)."""
        with self._locked() as data:
            record = data["staff"].get(staff_id)
            if record is None:
                raise StaffError(f"no staff member {staff_id}")
            record["failures"] = 0
            record["lockouts"] = 0
            record["locked_until"] = None
        self._emit("staff.unlocked", staff_id)
