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

from kiosk.portal.models import PortalStatus

SHA256_PATTERN = r"^[0-9a-f]{64}$"
PROCEDURE_CODE_PATTERN = r"^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$"
FieldTypeName = Literal["text", "date", "select", "number", "phone", "textarea", "checkbox"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(_Strict):
    vi: str = Field(min_length=1, description="Vietnamese, Unicode NFC")
    en: str = Field(description="English")


class ComponentMetadataRule(_Strict):
    """Where the Decree 107 metadata of a component comes from (names are form fields or fields the kiosk
    asks for on the documents screen)."""

    summary: str | None = Field(
        default=None, description="Trích yếu template, e.g. 'Giấy chứng sinh của {child_full_name}'"
    )
    validity: str | None = Field(
        default=None,
        pattern=r"^(permanent|(years|months):[1-9]\d{0,2}|field:[A-Za-z_][\w.]*)$",
        description="permanent, years:N / months:N from the issue date, or field:NAME",
    )
    number_field: str | None = Field(default=None, description="Field holding the number (số ký hiệu)")
    issue_date_field: str | None = Field(default=None, description="Field holding the issue date")
    issuing_body_field: str | None = Field(default=None, description="Field holding the issuing body")
    signer_field: str | None = Field(default=None, description="Field holding the signer")
    scope: str | None = Field(default=None, description="Validity scope (phạm vi hiệu lực)")


class RequiredDocument(_Strict):
    type_code: str = Field(min_length=1, description="Document-type code (mã loại giấy tờ)")
    name: LocalizedText
    mandatory: bool
    copies: int = Field(ge=1)
    metadata: ComponentMetadataRule | None = Field(
        default=None, description="Decree 107 metadata rule; absent: the kiosk's default for the type code"
    )


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
    visible_when: dict[str, Any] | None = Field(
        default=None,
        description="JSON Schema the answers object must match for this field to be shown; "
        "a hidden field is neither required nor sent",
    )
    required_when: dict[str, Any] | None = Field(
        default=None, description="JSON Schema over the answers; when it matches, the field is required"
    )


class FormSpec(_Strict):
    fields: list[FormField]


class Charge(_Strict):
    code: str = Field(min_length=1)
    name: LocalizedText
    amount_vnd: int = Field(ge=0)
    per_field: str | None = Field(
        default=None, description="Charged once per unit of this number field's answer (e.g. extra copies)"
    )


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
    postal_submission_allowed: bool = Field(
        default=False, description="The paper dossier may be handed to the post (home pickup)"
    )
    charges: list[Charge] = Field(default_factory=list, description="Charges on top of the fee")
    result_type_code: str = Field(default="KQ", description="Document-type code of the result")
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
        description="The applicant: `applicant_type` citizen (full_name, id_number of 12 digits), foreigner "
        "(full_name as in the MRZ, passport_number, nationality as an ICAO code), organisation (full_name, "
        "organisation_code of 10 digits or 0123456789-001, representative_name, representative_id_number), "
        "no_id (full_name, birth_year, issue_date, issuing_body of the paper held) or representative "
        "(full_name, id_number, on_behalf_name, on_behalf_id_number; the dossier must carry a VBUQ "
        "authorisation document). Without applicant_type the kind follows the identifier sent."
    )
    answers: dict[str, Any] = Field(description="Form answers keyed by form field name")
    assisted_by: str | None = Field(default=None, max_length=64, description="Staff member who helped")
    documents: list[DocumentManifest] = Field(default_factory=list)
    delivery: SubmissionDelivery | None = Field(
        default=None, description="How the citizen wants the result (and, for pickup, how the paper comes in)"
    )


class SupplementManifest(_Strict):
    """The JSON part ``supplement`` of a supplement ("bổ sung hồ sơ"): documents added to a dossier the
    portal marked ``needs_more_information``, one file part per entry."""

    documents: list[DocumentManifest] = Field(min_length=1)
    note: str | None = Field(default=None, max_length=500)


class SubmissionResult(BaseModel):
    dossier_code: str = Field(examples=["000.00.00.H26-250701-0001"], description="<unit code>-YYMMDD-XXXX")
    status: PortalStatus
    received_at: datetime
    duplicate: bool = Field(description="True when this Idempotency-Key was already received")


class StatusEntry(BaseModel):
    status: PortalStatus
    at: datetime
    note: str | None = None


class DossierStatus(BaseModel):
    dossier_code: str
    procedure_code: str
    status: PortalStatus
    received_at: datetime
    history: list[StatusEntry]
    result_ready: bool = False


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable, e.g. sha256_mismatch, idempotency_conflict")
    message: str = Field(description="English, for logs and staff")
    message_vi: str | None = Field(default=None, description="Vietnamese, fit to show a citizen")
    fields: dict[str, str] | None = Field(default=None, description="Problem per form field or JSON path")


class ErrorBody(BaseModel):
    """Every non-2xx answer of the API has this body."""

    error: ErrorDetail


# --- catalogue extensions (all optional, so older catalogues still validate) ---------------------------


class CatalogueVersion(BaseModel):
    version: str
    hash: str = Field(pattern=SHA256_PATTERN)


# --- kiosk authentication ------------------------------------------------------------------------------


class TokenRequest(_Strict):
    kiosk_id: str = Field(min_length=1, max_length=64)
    secret: str = Field(min_length=16, max_length=256)


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int = Field(ge=1, description="Seconds")


# --- citizen accounts ----------------------------------------------------------------------------------

ID_NUMBER_PATTERN = r"^\d{12}$"
PHONE_PATTERN = r"^0\d{9}$"
PASSPORT_PATTERN = r"^[A-Z0-9]{5,20}$"
NATIONALITY_PATTERN = r"^[A-Z]{1,3}$"
ORGANISATION_CODE_PATTERN = r"^\d{10}(-\d{3})?$"
AccountApplicantType = Literal["citizen", "foreigner", "organisation"]


class RegistrationRequest(_Strict):
    """A portal account for a citizen (ID number), a foreigner (passport number and nationality, the name
    as in the passport's MRZ) or an organisation (enterprise / tax code, its name, and the ID number of the
    representative who registers it). Which identifier a kind needs is checked with a reason per field."""

    applicant_type: AccountApplicantType = Field(default="citizen")
    id_number: str | None = Field(default=None, pattern=ID_NUMBER_PATTERN, description="Citizens")
    passport_number: str | None = Field(default=None, pattern=PASSPORT_PATTERN, description="Foreigners")
    nationality: str | None = Field(
        default=None, pattern=NATIONALITY_PATTERN, description="Foreigners: ICAO 9303 state code, e.g. USA, D"
    )
    organisation_code: str | None = Field(
        default=None, pattern=ORGANISATION_CODE_PATTERN,
        description="Organisations: enterprise / tax code, 10 digits or 0123456789-001",
    )
    representative_id_number: str | None = Field(
        default=None, pattern=ID_NUMBER_PATTERN, description="Organisations: the representative's ID number"
    )
    full_name: str = Field(min_length=1, max_length=100, description="The person's or organisation's name")
    date_of_birth: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD; required for people"
    )
    phone: str = Field(pattern=PHONE_PATTERN)
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class LinkRequest(_Strict):
    """Exactly one identifier: id_number, passport_number (with nationality) or organisation_code."""

    id_number: str | None = Field(default=None, pattern=ID_NUMBER_PATTERN)
    passport_number: str | None = Field(default=None, pattern=PASSPORT_PATTERN)
    nationality: str | None = Field(default=None, pattern=NATIONALITY_PATTERN)
    organisation_code: str | None = Field(default=None, pattern=ORGANISATION_CODE_PATTERN)
    phone: str = Field(pattern=PHONE_PATTERN)


class OtpChallenge(BaseModel):
    challenge_id: str
    purpose: Literal["register", "link"]
    phone_masked: str = Field(description="e.g. 091****678; the OTP went to this phone by SMS")
    expires_at: datetime
    attempts_left: int


class OtpVerifyRequest(_Strict):
    otp: str = Field(pattern=r"^\d{6}$")


class Account(BaseModel):
    account_id: str
    id_number: str = Field(description="The account's identifier: ID number, passport or organisation code")
    applicant_type: AccountApplicantType = "citizen"
    nationality: str | None = Field(default=None, description="Foreigners' accounts")
    full_name: str
    date_of_birth: str | None = None
    phone_masked: str | None = None
    level: Literal["portal", "eid"] = Field(description="portal = account with OTP; eid = VNeID login")


class CitizenSession(BaseModel):
    session_token: str = Field(description="Short-lived; kept in memory by the kiosk, never stored")
    expires_at: datetime
    account: Account


class EidLoginRequest(BaseModel):
    request_id: str
    qr_payload: str = Field(description="Shown as a QR code; the citizen scans it with the VNeID app")
    expires_at: datetime
    poll_interval_s: float = Field(description="Seconds between the kiosk's status questions")


class EidLoginStatus(BaseModel):
    request_id: str
    status: Literal["pending", "approved", "denied", "expired"]
    session: CitizenSession | None = None


# --- fees ----------------------------------------------------------------------------------------------


class PaymentItem(BaseModel):
    code: str
    name: LocalizedText
    amount_vnd: int


class PaymentRequest(BaseModel):
    payment_id: str
    dossier_code: str
    amount_vnd: int = Field(ge=0)
    items: list[PaymentItem]
    status: Literal["not_required", "pending", "paid"]
    vietqr: str | None = Field(
        default=None, description="NAPAS VietQR payload; the dossier code is the purpose"
    )
    purpose: str | None = None
    created_at: datetime
    paid_at: datetime | None = None


# --- status and results --------------------------------------------------------------------------------


class ResultDocument(BaseModel):
    dossier_code: str
    document_code: str = Field(description="<owner ID>.<document type code>.<number>.<NN>")
    name: LocalizedText
    issued_at: datetime
    content_type: Literal["application/pdf"]
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int = Field(ge=1)
    by_post: bool = Field(description="A postal delivery order exists for this result")
    tracking_number: str | None = None


# --- postal delivery (BCCI) and home pickup -------------------------------------------------------------


class Address(_Strict):
    recipient_name: str = Field(min_length=1, max_length=100)
    phone: str = Field(pattern=PHONE_PATTERN)
    street: str = Field(min_length=1, max_length=200, description="House number, street, village")
    commune_code: str = Field(pattern=r"^\d{5}$", description="Commune/ward code (after the 2025 reform)")
    commune_name: str = Field(min_length=1, max_length=100)
    province_code: str = Field(pattern=r"^\d{2}$", description="One of the 34 provinces since July 2025")
    province_name: str = Field(min_length=1, max_length=100)
    # Optional: since the 2025 reform the commune code is what routes a parcel; few citizens know the
    # 5-digit postcode and the kiosk has no table of the new ones to look it up.
    postcode: str = Field(default="", pattern=r"^(\d{5})?$")


PostalService = Literal["economy", "express"]


class SubmissionDelivery(_Strict):
    """The delivery part of a submission: the portal (and the post office behind it) learns the citizen's
    choice with the dossier, not only when the result is ready."""

    method: Literal["online", "counter", "post", "pickup"]
    service: PostalService | None = None
    address: Address | None = Field(default=None, description="Required for post and pickup")
    pickup_slot_id: str | None = Field(default=None, max_length=64)
    pickup_booking_id: str | None = Field(default=None, max_length=64)
    postal_fee_vnd: int = Field(default=0, ge=0, le=10_000_000, description="The quoted postage")
    postal_fee_payment: Literal["none", "vietqr", "cash_on_delivery"] = Field(
        default="none", description="vietqr: paid with the fee at the kiosk; cash_on_delivery: to the postman"
    )


class QuoteRequest(_Strict):
    address: Address
    service: PostalService
    cod_amount_vnd: int = Field(default=0, ge=0, le=50_000_000, description="Cash on delivery to collect")
    weight_g: int = Field(default=200, ge=1, le=30_000)


class Quote(BaseModel):
    service: PostalService
    service_code: str = Field(description="Carrier service code, e.g. CTN001 economy, ETN011 express")
    fee_vnd: int
    cod_fee_vnd: int
    total_vnd: int
    expected_days: int


class DeliveryOrderRequest(QuoteRequest):
    pass


class TrackingEvent(BaseModel):
    at: datetime
    code: Literal["accepted", "in_transit", "out_for_delivery", "delivered", "returned"]
    description: LocalizedText
    location: str | None = None


class DeliveryOrder(BaseModel):
    order_id: str
    dossier_code: str
    tracking_number: str = Field(description="UPU S10, e.g. EE123456785VN")
    quote: Quote
    address: Address
    created_at: datetime
    events: list[TrackingEvent]


class PickupSlot(BaseModel):
    slot_id: str
    start: datetime
    end: datetime
    available: bool


class PickupSlots(BaseModel):
    slots: list[PickupSlot]


class PickupRequest(_Strict):
    slot_id: str = Field(min_length=1, max_length=64)
    address: Address
    procedure_code: str | None = Field(default=None, pattern=PROCEDURE_CODE_PATTERN)
    note: str | None = Field(default=None, max_length=300)


class PickupBooking(BaseModel):
    booking_id: str
    confirmation_code: str
    status: Literal["confirmed"]
    slot: PickupSlot
    address: Address
    created_at: datetime


DossierManifest.model_rebuild()
