"""UPU S10 item identifiers (postal tracking numbers): ``RB123456785GB`` — two service letters, an
8-digit serial, a check digit, the two-letter country code.

Check digit: weights 8 6 4 2 3 5 9 7 over the serial, r = sum mod 11; r = 1 → 0, r = 0 → 5, else 11 − r.
Some domestic series do not follow it, so a wrong check digit is a warning, not a refusal
(see shared/DOMAIN.md §6). Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_S10 = re.compile(r"(?P<service>[A-Z]{2})(?P<serial>\d{8})(?P<check>\d)(?P<country>[A-Z]{2})")
_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    if not re.fullmatch(r"\d{8}", serial):
        raise ValueError("an S10 serial number is 8 digits")
    remainder = sum(int(d) * w for d, w in zip(serial, _WEIGHTS, strict=True)) % 11
    return {0: 5, 1: 0}.get(remainder, 11 - remainder)


@dataclass(frozen=True)
class TrackingNumber:
    service: str
    serial: str
    check: int
    country: str
    check_digit_ok: bool

    def __str__(self) -> str:
        return f"{self.service}{self.serial}{self.check}{self.country}"

    @property
    def warnings(self) -> tuple[str, ...]:
        return () if self.check_digit_ok else ("check_digit",)


def parse_tracking_number(text: str) -> TrackingNumber:
    """Parse an S10 number as printed or typed (spaces and lower case allowed). ValueError when the
    shape is wrong; a wrong check digit only sets ``check_digit_ok=False``."""
    cleaned = "".join(text.split()).upper() if isinstance(text, str) else ""
    match = _S10.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"{text!r} is not a tracking number like RB123456785GB")
    check = int(match["check"])
    return TrackingNumber(
        service=match["service"],
        serial=match["serial"],
        check=check,
        country=match["country"],
        check_digit_ok=s10_check_digit(match["serial"]) == check,
    )


def is_valid_tracking_number(text: str) -> bool:
    """Shape and check digit both right."""
    try:
        return parse_tracking_number(text).check_digit_ok
    except ValueError:
        return False


def make_tracking_number(service: str, serial: int, country: str = "VN") -> str:
    if not re.fullmatch(r"[A-Z]{2}", service) or not re.fullmatch(r"[A-Z]{2}", country):
        raise ValueError("service indicator and country are two upper-case letters")
    if not 0 <= serial <= 99_999_999:
        raise ValueError("serial must fit in 8 digits")
    digits = f"{serial:08d}"
    return f"{service}{digits}{s10_check_digit(digits)}{country}"
