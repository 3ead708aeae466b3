"""The view-model behind the fee screen: the portal computes the amount for the submitted dossier and
returns a VietQR payment request; the kiosk shows the QR (checked against the NAPAS format first),
polls until the portal says "paid", and always offers a way out ("pay later at the counter").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.domain.vietqr import parse_payload
from kiosk.portal.interface import PortalAPI
from kiosk.portal.service_models import PaymentRequest
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import QT_TRANSLATE_NOOP, money, pick

log = logging.getLogger(__name__)

POLL_MS = 2000  # between "was it paid?" questions (`[ui] payment_poll_s`)

TEXTS: dict[str, str] = {
    "loading": QT_TRANSLATE_NOOP("Texts", "Đang lấy thông tin lệ phí…"),
    "scan": QT_TRANSLATE_NOOP("Texts", "Mở ứng dụng ngân hàng, quét mã QR và xác nhận. Máy tự chuyển khi "
                                       "nhận được tiền."),
    "paid": QT_TRANSLATE_NOOP("Texts", "Đã thanh toán. Cảm ơn ông/bà!"),
    "not_required": QT_TRANSLATE_NOOP("Texts", "Hồ sơ này không phải nộp lệ phí."),
    "failed": QT_TRANSLATE_NOOP("Texts", "Chưa lấy được thông tin lệ phí. Ông/bà có thể nộp sau tại quầy."),
    "bad_qr": QT_TRANSLATE_NOOP("Texts", "Mã thanh toán không hợp lệ. Vui lòng nộp tại quầy."),
}


class PaymentViewModel(QObject):
    changed = Signal()
    paid = Signal()

    def __init__(self, *, tasks: TaskRunner, portal: PortalAPI, language: Callable[[], str],
                 poll_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._portal = portal
        self._lang = language
        self._code = ""
        self._request: PaymentRequest | None = None
        self._state = "idle"  # idle, loading, waiting, paid, not_required, failed
        self._polling = False
        self._generation = 0
        self._timer = QTimer(self, interval=poll_ms, singleShot=True)
        self._timer.timeout.connect(self._poll)

    def begin(self, dossier_code: str) -> None:
        self._generation += 1
        self._code = dossier_code
        self._request = None
        self._state = "loading"
        self.changed.emit()
        generation, portal = self._generation, self._portal
        self._tasks.run(lambda: portal.request_payment(dossier_code),
                        lambda r: self._on_request(generation, r), lambda e: self._on_error(generation, e))

    def stop(self) -> None:
        self._timer.stop()
        self._generation += 1

    def clear(self) -> None:
        self.stop()
        self._code = ""
        self._request = None
        self._state = "idle"
        self.changed.emit()

    # ------------------------------------------------------------------ properties
    def _get_state(self) -> str:
        return self._state

    def _get_amount(self) -> str:
        return money(self._request.amount_vnd, self._lang()) if self._request else ""

    def _get_items(self) -> list[str]:
        if self._request is None:
            return []
        lang = self._lang()
        return [f"{item.name.get(lang)}: {money(item.amount_vnd, lang)}" for item in self._request.items]

    def _get_qr(self) -> str:
        if self._request is None or not self._request.vietqr or self._state != "waiting":
            return ""
        return "image://qr/" + quote(self._request.vietqr, safe="")

    def _get_message(self) -> str:
        lang = self._lang()
        key = {"loading": "loading", "waiting": "scan", "paid": "paid", "not_required": "not_required",
               "failed": "failed", "bad_qr": "bad_qr"}.get(self._state)
        return pick(TEXTS[key], lang) if key else ""

    def _get_purpose(self) -> str:
        return (self._request.purpose or "") if self._request else ""

    state = Property(str, _get_state, notify=changed)
    amount = Property(str, _get_amount, notify=changed)
    items = Property("QStringList", _get_items, notify=changed)  # type: ignore[arg-type]
    qrSource = Property(str, _get_qr, notify=changed)
    message = Property(str, _get_message, notify=changed)
    purpose = Property(str, _get_purpose, notify=changed)

    @Slot()
    def checkNow(self) -> None:
        self._poll()

    # ------------------------------------------------------------------ reactions
    def _on_request(self, generation: int, request: PaymentRequest) -> None:
        if generation != self._generation:
            return
        self._request = request
        if request.status == "paid":
            self._set_paid()
            return
        if request.status == "not_required" or request.amount_vnd == 0:
            self._state = "not_required"
            self.changed.emit()
            return
        try:
            if not request.vietqr:
                raise ValueError("no VietQR payload")
            payload = parse_payload(request.vietqr)
            if payload.amount_vnd is not None and payload.amount_vnd != request.amount_vnd:
                raise ValueError("the QR's amount differs from the fee")
        except ValueError as error:
            log.warning("payment QR refused: %s", error)
            self._state = "bad_qr"
            self.changed.emit()
            return
        self._state = "waiting"
        self.changed.emit()
        self._timer.start()

    def _on_error(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        log.warning("payment request failed: %s", type(error).__name__)
        self._state = "failed"
        self.changed.emit()

    def _poll(self) -> None:
        if self._state != "waiting" or self._polling:
            return
        self._polling = True
        generation, portal, code = self._generation, self._portal, self._code

        def done(request: PaymentRequest) -> None:
            self._polling = False
            if generation != self._generation:
                return
            self._request = request
            if request.status == "paid":
                self._set_paid()
            else:
                self._timer.start()

        def failed(error: Exception) -> None:
            self._polling = False
            if generation == self._generation:
                log.info("payment status not fetched: %s", type(error).__name__)
                self._timer.start()  # keep trying quietly: the QR stays valid

        self._tasks.run(lambda: portal.get_payment(code), done, failed)

    def _set_paid(self) -> None:
        self._timer.stop()
        self._state = "paid"
        self.changed.emit()
        self.paid.emit()
