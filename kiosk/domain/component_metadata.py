"""Decree 107 metadata for one dossier component, from the catalogue's component definition and the
citizen's answers (or a clerk's entries in assisted mode) — not placeholders.

    rule = ComponentRule.from_json("XNTTHN", {"summary": "Xác nhận tình trạng hôn nhân của {full_name}",
                                              "validity": "months:6", "number_field": "xnthn_number",
                                              "issue_date_field": "xnthn_issue_date"})
    meta = component_metadata(rule, document_name="Giấy xác nhận tình trạng hôn nhân", answers=answers,
                              owner=Owner(id_number="001089012345"), digitiser=Digitiser("K01", clerk="cb07"))

A rule says where each field comes from:

- `summary` (trích yếu): a template over the answers (`{full_name}`, `{child_full_name}`…); a field the
  answers lack makes the summary fall back to the document's name (never a half-filled sentence).
- `validity`: `permanent`; `years:N` / `months:N` from the document's issue date (a marital-status
  certificate is valid 6 months); or `field:NAME`, an end date among the answers (a card's expiry).
  When the date it needs is missing, the validity is unknown and `component_metadata` says so (a problem,
  not a silent "permanent").
- `number_field`, `issue_date_field`, `issuing_body_field`, `signer_field`: answers holding the document
  number (số ký hiệu), its issue date, issuing body and signer.
- `scope`: the validity scope (phạm vi hiệu lực), when the document has one.

The assisting clerk, when there is one, is the digitiser (`digitised_by`); the kiosk is where it was done
(`digitised_on`). Pure: no clock (the caller passes `when`), no files.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from kiosk.domain.documents import (
    PERMANENT,
    DocumentMetadata,
    DocumentMetadataError,
    MetadataProblem,
    Validity,
)
from kiosk.domain.text import nfc

_VALIDITY_RE: Final = re.compile(r"(permanent)|(years|months):([1-9][0-9]{0,2})|field:([A-Za-z_][\w.]*)")
_FIELD_RE: Final = re.compile(r"[A-Za-z_][\w.]*")


class ComponentRuleError(ValueError):
    """A catalogue's component definition whose metadata rule cannot be used."""


@dataclass(frozen=True)
class ComponentRule:
    type_code: str
    summary: str = ""
    validity: str = PERMANENT
    number_field: str = ""
    issue_date_field: str = ""
    issuing_body_field: str = ""
    signer_field: str = ""
    scope: str = ""

    def __post_init__(self) -> None:
        if _VALIDITY_RE.fullmatch(self.validity) is None:
            raise ComponentRuleError(f"{self.type_code}: validity must be permanent, years:N, months:N or "
                                     f"field:NAME, got {self.validity!r}")
        for name in ("number_field", "issue_date_field", "issuing_body_field", "signer_field"):
            value = getattr(self, name)
            if value and _FIELD_RE.fullmatch(value) is None:
                raise ComponentRuleError(f"{self.type_code}: {name} is not a field name: {value!r}")
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(self.summary) if f is not None]
        except ValueError as error:
            raise ComponentRuleError(f"{self.type_code}: summary is not a template: {error}") from None
        if any(_FIELD_RE.fullmatch(f) is None for f in fields):
            raise ComponentRuleError(f"{self.type_code}: summary fields must be plain names")

    @classmethod
    def from_json(cls, type_code: str, data: Mapping[str, Any] | None) -> ComponentRule:
        """A rule from a component definition's `metadata` object (absent: the defaults for the type)."""
        if data is None:
            return DEFAULT_RULES.get(type_code, cls(type_code))
        known = {"summary", "validity", "number_field", "issue_date_field", "issuing_body_field",
                 "signer_field", "scope"}
        unknown = set(data) - known
        if unknown:
            raise ComponentRuleError(f"{type_code}: unknown metadata keys {sorted(unknown)}")
        if any(not isinstance(v, str) for v in data.values()):
            raise ComponentRuleError(f"{type_code}: metadata values must be strings")
        return cls(type_code, **{k: nfc(v).strip() for k, v in data.items()})


# Rules for components the kiosk's catalogue already names, used when a definition carries none.
DEFAULT_RULES: Final[dict[str, ComponentRule]] = {
    "CCCD": ComponentRule("CCCD", summary="Thẻ căn cước của {full_name}", validity="field:expiry_date",
                          number_field="id_number", issue_date_field="issue_date"),
    "XNTTHN": ComponentRule("XNTTHN", summary="Xác nhận tình trạng hôn nhân của {full_name}",
                            validity="months:6", issue_date_field="xnthn_issue_date"),
    "GCS": ComponentRule("GCS", summary="Giấy chứng sinh của {child_full_name}"),
    "VBUQ": ComponentRule("VBUQ", summary="Văn bản ủy quyền của {full_name}",
                          validity="field:authorisation_valid_until", issue_date_field="authorisation_date"),
}


@dataclass(frozen=True)
class Owner:
    """Whose document it is: a personal ID number, or (without one) name, year of birth and the document's
    issue date and issuing body (taken from the answers through the rule)."""

    id_number: str = ""
    full_name: str = ""
    birth_year: int | None = None
    #: A foreigner's passport (``USA-C01X00T47``) or an organisation's code, when there is no ID number.
    other_identifier: str = ""
    #: The issuing data of the paper a person without an ID number holds: used when the document's own
    #: issue date and issuing body are not among the answers.
    issue_date: str = ""
    issuing_body: str = ""


@dataclass(frozen=True)
class Digitiser:
    """Who digitised: the assisting clerk when there is one, else the kiosk itself."""

    kiosk_id: str
    clerk: str = ""  # the staff member's id or name in assisted mode

    @property
    def digitised_by(self) -> str:
        return self.clerk or self.kiosk_id


def _answer(answers: Mapping[str, Any], name: str) -> Any:
    value = answers.get(name) if name else None
    return nfc(value).strip() if isinstance(value, str) else value


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError("unreachable")


def summary_text(rule: ComponentRule, document_name: str, answers: Mapping[str, Any]) -> str:
    """The rule's summary filled from the answers, or the document's name when a field is missing."""
    if not rule.summary:
        return document_name
    names = [f for _, f, _, _ in string.Formatter().parse(rule.summary) if f]
    values = {n: _answer(answers, n) for n in names}
    if any(v in (None, "") for v in values.values()):
        return document_name
    return nfc(rule.summary.format(**{k: str(v) for k, v in values.items()}))


def validity_of(rule: ComponentRule, answers: Mapping[str, Any], issue_date: date | None) -> Validity | None:
    """The validity the rule gives, or None when the date it needs is missing."""
    match = _VALIDITY_RE.fullmatch(rule.validity)
    assert match is not None  # checked in ComponentRule
    if match.group(1):
        return PERMANENT
    if match.group(4):
        return _as_date(_answer(answers, match.group(4)))
    if issue_date is None:
        return None
    count = int(match.group(3))
    return _add_months(issue_date, count * 12 if match.group(2) == "years" else count)


def component_metadata(rule: ComponentRule, *, document_name: str, answers: Mapping[str, Any], owner: Owner,
                       digitiser: Digitiser, when: datetime | None = None, sequence: int = 1,
                       page_count: int | None = None) -> DocumentMetadata:
    """The component's metadata; DocumentMetadataError (every problem at once) when the rules cannot be
    met — a validity whose date is missing included."""
    issue_date = _as_date(_answer(answers, rule.issue_date_field))
    no_identifier = not owner.id_number and not owner.other_identifier
    if issue_date is None and no_identifier:
        issue_date = _as_date(owner.issue_date)
    validity = validity_of(rule, answers, issue_date)
    if validity is None:
        raise DocumentMetadataError([MetadataProblem(
            "validity", "validity_unknown", "The date the document's validity depends on is missing.")])
    number = _answer(answers, rule.number_field)
    issuing_body = str(_answer(answers, rule.issuing_body_field) or "")
    if not issuing_body and no_identifier:
        issuing_body = owner.issuing_body
    return DocumentMetadata(
        document_type_code=rule.type_code, document_name=document_name,
        summary=summary_text(rule, document_name, answers), validity=validity,
        owner_id_number=owner.id_number, owner_name="" if owner.id_number else owner.full_name,
        owner_birth_year=None if owner.id_number else owner.birth_year, validity_scope=rule.scope,
        owner_identifier="" if owner.id_number else owner.other_identifier,
        issuing_body=issuing_body,
        signer=str(_answer(answers, rule.signer_field) or ""),
        document_number=str(number or ""), issue_date=issue_date, page_count=page_count,
        digitised_by=digitiser.digitised_by, digitised_on=digitiser.kiosk_id if digitiser.clerk else "",
        digitised_at=when, sequence=sequence)


__all__ = ["DEFAULT_RULES", "ComponentRule", "ComponentRuleError", "Digitiser", "Owner", "component_metadata",
           "summary_text", "validity_of"]
