"""One PDF per dossier component with its Decree 107 metadata for real: document number, summary and
validity from the catalogue's component definition (`RequiredDocument.rule`, else the kiosk's default
rule for the type) and the citizen's answers, plus what the citizen (or the assisting clerk) typed for
that paper on the documents screen; the papers' owner from the applicant (the represented person when
filing for someone else, a passport or an organisation code when there is no ID number); the assisting
clerk as digitiser and the kiosk as the place; the document code after the configured pattern.

    source = MetadataSource(applicant, answers, entries, kiosk_id="K01", clerk="NV012")
    source.missing(doc)                     # what the documents screen must still ask for this paper
    files = component_files(pages, documents, source)   # on a worker thread: PDFs + metadata JSON

No Qt here: the documents screen, the submit use case and the tests share it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kiosk.capture.doc_capture import CapturedPage
from kiosk.capture.pdf_builder import build_pdf
from kiosk.domain.applicant import Applicant, ApplicantKind
from kiosk.domain.component_metadata import (
    ComponentRule,
    ComponentRuleError,
    Digitiser,
    Owner,
    component_metadata,
    summary_text,
    validity_of,
)
from kiosk.domain.documents import DEFAULT_CODE_PATTERN, PERMANENT, DocumentMetadata, Validity
from kiosk.domain.notice import Notice
from kiosk.portal.models import LocalizedText, RequiredDocument
from kiosk.store.outbox import OutboxFile

#: The rule fields the documents screen asks for; what each means is the notice ``document.entry.<kind>``
#: (`entry_notice`, words in kiosk.ui.notice_texts).
ENTRY_KINDS: tuple[str, ...] = ("number_field", "issue_date_field", "issuing_body_field", "signer_field",
                                "validity_field")
NOTICE_CODES = frozenset({*(f"document.entry.{kind}" for kind in ENTRY_KINDS), "document.validity.unknown",
                          "document.validity.permanent", "document.validity.until"})


def entry_notice(kind: str) -> Notice:
    return Notice(f"document.entry.{kind}")


def rule_for(document: RequiredDocument) -> ComponentRule:
    """The component's rule: the catalogue's, else the kiosk's default for the type; a catalogue rule the
    kiosk cannot use falls back to the default rather than stopping the citizen."""
    try:
        return ComponentRule.from_json(document.type_code, document.rule)
    except ComponentRuleError:
        return ComponentRule.from_json(document.type_code, None)


@dataclass(frozen=True)
class Entry:
    """One thing the documents screen asks about a paper: `name` is the answer key the rule reads."""

    name: str
    kind: str  # number_field, issue_date_field, issuing_body_field, signer_field, validity_field
    required: bool
    is_date: bool


@dataclass(frozen=True)
class MetadataSource:
    """Everything the metadata of this dossier's components comes from."""

    applicant: Mapping[str, Any]
    answers: Mapping[str, Any]
    #: Typed on the documents screen, per type code: {answer key: value} (number, issue date…).
    entries: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    kiosk_id: str = ""
    #: The assisting clerk's staff id: recorded as digitiser (the kiosk as the place).
    clerk: str = ""
    code_pattern: str = DEFAULT_CODE_PATTERN
    #: The card's dates (an ID card component's issue date and expiry).
    card: Mapping[str, str] = field(default_factory=dict)

    def owner(self) -> Owner:
        try:
            who = Applicant.from_json(self.applicant).owner()
        except ValueError:
            return Owner(id_number=str(self.applicant.get("id_number") or ""))
        return Owner(id_number=who.id_number, full_name=who.full_name, birth_year=who.birth_year,
                     other_identifier=who.other_identifier, issue_date=who.issue_date,
                     issuing_body=who.issuing_body)

    def values_for(self, type_code: str) -> dict[str, Any]:
        """The answers a rule reads for one paper: the card's, the applicant's, the form's, then what was
        typed for this paper (the latest word wins)."""
        base: dict[str, Any] = {**self.card}
        try:
            applicant = Applicant.from_json(self.applicant)
            base.update(applicant.fields)
            if applicant.kind is ApplicantKind.REPRESENTATIVE:
                base["full_name"] = applicant.get("on_behalf_name")  # whose papers these are
                base["applicant_name"] = applicant.name
        except ValueError:
            pass
        base.update({k: v for k, v in self.answers.items() if v not in (None, "")})
        base.update({k: v for k, v in self.entries.get(type_code, {}).items() if v})
        return base

    def entries_for(self, document: RequiredDocument) -> list[Entry]:
        """The fields the rule names that neither the card nor the form answered: the documents screen
        asks for them (required when the validity cannot be worked out without them)."""
        rule = rule_for(document)
        known = {**self.card, **{k: v for k, v in self.answers.items() if v not in (None, "")}}
        validity_field = rule.validity.removeprefix("field:") if rule.validity.startswith("field:") else ""
        dated = rule.validity.split(":")[0] in ("years", "months")  # counted from the issue date
        wanted = [(rule.number_field, "number_field", False, False),
                  (rule.issue_date_field, "issue_date_field", dated, True),
                  (rule.issuing_body_field, "issuing_body_field", False, False),
                  (validity_field, "validity_field", True, True)]
        return [Entry(name, kind, required, is_date) for name, kind, required, is_date in wanted
                if name and not known.get(name)]

    def missing(self, document: RequiredDocument) -> list[Entry]:
        """Required entries still empty for this paper."""
        typed = self.entries.get(document.type_code, {})
        return [entry for entry in self.entries_for(document)
                if entry.required and not str(typed.get(entry.name, "")).strip()]

    def preview(self, document: RequiredDocument, lang: str = "vi") -> tuple[str, Validity | None]:
        """The summary and the validity as they stand (validity None: a date is still missing)."""
        rule = rule_for(document)
        values = self.values_for(document.type_code)
        issue = _as_date(values.get(rule.issue_date_field)) if rule.issue_date_field else None
        return summary_text(rule, document.name.get(lang), values), validity_of(rule, values, issue)

    def metadata(self, document: RequiredDocument, *, when: datetime, sequence: int = 1,
                 page_count: int | None = None) -> DocumentMetadata:
        """DocumentMetadataError (every problem) when the rule cannot be met."""
        return component_metadata(
            rule_for(document), document_name=document.name.get("vi"),
            answers=self.values_for(document.type_code),
            owner=self.owner(), digitiser=Digitiser(self.kiosk_id, clerk=self.clerk), when=when,
            sequence=sequence, page_count=page_count)


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def validity_notice(validity: Validity | None) -> Notice:
    """How long a document is valid, for people (kiosk.ui.texts.say puts it in words)."""
    if validity is None:
        return Notice("document.validity.unknown")
    if validity == PERMANENT:
        return Notice("document.validity.permanent")
    assert isinstance(validity, date)
    return Notice("document.validity.until", {"date": f"{validity:%d/%m/%Y}"})


def component_files(pages: Mapping[str, Sequence[CapturedPage]], documents: Sequence[RequiredDocument],
                    source: MetadataSource, *, when: datetime | None = None) -> list[OutboxFile]:
    """One PDF per component that has pages, in the catalogue's order, each with its metadata (the PDF's
    XMP and the JSON beside it) and its document code after `source.code_pattern`. Runs on a worker
    thread; DocumentMetadataError when a component's rule cannot be met."""
    moment = when or datetime.now(UTC).astimezone()
    files = []
    listed = {doc.type_code: doc for doc in documents}
    for sequence, (type_code, group) in enumerate(((c, g) for c, g in pages.items() if g), start=1):
        document = listed.get(type_code) or RequiredDocument(type_code, LocalizedText(type_code, type_code),
                                                              mandatory=False, copies=1)
        meta = source.metadata(document, when=moment, sequence=min(sequence, 99), page_count=len(group))
        pdf = build_pdf([page.encoded for page in group], meta, code_pattern=source.code_pattern,
                        created=moment)
        record = meta.with_file(sha256=hashlib.sha256(pdf).hexdigest()).to_json_dict(source.code_pattern)
        files.append(OutboxFile(type_code=type_code, filename=f"{type_code}.pdf",
                                content_type="application/pdf", content=pdf, metadata=record))
    return files

