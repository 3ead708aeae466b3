"""Correcting a found page: true aspect from perspective, A4 output, deskew, orientation, lighting
flattening, modes, blank pages, effective resolution and its warning. Small pages (100 dpi) keep it fast."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from kiosk.bench.docs_corpus import document_page
from kiosk.capture.page_enhance import (
    WARNING_BLANK,
    WARNING_LOW_DPI,
    EnhanceOptions,
    background_estimate,
    enhance_page,
    estimate_skew,
    flatten,
    output_dpi,
    output_size,
    page_geometry,
    perspective_aspect,
    side_aspect,
    upright_evidence,
)

DPI = 100  # the test pages' render and output resolution: A4 is 827 × 1169 px


@pytest.fixture(scope="module")
def text_page() -> np.ndarray:
    """An invented administrative letter, RGB, A4 at 100 dpi."""
    return document_page(3, dpi=DPI)[0]


@pytest.fixture(scope="module")
def blank_page() -> np.ndarray:
    rng = np.random.default_rng(4)
    paper = np.full((1169, 827, 3), (248, 247, 242), np.float32) + rng.normal(0, 1.5, (1169, 827, 1))
    return np.clip(paper, 0, 255).astype(np.uint8)


def place(page_rgb: np.ndarray, quad: np.ndarray, frame: tuple[int, int],
          background: tuple[int, int, int] = (40, 45, 50)) -> np.ndarray:
    """The page warped onto `quad` of a plain dark frame, BGR."""
    h, w = page_rgb.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    bgr = cv2.cvtColor(page_rgb, cv2.COLOR_RGB2BGR)
    return cv2.warpPerspective(bgr, matrix, frame, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=background)


def tilted_quad(frame: tuple[int, int], tilt_deg: float, page_mm: tuple[float, float] = (210, 297),
                focal: float = 1100.0, distance: float = 560.0, yaw_deg: float = 0.0,
                shift: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Where the corners of a page land through a pinhole camera (principal point at the frame's centre)
    when the page is tilted away by `tilt_deg` about its horizontal axis (and `yaw_deg` about its vertical
    one, and moved by `shift` mm): a true perspective view."""
    w, h = page_mm
    corners = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]])
    t, y = math.radians(tilt_deg), math.radians(yaw_deg)
    tilt = np.array([[1, 0, 0], [0, math.cos(t), -math.sin(t)], [0, math.sin(t), math.cos(t)]])
    yaw = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    cam = corners @ (yaw @ tilt).T + [shift[0], shift[1], distance]
    return np.stack([focal * cam[:, 0] / cam[:, 2] + frame[0] / 2,
                     focal * cam[:, 1] / cam[:, 2] + frame[1] / 2], axis=1)


def frontal_quad(x: float, y: float, width: float) -> np.ndarray:
    height = width * 297 / 210
    return np.array([[x, y], [x + width, y], [x + width, y + height], [x, y + height]])


def options(**changes: object) -> EnhanceOptions:
    values: dict[str, object] = {"dpi": DPI, "tesseract_osd": False}
    values.update(changes)
    return EnhanceOptions(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- geometry


def test_perspective_correction_restores_the_a4_aspect(text_page: np.ndarray) -> None:
    frame = (1400, 1300)
    quad = tilted_quad(frame, tilt_deg=35)
    # Foreshortened: the plain side ratio would call this a Letter page (1.29) or nothing at all.
    assert side_aspect(quad) < 1.3
    # Tilted about one axis only, the quad cannot tell the focal length: exact when it is known, within
    # the snapping tolerance with the default guess.
    assert perspective_aspect(quad, frame, focal=1100) == pytest.approx(297 / 210, rel=1e-6)
    assert perspective_aspect(quad, frame) == pytest.approx(297 / 210, rel=0.04)
    page = enhance_page(place(text_page, quad, frame), quad, options())
    assert page.geometry.paper == "A4"
    # A4 at the requested 100 dpi, or at the photo's own lower resolution (never upsampled).
    assert page.dpi == output_dpi(100, page.geometry.effective_dpi)
    assert (page.width_px, page.height_px) == output_size(page.geometry, page.dpi)
    assert page.height_px / page.width_px == pytest.approx(297 / 210, rel=0.01)
    assert page.rotation == 0 and not page.blank


def test_the_focal_length_comes_from_the_quad_when_both_pairs_of_sides_converge() -> None:
    frame = (1400, 1300)
    quad = tilted_quad(frame, tilt_deg=30, yaw_deg=20, shift=(30, -20), focal=900)
    assert perspective_aspect(quad, frame) == pytest.approx(297 / 210, rel=0.01)
    letter = tilted_quad(frame, tilt_deg=25, yaw_deg=-25, page_mm=(215.9, 279.4), focal=1300)
    assert perspective_aspect(letter, frame) == pytest.approx(279.4 / 215.9, rel=0.01)


def test_a4_at_200_dpi_is_1654_by_2339() -> None:
    quad = frontal_quad(0, 0, 1654)
    geometry = page_geometry(quad, (2000, 2500), EnhanceOptions())
    assert geometry.paper == "A4" and output_size(geometry, 200) == (1654, 2339)
    assert geometry.effective_dpi == pytest.approx(200, abs=0.5)


def test_other_papers_snap_or_keep_their_own_shape() -> None:
    letter = np.array([[0, 0], [850, 0], [850, 1100], [0, 1100]], float)
    assert page_geometry(letter, (900, 1200), EnhanceOptions()).paper == "Letter"
    odd = np.array([[0, 0], [1000, 0], [1000, 1000], [0, 1000]], float)  # a square slip: no standard paper
    geometry = page_geometry(odd, (1100, 1100), EnhanceOptions())
    assert geometry.paper is None and geometry.height_mm == pytest.approx(297) and geometry.width_mm == 297
    # A4 and A5 share an aspect: a photo says A4 unless told; a scan's known dpi tells the real size.
    a5_scan = frontal_quad(0, 0, 148 / 25.4 * 300)
    assert page_geometry(a5_scan, (2000, 2600), EnhanceOptions()).paper == "A4"
    assert page_geometry(a5_scan, (2000, 2600), EnhanceOptions(source_dpi=300)).paper == "A5"
    assert page_geometry(a5_scan, (2000, 2600), EnhanceOptions(paper="A5")).paper == "A5"
    landscape = np.array([[0, 0], [1169, 0], [1169, 827], [0, 827]], float)
    geometry = page_geometry(landscape, (1200, 900), EnhanceOptions())
    assert (geometry.width_mm, geometry.height_mm) == (297, 210)


# --------------------------------------------------------------------------------------- resolution


def test_effective_dpi_and_the_low_resolution_warning(text_page: np.ndarray) -> None:
    frame = (900, 1250)
    quad = frontal_quad(20, 20, 827)  # the page at 100 source pixels per inch
    page = enhance_page(place(text_page, quad, frame), quad, options(dpi=200))
    assert page.geometry.effective_dpi == pytest.approx(100, rel=0.01)
    assert (page.width_px, page.height_px) == (827, 1169)  # at its own 100 dpi, not upsampled to 200
    assert page.dpi == 100 and WARNING_LOW_DPI in page.warnings
    sharp = enhance_page(place(text_page, quad, frame), quad, options(dpi=100))
    assert sharp.geometry.effective_dpi == pytest.approx(100, rel=0.01)
    assert WARNING_LOW_DPI in sharp.warnings  # below 200 whatever the output asks for
    big = frontal_quad(0, 0, 1700)  # 205 source pixels per inch
    assert page_geometry(big, (1800, 2500), EnhanceOptions()).effective_dpi > 200


def test_the_worst_resolved_side_sets_the_effective_dpi() -> None:
    frame = (1400, 1300)
    quad = tilted_quad(frame, tilt_deg=35)
    geometry = page_geometry(quad, frame, EnhanceOptions())
    top, right, bottom, left = (float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4))
    far_edge = min(top, bottom) / (210 / 25.4)  # the edge tilted away from the camera
    near_edge = max(top, bottom) / (210 / 25.4)
    foreshortened = min(left, right) / (297 / 25.4)  # the sides, seen at a slant
    assert foreshortened < far_edge < near_edge
    assert geometry.effective_dpi == pytest.approx(foreshortened, rel=0.001)


# ----------------------------------------------------------------------------------- skew, orientation


def test_a_residual_skew_is_measured_and_removed(text_page: np.ndarray) -> None:
    h, w = text_page.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 1.5, 1.0)  # content turned 1.5° counter-clockwise
    skewed = cv2.warpAffine(text_page, turn, (w, h), borderMode=cv2.BORDER_REPLICATE)
    quad = frontal_quad(10, 10, w)
    frame = (w + 20, h + 20)
    page = enhance_page(place(skewed, quad, frame), quad, options())
    assert page.skew_deg == pytest.approx(1.5, abs=0.2)
    assert page.rotation == 0  # upright: a sideways page would show no skew whatever was done
    ink = (cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY) < 128).astype(np.uint8)
    assert abs(estimate_skew(ink)) <= 0.2


@pytest.mark.parametrize(("turns", "expected"), [(0, 0), (1, 90), (2, 180), (3, 270)])
def test_orientation_is_detected_and_corrected(text_page: np.ndarray, turns: int, expected: int) -> None:
    turned = np.ascontiguousarray(np.rot90(text_page, k=turns))  # k counter-clockwise quarter turns
    h, w = turned.shape[:2]
    quad = np.array([[10, 10], [10 + w, 10], [10 + w, 10 + h], [10, 10 + h]], float)
    page = enhance_page(place(turned, quad, (w + 20, h + 20)), quad, options())
    assert page.rotation == expected  # clockwise degrees that undo the counter-clockwise turns
    assert (page.width_px, page.height_px) == (827, 1169)  # upright portrait again
    ink = (cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY) < 128).astype(np.uint8)
    assert upright_evidence(ink) > 0.2


# ------------------------------------------------------------------------------------------ lighting


def uneven_light(shape: tuple[int, int]) -> np.ndarray:
    """A light gradient and a soft shadow across a third of the page (gain 0.45–1.0)."""
    h, w = shape
    xs = np.tile(np.arange(w, dtype=np.float32), (h, 1))
    gain = 1 - 0.25 * xs / w
    shadow = np.zeros((h, w), np.float32)
    cv2.ellipse(shadow, (0, h // 2), (w // 2, h // 3), 0, 0, 360, 1.0, -1)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 30)
    return gain * (1 - 0.4 * shadow)


def test_flattening_removes_shadows_and_gradients(text_page: np.ndarray) -> None:
    lit = np.clip(text_page.astype(np.float32) * uneven_light(text_page.shape[:2])[:, :, None], 0, 255)
    lit8 = lit.astype(np.uint8)
    paper = cv2.cvtColor(text_page, cv2.COLOR_RGB2GRAY) > 200  # where the page is blank paper
    paper[:40] = paper[-40:] = False
    paper[:, :40] = paper[:, -40:] = False
    before = cv2.cvtColor(lit8, cv2.COLOR_RGB2GRAY)[paper].astype(np.float32)
    quad = frontal_quad(0, 0, 827)
    page = enhance_page(cv2.cvtColor(lit8, cv2.COLOR_RGB2BGR), quad, options())
    after = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)[paper].astype(np.float32)
    assert before.std() > 20
    assert after.std() < before.std() / 4
    assert np.median(after) == 255  # the paper is pure white: cheap to compress
    raw = enhance_page(cv2.cvtColor(lit8, cv2.COLOR_RGB2BGR), quad, options(flatten=False))
    assert cv2.cvtColor(raw.image, cv2.COLOR_BGR2GRAY)[paper].std() > 20


def test_the_background_estimate_ignores_the_ink(text_page: np.ndarray) -> None:
    grey = cv2.cvtColor(text_page, cv2.COLOR_RGB2GRAY)
    estimate = background_estimate(grey, DPI)
    assert estimate.shape == grey.shape
    assert np.percentile(estimate, 1) > 225  # text lines do not pull the paper estimate down
    flat = flatten(grey, DPI)
    assert (flat < 100).mean() > 0.02  # the ink stays dark


def test_a_red_stamp_stays_red(text_page: np.ndarray) -> None:
    quad = frontal_quad(0, 0, 827)
    page = enhance_page(cv2.cvtColor(text_page, cv2.COLOR_RGB2BGR), quad, options())
    b, g, r = (page.image[:, :, i].astype(int) for i in range(3))
    assert np.count_nonzero((r > 150) & (g < 110) & (b < 110)) > 500


# ------------------------------------------------------------------------------------- modes and blank


def test_modes(text_page: np.ndarray) -> None:
    quad = frontal_quad(0, 0, 827)
    source = cv2.cvtColor(text_page, cv2.COLOR_RGB2BGR)
    colour = enhance_page(source, quad, options(mode="color")).image
    grey = enhance_page(source, quad, options(mode="gray")).image
    bw = enhance_page(source, quad, options(mode="bw")).image
    assert colour.shape == (1169, 827, 3) and grey.shape == bw.shape == (1169, 827)
    assert set(np.unique(bw)) == {0, 255}
    assert 0.01 < (bw == 0).mean() < 0.2
    with pytest.raises(ValueError, match="mode"):
        EnhanceOptions(mode="sepia")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dpi"):
        EnhanceOptions(dpi=20)


def test_blank_pages_are_detected(text_page: np.ndarray, blank_page: np.ndarray) -> None:
    quad = frontal_quad(30, 30, 827)
    frame = (887, 1229)
    shaded = np.clip(blank_page.astype(np.float32) * uneven_light(blank_page.shape[:2])[:, :, None], 0, 255)
    blank = enhance_page(place(shaded.astype(np.uint8), quad, frame), quad, options())
    assert blank.blank and WARNING_BLANK in blank.warnings and blank.ink_ratio < 0.0004
    full = enhance_page(place(text_page, quad, frame), quad, options())
    assert not full.blank and WARNING_BLANK not in full.warnings and full.ink_ratio > 0.01


def thermal_receipt(ink: int) -> np.ndarray:
    """A receipt at 150 dpi whose print has faded to `ink` on paper at 246 (a real thermal receipt after
    months in a wallet: 170–200), with paper grain."""
    image = np.full((900, 500), 246, np.uint8)
    for i, y in enumerate(range(60, 860, 34)):
        cv2.putText(image, f"TRA SUA {i:02d}   45.000 VND", (20, y), cv2.FONT_HERSHEY_SIMPLEX, 0.62, ink, 2,
                    cv2.LINE_AA)
    grain = np.random.default_rng(0).normal(0, 3, image.shape)
    return cv2.cvtColor(np.clip(image + grain, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)


def glyph_pieces(bw: np.ndarray) -> tuple[int, int]:
    """(connected ink pieces, of which specks under 6 px): print broken into dots has many specks."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((bw < 128).astype(np.uint8), connectivity=8)
    return count - 1, int((stats[1:, cv2.CC_STAT_AREA] < 6).sum())


@pytest.mark.parametrize("ink", [170, 200])
def test_black_and_white_keeps_faint_thermal_print(ink: int) -> None:
    quad = np.array([[0, 0], [500, 0], [500, 900], [0, 900]], float)
    settings = options(dpi=150, mode="bw", paper="auto")
    crisp_pieces, _ = glyph_pieces(enhance_page(thermal_receipt(40), quad, settings).image)
    pieces, specks = glyph_pieces(enhance_page(thermal_receipt(ink), quad, settings).image)
    # The same glyphs as the crisp print (not dropped at ink 200, as a fixed cut did; not broken into
    # dots at 170), within 10 %.
    assert abs(pieces - crisp_pieces) <= 0.1 * crisp_pieces
    assert specks <= 0.05 * pieces


def test_faint_writing_on_a_low_resolution_page_is_ink_and_a_blank_sheet_is_not() -> None:
    """At ~30 dpi a pen stroke blends with the paper: its darkest pixels are ~170–190 after flattening.
    Such a page is not blank; a clean sheet photographed alike still is."""
    from kiosk.capture.page_enhance import BLANK_INK_RATIO, ink_ratio

    rng = np.random.default_rng(3)
    sheet = np.clip(rng.normal(250, 2, (340, 240)), 0, 255).astype(np.uint8)
    written = sheet.copy()
    for top in range(40, 300, 22):  # lines of faint handwriting, ~2 px strokes at ~180
        for left in range(30, 200, 14):
            written[top:top + 2, left:left + 9] = 182
            written[top - 4:top + 2, left + 4:left + 6] = 178
    assert ink_ratio(written, 30) > 10 * BLANK_INK_RATIO
    assert ink_ratio(sheet, 30) < BLANK_INK_RATIO
    assert ink_ratio(written, 200) < BLANK_INK_RATIO  # at 200 dpi such grey is not ink (a shadow, a tint)
