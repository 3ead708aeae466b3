""""Gọi nhân viên" through the province's fleet service: the call goes out at once, the kiosk asks every few
seconds whether someone took it, and tells the citizen the truth at each moment — sent and waiting, taken
("Nhân viên đã nhận — đang đến"), or nobody answered in time (the helpline). A kiosk that is not enrolled
with a fleet service cannot page anyone: the caller then says so (kiosk.ui.journey.staff_help_text).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import QT_TRANSLATE_NOOP, pick

log = logging.getLogger(__name__)

POLL_MS = 3000

WAITING = QT_TRANSLATE_NOOP("Texts", "Đã gửi yêu cầu đến nhân viên. Xin ông/bà chờ trong giây lát; hồ sơ "
                                     "vẫn được giữ trên màn hình.")
COMING = QT_TRANSLATE_NOOP("Texts", "Nhân viên đã nhận — đang đến. Xin ông/bà chờ tại máy.")


class CallsStaff(Protocol):
    """kiosk.sync.fleet_reporter.StaffCalls fits."""

    @property
    def reporter(self) -> object | None: ...

    def call_staff(self) -> str: ...

    def status(self, call_id: str) -> str: ...


class StaffPager(QObject):
    def __init__(self, calls: CallsStaff | None, *, show: Callable[[str], None], lang: Callable[[], str],
                 helpline: Callable[[], str], poll_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._calls = calls
        self._show, self._lang, self._helpline = show, lang, helpline
        self._tasks = TaskRunner(self, max_threads=1)
        self._timer = QTimer(self, interval=poll_ms)
        self._timer.timeout.connect(self._poll)
        self._call_id: str | None = None
        self._asking = False
        self.state = "idle"  # idle, waiting, coming, hotline

    @property
    def call_id(self) -> str | None:
        """The call waiting for staff (the fleet dashboard shows it by this id)."""
        return self._call_id

    @property
    def can_page(self) -> bool:
        """Only an enrolled kiosk reaches anyone; otherwise events would wait on disk, unseen."""
        return self._calls is not None and self._calls.reporter is not None

    def page(self) -> bool:
        """Send a call (or keep the one already waiting); False when this kiosk cannot page anyone."""
        if not self.can_page:
            return False
        assert self._calls is not None
        if self.state != "waiting":
            try:
                self._call_id = self._calls.call_staff()
            except Exception as error:  # recorded nowhere: the citizen gets the helpline instead
                log.warning("staff call not recorded: %s", type(error).__name__)
                return False
            log.info("staff call %s sent to the fleet service", self._call_id[:8])
            self.state = "waiting"
            self._timer.start()
        self._show(pick(WAITING, self._lang()))
        return True

    def _poll(self) -> None:
        if self._asking or self._call_id is None or self._calls is None:
            return
        self._asking = True
        calls, call_id = self._calls, self._call_id
        self._tasks.run(lambda: calls.status(call_id), self._on_status, self._on_error)

    def _on_status(self, state: str) -> None:
        self._asking = False
        if self.state != "waiting":
            return
        if state == "acknowledged":
            self._finish("coming", pick(COMING, self._lang()))
        elif state == "hotline":
            self._finish("hotline", self._helpline())

    def _on_error(self, error: Exception) -> None:
        self._asking = False
        log.info("staff call status unknown: %s", type(error).__name__)

    def _finish(self, state: str, text: str) -> None:
        self._timer.stop()
        self.state = state
        self._show(text)

    def reset(self) -> None:
        """The session ended (timeout, finish): forget the call; the fleet dashboard still has it."""
        self._timer.stop()
        self._call_id = None
        self.state = "idle"

    def stop(self) -> None:
        self._timer.stop()
        self._tasks.wait(5000)  # a status request in flight is one short HTTP call
