"""Who files a dossier: every applicant the rules name (Decree 107/2021, Decree 45/2020; DOMAIN.md §4–5).

- a Vietnamese citizen, by the 12-digit personal ID number (the card is read, nothing is typed);
- a foreigner, by passport number and nationality (an ICAO 9303 code such as ``USA`` or ``D``), the name
  written as in the passport's machine-readable zone;
- an organisation, by its enterprise / tax code (10 digits, or 13 as ``0123456789-001`` for a branch),
  its name, and the ID number of the person who files for it;
- a person without a personal ID number: full name, year of birth and the issuing data of the paper
  they hold (issue date, issuing body), which is what the metadata rules ask for instead of the number;
- a representative filing for someone else (an elderly parent): the representative's own card, the
  represented person's name and ID number, and an authorisation document (văn bản ủy quyền, component
  ``VBUQ``) attached to the dossier whatever the procedure lists.

The applicant travels as a flat JSON object of strings (the contract's ``applicant``), with
``applicant_type`` naming the kind; an object without it (an older kiosk) is read by the identifier it
carries. `applicant_problems` is the one set of rules: the kiosk's screens, `kiosk.sync.submit` and the
sandbox portal all judge an applicant with it, every problem at once, as codes (kiosk.ui.texts has the
words), never echoing the value. Pure: no clock (a caller passes `today`), no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from kiosk.domain.id_number import is_id_number
from kiosk.domain.mrz import is_state_code
from kiosk.domain.notice import Notice
from kiosk.domain.text import nfc

AUTHORISATION_TYPE_CODE: Final = "VBUQ"
AUTHORISATION_NAME_VI: Final = "Văn bản ủy quyền"
AUTHORISATION_NAME_EN: Final = "Letter of authorisation"

_OLD_ID: Final = re.compile(r"\d{9}")  # the old 9-digit CMND, still accepted for a citizen
_ORGANISATION_CODE: Final = re.compile(r"\d{10}(?:-\d{3})?")
_PASSPORT: Final = re.compile(r"[A-Z0-9]{5,20}")
_MRZ_NAME: Final = re.compile(r"[A-Z]+(?: [A-Z]+)*")
_YEAR: Final = re.compile(r"\d{4}")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_BIRTH_YEAR: Final = 1900
MAX_NAME: Final = 100
MAX_TEXT: Final = 200


class ApplicantKind(StrEnum):
    CITIZEN = "citizen"
    FOREIGNER = "foreigner"
    ORGANISATION = "organisation"
    NO_ID = "no_id"
    REPRESENTATIVE = "representative"

    @classmethod
    def parse(cls, word: object) -> ApplicantKind | None:
        try:
            return cls(str(word))
        except ValueError:
            return None


def kind_notice(kind: ApplicantKind) -> Notice:
    """What the kind is called on the review and the receipt (words in kiosk.ui.notice_texts)."""
    return Notice(f"applicant.kind.{kind.value}")


def identifier_notice(kind: ApplicantKind) -> Notice:
    """What the kind's identifier is called on the review and the receipt."""
    return Notice(f"applicant.identifier.{kind.value}")


#: The keys each kind sends (beyond ``applicant_type``), required ones first; the rest are optional.
REQUIRED_KEYS: Final[dict[ApplicantKind, tuple[str, ...]]] = {
    ApplicantKind.CITIZEN: ("full_name", "id_number"),
    ApplicantKind.FOREIGNER: ("full_name", "passport_number", "nationality"),
    ApplicantKind.ORGANISATION: ("full_name", "organisation_code", "representative_name",
                                 "representative_id_number"),
    ApplicantKind.NO_ID: ("full_name", "birth_year", "issue_date", "issuing_body"),
    ApplicantKind.REPRESENTATIVE: ("full_name", "id_number", "on_behalf_name", "on_behalf_id_number"),
}
OPTIONAL_KEYS: Final[dict[ApplicantKind, tuple[str, ...]]] = {
    ApplicantKind.CITIZEN: ("date_of_birth", "sex", "address", "old_id_number", "issue_date", "phone",
                            "email"),
    ApplicantKind.FOREIGNER: ("date_of_birth", "sex", "address", "phone", "email"),
    ApplicantKind.ORGANISATION: ("address", "phone", "email"),
    ApplicantKind.NO_ID: ("date_of_birth", "sex", "address", "phone", "email"),
    ApplicantKind.REPRESENTATIVE: ("date_of_birth", "sex", "address", "old_id_number", "issue_date", "phone",
                                   "email", "relationship"),
}


@dataclass(frozen=True)
class ApplicantProblem:
    """One thing wrong with an applicant: `field` is the contract key, `code` what is wrong (kiosk.ui.texts
    has its words, `NOTICE_CODES` lists them all); `detail` is a short English phrase for the portal's
    answer, staff and logs. Neither ever holds the value."""

    field: str
    code: str
    detail: str

    @property
    def notice(self) -> Notice:
        return Notice(self.code)


#: Codes naming the field they are about: ``applicant.missing.full_name``.
_MISSING_CODE: Final = "applicant.missing."
_ID_DIGITS_CODE: Final = "applicant.id_digits."
_ID_KEYS: Final = ("id_number", "on_behalf_id_number", "representative_id_number")

#: Every code `applicant_problems` may return.
NOTICE_CODES: Final[frozenset[str]] = frozenset({
    "applicant.unknown_kind", "applicant.not_of_kind", "applicant.name_too_long", "applicant.too_long",
    "applicant.bad_date", "applicant.same_person", "applicant.passport_format", "applicant.nationality_code",
    "applicant.mrz_name", "applicant.organisation_code_format", "applicant.birth_year",
    *(_MISSING_CODE + key for keys in REQUIRED_KEYS.values() for key in keys),
    *(_ID_DIGITS_CODE + key for key in _ID_KEYS),
})
#: The names of the kinds and their identifiers (`kind_notice`, `identifier_notice`).
LABEL_CODES: Final[frozenset[str]] = frozenset(
    f"applicant.{what}.{kind.value}" for what in ("kind", "identifier") for kind in ApplicantKind)


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return nfc(str(value)).strip() if value is not None else ""


def kind_of(data: Mapping[str, Any]) -> ApplicantKind | None:
    """The applicant's kind: ``applicant_type`` when given (None for an unknown word), else read from
    the identifier an older kiosk sent."""
    if data.get("applicant_type") not in (None, ""):
        return ApplicantKind.parse(data.get("applicant_type"))
    if _text(data, "organisation_code"):
        return ApplicantKind.ORGANISATION
    if _text(data, "passport_number"):
        return ApplicantKind.FOREIGNER
    return ApplicantKind.CITIZEN


def normalise_passport(text: str) -> str:
    """Upper case, spaces and MRZ fillers gone: what a citizen types or the MRZ gives, one way."""
    return re.sub(r"[\s<-]+", "", nfc(text).upper())


def normalise_organisation_code(text: str) -> str:
    """``0123 456 789 - 001`` → ``0123456789-001``; digits and one dash kept."""
    return re.sub(r"[^\d-]", "", text).strip("-")


def _id_problem(data: Mapping[str, Any], key: str, *, allow_old: bool = False) -> ApplicantProblem | None:
    value = _text(data, key)
    if not value or is_id_number(value) or (allow_old and _OLD_ID.fullmatch(value)):
        return None
    return ApplicantProblem(key, _ID_DIGITS_CODE + key, f"{key} must be exactly 12 digits")


def applicant_problems(data: Mapping[str, Any], *, today: date | None = None) -> list[ApplicantProblem]:
    """Every rule `data` (the contract's applicant object) breaks; empty when it is acceptable."""
    kind = kind_of(data)
    if kind is None:
        kinds = ", ".join(k.value for k in ApplicantKind)
        return [ApplicantProblem("applicant_type", "applicant.unknown_kind",
                                 f"applicant_type must be one of {kinds}")]
    found: list[ApplicantProblem] = []
    for key in REQUIRED_KEYS[kind]:
        if not _text(data, key):
            found.append(ApplicantProblem(key, _MISSING_CODE + key, f"{key} is missing"))
    known = {"applicant_type", *REQUIRED_KEYS[kind], *OPTIONAL_KEYS[kind]}
    for key in data:
        if key not in known and _text(data, key):
            found.append(ApplicantProblem(key, "applicant.not_of_kind",
                                          f"{key} is not a field of a {kind.value} applicant"))
    for key in ("full_name", "representative_name", "on_behalf_name"):
        if len(_text(data, key)) > MAX_NAME:
            found.append(ApplicantProblem(key, "applicant.name_too_long",
                                          f"{key} is longer than {MAX_NAME} characters"))
    for key in ("issuing_body", "address", "relationship"):
        if len(_text(data, key)) > MAX_TEXT:
            found.append(ApplicantProblem(key, "applicant.too_long",
                                          f"{key} is longer than {MAX_TEXT} characters"))
    for key in ("date_of_birth", "issue_date"):
        value = _text(data, key)
        if value and not _valid_date(value, today):
            found.append(ApplicantProblem(key, "applicant.bad_date",
                                          f"{key} must be a past date YYYY-MM-DD"))
    if kind in (ApplicantKind.CITIZEN, ApplicantKind.REPRESENTATIVE):
        found += filter(None, [_id_problem(data, "id_number", allow_old=kind is ApplicantKind.CITIZEN)])
    if kind is ApplicantKind.REPRESENTATIVE:
        found += filter(None, [_id_problem(data, "on_behalf_id_number")])
        represented = _text(data, "on_behalf_id_number")
        if represented and represented == _text(data, "id_number"):
            found.append(ApplicantProblem(
                "on_behalf_id_number", "applicant.same_person",
                "the represented person must be someone else than the representative"))
    if kind is ApplicantKind.FOREIGNER:
        passport = _text(data, "passport_number")
        if passport and not _PASSPORT.fullmatch(passport):
            found.append(ApplicantProblem(
                "passport_number", "applicant.passport_format",
                "passport_number must be 5–20 capital letters A–Z or digits"))
        nationality = _text(data, "nationality")
        if nationality and not is_state_code(nationality):
            found.append(ApplicantProblem(
                "nationality", "applicant.nationality_code",
                "nationality must be an ICAO 9303 state code (e.g. USA, KOR, D)"))
        name = _text(data, "full_name")
        if name and not _MRZ_NAME.fullmatch(name):
            found.append(ApplicantProblem(
                "full_name", "applicant.mrz_name",
                "full_name must be written as in the passport's MRZ: capital letters A–Z and spaces"))
    if kind is ApplicantKind.ORGANISATION:
        code = _text(data, "organisation_code")
        if code and not _ORGANISATION_CODE.fullmatch(code):
            found.append(ApplicantProblem(
                "organisation_code", "applicant.organisation_code_format",
                "organisation_code must be 10 digits, or 13 written as 0123456789-001"))
        found += filter(None, [_id_problem(data, "representative_id_number")])
    if kind is ApplicantKind.NO_ID:
        year = _text(data, "birth_year")
        this_year = today.year if today else 9999
        if year and (not _YEAR.fullmatch(year) or not MIN_BIRTH_YEAR <= int(year) <= this_year):
            found.append(ApplicantProblem("birth_year", "applicant.birth_year",
                                          "birth_year must be a four-digit year, not in the future"))
    return found


def _valid_date(value: str, today: date | None) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return today is None or day <= today


@dataclass(frozen=True)
class DocumentOwner:
    """Whose papers these are, as the Decree 107 metadata needs it: the personal ID number, or (without
    one) the name with either another identifier (passport, organisation code) or the year of birth and
    the issuing data of the paper the person holds."""

    id_number: str = ""
    full_name: str = ""
    birth_year: int | None = None
    other_identifier: str = ""  # "USA-C1234567" for a passport, the organisation code for a business
    issue_date: str = ""
    issuing_body: str = ""


@dataclass(frozen=True)
class Applicant:
    """An applicant as the contract carries it: the kind and its fields, normalised (NFC, stripped,
    passport upper case, organisation code without spaces). Construct with `from_json`."""

    kind: ApplicantKind
    fields: Mapping[str, str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Applicant:
        """ValueError for an unknown kind; content is judged by `applicant_problems`, not here."""
        kind = kind_of(data)
        if kind is None:
            raise ValueError(f"unknown applicant type {data.get('applicant_type')!r}")
        fields = {key: _text(data, key) for key in (*REQUIRED_KEYS[kind], *OPTIONAL_KEYS[kind])
                  if _text(data, key)}
        if "passport_number" in fields:
            fields["passport_number"] = normalise_passport(fields["passport_number"])
        if "nationality" in fields:
            fields["nationality"] = fields["nationality"].upper()
        if kind is ApplicantKind.FOREIGNER and "full_name" in fields:
            fields["full_name"] = " ".join(fields["full_name"].upper().split())
        if "organisation_code" in fields:
            fields["organisation_code"] = normalise_organisation_code(fields["organisation_code"])
        return cls(kind, fields)

    def to_json(self) -> dict[str, str | None]:
        return {"applicant_type": self.kind.value, **self.fields}

    def get(self, key: str) -> str:
        return self.fields.get(key, "")

    @property
    def name(self) -> str:
        """The name shown and printed (masked on paper): the person, or the organisation."""
        return self.get("full_name")

    @property
    def identifier(self) -> str:
        """The one identifier that names this applicant on the portal."""
        return {
            ApplicantKind.CITIZEN: self.get("id_number"),
            ApplicantKind.FOREIGNER: self.get("passport_number"),
            ApplicantKind.ORGANISATION: self.get("organisation_code"),
            ApplicantKind.NO_ID: "",
            ApplicantKind.REPRESENTATIVE: self.get("id_number"),
        }[self.kind]

    @property
    def needs_authorisation(self) -> bool:
        """A representative's dossier carries the authorisation document (văn bản ủy quyền)."""
        return self.kind is ApplicantKind.REPRESENTATIVE

    def owner(self) -> DocumentOwner:
        """The owner of the dossier's papers: the represented person when filing for someone else."""
        if self.kind is ApplicantKind.CITIZEN:
            return DocumentOwner(id_number=self.get("id_number"), full_name=self.name)
        if self.kind is ApplicantKind.REPRESENTATIVE:
            return DocumentOwner(id_number=self.get("on_behalf_id_number"),
                                 full_name=self.get("on_behalf_name"))
        if self.kind is ApplicantKind.FOREIGNER:
            return DocumentOwner(full_name=self.name, birth_year=_year(self.get("date_of_birth")),
                                 other_identifier=f"{self.get('nationality')}-{self.get('passport_number')}")
        if self.kind is ApplicantKind.ORGANISATION:
            return DocumentOwner(full_name=self.name, other_identifier=self.get("organisation_code"))
        return DocumentOwner(full_name=self.name, birth_year=_year(self.get("birth_year")),
                             issue_date=self.get("issue_date"), issuing_body=self.get("issuing_body"))


def _year(text: str) -> int | None:
    return int(text[:4]) if _YEAR.fullmatch(text[:4]) else None


def mask_identifier(text: str) -> str:
    """``001089012345`` → ``***345``; the same ``***`` whatever the length (as names are masked on the
    receipt), so paper left behind names no one. Four characters or fewer: all masked."""
    bare = text.strip()
    return "***" + bare[-3:] if len(bare) > 4 else "***"


__all__ = [
    "AUTHORISATION_NAME_EN", "AUTHORISATION_NAME_VI", "AUTHORISATION_TYPE_CODE", "LABEL_CODES",
    "NOTICE_CODES", "OPTIONAL_KEYS",
    "REQUIRED_KEYS", "Applicant", "ApplicantKind", "ApplicantProblem", "DocumentOwner", "applicant_problems",
    "identifier_notice", "kind_notice", "kind_of", "mask_identifier", "normalise_organisation_code",
    "normalise_passport",
]
