"""Sides bent once at a fold or a crease (kiosk/capture/page_bends.py): the page's own corners are found,
and a flat page is left alone."""

from __future__ import annotations

import cv2
import numpy as np

from kiosk.capture.page_bends import bend_sides
from kiosk.capture.page_detect import detect_page, log_image, order_corners, quad_iou

DESK = (40, 70, 120)  # a brown desk (BGR)
PAPER = (236, 236, 232)


def _photo(outline: np.ndarray) -> np.ndarray:
    image = np.full((1000, 800, 3), DESK, np.uint8)
    cv2.fillPoly(image, [outline.astype(np.int32)], PAPER)
    for y in range(220, 820, 34):  # a few lines of print, well inside the page
        cv2.putText(image, "Giay to mau so 12 - trang 1", (200, y), cv2.FONT_HERSHEY_SIMPLEX, 0.7,
                    (40, 40, 40), 2)
    return cv2.GaussianBlur(image, (3, 3), 0)


def _corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.max(np.linalg.norm(order_corners(found) - order_corners(truth), axis=1)))


def test_a_sheet_folded_in_four_is_found_by_its_outer_corners() -> None:
    # Each side kinks inward by 30 px at its middle, where the folds meet the edges (a kink of ~2 % of the
    # side is below what the saturating edge gain can tell from a straight side on so clean a photo).
    corners = np.array([[150, 120], [650, 120], [650, 880], [150, 880]], np.float64)
    mids = np.array([[400, 150], [620, 500], [400, 850], [180, 500]], np.float64)
    outline = np.array([corners[0], mids[0], corners[1], mids[1], corners[2], mids[2], corners[3], mids[3]])
    found = detect_page(_photo(outline))
    assert found is not None
    assert _corner_error(found.corners, corners) <= 6
    assert quad_iou(found.corners, corners) >= 0.98


def test_a_side_bent_at_a_crease_keeps_its_far_corner() -> None:
    # The left side: straight down to a crease at mid-height, then the lower part tilted ~9° outward (at
    # ~7° on this crisp synthetic edge the bent fit does not yet score better than the straight one).
    corners = np.array([[200, 120], [650, 120], [650, 880], [140, 880]], np.float64)
    outline = np.array([corners[0], corners[1], corners[2], corners[3], [200, 500]])
    found = detect_page(_photo(outline))
    assert found is not None
    assert _corner_error(found.corners, corners) <= 6


def test_a_flat_page_has_no_bent_side() -> None:
    corners = np.array([[150, 120], [650, 140], [630, 880], [160, 860]], np.float64)
    image = _photo(corners)
    small = cv2.resize(image, (512, 640), interpolation=cv2.INTER_AREA)
    feature = log_image(cv2.GaussianBlur(small, (0, 0), 1.0))
    assert bend_sides(feature, corners * 0.64) is None
    found = detect_page(image)
    assert found is not None
    assert _corner_error(found.corners, corners) <= 4


def test_a_dog_eared_corner_is_where_the_sides_meet() -> None:
    # The top-right corner folded over: a 170 × 170 px triangle of desk where it was, the flap (the
    # paper's back, a little darker) lying on the page. A curl would move the corner onto the paper's
    # tip; a fold this large must not (page_detect.MAX_CORNER_MOVE).
    corners = np.array([[150, 120], [650, 120], [650, 880], [150, 880]], np.float64)
    cut = np.array([corners[0], [480, 120], [650, 290], corners[2], corners[3]])
    image = _photo(cut)
    cv2.fillPoly(image, [np.array([[480, 120], [650, 290], [480, 290]], np.int32)], (200, 200, 196))
    found = detect_page(image)
    assert found is not None
    assert _corner_error(found.corners, corners) <= 6
