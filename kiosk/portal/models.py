"""The portal contract as the kiosk sees it: catalogue, form specs, dossier submission and status.

Frozen dataclasses shared by the HTTP client and the rest of the kiosk. `from_json` parsers are strict:
anything of the wrong shape raises ValueError (the client turns that into `PortalBadResponse`), so the
kiosk never renders half a form from a garbled answer. Text is normalised to NFC at this boundary.
The wire format is described in kiosk/portal/openapi.yaml.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal, NamedTuple, TypeVar, cast, get_args

FieldType = Literal["text", "date", "select", "number", "phone", "textarea", "checkbox"]
OnlineLevel = Literal["full", "partial"]

FIELD_TYPES: tuple[str, ...] = get_args(FieldType)
ONLINE_LEVELS: tuple[str, ...] = get_args(OnlineLevel)

# Card fields a form may be prefilled from (kiosk.domain.idcard.IdentityReading); dates come as ISO
# YYYY-MM-DD and sex as "M"/"F".
PREFILL_SOURCES: tuple[str, ...] = (
    "card.id_number",
    "card.old_id_number",
    "card.full_name",
    "card.date_of_birth",
    "card.sex",
    "card.address",
    "card.issue_date",
)


class PortalStatus(StrEnum):
    """A dossier's status on the portal: the contract's vocabulary (the `PortalStatus` enum of
    kiosk/portal/openapi.yaml). The sandbox emits exactly these; the worker decides what each one means
    for the kiosk (kiosk.sync.worker.STATUS_HANDLING), and a test keeps the two in step."""

    RECEIVED = "received"
    PROCESSING = "processing"
    NEEDS_MORE_INFORMATION = "needs_more_information"  # "cần bổ sung": the citizen must add something
    DONE = "done"  # processed, the result is issued: it can be fetched, handed over or posted
    REJECTED = "rejected"

    @classmethod
    def parse(cls, word: str) -> PortalStatus | None:
        """The status for a word from the wire; None for a word outside the contract."""
        try:
            return cls(word)
        except ValueError:
            return None


STATUS_RECEIVED = PortalStatus.RECEIVED.value

T = TypeVar("T")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical_json_bytes(value: Any) -> bytes:
    """The one canonical JSON text used for hashes: sorted keys, no spaces, UTF-8, non-ASCII unescaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --- strict readers for parsed JSON -------------------------------------------------------------------


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what}: expected an object, got {type(value).__name__}")
    return value


def _get(obj: Mapping[str, Any], key: str, kind: type[T], what: str) -> T:
    if key not in obj:
        raise ValueError(f"{what}: missing {key!r}")
    value = obj[key]
    # bool is an int in Python; a JSON true where a number belongs is still the wrong shape.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{what}.{key}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _opt(obj: Mapping[str, Any], key: str, kind: type[T], what: str) -> T | None:
    if obj.get(key) is None:
        return None
    return _get(obj, key, kind, what)


def _text(obj: Mapping[str, Any], key: str, what: str) -> str:
    return nfc(_get(obj, key, str, what))


def _opt_text(obj: Mapping[str, Any], key: str, what: str) -> str | None:
    value = _opt(obj, key, str, what)
    return None if value is None else nfc(value)


def _list(obj: Mapping[str, Any], key: str, what: str, *, default_empty: bool = False) -> list[Any]:
    if default_empty and obj.get(key) is None:
        return []
    return _get(obj, key, list, what)


def _number(obj: Mapping[str, Any], key: str, what: str) -> int | float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what}.{key}: expected a number, got {type(value).__name__}")
    return value


def _datetime(obj: Mapping[str, Any], key: str, what: str) -> datetime:
    raw = _get(obj, key, str, what)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{what}.{key}: {raw!r} is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{what}.{key}: {raw!r} has no time zone")
    return parsed


def _literal(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what}: {value!r} is not one of {', '.join(allowed)}")
    return value


# --- catalogue ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalizedText:
    vi: str
    en: str

    def get(self, lang: str) -> str:
        """Vietnamese for any ``vi*`` language, else English; Vietnamese also when English is empty."""
        if lang.lower().startswith("vi") or not self.en:
            return self.vi
        return self.en

    @classmethod
    def from_json(cls, value: Any, what: str = "text") -> LocalizedText:
        obj = _obj(value, what)
        return cls(vi=_text(obj, "vi", what), en=_text(obj, "en", what))

    def to_json(self) -> dict[str, str]:
        return {"vi": self.vi, "en": self.en}


def _opt_localized(obj: Mapping[str, Any], key: str, what: str) -> LocalizedText | None:
    value = obj.get(key)
    return None if value is None else LocalizedText.from_json(value, f"{what}.{key}")


@dataclass(frozen=True)
class RequiredDocument:
    """One component of a dossier (thành phần hồ sơ) the citizen must or may attach."""

    type_code: str
    name: LocalizedText
    mandatory: bool
    copies: int
    #: The Decree 107 metadata rule of the component (kiosk.domain.component_metadata.ComponentRule's JSON:
    #: summary template, validity, the answers holding number and dates); None: the kiosk's default rule.
    metadata: dict[str, str | None] | None = field(default=None, compare=False)

    @classmethod
    def from_json(cls, value: Any, what: str = "document") -> RequiredDocument:
        obj = _obj(value, what)
        copies = _get(obj, "copies", int, what)
        if copies < 1:
            raise ValueError(f"{what}.copies: must be at least 1, got {copies}")
        rule = _opt(obj, "metadata", dict, what)
        # Kept as sent (unset keys may come as null) so the catalogue's hash still matches; `rule` cleans.
        if rule is not None and any(v is not None and not isinstance(v, str) for v in rule.values()):
            raise ValueError(f"{what}.metadata: values must be strings")
        return cls(
            type_code=_text(obj, "type_code", what),
            name=LocalizedText.from_json(obj.get("name"), f"{what}.name"),
            mandatory=_get(obj, "mandatory", bool, what),
            copies=copies,
            metadata=None if rule is None else {str(k): v if v is None else nfc(v) for k, v in rule.items()},
        )

    @property
    def rule(self) -> dict[str, str] | None:
        """The metadata rule without unset keys (for kiosk.domain.component_metadata.ComponentRule)."""
        if self.metadata is None:
            return None
        return {key: value for key, value in self.metadata.items() if value is not None}

    def to_json(self) -> dict[str, Any]:
        return {
            "type_code": self.type_code,
            "name": self.name.to_json(),
            "mandatory": self.mandatory,
            "copies": self.copies,
            "metadata": self.metadata,
        }


@dataclass(frozen=True)
class FieldOption:
    value: str
    label: LocalizedText

    @classmethod
    def from_json(cls, value: Any, what: str = "option") -> FieldOption:
        obj = _obj(value, what)
        return cls(value=_text(obj, "value", what), label=LocalizedText.from_json(obj.get("label"), what))

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label.to_json()}


@dataclass(frozen=True)
class FieldValidation:
    """Rules beyond the field type. `pattern` is a full-match regular expression (kept to the subset
    Python, JavaScript and Qt agree on); `min`/`max` bound numbers; `max_length` bounds text."""

    pattern: str | None = None
    min: int | float | None = None
    max: int | float | None = None
    max_length: int | None = None

    @classmethod
    def from_json(cls, value: Any, what: str = "validation") -> FieldValidation:
        if value is None:
            return cls()
        obj = _obj(value, what)
        return cls(
            pattern=_opt(obj, "pattern", str, what),
            min=_number(obj, "min", what),
            max=_number(obj, "max", what),
            max_length=_opt(obj, "max_length", int, what),
        )

    def to_json(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "min": self.min, "max": self.max, "max_length": self.max_length}


@dataclass(frozen=True)
class FormField:
    name: str
    type: FieldType
    label: LocalizedText
    required: bool = False
    options: tuple[FieldOption, ...] = ()
    validation: FieldValidation = field(default_factory=FieldValidation)
    prefill: str | None = None
    help: LocalizedText | None = None
    # JSON Schemas over the whole answers object (see kiosk.portal.forms.visible_fields): shown only
    # when `visible_when` matches; required also when `required_when` matches.
    visible_when: dict[str, Any] | None = None
    required_when: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, value: Any, what: str = "field") -> FormField:
        obj = _obj(value, what)
        name = _text(obj, "name", what)
        what = f"{what}[{name}]"
        kind = _literal(_get(obj, "type", str, what), FIELD_TYPES, f"{what}.type")
        options = tuple(
            FieldOption.from_json(item, f"{what}.options")
            for item in _list(obj, "options", what, default_empty=True)
        )
        if kind == "select" and not options:
            raise ValueError(f"{what}: a select field needs options")
        prefill = _opt_text(obj, "prefill", what)
        if prefill is not None and prefill not in PREFILL_SOURCES:
            raise ValueError(f"{what}.prefill: unknown source {prefill!r}")
        required = _opt(obj, "required", bool, what)
        return cls(
            name=name,
            type=cast(FieldType, kind),
            label=LocalizedText.from_json(obj.get("label"), f"{what}.label"),
            required=bool(required),
            options=options,
            validation=FieldValidation.from_json(obj.get("validation"), f"{what}.validation"),
            prefill=prefill,
            help=_opt_localized(obj, "help", what),
            visible_when=_opt(obj, "visible_when", dict, what),
            required_when=_opt(obj, "required_when", dict, what),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "visible_when": self.visible_when,
            "required_when": self.required_when,
            "name": self.name,
            "type": self.type,
            "label": self.label.to_json(),
            "required": self.required,
            "options": [option.to_json() for option in self.options],
            "validation": self.validation.to_json(),
            "prefill": self.prefill,
            "help": None if self.help is None else self.help.to_json(),
        }


@dataclass(frozen=True)
class FormSpec:
    fields: tuple[FormField, ...]

    def field(self, name: str) -> FormField | None:
        return next((item for item in self.fields if item.name == name), None)

    @classmethod
    def from_json(cls, value: Any, what: str = "form") -> FormSpec:
        obj = _obj(value, what)
        fields = tuple(FormField.from_json(item, f"{what}.fields") for item in _list(obj, "fields", what))
        names = [item.name for item in fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{what}: field names repeat")
        return cls(fields=fields)

    def to_json(self) -> dict[str, Any]:
        return {"fields": [item.to_json() for item in self.fields]}


@dataclass(frozen=True)
class Charge:
    """A charge on top of the fee, e.g. per extra certified copy (`per_field` names the number field)."""

    code: str
    name: LocalizedText
    amount_vnd: int
    per_field: str | None = None

    @classmethod
    def from_json(cls, value: Any, what: str = "charge") -> Charge:
        obj = _obj(value, what)
        amount = _get(obj, "amount_vnd", int, what)
        if amount < 0:
            raise ValueError(f"{what}.amount_vnd: cannot be negative")
        return cls(
            code=_text(obj, "code", what),
            name=LocalizedText.from_json(obj.get("name"), f"{what}.name"),
            amount_vnd=amount,
            per_field=_opt_text(obj, "per_field", what),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_json(),
            "amount_vnd": self.amount_vnd,
            "per_field": self.per_field,
        }


@dataclass(frozen=True)
class Procedure:
    code: str
    name: LocalizedText
    field: LocalizedText  # lĩnh vực, e.g. Hộ tịch
    agency: LocalizedText  # cơ quan thực hiện
    online_level: OnlineLevel  # "full" = toàn trình, "partial" = một phần
    fee_vnd: int
    processing_days: int  # working days; 0 = the same day
    documents: tuple[RequiredDocument, ...]
    postal_return_allowed: bool
    form: FormSpec
    fee_note: LocalizedText | None = None  # how the fee really works when one number cannot say it
    postal_submission_allowed: bool = False  # the paper dossier may be collected by the post
    charges: tuple[Charge, ...] = ()
    result_type_code: str = "KQ"

    @classmethod
    def from_json(cls, value: Any, what: str = "procedure") -> Procedure:
        obj = _obj(value, what)
        code = _text(obj, "code", what)
        what = f"{what}[{code}]"
        fee = _get(obj, "fee_vnd", int, what)
        days = _get(obj, "processing_days", int, what)
        if fee < 0 or days < 0:
            raise ValueError(f"{what}: fee and processing days cannot be negative")
        return cls(
            code=code,
            name=LocalizedText.from_json(obj.get("name"), f"{what}.name"),
            field=LocalizedText.from_json(obj.get("field"), f"{what}.field"),
            agency=LocalizedText.from_json(obj.get("agency"), f"{what}.agency"),
            online_level=cast(
                OnlineLevel,
                _literal(_get(obj, "online_level", str, what), ONLINE_LEVELS, f"{what}.online_level"),
            ),
            fee_vnd=fee,
            processing_days=days,
            documents=tuple(
                RequiredDocument.from_json(item, f"{what}.documents")
                for item in _list(obj, "documents", what)
            ),
            postal_return_allowed=_get(obj, "postal_return_allowed", bool, what),
            form=FormSpec.from_json(obj.get("form"), f"{what}.form"),
            fee_note=_opt_localized(obj, "fee_note", what),
            postal_submission_allowed=bool(_opt(obj, "postal_submission_allowed", bool, what)),
            charges=tuple(
                Charge.from_json(item, f"{what}.charges")
                for item in _list(obj, "charges", what, default_empty=True)
            ),
            result_type_code=_opt_text(obj, "result_type_code", what) or "KQ",
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_json(),
            "field": self.field.to_json(),
            "agency": self.agency.to_json(),
            "online_level": self.online_level,
            "fee_vnd": self.fee_vnd,
            "fee_note": None if self.fee_note is None else self.fee_note.to_json(),
            "processing_days": self.processing_days,
            "documents": [item.to_json() for item in self.documents],
            "postal_return_allowed": self.postal_return_allowed,
            "postal_submission_allowed": self.postal_submission_allowed,
            "charges": [item.to_json() for item in self.charges],
            "result_type_code": self.result_type_code,
            "form": self.form.to_json(),
        }


@dataclass(frozen=True)
class Catalogue:
    """The portal's procedure list. `hash` is the SHA-256 of the canonical JSON of `procedures`, so a
    cached catalogue can be compared and a corrupted one detected."""

    version: str
    hash: str
    procedures: tuple[Procedure, ...]

    def find(self, code: str) -> Procedure | None:
        return next((item for item in self.procedures if item.code == code), None)

    @classmethod
    def from_json(cls, value: Any, *, verify_hash: bool = True) -> Catalogue:
        obj = _obj(value, "catalogue")
        raw_procedures = _list(obj, "procedures", "catalogue")
        declared = _get(obj, "hash", str, "catalogue")
        if verify_hash:
            actual = hashlib.sha256(canonical_json_bytes(raw_procedures)).hexdigest()
            if actual != declared:
                raise ValueError(f"catalogue: hash {declared} does not match its content ({actual})")
        procedures = tuple(Procedure.from_json(item, "catalogue.procedures") for item in raw_procedures)
        codes = [item.code for item in procedures]
        if len(set(codes)) != len(codes):
            raise ValueError("catalogue: procedure codes repeat")
        return cls(version=_text(obj, "version", "catalogue"), hash=declared, procedures=procedures)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "hash": self.hash,
            "procedures": [item.to_json() for item in self.procedures],
        }


# --- dossiers -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentUpload:
    """One dossier component as a file (normally a PDF) with its Decree 107 metadata."""

    type_code: str
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    metadata: dict[str, Any] = field(default_factory=dict)

    # cached_property writes straight into __dict__, so it works on a frozen dataclass; scans are big.
    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be sent to the portal as JSON")


def _normalise(value: Any) -> Any:
    """NFC every string and turn dates into ISO text, so what is hashed is what is sent."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(str(key)): _normalise(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(item) for item in value]
    if isinstance(value, date | datetime):
        return _json_default(value)
    return value


@dataclass(frozen=True)
class DossierSubmission:
    """Everything the portal receives for one dossier, as one atomic unit. The idempotency key is made by
    the kiosk when the dossier is created and reused on every retry."""

    idempotency_key: str
    kiosk_id: str
    procedure_code: str
    applicant: dict[str, str | None]
    answers: dict[str, Any]
    documents: tuple[DocumentUpload, ...] = ()
    assisted_by: str | None = None
    #: The delivery part (kiosk.domain.dossier.DeliveryChoice.to_json() plus the pickup booking, if any).
    delivery: dict[str, Any] | None = None
    #: The citizen's portal session token: sent as the X-Citizen-Session header so the dossier is filed
    #: under their account; never in the manifest (the content hash) and never in a repr.
    citizen_session: str | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def part_name(index: int) -> str:
        return f"document-{index}"

    def manifest(self) -> dict[str, Any]:
        """The JSON part of the multipart request: the dossier fields plus one entry per file part."""
        return cast(
            dict[str, Any],
            _normalise(
                {
                    "kiosk_id": self.kiosk_id,
                    "procedure_code": self.procedure_code,
                    "applicant": dict(self.applicant),
                    "answers": dict(self.answers),
                    "assisted_by": self.assisted_by,
                    **({"delivery": dict(self.delivery)} if self.delivery else {}),
                    "documents": [
                        {
                            "part": self.part_name(index),
                            "type_code": doc.type_code,
                            "filename": doc.filename,
                            "content_type": doc.content_type,
                            "sha256": doc.sha256,
                            "size": doc.size,
                            "metadata": dict(doc.metadata),
                        }
                        for index, doc in enumerate(self.documents)
                    ],
                }
            ),
        )

    def manifest_bytes(self) -> bytes:
        return json.dumps(self.manifest(), ensure_ascii=False, default=_json_default).encode("utf-8")


@dataclass(frozen=True)
class SubmissionResult:
    dossier_code: str
    status: str
    received_at: datetime
    duplicate: bool  # the portal already had this idempotency key: success, not an error

    @classmethod
    def from_json(cls, value: Any) -> SubmissionResult:
        obj = _obj(value, "submission")
        return cls(
            dossier_code=_text(obj, "dossier_code", "submission"),
            status=_text(obj, "status", "submission"),
            received_at=_datetime(obj, "received_at", "submission"),
            duplicate=_get(obj, "duplicate", bool, "submission"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "dossier_code": self.dossier_code,
            "status": self.status,
            "received_at": self.received_at.isoformat(),
            "duplicate": self.duplicate,
        }


class StatusChange(NamedTuple):
    """One line of a dossier's history; a tuple so ``for status, at, note in history`` reads naturally."""

    status: str
    at: datetime
    note: str | None


@dataclass(frozen=True)
class DossierStatus:
    dossier_code: str
    procedure_code: str
    status: str
    history: tuple[StatusChange, ...]
    result_ready: bool = False  # the electronic result can be fetched (get_result)

    @classmethod
    def from_json(cls, value: Any) -> DossierStatus:
        obj = _obj(value, "dossier")
        history = []
        for item in _list(obj, "history", "dossier"):
            entry = _obj(item, "dossier.history")
            history.append(
                StatusChange(
                    status=_text(entry, "status", "dossier.history"),
                    at=_datetime(entry, "at", "dossier.history"),
                    note=_opt_text(entry, "note", "dossier.history"),
                )
            )
        return cls(
            dossier_code=_text(obj, "dossier_code", "dossier"),
            procedure_code=_text(obj, "procedure_code", "dossier"),
            status=_text(obj, "status", "dossier"),
            history=tuple(history),
            result_ready=bool(_opt(obj, "result_ready", bool, "dossier")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "dossier_code": self.dossier_code,
            "procedure_code": self.procedure_code,
            "status": self.status,
            "history": [
                {"status": entry.status, "at": entry.at.isoformat(), "note": entry.note}
                for entry in self.history
            ],
        }
