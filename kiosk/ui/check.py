"""The view-model behind "check a dossier": the receipt's QR code shown to the card camera, or the dossier
code typed, then the dossier's status in plain words, its history, its result and its postal tracking.

QML binds to `check` (this object). The camera runs on its own thread while the citizen is on the check
screen and nothing has been found; the portal is asked on the task pool. A result that comes back after
the citizen left (or after the wipe) is dropped: `clear()` bumps a generation counter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.capture.frames import FrameSource
from kiosk.capture.receipt_qr import read_dossier_code
from kiosk.domain.codes import DOSSIER_CODE_EXAMPLE, parse_dossier_code
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError, PortalNotFound, PortalNotReady
from kiosk.portal.models import DossierStatus, StatusChange
from kiosk.portal.service_models import DeliveryOrder, ResultDocument
from kiosk.receipts.model import Receipt
from kiosk.store.outbox import Outbox, OutboxItem
from kiosk.ui.camera import FrameLoopWorker, LatestFrameProvider
from kiosk.ui.flow import KioskFlow, Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.receipt_print import ReceiptPrinter, receipt_from_lookup
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import QT_TRANSLATE_NOOP, pick

log = logging.getLogger(__name__)

#: The portal's statuses in plain words, and what the citizen should do about each.
STATUS_TEXT: dict[str, tuple[str, str]] = {
    "received": (QT_TRANSLATE_NOOP("Texts", "Đã tiếp nhận"),
                 QT_TRANSLATE_NOOP("Texts", "Cơ quan đã nhận hồ sơ và sẽ sớm xem xét.")),
    "processing": (QT_TRANSLATE_NOOP("Texts", "Đang giải quyết"),
                   QT_TRANSLATE_NOOP("Texts", "Cán bộ đang xử lý hồ sơ. Ông/bà chưa cần làm gì thêm.")),
    "needs_more_information": (QT_TRANSLATE_NOOP("Texts", "Cần bổ sung thông tin"),
                               QT_TRANSLATE_NOOP("Texts", "Cơ quan cần ông/bà bổ sung giấy tờ hoặc thông "
                                                          "tin. Xem ghi chú bên dưới "
                                "hoặc nhờ nhân viên hỗ trợ.")),
    "queued": (QT_TRANSLATE_NOOP("Texts", "Đang chờ gửi lên Cổng"),
               QT_TRANSLATE_NOOP("Texts", "Hồ sơ đã được lưu an toàn trên máy này và sẽ tự gửi lên Cổng "
                                          "dịch vụ công khi có mạng. "
                "Khi gửi xong, hồ sơ có mã riêng để tra cứu ở bất kỳ đâu.")),
    "done": (QT_TRANSLATE_NOOP("Texts", "Đã có kết quả"),
             QT_TRANSLATE_NOOP("Texts", "Hồ sơ đã giải quyết xong.")),
    "rejected": (QT_TRANSLATE_NOOP("Texts", "Bị từ chối"),
                 QT_TRANSLATE_NOOP("Texts", "Hồ sơ không được chấp nhận. Xem lý do bên dưới hoặc nhờ nhân "
                                            "viên hỗ trợ.")),
}

TEXTS: dict[str, str] = {
    # Plain words (issue 14): where the code is and what it looks like, not its pattern.
    "bad_code": QT_TRANSLATE_NOOP("Texts", "Mã hồ sơ chưa đúng. Xin chép lại đúng mã in trên giấy biên nhận, "
                                           "ví dụ {example}, hoặc đưa mã QR trên biên nhận vào camera."),
    "bad_date": QT_TRANSLATE_NOOP("Texts", "Mã hồ sơ chưa đúng (phần ngày nộp). Xin chép lại đúng mã in "
                                           "trên giấy biên nhận."),
    "empty": QT_TRANSLATE_NOOP("Texts", "Xin nhập mã hồ sơ in trên giấy biên nhận."),
    "not_found": QT_TRANSLATE_NOOP("Texts", "Không tìm thấy hồ sơ có mã {code}. Xin kiểm tra lại mã trên "
                                            "giấy biên nhận."),
    "offline": QT_TRANSLATE_NOOP("Texts", "Không kết nối được với Cổng dịch vụ công. Xin thử lại sau ít "
                                          "phút, hoặc nhờ nhân viên hỗ trợ."),
    "camera_problem": QT_TRANSLATE_NOOP("Texts", "Không mở được camera. Xin nhập mã hồ sơ bằng bàn phím."),
    "show_qr": QT_TRANSLATE_NOOP("Texts", "Đưa mã QR trên giấy biên nhận vào trước camera."),
    "result_none": QT_TRANSLATE_NOOP("Texts", "Chưa có kết quả."),
    "result_post": QT_TRANSLATE_NOOP("Texts", "Kết quả đã có và được gửi qua bưu điện đến địa chỉ ông/bà đã "
                                              "đăng ký."),
    "result_here": QT_TRANSLATE_NOOP("Texts", "Kết quả đã có: xem bản điện tử trên Cổng dịch vụ công (trực "
                                              "tuyến) hoặc nhận tại quầy tiếp nhận."),
    "will_post": QT_TRANSLATE_NOOP("Texts", "Khi có kết quả, bưu điện sẽ gửi đến địa chỉ ông/bà đã đăng ký."),
    "will_here": QT_TRANSLATE_NOOP("Texts", "Khi có kết quả, ông/bà xem bản điện tử trên Cổng dịch vụ công "
                                            "(trực tuyến) hoặc nhận tại quầy tiếp nhận."),
    "no_result": QT_TRANSLATE_NOOP("Texts", "Hồ sơ bị từ chối nên không có kết quả."),
}

_TRACKING_FALLBACK: dict[str, str] = {
    "accepted": QT_TRANSLATE_NOOP("Texts", "Bưu cục đã nhận để phát"),
    "in_transit": QT_TRANSLATE_NOOP("Texts", "Đang vận chuyển"),
    "out_for_delivery": QT_TRANSLATE_NOOP("Texts", "Bưu tá đang đi phát"),
    "delivered": QT_TRANSLATE_NOOP("Texts", "Đã phát thành công"),
    "returned": QT_TRANSLATE_NOOP("Texts", "Phát không thành công, chuyển hoàn"),
}


@dataclass(frozen=True)
class DossierLookup:
    """Everything the portal said about one dossier (in memory only, dropped by `clear()`)."""

    status: DossierStatus
    procedure_name: str  # in the session's language at the time of the lookup; code if unknown
    procedure_names: tuple[str, str] | None
    result: ResultDocument | None
    delivery: DeliveryOrder | None


#: The reference printed on the receipt of a dossier queued while offline (kiosk.sync.submit).
RECEIPT_REFERENCE = re.compile(r"[0-9A-F]{8}")


def queued_lookup(
    item: OutboxItem, procedure_names: Callable[[str], tuple[str, str] | None]
) -> DossierLookup:
    """A dossier still in this kiosk's outbox, shown with the status "queued" (not a portal status)."""
    names = procedure_names(item.procedure_code)
    status = DossierStatus(dossier_code="", procedure_code=item.procedure_code, status="queued",
                           history=(StatusChange(status="queued", at=item.created_at, note=None),))
    return DossierLookup(status, names[0] if names else item.procedure_code, names, None, None)


def check_code(text: str) -> tuple[str | None, str | None]:
    """(canonical code, None) or (None, text key of what is wrong)."""
    if not text.strip():
        return None, "empty"
    try:
        return str(parse_dossier_code(text)), None
    except ValueError as error:
        return None, "bad_date" if "valid date" in str(error) else "bad_code"


def lookup_dossier(portal: PortalClient, code: str,
                   procedure_names: Callable[[str], tuple[str, str] | None]) -> DossierLookup:
    """Status, then (when there is one) the result and the postal delivery. Runs on a worker thread."""
    status = portal.get_dossier(code)
    result = None
    if status.result_ready:
        try:
            result = portal.get_result(status.dossier_code)
        except PortalNotReady:
            result = None
    try:
        delivery: DeliveryOrder | None = portal.get_delivery(status.dossier_code)
    except PortalNotFound:
        delivery = None
    names = procedure_names(status.procedure_code)
    if names is None and result is not None:
        names = (result.name.vi, result.name.en)
    return DossierLookup(status, names[0] if names else status.procedure_code, names, result, delivery)


def when(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M  %d/%m/%Y")


class ReceiptCameraWorker(FrameLoopWorker):
    """Reads the card camera until a receipt's QR gives a dossier code, or until stopped."""

    codeFound = Signal(str)

    def handle(self, frame: np.ndarray) -> bool:
        code = read_dossier_code(frame)
        if code is not None:
            self.codeFound.emit(code)
        return code is not None


class CheckViewModel(QObject):
    """States: "input" (camera on, field ready), "loading", "found", "not_found", "offline"."""

    changed = Signal()
    frameTickChanged = Signal()

    def __init__(self, *, flow: KioskFlow, portal: PortalClient, tasks: TaskRunner,
                 open_camera: Callable[[], FrameSource], frames: LatestFrameProvider,
                 language: Callable[[], str],
                 procedure_names: Callable[[str], tuple[str, str] | None] = lambda code: None,
                 outbox: Outbox | None = None,
                 reprinter: Callable[[Callable[[], Receipt | None]], QObject] | None = None,
                 procedure_fee: Callable[[str], int] = lambda code: 0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._procedure_fee = procedure_fee
        #: Prints the found dossier's receipt again, marked "BẢN IN LẠI" (QML:
        #: check.reprinterModel.printReceipt()).
        self.reprinter = reprinter(self.reprint_receipt) if reprinter is not None else None
        #: This kiosk's outbox: a receipt reference of a dossier queued offline is looked up there.
        self._outbox = outbox
        self._flow = flow
        self._portal = portal
        self._tasks = tasks
        self._open_camera = open_camera
        self._frames = frames
        self._language = language
        self._procedure_names = procedure_names
        self._camera: ReceiptCameraWorker | None = None
        self._generation = 0
        self._state = "input"
        self._camera_hint = "show_qr"
        self._code_error = ""
        self._error_key = ""
        self._code = ""
        self._frame_tick = 0
        self._found: DossierLookup | None = None
        self.history = DictListModel(("status", "label", "date", "note", "current"), self)
        self.tracking = DictListModel(("code", "label", "date", "location"), self)
        flow.subscribe(self._on_screen)

    # ------------------------------------------------------------------ life cycle
    def _on_screen(self, screen: Screen) -> None:
        if screen is Screen.CHECK:
            self._reset_search()
        else:
            self._stop_camera()
            if screen is Screen.ATTRACT:
                self.clear()

    def shutdown(self) -> None:
        self._stop_camera()

    @Slot()
    def clear(self) -> None:
        """The wipe: forget the code, the dossier and the camera picture."""
        self._stop_camera()
        self._generation += 1
        self._found = None
        self._code = ""
        self._code_error = ""
        self._error_key = ""
        self._state = "input"
        self._camera_hint = "show_qr"
        self.history.set_rows([])
        self.tracking.set_rows([])
        self._frames.clear()
        self.changed.emit()

    def _reset_search(self) -> None:
        self.clear()
        self._start_camera()

    def _start_camera(self) -> None:
        self._stop_camera()
        worker = ReceiptCameraWorker(self._open_camera, self._frames)
        worker.codeFound.connect(self._on_code_found)
        worker.frameReady.connect(self._on_frame)
        worker.failed.connect(self._on_camera_failed)
        self._camera = worker
        worker.start()

    def _stop_camera(self) -> None:
        worker, self._camera = self._camera, None
        if worker is not None:
            worker.retire()

    @property
    def camera_running(self) -> bool:
        return self._camera is not None

    # ------------------------------------------------------------------ slots
    @Slot(str)
    def lookup(self, text: str) -> None:
        """The citizen typed a code and pressed "Tra cứu"."""
        if self._state == "loading":
            return
        code, problem = check_code(text)
        if code is None and self._outbox is not None and RECEIPT_REFERENCE.fullmatch(text.strip().upper()):
            self._start_lookup(text.strip().upper())
            return
        if code is None:
            self._code_error = self._code_problem(problem)
            self.changed.emit()
            return
        self._start_lookup(code)

    @Slot()
    def retry(self) -> None:
        if self._code and self._state in ("offline", "not_found"):
            self._start_lookup(self._code)

    @Slot()
    def searchAgain(self) -> None:
        if self._flow.screen is Screen.CHECK:
            self._reset_search()

    @Slot()
    def relabel(self) -> None:
        """The language changed: rebuild every text from what the portal said."""
        if self._code_error:
            _, problem = check_code(self._code) if self._code else (None, "bad_code")
            self._code_error = self._code_problem(problem)
        self._fill()
        self.changed.emit()

    # ------------------------------------------------------------------ reactions
    def _on_frame(self) -> None:
        self._frame_tick += 1
        self.frameTickChanged.emit()

    def _on_code_found(self, code: str) -> None:
        if self.sender() is not self._camera or self._flow.screen is not Screen.CHECK:
            return  # a late read from a camera already stopped
        self._start_lookup(code)

    def _on_camera_failed(self, hint: str) -> None:
        if self.sender() is self._camera:
            self._camera_hint = hint
            self.changed.emit()

    def _start_lookup(self, code: str) -> None:
        self._stop_camera()
        if self.reprinter is not None:
            self.reprinter.reset()  # type: ignore[attr-defined]  # a new dossier: no "reprinted" left over
        self._code = code
        self._code_error = ""
        self._error_key = ""
        self._state = "loading"
        self.changed.emit()
        generation = self._generation
        portal, names = self._portal, self._procedure_names

        def done(found: DossierLookup) -> None:
            if generation == self._generation:
                self._on_found(found)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self._on_failed(error)

        outbox = self._outbox

        def find() -> DossierLookup:
            if not RECEIPT_REFERENCE.fullmatch(code):
                return lookup_dossier(portal, code, names)
            item = outbox.find_by_receipt_reference(code) if outbox is not None else None
            if item is None:
                raise PortalNotFound(f"no dossier with receipt reference {code} on this kiosk")
            if item.dossier_code is not None:  # sent since: the portal knows it by its code now
                return lookup_dossier(portal, item.dossier_code, names)
            return queued_lookup(item, names)

        self._tasks.run(find, done, failed)

    def _on_found(self, found: DossierLookup) -> None:
        self._found = found
        self._state = "found"
        self._fill()
        self.changed.emit()

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, PortalNotFound):
            self._state, self._error_key = "not_found", "not_found"
        else:
            # The portal unreachable, answering nonsense, or refusing the kiosk: all the citizen can do
            # is try again later. The log says which, without the dossier code.
            kind = type(error).__name__ if isinstance(error, PortalError) else repr(error)
            log.warning("dossier lookup failed: %s", kind)
            self._state, self._error_key = "offline", "offline"
        self.changed.emit()

    def _fill(self) -> None:
        found = self._found
        if found is None:
            return
        lang = self.lang
        history = found.status.history
        rows = []
        for i, change in enumerate(history):
            label = STATUS_TEXT[change.status][0] if change.status in STATUS_TEXT else (change.status,) * 2
            rows.append({"status": change.status, "label": pick(label, lang), "date": when(change.at),
                         "note": change.note or "", "current": i == len(history) - 1})
        self.history.set_rows(rows)
        events = found.delivery.events if found.delivery else ()
        self.tracking.set_rows([{
            "code": e.code,
            "label": e.description.get(lang) if e.description else pick(_TRACKING_FALLBACK.get(
                e.code, (e.code, e.code)), lang),
            "date": when(e.at), "location": e.location or "",
        } for e in sorted(events, key=lambda e: e.at, reverse=True)])

    # ------------------------------------------------------------------ properties
    @property
    def lang(self) -> str:
        return self._language()

    def _get_state(self) -> str:
        return self._state

    def _get_code(self) -> str:
        return self._code

    def _code_problem(self, problem: str | None) -> str:
        return pick(TEXTS[problem or "bad_code"], self.lang).format(example=DOSSIER_CODE_EXAMPLE)

    def _get_code_error(self) -> str:
        return self._code_error

    def _get_error(self) -> str:
        if not self._error_key:
            return ""
        return pick(TEXTS[self._error_key], self.lang).format(code=self._code)

    def _get_camera_hint(self) -> str:
        return pick(TEXTS.get(self._camera_hint, TEXTS["show_qr"]), self.lang)

    def _get_camera_ok(self) -> bool:
        return self._camera_hint != "camera_problem"

    def _get_frame_tick(self) -> int:
        return self._frame_tick

    def _get_procedure_name(self) -> str:
        found = self._found
        if found is None:
            return ""
        if found.procedure_names:
            return pick(found.procedure_names, self.lang)
        return found.procedure_name

    def _get_status(self) -> str:
        return self._found.status.status if self._found else ""

    def _get_status_text(self) -> str:
        status = self._get_status()
        if not status:
            return ""
        return pick(STATUS_TEXT[status][0], self.lang) if status in STATUS_TEXT else status

    def _get_status_explanation(self) -> str:
        status = self._get_status()
        return pick(STATUS_TEXT[status][1], self.lang) if status in STATUS_TEXT else ""

    def _get_latest_note(self) -> str:
        if self._found is None or not self._found.status.history:
            return ""
        return self._found.status.history[-1].note or ""

    def _get_result_ready(self) -> bool:
        return bool(self._found and self._found.status.result_ready)

    def _get_by_post(self) -> bool:
        found = self._found
        return bool(found and (found.delivery is not None or (found.result and found.result.by_post)))

    def _get_result_text(self) -> str:
        found = self._found
        if found is None:
            return ""
        if found.status.status == "rejected":
            return pick(TEXTS["no_result"], self.lang)
        if self._get_result_ready():
            return pick(TEXTS["result_post" if self._get_by_post() else "result_here"], self.lang)
        return pick(TEXTS["will_post" if self._get_by_post() else "will_here"], self.lang)

    def _get_tracking_number(self) -> str:
        found = self._found
        if found is None:
            return ""
        if found.delivery is not None:
            return found.delivery.tracking_number
        return (found.result.tracking_number or "") if found.result else ""

    def reprint_receipt(self) -> Receipt | None:
        """The receipt of the dossier on screen, again (None while none with a portal code is shown)."""
        found = self._found
        if found is None or not found.status.dossier_code:
            return None
        kiosk_id = self._outbox.kiosk_id if self._outbox is not None else ""
        return receipt_from_lookup(found, kiosk_id=kiosk_id,
                                   fee_vnd=self._procedure_fee(found.status.procedure_code))

    def _get_reprinter(self) -> QObject | None:
        return self.reprinter

    reprinterModel = Property(QObject, _get_reprinter, constant=True)

    def _get_history_model(self) -> QObject:
        return self.history

    def _get_tracking_model(self) -> QObject:
        return self.tracking

    state = Property(str, _get_state, notify=changed)
    code = Property(str, _get_code, notify=changed)
    codeError = Property(str, _get_code_error, notify=changed)
    error = Property(str, _get_error, notify=changed)
    cameraHint = Property(str, _get_camera_hint, notify=changed)
    cameraOk = Property(bool, _get_camera_ok, notify=changed)
    frameTick = Property(int, _get_frame_tick, notify=frameTickChanged)
    procedureName = Property(str, _get_procedure_name, notify=changed)
    status = Property(str, _get_status, notify=changed)
    statusText = Property(str, _get_status_text, notify=changed)
    statusExplanation = Property(str, _get_status_explanation, notify=changed)
    latestNote = Property(str, _get_latest_note, notify=changed)
    resultReady = Property(bool, _get_result_ready, notify=changed)
    byPost = Property(bool, _get_by_post, notify=changed)
    resultText = Property(str, _get_result_text, notify=changed)
    trackingNumber = Property(str, _get_tracking_number, notify=changed)
    historyModel = Property(QObject, _get_history_model, constant=True)
    trackingModel = Property(QObject, _get_tracking_model, constant=True)


def attach_check(engine: Any, peers: Any, portal: PortalClient,
                 frames: LatestFrameProvider, *, printer_spec: str = "dummy",
                 pdf_dir: Path | None = None) -> CheckViewModel:
    """Make the check view-model and expose it to QML as `check` (call before the QML loads; `shutdown()`
    it before the peers'); it is on the context's wipe list. The camera is the card camera (whatever the
    card peer opens now); the preview goes through the same `image://camera` provider, free while the card
    screen is not shown. `peers` is a kiosk.ui.peers.KioskPeers."""
    context, card = peers.context, peers.card

    def procedure_names(code: str) -> tuple[str, str] | None:
        catalogue = context.catalogue
        proc = catalogue.find(code) if catalogue is not None else None
        return (proc.name.vi, proc.name.en) if proc is not None else None

    def procedure_fee(code: str) -> int:
        catalogue = context.catalogue
        proc = catalogue.find(code) if catalogue is not None else None
        return proc.fee_vnd if proc is not None else 0

    def reprinter(receipt: Callable[[], Receipt | None]) -> QObject:
        return ReceiptPrinter(printer_spec=printer_spec, pdf_dir=pdf_dir or Path("receipts"), receipt=receipt,
                              tasks=context.tasks, parent=context)

    check = CheckViewModel(
        flow=context.flow, portal=portal, tasks=context.tasks, outbox=context.services.outbox,
        reprinter=reprinter, procedure_fee=procedure_fee,
        open_camera=card.open_camera, frames=frames,
        language=context.language_now, procedure_names=procedure_names, parent=context,
    )
    context.holds_citizen_data(check)
    context.languageChanged.connect(check.relabel)
    engine.rootContext().setContextProperty("check", check)
    return check


def shutdown_check(owner: QObject) -> None:
    """Closing the UI: stop the check screen's camera thread (before the peers shut down)."""
    for check in owner.findChildren(CheckViewModel):
        check.shutdown()
