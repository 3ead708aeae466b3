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

Text is bilingual, Vietnamese first then English, and every string is NFC. The words are notices
(``receipt.*``, ``applicant.kind.*``; kiosk.ui.notice_texts, the one catalogue): `receipt_content` is handed
the catalogue's `say` (kiosk.ui.texts.say) and prints each in both languages; this package imports no Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.domain.applicant import ApplicantKind, identifier_notice, kind_notice, mask_identifier
from kiosk.domain.notice import Notice, Say
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


#: The receipt's labels (``receipt.label.<name>``).
LABELS = ("dossier_code", "procedure", "applicant", "applicant_kind", "on_behalf", "fee", "result", "postage",
          "date", "staff")


def _label(name: str) -> Notice:
    return Notice(f"receipt.label.{name}")


def fee_notice(fee_vnd: int) -> Notice | None:
    """Words for the fee when it is free; None when the amount says it all (`format_vnd`)."""
    return Notice("receipt.free") if fee_vnd == 0 else None


def delivery_notice(delivery: Delivery) -> Notice:
    """How the result comes back; the counter's name, the (masked) address and the slot are data that
    `delivery_text` adds after the words."""
    method = delivery.method
    if method is DeliveryMethod.COUNTER and delivery.counter:
        return Notice("receipt.delivery.counter_at", {"counter": nfc(delivery.counter)})
    return Notice(f"receipt.delivery.{method.value}")


def postage_notice(delivery: Delivery) -> Notice | None:
    """Who pays the postage and when (None: no result by post)."""
    if delivery.method not in (DeliveryMethod.POST, DeliveryMethod.HOME_PICKUP):
        return None
    return Notice("receipt.postage.cash_on_delivery" if delivery.postage_cash_on_delivery
                  else "receipt.postage.with_fee")


#: Every notice a receipt prints (tests/ui/test_notice_texts.py checks each has words in both languages).
NOTICE_CODES = frozenset({
    *(f"receipt.label.{name}" for name in LABELS), "receipt.free", "receipt.postage.at_post_rate",
    "receipt.postage.cash_on_delivery", "receipt.postage.with_fee", "receipt.delivery.counter_at",
    *(f"receipt.delivery.{method.value}" for method in DeliveryMethod),
    "receipt.title", "receipt.reprint", "receipt.reprinted_at", "receipt.status_help", "receipt.keep",
})


class _Both:
    """A notice in both languages, as the paper prints it: ``Vietnamese / English``."""

    def __init__(self, say: Say) -> None:
        self.say = say

    def __call__(self, notice: Notice) -> str:
        return f"{self.say(notice, 'vi')} / {self.say(notice, 'en')}"

    def pair(self, notice: Notice) -> tuple[str, str]:
        return self.say(notice, "vi"), self.say(notice, "en")

    def field(self, name: str, value: str, *, big: bool = False) -> Field:
        return Field(*self.pair(_label(name)), value, big=big)


def fee_text(fee_vnd: int, say: Say) -> str:
    free = fee_notice(fee_vnd)
    return format_vnd(fee_vnd) if free is None else f"{format_vnd(0)} ({_Both(say)(free)})"


def delivery_text(delivery: Delivery, say: Say) -> str:
    words = _Both(say)(delivery_notice(delivery))
    if delivery.method in (DeliveryMethod.ONLINE, DeliveryMethod.COUNTER):
        return words
    assert delivery.address is not None
    address = mask_address(delivery.address)
    if delivery.method is DeliveryMethod.POST:
        return f"{words}: {address}"
    assert delivery.pickup_slot is not None
    start, end = delivery.pickup_slot
    return f"{words}, {start:%H:%M}–{end:%H:%M} {start:%d/%m/%Y}: {address}"


def postage_text(delivery: Delivery, say: Say) -> str | None:
    """Who pays the postage and when, said plainly (None: no result by post)."""
    who = postage_notice(delivery)
    if who is None:
        return None
    both = _Both(say)
    amount = (format_vnd(delivery.postage_vnd) if delivery.postage_vnd
              else both(Notice("receipt.postage.at_post_rate")))
    return f"{amount}, {both(who)}"


def _postage_fields(delivery: Delivery, both: _Both) -> Iterator[Field]:
    postage = postage_text(delivery, both.say)
    if postage is not None:
        yield both.field("postage", postage)


def _applicant_fields(receipt: Receipt, both: _Both) -> Iterator[Field]:
    """Who filed, of which kind, by which identifier: names and numbers masked; an organisation's name is
    public (the business register), so it is printed whole."""
    kind = ApplicantKind.parse(receipt.applicant_kind) or ApplicantKind.CITIZEN
    if not receipt.applicant_name:
        return
    name = receipt.applicant_name
    yield both.field("applicant", nfc(name) if kind is ApplicantKind.ORGANISATION else mask_name(name))
    yield both.field("applicant_kind", both(kind_notice(kind)))
    if receipt.applicant_identifier:
        value = (receipt.applicant_identifier if kind is ApplicantKind.NO_ID
                 else mask_identifier(receipt.applicant_identifier))
        yield Field(*both.pair(identifier_notice(kind)), value)
    if kind is ApplicantKind.REPRESENTATIVE and receipt.on_behalf_name:
        yield both.field("on_behalf", mask_name(receipt.on_behalf_name))


def receipt_content(receipt: Receipt, say: Say) -> ReceiptContent:
    """The receipt in words, both languages; `say` is the catalogue's (kiosk.ui.texts.say)."""
    both = _Both(say)
    fields: list[Field] = [
        both.field("dossier_code", receipt.dossier_code, big=True),
        both.field("procedure", f"{nfc(receipt.procedure_name)} ({receipt.procedure_code})"),
        *_applicant_fields(receipt, both),  # a reprint does not know the applicant any more
        both.field("fee", fee_text(receipt.fee_vnd, say)),
        both.field("result", delivery_text(receipt.delivery, say)),
        *_postage_fields(receipt.delivery, both),
        both.field("date", format_datetime(receipt.issued_at)),
    ]
    if receipt.staff:
        fields.append(both.field("staff", nfc(receipt.staff)))
    portal = receipt.portal_url.removeprefix("https://").removeprefix("http://").rstrip("/")
    status_help = both.pair(Notice("receipt.status_help", {"portal": portal}))
    footer: tuple[str, ...] = (both(Notice("receipt.keep")),)
    if receipt.reprint:
        reprinted = both.pair(Notice("receipt.reprinted_at", {"when": format_datetime(receipt.issued_at)}))
        footer = (" / ".join(reprinted), *footer)
    title_vi, title_en = both.pair(Notice("receipt.title"))
    if receipt.reprint:
        reprint_vi, reprint_en = both.pair(Notice("receipt.reprint"))
        title_vi, title_en = f"{title_vi} — {reprint_vi}", f"{title_en} — {reprint_en}"
    return ReceiptContent(
        title_vi=title_vi,
        title_en=title_en,
        fields=tuple(fields),
        status_help=status_help,
        footer=footer,
    )
