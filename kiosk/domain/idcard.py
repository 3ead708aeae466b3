"""The chip ID card (CCCD 2021 / Căn cước 2024) as read by the kiosk.

`IdentityReading` is what every reader (QR, MRZ, typed by hand) produces; `parse_qr_payload` turns the
card's QR text into one. Parsers are tolerant: unknown extra fields are kept raw, a bad date becomes a
warning, never a crash. See ../shared/DOMAIN.md §1.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal

ReadingSource = Literal["qr", "mrz", "manual"]


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


@dataclass(frozen=True)
class ReadingWarning:
    """A problem worth showing to staff or the citizen; never a reason to reject the card on its own."""

    code: str
    message_vi: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_vi if lang.startswith("vi") else self.message_en


class NotAnIdCard(ValueError):
    """The text is not an ID-card payload (wrong shape), with a message for the citizen."""

    def __init__(self, reason_en: str, reason_vi: str = "Mã này không phải mã của thẻ căn cước.") -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.reason_vi = reason_vi


@dataclass(frozen=True)
class IdentityReading:
    source: ReadingSource
    id_number: str
    full_name: str
    date_of_birth: date | None
    sex: Sex | None
    old_id_number: str | None = None
    address: str | None = None
    issue_date: date | None = None
    expiry_date: date | None = None
    # Raw text of fields that could not be parsed or that the kiosk does not know yet (2024 extras).
    raw_fields: dict[str, str] = field(default_factory=dict)
    extra_fields: tuple[str, ...] = ()
    warnings: tuple[ReadingWarning, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        """The `kiosk idcard read --json` field set (without file/ok/elapsed)."""
        return {
            "source": self.source,
            "id_number": self.id_number,
            "old_id_number": self.old_id_number,
            "full_name": self.full_name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "sex": self.sex.value if self.sex else None,
            "address": self.address,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "warnings": [w.message_en for w in self.warnings],
        }


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _parse_ddmmyyyy(raw: str) -> date | None:
    if len(raw) != 8 or not raw.isdigit():
        return None
    try:
        return date(int(raw[4:]), int(raw[2:4]), int(raw[:2]))
    except ValueError:
        return None


def parse_qr_payload(text: str) -> IdentityReading:
    """Parse the `|`-separated QR text of a CCCD / Căn cước card."""
    fields = [_nfc(f) for f in _nfc(text).split("|")]
    if len(fields) < 7:
        raise NotAnIdCard(f"expected at least 7 '|'-separated fields, got {len(fields)}")
    id_number, old_id, name, dob_raw, sex_raw, address, issue_raw = fields[:7]
    if not (len(id_number) == 12 and id_number.isdigit()):
        raise NotAnIdCard("the first field is not a 12-digit ID number")
    if not name:
        raise NotAnIdCard("the name field is empty")
    warnings: list[ReadingWarning] = []
    raw: dict[str, str] = {}
    dob = _parse_ddmmyyyy(dob_raw)
    if dob is None:
        raw["date_of_birth"] = dob_raw
        warnings.append(ReadingWarning("bad_date_of_birth", "Ngày sinh trên thẻ không đọc được.",
                                       f"unreadable date of birth {dob_raw!r}"))
    issue = _parse_ddmmyyyy(issue_raw) if issue_raw else None
    if issue_raw and issue is None:
        raw["issue_date"] = issue_raw
        warnings.append(ReadingWarning("bad_issue_date", "Ngày cấp trên thẻ không đọc được.",
                                       f"unreadable issue date {issue_raw!r}"))
    sex = {"nam": Sex.MALE, "nữ": Sex.FEMALE}.get(sex_raw.casefold())
    if sex is None:
        raw["sex"] = sex_raw
        warnings.append(ReadingWarning("bad_sex", "Giới tính trên thẻ không đọc được.",
                                       f"unknown sex value {sex_raw!r}"))
    return IdentityReading(
        source="qr",
        id_number=id_number,
        old_id_number=old_id or None,
        full_name=name,
        date_of_birth=dob,
        sex=sex,
        address=address or None,
        issue_date=issue,
        raw_fields=raw,
        extra_fields=tuple(fields[7:]),
        warnings=tuple(warnings),
    )
