"""The live camera behind the ID-card screen: a worker thread that reads frames, feeds the scan session
and hands the newest frame to QML through an image provider."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection

import cv2
import numpy as np
from PySide6.QtCore import QSize, QThread, Signal
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.capture.card_scan import CardScanSession, ScanFeedback
from kiosk.capture.frames import FrameSource, FrameSourceError
from kiosk.capture.receipt_qr import read_procedure_code

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 960  # enough for the screen; the decoder always sees the full frame


def to_qimage(frame: np.ndarray, width: int = PREVIEW_WIDTH) -> QImage:
    if frame.shape[1] > width:
        # Every second pixel first while the frame is over twice the preview's width: INTER_AREA over a
        # whole 12 MP frame cost ~40 ms per preview frame; from a quarter of the pixels it looks the same
        # on screen (the lens has already blurred finer detail) and costs a quarter.
        while frame.shape[1] >= 4 * width:
            frame = frame[::2, ::2]
        height = round(frame.shape[0] * width / frame.shape[1])
        frame = cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    h, w, _ = rgb.shape
    # copy(): the QImage must own its pixels once the numpy buffer goes away.
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class LatestFrameProvider(QQuickImageProvider):
    """`image://camera/<anything>`: the newest preview frame. QML bumps the URL to refresh."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self._image = QImage()

    def set_image(self, image: QImage) -> None:
        with self._lock:
            self._image = image

    def clear(self) -> None:
        self.set_image(QImage())

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        with self._lock:
            image = self._image
        if image.isNull():
            image = QImage(16, 9, QImage.Format.Format_RGB888)
            image.fill(0x202833)
        return image


class FrameLoopWorker(QThread):
    """A camera on its own thread: opens the source, shows each frame in the preview, hands it to
    `handle` (which returns True to stop), and always closes the source. Subclasses add their signals."""

    frameReady = Signal()
    failed = Signal(str)  # hint code, e.g. "camera_problem"

    def __init__(self, open_source: Callable[[], FrameSource], provider: LatestFrameProvider) -> None:
        super().__init__()
        self._open_source = open_source
        self._provider = provider
        self._stop = threading.Event()

    def stop(self, msecs: int = 10000) -> None:
        self._stop.set()
        self.wait(msecs)

    def retire(self) -> None:
        """Stop the thread and let Qt delete the object once its queued signals are gone."""
        self.stop()
        self.deleteLater()

    def handle(self, frame: np.ndarray) -> bool:
        """What each subclass does with a frame (decode a card, find a page, read a QR); True stops the
        loop. Deliberately abstract: the base class only owns the thread, the source and the preview
        (an ABC metaclass does not mix with QThread's)."""
        raise NotImplementedError(f"{type(self).__name__} must implement handle()")

    def run(self) -> None:
        try:
            source = self._open_source()
            source.open()
        except (FrameSourceError, OSError) as error:
            log.warning("camera %s could not start: %s", type(self).__name__, error)
            self.failed.emit("camera_problem")
            return
        try:
            while not self._stop.is_set():
                frame = source.read()
                if frame is None:
                    time.sleep(0.05)
                    continue
                self._provider.set_image(to_qimage(frame))
                self.frameReady.emit()
                if self.handle(frame):
                    break
        finally:
            source.close()


class CameraWorker(FrameLoopWorker):
    """The ID-card camera. Emits `feedback` for every decoded frame; the reading itself travels inside the
    ScanFeedback (accepted state), after which the worker stops."""

    feedback = Signal(object)   # ScanFeedback

    def __init__(self, open_source: Callable[[], FrameSource], session: CardScanSession,
                 provider: LatestFrameProvider) -> None:
        super().__init__(open_source, provider)
        self._session = session

    def handle(self, frame: np.ndarray) -> bool:
        fb: ScanFeedback = self._session.feed(frame)
        self.feedback.emit(fb)
        return fb.state == "accepted"


class GuideQrWorker(FrameLoopWorker):
    """On the procedure list: a printed guide's QR held up to the card camera picks the procedure."""

    procedureFound = Signal(str)

    def __init__(self, open_source: Callable[[], FrameSource], provider: LatestFrameProvider,
                 known: Collection[str]) -> None:
        super().__init__(open_source, provider)
        self._known = frozenset(known)

    def handle(self, frame: np.ndarray) -> bool:
        code = read_procedure_code(frame, self._known)
        if code is not None:
            self.procedureFound.emit(code)
        return code is not None
