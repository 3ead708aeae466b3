"""Build the kiosk's Qt Quick window around its services, and run it."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.capture.frames import open_frame_source
from kiosk.capture.resources import resources_dir
from kiosk.config import KioskConfig
from kiosk.systemd_notify import Heartbeat, Watchdog, notify
from kiosk.training import is_training
from kiosk.ui.account import attach_account
from kiosk.ui.camera import LatestFrameProvider
from kiosk.ui.check import attach_check, shutdown_check
from kiosk.ui.context import PeerServices
from kiosk.ui.documents import PageImageProvider
from kiosk.ui.guides import attach_guides
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.journey import JourneyViewModel, watch_portal
from kiosk.ui.locked_session import CloseGuard, fill_screen
from kiosk.ui.peers import KioskPeers, build_peers
from kiosk.ui.pseudo import pseudo as pseudo_text
from kiosk.ui.pseudo import pseudo_enabled
from kiosk.ui.qr_provider import QrImageProvider
from kiosk.ui.qt_env import prepare_environment
from kiosk.ui.services import UiServices
from kiosk.ui.staff import StaffViewModel, attach_staff_mode
from kiosk.ui.texts import set_pseudo

log = logging.getLogger(__name__)

QML_MAIN: Path = resources_dir() / "qml" / "Main.qml"
PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def application() -> QGuiApplication:
    prepare_environment()
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
        app.setApplicationName("kiosk")
        app.setOrganizationName("Kiosk Dich vu cong")
    assert isinstance(app, QGuiApplication)
    return app


@dataclass
class KioskUi:
    engine: QQmlApplicationEngine
    window: QQuickWindow
    peers: KioskPeers
    frames: LatestFrameProvider
    languages: LanguageSwitcher
    staff: StaffViewModel
    journey: JourneyViewModel

    def close(self) -> None:
        self.journey.stop()
        self.staff.shutdown()
        shutdown_check(self.peers.context)
        self.peers.shutdown()
        self.languages.uninstall()
        set_pseudo(None)
        guard = self.window.findChild(CloseGuard)
        if guard is not None:
            guard.allow()  # the program is ending: the locked window may close now
        self.window.close()
        application().removeEventFilter(self.peers.context.idle)
        # Delete the engine (and with it every binding) while the peers are still alive, so no binding is
        # left reading a vanished context property.
        shiboken6.delete(self.engine)
        # The window closing ends the citizen's session too: nothing of theirs outlives the program. Wiped
        # once QML is gone (a wipe while the engine goes away made QML rebuild delegates under it, seen as a
        # rare crash under load), and quietly: nothing is built again for the attract screen.
        self.peers.context.blockSignals(True)
        self.peers.context.end_session()

    def resize(self, width: int, height: int) -> None:
        self.window.resize(width, height)


def _log_qml_errors(errors: list[QQmlError]) -> None:
    for error in errors:
        log.warning("QML: %s", error.toString())


def create_ui(services: UiServices, *, camera: str | None = None,
              size: tuple[int, int] = PORTRAIT, pseudo: bool | None = None) -> KioskUi:
    application()
    config = services.config
    camera_spec = camera or config.camera.source
    engine = QQmlApplicationEngine()
    engine.warnings.connect(_log_qml_errors)
    frames = LatestFrameProvider()
    engine.addImageProvider("camera", frames)
    engine.addImageProvider("qr", QrImageProvider())
    document_frames = LatestFrameProvider()
    engine.addImageProvider("doccam", document_frames)
    thumbnails = PageImageProvider()
    engine.addImageProvider("pages", thumbnails)
    document_spec = config.camera.document_source
    peers = build_peers(
        # The outbox worker is kiosk.app's: the peers only wake it.
        PeerServices(outbox=services.outbox, portal=services.portal, worker=services.worker,
                     lifecycle=services.lifecycle, limits=services.limits, home_province=config.ui.province),
        open_camera=lambda: open_frame_source(camera_spec),
        frames=frames,
        open_document_camera=lambda: open_frame_source(document_spec),
        document_frames=document_frames,
        page_thumbnails=thumbnails,
        scanner_device=config.camera.scanner_device,
        idle_s=config.ui.idle_timeout_s,
        idle_warning_s=config.ui.idle_warning_s,
        payment_poll_ms=round(config.ui.payment_poll_s * 1000),
        default_language=config.language,
    )
    context = peers.context
    peers.documents.code_pattern = config.portal.document_code_pattern  # Decree 107 document codes
    peers.accessibility.configure(text_scale=config.ui.text_scale, speech_engine=config.ui.speech_engine)
    pseudo = pseudo_enabled(config) if pseudo is None else pseudo
    set_pseudo(pseudo_text if pseudo else None)
    languages = LanguageSwitcher(engine, context, pseudo=pseudo)
    context.languageChanged.connect(lambda: languages.apply(context.lang))
    peers.publish(engine.rootContext())
    engine.rootContext().setContextProperty("trainingMode", is_training(config, camera))  # TrainingBanner.qml
    journey = JourneyViewModel(peers, sent_days=config.retention.sent_days,
                               failed_days=config.retention.failed_days, help_phone=config.ui.help_phone,
                               province=config.ui.province, commune=config.ui.commune,
                               staff_calls=services.fleet.staff_calls if services.fleet is not None else None,
                               parent=context)
    watch_portal(journey, peers)
    engine.rootContext().setContextProperty("journey", journey)
    staff = attach_staff_mode(engine, peers, config, services.portal)
    account = attach_account(engine, context, services.portal)
    peers.dossier.citizen_session = lambda: account.citizen_session  # a dossier filed under their account
    attach_check(engine, peers, services.portal, frames, printer_spec=config.ui.printer,
                 pdf_dir=config.data_dir / "receipts")
    attach_guides(engine, context)
    engine.load(QUrl.fromLocalFile(str(QML_MAIN)))
    roots: list[QObject] = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError(f"the kiosk's QML did not load ({QML_MAIN}); see the log for QML errors")
    window = roots[0]
    window.resize(*size)
    application().installEventFilter(context.idle)
    peers.start()
    return KioskUi(engine, window, peers, frames, languages, staff, journey)


def window_size(config: KioskConfig) -> tuple[int, int]:
    """Windowed mode on a desktop: the kiosk's shape, scaled to fit the monitor."""
    portrait = config.ui.orientation != "landscape"
    width, height = PORTRAIT if portrait else LANDSCAPE
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        avail = screen.availableGeometry()
        scale = min(1.0, 0.95 * avail.width() / width, 0.95 * avail.height() / height)
        width, height = int(width * scale), int(height * scale)
    return width, height


@dataclass
class Launched:
    ui: KioskUi
    services: UiServices
    guard: CloseGuard


def launch(services: UiServices, *, fullscreen: bool = False, camera: str | None = None) -> Launched:
    """The window on `services` (built by kiosk.app), shown, with the outbox worker started beside it:
    everything `run_kiosk` does before the event loop. The worker sends queued dossiers with back-off,
    pulls statuses and orders deliveries by post when results are ready."""
    app = application()
    config = services.config
    ui = create_ui(services, camera=camera, size=window_size(config))
    if services.worker is not None:
        services.worker.start()
    # Locked session: only staff mode (or SIGTERM) closes the window; full screen stays full screen.
    guard = CloseGuard(ui.window, keep_full_screen=bool(fullscreen or config.ui.fullscreen))
    ui.staff.exitRequested.connect(guard.quitter(app))  # "Exit to desktop", behind the staff PIN
    if fullscreen or config.ui.fullscreen:
        fill_screen(ui.window)
    else:
        ui.window.show()
    log.info("kiosk running (portal %s, camera %s)", services.portal_url, camera or config.camera.source)
    return Launched(ui, services, guard)


def land(launched: Launched) -> None:
    """After the event loop: the window, then the worker (the services are closed by whoever built them)."""
    try:
        launched.ui.close()
    finally:
        if launched.services.worker is not None:
            launched.services.worker.stop()


def supervise(app: QGuiApplication, launched: Launched) -> Callable[[], None]:
    """SIGTERM/SIGINT quit through the close guard (a service manager stops the kiosk so: camera thread,
    background tasks and sandbox shut down in order); systemd's watchdog is fed only while the event loop
    turns. Python only sees signals when it runs, so a timer lets the interpreter look at them regularly.
    Returns the function that ends the supervision."""
    signal.signal(signal.SIGTERM, launched.guard.quitter(app))
    signal.signal(signal.SIGINT, launched.guard.quitter(app))
    wake = QTimer(interval=250)
    heartbeat = Heartbeat(max_age_s=30)
    wake.timeout.connect(heartbeat.beat)
    wake.start()
    watchdog = Watchdog(heartbeat.alive).start()
    notify("READY=1")

    def stop() -> None:
        watchdog.stop()
        wake.stop()

    return stop


def run_kiosk(services: UiServices, *, fullscreen: bool = False, camera: str | None = None) -> int:
    """Show the kiosk on `services` until it quits (`kiosk run` shows a start screen first: fast_start)."""
    app = application()
    launched = launch(services, fullscreen=fullscreen, camera=camera)
    stop = supervise(app, launched)
    try:
        return app.exec()
    finally:
        stop()
        land(launched)
