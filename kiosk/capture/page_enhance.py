"""Turn a found page into a clean, upright, flat page image at a known resolution.

`enhance_page(image, corners, options)` does, in order:

1. Geometry: the page's true aspect from its quadrilateral (Zhang & He's whiteboard-scanner estimate,
   which undoes foreshortening: a page seen at 35° has a side ratio of 1.17, not 1.41; and the plain side
   ratio), snapped to A4 / A5 / Letter / Legal within `SNAP_TOLERANCE` — the ISO A series first, official
   documents being A4, and A4 rather than A5 unless the options or the source's known dpi say so. The
   output is that paper at `options.dpi` (A4 at 200 dpi: 1654 × 2339 px), 100 % scale; the effective dpi
   is the source's pixels per inch on the page's worst-resolved side.
2. A quick low-resolution warp to read the page: residual skew (projection-profile sharpness of the ink
   over ±`MAX_SKEW_DEG`) and orientation 0/90/180/270 (text lines horizontal or vertical from the profiles'
   sharpness; upright or upside down from where the ink sits around each line's x-height band: diacritics,
   capitals and ascenders above outweigh descenders below). When the text cannot tell, Tesseract's OSD
   (`--psm 0`) decides if the binary is installed. Below `MIN_ORIENTATION_DPI` the result is only a guess
   and the page says so (`orientation_uncertain`).
3. One full-resolution warp from the source through perspective, deskew and rotation together (one
   resampling, not three).
4. Lighting: a background estimate (the page shrunk 8×, a grey dilation that removes the ink, dark content
   regions inpainted, blurred, scaled back) divides the page; paper becomes white and shadows and gradients
   disappear. Levels then push near-white to pure white (clean backgrounds compress far better) and
   stretch the ink.
5. Mode: colour (flattened BGR), grey, or black-and-white (adaptive threshold of the flattened grey).
6. Blank-page detection (ink area after flattening, specks ignored); below `MIN_DPI` effective the page
   carries the `low_dpi` warning. Such a page is written at its own effective resolution, never upsampled
   to `options.dpi` (upsampling invents no detail and costs bytes); the PDF is 100 % scale either way, and
   the kiosk must offer a retake or the scanner.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from kiosk.capture.page_detect import order_corners
from kiosk.capture.page_fold import WARNING_FOLDED, cut_at_a_fold, looks_folded
from kiosk.capture.page_orientation import (
    ALIGNMENT_MARGIN,
    ANALYSIS_DPI,
    DIRECTION_MARGIN,
    MAX_OCR_PIXELS,
    MAX_OCR_SCALE,
    MIN_WORDS,
    OCR_ATTEMPTS,
    OCR_CHAR_PX,
    TOP_HEAVY,
    Orientation,
    Window,
    alignment_evidence,
    analysis_binary,
    decide,
    densest_text_window,
    ink_balance,
    line_periodicity,
    low_resolution_direction,
    ocr_readings,
    pooled_confidences,
    quarter_turn,
    tesseract_env,
    text_direction,
)

log = logging.getLogger(__name__)

Mode = Literal["color", "gray", "bw"]
MODES: tuple[Mode, ...] = ("color", "gray", "bw")
MIN_DPI = 200  # Decree 107 / Circular 01/2023: scans at 200 dpi or more
DEFAULT_DPI = 200
SNAP_TOLERANCE = 0.04  # relative aspect difference within which a page snaps to a standard paper
MAX_SKEW_DEG = 4.0
MM_PER_INCH = 25.4

WARNING_LOW_DPI = "low_dpi"
WARNING_BLANK = "blank_page"
WARNING_ORIENTATION = "orientation_uncertain"


@dataclass(frozen=True)
class PaperSize:
    name: str
    width_mm: float  # portrait
    height_mm: float

    @property
    def aspect(self) -> float:
        return self.height_mm / self.width_mm


A4 = PaperSize("A4", 210.0, 297.0)
A5 = PaperSize("A5", 148.0, 210.0)
LETTER = PaperSize("Letter", 215.9, 279.4)
LEGAL = PaperSize("Legal", 215.9, 355.6)
PAPERS: dict[str, PaperSize] = {p.name.lower(): p for p in (A4, A5, LETTER, LEGAL)}


@dataclass(frozen=True)
class EnhanceOptions:
    mode: Mode = "color"
    dpi: int = DEFAULT_DPI
    paper: str = "auto"  # "auto" or a name in PAPERS: the page's paper when the caller knows it
    source_dpi: float | None = None  # the source's resolution when known (a flatbed scan)
    deskew: bool = True
    auto_rotate: bool = True
    tesseract_osd: bool = True  # read a small crop with Tesseract to tell up from down (page_orientation)
    flatten: bool = True

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")
        if not 50 <= self.dpi <= 1200:
            raise ValueError(f"dpi must be between 50 and 1200, not {self.dpi}")
        if self.paper != "auto" and self.paper.lower() not in PAPERS:
            raise ValueError(f"paper must be 'auto' or one of {sorted(PAPERS)}, not {self.paper!r}")


@dataclass(frozen=True)
class PageGeometry:
    """The page's physical size as the kiosk understands it, and how well the source resolves it."""

    width_mm: float
    height_mm: float
    paper: str | None  # the standard paper it snapped to, or None
    effective_dpi: float  # source pixels per inch, on the page's worst-resolved side
    aspect: float  # height / width as measured (before snapping)


@dataclass(frozen=True)
class EnhancedPage:
    image: np.ndarray  # color: BGR uint8; gray: uint8; bw: uint8 of 0 and 255
    mode: Mode
    dpi: int
    geometry: PageGeometry
    rotation: int  # degrees clockwise applied to make the text upright: 0, 90, 180 or 270
    skew_deg: float  # residual skew removed, degrees (counter-clockwise positive)
    blank: bool
    ink_ratio: float  # share of the page's area covered by ink, after flattening
    warnings: tuple[str, ...] = field(default=())
    orientation_source: str = "text"  # "ocr", "text", or "none" (nothing to go by)

    @property
    def width_px(self) -> int:
        return int(self.image.shape[1])

    @property
    def height_px(self) -> int:
        return int(self.image.shape[0])


# ------------------------------------------------------------------------------------------ geometry


def _side_lengths(quad: np.ndarray) -> list[float]:
    return [float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4)]


DEFAULT_FOCAL = 0.85  # focal length as a fraction of the image's longer side when the quad cannot tell


def perspective_aspect(quad: np.ndarray, image_size: tuple[int, int],
                       focal: float | None = None) -> float | None:
    """The true height/width of the rectangle whose image is `quad` (TL, TR, BR, BL), for square pixels
    and the principal point at the image centre (Zhang & He, "Whiteboard scanning and image enhancement",
    2007). The focal length comes from the quad itself when both pairs of sides converge; when one pair is
    parallel in the image (a page tilted about one axis only, the usual document-camera view) it cannot,
    and `focal` (pixels) or `DEFAULT_FOCAL` × the longer image side is assumed. None when the quad is not
    the image of a rectangle in front of the camera."""
    w, h = image_size
    u0, v0 = w / 2, h / 2
    m1, m2, m4, m3 = (np.array([p[0] - u0, p[1] - v0, 1.0]) for p in quad)  # TL, TR, BR, BL
    d2 = np.dot(np.cross(m2, m4), m3)
    d3 = np.dot(np.cross(m3, m4), m2)
    if abs(d2) < 1e-9 or abs(d3) < 1e-9:
        return None
    k2 = np.dot(np.cross(m1, m4), m3) / d2
    k3 = np.dot(np.cross(m1, m4), m2) / d3
    n2 = k2 * m2 - m1
    n3 = k3 * m3 - m1
    diag = math.hypot(w, h)
    f2 = None
    if focal is None and abs(n2[2] * n3[2]) > 1e-6:
        estimate = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2])
        if (0.3 * diag) ** 2 <= estimate <= (5 * diag) ** 2:
            f2 = estimate
    if f2 is None:
        f2 = (focal if focal is not None else DEFAULT_FOCAL * max(w, h)) ** 2
    width2 = (n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2
    height2 = (n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2
    if width2 <= 0 or height2 <= 0 or k2 <= 0 or k3 <= 0:
        return None
    return math.sqrt(height2 / width2)


def side_aspect(quad: np.ndarray) -> float:
    """height/width from the mean lengths of opposite sides (top/bottom are the width)."""
    top, right, bottom, left = _side_lengths(quad)
    return ((left + right) / 2) / max(1e-9, (top + bottom) / 2)


ISO_A = (A4, A5)  # one aspect (√2): only a known physical size tells them apart


def _near(aspect: float, paper: PaperSize) -> bool:
    return abs(aspect / paper.aspect - 1) <= SNAP_TOLERANCE


def _snap(estimates: list[float], wanted: str,
          source_size_mm: tuple[float, float] | None) -> PaperSize | None:
    """The standard paper a page is, from its aspect estimates (long / short, best first), or None.

    The ISO A series wins when any estimate is near √2: official Vietnamese documents are A4 (Decree 30/2020),
    and the two estimates err in different ways (the perspective one on the focal length it may have to
    assume, the side ratio on foreshortening). A known physical size (a scan's dpi) picks A4 or A5.
    """
    if wanted != "auto":
        return PAPERS[wanted.lower()]
    if any(_near(a, A4) or _near(a, A5) for a in estimates):
        if source_size_mm is not None:
            long_mm = max(source_size_mm)
            return min(ISO_A, key=lambda p: abs(p.height_mm - long_mm))
        return A4
    for aspect in estimates:
        near = [p for p in PAPERS.values() if _near(aspect, p)]
        if near:
            return min(near, key=lambda p: abs(aspect / p.aspect - 1))
    return None


def page_geometry(quad: np.ndarray, image_size: tuple[int, int], options: EnhanceOptions) -> PageGeometry:
    """Physical size and effective resolution of the page `quad` (TL, TR, BR, BL in source pixels).

    Width and height follow the quad as it lies in the source (a sideways page is landscape here; the
    rotation comes later). Without a known source dpi the physical size comes from the snapped paper, or,
    for an unknown paper, from its longest side taken as 297 mm.
    """
    quad = np.asarray(quad, np.float64)
    measured = perspective_aspect(quad, image_size)
    by_sides = side_aspect(quad)
    aspect = measured if measured is not None else by_sides  # height / width in the source
    landscape = aspect < 1
    long_short = 1 / aspect if landscape else aspect
    estimates = [long_short]
    if measured is not None and (by_sides < 1) == landscape:
        estimates.append(1 / by_sides if landscape else by_sides)
    sides = _side_lengths(quad)
    source_mm: tuple[float, float] | None = None
    if options.source_dpi:
        width_px = (sides[0] + sides[2]) / 2
        height_px = (sides[1] + sides[3]) / 2
        mm_per_px = MM_PER_INCH / options.source_dpi
        source_mm = (width_px * mm_per_px, height_px * mm_per_px)
    paper = _snap(estimates, options.paper, source_mm)
    if paper is not None:
        short_mm, long_mm = paper.width_mm, paper.height_mm
    elif source_mm is not None:
        short_mm, long_mm = min(source_mm), max(source_mm)
    else:
        long_mm = A4.height_mm
        short_mm = long_mm / long_short
    width_mm, height_mm = (long_mm, short_mm) if landscape else (short_mm, long_mm)
    # Effective dpi: the worst of the four sides (the far side of a tilted page is the least resolved).
    dpis = [sides[0] / (width_mm / MM_PER_INCH), sides[2] / (width_mm / MM_PER_INCH),
            sides[1] / (height_mm / MM_PER_INCH), sides[3] / (height_mm / MM_PER_INCH)]
    effective = options.source_dpi if options.source_dpi else min(dpis)
    return PageGeometry(width_mm=width_mm, height_mm=height_mm, paper=paper.name if paper else None,
                        effective_dpi=float(effective), aspect=float(aspect))


MIN_OUTPUT_DPI = 20  # a floor for the filters' kernel sizes only: a 35 dpi photo is written at 35, not 50


def output_dpi(requested: int, effective: float) -> int:
    """The resolution a page is written at: the requested one, or the source's own when that is lower —
    never upsampled (a 54 dpi phone page blown up to A4 at 200 dpi invents no detail and costs 3–4× the
    bytes). The page keeps its physical size (100 % scale) either way; `low_dpi` still warns."""
    return max(MIN_OUTPUT_DPI, min(requested, math.floor(effective + 0.5)))


def output_size(geometry: PageGeometry, dpi: int) -> tuple[int, int]:
    return (max(1, round(geometry.width_mm / MM_PER_INCH * dpi)),
            max(1, round(geometry.height_mm / MM_PER_INCH * dpi)))


# -------------------------------------------------------------------------------------- flattening


def _background_small(grey_or_bgr: np.ndarray, dpi: int) -> np.ndarray:
    """The paper tone at ~25 dpi (float32, ≥ 1): see `background_estimate`."""
    h, w = grey_or_bgr.shape[:2]
    factor = max(1, round(dpi / 25))
    small = cv2.resize(grey_or_bgr, (max(4, w // factor), max(4, h // factor)), interpolation=cv2.INTER_AREA)
    k = 9
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    bg = cv2.dilate(small, kernel)
    lum = np.max(bg, axis=2) if bg.ndim == 3 else bg  # small here (~25 dpi): the slow axis is fine
    paper = float(np.percentile(lum, 90))
    dark = (lum < 0.45 * paper).astype(np.uint8)
    if dark.any():
        bg = cv2.inpaint(bg, dark, 5, cv2.INPAINT_TELEA)
    return np.maximum(cv2.GaussianBlur(bg.astype(np.float32), (0, 0), 2.0), np.float32(1.0))


def background_estimate(grey_or_bgr: np.ndarray, dpi: int) -> np.ndarray:
    """The page's paper tone everywhere (same shape, float32): the image shrunk to ~25 dpi, a grey
    dilation wider than text lines (ink disappears), regions too dark to be paper in shadow (photos, solid
    blocks) inpainted from around them, smoothed, scaled back."""
    h, w = grey_or_bgr.shape[:2]
    return np.asarray(cv2.resize(_background_small(grey_or_bgr, dpi), (w, h), interpolation=cv2.INTER_LINEAR),
                      dtype=np.float32)


WHITE_POINT = 0.88  # after dividing by the background, this and brighter is paper: pure white
BLACK_POINT_MAX = 0.4  # the darkest ink is stretched to black, but never from brighter than this


EIGHT_BIT_FROM = 3_000_000  # values (pixels × channels) from which flatten works in 8 bits


def flatten(image: np.ndarray, dpi: int) -> np.ndarray:
    """Divide by the background estimate (per channel: the paper becomes neutral white), then levels:
    near-white to 255, the ink stretched toward 0. uint8, same shape.

    Computed as saturate(gain × (image − black × bg) / bg) in two saturating 8-bit passes with the
    background scaled up as 8 bits: the same levels as in floating point within ~1 grey level, and on a
    full A4 page at 200 dpi ~0.15 s less CPU (no float copies of an 11-million-value page). Small views
    stay in floating point."""
    h, w = image.shape[:2]
    small = _background_small(image, dpi)
    if image.size < EIGHT_BIT_FROM:
        # Small views (the orientation preview, the OCR crop): floating point, as the orientation cues
        # were measured with (the 8-bit rounding turned 3 of 48 borderline real-photo turns wrong).
        bgf = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        ratio_full = cv2.divide(image.astype(np.float32), bgf)
        sample_f = ratio_full[::4, ::4]
        lum_f = sample_f.min(axis=2) if sample_f.ndim == 3 else sample_f
        black_f = min(BLACK_POINT_MAX, float(np.percentile(lum_f, 0.2)))
        gain_f = 255 / (WHITE_POINT - black_f)
        clamped = np.maximum(ratio_full, np.float32(black_f))
        return np.asarray(cv2.convertScaleAbs(clamped, alpha=gain_f, beta=-black_f * gain_f))
    bg = cv2.resize(np.clip(small + 0.5, 1, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_LINEAR)
    # The 0.2th percentile of the ratio from a subsample: exact enough, and cheap.
    ratio = image[::4, ::4].astype(np.float32) / bg[::4, ::4].astype(np.float32)
    lum = ratio.min(axis=2) if ratio.ndim == 3 else ratio
    black = min(BLACK_POINT_MAX, float(np.percentile(lum, 0.2)))
    gain = 255 / (WHITE_POINT - black)
    above_black = cv2.addWeighted(image, 1.0, bg, -black, 0.0)  # saturates at 0: clamped at the black point
    return np.asarray(cv2.divide(above_black, bg, scale=gain))


FAINT_LIMIT_MAX = 236  # the global ink cut never comes closer to white paper (255, noise ±7) than this


def to_bw(grey_flat: np.ndarray, dpi: int) -> np.ndarray:
    """Black-and-white from a flattened grey page: ink where darker than its neighbourhood (adaptive
    threshold, ~4 mm window) and darker than a global limit (keeps paper noise out)."""
    block = max(3, round(dpi * 4 / MM_PER_INCH)) | 1
    # Faint print (a thermal receipt fading: ink at 80 % of the paper's brightness) stays light grey after
    # flattening, which never stretches a page's darkest ink from brighter than BLACK_POINT_MAX (noise on a
    # blank page would become ink). Fixed cuts (< 190, 12 below the neighbourhood) then dropped all of it,
    # or kept it as dots: both follow the page's own ink level instead, halfway between ink and paper.
    darkest = float(np.percentile(grey_flat[::2, ::2], 0.5))
    limit = min(FAINT_LIMIT_MAX, max(190.0, (darkest + 255) / 2))
    offset = max(4.0, min(12.0, 0.25 * (255 - darkest)))
    if darkest > 100:  # faint: the paper's grain is a fair part of the contrast; smooth it away first
        grey_flat = cv2.GaussianBlur(grey_flat, (0, 0), max(0.6, dpi / 250))
    local = cv2.adaptiveThreshold(grey_flat, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block,
                                  offset)
    ink = (local == 0) & (grey_flat < limit)
    return np.where(ink, 0, 255).astype(np.uint8)


LOW_INK_DPI = 100  # below this a pen stroke is thinner than a pixel: see ink_ratio


def ink_ratio(grey_flat: np.ndarray, dpi: int) -> float:
    """Share of the page (a 4 % border excluded) covered by ink, after removing specks smaller than
    ~0.4 mm² (dust, noise). Below `LOW_INK_DPI` a pen stroke is thinner than a pixel and blends with the
    paper (measured on real 0.2 MP photos at 28–35 dpi: handwriting never darker than 150, so written pages
    were called blank), so anything clearly darker than the flattened paper counts (< 200, as the
    orientation's analysis view does; blank sheets photographed alike still have none)."""
    h, w = grey_flat.shape
    by, bx = round(0.04 * h), round(0.04 * w)
    core = grey_flat[by:h - by, bx:w - bx]
    ink = (core < (150 if dpi >= LOW_INK_DPI else 200)).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    min_area = max(4, round((dpi / MM_PER_INCH) ** 2 * 0.4))
    areas = stats[1:, cv2.CC_STAT_AREA] if count > 1 else np.zeros(0, np.int64)
    return float(areas[areas >= min_area].sum()) / max(1, core.size)


BLANK_INK_RATIO = 0.0004  # under 0.04 % of the page inked (a line of text is ~0.2 %)


# ------------------------------------------------------------------------------------- orientation


def _ink_points(binary: np.ndarray) -> np.ndarray:
    ys, xs = np.nonzero(binary)
    return np.stack([xs, ys], axis=1).astype(np.float32)


def _profile_sharpness(values: np.ndarray, length: int) -> float:
    hist = np.bincount(np.clip(values.astype(np.int64), 0, length - 1), minlength=length).astype(np.float64)
    return float(np.sum(np.diff(hist) ** 2)) / max(1.0, float(hist.sum()))


def estimate_skew(binary: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """Degrees (counter-clockwise positive) by which the text lines are tilted: the angle whose row
    projection of the ink is sharpest, coarse then fine. 0 when there is too little ink."""
    pts = _ink_points(binary)
    if len(pts) < 200:
        return 0.0
    if len(pts) > 60_000:
        pts = pts[np.random.default_rng(0).choice(len(pts), 60_000, replace=False)]
    h, w = binary.shape
    cx, cy = w / 2, h / 2
    length = int(math.hypot(w, h)) + 2

    def sharpness(deg: float) -> float:
        t = math.radians(deg)
        # Row coordinate after rotating the page by -t (undoing a tilt of t).
        y = (pts[:, 1] - cy) * math.cos(t) + (pts[:, 0] - cx) * math.sin(t) + length / 2
        return _profile_sharpness(y, length)

    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.5)
    best = float(coarse[int(np.argmax([sharpness(a) for a in coarse]))])
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    return float(fine[int(np.argmax([sharpness(a) for a in fine]))])


def _text_lines(binary: np.ndarray) -> list[tuple[int, int]]:
    """(top, bottom) row ranges of horizontal text lines, from the row profile."""
    rows = binary.sum(axis=1).astype(np.float64)
    if rows.max() <= 0:
        return []
    on = rows > 0.05 * rows.max()
    lines, start = [], None
    for y, flag in enumerate(on):
        if flag and start is None:
            start = y
        elif not flag and start is not None:
            lines.append((start, y))
            start = None
    if start is not None:
        lines.append((start, len(on)))
    return [(a, b) for a, b in lines if b - a >= 3]


def upright_evidence(binary: np.ndarray) -> float:
    """For horizontal text: > 0 upright, < 0 upside down, near 0 unknown. Within each text line the rows at
    least half as inked as its densest row are the x-height band; Latin capitals, ascenders and above all
    Vietnamese tone marks put more ink above that band than descenders put below it."""
    above = below = 0.0
    for top, bottom in _text_lines(binary):
        band = binary[top:bottom].sum(axis=1).astype(np.float64)
        core = np.nonzero(band >= 0.5 * band.max())[0]
        if len(core) == 0:
            continue
        c0, c1 = core[0], core[-1]
        above += band[:c0].sum()
        below += band[c1 + 1:].sum()
    total = above + below
    return 0.0 if total < 50 else (above - below) / total


def _horizontal_evidence(binary: np.ndarray) -> float:
    """log(row-profile sharpness / column-profile sharpness): > 0 when the text runs horizontally."""
    pts = _ink_points(binary)
    if len(pts) < 200:
        return 0.0
    h, w = binary.shape
    rows = _profile_sharpness(pts[:, 1], h)
    cols = _profile_sharpness(pts[:, 0], w)
    return math.log((rows + 1e-9) / (cols + 1e-9))


UPRIGHT_MARGIN = 0.12  # |upright_evidence| below this cannot tell up from down
MIN_ORIENTATION_DPI = 100  # below this (source pixels per inch) text shapes cannot tell up from down


def find_orientation(ink: np.ndarray, dark_ink: np.ndarray, source_grey: np.ndarray, to_view: np.ndarray,
                     view_size: tuple[int, int], source_per_view: float, *, use_ocr: bool,
                     low_resolution: bool = False) -> Orientation:
    """Clockwise rotation (0/90/180/270) that makes the page upright (page_orientation explains how).
    `ink` is the deskewed analysis view's ink (`dark_ink` only its darkest: the fallback statistic is
    steadier on it); `to_view` maps source pixels to that view (`view_size`);
    `source_per_view` bounds the OCR crop's scale (never finer than the source). `low_resolution` (below
    `MIN_ORIENTATION_DPI`) lets the line alignment decide before the ink-above/below statistic: measured on
    the real photos it is the better guess there, and the worse one on a well-resolved handwritten page
    whose OCR could not decide (a cheat sheet turned upside down every way). There, too, the line
    direction is a vote of several layout cues (`low_resolution_direction`), not word shapes alone."""
    if np.count_nonzero(ink) < 200:
        return Orientation(0, "none", True)
    shape = text_direction(ink)
    if shape.words < MIN_WORDS and not low_resolution:
        return Orientation(0, "none", not use_ocr or shape.words == 0)
    # Below MIN_ORIENTATION_DPI few word shapes is small print the view cannot resolve (a 30 dpi printed
    # page), not a page without text: the layout cues below do not need words (the page stays uncertain).
    direction = shape.direction
    if low_resolution:
        h, w = ink.shape
        portrait = None if abs(h - w) < 0.05 * max(h, w) else h > w
        direction = low_resolution_direction(shape.direction, _horizontal_evidence(ink),
                                             line_periodicity(ink), portrait)
    base = 0 if direction >= 0 else 90
    clear = abs(direction) >= DIRECTION_MARGIN
    turned = np.ascontiguousarray(np.rot90(ink, k=-(base // 90)))
    if use_ocr:
        quarters = [0, 2] if clear else [0, 1, 2, 3]
        rotations = [(base + 90 * q) % 360 for q in quarters]
        quarter, _ = quarter_turn(view_size, base // 90)
        read: list[list[tuple[float, int]]] = []
        windows: list[Window] = []
        for _attempt in range(OCR_ATTEMPTS):  # another window, elsewhere, only when those read cannot tell
            window = densest_text_window(turned, shape.char_px, avoid=windows)
            windows.append(window)
            crop = _ocr_crop(source_grey, quarter @ to_view, window, shape.char_px, len(quarters),
                             source_per_view)
            readings = ocr_readings([np.ascontiguousarray(np.rot90(crop, k=-q)) for q in quarters])
            if readings is None:
                break
            read.append(readings)
            log.debug("orientation by OCR: base %d, readings %s", base, readings)
            decided = decide(pooled_confidences(read), rotations)
            if decided is not None:
                return decided
    horizontal = np.ascontiguousarray(np.rot90(ink, k=-(base // 90)))
    balance = ink_balance(horizontal) if low_resolution else 0.0
    if abs(balance) >= TOP_HEAVY:  # the ink clearly at one end: that end is the top (ink_balance)
        return Orientation(base if balance > 0 else (base + 180) % 360, "text", False)
    aligned = alignment_evidence(horizontal, _text_lines(horizontal)) if low_resolution else 0.0
    if abs(aligned) >= ALIGNMENT_MARGIN:  # starts line up, ends do not (or the reverse): page_orientation
        return Orientation(base if aligned > 0 else (base + 180) % 360, "text", False)
    evidence = upright_evidence(np.ascontiguousarray(np.rot90(dark_ink, k=-(base // 90))))
    rotation = base if evidence >= 0 else (base + 180) % 360
    return Orientation(rotation, "text", clear and abs(evidence) >= UPRIGHT_MARGIN and not use_ocr)


def _ocr_crop(source_grey: np.ndarray, to_view: np.ndarray, window: Window, char_px: float, turns: int,
              source_per_view: float) -> np.ndarray:
    """The window (view pixels) cut from the source, its print enlarged to Tesseract's favourite size
    (for reading only), within a pixel budget, and flattened."""
    x, y, w, h = window
    scale = min(OCR_CHAR_PX / char_px, MAX_OCR_SCALE)
    scale = min(scale, math.sqrt(MAX_OCR_PIXELS / turns / max(1, w * h)))
    crop_to = np.array([[scale, 0, -x * scale], [0, scale, -y * scale], [0, 0, 1]]) @ to_view
    size = (max(8, round(w * scale)), max(8, round(h * scale)))
    crop = cv2.warpPerspective(source_grey, crop_to, size,
                               flags=cv2.INTER_AREA if scale < source_per_view else cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    return flatten(crop, max(10, round(ANALYSIS_DPI * scale)))


# ------------------------------------------------------------------------------------------- public


def _homography(quad: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    w, h = size
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    return cv2.getPerspectiveTransform(quad.astype(np.float32), dst)


def _rotation_about_centre(size: tuple[int, int], skew_deg: float,
                           quarter: int) -> tuple[np.ndarray, tuple[int, int]]:
    """3×3 matrix: rotate an image of `size` by -skew (undo the tilt) about its centre, then by `quarter`
    clockwise quarter turns; and the size after."""
    w, h = size
    t = math.radians(skew_deg)
    cos, sin = math.cos(t), math.sin(t)
    cx, cy = w / 2, h / 2
    # Undo a counter-clockwise tilt of t: rotate clockwise by t. With y down, a clockwise turn on screen is
    # (x, y) -> (x cos + ... - y sin, x sin + y cos) about the centre. (The transposed matrix, used until
    # the real-photo bench, doubled every skew instead of removing it; a sideways page hid it in the test.)
    deskew = np.array([[cos, -sin, cx - cos * cx + sin * cy],
                       [sin, cos, cy - sin * cx - cos * cy],
                       [0, 0, 1]])
    q = quarter % 4
    if q == 0:
        turn, out = np.eye(3), (w, h)
    elif q == 1:  # clockwise: (x, y) -> (h - y, x)
        turn, out = np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], np.float64), (h, w)
    elif q == 2:
        turn, out = np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], np.float64), (w, h)
    else:  # counter-clockwise: (x, y) -> (y, w - x)
        turn, out = np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], np.float64), (h, w)
    return turn @ deskew, out


def _strict_ink(flat: np.ndarray) -> np.ndarray:
    """Dark ink only, border ignored: what the skew estimate measures (faint print would blur it)."""
    h, w = flat.shape
    m = max(2, round(0.03 * min(h, w)))
    ink = (flat < 140).astype(np.uint8)
    ink[:m] = 0
    ink[-m:] = 0
    ink[:, :m] = 0
    ink[:, -m:] = 0
    return ink


def enhance_page(image: np.ndarray, corners: np.ndarray,
                 options: EnhanceOptions | None = None) -> EnhancedPage:
    """The page inside `corners` (source pixels, any order) of a BGR or grey image, corrected."""
    options = options or EnhanceOptions()
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    quad = order_corners(np.asarray(corners, np.float64)).astype(np.float64)
    h_src, w_src = image.shape[:2]
    geometry = page_geometry(quad, (w_src, h_src), options)
    dpi = output_dpi(options.dpi, geometry.effective_dpi)
    size = output_size(geometry, dpi)
    warp = _homography(quad, size)
    # Skew and orientation are judged at the requested resolution even when the page is written at its own
    # lower one: Tesseract's OSD and the text-line statistics need text at the sizes they were made for.
    look_size = output_size(geometry, options.dpi)
    look_warp = _homography(quad, look_size)

    # A quick, small look at the page for skew and orientation.
    preview_scale = min(1.0, ANALYSIS_DPI / options.dpi)
    psize = (max(8, round(look_size[0] * preview_scale)), max(8, round(look_size[1] * preview_scale)))
    pwarp = np.diag([psize[0] / look_size[0], psize[1] / look_size[1], 1.0]) @ look_warp
    source_grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    preview = cv2.warpPerspective(source_grey, pwarp, psize,
                                  flags=cv2.INTER_AREA if preview_scale < 1 else cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_REPLICATE)
    pdpi = max(10, round(options.dpi * preview_scale))
    flat_preview = flatten(preview, pdpi)
    skew = estimate_skew(_strict_ink(flat_preview)) if options.deskew else 0.0
    if abs(skew) < 0.15:
        skew = 0.0
    orientation = Orientation(0, "none", True)
    if options.auto_rotate:
        deskew, _ = _rotation_about_centre(psize, skew, 0)
        if skew:
            flat_preview = cv2.warpPerspective(flat_preview, deskew, psize, flags=cv2.INTER_LINEAR,
                                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)
        # Source pixels per preview pixel: an OCR crop finer than this would only be upsampled.
        source_per_preview = max(1.0, geometry.effective_dpi / pdpi)
        orientation = find_orientation(
            analysis_binary(flat_preview), _strict_ink(flat_preview), source_grey, deskew @ pwarp, psize,
            source_per_preview,
            use_ocr=options.tesseract_osd and geometry.effective_dpi >= MIN_ORIENTATION_DPI,
            low_resolution=geometry.effective_dpi < MIN_ORIENTATION_DPI)
        if geometry.effective_dpi < MIN_ORIENTATION_DPI and orientation.source == "text":
            # Measured on the synthetic corpus: at ~50 dpi the ascender/descender balance is a coin toss.
            orientation = Orientation(orientation.rotation, "text", False)

    turn, out_size = _rotation_about_centre(size, skew, orientation.rotation // 90)
    full = cv2.warpPerspective(image, turn @ warp, out_size, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    page = flatten(full, dpi) if options.flatten else full
    _whiten_edge(page, dpi)
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    ratio = ink_ratio(grey, dpi)
    blank = ratio < BLANK_INK_RATIO
    if options.mode == "color":
        result = page
    elif options.mode == "gray":
        result = grey
    else:
        result = to_bw(grey, dpi)
    warnings: list[str] = []
    if geometry.effective_dpi < MIN_DPI - 0.5:
        warnings.append(WARNING_LOW_DPI)
    if blank:
        warnings.append(WARNING_BLANK)
    if not orientation.confident and not blank:
        warnings.append(WARNING_ORIENTATION)
    # A folded sheet is not a flat page: ask rather than file a foreshortened or half page (page_fold).
    if looks_folded(preview) or cut_at_a_fold(source_grey, quad):
        warnings.append(WARNING_FOLDED)
    return EnhancedPage(image=result, mode=options.mode, dpi=dpi, geometry=geometry,
                        rotation=orientation.rotation, skew_deg=round(skew, 2), blank=blank,
                        ink_ratio=round(ratio, 5), warnings=tuple(warnings),
                        orientation_source=orientation.source)


def _whiten_edge(page: np.ndarray, dpi: int) -> None:
    """Paint the outermost ~1 mm white: the sliver of background that a corner a pixel or two off (or the
    deskew rotation) brings in. In place."""
    m = max(1, round(dpi / MM_PER_INCH))
    page[:m] = 255
    page[-m:] = 255
    page[:, :m] = 255
    page[:, -m:] = 255


__all__ = [
    "A4", "A5", "DEFAULT_DPI", "LEGAL", "LETTER", "MIN_DPI", "MODES", "PAPERS", "WARNING_BLANK",
    "WARNING_FOLDED", "WARNING_LOW_DPI", "WARNING_ORIENTATION", "EnhanceOptions", "EnhancedPage", "Mode",
    "Orientation",
    "PageGeometry", "PaperSize", "background_estimate", "enhance_page", "estimate_skew", "find_orientation",
    "flatten", "ink_ratio", "output_dpi", "output_size", "page_geometry", "perspective_aspect",
    "side_aspect", "tesseract_env", "to_bw", "upright_evidence",
]
