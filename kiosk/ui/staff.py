"""Staff mode: a PIN pad behind a hidden gesture, then the clerk's dashboard.

The dashboard shows the outbox (with Retry for failed dossiers), device health, today's numbers and the
settings; it turns assisted mode on and off, and it is the only way out of the kiosk program.

PINs: the digits live in this object only until "OK"; then they go to a worker thread (scrypt takes
~50 ms) and are forgotten here at once. They are never logged, never shown (only dots), never kept.
The staff session ends by itself after `idle_s` without a touch. Assisted mode outlives the dashboard
(the clerk helps citizen after citizen) but ends when the kiosk times out with nobody at it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.health import DeviceSettings, HealthCheck, run_checks
from kiosk.staff import Action, Outcome, StaffRegistry, VerifyResult
from kiosk.staff.registry import PIN_MAX_LENGTH, StaffError
from kiosk.store.models import ClientStatus
from kiosk.store.outbox import Outbox, OutboxError, OutboxItem
from kiosk.ui.list_models import DictListModel
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import say

log = logging.getLogger(__name__)

STAFF_IDLE_S = 120
GESTURE_HOLD_MS = 3000  # the press on the emblem that opens the PIN pad (`[ui] staff_gesture_hold_s`)
_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress, QEvent.Type.Wheel,
}
_RETRYABLE = (ClientStatus.FAILED, ClientStatus.QUEUED)


class StaffViewModel(QObject):
    """`staff` in QML. `mode` is closed / pin / dashboard."""

    modeChanged = Signal()
    membersChanged = Signal()
    pinChanged = Signal()
    memberChanged = Signal()
    outboxChanged = Signal()
    healthChanged = Signal()
    assistedChanged = Signal()
    exitRequested = Signal()
    #: The assisting staff id (or "" when assisted mode ends), for the context (assisted_by).
    assistedByChanged = Signal(str)

    def __init__(
        self,
        *,
        registry: StaffRegistry,
        outbox: Outbox,
        portal: Any,
        devices: DeviceSettings,
        settings: dict[str, Any],
        language: Callable[[], str],
        idle_s: int = STAFF_IDLE_S,
        gesture_hold_ms: int = GESTURE_HOLD_MS,
        check_devices: Callable[[], list[HealthCheck]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._outbox = outbox
        self._language = language
        self._settings = dict(settings)
        self._check_devices = check_devices or (lambda: run_checks(devices, portal))
        self.tasks = TaskRunner(self)
        self.receipt_printer: QObject | None = None
        self._mode = "closed"
        self._selected = ""
        self._pin = ""
        self._checking = False
        self._pin_state = ""  # "" / wrong / locked / unknown / error
        self._attempts_left = 0
        self._locked_until = ""
        self._member: tuple[str, str, str] | None = None  # id, name, role
        self._assisted: tuple[str, str] | None = None  # id, name
        self._health_busy = False
        self._today: dict[str, int] = {"queued": 0, "sent": 0, "failed": 0, "assisted": 0}
        self._counts: dict[str, int] = {}
        self._filtering = False
        self.members = DictListModel(("staffId", "name", "role", "locked"), self)
        self.entries = DictListModel(
            ("entryId", "code", "procedure", "status", "attempts", "lastError", "created", "assistedBy",
             "canRetry"), self)
        self.health = DictListModel(("key", "level", "reason"), self)
        self._idle = QTimer(self, singleShot=True, interval=idle_s * 1000)
        self._idle.timeout.connect(self.close)
        self._gesture_hold_ms = gesture_hold_ms

    # ------------------------------------------------------------------ properties
    def _get_mode(self) -> str:
        return self._mode

    def _get_selected(self) -> str:
        return self._selected

    def _get_pin_length(self) -> int:
        return len(self._pin)

    def _get_checking(self) -> bool:
        return self._checking

    def _get_pin_state(self) -> str:
        return self._pin_state

    def _get_attempts_left(self) -> int:
        return self._attempts_left

    def _get_locked_until(self) -> str:
        return self._locked_until

    def _get_member_name(self) -> str:
        return self._member[1] if self._member else ""

    def _get_member_id(self) -> str:
        return self._member[0] if self._member else ""

    def _get_counts(self) -> dict[str, int]:
        return dict(self._counts)

    def _get_today(self) -> dict[str, int]:
        return dict(self._today)

    def _get_health_busy(self) -> bool:
        return self._health_busy

    def _get_assisted(self) -> bool:
        return self._assisted is not None

    def _get_assisted_name(self) -> str:
        return self._assisted[1] if self._assisted else ""

    def _get_settings(self) -> dict[str, Any]:
        return dict(self._settings)

    def _members_model(self) -> QObject:
        return self.members

    def _get_gesture_hold_ms(self) -> int:
        return self._gesture_hold_ms

    def _entries_model(self) -> QObject:
        return self.entries

    def _health_model(self) -> QObject:
        return self.health

    mode = Property(str, _get_mode, notify=modeChanged)
    gestureHoldMs = Property(int, _get_gesture_hold_ms, constant=True)
    selectedId = Property(str, _get_selected, notify=pinChanged)
    pinLength = Property(int, _get_pin_length, notify=pinChanged)
    checking = Property(bool, _get_checking, notify=pinChanged)
    pinState = Property(str, _get_pin_state, notify=pinChanged)
    attemptsLeft = Property(int, _get_attempts_left, notify=pinChanged)
    lockedUntil = Property(str, _get_locked_until, notify=pinChanged)
    memberName = Property(str, _get_member_name, notify=memberChanged)
    memberId = Property(str, _get_member_id, notify=memberChanged)
    counts = Property("QVariantMap", _get_counts, notify=outboxChanged)  # type: ignore[arg-type]
    today = Property("QVariantMap", _get_today, notify=outboxChanged)  # type: ignore[arg-type]
    healthBusy = Property(bool, _get_health_busy, notify=healthChanged)
    assisted = Property(bool, _get_assisted, notify=assistedChanged)
    assistedName = Property(str, _get_assisted_name, notify=assistedChanged)
    settings = Property("QVariantMap", _get_settings, constant=True)  # type: ignore[arg-type]
    memberModel = Property(QObject, _members_model, constant=True)
    outboxModel = Property(QObject, _entries_model, constant=True)
    healthModel = Property(QObject, _health_model, constant=True)

    @property
    def assisted_by(self) -> str | None:
        return self._assisted[0] if self._assisted else None

    def assisted_label(self) -> str | None:
        """For the receipt: "Name (id)" while assisted mode is on."""
        return f"{self._assisted[1]} ({self._assisted[0]})" if self._assisted else None

    # ------------------------------------------------------------------ PIN pad
    @Slot()
    def open(self) -> None:
        """The hidden gesture: show the PIN pad (with the staff list from the registry)."""
        if self._mode != "closed":
            return
        try:
            rows = []
            for member in self._registry.members():
                locked = self._registry.locked_until(member.staff_id) is not None
                rows.append({"staffId": member.staff_id, "name": member.name, "role": member.role.value,
                             "locked": locked})
        except StaffError as error:
            log.error("staff file unusable: %s", error)
            rows = []
        self.members.set_rows(rows)
        self._selected = str(rows[0]["staffId"]) if len(rows) == 1 else ""
        self._clear_pin(state="")
        self._set_mode("pin")

    @Slot(str)
    def selectMember(self, staff_id: str) -> None:
        if self.members.find("staffId", staff_id) >= 0 and not self._checking:
            self._selected = staff_id
            self._clear_pin(state="")

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if self._mode != "pin" or self._checking or not (len(digit) == 1 and digit.isdigit()):
            return
        if len(self._pin) < PIN_MAX_LENGTH:
            self._pin += digit
            if self._pin_state in ("wrong", "unknown", "error"):
                self._pin_state = ""
            self.pinChanged.emit()

    @Slot()
    def backspace(self) -> None:
        if not self._checking and self._pin:
            self._pin = self._pin[:-1]
            self.pinChanged.emit()

    @Slot()
    def submitPin(self) -> None:
        if self._mode != "pin" or self._checking or not self._pin or not self._selected:
            return
        # The PIN leaves this object now: only the worker's closure holds it, until scrypt is done.
        pin, self._pin = self._pin, ""
        staff_id, registry = self._selected, self._registry
        self._checking = True
        self.pinChanged.emit()
        self.tasks.run(lambda: registry.verify(staff_id, pin), self._on_verified, self._on_verify_error)

    def _on_verified(self, result: VerifyResult) -> None:
        self._checking = False
        if self._mode != "pin":  # cancelled while checking
            self.pinChanged.emit()
            return
        if result.ok and result.member is not None:
            member = result.member
            self._member = (member.staff_id, member.name, member.role.value)
            self._clear_pin(state="")
            self.memberChanged.emit()
            self._set_mode("dashboard")
            self.refresh()
            self.checkHealth()
            return
        if result.outcome is Outcome.LOCKED:
            until = result.locked_until.astimezone() if result.locked_until else None
            self._locked_until = f"{until:%H:%M}" if until else ""
            row = self.members.find("staffId", self._selected)
            if row >= 0:
                self.members.update_row(row, locked=True)
            self._clear_pin(state="locked")
        elif result.outcome is Outcome.WRONG_PIN:
            self._attempts_left = result.attempts_left or 0
            self._clear_pin(state="wrong")
        else:
            self._clear_pin(state="unknown")

    def _on_verify_error(self, error: Exception) -> None:
        self._checking = False
        log.error("staff PIN check failed: %s", type(error).__name__)
        self._clear_pin(state="error")

    def _clear_pin(self, *, state: str) -> None:
        self._pin = ""
        self._pin_state = state
        self.pinChanged.emit()

    # ------------------------------------------------------------------ dashboard
    @Slot()
    def refresh(self) -> None:
        """Reload the outbox list and today's numbers (small queries: on the GUI thread)."""
        if self._mode != "dashboard":
            return
        items = self._outbox.entries(limit=200)
        self.entries.set_rows([_entry_row(item) for item in items])
        self._counts = self._outbox.counts()
        self._today = today_numbers(items)
        self.outboxChanged.emit()

    @Slot(int)
    def retry(self, entry_id: int) -> None:
        if self._mode != "dashboard" or not self._allowed(Action.RETRY):
            return
        try:
            self._outbox.retry(entry_id)
            log.info("staff %s asked to retry outbox entry %d", self.memberId, entry_id)
        except OutboxError as error:
            log.warning("retry of outbox entry %d refused: %s", entry_id, error)
        self.refresh()

    @Slot()
    def checkHealth(self) -> None:
        if self._mode != "dashboard" or self._health_busy:
            return
        self._health_busy = True
        self.healthChanged.emit()
        self.tasks.run(self._check_devices, self._on_health, self._on_health_error)

    def _on_health(self, checks: list[HealthCheck]) -> None:
        self._health_busy = False
        lang = self._language()
        self.health.set_rows([{"key": c.key, "level": c.level.value,
                               "reason": plain_reason(say(c.reason, lang))} for c in checks])
        self.healthChanged.emit()

    def _on_health_error(self, error: Exception) -> None:
        self._health_busy = False
        log.error("device checks failed: %s", type(error).__name__)
        self.healthChanged.emit()

    @Slot(bool)
    def setAssisted(self, on: bool) -> None:
        if self._mode != "dashboard" or self._member is None:
            return
        self._set_assisted((self._member[0], self._member[1]) if on else None)

    def end_assisted(self) -> None:
        """Nobody at the kiosk any more (the citizen session timed out): assisted mode ends."""
        self._set_assisted(None)

    def _set_assisted(self, value: tuple[str, str] | None) -> None:
        if value != self._assisted:
            self._assisted = value
            log.info("assisted mode %s", f"on (staff {value[0]})" if value else "off")
            self.assistedChanged.emit()
            self.assistedByChanged.emit(value[0] if value else "")

    @Slot()
    def exitApp(self) -> None:
        """Quit the kiosk program: only from the dashboard, that is, behind a PIN."""
        if self._mode != "dashboard" or not self._allowed(Action.EXIT):
            return
        log.info("staff %s closed the kiosk program", self.memberId)
        self.exitRequested.emit()

    def _allowed(self, action: Action) -> bool:
        """The registry decides (roles as the staff file says now), not this view."""
        if self._member is None:
            return False
        try:
            self._registry.authorize(self._member[0], action)
        except StaffError as error:
            log.warning("staff %s: %s refused: %s", self._member[0], action.value, error)
            return False
        return True

    @Slot()
    def close(self) -> None:
        """Back to the citizen's screen; the staff session ends (the next visit asks for the PIN)."""
        self._pin = ""
        self._selected = ""
        self._pin_state = ""
        if self._member is not None:
            self._member = None
            self.memberChanged.emit()
        # The lists stay as they are (no personal data in them; resetting a hidden ListView while it
        # still builds delegates upsets Qt); the next sign-in refreshes both.
        self.pinChanged.emit()
        self._set_mode("closed")

    def shutdown(self) -> None:
        self._idle.stop()
        self._filter(False)
        self.tasks.wait()

    # ------------------------------------------------------------------ idle
    def _set_mode(self, mode: str) -> None:
        if mode == self._mode:
            return
        self._mode = mode
        active = mode != "closed"
        self._filter(active)
        if active:
            self._idle.start()
        else:
            self._idle.stop()
        self.modeChanged.emit()

    def _filter(self, on: bool) -> None:
        app = QGuiApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._mode != "closed":
            self._idle.start()
        return False


def _entry_row(item: OutboxItem) -> dict[str, Any]:
    return {
        "entryId": item.id,
        "code": item.dossier_code or item.idempotency_key.split("-")[0].upper(),
        "procedure": item.procedure_code,
        "status": item.client_status.value,
        "attempts": item.attempts,
        "lastError": item.last_error or "",
        "created": f"{_local(item.created_at):%H:%M %d/%m}",
        "assistedBy": item.assisted_by or "",
        "canRetry": item.client_status in _RETRYABLE,
    }


def _local(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()


def today_numbers(items: list[OutboxItem], now: datetime | None = None) -> dict[str, int]:
    """Dossiers queued today (local day), sent today, failed among today's, assisted among today's."""
    start = (now or datetime.now().astimezone()).astimezone()
    start = start.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)

    def today(moment: datetime | None) -> bool:
        return moment is not None and start <= _local(moment) < end

    queued = [i for i in items if today(i.created_at)]
    return {
        "queued": len(queued),
        "sent": sum(1 for i in items if today(i.sent_at)),
        "failed": sum(1 for i in queued if i.client_status is ClientStatus.FAILED),
        "assisted": sum(1 for i in queued if i.assisted_by),
    }


def attach_staff_mode(engine: Any, peers: Any, config: Any, portal: Any) -> StaffViewModel:
    """Make the staff view-model and the receipt printer, and expose them to QML as `staff` and
    `receiptPrinter` (call before the QML loads; `shutdown()` the result before the peers').
    `peers` is a kiosk.ui.peers.KioskPeers."""
    from kiosk.staff.cli import staff_file
    from kiosk.ui.receipt_print import ReceiptPrinter, receipt_from_session

    context = peers.context

    devices = DeviceSettings(
        camera=config.camera.source, document_camera=config.camera.document_source,
        scanner=config.camera.scanner_device, printer=config.ui.printer, data_dir=config.data_dir,
    )
    settings = {
        "language": config.language, "textScale": config.ui.text_scale,
        "orientation": config.ui.orientation, "printer": config.ui.printer, "kioskId": config.kiosk_id,
        "idleTimeout": config.ui.idle_timeout_s, "portal": config.portal.url,
    }
    staff = StaffViewModel(
        registry=StaffRegistry(staff_file(config.data_dir)), outbox=context.services.outbox, portal=portal,
        devices=devices, settings=settings, language=context.language_now, parent=context,
        gesture_hold_ms=round(config.ui.staff_gesture_hold_s * 1000),
    )

    def assisted_by(staff_id: str) -> None:
        context.assisted_by = staff_id or None

    staff.assistedByChanged.connect(assisted_by)
    context.idle.expired.connect(staff.end_assisted)
    printer = ReceiptPrinter(
        printer_spec=config.ui.printer, pdf_dir=config.data_dir / "receipts",
        receipt=lambda: receipt_from_session(context, peers.dossier.reference, staff.assisted_label()),
        tasks=context.tasks, parent=context,
    )
    context.screenChanged.connect(printer.reset)
    engine.rootContext().setContextProperty("staff", staff)
    engine.rootContext().setContextProperty("receiptPrinter", printer)
    staff.receipt_printer = printer
    return staff


_EXCEPTION_NAME = re.compile(r"\b[A-Za-z_.]*(?:Error|Exception|Unavailable|Timeout|Refused)\b:?\s*")
_REPR_QUOTES = re.compile(r"'([^'\n]*)'")


def plain_reason(text: str) -> str:
    """A health reason in words staff read: no Python exception class names, no repr quotes."""
    cleaned = _REPR_QUOTES.sub(r"\1", _EXCEPTION_NAME.sub("", re.sub(r"\[Errno -?\d+\]\s*", "", text)))
    return re.sub(r"\s{2,}", " ", cleaned).strip(" :") or text
