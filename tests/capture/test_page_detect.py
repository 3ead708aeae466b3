"""Finding the page in a photo: corners on synthetic photos of every background, nothing on empty desks,
the geometry helpers, and the Canny baseline the bench compares against."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.bench.docs_corpus import BACKGROUNDS, DocPhoto, _background, document_photo
from kiosk.capture.page_detect import (
    PageDetection,
    detect_page,
    detect_page_canny,
    is_convex_quad,
    order_corners,
    quad_iou,
    refine_corners,
    whole_image_corners,
)

SCALE = 0.25  # 8–13 MP frames shrunk to ~1 MP: the same scenes, fast
# Indices 0-3 cover wood, desk, dark and patterned; 3 is sideways, 7 upside down; 6 is a checked cloth.
INDICES = (0, 1, 2, 3, 6, 7)


@pytest.fixture(scope="module")
def photos() -> dict[int, DocPhoto]:
    return {i: document_photo(i, seed=11, scale=SCALE) for i in INDICES}


@pytest.fixture(scope="module")
def detections(photos: dict[int, DocPhoto]) -> dict[int, PageDetection | None]:
    """`detect_page` on each photo, searched once for the tests that check what it found."""
    return {index: detect_page(photo.image) for index, photo in photos.items()}


@pytest.mark.parametrize("index", INDICES)
def test_corners_are_found_on_every_kind_of_background(photos: dict[int, DocPhoto],
                                                        detections: dict[int, PageDetection | None],
                                                        index: int) -> None:
    photo = photos[index]
    found = detections[index]
    assert found is not None, photo.background
    assert quad_iou(found.corners, photo.corners) >= 0.9
    # Clockwise from the top-left, in source pixels (whatever way up the page lies).
    assert found.corners.shape == (4, 2)
    assert int(np.argmin(found.corners.sum(axis=1))) == 0
    assert is_convex_quad(found.corners)
    assert found.score >= 0.5


def corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    """The worst corner's distance, for the best pairing of the two quads' corners (same cyclic order:
    which corner is "top-left" is a near tie when a page is turned by about 45° or lies sideways)."""
    truth = order_corners(truth)
    return min(float(np.max(np.linalg.norm(order_corners(found) - np.roll(truth, k, axis=0), axis=1)))
               for k in range(4))


def test_the_corners_are_accurate_to_a_few_pixels(photos: dict[int, DocPhoto],
                                                  detections: dict[int, PageDetection | None]) -> None:
    errors = []
    for index, photo in photos.items():
        found = detections[index]
        assert found is not None
        errors.append(corner_error(found.corners, photo.corners))
    assert max(errors) < 4.0  # pixels, in ~1 MP frames


def test_backgrounds_without_a_page_give_none() -> None:
    for kind in BACKGROUNDS:
        rgb = _background(kind, (640, 480), np.random.default_rng(0))
        bgr = cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
        assert detect_page(bgr) is None, kind
    assert detect_page(np.full((300, 400, 3), 128, np.uint8)) is None
    assert detect_page(np.zeros((8, 8, 3), np.uint8)) is None


def test_a_grey_photo_works_too(photos: dict[int, DocPhoto]) -> None:
    photo = photos[2]
    found = detect_page(cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY))
    assert found is not None and quad_iou(found.corners, photo.corners) >= 0.9


def test_refinement_pulls_rough_corners_onto_the_edges(photos: dict[int, DocPhoto]) -> None:
    photo = photos[1]
    truth = order_corners(photo.corners).astype(np.float64)
    rough = truth + np.array([[4, -3], [-3, -4], [3, 4], [-4, 3]], np.float64)
    refined = refine_corners(photo.image, rough, search=8.0)
    assert np.max(np.linalg.norm(refined - truth, axis=1)) < np.max(np.linalg.norm(rough - truth, axis=1)) / 2


def test_order_corners_is_clockwise_from_the_top_left() -> None:
    square = np.array([[10, 10], [110, 12], [108, 90], [12, 88]], np.float32)
    shuffled = square[[2, 0, 3, 1]]
    assert np.array_equal(order_corners(shuffled), square)
    tilted = np.array([[60, 0], [120, 60], [60, 120], [0, 60]], np.float32)  # a diamond
    ordered = order_corners(tilted[[3, 1, 0, 2]])
    (ax, ay), (bx, by) = ordered[1] - ordered[0], ordered[2] - ordered[1]
    assert ax * by - ay * bx > 0  # clockwise on screen (y down)


def test_quad_iou() -> None:
    a = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], np.float32)
    assert quad_iou(a, a[::-1]) == pytest.approx(1.0)
    assert quad_iou(a, a + np.array([5, 0])) == pytest.approx(50 / 150)
    assert quad_iou(a, a + np.array([20, 0])) == 0.0


def test_whole_image_corners() -> None:
    assert whole_image_corners((30, 40, 3)).tolist() == [[0, 0], [40, 0], [40, 30], [0, 30]]


def test_the_canny_baseline_returns_ordered_corners_or_none(photos: dict[int, DocPhoto]) -> None:
    on_dark = detect_page_canny(photos[2].image)
    assert on_dark is not None and quad_iou(on_dark, photos[2].corners) > 0.9
    assert int(np.argmin(on_dark.sum(axis=1))) == 0
    assert detect_page_canny(np.full((200, 300, 3), 90, np.uint8)) is None


def curled_page_photo() -> tuple[np.ndarray, np.ndarray]:
    """A page on a dark desk whose right side bows out by ~5 % of its width between two sharp corners
    (a curled sheet): the straight line that best follows that side is tangent to the bulge."""
    corners = np.array([[150, 100], [800, 130], [830, 1080], [170, 1060]], float)
    t = np.linspace(0, 1, 60)[1:-1]
    right = corners[1] + t[:, None] * (corners[2] - corners[1])
    right[:, 0] += 70 * np.sin(np.pi * t)  # bowed outwards
    outline = np.vstack([corners[:2], right, corners[2:]]).astype(np.int32)
    image = np.full((1200, 1000, 3), (35, 32, 30), np.uint8)
    cv2.fillPoly(image, [outline], (236, 236, 232))
    for y in range(200, 1000, 36):
        cv2.putText(image, "Giay to mau so 12 - trang 1", (220, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8,
                    (40, 40, 40), 2)
    return image, corners


def test_a_curled_side_keeps_the_page_s_own_corners() -> None:
    image, truth = curled_page_photo()
    found = detect_page(image)
    assert found is not None
    assert quad_iou(found.corners, truth) >= 0.97
    assert corner_error(found.corners, truth) <= 0.015 * np.hypot(*image.shape[:2])  # not on the desk
