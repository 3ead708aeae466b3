"""Official identifiers the kiosk shows, prints and types: dossier codes and procedure codes.

Dossier code (Circular 01/2018/TT-VPCP, Art. 19): ``<unit code>-YYMMDD-XXXX``, e.g.
``000.00.53.H48-220921-0099`` — the receiving unit, the day it was received and the unit's sequence
number for that day. Procedure code: the national code plus the publishing unit, e.g.
``1.001193.000.00.00.H26`` (structure partly inferred; see shared/DOMAIN.md §5).

Pure functions, no I/O. Parsers accept what a person might type (surrounding spaces, lower case) but
always return the canonical form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Agency codes (QCVN 102:2016/BTTTT) are written lowest level first: ``000.00.00.H26``. Portals are not
# uniform about the lower levels, so the dossier parser accepts any dotted upper-case alphanumerics and
# only the strict form is offered by `is_valid_unit_code`.
_STRICT_UNIT = r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}"
_LOOSE_UNIT = r"[0-9A-Z]+(?:\.[0-9A-Z]+)*"
_NATIONAL_PROCEDURE = r"\d\.\d{6}"

_STRICT_UNIT_RE = re.compile(_STRICT_UNIT)
_LOOSE_UNIT_RE = re.compile(_LOOSE_UNIT)
_DOSSIER_RE = re.compile(rf"(?P<unit>{_LOOSE_UNIT})-(?P<day>\d{{6}})-(?P<seq>\d{{4}})")
_PROCEDURE_RE = re.compile(rf"(?P<national>{_NATIONAL_PROCEDURE})(?:\.(?P<unit>{_STRICT_UNIT}))?")

MAX_DAILY_SEQUENCE = 9999
DOSSIER_CODE_EXAMPLE = "000.00.53.H48-220921-0099"


@dataclass(frozen=True)
class DossierCode:
    unit_code: str
    day: date
    seq: int

    def __str__(self) -> str:
        return format_dossier_code(self.unit_code, self.day, self.seq)


def is_valid_unit_code(text: str) -> bool:
    """True for an agency code in the national four-level form, e.g. ``000.00.00.H26``."""
    return _STRICT_UNIT_RE.fullmatch(text) is not None


def format_dossier_code(unit_code: str, day: date, seq: int) -> str:
    """``<unit code>-YYMMDD-XXXX``; ValueError for a malformed unit code or a sequence outside 1–9999."""
    if not _LOOSE_UNIT_RE.fullmatch(unit_code):
        raise ValueError(f"unit code {unit_code!r} is not a dotted agency code such as 000.00.00.H26")
    if not 1 <= seq <= MAX_DAILY_SEQUENCE:
        raise ValueError(f"daily sequence number must be between 1 and {MAX_DAILY_SEQUENCE}, got {seq}")
    if not 2000 <= day.year <= 2099:
        # YY is two digits: outside this century the code would be ambiguous.
        raise ValueError(f"dossier codes cover the years 2000–2099, got {day.year}")
    return f"{unit_code}-{day:%y%m%d}-{seq:04d}"


def parse_dossier_code(text: str) -> DossierCode:
    """Parse a dossier code as printed on a receipt or typed by a person; ValueError says what is wrong."""
    if not isinstance(text, str):
        raise ValueError(f"a dossier code is text, got {type(text).__name__}")
    cleaned = text.strip().upper()
    match = _DOSSIER_RE.fullmatch(cleaned)
    if match is None:
        raise ValueError(
            f"{text!r} is not a dossier code: expected <unit code>-YYMMDD-XXXX, e.g. {DOSSIER_CODE_EXAMPLE}"
        )
    digits = match["day"]
    try:
        day = date(2000 + int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        raise ValueError(f"{text!r} is not a dossier code: {digits} is not a valid date YYMMDD") from None
    seq = int(match["seq"])
    if seq == 0:
        raise ValueError(f"{text!r} is not a dossier code: the sequence number starts at 0001")
    return DossierCode(unit_code=match["unit"], day=day, seq=seq)


def is_valid_procedure_code(text: str) -> bool:
    """True for a national procedure code (``1.001193``) or one with its unit (``1.001193.000.00.00.H26``)."""
    return isinstance(text, str) and _PROCEDURE_RE.fullmatch(text) is not None


def national_procedure_code(text: str) -> str:
    """The nationwide part of a procedure code: ``1.001193.000.00.00.H26`` → ``1.001193``."""
    match = _PROCEDURE_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"{text!r} is not a procedure code such as 1.001193.000.00.00.H26")
    return match["national"]
