"""The Qt side of `kiosk bench soak`: one real kiosk UI walked through journey after journey.

Each journey goes attract → language → home → read card → confirm → procedure → … → receipt → attract
through the same slots the QML buttons call, with the card camera playing a sample card, the real outbox
and the sandbox portal over HTTP. It reacts to whatever screen the flow shows, so screens added to the
journey later need one entry in `SoakDriver.actions`, not a new script.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtQuick import QQuickItem

from kiosk.bench.soak import SoakResult, SoakSample, run_soak
from kiosk.capture.frames import FrameSource, ImageSequenceSource
from kiosk.capture.resources import sample_cards_dir
from kiosk.config import KioskConfig
from kiosk.sandbox.samples import sample_answers
from kiosk.ui.demo import drawn_frame, spin
from kiosk.ui.services import UiServices
from kiosk.ui.window import PORTRAIT, KioskUi, application, create_ui

#: Xác nhận tình trạng hôn nhân: no fee and no mandatory documents, so a journey takes seconds.
SOAK_PROCEDURE = "1.004873.000.00.00.H26"
SCREEN_TIMEOUT_S = 45.0


class SoakFailed(RuntimeError):
    pass


def soak_camera() -> FrameSource:
    return ImageSequenceSource([sample_cards_dir() / "01_nguyen_van_an_front.png"], repeat_each=3, fps=15.0,
                               name="soak")


class SoakDriver:
    def __init__(self, ui: KioskUi, services: UiServices) -> None:
        self.ui = ui
        self.kiosk = ui.peers
        self.services = services
        k = self.kiosk
        self.actions: dict[str, Callable[[], None]] = {
            "language": lambda: k.visit.chooseLanguage("vi"),
            "home": k.dossier.start,
            "readCard": lambda: None,  # the camera reads the card by itself
            "confirm": k.card.confirm,
            "procedure": lambda: k.procedures.choose(SOAK_PROCEDURE),
            "procedureInfo": k.form.begin,
            "form": self.fill_and_submit,
            "documents": k.dossier.documentsDone,  # this procedure's documents are all optional
            "delivery": self.online_delivery,
            "review": self.consent_and_submit,
            "receipt": k.visit.finish,
            "feedback": self.rate,
        }

    def wait(self, condition: Callable[[], bool], what: str, timeout_s: float = SCREEN_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise SoakFailed(f"timed out waiting for {what} (screen {self.kiosk.context.screen!r})")
            spin(10)

    def journey(self, index: int) -> None:
        k = self.kiosk
        if k.context.screen != "attract":
            k.visit.startOver()
        self.wait(lambda: k.procedures.state == "ready", "the procedure catalogue")
        k.visit.touchAttract()
        left_attract = False
        while True:
            screen = k.context.flow.screen.value
            if screen == "attract":
                if left_attract:
                    return
            else:
                left_attract = True
            self.settle()
            action = self.actions.get(screen)
            if action is None:
                raise SoakFailed(f"journey {index}: no soak action for screen {screen!r}")
            action()
            self.wait(self.left(screen), f"leaving {screen!r}")

    def settle(self) -> None:
        """Let the screen load and render before tapping, as a citizen would: leaving a screen within
        milliseconds cancels its list delegates mid-creation, which Qt reports as warnings. One frame
        drawn after the screen loaded means its layouts were polished and its delegates made (a fixed
        100 ms pause did this before: 1.2 s of every journey)."""
        loader = self.ui.window.findChild(QQuickItem, "screenLoader")
        self.wait(lambda: loader is None or loader.property("item") is not None, "the screen to load")
        drawn_frame(self.ui.window)

    def left(self, screen: str) -> Callable[[], bool]:
        """True once the flow moved on from `screen` and nothing is being sent."""
        k = self.kiosk
        return lambda: k.context.flow.screen.value != screen and not k.context.busy_now

    def fill_and_submit(self) -> None:
        k = self.kiosk
        catalogue = self.services.portal.get_catalogue()
        procedure = catalogue.find(SOAK_PROCEDURE)
        if procedure is None:
            raise SoakFailed(f"procedure {SOAK_PROCEDURE} is not in the catalogue")
        answers = sample_answers(procedure)
        for row in k.form.model.rows():
            if row["value"] in ("", None):
                if row["type"] == "checkbox":
                    k.form.setChecked(row["name"], bool(answers[row["name"]]))
                else:
                    k.form.setAnswer(row["name"], str(answers[row["name"]]))
        k.form.submit()

    def online_delivery(self) -> None:
        self.kiosk.delivery.chooseMethod("online")
        self.kiosk.dossier.deliveryDone()

    def consent_and_submit(self) -> None:
        self.kiosk.dossier.setConsent(True)
        self.kiosk.dossier.submit()

    def rate(self) -> None:
        self.kiosk.visit.giveFeedback(5, "")


def run_soak_ui(services: UiServices, journeys: int, *, warmup: int | None = None,
                progress: Callable[[SoakSample], None] | None = None) -> SoakResult:
    """N journeys in one kiosk UI (portrait, offscreen when QT_QPA_PLATFORM says so) on `services`
    (soak_kiosk builds them against the config's portal, the sandbox unless configured)."""
    application()
    ui = create_ui(services, size=PORTRAIT)
    try:
        ui.peers.card.set_camera_opener(soak_camera)
        ui.window.show()
        driver = SoakDriver(ui, services)
        return run_soak(driver.journey, journeys, warmup=warmup, progress=progress)
    finally:
        ui.close()


def soak_kiosk(config: KioskConfig, journeys: int, **options: Any) -> SoakResult:
    """`kiosk bench soak`: N journeys in one window on the kiosk's own services (built by kiosk.app)."""
    from kiosk.app import build_services

    services = build_services(config)
    try:
        return run_soak_ui(services, journeys, **options)
    finally:
        services.close()
