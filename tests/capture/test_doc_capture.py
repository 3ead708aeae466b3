"""The document camera's live view (auto-capture once per page) and captured pages → component PDFs."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import cache

import numpy as np
import pikepdf
import pytest
from PIL import Image

from kiosk.bench.docs_corpus import DocPhoto, document_photo
from kiosk.capture.doc_capture import (
    MIN_DPI,
    CapturedPage,
    DocumentCameraSession,
    capture_from_camera,
    capture_from_scan,
    component_pdf,
    recrop,
)
from kiosk.capture.page_detect import quad_iou
from kiosk.capture.page_enhance import WARNING_LOW_DPI
from kiosk.capture.scanner import ScannedPage
from kiosk.ui.texts import say

OWNER = "001089012345"


@cache
def _photo(index: int = 6, scale: float = 0.5) -> DocPhoto:
    return document_photo(index, 5, scale=scale)


@cache
def _camera_page() -> CapturedPage:
    """The default photo captured once (a frozen page; each test reads it, recrop makes a new one)."""
    return capture_from_camera(_photo(6, 0.5).image)


def _feed_until(session: DocumentCameraSession, frame: np.ndarray, *, steps: int, start: float = 0.0,
                step_s: float = 0.3) -> list[str]:
    states = []
    for i in range(steps):
        fb = session.feed(frame, now=start + i * step_s)
        states.append("capture!" if fb.capture else fb.state)
        if fb.capture:
            session.captured()
    return states


def test_live_view_finds_the_page_and_captures_it_exactly_once() -> None:
    photo = _photo()
    session = DocumentCameraSession()
    states = _feed_until(session, photo.image, steps=8)
    assert states[0] == "hold_still"  # the page is seen at once; steadiness needs a few frames
    assert states.count("capture!") == 1, states
    assert states[-1] == "captured"  # the same page lying there is not captured again
    fb = session.feed(photo.image, now=10.0)
    assert fb.corners is not None
    h, w = photo.image.shape[:2]
    found = np.array([[x * w, y * h] for x, y in fb.corners], np.float32)
    assert quad_iou(found, photo.corners) > 0.9


def test_a_new_page_rearms_the_auto_capture_and_an_empty_desk_says_so() -> None:
    session = DocumentCameraSession()
    first = _feed_until(session, _photo(6).image, steps=6)
    assert first.count("capture!") == 1
    empty = np.full_like(_photo(6).image, 90)
    assert session.feed(empty, now=5.0).state == "no_page"
    second = _feed_until(session, _photo(6).image, steps=6, start=6.0)
    assert second.count("capture!") == 1


def test_an_unchanged_scene_is_not_searched_again_and_a_moved_page_is() -> None:
    photo = _photo()
    session = DocumentCameraSession()
    _feed_until(session, photo.image, steps=8)
    assert session.detections == 1  # the same picture eight times: one search, its corners kept
    darker = np.clip(photo.image.astype(np.int16) - 25, 0, 255).astype(np.uint8)
    session.feed(darker, now=5.0)
    assert session.detections == 1  # auto-exposure changed the brightness, nothing moved
    shifted = np.roll(photo.image, photo.image.shape[1] // 6, axis=1)  # the page slid a sixth to the right
    moved = session.feed(shifted, now=6.0)
    assert session.detections == 2 and moved.corners is not None
    assert moved.corners[0][0] > session.feed(photo.image, now=7.0).corners[0][0] + 0.1  # type: ignore[index]


def test_no_auto_capture_when_switched_off_but_the_page_is_still_shown() -> None:
    session = DocumentCameraSession()
    session.auto = False
    states = _feed_until(session, _photo().image, steps=6)
    assert "capture!" not in states and states[-1] == "hold_still"


def test_a_far_away_page_is_captured_with_a_low_resolution_warning() -> None:
    page = _camera_page()
    assert page.effective_dpi < MIN_DPI and page.low_dpi
    assert any("200 dpi" in say(n, "vi") for n in page.notices)
    assert page.thumbnail.shape[0] == 360 and page.original is not None and page.corners is not None


def test_moved_corners_recrop_the_same_photo() -> None:
    photo = _photo(6, 0.5)
    page = _camera_page()
    assert page.original is photo.image
    inset = [(x + 40, y + 40) for x, y in photo.corners.tolist()]  # deliberately wrong order is fine too
    moved = recrop(page, inset[::-1])
    assert moved.id != page.id and moved.corners is not None
    assert quad_iou(np.array(moved.corners, np.float32), np.array(inset, np.float32)) > 0.99


def _scan(dpi: int) -> ScannedPage:
    rng = np.random.default_rng(3)
    rgb = np.full((int(8.27 * dpi * 0.25), int(5.83 * dpi * 0.25), 3), 245, np.uint8)
    rgb[20:40, 10:-10] = rng.integers(0, 60, (20, rgb.shape[1] - 20, 3), dtype=np.uint8)
    return ScannedPage(Image.fromarray(rgb), dpi, "flatbed", "color", 1)


def test_scanned_pages_keep_their_resolution_and_flag_a_low_one() -> None:
    good = capture_from_scan(_scan(200))
    assert good.effective_dpi == 200 and good.warnings == () and good.original is None
    assert WARNING_LOW_DPI in capture_from_scan(_scan(100)).warnings
    with pytest.raises(ValueError):
        recrop(good, [(0, 0), (1, 0), (1, 1), (0, 1)])


def test_component_pdf_has_the_pages_in_order_and_the_metadata() -> None:
    pages = [capture_from_scan(_scan(200)), _camera_page()]
    when = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    pdf, meta = component_pdf(pages, type_code="GCS", document_name="Giấy chứng sinh", owner_id_number=OWNER,
                              digitised_by="kiosk-test", when=when)
    assert meta.page_count == 2 and meta.document_code().startswith(OWNER)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 2
        widths = [float(p.mediabox[2]) for p in doc.pages]
        assert widths[0] == pytest.approx(pages[0].encoded.width_pt, abs=0.5)  # 100 % scale
        assert "Giấy chứng sinh" in str(doc.docinfo.get("/Title", "")) + str(doc.open_metadata())
