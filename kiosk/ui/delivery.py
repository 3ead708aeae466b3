"""The view-model behind "how do you want to receive the result?": online, at the counter, by post to an
address chosen from lists (province → commune after the July 2025 reform, then only the house number and
street are typed), or a home pickup booked in a slot (the postman collects the paper dossier).

QML binds to `delivery`. Quotes and slots come from the portal in the background; the choice goes into
the dossier (the worker orders the delivery when the result is ready).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.admin_units import AdminUnits, load_admin_units
from kiosk.domain.dossier import (
    DeliveryChoice,
    DeliveryMethod,
    PostageFeePayment,
    PostalAddress,
    PostalService,
)
from kiosk.portal.interface import PortalAPI
from kiosk.portal.service_models import Address, DeliveryRequest, PickupSlot, Quote
from kiosk.ui.clock import in_vn
from kiosk.ui.list_models import DictListModel
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import QT_TRANSLATE_NOOP, money, pick

log = logging.getLogger(__name__)

METHODS = ("online", "counter", "post", "pickup")
PHONE = re.compile(r"0[35789]\d{8}")
COMMUNES_SHOWN = 60  # a list a finger can scroll; typing two letters narrows it

TEXTS: dict[str, str] = {
    "choose": QT_TRANSLATE_NOOP("Texts", "Hãy chọn cách nhận kết quả."),
    "recipient": QT_TRANSLATE_NOOP("Texts", "Thiếu tên người nhận."),
    "phone": QT_TRANSLATE_NOOP("Texts", "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 "
                                        "hoặc 09."),
    "province": QT_TRANSLATE_NOOP("Texts", "Hãy chọn tỉnh/thành phố."),
    "commune": QT_TRANSLATE_NOOP("Texts", "Hãy chọn xã/phường."),
    "street": QT_TRANSLATE_NOOP("Texts", "Hãy nhập số nhà, tên đường hoặc thôn/xóm."),
    "slot": QT_TRANSLATE_NOOP("Texts", "Hãy chọn giờ nhân viên bưu điện đến nhận hồ sơ."),
    "quote_failed": QT_TRANSLATE_NOOP("Texts", "Chưa lấy được cước phí; sẽ báo khi gửi hồ sơ."),
    "slots_failed": QT_TRANSLATE_NOOP("Texts", "Chưa lấy được lịch hẹn. Thử lại hoặc chọn cách khác."),
}


def address_line(delivery: dict[str, Any]) -> str:
    """The chosen address as one line (house/street, commune, province), "" when there is none."""
    address = delivery.get("address") or {}
    return ", ".join(str(x) for x in (address.get("street"), address.get("commune_name"),
                                      address.get("province_name")) if x)


@cache
def admin_units() -> AdminUnits:
    return load_admin_units()


class DeliveryViewModel(QObject):
    changed = Signal()

    def __init__(self, *, tasks: TaskRunner, portal: PortalAPI, language: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._portal = portal
        self._lang = language
        self._post_allowed = True
        self._pickup_allowed = False
        self._postage_payment = PostageFeePayment.VIETQR.value
        self._values: dict[str, str] = {}
        self._method = ""
        self._service = "economy"
        self._quote: Quote | None = None
        self._quote_note = ""
        self._slots: list[PickupSlot] = []
        self._slot_id = ""
        self._slots_note = ""
        self._commune_query = ""
        self._generation = 0
        self.provinces = DictListModel(("code", "name"), self)
        self.communes = DictListModel(("code", "name"), self)
        self.slots = DictListModel(("slotId", "label", "available"), self)

    # ------------------------------------------------------------------ life cycle
    def begin(self, *, post_allowed: bool, recipient: str, previous: dict[str, Any],
              pickup_allowed: bool = False) -> None:
        """`post_allowed`: the procedure returns results by post; `pickup_allowed`: it also takes the paper
        dossier by post (`postal_submission_allowed`), so a postman can collect it at home."""
        self._post_allowed = post_allowed
        self._pickup_allowed = post_allowed and pickup_allowed
        self._postage_payment = str(previous.get("fee_payment") or PostageFeePayment.VIETQR.value)
        self._values = {"recipient": recipient, "phone": "", "street": "", "province": "", "commune": ""}
        self._values.update({k: str(v) for k, v in previous.items() if k in self._values and v})
        self._method = str(previous.get("method", ""))
        self._service = str(previous.get("service", "economy"))
        self._slot_id = str(previous.get("slot_id", ""))
        self._commune_query = ""
        units = admin_units()
        self.provinces.set_rows([{"code": p.code, "name": p.name} for p in units.provinces])
        self._refresh_communes()
        if self._method == "pickup":
            self._load_slots()
        self.changed.emit()

    def clear(self) -> None:
        self._generation += 1
        self._values = {}
        self._method = ""
        self._quote = None
        self._quote_note = self._slots_note = ""
        self._slots = []
        self._slot_id = ""
        self._commune_query = ""
        for model in (self.communes, self.slots):
            model.set_rows([])
        self.changed.emit()

    # ------------------------------------------------------------------ properties
    def _get(self, key: str) -> str:
        return self._values.get(key, "")

    def _get_method(self) -> str:
        return self._method

    def _get_post_allowed(self) -> bool:
        return self._post_allowed

    def _get_pickup_allowed(self) -> bool:
        return self._pickup_allowed

    def _get_postage_payment(self) -> str:
        return self._postage_payment

    def _get_recipient(self) -> str:
        return self._get("recipient")

    def _get_phone(self) -> str:
        return self._get("phone")

    def _get_street(self) -> str:
        return self._get("street")

    def _get_province_code(self) -> str:
        return self._get("province")

    def _get_province_name(self) -> str:
        code = self._get("province")
        return admin_units().province(code).name if code else ""

    def _get_commune_code(self) -> str:
        return self._get("commune")

    def _get_commune_name(self) -> str:
        code = self._get("commune")
        return admin_units().commune(code).name if code else ""

    def _get_service(self) -> str:
        return self._service

    def _get_quote_text(self) -> str:
        if self._quote is None:
            return self._quote_note
        lang = self._lang()
        days = self._quote.expected_days
        when = pick(QT_TRANSLATE_NOOP("Texts", "khoảng 1 ngày") if days == 1
                    else QT_TRANSLATE_NOOP("Texts", "khoảng {days} ngày"), lang).format(days=days)
        return f"{money(self._quote.total_vnd, lang)} · {when}"

    def _get_slot_id(self) -> str:
        return self._slot_id

    def _get_slots_note(self) -> str:
        return self._slots_note

    def _get_problem(self) -> str:
        return self.problem()

    method = Property(str, _get_method, notify=changed)
    postAllowed = Property(bool, _get_post_allowed, notify=changed)
    pickupAllowed = Property(bool, _get_pickup_allowed, notify=changed)
    #: "vietqr" (postage paid with the fee at the kiosk) or "cash_on_delivery" (to the postman).
    postagePayment = Property(str, _get_postage_payment, notify=changed)
    recipient = Property(str, _get_recipient, notify=changed)
    phone = Property(str, _get_phone, notify=changed)
    street = Property(str, _get_street, notify=changed)
    provinceCode = Property(str, _get_province_code, notify=changed)
    provinceName = Property(str, _get_province_name, notify=changed)
    communeCode = Property(str, _get_commune_code, notify=changed)
    communeName = Property(str, _get_commune_name, notify=changed)
    service = Property(str, _get_service, notify=changed)
    quoteText = Property(str, _get_quote_text, notify=changed)
    slotId = Property(str, _get_slot_id, notify=changed)
    slotsNote = Property(str, _get_slots_note, notify=changed)
    problemText = Property(str, _get_problem, notify=changed)

    def _provinces(self) -> QObject:
        return self.provinces

    def _communes(self) -> QObject:
        return self.communes

    def _slots_model(self) -> QObject:
        return self.slots

    provinceModel = Property(QObject, _provinces, constant=True)
    communeModel = Property(QObject, _communes, constant=True)
    slotModel = Property(QObject, _slots_model, constant=True)

    # ------------------------------------------------------------------ slots
    @Slot(str)
    def chooseMethod(self, method: str) -> None:
        if method not in METHODS or (method in ("post", "pickup") and not self._post_allowed):
            return
        if method == "pickup" and not self._pickup_allowed:
            return
        self._method = method
        if method == "pickup" and not self._slots:
            self._load_slots()
        self._requote()
        self.changed.emit()

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        if name in ("recipient", "phone", "street"):
            self._values[name] = value.strip() if name == "phone" else value
            self._requote()
            self.changed.emit()

    @Slot(str)
    def chooseProvince(self, code: str) -> None:
        if code != self._get("province"):
            self._values["province"] = code
            self._values["commune"] = ""
            self._commune_query = ""
            self._refresh_communes()
            self._requote()
            self.changed.emit()

    @Slot(str)
    def searchCommunes(self, query: str) -> None:
        self._commune_query = query
        self._refresh_communes()

    @Slot(str)
    def chooseCommune(self, code: str) -> None:
        self._values["commune"] = code
        self._requote()
        self.changed.emit()

    @Slot(str)
    def chooseService(self, service: str) -> None:
        if service in ("economy", "express"):
            self._service = service
            self._requote()
            self.changed.emit()

    @Slot(str)
    def choosePostagePayment(self, payment: str) -> None:
        if payment in (PostageFeePayment.VIETQR.value, PostageFeePayment.CASH_ON_DELIVERY.value):
            self._postage_payment = payment
            self.changed.emit()

    @Slot(str)
    def chooseSlot(self, slot_id: str) -> None:
        self._slot_id = slot_id
        self.changed.emit()

    @Slot()
    def reloadSlots(self) -> None:
        self._load_slots()

    # ------------------------------------------------------------------ the choice
    def problem(self) -> str:
        lang = self._lang()
        if self._method not in METHODS:
            return pick(TEXTS["choose"], lang)
        if self._method in ("online", "counter"):
            return ""
        for key in ("recipient", "phone", "province", "commune", "street"):
            value = self._get(key)
            if not value.strip() or (key == "phone" and not PHONE.fullmatch(value)):
                return pick(TEXTS[key], lang)
        if self._method == "pickup" and not self._slot_id:
            return pick(TEXTS["slot"], lang)
        return ""

    def address(self) -> Address | None:
        try:
            province = admin_units().province(self._get("province"))
            commune = admin_units().commune(self._get("commune"))
        except KeyError:
            return None
        return Address(recipient_name=self._get("recipient").strip(), phone=self._get("phone"),
                       street=self._get("street").strip(), commune_code=commune.code,
                       commune_name=commune.name, province_code=province.code, province_name=province.name)

    def typed_choice(self) -> DeliveryChoice:
        """The choice as the dossier carries it (kiosk.domain.dossier); raises ValueError if incomplete."""
        method = DeliveryMethod(self._method)
        if not method.by_post:
            return DeliveryChoice(method)
        address = self.address()
        slot = next((s for s in self._slots if s.slot_id == self._slot_id), None)
        fee = self._quote.total_vnd if self._quote is not None else 0
        return DeliveryChoice(
            method=method,
            address=None if address is None else PostalAddress.from_json(address.to_json()),
            service=PostalService(self._service),
            postal_fee_vnd=fee,
            # Paid with the fee by VietQR when the postage is known now; otherwise the postman collects it.
            fee_payment=(PostageFeePayment(self._postage_payment) if fee
                         else PostageFeePayment.CASH_ON_DELIVERY),
            pickup_slot_id=self._slot_id or None if method is DeliveryMethod.PICKUP else None,
            pickup_slot=(f"{slot.start.isoformat()}/{slot.end.isoformat()}"
                         if slot is not None and method is DeliveryMethod.PICKUP else None),
        )

    def choice(self) -> dict[str, Any]:
        """What goes into the flow's session: the typed choice's JSON (personal data: it is sealed in the
        outbox with the rest), plus the raw fields so the screen can be reopened as it was left."""
        out = self.typed_choice().to_json()
        if self._method in ("post", "pickup"):
            out.update(recipient=self._get("recipient"), phone=self._get("phone"), street=self._get("street"),
                       province=self._get("province"), commune=self._get("commune"))
        return out

    # ------------------------------------------------------------------ background
    def _refresh_communes(self) -> None:
        code = self._get("province")
        if not code:
            self.communes.set_rows([])
            return
        found = admin_units().search_communes(self._commune_query, code, limit=COMMUNES_SHOWN) \
            if self._commune_query.strip() else list(admin_units().communes(code))[:COMMUNES_SHOWN]
        self.communes.set_rows([{"code": c.code, "name": c.name} for c in found])

    def _requote(self) -> None:
        self._quote = None
        self._quote_note = ""
        if self._method != "post" or self.problem():
            return
        address = self.address()
        if address is None:
            return
        request = DeliveryRequest(address=address, service=self._service)
        generation = self._generation
        portal = self._portal

        def done(quote: Quote) -> None:
            if generation == self._generation and self._method == "post":
                self._quote = quote
                self.changed.emit()

        def failed(error: Exception) -> None:
            log.warning("postal quote failed: %s", type(error).__name__)
            if generation == self._generation:
                self._quote_note = pick(TEXTS["quote_failed"], self._lang())
                self.changed.emit()

        self._tasks.run(lambda: portal.quote_delivery(request), done, failed)

    def _load_slots(self) -> None:
        generation = self._generation
        portal = self._portal

        def done(slots: list[PickupSlot]) -> None:
            if generation != self._generation:
                return
            self._slots = slots
            self._slots_note = ""
            lang = self._lang()
            self.slots.set_rows([{
                "slotId": s.slot_id, "available": s.available,
                "label": _slot_label(s, lang),
            } for s in slots])
            self.changed.emit()

        def failed(error: Exception) -> None:
            log.warning("pickup slots failed: %s", type(error).__name__)
            if generation == self._generation:
                self._slots_note = pick(TEXTS["slots_failed"], self._lang())
                self.changed.emit()

        self._tasks.run(portal.pickup_slots, done, failed)


_WEEKDAYS = (QT_TRANSLATE_NOOP("Texts", "Thứ Hai"), QT_TRANSLATE_NOOP("Texts", "Thứ Ba"),
             QT_TRANSLATE_NOOP("Texts", "Thứ Tư"), QT_TRANSLATE_NOOP("Texts", "Thứ Năm"),
             QT_TRANSLATE_NOOP("Texts", "Thứ Sáu"), QT_TRANSLATE_NOOP("Texts", "Thứ Bảy"),
             QT_TRANSLATE_NOOP("Texts", "Chủ nhật"))


def _slot_label(slot: PickupSlot, lang: str) -> str:
    start, end = in_vn(slot.start), in_vn(slot.end)  # Vietnam time, whatever the machine's timezone
    day = pick(_WEEKDAYS[start.weekday()], lang)
    return f"{day} {start:%d/%m}, {start:%H:%M}–{end:%H:%M}"
