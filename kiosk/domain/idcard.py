"""The chip ID card (CCCD 2021 / Căn cước 2024) as read by the kiosk.

`IdentityReading` is what every reader (QR, MRZ, typed by hand) produces; `parse_qr_payload` turns the
card's QR text into one and `build_qr_payload` makes synthetic payloads. Parsers are tolerant: unknown extra
fields are kept raw, a bad date becomes a warning, never a crash. See ../shared/DOMAIN.md §1.

Warning messages never contain personal data (names, numbers, dates): they may end up in logs and are shown on
a shared screen. The raw text of a field that did not parse is kept in `IdentityReading.raw_fields`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from kiosk.domain.id_number import check_id_number

# Sex and ReadingWarning live below both this module and id_number (which checks numbers with them).
from kiosk.domain.identity_parts import ReadingWarning, Sex
from kiosk.domain.notice import Notice
from kiosk.domain.text import TONE_MARKS, fold, nfc

ReadingSource = Literal["qr", "mrz", "manual"]

QR_SEPARATOR: Final = "|"
QR_MIN_FIELDS: Final = 7
# The payload shapes cards are issued with: CCCD (2016–2024) 7 fields, Căn cước (2024–) 11. Any other count
# means a field is missing or split, and the fields after it are shifted (a 9-field payload once gave the
# name "Nam" and the address "10072024"): refuse rather than guess which one.
QR_FIELD_COUNTS: Final = (7, 11)


class NotAnIdCard(ValueError):
    """The text is not an ID-card payload (wrong shape): `reason_en` for staff and logs, `notice` for the
    citizen (``card.qr.<why>``; words in kiosk.ui.notice_texts)."""

    def __init__(self, reason_en: str, why: str = "not_an_id_card") -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.notice = Notice(f"card.qr.{why}")


#: The notices a NotAnIdCard may carry.
NOTICE_CODES: Final = frozenset({"card.qr.not_an_id_card", "card.qr.field_count", "card.qr.shifted"})


@dataclass(frozen=True)
class ForeignDocument:
    """A passport (TD3) or any country's ID card (TD1) read from its MRZ, every check digit valid.

    Not a Vietnamese identity: the kiosk's citizen flows need the 12-digit ID number; this says who the
    holder is by the document's own number and countries (ICAO codes: `D` is Germany, `UTO` the specimen
    state)."""

    kind: Literal["passport", "id_card", "visa", "other"]
    format: Literal["TD1", "TD3"]
    document_code: str  # `P`, `PD`, `I`, `ID`, `AC`… without fillers
    issuing_state: str
    nationality: str
    document_number: str
    surname: str
    given_names: str
    date_of_birth: date | None
    sex: Sex | None
    expiry_date: date | None
    optional_data: str = ""
    known_states: bool = True  # both codes are ICAO / ISO 3166 codes

    def __repr__(self) -> str:  # personal data stays out of logs and tracebacks
        return f"ForeignDocument({self.kind}, {self.format}, {self.issuing_state})"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "format": self.format, "document_code": self.document_code,
            "issuing_state": self.issuing_state, "nationality": self.nationality,
            "document_number": self.document_number, "surname": self.surname, "given_names": self.given_names,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "sex": self.sex.value if self.sex else None,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "optional_data": self.optional_data, "known_states": self.known_states,
        }


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
    # Raw text of fields that could not be parsed, keyed by field name (e.g. "date_of_birth"). The MRZ reader
    # also puts "expiry_date": "991231" here for a card that never expires (expiry_date is then None).
    raw_fields: dict[str, str] = field(default_factory=dict)
    # QR fields after the seventh, verbatim (Căn cước 2024 adds four, seen empty).
    extra_fields: tuple[str, ...] = ()
    warnings: tuple[ReadingWarning, ...] = ()
    # A passport or a foreign ID card (then id_number is "": it has no Vietnamese ID number).
    document: ForeignDocument | None = None

    @property
    def is_foreign(self) -> bool:
        return self.document is not None

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
            "warnings": [w.code for w in self.warnings],  # the CLI puts them in words (kiosk.commands)
            "document": self.document.to_json_dict() if self.document else None,
        }


# Decoders and files add these around the payload: BOM, zero-width space, NUL padding, CR/LF.
_EDGE_JUNK: Final = " \t\r\n\v\f\ufeff\u200b\x00"
_DIGITS_12: Final = re.compile(r"[0-9]{12}")
_OLD_ID: Final = re.compile(r"[0-9]{9}|[0-9]{12}")
_DATE_DIGITS: Final = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_DATE_SEPARATORS: Final = re.compile(r"[/.\-\s]")
_MALE_WORDS: Final = frozenset({"nam", "m", "male"})
_FEMALE_WORDS: Final = frozenset({"nu", "f", "female"})
# Typographic punctuation that may legitimately appear in an address.
_TYPOGRAPHIC: Final = frozenset("–—‘’“”…·")
_LETTER_MARKS: Final = frozenset({"\u0306", "\u0302", "\u031b"})
# Encodings that decoders wrongly guess for UTF-8 payloads: zbar picks Shift-JIS for short Vietnamese text.
_MOJIBAKE_ENCODINGS: Final = ("cp1252", "latin-1", "cp932", "shift_jis")


def _is_vietnamese_char(char: str) -> bool:
    if char.isascii():
        return char.isprintable() or char in "\t\r\n"
    if char in "đĐ" or char in _TYPOGRAPHIC:
        return True
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0].isascii() and decomposed[0].isalpha() and all(
        mark in TONE_MARKS or mark in _LETTER_MARKS for mark in decomposed[1:])


def looks_vietnamese(text: str) -> bool:
    """True when every character is one a Vietnamese card could print (ASCII or a Vietnamese letter)."""
    return all(_is_vietnamese_char(c) for c in nfc(text))


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo a decoder's wrong encoding guess: UTF-8 bytes shown as cp1252/Latin-1/Shift-JIS.

    Returns (text, repaired). A candidate is accepted only when re-encoding gives different, valid UTF-8 that
    reads as Vietnamese. Real Vietnamese text cannot pass: its letters beyond Latin-1 do not encode, and the
    Latin-1 ones (à, ê …) are never followed by the continuation bytes UTF-8 needs, so correct input is left
    alone.
    """
    if text.isascii():
        return text, False
    for encoding in _MOJIBAKE_ENCODINGS:
        try:
            candidate = text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if candidate != text and looks_vietnamese(candidate):
            return candidate, True
    return text, False


def _clean(text: str) -> str:
    return nfc(text).strip(_EDGE_JUNK)


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def parse_ddmmyyyy(raw: str) -> date | None:
    """`DDMMYYYY` (separators `/ . -` tolerated) → date; None when it is not a real date."""
    match = _DATE_DIGITS.fullmatch(_DATE_SEPARATORS.sub("", raw))
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_only(raw: str) -> int | None:
    """The year of a date of birth known only by its year (`1950`, `00001950`, `00/00/1950`), else None."""
    compact = _DATE_SEPARATORS.sub("", raw)
    if re.fullmatch(r"[0-9]{4}", compact):
        return int(compact)
    match = _DATE_DIGITS.fullmatch(compact)
    if match and (match.group(1) == "00" or match.group(2) == "00") and int(match.group(3)) > 0:
        return int(match.group(3))
    return None


def parse_sex(raw: str) -> Sex | None:
    """`Nam`/`Nữ` in any case or normalisation form (also tolerates `Nu`, `M`, `F`); None if unknown."""
    word = fold(raw).strip()
    if word in _MALE_WORDS:
        return Sex.MALE
    if word in _FEMALE_WORDS:
        return Sex.FEMALE
    return None


def format_ddmmyyyy(value: date) -> str:
    return f"{value.day:02d}{value.month:02d}{value.year:04d}"


def parse_qr_payload(text: str) -> IdentityReading:
    """Parse the `|`-separated QR text of a CCCD / Căn cước card.

    Raises NotAnIdCard when the text cannot be an ID-card payload (too few fields, no 12-digit ID, no name);
    everything else that looks wrong becomes a warning on the reading.
    """
    warnings: list[ReadingWarning] = []
    text, repaired = repair_mojibake(text.strip(_EDGE_JUNK))
    if repaired:
        warnings.append(ReadingWarning("text_encoding_repaired"))
    fields = [f.strip(_EDGE_JUNK) for f in _clean(text).split(QR_SEPARATOR)]
    if len(fields) not in QR_FIELD_COUNTS:
        raise NotAnIdCard(f"expected 7 or 11 '|'-separated fields (as cards are issued), got {len(fields)}",
                          "field_count")
    id_number, old_id, name_raw, dob_raw, sex_raw, address_raw, issue_raw = fields[:QR_MIN_FIELDS]
    if _DIGITS_12.fullmatch(id_number) is None:
        raise NotAnIdCard("the first field is not a 12-digit ID number")
    name = _collapse_spaces(name_raw)
    if not any(c.isalpha() for c in name):
        raise NotAnIdCard("the name field has no letters")
    if _shifted(name, dob_raw, sex_raw, address_raw):
        raise NotAnIdCard("the fields are out of place (a sex word or a date where the name or address is)",
                          "shifted")
    address = _collapse_spaces(address_raw)
    raw: dict[str, str] = {}

    if old_id and _OLD_ID.fullmatch(old_id) is None:
        warnings.append(ReadingWarning("old_id_format"))

    dob = parse_ddmmyyyy(dob_raw)
    birth_year: int | None = None
    if dob is None:
        raw["date_of_birth"] = dob_raw
        birth_year = _year_only(dob_raw)
        if birth_year is not None:
            warnings.append(ReadingWarning("partial_date_of_birth"))
        else:
            warnings.append(ReadingWarning("bad_date_of_birth"))

    sex = parse_sex(sex_raw)
    if sex is None:
        raw["sex"] = sex_raw
        warnings.append(ReadingWarning("bad_sex"))

    issue = parse_ddmmyyyy(issue_raw) if issue_raw else None
    if issue_raw and issue is None:
        raw["issue_date"] = issue_raw
        warnings.append(ReadingWarning("bad_issue_date"))
    if dob is not None and issue is not None and issue < dob:
        warnings.append(ReadingWarning("issue_before_birth"))

    if not (looks_vietnamese(name) and looks_vietnamese(address)):
        warnings.append(ReadingWarning("suspect_text_encoding"))
    warnings.extend(check_id_number(id_number, dob, sex, birth_year=birth_year))

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
        extra_fields=tuple(fields[QR_MIN_FIELDS:]),
        warnings=tuple(warnings),
    )


def _shifted(name: str, dob_raw: str, sex_raw: str, address: str) -> bool:
    """Fields out of their places: a sex word as the name, a date as the address, neither a date nor a
    sex where they belong."""
    folded = fold(name).strip()
    if folded in _MALE_WORDS or folded in _FEMALE_WORDS:
        return True
    if _DATE_DIGITS.fullmatch(_DATE_SEPARATORS.sub("", address.strip())) is not None:
        return True
    date_shaped = _DATE_DIGITS.fullmatch(_DATE_SEPARATORS.sub("", dob_raw)) is not None
    return parse_sex(sex_raw) is None and not date_shaped and _year_only(dob_raw) is None


def build_qr_payload(
    *,
    id_number: str,
    full_name: str,
    date_of_birth: date,
    sex: Sex,
    address: str,
    issue_date: date,
    old_id_number: str | None = None,
    extra_fields: Sequence[str] = (),
) -> str:
    """The QR text a card with these fields would carry (NFC). For synthetic cards in tests and demos.

    Pass four empty `extra_fields` for a Căn cước 2024 payload (11 fields).
    """
    texts = [id_number, old_id_number or "", full_name, address, *extra_fields]
    if any(QR_SEPARATOR in t for t in texts):
        raise ValueError("QR fields cannot contain '|'")
    fields = [id_number, old_id_number or "", full_name, format_ddmmyyyy(date_of_birth),
              "Nam" if sex is Sex.MALE else "Nữ", address, format_ddmmyyyy(issue_date), *extra_fields]
    return nfc(QR_SEPARATOR.join(fields))
