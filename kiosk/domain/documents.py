"""Metadata of a digitised paper document (Decree 107/2021, Circular 01/2023/TT-VPCP; DOMAIN.md §5).

The rules' minimum data of an electronic copy: the document-type code (mã loại giấy tờ); the owner's
personal ID number or, for a person who has none, their full name and year of birth together with the
document's issue date and issuing body; the document's name; its summary (trích yếu); its validity (an end
date, or permanent); its validity scope when it has one. Useful besides: issuing body, signer, document
number (số ký hiệu), issue date, page count, the SHA-256 of the file, who digitised it and when.

An owner who has no personal ID number but another identifier (a foreigner's passport with its
issuing state, an organisation's enterprise / tax code) is named by it and their name (`owner_identifier`).

The document code joins the owner's ID and the type code. One public implementation writes
``<ID>.<type code>.<document number>.<NN>`` (an inference, DOMAIN.md §5), so the pattern is a parameter:
`DEFAULT_CODE_PATTERN` with the fields ``{id}``, ``{type}``, ``{number}`` and ``{seq}``.

Pure: stdlib only, no clock, no files. Every string is stored NFC and stripped; validation reports every
problem at once (a form can mark all the wrong fields), each with a stable code and a message in
Vietnamese and English.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, Literal

from kiosk.domain.id_number import is_id_number
from kiosk.domain.notice import Notice, Param
from kiosk.domain.text import fold, nfc

PERMANENT: Final = "permanent"
Validity = date | Literal["permanent"]

DEFAULT_CODE_PATTERN: Final = "{id}.{type}.{number}.{seq:02d}"
_CODE_FIELDS: Final = frozenset({"id", "type", "number", "seq"})

MAX_SEQUENCE: Final = 99  # <NN>: two digits
MAX_TEXT: Final = 2000  # summary and other free text
MAX_SHORT: Final = 255  # names, bodies, numbers
MIN_BIRTH_YEAR: Final = 1850
MAX_YEAR: Final = 2200

_TYPE_CODE_RE: Final = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,49}")
_SHA256_RE: Final = re.compile(r"[0-9a-f]{64}")
_CODE_PART_JUNK: Final = re.compile(r"[^0-9A-Za-z-]+")
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


#: Every notice code a metadata problem may say (kiosk.ui.notice_texts has words for each): the field's
#: own words where a code reads differently per field (``metadata.required.summary``), else the code's.
NOTICE_CODES: Final = frozenset({
    "metadata.required", "metadata.required.document_type_code", "metadata.required.document_name",
    "metadata.required.summary", "metadata.format", "metadata.format.document_type_code",
    "metadata.format.owner_id_number", "metadata.format.validity", "metadata.format.sha256",
    "metadata.required_with_identifier", "metadata.required_without_id", "metadata.range.owner_birth_year",
    "metadata.range.page_count", "metadata.range.sequence", "metadata.before_issue", "metadata.naive_time",
    "metadata.after_digitised", "metadata.too_long", "metadata.control_characters", "metadata.unknown_field",
    "metadata.validity_unknown",
})


@dataclass(frozen=True)
class MetadataProblem:
    """One thing wrong with a document's metadata: `code` is stable, `notice` is what to tell people
    (kiosk.ui.texts has the words), `detail` is English for logs and staff."""

    field: str
    code: str
    detail: str
    params: Mapping[str, Param] = dataclasses.field(default_factory=dict)

    @property
    def notice(self) -> Notice:
        own = f"metadata.{self.code}.{self.field}"
        return Notice(own if own in NOTICE_CODES else f"metadata.{self.code}", self.params)


class DocumentMetadataError(ValueError):
    """Metadata that breaks the rules; `problems` lists every one of them. `str()` is English."""

    def __init__(self, problems: list[MetadataProblem] | tuple[MetadataProblem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.detail}" for p in self.problems))

    @property
    def notices(self) -> list[Notice]:
        return [p.notice for p in self.problems]


def _problem(field: str, code: str, detail: str, **params: Param) -> MetadataProblem:
    return MetadataProblem(field, code, detail, params)


def _clean(value: str) -> str:
    return nfc(value).strip()


def code_part(text: str) -> str:
    """A value made safe for a document code: no diacritics (đ→d), ASCII letters, digits and `-` only.

    ``123/QĐ-UBND`` → ``123-QD-UBND``. Case is kept (document numbers are upper case by custom).
    """
    decomposed = fold_keep_case(text)
    return _CODE_PART_JUNK.sub("-", decomposed).strip("-")


def fold_keep_case(text: str) -> str:
    """Diacritics removed (đ→d, Đ→D), case kept."""
    out = []
    for char in nfc(text):
        folded = fold(char)
        out.append(folded.upper() if char.isupper() else folded)
    return "".join(out)


def owner_key_without_id(full_name: str, birth_year: int) -> str:
    """Stands in for the ID number in a document code when the owner has none (an inference):
    the folded name in capitals without spaces, then the year of birth — ``NGUYENVANAN1956``."""
    return code_part(fold_keep_case(full_name).upper().replace(" ", "")) + f"{birth_year:04d}"


def check_code_pattern(pattern: str) -> None:
    """ValueError unless `pattern` is a format string over {id}, {type}, {number} and {seq} with {id}
    and {type} in it (the rules build the code from the owner's ID and the type code)."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise ValueError(f"document code pattern {pattern!r} is not a format string: {error}") from None
    unknown = names - _CODE_FIELDS
    if unknown:
        raise ValueError(f"document code pattern {pattern!r} uses unknown fields {sorted(unknown)}; "
                         f"known: {sorted(_CODE_FIELDS)}")
    if not {"id", "type"} <= names:
        raise ValueError(f"document code pattern {pattern!r} must contain {{id}} and {{type}}")


def document_code(owner_key: str, type_code: str, document_number: str = "", sequence: int = 1, *,
                  pattern: str = DEFAULT_CODE_PATTERN) -> str:
    """The document code, by default ``<ID>.<type code>.<document number>.<NN>``.

    The document number is made code-safe (`code_part`); an empty part disappears together with its
    separator (``001089012345.GKS.01`` when the document has no number). ValueError for a bad pattern,
    an empty owner key or type code, or a sequence outside 1–99.
    """
    check_code_pattern(pattern)
    key, kind = code_part(owner_key), code_part(type_code)
    if not key or not kind:
        raise ValueError("a document code needs the owner's ID and the document-type code")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"the document sequence number must be between 1 and {MAX_SEQUENCE}, got {sequence}")
    code = pattern.format(id=key, type=kind, number=code_part(document_number), seq=sequence)
    # An empty part leaves doubled or dangling separators behind: drop them.
    code = re.sub(r"([._-])(?:[._-])+", r"\1", code)
    return code.strip("._-")


@dataclass(frozen=True)
class DocumentMetadata:
    """What the rules require to be recorded about one digitised document (one dossier component).

    `validity` is an end date or `PERMANENT`. When the owner has no personal ID number, `owner_name`,
    `owner_birth_year`, `issue_date` and `issuing_body` are all required instead. `page_count`, `sha256`
    and `digitised_at` describe the file and are filled in when it is made (`with_file`); the PDF's own
    SHA-256 cannot be inside the PDF, so it lives in the metadata kept beside it.
    """

    document_type_code: str
    document_name: str
    summary: str
    validity: Validity
    owner_id_number: str = ""
    owner_name: str = ""
    owner_birth_year: int | None = None
    validity_scope: str = ""
    issuing_body: str = ""
    signer: str = ""
    document_number: str = ""
    issue_date: date | None = None
    page_count: int | None = None
    sha256: str | None = None
    digitised_by: str = ""
    digitised_at: datetime | None = None
    sequence: int = 1  # the <NN> of the document code
    digitised_on: str = ""  # the kiosk, when `digitised_by` is the assisting clerk
    #: An owner with no personal ID number but another identifier: a foreigner's passport with its state
    #: (``USA-C01X00T47``), an organisation's enterprise / tax code. With it, the owner's name is needed
    #: and the year of birth / issuing data are not (an organisation has neither).
    owner_identifier: str = ""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                cleaned = _clean(value)
                if f.name == "sha256":
                    cleaned = cleaned.lower()
                if f.name == "validity" and cleaned.lower() == PERMANENT:
                    cleaned = PERMANENT
                object.__setattr__(self, f.name, cleaned)
        problems = self.problems()
        if problems:
            raise DocumentMetadataError(problems)

    # ------------------------------------------------------------------------------------ validation

    def problems(self) -> list[MetadataProblem]:
        """Every rule this metadata breaks (empty when it is valid)."""
        found: list[MetadataProblem] = []

        def required(field: str, en_name: str) -> None:
            if not getattr(self, field):
                found.append(_problem(field, "required", f"The {en_name} is missing."))

        if not self.document_type_code:
            required("document_type_code", "document-type code")
        elif not _TYPE_CODE_RE.fullmatch(self.document_type_code):
            found.append(_problem(
                "document_type_code", "format",
                "The document-type code may hold only ASCII letters, digits, '-' and '_' (50 at most)."))
        required("document_name", "document name")
        required("summary", "summary")

        if self.owner_id_number:
            if not is_id_number(self.owner_id_number):
                found.append(_problem("owner_id_number", "format",
                                      "The personal ID number must be exactly 12 digits."))
        elif self.owner_identifier:
            if not self.owner_name:
                found.append(_problem("owner_name", "required_with_identifier",
                                      "The owner's name is missing (a foreigner or an organisation)."))
        else:
            missing = [name for name, value in (("owner_name", self.owner_name),
                                                ("owner_birth_year", self.owner_birth_year),
                                                ("issue_date", self.issue_date),
                                                ("issuing_body", self.issuing_body)) if not value]
            for name in missing:
                found.append(_problem(
                    name, "required_without_id",
                    "The owner has no personal ID number: their full name and year of birth, the issue date "
                    "and the issuing body are then required."))
        if self.owner_birth_year is not None and not MIN_BIRTH_YEAR <= self.owner_birth_year <= MAX_YEAR:
            found.append(_problem("owner_birth_year", "range",
                                  f"The year of birth must be between {MIN_BIRTH_YEAR} and {MAX_YEAR}."))

        if isinstance(self.validity, str):
            if self.validity != PERMANENT:
                found.append(_problem("validity", "format",
                                      "The validity must be an end date or 'permanent'."))
        elif not isinstance(self.validity, date) or isinstance(self.validity, datetime):
            found.append(_problem("validity", "format", "The validity must be an end date or 'permanent'."))
        elif self.issue_date is not None and self.validity < self.issue_date:
            found.append(_problem("validity", "before_issue", "The validity ends before the issue date."))

        if self.digitised_at is not None:
            if self.digitised_at.tzinfo is None or self.digitised_at.utcoffset() is None:
                found.append(_problem("digitised_at", "naive_time",
                                      "The digitisation time must carry a time zone."))
            elif self.issue_date is not None and self.issue_date > self.digitised_at.date():
                found.append(_problem("issue_date", "after_digitised",
                                      "The issue date is after the day the document was digitised."))
        if self.page_count is not None and self.page_count < 1:
            found.append(_problem("page_count", "range", "The page count must be at least 1."))
        if self.sha256 is not None and not _SHA256_RE.fullmatch(self.sha256):
            found.append(_problem("sha256", "format", "The SHA-256 must be 64 hexadecimal digits."))
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            found.append(_problem("sequence", "range",
                                  f"The document sequence number must be between 1 and {MAX_SEQUENCE}.",
                                  max=MAX_SEQUENCE))

        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, str) or f.name == "validity":
                continue
            limit = MAX_TEXT if f.name == "summary" else MAX_SHORT
            if len(value) > limit:
                found.append(_problem(f.name, "too_long", f"Too long ({limit} characters at most).",
                                      limit=limit))
            if _CONTROL_RE.search(value):
                found.append(_problem(f.name, "control_characters", "Contains control characters."))
        return found

    # ----------------------------------------------------------------------------------- derived

    @property
    def permanent(self) -> bool:
        return self.validity == PERMANENT

    @property
    def owner_key(self) -> str:
        """The owner's ID number, or the stand-in built from name and year of birth when there is none."""
        if self.owner_id_number:
            return self.owner_id_number
        if self.owner_identifier:
            return self.owner_identifier
        assert self.owner_birth_year is not None  # validated
        return owner_key_without_id(self.owner_name, self.owner_birth_year)

    def document_code(self, pattern: str = DEFAULT_CODE_PATTERN) -> str:
        return document_code(self.owner_key, self.document_type_code, self.document_number, self.sequence,
                             pattern=pattern)

    def with_file(self, *, page_count: int | None = None, sha256: str | None = None,
                  digitised_at: datetime | None = None) -> DocumentMetadata:
        """A copy describing the file made from the document (unchanged where an argument is None)."""
        changes: dict[str, Any] = {}
        if page_count is not None:
            changes["page_count"] = page_count
        if sha256 is not None:
            changes["sha256"] = sha256
        if digitised_at is not None:
            changes["digitised_at"] = digitised_at
        return dataclasses.replace(self, **changes)

    # -------------------------------------------------------------------------------------- JSON

    def to_json_dict(self, code_pattern: str = DEFAULT_CODE_PATTERN) -> dict[str, Any]:
        """Every field (dates ISO 8601, validity an ISO date or "permanent") plus the derived
        `document_code`."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        out["document_code"] = self.document_code(code_pattern)
        return out

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> DocumentMetadata:
        """The inverse of `to_json_dict`. `document_code` is derived, so it is ignored; any other
        unknown key is an error (a misspelt optional field must not vanish silently)."""
        problems: list[MetadataProblem] = []
        names = {f.name for f in dataclasses.fields(cls)}
        for key in data:
            if key not in names and key != "document_code":
                problems.append(_problem(str(key), "unknown_field", "Unknown field."))
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data or data[f.name] is None:
                continue
            raw = data[f.name]
            try:
                kwargs[f.name] = _from_json_value(f.name, raw)
            except (TypeError, ValueError):
                problems.append(_problem(f.name, "format", f"Invalid value {raw!r}."))
        for name in ("document_type_code", "document_name", "summary", "validity"):
            if name not in kwargs and not any(p.field == name for p in problems):
                problems.append(_problem(name, "required", "A required field is missing."))
        if problems:
            raise DocumentMetadataError(problems)
        return cls(**kwargs)


def _from_json_value(name: str, raw: Any) -> Any:
    if name in ("issue_date",):
        return date.fromisoformat(_expect_str(raw))
    if name == "validity":
        text = _expect_str(raw).strip()
        return PERMANENT if text.lower() == PERMANENT else date.fromisoformat(text)
    if name == "digitised_at":
        return datetime.fromisoformat(_expect_str(raw))
    if name in ("owner_birth_year", "page_count", "sequence"):
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError(name)
        return raw
    return _expect_str(raw)


def _expect_str(raw: Any) -> str:
    if not isinstance(raw, str):
        raise TypeError("expected a string")
    return raw


__all__ = [
    "DEFAULT_CODE_PATTERN", "MAX_SEQUENCE", "PERMANENT", "DocumentMetadata", "DocumentMetadataError",
    "MetadataProblem", "Validity", "check_code_pattern", "code_part", "document_code", "fold_keep_case",
    "owner_key_without_id",
]
