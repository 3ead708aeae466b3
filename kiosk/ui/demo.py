"""`kiosk demo`: drive a whole citizen journey offscreen against the sandbox and keep a PNG of each screen.

The demo goes through the same view-model slots that the QML buttons call, with the real camera loop
(sample images played as a camera), the real outbox and the real portal client, so a green demo means
the journey works. It exits 0 only if the dossier reached the portal.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import requests
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtQuick import QQuickWindow

from kiosk.capture.doc_samples import sample_documents_dir
from kiosk.capture.frames import FrameSource, ImageSequenceSource
from kiosk.capture.resources import sample_cards_dir
from kiosk.sandbox.samples import sample_answers
from kiosk.ui.services import UiServices
from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi, application, create_ui

log = logging.getLogger(__name__)

# Đăng ký thường trú: proof of lodging on paper, a 10.000 đ fee, the result can come by post.
DEMO_PROCEDURE = "1.004194.000.00.00.H26"
ORIENTATIONS = {"portrait": PORTRAIT, "landscape": LANDSCAPE}
#: `kiosk demo --all`: the journey again per variant, its screenshots named with the suffix
#: (``portrait_05_confirm_details-text150.png``); the settings are `kiosk.access` properties.
VARIANTS: dict[str, dict[str, object]] = {
    "": {}, "-text150": {"textScale": 1.5}, "-contrast": {"highContrast": True}, "-pseudo": {},
    # The hardest case at once: 150 % text, high contrast, English (`--variant en150hc`).
    "-en150hc": {"textScale": 1.5, "highContrast": True, "language": "en"},
}


class DemoFailed(RuntimeError):
    pass


def demo_camera(speed: float = 1.0) -> FrameSource:
    """An empty desk first (so the live screen shows its guidance), then Nguyễn Văn An's card. `speed`
    plays it that many times faster (the same frames, sooner)."""
    cards = sample_cards_dir()
    return ImageSequenceSource([cards / "91_empty_desk.png", cards / "01_nguyen_van_an_front.png"],
                               repeat_each=12, fps=8.0 * speed, name="demo")


def demo_document_camera() -> FrameSource:
    """The sample document photos, each lying under the camera for a few seconds (not faster: each page
    must be found, captured and processed before the next one lies there)."""
    return ImageSequenceSource(sorted(sample_documents_dir().glob("*.jpg")), repeat_each=15, fps=5.0,
                               name="demo documents")


def spin(ms: int) -> None:
    """Run the event loop for `ms` milliseconds.

    Not QTest.qWait: PySide6 keeps the GIL for the whole of a qWait, so the camera thread and the page
    processing (Python + NumPy) crawl at a tenth of their speed meanwhile (measured: 562 vs 6,514 rounds
    of a NumPy loop in 2 s). QEventLoop.exec() lets the GIL go while it waits for events.
    """
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def drawn_frame(window: QQuickWindow, timeout_ms: int = 5000) -> None:
    """Run the event loop until `window` has drawn a frame asked for now: its layouts are polished and its
    list delegates made, as a person would see it (or `timeout_ms` passed: a window that draws nothing
    more fails the caller's next wait, not this one)."""
    loop = QEventLoop()
    deadline = QTimer(loop, singleShot=True, interval=timeout_ms)
    deadline.timeout.connect(loop.quit)
    window.frameSwapped.connect(loop.quit)
    try:
        deadline.start()
        window.update()
        loop.exec()  # lets the GIL go while it waits, as `spin` does
    finally:
        deadline.stop()
        window.frameSwapped.disconnect(loop.quit)


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise DemoFailed(f"timed out waiting for {what}")
        spin(30)


class Journey:
    def __init__(self, ui: KioskUi, services: UiServices, out_dir: Path, prefix: str) -> None:
        self.ui = ui
        self.kiosk = ui.peers
        self.services = services
        self.out_dir = out_dir
        self.prefix = prefix
        self.shots: list[Path] = []
        self.suffix = ""  # a `VARIANTS` key

    def shot(self, name: str) -> Path:
        drawn_frame(self.ui.window)  # the screen as a person sees it: laid out, its lists filled
        path = self.out_dir / f"{self.prefix}_{len(self.shots) + 1:02d}_{name}{self.suffix}.png"
        image = self.ui.window.grabWindow()
        if image.isNull() or not image.save(str(path)):
            raise DemoFailed(f"could not write screenshot {path}")
        self.shots.append(path)
        return path

    def screen_is(self, name: str, timeout_s: float = 10.0) -> None:
        wait_until(lambda: self.kiosk.context.screen == name, timeout_s, f"screen {name!r}")

    def run(self) -> str:
        k = self.kiosk
        wait_until(lambda: k.procedures.state == "ready", 20, "the procedure catalogue")
        self.shot("attract")
        k.visit.touchAttract()
        self.screen_is("home")
        self.shot("home")
        # The reference procedure is one of the home screen's six: one tap, then the card.
        self.ui.journey.startWith(DEMO_PROCEDURE)
        wait_until(lambda: k.card.property("frameTick") >= 3, 10, "camera frames")
        self.shot("read_card")
        self.screen_is("confirm", 30)
        self.shot("confirm_details")
        k.card.confirm()
        self.screen_is("form")
        self.shot("form_prefilled")
        self.fill_form_like_a_citizen()
        self.shot("form_filled")
        k.form.submit()
        self.screen_is("documents")
        self.capture_documents()
        k.dossier.documentsDone()
        self.screen_is("delivery")
        self.choose_delivery_by_post()
        k.dossier.deliveryDone()
        self.screen_is("review")
        k.dossier.setConsent(True)
        self.shot("review")
        k.dossier.submit()
        self.screen_is("payment", 30)
        code = str(k.dossier.code)
        if not code:
            raise DemoFailed("the dossier was queued but the portal did not confirm it")
        wait_until(lambda: k.payment.state == "waiting", 30, "the VietQR payment request")
        self.shot("payment")
        # The citizen pays with a banking app; in the sandbox the training admin endpoint stands in.
        requests.post(f"{self.services.portal_url}/sandbox/admin/payments/{quote(code, safe='')}/pay",
                      timeout=10).raise_for_status()
        self.screen_is("receipt", 30)
        self.shot("receipt")
        k.visit.finish()
        self.screen_is("feedback")
        self.shot("feedback")
        k.visit.giveFeedback(5, "")
        self.screen_is("attract")
        self.shot("after_finish")
        return str(code)

    def choose_delivery_by_post(self) -> None:
        d = self.kiosk.delivery
        d.chooseMethod("post")
        d.setField("phone", "0912345678")
        d.chooseProvince("01")
        d.searchCommunes("nghia do")
        communes = d.communes.rows()
        if not communes:
            raise DemoFailed("no commune matches 'nghia do' in Hà Nội")
        d.chooseCommune(communes[0]["code"])
        d.setField("street", "Số 12 ngõ 34 Hoàng Quốc Việt")
        wait_until(lambda: bool(d.property("quoteText")), 20, "the postage quote")
        self.shot("delivery")

    def capture_documents(self) -> None:
        """The sample document camera plays a page at 221 dpi, then one too far away (148 dpi): the first
        is auto-captured, the second too and flagged; the citizen retakes it on the scanner."""
        docs = self.kiosk.documents
        pages = docs.pages
        wait_until(lambda: docs.property("liveState") in ("hold_still", "captured") or pages.rowCount() > 0,
                   120, "the document camera to find the page")
        self.shot("documents_live")
        wait_until(lambda: pages.rowCount() >= 1, 120, "the first page")
        wait_until(lambda: pages.rowCount() >= 2, 120, "the second page")
        docs.setAutoCapture(False)
        wait_until(lambda: not docs.property("processing"), 30, "page processing")
        self.shot("documents_low_dpi")
        if not any(row["lowDpi"] for row in pages.rows()):
            raise DemoFailed("the far-away page was not flagged below 200 dpi")
        low = next(i for i, row in enumerate(pages.rows()) if row["lowDpi"])
        if docs.property("scannerAvailable"):
            docs.retakePage(low)
            docs.scanOne()
            wait_until(lambda: not docs.property("scanning") and pages.rowCount() >= 2, 60, "the scan")
        else:
            docs.deletePage(low)
        for extra in range(pages.rowCount() - 1, 1, -1):
            docs.deletePage(extra)  # a third page the camera may have caught meanwhile
        self.shot("documents_done")

    def fill_form_like_a_citizen(self) -> None:
        catalogue = self.services.portal.get_catalogue()
        procedure = catalogue.find(DEMO_PROCEDURE)
        if procedure is None:
            raise DemoFailed(f"procedure {DEMO_PROCEDURE} is not in the catalogue")
        answers = sample_answers(procedure)
        for row in self.kiosk.form.model.rows():
            if row["value"] not in ("", None):
                continue  # prefilled from the card: the citizen leaves it
            value = answers[row["name"]]
            if row["type"] == "checkbox":
                self.kiosk.form.setChecked(row["name"], bool(value))
            else:
                self.kiosk.form.setAnswer(row["name"], str(value))


def run_demo(services: UiServices, *, screenshots: Path, orientations: list[str] | None = None,
             camera: str | None = None, all_variants: bool = False, pseudo: bool = False,
             variant: str | None = None, card_camera_speed: float = 1.0) -> int:
    """One journey per orientation; with `all_variants` also at 150 % text, high contrast and pseudo-
    translated; with `pseudo` every journey pseudo-translated. The services (kiosk.app.run_demo builds
    them) are the kiosk's own, outbox worker included: it runs in the background as on a real kiosk.
    The sample card camera plays in real time unless `card_camera_speed` says faster (tests: the same
    frames in a third of the time)."""
    application()
    screenshots.mkdir(parents=True, exist_ok=True)
    if services.worker is not None:
        services.worker.start()
    codes: list[str] = []
    shots: list[Path] = []
    try:
        for name in orientations or list(ORIENTATIONS):
            for suffix in VARIANTS if all_variants else [f"-{variant}" if variant else ""]:
                ui = create_ui(services, camera=camera, size=ORIENTATIONS[name],
                               pseudo=True if pseudo or suffix == "-pseudo" else None)
                for key, value in VARIANTS[suffix].items():
                    if key == "language":
                        ui.peers.visit.switchLanguage(str(value))
                    else:
                        ui.peers.accessibility.setProperty(key, value)
                if camera is None:
                    ui.peers.card.set_camera_opener(lambda: demo_camera(card_camera_speed))
                    ui.peers.documents.set_camera_opener(demo_document_camera)
                ui.window.show()
                journey = Journey(ui, services, screenshots, name)
                journey.suffix = suffix
                try:
                    code = journey.run()
                finally:
                    ui.close()
                    shots += journey.shots
                status = services.portal.get_dossier(code)
                print(f"{name}{suffix}: dossier {code} reached the portal (status {status.status}); "
                      f"screenshots in {screenshots}")
                codes.append(code)
        if all_variants:
            write_contact_sheet(screenshots / "index.html", shots)
    except DemoFailed as error:
        print(f"demo failed: {error}")
        return 1
    finally:
        if services.worker is not None:
            services.worker.stop()
    return 0 if codes else 1


def write_contact_sheet(path: Path, shots: list[Path]) -> None:
    """index.html: each screen in a row, its variants side by side (plain, 150 %, contrast, pseudo)."""
    rows: dict[str, list[Path]] = {}
    for shot in shots:
        stem = shot.stem
        for suffix in VARIANTS:
            if suffix and stem.endswith(suffix):
                stem = stem[: -len(suffix)]
        rows.setdefault(stem, []).append(shot)
    cells = "\n".join(
        "<tr><th>" + html.escape(stem) + "</th>" + "".join(
            f'<td><a href="{quote(s.name)}"><img src="{quote(s.name)}" loading="lazy"></a>'
            f"<br>{html.escape(s.stem[len(stem):] or 'plain')}</td>" for s in group) + "</tr>"
        for stem, group in sorted(rows.items()))
    path.write_text(
        "<!doctype html><meta charset=utf-8><title>kiosk demo --all</title>"
        "<style>img{width:270px;border:1px solid #999}td,th{vertical-align:top;font:13px sans-serif}</style>"
        f"<table>{cells}</table>\n", encoding="utf-8")
