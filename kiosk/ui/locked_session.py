"""The kiosk window as a locked session: it fills the screen and refuses to close, except on the way out
that staff mode (behind an operator's PIN) or the service manager (SIGTERM) asks for.

Refusing a close covers Alt+F4 under a window manager, a compositor's close request and `window.close()`
from anywhere. Qt 6 also asks every window to close when the application quits, so the sanctioned ways
out first `allow()` the close, then quit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

log = logging.getLogger(__name__)


class CloseGuard(QObject):
    """Installed on the window: close events are ignored until `allow()`."""

    def __init__(self, window: QWindow, *, keep_full_screen: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._allowed = False
        self.refused = 0
        self.restored = 0
        window.installEventFilter(self)
        if keep_full_screen:
            # A window manager's "show desktop" (Super+D) or minimise is not a close request, so it cannot
            # be refused: the window comes straight back instead. Not every window manager tells Qt the
            # window was minimised (openbox's show-desktop only unmaps it), so look once a second too.
            window.windowStateChanged.connect(self._check)
            self._watch = QTimer(self, interval=1000)
            self._watch.timeout.connect(self._check)
            self._watch.start()

    def _check(self, *_: object) -> None:
        if self._allowed:
            return
        window = self._window
        hidden = (not window.isExposed() or window.windowState() & Qt.WindowState.WindowMinimized
                  or window.visibility() != QWindow.Visibility.FullScreen)
        if not hidden:
            return
        self.restored += 1
        log.warning("kiosk window: minimised or hidden by the window manager; shown full screen again")
        QTimer.singleShot(0, lambda: _show_again(window))

    @property
    def allowed(self) -> bool:
        return self._allowed

    def allow(self) -> None:
        self._allowed = True
        watch = getattr(self, "_watch", None)
        if watch is not None:
            watch.stop()

    def quit(self, app: QGuiApplication) -> None:
        """The sanctioned way out: allow the close, then quit the event loop."""
        self.allow()
        app.quit()

    def quitter(self, app: QGuiApplication) -> Callable[..., None]:
        return lambda *_: self.quit(app)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: Qt may call the filter while the Python side is being built or torn down.
        window, allowed = getattr(self, "_window", None), getattr(self, "_allowed", True)
        if watched is window and event.type() == QEvent.Type.Close and not allowed:
            event.ignore()
            self.refused += 1
            log.warning("kiosk window: a request to close it was refused (only staff mode can close it)")
            return True
        return False


def _show_again(window: QWindow) -> None:
    # Qt still thinks the window is shown; unmap and map it again so the window manager sees a new
    # full-screen window to show.
    window.hide()
    fill_screen(window)


def fill_screen(window: QWindow) -> None:
    """Full screen with no black bands: take the whole screen's geometry first, so that a platform with no
    window manager to honour the full-screen state still gets a window as big as the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.raise_()
    window.requestActivate()
