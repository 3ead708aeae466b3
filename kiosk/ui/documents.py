"""The view-model behind the documents screen: one tab per dossier component, the document camera's live
view with auto-capture, the scanner, and the pages captured so far (reorder, delete, retake).

QML binds to `docs` (this object). The camera runs on its own thread; page processing (~0.5 s for a 12 MP
photo) and scans run on the task pool; results come back by signal. Pages stay in memory only and are
dropped by `clear()` when the session is wiped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import Property, QObject, QSize, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.capture.doc_capture import (
    CapturedPage,
    DocumentCameraSession,
    LiveFeedback,
    capture_from_camera,
    capture_from_scan,
    recrop,
)
from kiosk.capture.frames import FrameSource
from kiosk.capture.scanner_service import ScannerService, default_service
from kiosk.domain.documents import DEFAULT_CODE_PATTERN, DocumentMetadataError
from kiosk.domain.text import nfc
from kiosk.portal.models import RequiredDocument
from kiosk.sync.component_files import MetadataSource, entry_notice, validity_notice
from kiosk.ui.camera import FrameLoopWorker, LatestFrameProvider, to_qimage
from kiosk.ui.list_models import DictListModel
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import QT_TRANSLATE_NOOP, pick, say, say_all

log = logging.getLogger(__name__)

ADJUST_WIDTH = 1400  # px of the photo shown for dragging corners (a finger is not more precise)

TEXTS: dict[str, str] = {
    "camera_problem": QT_TRANSLATE_NOOP("Texts", "Không mở được camera tài liệu. Hãy dùng máy quét hoặc gọi "
                                                 "nhân viên."),
    "processing": QT_TRANSLATE_NOOP("Texts", "Đang xử lý trang…"),
    "scanning": QT_TRANSLATE_NOOP("Texts", "Đang quét… (bấm Dừng để hủy)"),
    "no_scanner": QT_TRANSLATE_NOOP("Texts", "Kiosk này không có máy quét."),
    "missing": QT_TRANSLATE_NOOP("Texts", "Còn thiếu giấy tờ bắt buộc: {names}"),
    "low_dpi": QT_TRANSLATE_NOOP("Texts", "Có trang chụp chưa đủ rõ (đánh dấu ⚠). Hãy chụp lại gần hơn hoặc "
                                          "dùng máy quét."),
    "folded": QT_TRANSLATE_NOOP("Texts", "Trang ⚠ có vẻ bị gấp: trải phẳng và chụp lại, hoặc giữ nửa này."),
    "bad_photo": QT_TRANSLATE_NOOP("Texts", "Không xử lý được ảnh này. Hãy chụp lại."),
    "scanned": QT_TRANSLATE_NOOP("Texts", "Đã quét {n} trang."),
    "no_corners": QT_TRANSLATE_NOOP("Texts", "Trang quét bằng máy quét không cần sửa mép giấy."),
    "metadata": QT_TRANSLATE_NOOP("Texts", "{name}: xin điền {what}."),
}


class PageImageProvider(QQuickImageProvider):
    """`image://pages/<page id>`: the thumbnail of a captured page."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self._images: dict[str, QImage] = {}

    def put(self, page_id: str, thumbnail: np.ndarray) -> None:
        image = to_qimage(thumbnail, width=thumbnail.shape[1])
        with self._lock:
            self._images[page_id] = image

    def drop(self, page_id: str) -> None:
        with self._lock:
            self._images.pop(page_id, None)

    def clear(self) -> None:
        with self._lock:
            self._images.clear()

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        with self._lock:
            image = self._images.get(id.split("/")[0])
        if image is None:
            image = QImage(3, 4, QImage.Format.Format_RGB888)
            image.fill(0xE8ECF2)
        return image


class DocumentCameraWorker(FrameLoopWorker):
    """The document camera: live feedback, and the full-resolution frame whenever a picture is taken
    (automatically, or on `capture_next()` from the button)."""

    feedback = Signal(object)  # LiveFeedback
    captured = Signal(object)  # np.ndarray, full resolution

    def __init__(self, open_source: Callable[[], FrameSource], session: DocumentCameraSession,
                 provider: LatestFrameProvider) -> None:
        super().__init__(open_source, provider)
        self._session = session
        self._manual = threading.Event()

    def capture_next(self) -> None:
        self._manual.set()

    def handle(self, frame: np.ndarray) -> bool:
        fb = self._session.feed(frame)
        self.feedback.emit(fb)
        if fb.capture or self._manual.is_set():
            self._manual.clear()
            self._session.captured()
            self.captured.emit(frame.copy())
        return False


class DocumentsViewModel(QObject):
    changed = Signal()
    liveChanged = Signal()
    frameTickChanged = Signal()
    pagesChanged = Signal()
    # The citizen is busy with paper (a page laid down, captured, scanned) without touching the screen:
    # the idle timer must not wipe their session meanwhile.
    activity = Signal()

    def __init__(self, *, tasks: TaskRunner, open_camera: Callable[[], FrameSource],
                 frames: LatestFrameProvider, thumbnails: PageImageProvider, scanner_device: str,
                 language: Callable[[], str], parent: QObject | None = None,
                 scanner_service: ScannerService | None = None) -> None:
        super().__init__(parent)
        # The scanner runs in its own process with a deadline per page: a stuck driver gives the citizen
        # "Máy quét không phản hồi…" and keeps the pages already scanned, never a frozen screen.
        self._scanner_service = scanner_service
        self._tasks = tasks
        self._open_camera = open_camera
        self._frames = frames
        self._thumbs = thumbnails
        self._scanner_setting = scanner_device
        self._scanner: str | None = None
        self._lang = language
        self._session = DocumentCameraSession()
        self._camera: DocumentCameraWorker | None = None
        self._required: list[RequiredDocument] = []
        self._pages: dict[str, list[CapturedPage]] = {}
        self._current = 0
        self._insert_at: int | None = None
        self._live: LiveFeedback | None = None
        self._live_problem = ""
        self._frame_tick = 0
        self._processing = 0
        self._scan_job: Any = None
        self._status = ""
        self._generation = 0  # bumped on clear(): late results of a wiped session are dropped
        self._adjust: tuple[int, str] | None = None  # (index, page id) whose corners are being dragged
        self._adjust_corners: list[float] = []
        self.components = DictListModel(
            ("typeCode", "name", "mandatory", "pageCount", "ready", "lowDpi"), self)
        self.pages = DictListModel(
            ("pageId", "thumb", "dpi", "lowDpi", "folded", "warning", "source", "number"), self)
        # Decree 107 metadata: what the rule of the shown component still needs (number, dates…), typed by
        # the citizen or the assisting clerk, and the summary and validity as they stand.
        self.metaFields = DictListModel(("name", "label", "value", "required", "isDate"), self)
        self._metadata: MetadataSource | None = None
        self._entries: dict[str, dict[str, str]] = {}
        #: The document-code pattern from the configuration (portal.document_code_pattern).
        self.code_pattern = DEFAULT_CODE_PATTERN

    # ------------------------------------------------------------------ life cycle
    def set_camera_opener(self, open_camera: Callable[[], FrameSource]) -> None:
        self._open_camera = open_camera

    def begin(self, required: Sequence[RequiredDocument], pages: dict[str, list[Any]],
              metadata: MetadataSource | None = None) -> None:
        """The documents screen opens for a procedure (again, when coming back from the review).
        `metadata` says where each component's Decree 107 metadata comes from; what it lacks is asked."""
        self._metadata = metadata
        self._required = list(required)
        self._pages = {doc.type_code: list(pages.get(doc.type_code, [])) for doc in self._required}
        for page in (p for group in self._pages.values() for p in group):
            self._thumbs.put(page.id, page.thumbnail)
        self._current = 0
        self._insert_at = None
        self._status = ""
        self._refresh()
        self._find_scanner()
        self._start_camera()

    def end(self) -> None:
        """Leaving the screen: the camera goes off (pages stay in the session)."""
        self._stop_camera()
        self._cancel_scan()

    def clear(self) -> None:
        """Wipe: forget every page and thumbnail of this citizen."""
        self._generation += 1
        self.end()
        self._adjust = None
        self._pages = {}
        self._required = []
        self._entries = {}
        self._metadata = None
        self.metaFields.set_rows([])
        self._thumbs.clear()
        self._frames.clear()
        self._status = ""
        self._live = None
        self.components.set_rows([])
        self.pages.set_rows([])
        self.changed.emit()
        self.liveChanged.emit()

    def pages_by_type(self) -> dict[str, list[CapturedPage]]:
        return {code: list(pages) for code, pages in self._pages.items() if pages}

    def problem(self) -> str:
        """Why the citizen cannot go on yet ("" when they can)."""
        lang = self._lang()
        missing = [doc.name.get(lang) for doc in self._required
                   if doc.mandatory and not self._pages.get(doc.type_code)]
        if missing:
            return pick(TEXTS["missing"], lang).format(names="; ".join(missing))
        if any(p.folded for group in self._pages.values() for p in group):
            return pick(TEXTS["folded"], lang)  # first: a retake flattened may also cure a low resolution
        if any(p.low_dpi for group in self._pages.values() for p in group):
            return pick(TEXTS["low_dpi"], lang)
        source = self.metadata_source()
        if source is not None:
            for doc in self._required:
                if not self._pages.get(doc.type_code):
                    continue
                gaps = source.missing(doc)
                if gaps:
                    what = ", ".join(say(entry_notice(gap.kind), lang).lower() for gap in gaps)
                    return pick(TEXTS["metadata"], lang).format(name=doc.name.get(lang), what=what)
                try:  # the rules themselves (an end before the issue date, a date in the future…)
                    source.metadata(doc, when=datetime.now(UTC).astimezone())
                except DocumentMetadataError as error:
                    first = error.problems[0]
                    return f"{doc.name.get(lang)}: {say(first.notice, lang)}"
        return ""

    # ------------------------------------------------------------------ Decree 107 metadata
    def entries(self) -> dict[str, dict[str, str]]:
        """What was typed per component (number, issue date…), for the metadata of the submission."""
        return {code: dict(values) for code, values in self._entries.items()}

    def metadata_source(self) -> MetadataSource | None:
        if self._metadata is None:
            return None
        return replace(self._metadata, entries=self.entries(), code_pattern=self.code_pattern)

    def _fill_meta(self) -> None:
        source, doc, lang = self.metadata_source(), self._doc(), self._lang()
        if source is None or doc is None:
            self.metaFields.set_rows([])
            return
        typed = self._entries.get(doc.type_code, {})
        self.metaFields.set_rows([{
            "name": entry.name, "label": say(entry_notice(entry.kind), lang),
            "value": typed.get(entry.name, ""), "required": entry.required, "isDate": entry.is_date,
        } for entry in source.entries_for(doc)])

    @Slot(str, str)
    def setMetaField(self, name: str, value: str) -> None:
        doc = self._doc()
        if doc is None:
            return
        self._entries.setdefault(doc.type_code, {})[name] = nfc(value).strip()
        row = self.metaFields.find("name", name)
        if row >= 0:
            self.metaFields.update_row(row, value=nfc(value).strip())
        self.changed.emit()

    def _get_meta_summary(self) -> str:
        source, doc = self.metadata_source(), self._doc()
        if source is None or doc is None:
            return ""
        lang = self._lang()
        summary, validity = source.preview(doc, lang)
        summary_label = pick(QT_TRANSLATE_NOOP("Texts", "Trích yếu"), lang)
        validity_label = pick(QT_TRANSLATE_NOOP("Texts", "Hiệu lực"), lang)
        return f"{summary_label}: {summary}\n{validity_label}: {say(validity_notice(validity), lang)}"

    def _get_meta_texts(self) -> dict[str, Any]:
        lang, doc, source = self._lang(), self._doc(), self.metadata_source()
        missing = bool(doc is not None and source is not None and source.missing(doc))
        return {
            "title": pick(QT_TRANSLATE_NOOP("Texts", "Thông tin giấy tờ"), lang),
            "open": pick(QT_TRANSLATE_NOOP("Texts", "Nhập số, ngày của giấy tờ (cần điền)") if missing
                         else QT_TRANSLATE_NOOP("Texts", "Nhập số, ngày của giấy tờ"), lang),
            "done": pick(QT_TRANSLATE_NOOP("Texts", "Xong"), lang),
            "short": pick(QT_TRANSLATE_NOOP("Texts", "✎ Số, ngày"), lang),
            "needed": missing,
            "hint": pick(QT_TRANSLATE_NOOP("Texts", "Ghi như trên giấy. Nhân viên có thể điền giúp."), lang),
        }

    metaSummary = Property(str, _get_meta_summary, notify=changed)
    metaTexts = Property("QVariantMap", _get_meta_texts, notify=changed)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ properties
    def _get_current(self) -> int:
        return self._current

    def _get_current_name(self) -> str:
        doc = self._doc()
        return doc.name.get(self._lang()) if doc else ""

    def _get_live_hint(self) -> str:
        if self._live_problem:
            return pick(TEXTS[self._live_problem], self._lang())
        return say(self._live.notice, self._lang()) if self._live else pick(TEXTS["processing"], self._lang())

    def _get_live_state(self) -> str:
        return "problem" if self._live_problem else (self._live.state if self._live else "no_page")

    def _get_quad(self) -> list[float]:
        if self._live is None or self._live.corners is None:
            return []
        return [v for point in self._live.corners for v in point]

    def _get_frame_tick(self) -> int:
        return self._frame_tick

    def _get_processing(self) -> bool:
        return self._processing > 0

    def _get_scanning(self) -> bool:
        return self._scan_job is not None

    def _get_scanner_available(self) -> bool:
        return self._scanner is not None

    def _get_status(self) -> str:
        return self._status

    def _get_problem(self) -> str:
        return self.problem()

    def _get_auto(self) -> bool:
        return self._session.auto

    def _get_retaking(self) -> bool:
        return self._insert_at is not None

    current = Property(int, _get_current, notify=changed)
    currentName = Property(str, _get_current_name, notify=changed)
    liveHint = Property(str, _get_live_hint, notify=liveChanged)
    liveState = Property(str, _get_live_state, notify=liveChanged)
    quad = Property("QVariantList", _get_quad, notify=liveChanged)  # type: ignore[arg-type]
    frameTick = Property(int, _get_frame_tick, notify=frameTickChanged)
    processing = Property(bool, _get_processing, notify=changed)
    scanning = Property(bool, _get_scanning, notify=changed)
    scannerAvailable = Property(bool, _get_scanner_available, notify=changed)
    status = Property(str, _get_status, notify=changed)
    problemText = Property(str, _get_problem, notify=changed)
    autoCapture = Property(bool, _get_auto, notify=changed)
    retaking = Property(bool, _get_retaking, notify=changed)

    def _meta_model(self) -> QObject:
        return self.metaFields

    metaModel = Property(QObject, _meta_model, constant=True)

    def _components_model(self) -> QObject:
        return self.components

    def _pages_model(self) -> QObject:
        return self.pages

    componentModel = Property(QObject, _components_model, constant=True)
    pageModel = Property(QObject, _pages_model, constant=True)

    # ------------------------------------------------------------------ slots
    @Slot(int)
    def selectComponent(self, index: int) -> None:
        if 0 <= index < len(self._required) and index != self._current:
            self._current = index
            self._insert_at = None
            self._status = ""
            self._session.reset()
            self._refresh()

    @Slot()
    def captureNow(self) -> None:
        if self._camera is not None:
            self._camera.capture_next()

    @Slot(bool)
    def setAutoCapture(self, on: bool) -> None:
        self._session.auto = on
        self.changed.emit()

    @Slot(int)
    def deletePage(self, index: int) -> None:
        group = self._group()
        if 0 <= index < len(group):
            page = group.pop(index)
            self._thumbs.drop(page.id)
            self._insert_at = None
            self._refresh()

    @Slot(int)
    def keepHalf(self, index: int) -> None:
        """The citizen's answer to "is one half what you mean?": yes — the page is kept as it was taken."""
        group = self._group()
        if 0 <= index < len(group) and group[index].folded:
            group[index] = group[index].kept_as_it_is()
            self._status = ""
            self._refresh()

    def _folded_index(self) -> int:
        """The first page of this component still asked about (-1: none), for the question under the pages."""
        return next((i for i, page in enumerate(self._group()) if page.folded), -1)

    foldedIndex = Property(int, _folded_index, notify=changed)

    @Slot(int, int)
    def movePage(self, index: int, to: int) -> None:
        group = self._group()
        if 0 <= index < len(group) and 0 <= to < len(group) and index != to:
            group.insert(to, group.pop(index))
            self._refresh()

    @Slot(int)
    def beginAdjust(self, index: int) -> None:
        """Show page `index`'s photo with its four corners to drag (camera pages only)."""
        group = self._group()
        if not 0 <= index < len(group):
            return
        page = group[index]
        if page.original is None or page.corners is None:
            self._status = pick(TEXTS["no_corners"], self._lang())
            self.changed.emit()
            return
        h, w = page.original.shape[:2]
        scale = min(1.0, ADJUST_WIDTH / w)
        size = (round(w * scale), round(h * scale))
        preview = cv2.resize(page.original, size, interpolation=cv2.INTER_AREA)
        self._thumbs.put(f"{page.id}-photo", preview)
        self._adjust = (index, page.id)
        self._adjust_corners = [v for x, y in page.corners for v in (x / w, y / h)]
        self.changed.emit()

    @Slot()
    def cancelAdjust(self) -> None:
        if self._adjust is not None:
            self._thumbs.drop(f"{self._adjust[1]}-photo")
        self._adjust = None
        self.changed.emit()

    @Slot("QVariantList")
    def applyCorners(self, corners: list[float]) -> None:
        """The dragged corners (x0, y0, … x3, y3 as fractions of the photo): straighten the page again."""
        if self._adjust is None or len(corners) != 8:
            return
        index, page_id = self._adjust
        self.cancelAdjust()
        group = self._group()
        if not (0 <= index < len(group) and group[index].id == page_id):
            return
        page = group[index]
        assert page.original is not None
        h, w = page.original.shape[:2]
        quad = [(float(corners[2 * i]) * w, float(corners[2 * i + 1]) * h) for i in range(4)]
        generation = self._generation

        def done(new_page: CapturedPage) -> None:
            self._processing -= 1
            if generation == self._generation:
                current = self._group()
                at = next((i for i, p in enumerate(current) if p.id == page_id), None)
                if at is not None:
                    self._thumbs.drop(page_id)
                    self._thumbs.put(new_page.id, new_page.thumbnail)
                    current[at] = new_page
                    self._status = say_all(new_page.notices, self._lang())
            self._refresh()

        def failed(error: Exception) -> None:
            self._processing -= 1
            log.warning("corners not applied: %s", type(error).__name__)
            if generation == self._generation:
                self._status = pick(TEXTS["bad_photo"], self._lang())
            self._refresh()

        self._processing += 1
        self.changed.emit()
        self._tasks.run(lambda: recrop(page, quad), done, failed)

    def _get_adjusting(self) -> bool:
        return self._adjust is not None

    def _get_adjust_source(self) -> str:
        return f"image://pages/{self._adjust[1]}-photo" if self._adjust else ""

    def _get_adjust_corners(self) -> list[float]:
        return list(self._adjust_corners) if self._adjust else []

    adjusting = Property(bool, _get_adjusting, notify=changed)
    adjustSource = Property(str, _get_adjust_source, notify=changed)
    adjustCorners = Property("QVariantList", _get_adjust_corners, notify=changed)  # type: ignore[arg-type]

    @Slot(int)
    def retakePage(self, index: int) -> None:
        """Drop page `index`; the next picture or scan takes its place."""
        group = self._group()
        if 0 <= index < len(group):
            self.deletePage(index)
            self._insert_at = index
            self._session.reset()
            self._refresh()

    @Slot()
    def scanOne(self) -> None:
        self._scan(feeder=False)

    @Slot()
    def scanFeeder(self) -> None:
        self._scan(feeder=True)

    @Slot()
    def cancelScan(self) -> None:
        self._cancel_scan()

    # ------------------------------------------------------------------ camera
    def _start_camera(self) -> None:
        self._stop_camera()
        self._session.reset()
        self._live, self._live_problem = None, ""
        worker = DocumentCameraWorker(self._open_camera, self._session, self._frames)
        worker.feedback.connect(self._on_feedback)
        worker.frameReady.connect(self._on_frame)
        worker.captured.connect(self._on_captured)
        worker.failed.connect(self._on_camera_failed)
        self._camera = worker
        worker.start()

    def _stop_camera(self) -> None:
        worker, self._camera = self._camera, None
        if worker is not None:
            worker.retire()

    def _on_frame(self) -> None:
        self._frame_tick += 1
        self.frameTickChanged.emit()

    def _on_feedback(self, fb: LiveFeedback) -> None:
        if self.sender() is not self._camera:
            return
        if self._live is None or fb.state != self._live.state or fb.corners != self._live.corners:
            if fb.state in ("hold_still", "capture") and (self._live is None or self._live.state != fb.state):
                self.activity.emit()
            self._live = fb
            self.liveChanged.emit()

    def _on_camera_failed(self, code: str) -> None:
        self._live_problem = code
        self.liveChanged.emit()

    def _on_captured(self, frame: np.ndarray) -> None:
        if self.sender() is not self._camera:
            return
        self.activity.emit()
        self._process(lambda: capture_from_camera(frame))

    # ------------------------------------------------------------------ scanner
    def _find_scanner(self) -> None:
        setting = self._scanner_setting.strip()
        if setting == "none" or self._scanner is not None:
            return
        if setting != "auto":
            self._scanner = setting
            self.changed.emit()
            return

        def look() -> str | None:
            found = self._service().list_scanners(local_only=True)
            return found[0].device if found else None

        def found(device: str | None) -> None:
            self._scanner = device
            self.changed.emit()

        def failed(error: Exception) -> None:
            log.warning("no scanner: %s", error)

        self._tasks.run(look, found, failed)

    def _scan(self, *, feeder: bool) -> None:
        if self._scan_job is not None:
            return
        lang = self._lang()
        if self._scanner is None:
            self._status = pick(TEXTS["no_scanner"], lang)
            self.changed.emit()
            return
        from kiosk.capture.scanner import ScanSettings
        from kiosk.capture.scanner_service import ScanJob

        settings = ScanSettings(source="feeder" if feeder else "flatbed", mode="color", dpi=200)
        # SANE's test device (training kiosks, the demo) scans solid black unless asked for its pattern.
        options = {"test-picture": "Color pattern"} if self._scanner.startswith("test:") else None
        job = ScanJob(self._scanner, settings, feeder=feeder, options=options, service=self._service())
        self._scan_job = job
        self._status = pick(TEXTS["scanning"], lang)
        self.activity.emit()
        self.changed.emit()
        generation = self._generation

        def scan_and_process() -> tuple[list[CapturedPage], Exception | None]:
            from kiosk.capture.scanner import ScannerError

            job.start()
            try:
                # No timeout needed here: the service ends a job whose page does not come in time
                # (ScannerNotResponding), so this wait is bounded by the page deadline.
                raw, error = job.wait(), None
            except ScannerError as problem:  # a jam (or a stuck driver) after three sheets keeps the three
                raw, error = problem.pages, problem
            return [capture_from_scan(page) for page in raw], error

        def done(result: tuple[list[CapturedPage], Exception | None]) -> None:
            from kiosk.capture.scanner import ScanCancelled, ScannerError

            self._scan_job = None
            if generation != self._generation:
                return
            pages, error = result
            for page in pages:
                self._add(page)
            lang = self._lang()
            if isinstance(error, ScanCancelled):
                self._status = ""
            elif isinstance(error, ScannerError):
                self._status = say(error.notice, lang)
            else:
                self._status = pick(TEXTS["scanned"], lang).format(n=len(pages))
            self._refresh()

        def failed(error: Exception) -> None:
            self._scan_job = None
            log.error("scan failed: %s", type(error).__name__)
            if generation == self._generation:
                self._status = pick(TEXTS["bad_photo"], self._lang())
            self._refresh()

        self._tasks.run(scan_and_process, done, failed)

    def _service(self) -> ScannerService:
        return self._scanner_service or default_service()

    def _cancel_scan(self) -> None:
        job = self._scan_job
        if job is not None:
            job.cancel()

    # ------------------------------------------------------------------ pages
    def _process(self, work: Callable[[], CapturedPage]) -> None:
        self._processing += 1
        self.changed.emit()
        generation = self._generation

        def done(page: CapturedPage) -> None:
            self._processing -= 1
            if generation == self._generation:
                self._add(page)
                self._status = say_all(page.notices, self._lang())
            self._refresh()

        def failed(error: Exception) -> None:
            self._processing -= 1
            log.warning("page could not be processed: %s", type(error).__name__)
            if generation == self._generation:
                self._status = pick(TEXTS["bad_photo"], self._lang())
            self._refresh()

        self._tasks.run(work, done, failed)

    def _add(self, page: CapturedPage) -> None:
        group = self._group()
        self._thumbs.put(page.id, page.thumbnail)
        if self._insert_at is not None and self._insert_at <= len(group):
            group.insert(self._insert_at, page)
            self._insert_at = None
        else:
            group.append(page)

    def _doc(self) -> RequiredDocument | None:
        return self._required[self._current] if 0 <= self._current < len(self._required) else None

    def _group(self) -> list[CapturedPage]:
        doc = self._doc()
        return self._pages.setdefault(doc.type_code, []) if doc else []

    def _refresh(self) -> None:
        lang = self._lang()
        self.components.set_rows([{
            "typeCode": doc.type_code, "name": doc.name.get(lang), "mandatory": doc.mandatory,
            "pageCount": len(self._pages.get(doc.type_code, [])),
            "ready": bool(self._pages.get(doc.type_code)),
            "lowDpi": any(p.low_dpi or p.folded for p in self._pages.get(doc.type_code, [])),
        } for doc in self._required])
        self.pages.set_rows([{
            "pageId": page.id, "thumb": f"image://pages/{page.id}", "dpi": page.effective_dpi,
            "lowDpi": page.low_dpi, "folded": page.folded, "warning": say_all(page.notices, lang),
            "source": page.source, "number": i + 1,
        } for i, page in enumerate(self._group())])
        self._fill_meta()
        self.changed.emit()
        self.pagesChanged.emit()

    def relabel(self) -> None:
        """The citizen switched language."""
        self._refresh()
        self.liveChanged.emit()
