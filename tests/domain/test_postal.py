from __future__ import annotations

import pytest

from kiosk.domain.postal import (
    is_valid_tracking_number,
    make_tracking_number,
    parse_tracking_number,
    s10_check_digit,
)


def test_the_upu_example_is_valid() -> None:
    number = parse_tracking_number("RB123456785GB")
    assert (number.service, number.serial, number.check, number.country) == ("RB", "12345678", 5, "GB")
    assert number.check_digit_ok and number.warnings == ()
    assert is_valid_tracking_number("rb 1234 5678 5 gb")


@pytest.mark.parametrize(
    ("serial", "check"),
    [("12345678", 5), ("00000000", 5), ("47312482", 9), ("00000001", 4), ("00000008", 0)],
)
def test_check_digit_rules(serial: str, check: int) -> None:
    # 00000000: r = 0 → 5; 47312482: sum 200, r = 2 → 9; 00000001: r = 7 → 4; 00000008: r = 1 → 0
    assert s10_check_digit(serial) == _reference(serial) == check


def _reference(serial: str) -> int:
    r = sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11
    return 0 if r == 1 else 5 if r == 0 else 11 - r


def test_a_bad_check_digit_is_a_warning_not_a_refusal() -> None:
    number = parse_tracking_number("RB123456784GB")
    assert not number.check_digit_ok
    assert number.warnings == ("check_digit",)
    assert not is_valid_tracking_number("RB123456784GB")


@pytest.mark.parametrize("text", ["RB12345678GB", "R1123456785GB", "RB123456785G", "", "EE123456789VNX"])
def test_wrong_shapes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_tracking_number(text)
    assert not is_valid_tracking_number(text)


def test_made_numbers_are_valid() -> None:
    for serial in (0, 1, 12345678, 99999999):
        text = make_tracking_number("EE", serial)
        assert is_valid_tracking_number(text) and text.endswith("VN") and len(text) == 13
