"""Folded pages are asked about, not filed: a sheet folded across (its lower half turned away from the
light and foreshortened) gives the `page_folded` warning whether the detector takes the whole sheet or only
the flat half; flat pages, even on a light desk, do not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.bench.docs_corpus import document_page, document_photo
from kiosk.capture.docscan import process_image, warning_notice
from kiosk.capture.page_enhance import EnhanceOptions, enhance_page
from kiosk.capture.page_fold import WARNING_FOLDED, cut_at_a_fold, fold_step, looks_folded
from kiosk.ui.texts import say

FRAME = (1500, 1100)


def folded_photo() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A page folded across its middle on a wooden-brown desk: the top half flat, the bottom half bent
    back (foreshortened to 75 % and at 72 % of the light). Returns the photo, the flat half's corners and
    the whole sheet's outer corners."""
    page = cv2.cvtColor(document_page(7, dpi=80)[0], cv2.COLOR_RGB2BGR)
    h, w = page.shape[:2]
    rng = np.random.default_rng(1)
    frame = np.clip(np.full((FRAME[1], FRAME[0], 3), (70, 90, 120), np.float32)
                    + rng.normal(0, 6, (FRAME[1], FRAME[0], 3)), 0, 255).astype(np.uint8)
    top = np.array([[300, 80], [300 + w, 90], [305 + w, 80 + h // 2], [305, 70 + h // 2]], np.float32)
    bottom = np.array([top[3], top[2], [top[2][0] + 60, top[2][1] + 0.75 * h / 2],
                       [top[3][0] - 40, top[3][1] + 0.75 * h / 2]], np.float32)
    for part, quad, gain in ((page[: h // 2], top, 1.0), (page[h // 2:], bottom, 0.72)):
        ph, pw = part.shape[:2]
        matrix = cv2.getPerspectiveTransform(np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32), quad)
        warped = cv2.warpPerspective((part * gain).astype(np.uint8), matrix, FRAME)
        inside = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, FRAME) > 128
        frame[inside] = warped[inside]
    return frame, top.astype(np.float64), np.array([top[0], top[1], bottom[2], bottom[3]], np.float64)


@pytest.fixture(scope="module")
def folded() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return folded_photo()


def test_a_folded_sheet_found_whole_is_asked_about(folded: tuple[np.ndarray, ...]) -> None:
    photo, _, _ = folded
    page = process_image(photo, "folded.png")
    assert WARNING_FOLDED in page.report.warnings
    folded_notice = warning_notice(WARNING_FOLDED)
    assert "gấp" in say(folded_notice, "vi") and "one half" in say(folded_notice, "en")


def test_only_the_flat_half_is_asked_about_too(folded: tuple[np.ndarray, ...]) -> None:
    photo, half, _ = folded
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    assert cut_at_a_fold(grey, half)  # paper (the bent half) goes on beyond the crease side
    page = enhance_page(photo, half, EnhanceOptions(dpi=100, tesseract_osd=False))
    assert WARNING_FOLDED in page.warnings


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5])
def test_flat_pages_are_not_called_folded(index: int) -> None:
    photo = document_photo(index, 1, scale=0.5)  # wood, desks, dark mats, patterned cloths; shadows
    page = enhance_page(photo.image, photo.corners, EnhanceOptions(dpi=100, tesseract_osd=False))
    assert WARNING_FOLDED not in page.warnings
    assert not cut_at_a_fold(cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY), photo.corners)


def test_a_crease_is_a_step_a_shadow_is_a_slope() -> None:
    paper = np.full((400, 300), 230, np.float32)
    slope = paper * np.linspace(1.0, 0.6, 400)[:, None]  # light falling off down the page
    step = paper.copy()
    step[200:] *= 0.75  # the lower half turned away from the light
    assert fold_step(slope.astype(np.uint8)) < 0.1 and not looks_folded(slope.astype(np.uint8))
    assert looks_folded(step.astype(np.uint8))
