"""What a receipt says, independent of how it is printed.

A receipt is the citizen's proof that the kiosk took their dossier, so it carries what they need later
(the dossier code, what they applied for, what they paid, how the result comes back, how to follow it)
and as little personal data as possible: it is paper, it may be left on the kiosk or in a bin.

Name masking: every word of the applicant's name except the last becomes ``***``, so
``Nguyễn Văn An`` prints as ``*** *** An``. The last word is the given name (tên), the word Vietnamese
speakers address people by: it is enough for a citizen (or a clerk handing out a stack of receipts) to
tell whose receipt it is, while the family name and middle names, which together with the given name
identify a person, stay off the paper. Each masked word is the same ``***`` whatever its length so the
mask does not leak the length of the hidden words. A one-word name is shown as is (it is the given name).

Address masking (result by post, home pickup): only the last two comma-separated parts, the commune/ward
and the province, are kept (``***, Phường Nghĩa Đô, Hà Nội``): enough to check the parcel goes to the
right place, not enough to find the door.

Applicant: the kind (citizen, foreigner, organisation, person without an ID number, representative) and
its identifier, masked to its last three characters (``***345``), as the name is; a year of birth stands
as it is. A representative's receipt also names, masked, the person filed for.

Text is bilingual, Vietnamese first then English, and every string is NFC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.domain.applicant import KIND_LABELS, ApplicantKind, identifier_label, mask_identifier
from kiosk.domain.text import nfc

DEFAULT_PORTAL_URL = "https://dichvucong.gov.vn"
NAME_MASK = "***"


class DeliveryMethod(StrEnum):
    """How the result comes back to the citizen (DOMAIN.md §6)."""

    ONLINE = "online"  # electronic result in the portal account
    COUNTER = "counter"  # collected at the counter (Bộ phận Một cửa)
    POST = "post"  # delivered home by the postal service (BCCI)
    HOME_PICKUP = "home_pickup"  # the postal service collects the papers at home, in a time slot


@dataclass(frozen=True)
class Delivery:
    method: DeliveryMethod
    #: Full address for POST / HOME_PICKUP; only its masked form is ever printed.
    address: str | None = None
    #: Start and end of the pickup slot for HOME_PICKUP.
    pickup_slot: tuple[datetime, datetime] | None = None
    #: Where to collect the result for COUNTER, e.g. "Bộ phận Một cửa phường Nghĩa Đô".
    counter: str | None = None
    #: The postage for POST / HOME_PICKUP (0: not quoted), and whether the postman collects it (cash on
    #: delivery) rather than it being paid at the kiosk with the fee.
    postage_vnd: int = 0
    postage_cash_on_delivery: bool = False

    def __post_init__(self) -> None:
        needs_address = self.method in (DeliveryMethod.POST, DeliveryMethod.HOME_PICKUP)
        if needs_address and not (self.address or "").strip():
            raise ValueError(f"delivery {self.method.value} needs an address")
        if self.method is DeliveryMethod.HOME_PICKUP:
            if self.pickup_slot is None:
                raise ValueError("home pickup needs a time slot")
            if self.pickup_slot[1] <= self.pickup_slot[0]:
                raise ValueError("the pickup slot must end after it starts")


@dataclass(frozen=True)
class Receipt:
    dossier_code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str  # full name; printed masked (see module docstring)
    fee_vnd: int
    delivery: Delivery
    kiosk_id: str
    issued_at: datetime
    portal_url: str = DEFAULT_PORTAL_URL
    #: The clerk who assisted, "Name (staff id)"; None when the citizen used the kiosk alone.
    staff: str | None = None
    #: Printed again later (from the check screen): marked "BẢN IN LẠI" so two papers never pass for two
    #: dossiers.
    reprint: bool = False
    #: The applicant's kind (kiosk.domain.applicant.ApplicantKind value) and identifier: the ID number,
    #: passport number, organisation code (printed masked), or a year of birth for a person without one.
    applicant_kind: str = "citizen"
    applicant_identifier: str = ""
    #: Filing for someone else: the represented person's name (printed masked).
    on_behalf_name: str = ""

    def __post_init__(self) -> None:
        if not self.dossier_code.strip():
            raise ValueError("a receipt needs a dossier code")
        if self.fee_vnd < 0:
            raise ValueError(f"fee cannot be negative, got {self.fee_vnd}")


def mask_name(full_name: str) -> str:
    """``Nguyễn Văn An`` → ``*** *** An`` (see the module docstring for why)."""
    words = nfc(full_name).split()
    if len(words) <= 1:
        return " ".join(words)
    return " ".join([NAME_MASK] * (len(words) - 1) + [words[-1]])


def mask_address(address: str) -> str:
    """Keep the commune/ward and the province: ``Số 12 ngõ 34, Phường Nghĩa Đô, Hà Nội`` →
    ``***, Phường Nghĩa Đô, Hà Nội``."""
    parts = [p.strip() for p in nfc(address).split(",") if p.strip()]
    if len(parts) <= 2:
        return NAME_MASK
    return ", ".join([NAME_MASK, *parts[-2:]])


def format_vnd(amount: int) -> str:
    """Vietnamese money format: dots between thousands, the đồng sign after a space: ``30.000 ₫``."""
    if amount < 0:
        return "-" + format_vnd(-amount)
    return f"{amount:,}".replace(",", ".") + " ₫"


def format_datetime(moment: datetime) -> str:
    """``02/12/2025 14:05``: day first, as Vietnamese forms write dates."""
    return f"{moment:%d/%m/%Y %H:%M}"


@dataclass(frozen=True)
class Field:
    """One labelled value; `big` asks the renderer for emphasis (the dossier code)."""

    label_vi: str
    label_en: str
    value: str
    big: bool = False


@dataclass(frozen=True)
class ReceiptContent:
    """The receipt as text, in print order; both renderers lay out exactly this."""

    title_vi: str
    title_en: str
    fields: Sequence[Field]
    #: Lines under the codes: how to follow the dossier.
    status_help: Sequence[str] = field(default_factory=tuple)
    footer: Sequence[str] = field(default_factory=tuple)


def fee_text(fee_vnd: int) -> str:
    return "0 ₫ (miễn phí / free)" if fee_vnd == 0 else format_vnd(fee_vnd)


def delivery_text(delivery: Delivery) -> str:
    method = delivery.method
    if method is DeliveryMethod.ONLINE:
        return "Trực tuyến, trong tài khoản Cổng Dịch vụ công / Online, in your portal account"
    if method is DeliveryMethod.COUNTER:
        where = f": {nfc(delivery.counter)}" if delivery.counter else ""
        return f"Tại quầy{where} / At the counter"
    assert delivery.address is not None
    address = mask_address(delivery.address)
    if method is DeliveryMethod.POST:
        return f"Bưu điện chuyển phát tận nhà / By post: {address}"
    assert delivery.pickup_slot is not None
    start, end = delivery.pickup_slot
    slot = f"{start:%H:%M}–{end:%H:%M} {start:%d/%m/%Y}"
    return f"Bưu điện đến nhận hồ sơ tại nhà / Home pickup, {slot}: {address}"


def postage_text(delivery: Delivery) -> str | None:
    """Who pays the postage and when, said plainly (None: no result by post)."""
    if delivery.method not in (DeliveryMethod.POST, DeliveryMethod.HOME_PICKUP):
        return None
    amount = (format_vnd(delivery.postage_vnd) if delivery.postage_vnd
              else "theo giá bưu điện / at the post's rate")
    if delivery.postage_cash_on_delivery:
        return f"{amount}, trả bưu tá khi nhận (COD) / paid to the postman on delivery"
    return f"{amount}, đã nộp cùng lệ phí (VietQR) / paid with the fee (VietQR)"


def postage_fields(delivery: Delivery) -> list[Field]:
    postage = postage_text(delivery)
    return [] if postage is None else [Field("Cước chuyển phát", "Postage", postage)]


def applicant_fields(receipt: Receipt) -> list[Field]:
    """Who filed, of which kind, by which identifier: names and numbers masked; an organisation's name is
    public (the business register), so it is printed whole."""
    kind = ApplicantKind.parse(receipt.applicant_kind) or ApplicantKind.CITIZEN
    if not receipt.applicant_name:
        return []
    vi, en = KIND_LABELS[kind]
    name = receipt.applicant_name
    name = nfc(name) if kind is ApplicantKind.ORGANISATION else mask_name(name)
    fields = [Field("Người nộp", "Applicant", name),
              Field("Loại người nộp", "Applicant type", f"{vi} / {en}")]
    if receipt.applicant_identifier:
        label_vi, label_en = identifier_label(kind)
        value = (receipt.applicant_identifier if kind is ApplicantKind.NO_ID
                 else mask_identifier(receipt.applicant_identifier))
        fields.append(Field(label_vi, label_en, value))
    if kind is ApplicantKind.REPRESENTATIVE and receipt.on_behalf_name:
        fields.append(Field("Nộp thay cho", "Filed for", mask_name(receipt.on_behalf_name)))
    return fields


def receipt_content(receipt: Receipt) -> ReceiptContent:
    fields: list[Field] = [
        Field("Mã hồ sơ", "Dossier code", receipt.dossier_code, big=True),
        Field("Thủ tục", "Procedure", f"{nfc(receipt.procedure_name)} ({receipt.procedure_code})"),
        *applicant_fields(receipt),  # a reprint does not know the applicant any more
        Field("Lệ phí", "Fee", fee_text(receipt.fee_vnd)),
        Field("Nhận kết quả", "Result", delivery_text(receipt.delivery)),
        *postage_fields(receipt.delivery),
        Field("Thời gian", "Date", format_datetime(receipt.issued_at)),
    ]
    if receipt.staff:
        fields.append(Field("Nhân viên hỗ trợ", "Assisted by", nfc(receipt.staff)))
    portal = receipt.portal_url.removeprefix("https://").removeprefix("http://").rstrip("/")
    status_help = (
        f"Tra cứu hồ sơ: quét mã QR này tại bất kỳ kiosk nào, hoặc nhập mã hồ sơ tại {portal}.",
        f"Check status: scan this QR at any kiosk, or enter the dossier code at {portal}.",
    )
    footer: tuple[str, ...] = (
        "Giữ phiếu này đến khi nhận kết quả. / Keep this receipt until you get the result.",)
    if receipt.reprint:
        footer = (f"BẢN IN LẠI lúc {format_datetime(receipt.issued_at)} / Reprinted", *footer)
    return ReceiptContent(
        title_vi="PHIẾU TIẾP NHẬN HỒ SƠ" + (" — BẢN IN LẠI" if receipt.reprint else ""),
        title_en="Dossier receipt" + (" — reprint" if receipt.reprint else ""),
        fields=tuple(fields),
        status_help=status_help,
        footer=footer,
    )
