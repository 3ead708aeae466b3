"""The dossier as the kiosk knows it between "review" and the portal: one typed value, made by the review
screen, the command line or a bench, sealed into the outbox, read back by the sender, the delivery
orders and the receipt. No other module knows the shape of the sealed payload.

Pure Python (no I/O): the citizen's portal session is carried as a reference that is never serialised,
so it can never reach the disk with the rest of the dossier.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.domain.admin_units import AdminUnits
from kiosk.domain.applicant import Applicant

#: The payload's shape version: a sealed dossier written by an older kiosk still reads.
PAYLOAD_VERSION = 2


class DeliveryMethod(StrEnum):
    """How the citizen receives the result."""

    ONLINE = "online"  # electronically, on the portal account
    COUNTER = "counter"  # at the office's counter
    POST = "post"  # by post (BCCI) to an address
    PICKUP = "pickup"  # a postman collects the paper dossier at home; the result comes back by post

    @property
    def by_post(self) -> bool:
        return self in (DeliveryMethod.POST, DeliveryMethod.PICKUP)


class PostageFeePayment(StrEnum):
    """Who collects the postage for a result by post, and when (printed on the receipt)."""

    NONE = "none"  # no postage (online, counter)
    VIETQR = "vietqr"  # paid at the kiosk with the fee, in the same VietQR transfer
    CASH_ON_DELIVERY = "cash_on_delivery"  # paid to the postman when the result arrives


class PostalService(StrEnum):
    ECONOMY = "economy"
    EXPRESS = "express"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@dataclass(frozen=True)
class PostalAddress:
    """Where the result goes (and the paper is collected): province/commune after the July 2025 reform."""

    recipient_name: str
    phone: str
    street: str
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    postcode: str = ""

    def __post_init__(self) -> None:
        for name in ("recipient_name", "phone", "street", "commune_code", "province_code"):
            if not getattr(self, name).strip():
                raise ValueError(f"postal address: {name} is empty")

    def line(self) -> str:
        """House/street, commune, province: the one line shown on the review and the receipt."""
        return ", ".join(x for x in (self.street, self.commune_name, self.province_name) if x)

    def to_json(self) -> dict[str, str]:
        return {name: _nfc(str(getattr(self, name))) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> PostalAddress:
        return cls(**{name: str(value.get(name) or "") for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DeliveryChoice:
    """The citizen's delivery choice, checked when made: post and pickup need an address, pickup a slot."""

    method: DeliveryMethod = DeliveryMethod.ONLINE
    address: PostalAddress | None = None
    service: PostalService = PostalService.ECONOMY
    #: The quoted postage (đồng) and who pays it when.
    postal_fee_vnd: int = 0
    fee_payment: PostageFeePayment = PostageFeePayment.NONE
    #: The home pickup's slot (portal id) and its time as shown ("start/end" ISO), for pickup only.
    pickup_slot_id: str | None = None
    pickup_slot: str | None = None

    def __post_init__(self) -> None:
        if self.method.by_post and self.address is None:
            raise ValueError(f"delivery {self.method.value} needs an address")
        if self.method is DeliveryMethod.PICKUP and not self.pickup_slot_id:
            raise ValueError("a home pickup needs a slot")
        no_postage = self.postal_fee_vnd == 0 and self.fee_payment is PostageFeePayment.NONE
        if not self.method.by_post and not no_postage:
            raise ValueError(f"delivery {self.method.value} has no postage")
        if self.postal_fee_vnd < 0:
            raise ValueError("postage cannot be negative")

    @property
    def by_post(self) -> bool:
        return self.method.by_post

    @property
    def postage_due_at_kiosk(self) -> int:
        """Postage paid with the fee (VietQR) now; 0 when cash on delivery or no postage."""
        return self.postal_fee_vnd if self.fee_payment is PostageFeePayment.VIETQR else 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"method": self.method.value}
        if self.address is not None:
            out["address"] = self.address.to_json()
        if self.by_post:
            out.update(service=self.service.value, postal_fee_vnd=self.postal_fee_vnd,
                       fee_payment=self.fee_payment.value)
        if self.pickup_slot_id:
            out["pickup_slot_id"] = self.pickup_slot_id
        if self.pickup_slot:
            out["pickup_slot"] = self.pickup_slot
        return out

    @classmethod
    def from_json(cls, value: Mapping[str, Any] | None) -> DeliveryChoice:
        """Also reads the older payload shape (`slot_id`, `slot`, `quote_vnd`)."""
        value = value or {}
        method = DeliveryMethod(str(value.get("method") or DeliveryMethod.ONLINE.value))
        address = value.get("address")
        fee = int(value.get("postal_fee_vnd", value.get("quote_vnd")) or 0) if method.by_post else 0
        default_payment = PostageFeePayment.CASH_ON_DELIVERY if method.by_post else PostageFeePayment.NONE
        return cls(
            method=method,
            address=PostalAddress.from_json(address) if isinstance(address, Mapping) else None,
            service=PostalService(str(value.get("service") or PostalService.ECONOMY.value)),
            postal_fee_vnd=fee,
            fee_payment=PostageFeePayment(str(value.get("fee_payment") or default_payment.value)),
            pickup_slot_id=(value.get("pickup_slot_id") or value.get("slot_id") or None),
            pickup_slot=(value.get("pickup_slot") or value.get("slot") or None),
        )


@dataclass(frozen=True)
class PortalSessionRef:
    """The citizen's portal session (after VNeID or account login), so the dossier is filed under their
    account. Memory only: it is not part of the payload and its token never shows in a repr or a log."""

    token: str = field(repr=False)
    account_id: str = ""


@dataclass(frozen=True)
class DossierDocument:
    """One document (a PDF the kiosk built from the pages, or a file given on the command line)."""

    type_code: str
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Dossier:
    """One citizen's dossier, complete: what the kiosk seals into the outbox and sends as one unit."""

    procedure_code: str
    applicant: Mapping[str, str | None]
    answers: Mapping[str, Any]
    documents: tuple[DossierDocument, ...] = ()
    delivery: DeliveryChoice = field(default_factory=DeliveryChoice)
    #: The procedure's fee (đồng) as quoted by the catalogue; postage is in `delivery`.
    fee_vnd: int = 0
    #: The clerk's staff id in assisted mode.
    assisted_by: str | None = None
    #: The citizen's portal session, if they logged in (never sealed, never on disk).
    portal_session: PortalSessionRef | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.procedure_code.strip():
            raise ValueError("a dossier needs a procedure code")
        if self.fee_vnd < 0:
            raise ValueError("the fee cannot be negative")

    @property
    def applicant_record(self) -> Applicant:
        """The applicant as a typed value (its kind, identifier and the owner of the papers); ValueError
        for an unknown applicant type."""
        return Applicant.from_json(self.applicant)

    @property
    def owner_id_number(self) -> str:
        """The personal ID number of the papers' owner: the represented person's when filing for someone
        else; empty for a foreigner, an organisation or a person without one."""
        try:
            return self.applicant_record.owner().id_number
        except ValueError:
            return ""

    @property
    def due_at_kiosk_vnd(self) -> int:
        """What the citizen pays by VietQR at the kiosk: the fee plus, if chosen so, the postage."""
        return self.fee_vnd + self.delivery.postage_due_at_kiosk

    def payload(self) -> dict[str, Any]:
        """What is sealed in the outbox (the documents are sealed beside it; the session never is)."""
        return {
            "version": PAYLOAD_VERSION,
            "applicant": dict(self.applicant),
            "answers": dict(self.answers),
            "delivery": self.delivery.to_json(),
            "fee_vnd": self.fee_vnd,
        }

    @staticmethod
    def delivery_in(payload: Mapping[str, Any]) -> DeliveryChoice:
        """Only the delivery choice of a sealed payload (the delivery orders need nothing else)."""
        return DeliveryChoice.from_json(payload.get("delivery"))

    @classmethod
    def from_payload(
        cls,
        procedure_code: str,
        payload: Mapping[str, Any],
        *,
        assisted_by: str | None = None,
        documents: tuple[DossierDocument, ...] = (),
    ) -> Dossier:
        applicant = payload.get("applicant") or {}
        answers = payload.get("answers") or {}
        if not isinstance(applicant, Mapping) or not isinstance(answers, Mapping):
            raise ValueError("sealed dossier: applicant and answers must be objects")
        return cls(
            procedure_code=procedure_code,
            applicant={str(k): (None if v is None else str(v)) for k, v in applicant.items()},
            answers=dict(answers),
            documents=documents,
            delivery=DeliveryChoice.from_json(payload.get("delivery")),
            fee_vnd=int(payload.get("fee_vnd") or 0),
            assisted_by=assisted_by,
        )


def address_from_text(
    text: str, *, recipient_name: str, phone: str, units: AdminUnits
) -> PostalAddress | None:
    """The applicant's one-line address ("Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội") as a postal address: the
    last part names the province, the part before it the commune (post-2025 units), the rest is the
    street. None when the province or the commune cannot be told for sure (then an address must be given).
    """
    parts = [part.strip() for part in _nfc(text).split(",") if part.strip()]
    if len(parts) < 3:
        return None
    provinces = units.search_provinces(parts[-1])
    if not provinces:
        return None
    province = provinces[0]
    communes = units.search_communes(parts[-2], province.code)
    if not communes:
        return None
    commune = communes[0]
    return PostalAddress(recipient_name=recipient_name, phone=phone, street=", ".join(parts[:-2]),
                         commune_code=commune.code, commune_name=commune.name, province_code=province.code,
                         province_name=province.name)
