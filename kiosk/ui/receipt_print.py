"""The receipt screen's paper copy: print on the thermal printer, or save the PDF, in the background.

A failure (no paper, printer unplugged) is reported as a reason code that QML turns into words; the
receipt on screen (code and QR) stays where it is, so the citizen never loses it to a printer problem.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.dossier import DeliveryChoice, PostageFeePayment
from kiosk.receipts.model import Delivery, DeliveryMethod, Receipt
from kiosk.ui.applicant import receipt_identity
from kiosk.ui.clock import in_vn, now_vn
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import say

log = logging.getLogger(__name__)


class PaperOutError(RuntimeError):
    """The printer says it has no paper."""


def problem_code(error: BaseException) -> str:
    """paper_out / not_connected / error: what the receipt screen tells the citizen."""
    from escpos.exceptions import DeviceNotFoundError

    if isinstance(error, PaperOutError) or "paper" in str(error).lower():
        return "paper_out"
    if isinstance(error, DeviceNotFoundError | OSError | ConnectionError | TimeoutError):
        return "not_connected"
    if type(error).__name__ in ("USBNotFoundError", "USBError", "NoBackendError"):
        return "not_connected"
    return "error"


def print_on(spec: str, receipt: Receipt) -> int:
    """Print `receipt` on the printer `spec` (blocks; a worker thread runs it). Returns the bytes sent."""
    from escpos.printer import Dummy

    from kiosk.receipts.thermal import open_printer, print_receipt

    printer = open_printer(spec)
    if not isinstance(printer, Dummy):
        printer.open()
    try:
        if spec.startswith("usb:"):
            try:
                paper = printer.paper_status()
            except Exception:  # not every model answers status queries; print anyway
                paper = None
            if paper == 0:
                raise PaperOutError("printer reports paper out")
        counter = _CountingWriter(printer)
        print_receipt(receipt, printer, say=say)
        return counter.sent
    finally:
        with contextlib.suppress(Exception):
            printer.close()


class _CountingWriter:
    """Counts what goes to the printer (for the log: size only, never the content)."""

    def __init__(self, printer: Any) -> None:
        self.sent = 0
        raw = printer._raw

        def counted(data: bytes) -> None:
            self.sent += len(data)
            raw(data)

        printer._raw = counted


class ReceiptPrinter(QObject):
    """`receiptPrinter` in QML: state is idle / printing / printed / failed / saving / saved."""

    stateChanged = Signal()

    def __init__(self, *, printer_spec: str, pdf_dir: Path, receipt: Callable[[], Receipt | None],
                 tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer_spec = printer_spec
        self._pdf_dir = pdf_dir
        self._receipt = receipt
        self._tasks = tasks
        self._state = "idle"
        self._problem = ""
        self._generation = 0  # a new citizen: late results of the previous one are ignored

    def _get_state(self) -> str:
        return self._state

    def _get_problem(self) -> str:
        return self._problem

    def _get_has_printer(self) -> bool:
        return self.printer_spec != "dummy"

    state = Property(str, _get_state, notify=stateChanged)
    problem = Property(str, _get_problem, notify=stateChanged)
    hasPrinter = Property(bool, _get_has_printer, constant=True)

    @Slot()
    def reset(self) -> None:
        self._generation += 1
        self._set("idle", "")

    @Slot()
    def printReceipt(self) -> None:
        if self._state in ("printing", "saving"):
            return
        if not self._get_has_printer():
            # "dummy" prints to nothing: saying "printed" would send the citizen looking for paper.
            self._set("failed", "not_connected")
            return
        receipt = self._receipt()
        if receipt is None:
            self._set("failed", "error")
            return
        spec, generation = self.printer_spec, self._generation
        self._set("printing", "")

        def done(sent: int) -> None:
            log.info("receipt printed on %s (%d bytes)", spec.partition(":")[0], sent)
            if generation == self._generation:
                self._set("printed", "")

        def failed(error: Exception) -> None:
            log.warning("receipt not printed on %s: %s", spec.partition(":")[0], type(error).__name__)
            if generation == self._generation:
                self._set("failed", problem_code(error))

        self._tasks.run(lambda: print_on(spec, receipt), done, failed)

    @Slot()
    def savePdf(self) -> None:
        """The same receipt as an A6 PDF in <data_dir>/receipts, for staff to print or send on."""
        if self._state in ("printing", "saving"):
            return
        receipt = self._receipt()
        if receipt is None:
            self._set("failed", "error")
            return
        folder, generation = self._pdf_dir, self._generation

        def write() -> Path:
            from kiosk.receipts.pdf import render_pdf

            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = folder / f"{_safe(receipt.dossier_code)}.pdf"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(render_pdf(receipt, say=say))
            return path

        def done(path: Path) -> None:
            log.info("receipt PDF saved (%s)", path.name)
            if generation == self._generation:
                self._set("saved", "")

        def failed(error: Exception) -> None:
            log.warning("receipt PDF not saved: %s", type(error).__name__)
            if generation == self._generation:
                self._set("failed", "pdf")

        self._set("saving", "")
        self._tasks.run(write, done, failed)

    def _set(self, state: str, problem: str) -> None:
        if (state, problem) != (self._state, self._problem):
            self._state, self._problem = state, problem
            self.stateChanged.emit()


def _safe(code: str) -> str:
    return "".join(c if c.isalnum() or c in ".-_" else "_" for c in code)[:64] or "receipt"


def receipt_from_session(context: Any, reference: str, staff: str | None) -> Receipt | None:
    """The receipt of the dossier on the receipt screen, from the session (kiosk.ui.context.KioskContext;
    GUI thread); `reference` stands for the code of a dossier still queued."""
    session = context.flow.session
    code = session.dossier_code or reference
    procedure = context.procedure()  # the catalogue entry of the session's procedure
    if not code or procedure is None:
        return None
    name = session.applicant_values().get("full_name") or ""  # the organisation's name for a business
    identity = receipt_identity(session)
    return Receipt(
        dossier_code=code,
        procedure_code=procedure.code,
        procedure_name=procedure.name.get("vi"),
        applicant_name=name,
        fee_vnd=procedure.fee_vnd,
        delivery=receipt_delivery(session.delivery),
        kiosk_id=context.services.outbox.kiosk_id,
        issued_at=now_vn(),
        staff=staff,
        applicant_kind=identity["applicant_kind"],
        applicant_identifier=identity["applicant_identifier"],
        on_behalf_name=identity["on_behalf_name"],
    )


def receipt_delivery(choice: dict[str, Any]) -> Delivery:
    """The delivery screen's choice (flow session; kiosk.domain.dossier.DeliveryChoice) as the receipt's
    delivery line, postage and who pays it included."""
    try:
        typed = DeliveryChoice.from_json(choice)
    except ValueError:
        return Delivery(DeliveryMethod.ONLINE)
    where = typed.address.line() if typed.address is not None else ""
    fee, cod = typed.postal_fee_vnd, typed.fee_payment is PostageFeePayment.CASH_ON_DELIVERY
    if typed.method.value == "post" and where:
        return Delivery(DeliveryMethod.POST, address=where, postage_vnd=fee, postage_cash_on_delivery=cod)
    if typed.method.value == "pickup" and where and "/" in str(typed.pickup_slot or ""):
        start, end = (in_vn(datetime.fromisoformat(t)) for t in str(typed.pickup_slot).split("/", 1))
        return Delivery(DeliveryMethod.HOME_PICKUP, address=where, pickup_slot=(start, end), postage_vnd=fee,
                        postage_cash_on_delivery=cod)
    if typed.method.value == "counter":
        return Delivery(DeliveryMethod.COUNTER)
    return Delivery(DeliveryMethod.ONLINE)


def receipt_from_lookup(found: Any, *, kiosk_id: str, fee_vnd: int) -> Receipt:
    """A reprint of a dossier's receipt from what the portal says (check screen): marked "BẢN IN LẠI".
    The citizen's name is not printed (the visit that knew it is over); the address comes masked from the
    postal order, if there is one."""
    status, delivery_order = found.status, found.delivery
    if delivery_order is not None:
        address = delivery_order.address
        where = ", ".join(x for x in (address.street, address.commune_name, address.province_name) if x)
        delivery = Delivery(DeliveryMethod.POST, address=where)
    else:
        delivery = Delivery(DeliveryMethod.ONLINE)
    names = found.procedure_names
    return Receipt(
        dossier_code=status.dossier_code,
        procedure_code=status.procedure_code,
        procedure_name=names[0] if names else status.procedure_code,
        applicant_name="",
        fee_vnd=fee_vnd,
        delivery=delivery,
        kiosk_id=kiosk_id,
        issued_at=now_vn(),
        reprint=True,
    )
