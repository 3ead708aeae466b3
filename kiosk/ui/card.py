"""The ID card reading (QML: `card`): the card camera, what the citizen is told while it reads, and the
details read from the card or typed, on the confirm screen.

The card camera is also the one a printed guide's QR code is shown to on the procedure list: this peer
owns the camera, so it plays that role too and says `guideQrRead(code)`; the procedures peer chooses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.capture.card_scan import CardScanSession, ScanFeedback
from kiosk.capture.frames import FrameSource
from kiosk.ui.camera import CameraWorker, FrameLoopWorker, GuideQrWorker, LatestFrameProvider
from kiosk.ui.context import KioskContext
from kiosk.ui.flow import APPLICANT_FIELDS, Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.texts import applicant_label, card_hint, message, say

log = logging.getLogger(__name__)


class CardPeer(QObject):
    changed = Signal()
    frameTickChanged = Signal()
    guideQrRead = Signal(str)  # a procedure code, from a printed guide shown on the procedure list

    def __init__(self, context: KioskContext, *, open_camera: Callable[[], FrameSource],
                 frames: LatestFrameProvider) -> None:
        super().__init__(context)
        self._context = context
        self._open_camera = open_camera
        self._frames = frames
        self._camera: FrameLoopWorker | None = None
        self._scan = CardScanSession()
        self._state = "searching"
        self._hint = "show_card"
        self._frame_tick = 0
        self.applicant = DictListModel(("name", "label", "value", "fromCard"), self)
        context.holds_citizen_data(self)
        context.flow.subscribe(self._on_screen)
        context.languageChanged.connect(self._relabel)
        context.catalogueChanged.connect(self._on_catalogue)

    # ------------------------------------------------------------------ the camera
    def set_camera_opener(self, open_camera: Callable[[], FrameSource]) -> None:
        """Swap the camera (staff choosing another device; the demo playing its own images)."""
        self._open_camera = open_camera

    def open_camera(self) -> FrameSource:
        """The card camera as it is now (the check screen reads a receipt's QR code with it)."""
        return self._open_camera()

    @property
    def frames(self) -> LatestFrameProvider:
        """The card camera's latest picture (QML's image://camera; the camera health check looks at it)."""
        return self._frames

    @property
    def camera_running(self) -> bool:
        return self._camera is not None

    def stop(self) -> None:
        worker, self._camera = self._camera, None
        if worker is not None:
            worker.retire()

    def clear(self) -> None:
        """The wipe: no camera, no reading, no details, no last frame."""
        self.stop()
        self._scan.reset()
        self._frames.clear()
        self.applicant.set_rows([])
        self._state, self._hint = "searching", "show_card"
        self.changed.emit()

    def _start_reading(self) -> None:
        self.stop()
        self._scan.reset()
        self._state, self._hint = "searching", "show_card"
        self.changed.emit()
        worker = CameraWorker(self._open_camera, self._scan, self._frames)
        worker.feedback.connect(self._on_feedback)
        worker.frameReady.connect(self._on_frame)
        worker.failed.connect(self._on_camera_failed)
        self._camera = worker
        worker.start()

    def _start_guide_reading(self) -> None:
        catalogue = self._context.catalogue
        self.stop()
        if catalogue is None:
            return
        worker = GuideQrWorker(self._open_camera, self._frames, [p.code for p in catalogue.procedures])
        worker.procedureFound.connect(self._on_guide_qr)
        worker.frameReady.connect(self._on_frame)
        self._camera = worker
        worker.start()

    def _on_catalogue(self) -> None:
        if self._context.flow.screen is Screen.PROCEDURE and self._camera is None:
            self._start_guide_reading()

    def _on_screen(self, screen: Screen) -> None:
        if screen is Screen.READ_CARD:
            self._start_reading()
        elif screen is Screen.PROCEDURE:
            self._start_guide_reading()
        else:
            self.stop()
        if screen is Screen.CONFIRM:
            self._fill()
            self.changed.emit()

    def _on_guide_qr(self, code: str) -> None:
        if self._context.flow.screen is Screen.PROCEDURE and self.sender() is self._camera:
            self.guideQrRead.emit(code)

    def _on_frame(self) -> None:
        self._frame_tick += 1
        self.frameTickChanged.emit()

    def _on_feedback(self, fb: ScanFeedback) -> None:
        if self._context.flow.screen is not Screen.READ_CARD or self.sender() is not self._camera:
            return  # a late frame from a camera that was already stopped
        self._state, self._hint = fb.state, fb.hint_code
        self.changed.emit()
        if fb.state == "accepted" and fb.reading is not None:
            self._context.flow.card_accepted(fb.reading)

    def _on_camera_failed(self, hint: str) -> None:
        self._state, self._hint = "searching", hint
        self.changed.emit()

    # ------------------------------------------------------------------ the details
    def _fill(self) -> None:
        session, lang = self._context.flow.session, self._context.lang
        rows = []
        for name in APPLICANT_FIELDS:
            field = session.applicant[name]
            rows.append({"name": name, "label": applicant_label(name, lang), "value": field.value,
                         "fromCard": field.from_card})
        self.applicant.set_rows(rows)

    def _relabel(self) -> None:
        lang = self._context.lang
        for i, row in enumerate(self.applicant.rows()):
            self.applicant.update_row(i, label=applicant_label(row["name"], lang))
        self.changed.emit()

    @Slot()
    def typeInstead(self) -> None:
        self._context.flow.type_instead()

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        flow = self._context.flow
        flow.edit_field(name, value)
        row = self.applicant.find("name", name)
        field = flow.session.applicant[name]
        self.applicant.update_row(row, value=field.value, fromCard=field.from_card)

    @Slot()
    def confirm(self) -> None:
        if self._context.flow.missing_fields():
            self._context.tell(message("missing_fields", self._context.lang))
            return
        self._context.flow.confirm_details()

    # ------------------------------------------------------------------ for QML
    def _get_hint(self) -> str:
        return card_hint(self._hint, self._context.lang)

    def _get_state(self) -> str:
        return self._state

    def _get_frame_tick(self) -> int:
        return self._frame_tick

    def _get_warnings(self) -> list[str]:
        reading = self._context.flow.session.reading
        return [say(w.notice, self._context.lang) for w in reading.warnings] if reading else []

    def _applicant_model(self) -> QObject:
        return self.applicant

    hint = Property(str, _get_hint, notify=changed)
    state = Property(str, _get_state, notify=changed)
    frameTick = Property(int, _get_frame_tick, notify=frameTickChanged)
    warnings = Property("QStringList", _get_warnings, notify=changed)  # type: ignore[arg-type]
    applicantModel = Property(QObject, _applicant_model, constant=True)
