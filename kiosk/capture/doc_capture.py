"""Capturing a dossier's paper at the kiosk: the document camera's live view and the pages it yields.

`DocumentCameraSession` watches the live frames of the document camera. It looks for the page on a small
copy (a few times a second: finding a page costs ~0.2 s at 1200 px), checks that the frame is sharp and
steady, and says when to take the picture — once per page: after a capture it waits for the scene to
change (the next page laid down) before it fires again, so one page is never captured twice.

`capture_from_camera`, `capture_from_scan` and `recrop` turn a full-resolution frame or a scanned sheet
into a `CapturedPage`: the page straightened, flattened and encoded for the PDF, its effective resolution
measured and its warnings (below 200 dpi, blank, no page edges) kept as codes. `component_pdf` builds one
dossier component's PDF with its Decree 107 metadata. Nothing here touches the disk: the citizen's pages
live in memory until the dossier goes into the (encrypted) outbox, and are dropped on wipe.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

import cv2
import numpy as np

from kiosk.capture.docscan import PAGE_WARNINGS, WARNING_NO_PAGE, process_image, warning_notice
from kiosk.capture.frame_quality import (
    MOTION_THRESHOLD,
    MOTION_WIDTH,
    SHARPNESS_THRESHOLD,
    SteadinessTracker,
    sharpness,
)
from kiosk.capture.page_detect import detect_page, order_corners
from kiosk.capture.page_enhance import (
    WARNING_BLANK,
    WARNING_FOLDED,
    WARNING_LOW_DPI,
    EnhanceOptions,
    enhance_page,
)
from kiosk.capture.pdf_builder import EncodedPage, EncodeSettings, build_pdf, encode_page, render_encoded
from kiosk.capture.scanner import ScannedPage
from kiosk.domain.documents import PERMANENT, DocumentMetadata
from kiosk.domain.notice import Notice

MIN_DPI = 200  # the rules: colour, at least 200 dpi, 100 % scale
ANALYSIS_WIDTH = 1200  # px: enough to find a page's edges, cheap enough for a live view
DETECT_INTERVAL_S = 0.25
STEADY_CHECKS = 2  # consecutive sharp, steady detections before the auto-capture fires
CHANGE_THRESHOLD = 6.0  # mean grey-level motion that counts as "a new page was laid down"
THUMB_HEIGHT = 360

LiveState = Literal["no_page", "hold_still", "capture", "captured"]
PageSource = Literal["camera", "scanner", "file"]

#: What the citizen is told in each live state: the notice ``page.live.<state>`` (kiosk.ui.notice_texts).
NOTICE_CODES = frozenset(f"page.live.{state}" for state in ("no_page", "hold_still", "capture", "captured"))


@dataclass(frozen=True)
class LiveFeedback:
    state: LiveState
    corners: tuple[tuple[float, float], ...] | None  # 0–1 of the frame, clockwise from top-left
    sharp: bool
    steady: bool
    capture: bool  # take this frame now

    @property
    def notice(self) -> Notice:
        return Notice(f"page.live.{self.state}")


class DocumentCameraSession:
    """Feed it every live frame; it says where the page is and when to take the picture."""

    def __init__(self, *, detect_interval_s: float = DETECT_INTERVAL_S, steady_checks: int = STEADY_CHECKS,
                 sharpness_threshold: float = SHARPNESS_THRESHOLD / 3) -> None:
        self.detect_interval_s = detect_interval_s
        self.steady_checks = steady_checks
        # Paper is mostly blank: its Laplacian energy is far below a textured ID card's, hence a lower bar.
        self.sharpness_threshold = sharpness_threshold
        self.auto = True
        self._tracker = SteadinessTracker(window=3)
        self._last_detect = -1e9
        self._corners: tuple[tuple[float, float], ...] | None = None
        self._detected_view: np.ndarray | None = None  # the scene, small, when `_corners` were found
        self._good_checks = 0
        self._armed = True
        self._state: LiveState = "no_page"
        self.detections = 0  # full page searches run (for tests and the bench)

    def reset(self) -> None:
        self._tracker.reset()
        self._last_detect = -1e9
        self._corners = None
        self._detected_view = None
        self._good_checks = 0
        self._armed = True
        self._state = "no_page"

    def captured(self) -> None:
        """A picture was taken (automatically or by the button): wait for the next page."""
        self._armed = False
        self._good_checks = 0
        self._state = "captured"

    def feed(self, frame: np.ndarray, now: float | None = None) -> LiveFeedback:
        now = time.monotonic() if now is None else now
        # Everything is judged on one small copy: a 12 MP frame costs ~40 ms just to convert to grey.
        small = _shrink(frame, ANALYSIS_WIDTH)
        grey = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        self._tracker.update(grey)
        motion = self._tracker.motion
        if not self._armed and motion is not None and motion > CHANGE_THRESHOLD:
            self._armed = True  # something moved a lot: a hand turning the page, the next sheet
            self._state = "no_page"
        steady = self._tracker.steady
        sharp = False
        capture = False
        if now - self._last_detect >= self.detect_interval_s:
            self._last_detect = now
            view = _motion_view(grey)
            if not _same_scene(view, self._detected_view):
                self._corners = self._find(small)
                self._detected_view = view
                self.detections += 1
            sharp = sharpness(grey) >= self.sharpness_threshold
            if self._corners is None:
                self._good_checks = 0
                if self._armed:
                    self._state = "no_page"
            elif self._armed:
                self._good_checks = self._good_checks + 1 if (sharp and steady) else 0
                self._state = "hold_still"
                if self.auto and self._good_checks >= self.steady_checks:
                    self._state = "capture"
                    capture = True
        return LiveFeedback(self._state, self._corners, sharp, steady, capture)

    @staticmethod
    def _find(small: np.ndarray) -> tuple[tuple[float, float], ...] | None:
        found = detect_page(small, refine=False)
        if found is None:
            return None
        sh, sw = small.shape[:2]
        return tuple((float(x) / sw, float(y) / sh) for x, y in found.corners)


def _motion_view(grey: np.ndarray) -> np.ndarray:
    h, w = grey.shape[:2]
    return np.asarray(cv2.resize(grey, (MOTION_WIDTH, max(1, round(h * MOTION_WIDTH / w))),
                                 interpolation=cv2.INTER_AREA), dtype=np.float32)


def _same_scene(view: np.ndarray, before: np.ndarray | None) -> bool:
    """Nothing moved since the page was last searched for: the search (100–400 ms of CPU on a live
    frame) would find the same corners again, so they are kept. Compared with the view at that search,
    not with the previous frame, so a slow drift still adds up to a new search. Brightness changes
    (auto-exposure) do not count, as in the steadiness tracker."""
    if before is None or before.shape != view.shape:
        return False
    diff = view - before
    return float(np.mean(np.abs(diff - diff.mean()))) < MOTION_THRESHOLD


def _shrink(frame: np.ndarray, width: int) -> np.ndarray:
    h, w = frame.shape[:2]
    if w <= width:
        return frame
    # INTER_AREA would average every source pixel (~60 ms at 12 MP); nearest-neighbour of a frame already
    # blurred by the lens is enough to find edges and judge motion, at ~2 ms.
    return np.asarray(cv2.resize(frame, (width, round(h * width / w)), interpolation=cv2.INTER_NEAREST))


# ---------------------------------------------------------------------------------------- pages

_ids = itertools.count(1)


@dataclass(frozen=True, eq=False)
class CapturedPage:
    """One page of a dossier component, ready for its PDF. `original` is kept (in memory only) so the
    corners can be moved afterwards; scanned pages have no corners to move."""

    id: str
    source: PageSource
    encoded: EncodedPage = field(repr=False)
    thumbnail: np.ndarray = field(repr=False)  # BGR, THUMB_HEIGHT tall
    effective_dpi: int
    warnings: tuple[str, ...]
    corners: tuple[tuple[float, float], ...] | None = None  # in `original`'s pixels
    original: np.ndarray | None = field(default=None, repr=False)
    mode: str = "color"

    @property
    def low_dpi(self) -> bool:
        return WARNING_LOW_DPI in self.warnings

    @property
    def blank(self) -> bool:
        return WARNING_BLANK in self.warnings

    @property
    def folded(self) -> bool:
        """The page looks folded (or only one half of it was taken): the citizen is asked, never assumed."""
        return WARNING_FOLDED in self.warnings

    def kept_as_it_is(self) -> CapturedPage:
        """The citizen answered "only this half is meant": the same page without the fold question."""
        return replace(self, warnings=tuple(w for w in self.warnings if w != WARNING_FOLDED))

    @property
    def notices(self) -> list[Notice]:
        """What to tell the citizen about this page (kiosk.ui.texts.say_all puts them in words)."""
        return [warning_notice(w) for w in self.warnings if w in PAGE_WARNINGS]


def _thumbnail(image: np.ndarray) -> np.ndarray:
    bgr = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    h, w = bgr.shape[:2]
    width = max(1, round(w * THUMB_HEIGHT / h))
    return np.asarray(cv2.resize(bgr, (width, THUMB_HEIGHT), interpolation=cv2.INTER_AREA))


def _new_id() -> str:
    return f"p{next(_ids)}"


def capture_from_camera(frame: np.ndarray, options: EnhanceOptions | None = None,
                        settings: EncodeSettings | None = None) -> CapturedPage:
    """A full-resolution camera frame (or a photo file) as a page: found, straightened, measured."""
    processed = process_image(frame, "camera", options, settings)
    report = processed.report
    return CapturedPage(
        id=_new_id(), source="camera", encoded=processed.encoded,
        thumbnail=_thumbnail(render_encoded(processed.encoded)), effective_dpi=report.effective_dpi,
        warnings=report.warnings, corners=report.corners, original=frame, mode=processed.page.mode)


def recrop(page: CapturedPage, corners: Sequence[tuple[float, float]],
           options: EnhanceOptions | None = None, settings: EncodeSettings | None = None) -> CapturedPage:
    """The same photo with the corners the citizen (or staff) dragged into place."""
    if page.original is None:
        raise ValueError("a scanned page has no corners to move")
    quad = order_corners(np.asarray(corners, dtype=np.float32).reshape(4, 2))
    options = options or EnhanceOptions()
    enhanced = enhance_page(page.original, quad, options)
    encoded = encode_page(enhanced.image, enhanced.mode, enhanced.dpi, settings)
    warnings = tuple(w for w in enhanced.warnings if w != WARNING_NO_PAGE)
    return replace(page, id=_new_id(), encoded=encoded, thumbnail=_thumbnail(render_encoded(encoded)),
                   effective_dpi=round(enhanced.geometry.effective_dpi), warnings=warnings,
                   corners=tuple((float(x), float(y)) for x, y in quad))


def capture_from_scan(scanned: ScannedPage, settings: EncodeSettings | None = None) -> CapturedPage:
    """A flatbed or feeder page: already flat and at a known resolution, so no page finding or warping."""
    image = scanned.bgr()
    mode = scanned.mode
    page = image if mode == "color" else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    encoded = encode_page(page, mode, scanned.dpi, settings)
    warnings = (WARNING_LOW_DPI,) if scanned.dpi < MIN_DPI else ()
    return CapturedPage(id=_new_id(), source="scanner", encoded=encoded,
                        thumbnail=_thumbnail(render_encoded(encoded)), effective_dpi=scanned.dpi,
                        warnings=warnings, mode=mode)


def component_pdf(pages: Sequence[CapturedPage], *, type_code: str, document_name: str,
                  owner_id_number: str, digitised_by: str, when: datetime,
                  sequence: int = 1,
                  metadata: DocumentMetadata | None = None) -> tuple[bytes, DocumentMetadata]:
    """One dossier component's PDF (pages in order) and its metadata, completed with the page count.
    `metadata` (from `kiosk.domain.component_metadata.component_metadata`: summary, validity and number
    from the catalogue's rule and the answers, the clerk as digitiser) replaces the minimal default."""
    if metadata is not None:
        metadata = metadata.with_file(page_count=len(pages), digitised_at=metadata.digitised_at or when)
    else:
        metadata = DocumentMetadata(
            document_type_code=type_code, document_name=document_name, summary=document_name,
            validity=PERMANENT, owner_id_number=owner_id_number, digitised_by=digitised_by,
            digitised_at=when, page_count=len(pages), sequence=sequence)
    pdf = build_pdf([p.encoded for p in pages], metadata, created=when)
    return pdf, metadata
