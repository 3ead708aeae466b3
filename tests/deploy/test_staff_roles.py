"""Staff PINs of 6 digits, lockouts that grow, and roles enforced by the registry the UI calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.staff import Action, Outcome, PermissionDeniedError, ScryptParams, StaffError, StaffRegistry
from kiosk.staff.registry import check_pin_rules

FAST = ScryptParams(n=2**8, r=8, p=1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registry(tmp_path: Path, clock: Clock) -> StaffRegistry:
    registry = StaffRegistry(tmp_path / "staff.json", params=FAST, clock=clock)
    registry.add("lan.nt", "Nguyễn Thị Lan", "clerk", "739152")
    registry.add("minh.tv", "Trần Văn Minh", "operator", "258013")
    return registry


@pytest.mark.parametrize("pin", ["7391", "48291", "0000000", "123456"])
def test_pins_shorter_than_six_digits_or_trivial_are_refused(pin: str) -> None:
    with pytest.raises(StaffError):
        check_pin_rules(pin)


def test_six_digit_pin_is_accepted() -> None:
    check_pin_rules("739152")


def _lock_out(registry: StaffRegistry) -> datetime:
    for _ in range(registry.max_failures - 1):
        assert registry.verify("lan.nt", "111000").outcome is Outcome.WRONG_PIN
    result = registry.verify("lan.nt", "111000")
    assert result.outcome is Outcome.LOCKED and result.locked_until is not None
    return result.locked_until


def test_each_lockout_in_a_row_lasts_longer(registry: StaffRegistry, clock: Clock) -> None:
    durations = []
    for _ in range(6):
        until = _lock_out(registry)
        durations.append(until - clock.now)
        clock.now = until + timedelta(seconds=1)
    minutes = [d / timedelta(minutes=1) for d in durations]
    assert minutes == [15, 60, 240, 960, 1440, 1440]
    # Guessing a 6-digit PIN at 5 tries per lockout of at least a day: far beyond a kiosk's lifetime.
    assert 10**6 / 2 / registry.max_failures * durations[-1] > timedelta(days=365 * 100)


def test_a_right_pin_resets_the_escalation(registry: StaffRegistry, clock: Clock) -> None:
    clock.now = _lock_out(registry) + timedelta(seconds=1)
    clock.now = _lock_out(registry) + timedelta(seconds=1)
    assert registry.verify("lan.nt", "739152").ok
    assert _lock_out(registry) - clock.now == timedelta(minutes=15)


def test_a_clerk_may_assist_but_not_exit_retry_or_change_settings(registry: StaffRegistry) -> None:
    assert registry.authorize("lan.nt", Action.ASSIST).staff_id == "lan.nt"
    assert registry.authorize("lan.nt", Action.VIEW_DASHBOARD).staff_id == "lan.nt"
    for action in (Action.EXIT, Action.RETRY, Action.CHANGE_SETTINGS, Action.MANAGE_STAFF):
        with pytest.raises(PermissionDeniedError, match="clerk"):
            registry.authorize("lan.nt", action)
        assert registry.authorize("minh.tv", action).staff_id == "minh.tv"


def test_roles_are_read_from_the_file_at_each_action(registry: StaffRegistry) -> None:
    assert registry.authorize("minh.tv", Action.EXIT)
    registry.remove("minh.tv")
    with pytest.raises(PermissionDeniedError):
        registry.authorize("minh.tv", Action.EXIT)
