"""The JSON shapes of portal API v1 as the sandbox serves them (pydantic, so they also make the OpenAPI
document in kiosk/portal/openapi.yaml).

Import the module (``from kiosk.sandbox import wire_models as wire``) and say ``wire.Catalogue``: the
class names are the schema names in the OpenAPI document. The sandbox deliberately does not reuse the
client's dataclasses: it stands in for an independent portal, and two separate descriptions of the
wire format are what lets the tests catch a drift.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SHA256_PATTERN = r"^[0-9a-f]{64}$"
PROCEDURE_CODE_PATTERN = r"^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$"
FieldTypeName = Literal["text", "date", "select", "number", "phone", "textarea", "checkbox"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(_Strict):
    vi: str = Field(min_length=1, description="Vietnamese, Unicode NFC")
    en: str = Field(description="English")


class RequiredDocument(_Strict):
    type_code: str = Field(min_length=1, description="Document-type code (mã loại giấy tờ)")
    name: LocalizedText
    mandatory: bool
    copies: int = Field(ge=1)


class FieldOption(_Strict):
    value: str
    label: LocalizedText


class FieldValidation(_Strict):
    pattern: str | None = Field(
        default=None, description="Regular expression the whole value must match (no anchors needed)"
    )
    min: int | float | None = Field(default=None, description="Smallest allowed number (number fields)")
    max: int | float | None = Field(default=None, description="Largest allowed number (number fields)")
    max_length: int | None = Field(default=None, ge=1, description="Longest allowed text, in characters")


class FormField(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Key of the answer in `answers`")
    type: FieldTypeName = Field(
        description=(
            "text/textarea/phone: string; date: YYYY-MM-DD string; select: one option value; "
            "number: JSON number; checkbox: JSON boolean"
        )
    )
    label: LocalizedText
    required: bool = False
    options: list[FieldOption] = Field(default_factory=list, description="Choices of a select field")
    validation: FieldValidation = Field(default_factory=FieldValidation)
    prefill: str | None = Field(
        default=None,
        description="ID-card field the kiosk fills this from: card.full_name, card.id_number, "
        "card.date_of_birth, card.sex, card.address, card.issue_date, card.old_id_number",
    )
    help: LocalizedText | None = None


class FormSpec(_Strict):
    fields: list[FormField]


class Procedure(_Strict):
    code: str = Field(pattern=PROCEDURE_CODE_PATTERN, examples=["1.001193.000.00.00.H26"])
    name: LocalizedText
    field: LocalizedText = Field(description="Lĩnh vực, e.g. Hộ tịch")
    agency: LocalizedText = Field(description="Cơ quan thực hiện")
    online_level: Literal["full", "partial"] = Field(
        description="full = toàn trình (whole process online); partial = một phần"
    )
    fee_vnd: int = Field(ge=0, description="Fee in VND for the usual case")
    fee_note: LocalizedText | None = None
    processing_days: int = Field(ge=0, description="Working days; 0 means the same day")
    documents: list[RequiredDocument]
    postal_return_allowed: bool = Field(description="The result may be returned by post (BCCI)")
    form: FormSpec


class Catalogue(_Strict):
    version: str
    hash: str = Field(
        pattern=SHA256_PATTERN,
        description="SHA-256 (hex) of the canonical JSON of `procedures`: keys sorted, no whitespace, "
        "UTF-8 with non-ASCII characters unescaped",
    )
    procedures: list[Procedure]


class Health(BaseModel):
    status: Literal["ok"]
    time: datetime = Field(description="Portal clock, so a kiosk can notice its own clock is wrong")


class DocumentManifest(_Strict):
    part: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="Name of the multipart file part")
    type_code: str = Field(min_length=1)
    filename: str = Field(min_length=1, max_length=255)
    content_type: str
    sha256: str = Field(pattern=SHA256_PATTERN, description="Must equal the SHA-256 of the part's bytes")
    size: int = Field(ge=0, description="Must equal the part's length in bytes")
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="Decree 107 metadata of the electronic document"
    )


class DossierManifest(_Strict):
    kiosk_id: str = Field(min_length=1, max_length=64)
    procedure_code: str = Field(pattern=PROCEDURE_CODE_PATTERN)
    applicant: dict[str, str | None] = Field(
        description="At least full_name and one of id_number / passport_number / organisation_code"
    )
    answers: dict[str, Any] = Field(description="Form answers keyed by form field name")
    assisted_by: str | None = Field(default=None, max_length=64, description="Staff member who helped")
    documents: list[DocumentManifest] = Field(default_factory=list)


class SubmissionResult(BaseModel):
    dossier_code: str = Field(examples=["000.00.00.H26-250701-0001"], description="<unit code>-YYMMDD-XXXX")
    status: str
    received_at: datetime
    duplicate: bool = Field(description="True when this Idempotency-Key was already received")


class StatusEntry(BaseModel):
    status: str
    at: datetime
    note: str | None = None


class DossierStatus(BaseModel):
    dossier_code: str
    procedure_code: str
    status: str
    received_at: datetime
    history: list[StatusEntry]


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable, e.g. sha256_mismatch, idempotency_conflict")
    message: str = Field(description="English, for logs and staff")
    message_vi: str | None = Field(default=None, description="Vietnamese, fit to show a citizen")
    fields: dict[str, str] | None = Field(default=None, description="Problem per form field or JSON path")


class ErrorBody(BaseModel):
    """Every non-2xx answer of the API has this body."""

    error: ErrorDetail
