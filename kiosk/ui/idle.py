"""Inactivity: warn with a countdown, then wipe the session.

Any touch, click or key anywhere in the application counts as activity (an application-wide event
filter), so no screen can forget to report it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress, QEvent.Type.Wheel,
}


class IdleGuard(QObject):
    warningChanged = Signal()
    secondsLeftChanged = Signal()
    expired = Signal()
    holdExpired = Signal()

    def __init__(self, idle_s: int, warning_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_ms = max(idle_s - warning_s, 1) * 1000
        self.warning_s = warning_s
        self.warning = False
        self.seconds_left = warning_s
        self._armed = False
        # While the citizen works on their phone (paying by VietQR) the kiosk is not touched, yet the
        # session must live: a hold pauses the countdown up to its own, generous limit.
        self.held = False
        self._hold = QTimer(self, singleShot=True)
        self._hold.timeout.connect(self._hold_expired)
        self._quiet = QTimer(self, singleShot=True, interval=self.idle_ms)
        self._quiet.timeout.connect(self._start_warning)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count_down)

    def arm(self, armed: bool) -> None:
        """Only a citizen's session times out; the attract screen does not."""
        self._armed = armed
        self.poke()

    def hold(self, limit_s: float) -> None:
        """No warning and no wipe for up to `limit_s` seconds (or until `release`): a wait that
        happens away from the screen. The warning is taken down at once."""
        if self.held:
            return
        self.held = True
        self._quiet.stop()
        self._tick.stop()
        self._set_warning(False)
        self._hold.start(int(limit_s * 1000))

    def release(self) -> None:
        """The wait is over: the normal inactivity countdown starts again from its beginning."""
        if not self.held:
            return
        self.held = False
        self._hold.stop()
        self.poke()

    def _hold_expired(self) -> None:
        self.held = False
        self.poke()
        self.holdExpired.emit()

    def poke(self) -> None:
        self._tick.stop()
        self._set_warning(False)
        if self.held:
            return
        if self._armed:
            self._quiet.start()
        else:
            self._quiet.stop()

    def stop(self) -> None:
        self._armed = False
        self.held = False
        self._hold.stop()
        self._quiet.stop()
        self._tick.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Activity during the warning does not dismiss it silently: the citizen must choose
        # "I need more time", so a stray touch does not hide the countdown from them.
        if event.type() in _ACTIVITY and self._armed and not self.warning and not self.held:
            self._quiet.start()
        return False

    def _start_warning(self) -> None:
        self.seconds_left = self.warning_s
        self.secondsLeftChanged.emit()
        self._set_warning(True)
        self._tick.start()

    def _count_down(self) -> None:
        self.seconds_left -= 1
        self.secondsLeftChanged.emit()
        if self.seconds_left <= 0:
            self._tick.stop()
            self._set_warning(False)
            self.expired.emit()

    def _set_warning(self, on: bool) -> None:
        if self.warning != on:
            self.warning = on
            self.warningChanged.emit()
