"""Which way is up: word shapes give the text-line direction even on curled pages (where row/column
profiles said "sideways" on 4 of 12 real photos), and Tesseract's confidence on a small crop tells up from
down (whole-page OSD said "upside down, script Thai" on a clean upright page). Pages at 150 dpi."""

from __future__ import annotations

import shutil

import cv2
import numpy as np
import pytest

from kiosk.bench.docs_corpus import document_page
from kiosk.capture import page_orientation
from kiosk.capture.page_enhance import EnhanceOptions, enhance_page, flatten
from kiosk.capture.page_orientation import (
    analysis_binary,
    decide,
    densest_text_window,
    ocr_confidences,
    text_direction,
)

DPI = 150


@pytest.fixture(scope="module")
def page_bgr() -> np.ndarray:
    rgb = document_page(5, dpi=DPI)[0]
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def curl(page: np.ndarray, amplitude: float = 0.012) -> np.ndarray:
    """The page's lines bent like a curled sheet: rows displaced by a sine across the width (two periods),
    so no row profile is sharp although every word is still a horizontal word."""
    h, w = page.shape[:2]
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    dy = amplitude * h * np.sin(xs / w * 4 * np.pi).astype(np.float32)
    return cv2.remap(page, xs, ys + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def framed(page: np.ndarray, quarter_turns: int) -> tuple[np.ndarray, np.ndarray]:
    """The page turned counter-clockwise by quarter_turns × 90° on a dark frame, and its corners."""
    turned = np.ascontiguousarray(np.rot90(page, k=quarter_turns))
    h, w = turned.shape[:2]
    frame = np.full((h + 40, w + 40, 3), 40, np.uint8)
    frame[20:20 + h, 20:20 + w] = turned
    return frame, np.array([[20, 20], [20 + w, 20], [20 + w, 20 + h], [20, 20 + h]], float)


def ink_of(page: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(grey, None, fx=100 / DPI, fy=100 / DPI, interpolation=cv2.INTER_AREA)
    return analysis_binary(flatten(small, 100))


def test_word_shapes_give_the_line_direction_on_a_curled_page(page_bgr: np.ndarray) -> None:
    curled = curl(page_bgr)
    flat, sideways = text_direction(ink_of(curled)), text_direction(ink_of(np.rot90(curled).copy()))
    assert flat.words >= 30 and flat.direction > 1.0
    assert sideways.direction < -1.0
    assert 3 <= flat.char_px <= 12  # ~10 pt print at 100 dpi


def test_the_ocr_window_holds_whole_body_text_words(page_bgr: np.ndarray) -> None:
    ink = ink_of(page_bgr)
    shape = text_direction(ink)
    x, y, w, h = densest_text_window(ink, shape.char_px)
    assert w > 10 * shape.char_px and 2 * shape.char_px <= h <= 8 * shape.char_px
    window = ink[y:y + h, x:x + w]
    assert window.mean() >= 0.05  # print, not margin
    second = densest_text_window(ink, shape.char_px, avoid=(x, y, w, h))
    assert abs(second[1] - y) >= h  # elsewhere on the page
    third = densest_text_window(ink, shape.char_px, avoid=[(x, y, w, h), second])  # when two cannot tell
    assert abs(third[1] - y) >= h and abs(third[1] - second[1]) >= second[3]


def test_decide_wants_a_clear_lead() -> None:
    assert decide([80.0, 20.0], [0, 180]) == page_orientation.Orientation(0, "ocr", True)
    assert decide([30.0, 70.0], [90, 270]) == page_orientation.Orientation(270, "ocr", True)
    assert decide([40.0, 35.0], [0, 180]) is None  # a tie: the text statistic decides
    assert decide([15.0, 2.0], [0, 180]) is None  # nothing read well (handwriting, pictures)


needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract is installed by packaging/bootstrap.sh")


@needs_tesseract
def test_upright_print_reads_better_than_upside_down(page_bgr: np.ndarray) -> None:
    grey = cv2.cvtColor(page_bgr, cv2.COLOR_BGR2GRAY)
    ink = ink_of(page_bgr)
    shape = text_direction(ink)
    x, y, w, h = (round(v * DPI / 100) for v in densest_text_window(ink, shape.char_px))
    crop = grey[y:y + h, x:x + w]
    confidences = ocr_confidences([crop, np.ascontiguousarray(crop[::-1, ::-1])])
    assert confidences is not None
    upright, upside_down = confidences
    assert upright >= 60 and upright - upside_down >= 25


@needs_tesseract
@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_a_curled_page_comes_out_upright_by_ocr(page_bgr: np.ndarray, turns: int) -> None:
    frame, quad = framed(curl(page_bgr), turns)
    page = enhance_page(frame, quad, EnhanceOptions(dpi=DPI))
    assert page.orientation_source == "ocr"
    assert page.rotation == (turns * 90) % 360  # clockwise degrees undo the counter-clockwise turns
    assert (page.width_px, page.height_px) == (1240, 1754)  # portrait A4 at 150 dpi


def test_without_tesseract_the_text_statistic_decides(page_bgr: np.ndarray,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_orientation.shutil, "which", lambda _name: None)
    frame, quad = framed(page_bgr, 2)
    page = enhance_page(frame, quad, EnhanceOptions(dpi=DPI))
    assert page.orientation_source == "text"
    assert page.rotation == 180


def _ragged_lines(ragged_side: str) -> np.ndarray:
    """A page view of 12 text lines all starting at one margin and ending where their length takes them."""
    ink = np.zeros((400, 300), np.uint8)
    lengths = [230, 180, 240, 120, 210, 160, 235, 90, 200, 225, 140, 190]
    for i, length in enumerate(lengths):
        top = 20 + i * 30
        if ragged_side == "right":
            ink[top:top + 12, 30:30 + length] = 1
        else:
            ink[top:top + 12, 270 - length:270] = 1
    return ink


def test_alignment_evidence_tells_left_aligned_text_from_the_same_text_upside_down() -> None:
    from kiosk.capture.page_enhance import _text_lines

    upright = _ragged_lines("right")
    turned = np.ascontiguousarray(np.rot90(upright, 2))
    assert page_orientation.alignment_evidence(upright, _text_lines(upright)) > 1.0
    assert page_orientation.alignment_evidence(turned, _text_lines(turned)) < -1.0
    justified = np.zeros_like(upright)
    justified[20:380:30] = 0
    for top in range(20, 380, 30):
        justified[top:top + 12, 30:270] = 1
    assert abs(page_orientation.alignment_evidence(justified, _text_lines(justified))) \
        < page_orientation.ALIGNMENT_MARGIN
    assert page_orientation.alignment_evidence(upright[:70], _text_lines(upright[:70])) == 0.0  # 2 lines


def test_a_low_resolution_page_upside_down_is_turned_by_its_left_margin_and_flagged() -> None:
    """At ~35 dpi OCR is not used (confidently wrong there): the ragged right edge of left-aligned lines
    says which way is up, and the page still says its orientation is only a guess. (Page 7 is the one the
    ink-above/below statistic alone turned upside down.)"""
    for index in (0, 7):
        page = cv2.cvtColor(document_page(index, dpi=36)[0], cv2.COLOR_RGB2BGR)
        h, w = page.shape[:2]
        framed = cv2.copyMakeBorder(page, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=(60, 50, 40))
        corners = np.array([[40, 40], [40 + w, 40], [40 + w, 40 + h], [40, 40 + h]], np.float64)
        upright = enhance_page(framed, corners, EnhanceOptions())
        upside_down = enhance_page(np.ascontiguousarray(np.rot90(framed, 2)), corners, EnhanceOptions())
        assert (upright.rotation, upside_down.rotation) == (0, 180)
        assert "orientation_uncertain" in upside_down.warnings and "low_dpi" in upside_down.warnings


def _square_script(columns: int = 14, rows: int = 16) -> np.ndarray:
    """A ~30 dpi view of separate square characters (Chinese print, unevenly spaced along a line) whose
    gaps are too wide to join into word shapes: word shapes say nothing, the lines' regular pitch does.
    Lines start at the left margin and end raggedly."""
    ink = np.zeros((420, 300), np.uint8)
    rng = np.random.default_rng(3)
    for row in range(rows):
        top = 30 + row * 22
        left = 30
        for _ in range(int(rng.integers(columns // 2, columns + 1))):
            ink[top:top + 9, left:left + 9] = 1
            ink[top + 4, left:left + 9] = 0  # a stroke gap: several pieces per character
            left += 9 + int(rng.integers(5, 10))
    return ink


def test_line_periodicity_follows_the_lines_pitch() -> None:
    ink = _square_script()
    assert page_orientation.line_periodicity(ink) > 0.2
    assert page_orientation.line_periodicity(np.ascontiguousarray(np.rot90(ink))) < -0.2
    assert page_orientation.line_periodicity(np.zeros((50, 50), np.uint8)) == 0.0


def test_the_low_resolution_direction_is_a_vote() -> None:
    # Handwritten notes at 28 dpi: word shapes and profiles wrong but weak, lines' pitch and the portrait
    # page right: horizontal.
    assert page_orientation.low_resolution_direction(-1.5, -0.3, 0.17, portrait=True) > 0
    # A landscape page whose words and pitch plainly run horizontally keeps them: the shape is half a vote.
    assert page_orientation.low_resolution_direction(1.9, 1.0, 0.3, portrait=False) > 0
    assert page_orientation.low_resolution_direction(-8.0, -5.0, -1.0, portrait=None) == -3.0


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_a_low_resolution_page_of_square_characters_is_turned_by_its_layout(turns: int) -> None:
    """Few word shapes at ~30 dpi used to mean "no text" (rotation 0 whatever the page's turn): the line
    pitch, the page's shape and the ragged right edge still turn it upright, flagged as a guess."""
    from kiosk.capture.page_enhance import find_orientation

    ink = np.ascontiguousarray(np.rot90(_square_script(), k=-turns))  # turned clockwise
    result = find_orientation(ink, ink, np.zeros((4, 4), np.uint8), np.eye(3), ink.shape[::-1], 1.0,
                              use_ocr=False, low_resolution=True)
    assert result.rotation == (360 - 90 * turns) % 360 and result.source == "text"


def test_the_ocr_window_skips_one_piece_blobs_for_words() -> None:
    """A beam of music notes or the desk beyond a curled edge is one piece of ink however word-shaped:
    the window goes to the line of letters even where those blobs are denser."""
    ink = np.zeros((300, 400), np.uint8)
    for top in (40, 60, 80):
        ink[top:top + 8, 40:300] = 1  # solid bars, denser than print
    for word in range(40, 330, 60):
        for left in range(word, word + 45, 9):
            ink[200:208, left:left + 7] = 1  # a line of five-letter words
    _x, y, _w, h = densest_text_window(ink, 8.0)
    assert y <= 200 < y + h and not (y <= 44 < y + h)


def test_ocr_windows_pool_by_the_letters_read_in_them() -> None:
    lines = [(52.0, 40), (40.0, 38)]  # a window of words: upright leads, not yet by the margin
    notes = [(10.0, 3), (22.0, 4)]  # a window of music notes: a few "letters", the other way up
    pooled = page_orientation.pooled_confidences([lines, notes])
    assert pooled[0] - pooled[1] > 9  # a plain mean would leave (31, 31): a tie
    assert page_orientation.pooled_confidences([[(30.0, 0), (0.0, 0)]]) == [30.0, 0.0]


def test_a_low_resolution_page_heavy_at_one_end_has_that_end_up() -> None:
    """A title page of centred lines (no margin lines up better than the other) in the upper part of the
    page: upside down at ~30 dpi, its ink's balance turns it back; a full page says nothing."""
    from kiosk.capture.page_enhance import find_orientation

    ink = np.zeros((420, 300), np.uint8)
    for row, length in enumerate((120, 220, 80, 180, 140)):
        top = 40 + row * 26
        ink[top:top + 10, 150 - length // 2:150 + length // 2] = 1
    assert page_orientation.ink_balance(ink) > page_orientation.TOP_HEAVY
    for turns, expected in ((0, 0), (2, 180)):
        turned = np.ascontiguousarray(np.rot90(ink, k=turns))
        result = find_orientation(turned, turned, np.zeros((4, 4), np.uint8), np.eye(3), turned.shape[::-1],
                                  1.0, use_ocr=False, low_resolution=True)
        assert result.rotation == expected and not result.confident
    assert abs(page_orientation.ink_balance(_square_script())) < page_orientation.TOP_HEAVY
