"""Start-up in under 3 seconds to an interactive attract screen.

Importing the whole kiosk (database, portal client, reference portal, camera and PDF libraries) takes
4–8 s on a small machine, and the citizen would see a black screen meanwhile. Here only Qt is loaded
first, a self-contained attract screen is shown (it answers a touch at once), and the heavy modules are
imported on a thread behind it; then the real window takes over, and a touch given meanwhile starts the
journey. `DVC_STARTUP_PROBE=1` prints the two moments and quits (`kiosk bench startup`).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

POLL_MS = 30
PROBE_ENV = "DVC_STARTUP_PROBE"  # not KIOSK_*: those are settings


def _import_heavy(build: Callable[[], Any], done: threading.Event, state: dict[str, Any]) -> None:
    """Behind the start screen: import the window and build the services (Qt-free: database, portal,
    worker, fleet link), so the GUI thread only has to make the window."""
    try:
        import kiosk.ui.window  # noqa: F401 (the whole kiosk, imported behind the start screen)

        state["services"] = build()
    except BaseException as error:  # handed to the GUI thread, which raises it
        state["error"] = error
    finally:
        done.set()


def run_kiosk_fast(config: Any, *, build: Callable[[], Any], fullscreen: bool = False,
                   camera: str | None = None, started: float | None = None) -> int:
    """`build` makes the kiosk's services (kiosk.app.build_services, imported by the caller only when it
    runs: the UI never assembles services itself); they are closed here when the window is done."""
    started = time.monotonic() if started is None else started
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    from kiosk.capture.resources import resources_dir
    from kiosk.ui.qt_env import prepare_environment

    prepare_environment()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName("kiosk")
    app.setOrganizationName("Kiosk Dich vu cong")
    probe = os.environ.get(PROBE_ENV) == "1"

    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(resources_dir() / "qml" / "StartScreen.qml")))
    start = engine.rootObjects()[0]
    if fullscreen or config.ui.fullscreen:
        start.showFullScreen()  # type: ignore[attr-defined]
    app.processEvents()  # the first frame
    shown_at = time.monotonic() - started
    log.info("start screen shown after %.2f s", shown_at)
    if probe:
        print("startup: attract shown", flush=True)

    done = threading.Event()
    state: dict[str, Any] = {}
    loader = threading.Thread(target=_import_heavy, args=(build, done, state), name="kiosk-import",
                              daemon=True)
    loader.start()

    def take_over() -> None:
        if not done.is_set():
            return
        poll.stop()
        if "error" in state:
            app.exit(1)
            return
        from kiosk.ui.window import launch, supervise

        launched = launch(state["services"], fullscreen=fullscreen, camera=camera)
        state["launched"] = launched
        state["supervision"] = supervise(app, launched)
        if start.property("touched"):
            launched.ui.peers.visit.touchAttract()  # the touch given while loading starts the journey
        start.close()  # type: ignore[attr-defined]
        ready_at = time.monotonic() - started
        log.info("kiosk ready after %.2f s", ready_at)
        if probe:
            print("startup: ready", flush=True)
            launched.guard.quitter(app)()  # a plain quit() is refused by the locked window

    poll = QTimer(interval=POLL_MS)
    poll.timeout.connect(take_over)
    poll.start()
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    code = app.exec()
    poll.stop()
    if "error" in state:
        raise state["error"]
    if not done.is_set():  # quit while still loading: let the loading end, so its services are closed
        done.wait(60)
    if "supervision" in state:
        state["supervision"]()
    if "launched" in state:
        from kiosk.ui.window import land

        land(state["launched"])
    if "services" in state:
        state["services"].close()
    del engine
    return code
