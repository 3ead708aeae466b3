from __future__ import annotations

import hashlib
import json
import logging
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.staff.cli import (
    cli_staff_add,
    cli_staff_list,
    cli_staff_remove,
    cli_staff_set_pin,
    cli_staff_unlock,
    pins_match,
    staff_file,
)
from kiosk.staff.registry import (
    Outcome,
    Role,
    ScryptParams,
    StaffAuditEvent,
    StaffError,
    StaffRegistry,
    check_pin_rules,
    hash_pin,
    pin_matches,
)

FAST = ScryptParams(n=2**8, r=8, p=1)  # tests only: the default is 2^14


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 12, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def events() -> list[StaffAuditEvent]:
    return []


def make(path: Path, clock: Clock, events: list[StaffAuditEvent], **kw: object) -> StaffRegistry:
    return StaffRegistry(path, params=FAST, clock=clock, audit=events.append, **kw)  # type: ignore[arg-type]


@pytest.fixture
def registry(tmp_path: Path, clock: Clock, events: list[StaffAuditEvent]) -> StaffRegistry:
    reg = make(tmp_path / "data" / "staff.json", clock, events, max_failures=3, lockout=timedelta(minutes=10))
    reg.add("NV012", "Trần Văn Bình", "clerk", "482915")
    return reg


def test_file_holds_only_a_salted_scrypt_hash(registry: StaffRegistry) -> None:
    text = registry.path.read_text(encoding="utf-8")
    assert "482915" not in text
    record = json.loads(text)["staff"]["NV012"]
    assert record["name"] == "Trần Văn Bình" and record["role"] == "clerk"
    pin = record["pin"]
    assert pin["alg"] == "scrypt" and (pin["n"], pin["r"], pin["p"]) == (2**8, 8, 1)
    registry.add("NV013", "Lê Thị Hoa", Role.OPERATOR, "482915")
    other = json.loads(registry.path.read_text(encoding="utf-8"))["staff"]["NV013"]["pin"]
    assert other["salt"] != pin["salt"] and other["hash"] != pin["hash"]  # per-PIN salt


def test_file_and_folder_are_owner_only(registry: StaffRegistry) -> None:
    assert stat.S_IMODE(registry.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(registry.path.parent.stat().st_mode) == 0o700
    assert not list(registry.path.parent.glob(".staff-*.tmp"))  # no temp file left behind


def test_verify_ok_and_wrong(registry: StaffRegistry, events: list[StaffAuditEvent]) -> None:
    ok = registry.verify("NV012", "482915")
    assert ok.ok and ok.member is not None and ok.member.name == "Trần Văn Bình"
    wrong = registry.verify("NV012", "482916")
    assert wrong.outcome is Outcome.WRONG_PIN and wrong.attempts_left == 2
    assert registry.verify("NOBODY", "482915").outcome is Outcome.UNKNOWN
    kinds = [e.kind for e in events]
    assert kinds[-3:] == ["staff.verify.ok", "staff.verify.wrong_pin", "staff.verify.unknown"]


def test_lockout_survives_a_restart(tmp_path: Path, registry: StaffRegistry, clock: Clock,
                                    events: list[StaffAuditEvent]) -> None:
    for _ in range(2):
        registry.verify("NV012", "000111")
    locked = registry.verify("NV012", "000111")
    assert locked.outcome is Outcome.LOCKED and locked.locked_until == clock.now + timedelta(minutes=10)
    # A new registry on the same file (the kiosk restarted) still refuses, even the right PIN.
    again = make(registry.path, clock, events, max_failures=3, lockout=timedelta(minutes=10))
    assert again.verify("NV012", "482915").outcome is Outcome.LOCKED
    assert again.locked_until("NV012") == clock.now + timedelta(minutes=10)
    clock.now += timedelta(minutes=10, seconds=1)
    assert again.verify("NV012", "482915").ok
    kinds = [e.kind for e in events]
    assert "staff.verify.locked_out" in kinds and "staff.verify.refused_locked" in kinds


def test_success_resets_the_failure_count(registry: StaffRegistry) -> None:
    registry.verify("NV012", "000111")
    registry.verify("NV012", "000111")
    assert registry.verify("NV012", "482915").ok
    assert registry.verify("NV012", "000111").attempts_left == 2


def test_change_pin_and_unlock(registry: StaffRegistry) -> None:
    with pytest.raises(StaffError, match="current PIN"):
        registry.change_pin("NV012", "730264", old_pin="111000")
    registry.change_pin("NV012", "730264", old_pin="482915")
    assert registry.verify("NV012", "730264").ok
    assert not registry.verify("NV012", "482915").ok
    for _ in range(3):
        registry.verify("NV012", "000111")
    assert registry.locked_until("NV012") is not None
    registry.unlock("NV012")
    assert registry.verify("NV012", "730264").ok


def test_stored_parameters_are_used_to_verify(tmp_path: Path) -> None:
    old = hash_pin("482915", ScryptParams(n=2**4, r=2, p=1, dklen=16))
    assert pin_matches("482915", old) and not pin_matches("482916", old)
    with pytest.raises(StaffError):
        pin_matches("482915", {**old, "alg": "md5"})


@pytest.mark.parametrize(
    "pin", ["123", "12a456", "1111", "123456", "987654", "0123", "9012", "1" * 13, "４８２９"]
)
def test_weak_or_malformed_pins_are_refused(pin: str) -> None:
    with pytest.raises(StaffError):
        check_pin_rules(pin)


def test_add_validates(registry: StaffRegistry) -> None:
    with pytest.raises(StaffError, match="already exists"):
        registry.add("NV012", "X", "clerk", "482915")
    with pytest.raises(StaffError, match="role"):
        registry.add("NV099", "X", "boss", "482915")
    with pytest.raises(StaffError, match="staff id"):
        registry.add("../x", "X", "clerk", "482915")
    with pytest.raises(StaffError, match="name"):
        registry.add("NV099", "  ", "clerk", "482915")
    with pytest.raises(StaffError, match="no staff"):
        registry.remove("NV099")


def test_events_and_logs_never_carry_the_pin(registry: StaffRegistry, events: list[StaffAuditEvent],
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    registry.verify("NV012", "482915")
    registry.verify("NV012", "555123")
    registry.change_pin("NV012", "730264")
    for event in events:
        assert "482915" not in repr(event) and "555123" not in repr(event) and "730264" not in repr(event)
    assert "482915" not in caplog.text and "555123" not in caplog.text and "730264" not in caplog.text
    assert "staff.verify.wrong_pin" in caplog.text


def test_corrupt_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "staff.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(StaffError, match="not valid JSON"):
        StaffRegistry(path, params=FAST).members()
    path.write_text('{"version": 99, "staff": {}}', encoding="utf-8")
    with pytest.raises(StaffError, match="version"):
        StaffRegistry(path, params=FAST).members()


def test_unknown_id_costs_a_scrypt_like_a_known_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = StaffRegistry(tmp_path / "staff.json", params=ScryptParams(n=2**12))
    registry.add("NV050", "Phạm An", "clerk", "482915")
    scrypt = hashlib.scrypt
    work: list[tuple[int, int, int, int]] = []

    def counted(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int, maxmem: int) -> bytes:
        work.append((n, r, p, dklen))
        return scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)

    monkeypatch.setattr(hashlib, "scrypt", counted)

    def work_of(staff_id: str) -> list[tuple[int, int, int, int]]:
        work.clear()
        registry.verify(staff_id, "482915")
        return list(work)

    # The dummy hash uses the registry's parameters: an unknown id does the same scrypt work as a known one
    # (counted, not timed: a timing comparison fails on a busy machine).
    known = work_of("NV050")
    assert known == [(2**12, 8, 1, ScryptParams().dklen)]
    assert work_of("NOBODY") == known


def test_cli_functions(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    added = cli_staff_add(data_dir, "NV012", "Trần Văn Bình", "clerk", "482915")
    assert added == {"added": {"id": "NV012", "name": "Trần Văn Bình", "role": "clerk"}}
    assert staff_file(data_dir).exists()
    cli_staff_add(data_dir, "OP1", "Lê Thị Hoa", "operator", "730264")
    listed = cli_staff_list(data_dir)
    assert [s["id"] for s in listed["staff"]] == ["NV012", "OP1"]
    assert listed["staff"][0]["locked_until"] is None
    assert "482915" not in json.dumps(listed)
    assert cli_staff_set_pin(data_dir, "NV012", "915482") == {"pin_changed": "NV012"}
    assert cli_staff_unlock(data_dir, "NV012") == {"unlocked": "NV012"}
    assert cli_staff_remove(data_dir, "OP1")["removed"]["id"] == "OP1"
    assert [s["id"] for s in cli_staff_list(data_dir)["staff"]] == ["NV012"]
    assert pins_match("482915", "482915") == "482915"
    with pytest.raises(StaffError):
        pins_match("482915", "482916")
