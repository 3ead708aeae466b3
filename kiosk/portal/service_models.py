"""The portal's services beyond catalogue and dossier intake, as the kiosk sees them: citizen accounts,
e-ID login, fees, results, postal delivery and home pickup. Strict `from_json` parsers like models.py;
requests are plain dataclasses with `to_json`. Wire format: kiosk/portal/openapi.yaml.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from kiosk.portal.models import LocalizedText, _datetime, _get, _list, _obj, _opt, _opt_text, _text, nfc


@dataclass(frozen=True)
class CatalogueVersion:
    version: str
    hash: str

    @classmethod
    def from_json(cls, value: Any) -> CatalogueVersion:
        obj = _obj(value, "catalogue version")
        return cls(
            version=_text(obj, "version", "catalogue version"), hash=_text(obj, "hash", "catalogue version")
        )


# --- accounts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    """A portal account request. `applicant_type` "citizen" needs `id_number`; "foreigner" needs
    `passport_number` and `nationality` (ICAO code) with the name as in the MRZ; "organisation" needs
    `organisation_code` and `representative_id_number` (the name is the organisation's)."""

    id_number: str
    full_name: str
    date_of_birth: date | None
    phone: str
    email: str | None = None
    applicant_type: str = "citizen"
    passport_number: str | None = None
    nationality: str | None = None
    organisation_code: str | None = None
    representative_id_number: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "applicant_type": self.applicant_type,
            "full_name": nfc(self.full_name.strip()),
            "phone": self.phone,
        }
        if self.id_number:
            body["id_number"] = self.id_number
        if self.date_of_birth is not None:
            body["date_of_birth"] = self.date_of_birth.isoformat()
        for name in ("passport_number", "nationality", "organisation_code", "representative_id_number"):
            value = getattr(self, name)
            if value:
                body[name] = value.strip()
        if self.email:
            body["email"] = self.email.strip()
        return body


@dataclass(frozen=True)
class AccountIdentity:
    """Who an account is for, from the applicant the kiosk collected: the kind, the identifier the portal
    keys the account by (ID number, passport number, organisation code) and what registration needs."""

    kind: str
    identifier: str
    full_name: str
    date_of_birth: str = ""
    nationality: str | None = None
    representative_id_number: str | None = None

    def registration(self, phone: str, email: str | None = None) -> Registration:
        """ValueError when a person's date of birth is missing (an organisation has none)."""
        born = date.fromisoformat(self.date_of_birth) if self.kind != "organisation" else None
        return Registration(
            id_number=self.identifier if self.kind == "citizen" else "", full_name=self.full_name,
            date_of_birth=born, phone=phone, email=email, applicant_type=self.kind,
            passport_number=self.identifier if self.kind == "foreigner" else None,
            nationality=self.nationality,
            organisation_code=self.identifier if self.kind == "organisation" else None,
            representative_id_number=self.representative_id_number)


def account_identity(applicant: dict[str, str | None]) -> AccountIdentity:
    """Accounts exist for citizens, foreigners and organisations; anyone else (a representative, a person
    without an ID number) opens or links one with the card's ID number, as a citizen."""
    def get(key: str) -> str:
        return (applicant.get(key) or "").strip()

    kind = get("applicant_type") or "citizen"
    if kind == "foreigner":
        return AccountIdentity("foreigner", get("passport_number"), get("full_name"), get("date_of_birth"),
                               nationality=get("nationality") or None)
    if kind == "organisation":
        return AccountIdentity("organisation", get("organisation_code"), get("full_name"),
                               representative_id_number=get("representative_id_number") or None)
    return AccountIdentity("citizen", get("id_number"), get("full_name"), get("date_of_birth"))


@dataclass(frozen=True)
class OtpChallenge:
    challenge_id: str
    purpose: str  # "register" or "link"
    phone_masked: str
    expires_at: datetime
    attempts_left: int

    @classmethod
    def from_json(cls, value: Any) -> OtpChallenge:
        obj, what = _obj(value, "otp challenge"), "otp challenge"
        return cls(
            challenge_id=_text(obj, "challenge_id", what),
            purpose=_text(obj, "purpose", what),
            phone_masked=_text(obj, "phone_masked", what),
            expires_at=_datetime(obj, "expires_at", what),
            attempts_left=_get(obj, "attempts_left", int, what),
        )


@dataclass(frozen=True)
class Account:
    account_id: str
    id_number: str
    full_name: str
    level: str  # "portal" or "eid"
    date_of_birth: str | None = None
    phone_masked: str | None = None
    #: "citizen", "foreigner" or "organisation"; `id_number` then holds the passport or organisation code.
    applicant_type: str = "citizen"
    nationality: str | None = None

    @classmethod
    def from_json(cls, value: Any) -> Account:
        obj, what = _obj(value, "account"), "account"
        return cls(
            account_id=_text(obj, "account_id", what),
            id_number=_text(obj, "id_number", what),
            full_name=_text(obj, "full_name", what),
            level=_text(obj, "level", what),
            date_of_birth=_opt_text(obj, "date_of_birth", what),
            phone_masked=_opt_text(obj, "phone_masked", what),
            applicant_type=_opt_text(obj, "applicant_type", what) or "citizen",
            nationality=_opt_text(obj, "nationality", what),
        )


@dataclass(frozen=True)
class CitizenSession:
    """Held in memory for one citizen's visit and wiped with the session; never written anywhere."""

    session_token: str
    expires_at: datetime
    account: Account

    def __repr__(self) -> str:  # keep the token out of logs and tracebacks
        return f"CitizenSession(account={self.account.account_id}, expires_at={self.expires_at.isoformat()})"

    @classmethod
    def from_json(cls, value: Any) -> CitizenSession:
        obj, what = _obj(value, "session"), "session"
        return cls(
            session_token=_get(obj, "session_token", str, what),
            expires_at=_datetime(obj, "expires_at", what),
            account=Account.from_json(obj.get("account")),
        )


@dataclass(frozen=True)
class EidLogin:
    request_id: str
    qr_payload: str  # show as a QR code for the VNeID app
    expires_at: datetime
    poll_interval_s: float

    @classmethod
    def from_json(cls, value: Any) -> EidLogin:
        obj, what = _obj(value, "eid login"), "eid login"
        interval = obj.get("poll_interval_s")
        if isinstance(interval, bool) or not isinstance(interval, int | float) or interval <= 0:
            raise ValueError("eid login.poll_interval_s: expected a positive number")
        return cls(
            request_id=_text(obj, "request_id", what),
            qr_payload=_get(obj, "qr_payload", str, what),
            expires_at=_datetime(obj, "expires_at", what),
            poll_interval_s=float(interval),
        )


@dataclass(frozen=True)
class EidLoginStatus:
    request_id: str
    status: str  # pending, approved, denied, expired
    session: CitizenSession | None

    @classmethod
    def from_json(cls, value: Any) -> EidLoginStatus:
        obj, what = _obj(value, "eid status"), "eid status"
        session = obj.get("session")
        return cls(
            request_id=_text(obj, "request_id", what),
            status=_text(obj, "status", what),
            session=None if session is None else CitizenSession.from_json(session),
        )


# --- fees ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentItem:
    code: str
    name: LocalizedText
    amount_vnd: int


@dataclass(frozen=True)
class PaymentRequest:
    payment_id: str
    dossier_code: str
    amount_vnd: int
    items: tuple[PaymentItem, ...]
    status: str  # not_required, pending, paid
    vietqr: str | None  # check with kiosk.domain.vietqr.parse_payload before showing it
    purpose: str | None
    created_at: datetime
    paid_at: datetime | None

    @classmethod
    def from_json(cls, value: Any) -> PaymentRequest:
        obj, what = _obj(value, "payment"), "payment"
        items = []
        for raw in _list(obj, "items", what):
            item = _obj(raw, "payment.items")
            items.append(
                PaymentItem(
                    code=_text(item, "code", "payment.items"),
                    name=LocalizedText.from_json(item.get("name"), "payment.items.name"),
                    amount_vnd=_get(item, "amount_vnd", int, "payment.items"),
                )
            )
        return cls(
            payment_id=_text(obj, "payment_id", what),
            dossier_code=_text(obj, "dossier_code", what),
            amount_vnd=_get(obj, "amount_vnd", int, what),
            items=tuple(items),
            status=_text(obj, "status", what),
            vietqr=_opt(obj, "vietqr", str, what),
            purpose=_opt(obj, "purpose", str, what),
            created_at=_datetime(obj, "created_at", what),
            paid_at=None if obj.get("paid_at") is None else _datetime(obj, "paid_at", what),
        )


# --- results ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultDocument:
    dossier_code: str
    document_code: str
    name: LocalizedText
    issued_at: datetime
    content_type: str
    sha256: str
    size: int
    by_post: bool
    tracking_number: str | None

    @classmethod
    def from_json(cls, value: Any) -> ResultDocument:
        obj, what = _obj(value, "result"), "result"
        return cls(
            dossier_code=_text(obj, "dossier_code", what),
            document_code=_text(obj, "document_code", what),
            name=LocalizedText.from_json(obj.get("name"), "result.name"),
            issued_at=_datetime(obj, "issued_at", what),
            content_type=_text(obj, "content_type", what),
            sha256=_text(obj, "sha256", what),
            size=_get(obj, "size", int, what),
            by_post=_get(obj, "by_post", bool, what),
            tracking_number=_opt_text(obj, "tracking_number", what),
        )


# --- postal ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """Where a result goes or a dossier is collected: province/commune after the July 2025 reform."""

    recipient_name: str
    phone: str
    street: str
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    postcode: str = ""  # optional: the commune code routes the parcel

    def to_json(self) -> dict[str, str]:
        return {key: nfc(value.strip()) for key, value in asdict(self).items()}

    @classmethod
    def from_json(cls, value: Any) -> Address:
        obj = _obj(value, "address")
        return cls(**{name: _text(obj, name, "address") for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DeliveryRequest:
    address: Address
    service: str = "economy"  # or "express"
    cod_amount_vnd: int = 0  # cash on delivery
    weight_g: int = 200

    def to_json(self) -> dict[str, Any]:
        return {
            "address": self.address.to_json(),
            "service": self.service,
            "cod_amount_vnd": self.cod_amount_vnd,
            "weight_g": self.weight_g,
        }


@dataclass(frozen=True)
class Quote:
    service: str
    service_code: str
    fee_vnd: int
    cod_fee_vnd: int
    total_vnd: int
    expected_days: int

    @classmethod
    def from_json(cls, value: Any) -> Quote:
        obj = _obj(value, "quote")
        return cls(
            service=_text(obj, "service", "quote"),
            service_code=_text(obj, "service_code", "quote"),
            **{
                k: _get(obj, k, int, "quote")
                for k in ("fee_vnd", "cod_fee_vnd", "total_vnd", "expected_days")
            },
        )


@dataclass(frozen=True)
class TrackingEvent:
    at: datetime
    code: str  # accepted, in_transit, out_for_delivery, delivered, returned
    description: LocalizedText
    location: str | None


@dataclass(frozen=True)
class DeliveryOrder:
    order_id: str
    dossier_code: str
    tracking_number: str  # UPU S10; check with kiosk.domain.postal.parse_tracking_number
    quote: Quote
    address: Address
    created_at: datetime
    events: tuple[TrackingEvent, ...]

    @classmethod
    def from_json(cls, value: Any) -> DeliveryOrder:
        obj, what = _obj(value, "delivery"), "delivery"
        events = []
        for raw in _list(obj, "events", what):
            event = _obj(raw, "delivery.events")
            events.append(
                TrackingEvent(
                    at=_datetime(event, "at", "delivery.events"),
                    code=_text(event, "code", "delivery.events"),
                    description=LocalizedText.from_json(event.get("description"), "delivery.events"),
                    location=_opt_text(event, "location", "delivery.events"),
                )
            )
        return cls(
            order_id=_text(obj, "order_id", what),
            dossier_code=_text(obj, "dossier_code", what),
            tracking_number=_text(obj, "tracking_number", what),
            quote=Quote.from_json(obj.get("quote")),
            address=Address.from_json(obj.get("address")),
            created_at=_datetime(obj, "created_at", what),
            events=tuple(events),
        )


@dataclass(frozen=True)
class PickupSlot:
    slot_id: str
    start: datetime
    end: datetime
    available: bool

    @classmethod
    def from_json(cls, value: Any) -> PickupSlot:
        obj, what = _obj(value, "slot"), "slot"
        return cls(
            slot_id=_text(obj, "slot_id", what),
            start=_datetime(obj, "start", what),
            end=_datetime(obj, "end", what),
            available=_get(obj, "available", bool, what),
        )


@dataclass(frozen=True)
class PickupRequest:
    slot_id: str
    address: Address
    procedure_code: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"slot_id": self.slot_id, "address": self.address.to_json()}
        if self.procedure_code:
            body["procedure_code"] = self.procedure_code
        if self.note:
            body["note"] = nfc(self.note)
        return body


@dataclass(frozen=True)
class PickupBooking:
    booking_id: str
    confirmation_code: str
    status: str
    slot: PickupSlot
    address: Address
    created_at: datetime

    @classmethod
    def from_json(cls, value: Any) -> PickupBooking:
        obj, what = _obj(value, "booking"), "booking"
        return cls(
            booking_id=_text(obj, "booking_id", what),
            confirmation_code=_text(obj, "confirmation_code", what),
            status=_text(obj, "status", what),
            slot=PickupSlot.from_json(obj.get("slot")),
            address=Address.from_json(obj.get("address")),
            created_at=_datetime(obj, "created_at", what),
        )
