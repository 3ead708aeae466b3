"""Read the MRZ (ICAO 9303 TD1, 3 × 30 characters of OCR-B) on the back of a chip ID card from a camera frame.

No OCR engine: the MRZ font is OCR-B, fixed pitch, so each line is cut into 30 cells and every cell is
compared with the 37 glyph templates of `ocrb_glyphs` (normalised cross-correlation). The steps:

1. Locate. Dark text (a morphological black-hat, thresholded) is closed along the rows so that each text
   line becomes one long blob (pieces of one line are joined); the MRZ is three long, parallel, equally long
   and evenly spaced lines. With `card_quad` the card is first rectified to its canonical size
   (1011 × 638), which removes rotation and perspective; without it each line is rectified on its own.
2. Rectify each line. In an upright strip around the line, the glyphs' connected components give the
   baseline (and its slope) and the glyph height; the centres of single glyphs, numbered by walking along
   the line, fit a 1-D projective map from strip x to cell number, which absorbs the perspective of a
   tilted card. The line is then resampled from the frame (one remap) so that cell k is exactly the
   template cell, glyphs at template height on a level baseline.
3. Match. The strip is flattened (paper → white, ink → black, whatever the light), its blur is estimated
   and the templates are blurred to match; `cv2.matchTemplate` slides the 37 templates along it (a few
   pixels of vertical slack) and a dynamic programme picks 30 cell positions one pitch apart (± 3 px) that
   maximise the total score, allowing at each position only the characters the TD1 layout allows there
   (digits, letters, `M`/`F`/`<`, name letters). Each cell keeps its best and second-best character.
4. Validate. `kiosk.domain.mrz.parse_td1` repairs what the check digits vouch for and refuses anything they
   reject. The name line has no check digit, so a read fails when a name cell is ambiguous, the MRZ is too
   blurred, or glare/shadow washed out a name stroke (P without its bowl reads F). When the best characters
   fail the check digits, a second-best character is tried at a few ambiguous cells, and accepted only if
   exactly one such change passes. The whole band must lie inside the frame: glyphs cut by the frame's edge
   read as other glyphs.

A card held upside down is read too (the three lines are tried the other way round when the first reading
fails). Measured on this 2-core machine: ~40 ms per 1280×720 frame (~90 ms when it has to try both ways).
Thresholds were calibrated on synthetic frames rendered in the same OCR-B font; real engraved cards will
score lower margins: re-check them on real cards before relaxing anything.

Privacy: results hold personal data; their repr leaves it out, and nothing here logs MRZ text.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

import cv2
import numpy as np

from kiosk.capture.mrz_lines import LineBox, line_boxes, mrz_blocks, mrz_triples
from kiosk.capture.ocrb_glyphs import (
    BLUR_STEP,
    CAP_HEIGHT,
    CELL_HEIGHT,
    CELL_WIDTH,
    MARGIN,
    MAX_BLUR,
    MRZ_ALPHABET,
    blurred_templates,
    glyphs,
)
from kiosk.domain.idcard import IdentityReading, ReadingWarning
from kiosk.domain.mrz import (
    LINE_LENGTH,
    TD3_LINE_LENGTH,
    MrzError,
    foreign_reading,
    is_state_code,
    parse_td1,
    parse_travel_document,
)
from kiosk.domain.notice import Notice

Point = tuple[float, float]
Quad = list[Point]  # top-left, top-right, bottom-right, bottom-left, in frame pixels (as idcard_reader.Quad)

CANONICAL_CARD: Final = (1011, 638)  # 85.6 × 54 mm at 300 dpi, as synthetic_cards renders it

#: Why no MRZ was read (`MrzReadResult.error_code`); people are told ``mrz.<code>`` (a notice).
ERROR_CODES: tuple[str, ...] = ("no_mrz_found", "mrz_unreadable")
NOTICE_CODES = frozenset({*(f"mrz.{code}" for code in ERROR_CODES), "mrz.read"})

# Stable `detail` texts the live loop can turn into advice ("move the card into the frame", "hold still",
# "tilt the card to remove the glare").
OUT_OF_FRAME: Final = "the MRZ runs out of the frame"
TOO_BLURRED: Final = "the MRZ is too blurred to read the name safely"
GLARE: Final = "glare or shadow over the name line"
# A passport's / another country's ID card's coded lines pass every check digit but a name character is a
# close call: the live scan says "this is a passport" (not "hold still") while it waits for a clearer frame.
PASSPORT_NAME_UNSURE: Final = "a passport whose name line is not read with certainty"
FOREIGN_CARD_NAME_UNSURE: Final = "a foreign ID card whose name line is not read with certainty"

_WORK_WIDTH: Final = 640  # localisation runs on the frame scaled to this width
_STRIP_PAD_X: Final = CELL_WIDTH  # canonical line strip: one cell of margin left and right
_SLACK_Y: Final = 3  # vertical search range of each template, ± pixels
_STEP_SLACK: Final = 3  # a cell starts one pitch ± this many pixels after the previous one
# A cell whose best template scores below this is not OCR-B text at all (blank, glare, a finger).
_MIN_CELL_SCORE: Final = 0.45
# Three text lines whose cells score this low on average are not an MRZ (the front of the card, a letter).
_MIN_MRZ_SCORE: Final = 0.6
_MAX_CANDIDATES: Final = 2  # MRZ-like blocks tried per frame
# The name line has no check digit: a cell whose two best letters score this close is ambiguous. Measured
# on 530 synthetic frames: misread name cells had margins ≤ 0.018, and only at blur sigma ≥ 2.4.
_MIN_NAME_MARGIN: Final = 0.03
# Beyond this blur (Gaussian sigma at template scale, capitals 24 px high) look-alike letters (H/M, U/W)
# become too close to tell: refuse rather than guess; a sharper frame will come.
_MAX_BLUR: Final = 2.5
# A name cell whose paper-to-ink contrast is below this fraction of the MRZ's typical contrast is washed
# out (glare) or shaded: refuse. Clean frames measured ≥ 0.71 (with a mild glare spot), most ≥ 0.9.
_MIN_NAME_CONTRAST: Final = 0.6
# The same for every quarter of a name glyph that should hold ink (see _weakest_stroke).
_MIN_STROKE_CONTRAST: Final = 0.45
# Second-best substitutions, when the best characters fail the check digits: each tried correction is a
# lottery ticket (a wrong digit passes a field's and the composite check digit about 1 time in 100), so only
# single-cell changes at the few truly ambiguous cells (misread cells measured with margins ≤ 0.04), and
# only when exactly one of them passes.
_SUBSTITUTE_MARGIN: Final = 0.04
_SUBSTITUTE_CELLS: Final = 4
_SUBSTITUTE_MAX: Final = 1  # cells changed at once
_SUBSTITUTE_BUDGET: Final = 4  # parses
# More ambiguous cells than this in lines 1-2 and the frame is refused outright (accepted synthetic frames
# had 0–2; several errors at once are what the mod-10 check digits miss).
_MAX_AMBIGUOUS: Final = 2

_REPAIRED = ReadingWarning("mrz_repaired")

# A foreign document's name is checked by the clerk against its printed page (the kiosk has no other copy
# of it, unlike the Vietnamese card's QR): up to this many look-alike cells are read with a warning.
_MAX_FOREIGN_NAME_UNSURE: Final = 0
# The best characters of a passport pass four or five check digits (the composite over every coded field):
# accepted as read with up to this many close cells; second-best substitutions keep the stricter limit.
_MAX_FOREIGN_AMBIGUOUS: Final = 6
_MIN_STRIP_HEIGHT: Final = 48  # a foreign document's line strip is sampled at least this tall
# Checked against the document's data page (a card's is checked against its front): other words.
_FOREIGN_NAME_UNSURE = ReadingWarning("mrz_name_uncertain", wording="mrz_name_uncertain_foreign")


@dataclass(frozen=True)
class MrzReadResult:
    reading: IdentityReading | None = field(repr=False)
    # The OCR text before parse_td1's repair: each cell's best character among those its position allows
    # (a digit where the layout has a digit). Set whenever all three lines were matched.
    lines: tuple[str, ...] | None = field(repr=False)
    error_code: str | None  # None on success; else "no_mrz_found" or "mrz_unreadable"
    detail: str | None  # technical reason for staff and logs; never personal data
    elapsed_ms: float
    # The MRZ band in frame pixels, corners in reading order (first line's start first, also for a card held
    # upside down); None when no MRZ was found.
    quad: Quad | None

    @property
    def ok(self) -> bool:
        return self.reading is not None

    @property
    def notice(self) -> Notice:
        """What to tell people (kiosk.ui.texts.say puts it in words)."""
        return Notice("mrz.read" if self.ok else f"mrz.{self.error_code or 'no_mrz_found'}")


# ------------------------------------------------------------------------------------------ rectifying


def _affine_for(src_quad: np.ndarray, size: tuple[float, float]) -> np.ndarray:
    """3×3 affine map taking src_quad's TL, TR, BL corners to an upright (w × h) rectangle."""
    w, h = size
    src = np.array([src_quad[0], src_quad[1], src_quad[3]], dtype=np.float32)
    dst = np.array([[0, 0], [w, 0], [0, h]], dtype=np.float32)
    return np.vstack([cv2.getAffineTransform(src, dst), [0, 0, 1]])


def _warp(source: np.ndarray, matrix: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    out: np.ndarray = cv2.warpPerspective(source, matrix, size, flags=cv2.INTER_LINEAR,
                                          borderMode=cv2.BORDER_REPLICATE)
    return out


# What each MRZ position may hold (ICAO TD1 with the Vietnamese document number, DOMAIN.md §2):
# L letter, D digit, S sex (M, F, <), N name (letter or <), * anything (fillers, which parse_td1 ignores).
LAYOUTS: Final = (
    "LLLLL" + "D" * 22 + "**" + "D",
    "D" * 7 + "S" + "D" * 7 + "LLL" + "*" * 11 + "D",
    "N" * LINE_LENGTH,
)
# Any country's ID card (TD1) and passport (TD3): document numbers are letters and digits, codes may hold
# fillers (`D<<` is Germany), check digits of optional data may be a filler.
TD1_LAYOUTS: Final = (
    "K" + "NNNN" + "*" * 25,
    "D" * 7 + "S" + "D" * 7 + "NNN" + "*" * 11 + "D",
    "N" * LINE_LENGTH,
)
TD3_LAYOUTS: Final = (
    "T" + "N" * (TD3_LINE_LENGTH - 1),
    # The optional data's check digit (position 42) is a digit, or a filler when there is no optional data.
    "*" * 9 + "D" + "NNN" + "D" * 7 + "S" + "D" * 7 + "*" * 14 + "C" + "D",
)
_CLASSES: Final = {
    "L": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "D": "0123456789",
    "C": "0123456789<",
    "S": "MF<",
    "T": "PV",  # a TD3 is a passport or a visa
    "K": "IAC",  # a TD1 is an identity card: its document code starts with I, A or C (ICAO 9303-5)
    "N": "ABCDEFGHIJKLMNOPQRSTUVWXYZ<",
    "*": MRZ_ALPHABET,
}
# The tallest glyphs of each line, whose measured height sets the line's vertical scale: digits are taller
# than capitals in OCR-B, and line 3 holds letters only.
_TALLEST: Final = ("0123456789", "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class _LineGeometry:
    """Where the 30 cells of one line are in its native-resolution strip.

    Along the line, strip x maps to cell units u (cell k spans [k, k + 1)) by a 1-D projective map
    u = (a x + b) / (c x + 1), which absorbs the perspective of a tilted card (glyphs shrink with distance);
    the baseline is the straight line y = baseline + slope · x, and a glyph of the line's tallest class is
    `height_per_pitch` pitches high.
    """

    a: float
    b: float
    c: float
    baseline: float
    slope: float
    height_per_pitch: float

    def u(self, x: np.ndarray) -> np.ndarray:
        out: np.ndarray = (self.a * x + self.b) / (self.c * x + 1)
        return out

    def x(self, u: np.ndarray) -> np.ndarray:
        out: np.ndarray = (u - self.b) / (self.a - self.c * u)
        return out

    def pitch(self, x: np.ndarray) -> np.ndarray:
        """Local pitch in strip pixels (1 / du/dx)."""
        out: np.ndarray = (self.c * x + 1) ** 2 / (self.a - self.b * self.c)
        return out


_INK_OFFSET: Final = 8.0  # grey levels darker than the neighbourhood that count as ink (_measure_line)
_STRICT_INK_OFFSET: Final = 24.0  # a foreign block's second measure, when its first read did not line up
_RETRY_BELOW_SCORE: Final = 0.8  # mean cell score under which a foreign block is measured again


def _measure_line(strip: np.ndarray, length: int = LINE_LENGTH, min_glyph: float = 0.3,
                  ink_offset: float = 8, rules_out: bool = False) -> _LineGeometry | None:
    """Baseline, glyph height and the cell map of the glyphs in an upright line strip; None if not a line.
    Glyphs are at least `min_glyph` of the strip's height (less where a printed box around a passport's MRZ
    made the line's blob, and so its strip, taller). `ink_offset`: how much darker than its neighbourhood a
    pixel must be to count as ink (raised where a passport's guilloche print touches the glyphs)."""
    h, w = strip.shape
    block = max(15, (h // 2) * 2 + 1)
    ink = cv2.adaptiveThreshold(strip, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block,
                                ink_offset)
    if rules_out:
        # A printed rule along the line joins the glyphs it touches into one long component: take out
        # horizontal strokes longer than four glyph heights (no glyph's stroke runs on that far).
        rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * h, 1)))
        ink = cv2.bitwise_and(ink, cv2.bitwise_not(rules))
    count, _, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return None
    heights = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    areas = stats[1:, cv2.CC_STAT_AREA].astype(np.float64)
    keep = (heights >= min_glyph * h) & (heights < 0.95 * h) & (areas >= 0.02 * heights**2)
    if keep.sum() < 8:
        return None
    stats, centroids, heights = stats[1:][keep], centroids[1:][keep], heights[keep]
    tall = heights >= 0.85 * np.percentile(heights, 75)
    if tall.sum() < 6:
        return None
    xs = centroids[tall, 0]
    bottoms = (stats[tall, cv2.CC_STAT_TOP] + heights[tall]).astype(np.float64)
    # Baseline slope: Theil–Sen over pairs of glyphs far enough apart.
    i, j = np.triu_indices(len(xs), k=1)
    dx = xs[j] - xs[i]
    far = np.abs(dx) > 0.2 * (xs.max() - xs.min())
    slope = float(np.median((bottoms[j] - bottoms[i])[far] / dx[far])) if far.any() else 0.0
    baseline = float(np.median(bottoms - slope * xs))
    height = float(np.median(heights[tall]))
    # The line: the widest chain of glyph-sized boxes on the baseline (not the card's edge or other print
    # at the ends of the strip).
    all_bottoms = stats[:, cv2.CC_STAT_TOP] + heights
    # (Glyphs have strokes: thin guilloche lines beside the MRZ are much lighter for their size.)
    all_areas = stats[:, cv2.CC_STAT_AREA].astype(np.float64)
    fill = all_areas / (heights * stats[:, cv2.CC_STAT_WIDTH])
    on_line = ((heights >= 0.75 * height) & (heights <= 1.3 * height) & (all_areas >= 0.15 * height**2)
               & (fill >= 0.24)
               & (np.abs(all_bottoms - (baseline + slope * centroids[:, 0])) < 0.3 * height))
    idx = np.flatnonzero(on_line)
    idx = idx[np.argsort(stats[idx, cv2.CC_STAT_LEFT])]
    best: list[int] = []
    best_span = 0.0
    chain: list[int] = []
    chain_left, chain_right = 0.0, -np.inf
    for k in idx:
        left_k = float(stats[k, cv2.CC_STAT_LEFT])
        if left_k - chain_right > 1.5 * height:
            chain, chain_left = [], left_k
        chain.append(int(k))
        chain_right = max(chain_right, left_k + float(stats[k, cv2.CC_STAT_WIDTH]))
        if chain_right - chain_left > best_span:
            best, best_span = list(chain), chain_right - chain_left
    if len(best) < 10:
        return None
    # A stray mark at either end of the chain (print beside the MRZ) spoils the count: try without it.
    for chosen in (best, best[1:], best[:-1], best[1:-1]):
        left = float(stats[chosen, cv2.CC_STAT_LEFT].min())
        right = float((stats[chosen, cv2.CC_STAT_LEFT] + stats[chosen, cv2.CC_STAT_WIDTH]).max())
        if right - left < length / 2 * height or left < 1 or right > w - 1:
            continue  # too short for the line's characters, or running out of the strip
        cells = _fit_cells(stats[chosen], centroids[chosen], left, right, length)
        if cells is not None:
            best = chosen
            break
    else:
        return None
    a, b, c = cells
    geometry = _LineGeometry(a, b, c, baseline, slope, 0.0)
    # Glyph height in pitches, at each tall glyph's own scale.
    chained_tall = [k for k in best if heights[k] >= 0.85 * np.percentile(heights[best], 75)]
    ratio = heights[chained_tall] / geometry.pitch(centroids[chained_tall, 0])
    return replace(geometry, height_per_pitch=float(np.median(ratio)))


def _measure_foreign_line(strip: np.ndarray, length: int, least_ink: float = 8) -> _LineGeometry | None:
    """A passport's line, where the default measure failed: glyphs smaller than the strip (a printed box
    around the MRZ), then a stricter ink threshold (guilloche print touching a glyph made it too tall to
    count: 4 of the 34 real specimens)."""
    for min_glyph, ink_offset in ((0.12, 8), (0.3, 16), (0.12, 16)):
        geometry = _measure_line(strip, length, min_glyph, max(ink_offset, least_ink))
        if geometry is not None:
            return geometry
    # A printed rule touching the glyphs (a passport page's border line slanting into the MRZ).
    return _measure_line(strip, length, 0.3, least_ink, rules_out=True)


def _fit_cells(stats: np.ndarray, centroids: np.ndarray, left: float,
               right: float, length: int = LINE_LENGTH) -> tuple[float, float, float] | None:
    """The 1-D projective map x → cell units from the centres of single glyphs (glyph k centred at k + 0.5).

    Glyphs are numbered by walking along the line: the gap to the next glyph is a whole number of local
    pitches (1, or more where blurred neighbours merged into one blob and were left out).
    """
    pitch = (right - left) / (length - 0.3)
    widths = stats[:, cv2.CC_STAT_WIDTH].astype(np.float64)
    single = widths < 0.95 * pitch
    xs = np.sort(centroids[single, 0])
    if len(xs) < 10:
        return None
    gaps = np.diff(xs)
    unit = (gaps > 0.7 * pitch) & (gaps < 1.3 * pitch)
    if unit.sum() < 5:
        return None
    steps = np.empty(len(gaps), dtype=np.int64)
    for i, gap in enumerate(gaps):
        near = gaps[max(0, i - 4):i + 5][unit[max(0, i - 4):i + 5]]
        local = float(np.median(near)) if len(near) else pitch
        steps[i] = max(0, round(gap / local))
    if np.any(steps == 0):
        return None  # two blobs in one cell: not clean glyphs
    first_pitch = float(np.median(gaps[unit][:5]))
    k = np.concatenate([[0], np.cumsum(steps)]) + int(np.floor((xs[0] - left) / first_pitch + 0.2))
    if k[-1] > length - 1:
        return None
    target = k + 0.5
    good = np.ones(len(xs), dtype=bool)
    a = b = c = 0.0
    for _ in range(2):
        # a x + b - c x t = t: linear least squares over the glyphs that sit well in their cells.
        design = np.column_stack([xs[good], np.ones(good.sum()), -xs[good] * target[good]])
        solution, *_ = np.linalg.lstsq(design, target[good], rcond=None)
        a, b, c = (float(v) for v in solution)
        good = np.abs((a * xs + b) / (c * xs + 1) - target) < 0.25
        if good.sum() < 10:
            return None
    # Sane: monotonic over the line, the pitch changes by less than 60 % from end to end, and the ink
    # ends where cells 0 and 29 do.
    ends = np.array([left, right])
    if a - b * c <= 0 or np.any(c * ends + 1 <= 0):
        return None
    pitches = (c * ends + 1) ** 2 / (a - b * c)
    u_left, u_right = (a * ends + b) / (c * ends + 1)
    if pitches.max() > 1.6 * pitches.min() or not (-0.4 < u_left < 0.5
                                                   and length - 0.5 < u_right < length + 0.4):
        return None
    return a, b, c


# ------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _LineRead:
    best: str
    second: str
    best_scores: np.ndarray  # (30,)
    second_scores: np.ndarray  # (30,)
    total: float  # the dynamic programme's score: sum of the best scores
    blur: float  # the template blur used (Gaussian sigma at template scale)
    contrast: np.ndarray  # (30,) paper minus ink grey level in each cell (glare washes a cell out)
    weakest_stroke: np.ndarray  # (30,) the least contrast among the quarters of the cell the glyph inks
    # Foreign name lines only: per cell, the best character where it is no close call or the look-alike
    # pair test confirms it (_pair_verdicts), `?` where it does not; "" otherwise.
    pair_choice: str = ""
    # (30,) the row offset at which each cell's best template matched, minus the nominal (_SLACK_Y).
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def margins(self) -> np.ndarray:
        return self.best_scores - self.second_scores


# OCR-B's letter O and digit 0 differ by a little roundness, and a document number or optional data may hold
# either. A check digit does not always tell them apart: O counts 24, 0 counts 0, so swapping O/0 at two
# cells whose weights add up to 10 (3 + 7) leaves it unchanged. A live passport frame read `AO0O51376` where
# the still photo (and the passport) say `A00051376`; both pass. So the O/0 close calls of the coded lines
# are flipped (up to three at a time, within a summed template score of _TWIN_SCORE_MARGIN): among the
# readings that pass every check digit, the one with the most 0s wins, then the one whose O/0 cells agree
# best with their neighbours (0 among digits, O among letters); a tie between different numbers is refused
# (a later frame will be clearer).
# Not only O/0: every letter OCR-B draws like a digit (I/1, S/5, B/8, Z/2, D/0, Q/0) is a close call in a
# field that may hold both. A single flip always changes a check digit (the values differ by a number that is
# not a multiple of 10, weights 7, 3, 1 are prime to 10); G/6 differ by 10, so no check digit tells them
# apart and they are not flipped. When the best characters fail the check digits, the flips are tried from
# there too (100_id-si: `O99991OO1…SOS468` for `099991001…505468`).
_TWIN_PAIRS: Final = (frozenset("O0"), frozenset("Q0"), frozenset("D0"), frozenset("I1"), frozenset("S5"),
                      frozenset("B8"), frozenset("Z2"))
_TWINS: Final = frozenset("O0")
_MAX_TWIN_FLIPS: Final = 3
_MAX_TWIN_CELLS: Final = 10  # 2^10 parses at most
_TWIN_SCORE_MARGIN: Final = 0.08  # summed template scores: closer than this is a coin flip
# From a reading that fails: each flipped cell closer than this, no sum (every cell is a look-alike pair).
_TWIN_CELL_MARGIN: Final = 0.08


def _is_twin(a: str, b: str) -> bool:
    return frozenset((a, b)) in _TWIN_PAIRS


def _context_agreement(line: str, i: int, twins: set[int]) -> int:
    """+1 when the twin at `line[i]` agrees with its nearest neighbours that are not twin cells or fillers
    (a digit between digits, a letter between letters), -1 when it disagrees, 0 when they say nothing."""
    neighbours = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(line) and (j in twins or line[j] == "<"):
            j += step
        if 0 <= j < len(line):
            neighbours.append(line[j])
    if neighbours and all(c.isdigit() for c in neighbours):
        return 1 if line[i].isdigit() else -1
    if neighbours and all(c.isalpha() for c in neighbours):
        return 1 if line[i].isalpha() else -1
    return 0


_DIGIT_TWIN: Final = frozenset("OQDISBZ")  # letters with a digit look-alike (see _TWIN_PAIRS)


def _twin_cells(reads: Sequence[_LineRead], rows: Sequence[int], layouts: Sequence[str],
                margin: float) -> list[tuple[int, int]]:
    """Cells whose two best characters are a letter/digit look-alike pair closer than `margin`."""
    return [(row, i) for row in rows for i, kind in enumerate(layouts[row])
            if kind == "*" and _is_twin(reads[row].best[i], reads[row].second[i])
            and reads[row].margins[i] < margin]


def _flips(reads: Sequence[_LineRead], rows: Sequence[int], layouts: Sequence[str],
           margin: float, *, to_letters: bool) -> list[tuple[int, int, str]]:
    """(row, cell, other character) of the look-alikes worth flipping: every O, however clear (OCR-B's O
    and 0 differ by a little roundness that perspective and blur change: a live frame of a real Australian
    specimen read `PAO94O4O9` with clear Os, and O/0 swaps at weights 7 and 3 leave a check digit as it
    was); another letter whose runner-up is its digit twin closer than `margin`; and, when `to_letters`, a
    digit whose runner-up is its letter twin closer than `margin`."""
    out: list[tuple[int, int, str]] = []
    for row in rows:
        for i, kind in enumerate(layouts[row]):
            best, second = reads[row].best[i], reads[row].second[i]
            if kind != "*":
                continue
            close = _is_twin(best, second) and reads[row].margins[i] < margin
            if best == "O":
                out.append((row, i, "0"))
            elif close and (to_letters or best in _DIGIT_TWIN):
                out.append((row, i, second))
    return out


def _resolve_twins(parse: Callable[[Sequence[str]], IdentityReading | None], reads: Sequence[_LineRead],
                   rows: Sequence[int], layouts: Sequence[str],
                   reading: IdentityReading | None) -> tuple[IdentityReading | None, str]:
    """`reading` (the best characters, every check digit passing), or another letter/digit choice that
    passes too and fits better: the most digits, then its neighbours; (None, why) when two different
    numbers fit equally well. With `reading` None (the best characters fail), the flips are the repair."""
    if reading is None:
        # Repairing a reading that fails: letters to their digit twins only (flipping a digit to a letter
        # until a check digit passes is a lottery: a specimen printed with a wrong check digit read `02Z…`).
        flips = _flips(reads, rows, layouts, _TWIN_CELL_MARGIN, to_letters=False)
        if not flips or len(flips) > _MAX_TWIN_CELLS:
            return None, "MRZ check digits fail"
        sizes = range(1, len(flips) + 1)
    else:
        flips = _flips(reads, rows, layouts, _TWIN_SCORE_MARGIN, to_letters=True)
        if not flips:
            return reading, ""
        flips = flips[:_MAX_TWIN_CELLS]
        sizes = range(1, len(flips) + 1)
    cells = [(row, i) for row, i, _ in flips]
    twins_by_row: dict[int, set[int]] = {}
    for row, i in cells:
        twins_by_row.setdefault(row, set()).add(i)

    def agreement(lines: Sequence[str]) -> int:
        # Digits first (document numbers and optional data are mostly digits: every real specimen whose
        # letter/digit choice was a coin flip wanted the digit), then the neighbours.
        digits = sum(lines[row][i].isdigit() for row, i in cells)
        return digits * 100 + sum(_context_agreement(lines[row], i, twins_by_row[row]) for row, i in cells)

    best_lines = [r.best for r in reads]
    candidates: list[tuple[int, float, tuple[str, str], IdentityReading]] = []
    if reading is not None:
        doc = reading.document
        assert doc is not None
        candidates.append((agreement(best_lines), 0.0, (doc.document_number, doc.optional_data), reading))
    for size in sizes:
        for chosen in itertools.combinations(flips, size):
            cost = sum(float(reads[row].margins[i]) for row, i, _ in chosen)
            trial = [list(line) for line in best_lines]
            for row, i, other_char in chosen:
                trial[row][i] = other_char
            lines = ["".join(t) for t in trial]
            other = parse(lines)
            if other is not None and other.document is not None:
                key = (other.document.document_number, other.document.optional_data)
                candidates.append((agreement(lines), cost, key, other))
    if not candidates:
        return None, "MRZ check digits fail"
    candidates.sort(key=lambda c: (-c[0], c[1]))
    top = candidates[0]
    if any(c[0] == top[0] and c[2] != top[2] for c in candidates[1:]):
        return None, "letters and digits that look alike cannot be told apart in the document number or " \
                     "optional data"
    if top[3] is reading:
        return reading, ""
    return replace(top[3], warnings=(_REPAIRED, *top[3].warnings)), ""


def _blur_sigma(strip: np.ndarray) -> float:
    """How blurred the glyphs of a canonical strip are, as the Gaussian sigma that best fits the templates.

    A blurred step edge of contrast C has a steepest slope of C / (σ √(2π)); the fit to the template blur
    that matches best was measured on synthetic frames (blur 0.3–3.5 px at template scale).
    """
    image = strip.astype(np.float32)
    low, high = np.percentile(image, (3, 97))
    slope = float(np.percentile(np.abs(np.diff(image, axis=1)), 99.5))
    if high - low < 10 or slope <= 0:
        return 0.0
    estimate = (high - low) / (math.sqrt(2 * math.pi) * slope)
    return max(0.0, 1.4 * estimate - 0.2)


@functools.cache
def _allowed(layout: str) -> np.ndarray:
    """(30, 37) bool: which characters each position of a line may hold."""
    return np.array([[c in _CLASSES[kind] for c in MRZ_ALPHABET] for kind in layout])


def _match_line(strip: np.ndarray, layout: str) -> _LineRead | None:
    """30 cells along a canonical strip: the best two allowed characters in each, by template correlation."""
    image = strip.astype(np.float32)
    blur = _blur_sigma(image)
    templates = blurred_templates(blur)
    flat = _flatten(image)
    if layout not in LAYOUTS:
        flat = _without_rules(flat)
    maps = np.nan_to_num(np.stack([cv2.matchTemplate(flat, t, cv2.TM_CCOEFF_NORMED) for t in templates]),
                         nan=-1.0)  # (37, rows, n)
    scores = maps.max(axis=1)  # (37, n)
    n = scores.shape[1]
    allowed = _allowed(layout)
    per_kind = {kind: scores[[c in _CLASSES[kind] for c in MRZ_ALPHABET]].max(axis=0) for kind in set(layout)}
    # Dynamic programme: positions x_0 < … < x_29, consecutive gaps CELL_WIDTH ± _STEP_SLACK.
    total = per_kind[layout[0]].astype(np.float64)
    total[2 * _STRIP_PAD_X:] = -np.inf
    length = len(layout)
    back = np.zeros((length, n), dtype=np.int32)
    steps = np.arange(CELL_WIDTH - _STEP_SLACK, CELL_WIDTH + _STEP_SLACK + 1)
    for cell in range(1, length):
        candidates = np.full((len(steps), n), -np.inf, dtype=np.float64)
        for k, step in enumerate(steps):
            candidates[k, step:] = total[:n - step]
        choice = np.argmax(candidates, axis=0)
        back[cell] = steps[choice]
        total = candidates[choice, np.arange(n)] + per_kind[layout[cell]]
    end = int(np.argmax(total))
    if not np.isfinite(total[end]):
        return None
    positions = [end]
    for cell in range(length - 1, 0, -1):
        positions.append(positions[-1] - int(back[cell, positions[-1]]))
    cols = np.array(positions[::-1])
    window = np.stack([scores[:, np.clip(cols + d, 0, n - 1)] for d in (-1, 0, 1)]).max(axis=0)  # (37, 30)
    window = np.where(allowed.T, window, -np.inf)
    order = np.argsort(-window, axis=0)
    top1, top2 = order[0], order[1]
    cells = np.arange(length)
    paper, ink = _paper_and_ink(image, cols)
    name_line = set(layout) <= {"N", "T"}
    return _LineRead(
        best="".join(MRZ_ALPHABET[i] for i in top1),
        second="".join(MRZ_ALPHABET[i] for i in top2),
        best_scores=window[top1, cells],
        second_scores=window[top2, cells],
        total=float(total[end]),
        blur=blur,
        contrast=paper - ink,
        weakest_stroke=(_weakest_stroke(image, maps, cols, top1, paper) if name_line else paper - ink),
        # (Only the foreign decision uses it: the Vietnamese card's keeps the rules measured on its frames.)
        pair_choice=(_pair_verdicts(flat, maps, cols, window, blur) if name_line and layout not in LAYOUTS
                     else ""),
        rows=np.array([int(np.argmax(maps[top1[i], :, cols[i]])) - _SLACK_Y for i in cells],
                      dtype=np.float64),
    )


# Look-alike letters (E/F, O/Q, O/D, R/P, I/T, N/H, E/C…) differ in a stroke or two: whole-cell correlation
# scores them within a few hundredths of each other, diluted by everything they share and by a real font's
# small differences from the templates (a real passport's E read F with its bottom bar plainly there). The
# pair test looks only where the two templates differ: with the cell aligned where both templates
# together match best, the read letter's own strokes (E's bottom bar) must be inked and the rival's own
# strokes (Q's tail against O) paper, each measured against the ink of the strokes they share. Every
# runner-up within _PAIR_WINDOW of the best is tested; the runner-up is never put in the best's place
# (on the real specimens it "won" as often wrongly — an O whose neighbour's ink filled Q's tail — as
# rightly). Calibrated on the real specimens' name cells: no wrong letter confirmed.
_PAIR_WINDOW: Final = 0.06
_PAIR_INKED: Final = 0.35  # a winner's own strokes hold at least this share of the shared strokes' ink
_PAIR_BLANK: Final = 0.15  # the loser's own strokes hold at most this share (paper, not a faded stroke)
_PAIR_MIN_PIXELS: Final = 6
# A template's own strokes: its ink above this, not within a pixel of the other's ink above that.
_PAIR_OWN_INK: Final = 0.5
_PAIR_OTHER_INK: Final = 0.2


_Regions = tuple[np.ndarray, np.ndarray | None, np.ndarray | None]


def _pair_regions(first: np.ndarray, second: np.ndarray) -> _Regions:
    """The strokes two templates share, and each one's own strokes (None where it has too few): its ink,
    not within a pixel of the other's either (OCR-B's E and F stems are a pixel apart, and a sliver of
    stem says nothing about the bar that tells them apart)."""
    ink_first, ink_second = 1.0 - first / 255.0, 1.0 - second / 255.0
    shared = (ink_first > 0.5) & (ink_second > 0.5)

    def own(mine: np.ndarray, other: np.ndarray) -> np.ndarray | None:
        near_other = cv2.dilate((other >= _PAIR_OTHER_INK).astype(np.uint8), np.ones((3, 3), np.uint8))
        region = (mine > _PAIR_OWN_INK) & (near_other == 0)
        return region if region.sum() >= _PAIR_MIN_PIXELS else None

    return shared, own(ink_first, ink_second), own(ink_second, ink_first)


@functools.cache
def _template_pair_regions(first: int, second: int, blur_steps: int) -> _Regions:
    templates = blurred_templates(blur_steps * BLUR_STEP)
    return _pair_regions(templates[first], templates[second])


def _pair_score(patch: np.ndarray, regions: _Regions) -> tuple[float, float]:
    """How inked the patch is on the first template's own strokes and on the second's, each as a fraction
    of its ink on the strokes both share (1: a full stroke, 0: paper); nan where a template has none."""
    shared, first, second = regions
    if shared.sum() < 8:
        return 0.0, 0.0
    ink = 1.0 - patch / 255.0
    level = max(float(ink[shared].mean()), 0.2)

    def share(region: np.ndarray | None) -> float:
        return float("nan") if region is None else float(ink[region].mean()) / level

    return share(first), share(second)


def _pair_wins(patch: np.ndarray, first: np.ndarray, second: np.ndarray,
               regions: _Regions | None = None) -> bool:
    """The patch is plainly the first template rather than the second: the strokes only the first has are
    inked (or it has none) and those only the second has are paper (or it has none), one of them tested."""
    mine, theirs = _pair_score(patch, regions or _pair_regions(first, second))
    if math.isnan(mine) and math.isnan(theirs):
        return False
    return (math.isnan(mine) or mine >= _PAIR_INKED) and (math.isnan(theirs) or theirs <= _PAIR_BLANK)


def _pair_verdicts(flat: np.ndarray, maps: np.ndarray, cols: np.ndarray, window: np.ndarray,
                   blur: float) -> str:
    """Per cell, the best character when it is no close call or plainly wins the pair test against every
    other candidate within _PAIR_WINDOW of its score; `?` where it does not (a runner-up is never put in
    its place). Only close cells are tested (the others decide nothing), each pair's regions once."""
    templates = blurred_templates(blur)
    steps = round(min(max(blur, 0.0), MAX_BLUR) / BLUR_STEP)
    n = maps.shape[2]
    ranked = np.sort(window, axis=0)
    out = []
    for i, col in enumerate(cols):
        scores = window[:, i]
        best = int(np.argmax(scores))
        if ranked[-1, i] - ranked[-2, i] >= _MIN_NAME_MARGIN:
            out.append(MRZ_ALPHABET[best])
            continue
        lo, hi = max(0, int(col) - 2), min(n, int(col) + 3)
        sure = True
        for rival in (int(k) for k in np.flatnonzero(scores >= scores[best] - _PAIR_WINDOW) if k != best):
            both = maps[best, :, lo:hi] + maps[rival, :, lo:hi]
            dy, dx = np.unravel_index(int(np.argmax(both)), both.shape)
            x = lo + int(dx)
            patch = flat[int(dy):int(dy) + CELL_HEIGHT, x:x + CELL_WIDTH]
            if patch.shape != (CELL_HEIGHT, CELL_WIDTH) or not _pair_wins(
                    patch, templates[best], templates[rival], _template_pair_regions(best, rival, steps)):
                sure = False
                break
        out.append(MRZ_ALPHABET[best] if sure else "?")
    return "".join(out)


def _unsure_name_cells(read: _LineRead, settled: frozenset[int] = frozenset()) -> int:
    """Name cells whose two best characters score within _MIN_NAME_MARGIN and that neither the look-alike
    pair test confirms nor the country-code list settles (`settled`). The test only confirms the best
    character, never replaces it: on the real specimens a runner-up "winning" it was as often wrong (an O
    whose neighbour's ink filled Q's tail) as right."""
    close = [int(i) for i in np.flatnonzero(read.margins < _MIN_NAME_MARGIN) if int(i) not in settled]
    if not read.pair_choice:
        return len(close)
    return sum(1 for i in close if read.pair_choice[i] != read.best[i])


# Where the issuing state and the nationality are: (row, first cell) of each three-letter code, by format.
_STATE_FIELDS: Final = {TD3_LINE_LENGTH: ((0, 2), (1, 10)), LINE_LENGTH: ((0, 2), (1, 15))}


def _settled_by_state_code(reads: Sequence[_LineRead]) -> set[tuple[int, int]]:
    """Close cells of the issuing-state and nationality codes that the code list settles: the best
    characters make an ICAO / ISO 3166 code and the runner-up's would not (`UTO`, not `UTQ`; `NLD`, not
    `MLD`). Neither code has a check digit of its own; a code that is a close call both ways stays one."""
    out: set[tuple[int, int]] = set()
    for row, start in _STATE_FIELDS.get(len(reads[0].best), ()):
        code = reads[row].best[start:start + 3]
        if not is_state_code(code):
            continue
        for i in range(start, start + 3):
            other = code[:i - start] + reads[row].second[i] + code[i - start + 1:]
            if not is_state_code(other):
                out.add((row, i))
    return out


_MIN_DRIFT: Final = 1.5  # template pixels: a drift of the matched rows across the line worth a second look


def _row_drift(read: _LineRead) -> Callable[[np.ndarray], np.ndarray] | None:
    """The straight line (cell units → template pixels) along which the cells' best templates matched,
    fitted on the cells that matched well (Theil–Sen); None when the rows do not drift by _MIN_DRIFT."""
    cells = np.flatnonzero(read.best_scores >= 0.7)
    if len(cells) < 8:
        return None
    rows = read.rows[cells]
    i, j = np.triu_indices(len(cells), k=1)
    far = (cells[j] - cells[i]) >= 4
    if not far.any():
        return None
    slope = float(np.median((rows[j] - rows[i])[far] / (cells[j] - cells[i])[far]))
    intercept = float(np.median(rows - slope * (cells + 0.5)))
    ends = intercept + slope * np.array([0.0, float(len(read.best))])
    if float(np.abs(ends).max()) < _MIN_DRIFT:
        return None
    return lambda u: intercept + slope * u


def _better_cells(a: _LineRead, b: _LineRead) -> _LineRead:
    """Per cell, the reading whose best template matched better (two samplings of one line whose rows
    fit different stretches of it: a curved page or a slope measured on part of the line)."""
    take = b.best_scores > a.best_scores
    if not take.any():
        return a

    def pick(x: str, y: str) -> str:
        return "".join(cy if t else cx for cx, cy, t in zip(x, y, take, strict=True))

    best_scores = np.where(take, b.best_scores, a.best_scores)
    return _LineRead(best=pick(a.best, b.best), second=pick(a.second, b.second), best_scores=best_scores,
                     second_scores=np.where(take, b.second_scores, a.second_scores),
                     total=float(best_scores.sum()), blur=max(a.blur, b.blur),
                     contrast=np.where(take, b.contrast, a.contrast),
                     weakest_stroke=np.where(take, b.weakest_stroke, a.weakest_stroke),
                     pair_choice=pick(a.pair_choice, b.pair_choice) if a.pair_choice else "",
                     rows=np.where(take, b.rows, a.rows))


def _without_rules(flat: np.ndarray) -> np.ndarray:
    """A flattened strip with long horizontal strokes painted as paper: a printed rule along a passport's
    MRZ (the page's border line, slanting into the top of the last cells) reads as the bar of an E or a Z
    over each `<` it touches (62_pass-aus read `<<<<` as `EEEE`). No OCR-B stroke runs on across two cells,
    and bars of neighbouring letters that blur into one run (`EE`) do not reach four cells."""
    ink = (flat < 192).astype(np.uint8)  # a thin rule is lighter than the glyphs' strokes
    long_run = cv2.getStructuringElement(cv2.MORPH_RECT, (4 * CELL_WIDTH, 1))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, long_run)
    if not rules.any():
        return flat
    rules = cv2.dilate(rules, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    out = flat.copy()
    out[rules > 0] = 255.0
    return out


def _flatten(image: np.ndarray) -> np.ndarray:
    """Local contrast normalisation: paper → 255, ink → 0, whatever the light (a glare spot, a shadow).

    Correlation is blind to one brightness and contrast per cell, not to a gradient across the cell, which
    glare makes steep enough to turn a P into an F. Paper level: a closing wider than any stroke; ink level:
    the darkest grey within about a cell (every MRZ cell holds ink).
    """
    paper = cv2.dilate(image, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))
    paper = cv2.blur(paper, (CELL_WIDTH // 2 * 2 + 1, 9))
    ink = cv2.erode(image, cv2.getStructuringElement(cv2.MORPH_RECT, (CELL_WIDTH + 5, CELL_HEIGHT)))
    ink = cv2.blur(ink, (CELL_WIDTH // 2 * 2 + 1, 9))
    out: np.ndarray = np.clip((image - ink) / np.maximum(paper - ink, 24.0), 0.0, 1.0) * 255
    return out


@functools.cache
def _inked_quarters() -> np.ndarray:
    """(37, 4) bool: which quarters of the capital band (top-left, top-right, bottom-left, bottom-right)
    each glyph puts ink in (all of them but J's and L's empty corner)."""
    half_w, half_h = CELL_WIDTH // 2, CAP_HEIGHT // 2
    band = glyphs().images[:, MARGIN:MARGIN + CAP_HEIGHT] < 128
    quarters = [band[:, :half_h, :half_w + 1], band[:, :half_h, half_w:],
                band[:, half_h:, :half_w + 1], band[:, half_h:, half_w:]]
    return np.stack([q.any(axis=(1, 2)) for q in quarters], axis=1)


def _weakest_stroke(image: np.ndarray, maps: np.ndarray, cols: np.ndarray, chars: np.ndarray,
                    paper: np.ndarray) -> np.ndarray:
    """Per cell: the smallest paper-to-ink contrast among the quarters where the chosen glyph has ink.

    A stroke that glare or a shadow washed out leaves a quarter without dark ink while the rest of the
    glyph still matches a look-alike (P without its bowl's edge reads F): that quarter's contrast is low.
    """
    soft = cv2.blur(image, (3, 3))
    inked = _inked_quarters()
    half_w, half_h = CELL_WIDTH // 2, CAP_HEIGHT // 2
    n = maps.shape[2]
    out = np.zeros(len(cols))
    for i, (col, char) in enumerate(zip(cols, chars, strict=True)):
        lo, hi = max(0, int(col) - 1), min(n, int(col) + 2)
        dy, dx = np.unravel_index(int(np.argmax(maps[char, :, lo:hi])), (maps.shape[1], hi - lo))
        x, y = lo + int(dx), int(dy) + MARGIN
        cell = soft[y:y + CAP_HEIGHT, x:x + CELL_WIDTH]
        quarters = (cell[:half_h, :half_w + 1], cell[:half_h, half_w:],
                    cell[half_h:, :half_w + 1], cell[half_h:, half_w:])
        out[i] = min(float(paper[i]) - float(q.min())
                     for q, has_ink in zip(quarters, inked[char], strict=True) if has_ink)
    return out


def _paper_and_ink(image: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paper (90th percentile) and ink (3rd percentile) grey level of each cell of a canonical strip."""
    cells = np.stack([image[:, c:c + CELL_WIDTH] for c in cols]).reshape(len(cols), -1)
    paper, ink = np.percentile(cells, (90, 3), axis=1)
    return paper, ink


# --------------------------------------------------------------------------------------------- reader


def _to_grey(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 1:
        return np.ascontiguousarray(frame[:, :, 0])
    if frame.ndim != 2:
        raise ValueError(f"expected a grey or BGR frame, got shape {frame.shape}")
    return frame


def _order_quad(quad: Sequence[Sequence[float]]) -> np.ndarray:
    """The card's corners TL, TR, BR, BL with the long side on top (upside down is sorted out later)."""
    pts = np.array([[float(p[0]), float(p[1])] for p in quad], dtype=np.float64)
    if pts.shape != (4, 2):
        raise ValueError("card_quad must have 4 points")
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    ordered = np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])
    if np.linalg.norm(ordered[1] - ordered[0]) < np.linalg.norm(ordered[3] - ordered[0]):
        ordered = np.roll(ordered, 1, axis=0)  # a card standing on its short side: make the long side the top
    return ordered


def _apply(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    pts = cv2.perspectiveTransform(points.reshape(-1, 1, 2).astype(np.float64), matrix)
    out: np.ndarray = pts.reshape(-1, 2)
    return out


@dataclass(frozen=True)
class _Outcome:
    reading: IdentityReading | None
    lines: tuple[str, ...] | None
    code: str | None
    detail: str | None
    quad: Quad


def _same_block(a: tuple[LineBox, ...], b: tuple[LineBox, ...]) -> bool:
    return len(a) == len(b) and all(float(np.linalg.norm(x.centre - y.centre)) < 0.5 * x.height
                                    for x, y in zip(a, b, strict=True))


def _turned_block(block: tuple[LineBox, ...]) -> tuple[LineBox, ...]:
    """Any block of lines read the other way up."""
    return tuple(replace(b, direction=-b.direction) for b in reversed(block))


def _turned(triple: tuple[LineBox, LineBox, LineBox]) -> tuple[LineBox, LineBox, LineBox]:
    """The same three lines read the other way up (a card held upside down)."""
    first, second, third = (replace(b, direction=-b.direction) for b in reversed(triple))
    return first, second, third


class MrzReader:
    """Grey frame in, `MrzReadResult` out. Stateless and cheap to share; the templates load once per process.

    `today` (for tests) fixes the date parse_td1 uses to resolve two-digit years and flag expired cards.
    """

    def __init__(self, *, today: date | None = None, substitute_budget: int = _SUBSTITUTE_BUDGET) -> None:
        self.today = today
        self.substitute_budget = substitute_budget
        glyphs()  # fail early (OcrbFontMissing) rather than on the first card

    def read(self, grey: np.ndarray, card_quad: Quad | None = None) -> MrzReadResult:
        start = time.perf_counter()
        grey = _to_grey(grey)
        if card_quad is not None:
            corners = _order_quad(card_quad)
            cw, ch = CANONICAL_CARD
            card_matrix = cv2.getPerspectiveTransform(
                corners.astype(np.float32), np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], dtype=np.float32))
            scale = _WORK_WIDTH / cw
            to_work = np.diag([scale, scale, 1.0]) @ card_matrix
            work_size = (_WORK_WIDTH, round(ch * scale))
        else:
            scale = min(1.0, _WORK_WIDTH / grey.shape[1])
            to_work = np.diag([scale, scale, 1.0])
            work_size = (round(grey.shape[1] * scale), round(grey.shape[0] * scale))
        work = _warp(grey, to_work, work_size) if card_quad is not None else cv2.resize(
            grey, work_size, interpolation=cv2.INTER_AREA)
        boxes = line_boxes(work)
        triples = mrz_triples(boxes)
        if not triples:
            foreign = self._read_foreign(grey)
            if foreign is not None and foreign.reading is not None:
                return self._result(foreign.reading, foreign.lines, None, None, start, foreign.quad)
            if foreign is not None and foreign.code == "mrz_unreadable":
                return self._result(None, foreign.lines, foreign.code, foreign.detail, start, foreign.quad)
            return self._result(None, None, "no_mrz_found", "no three-line text block like an MRZ", start,
                                None)
        failures: list[_Outcome] = []
        for triple in triples[:_MAX_CANDIDATES]:
            outcome = self._read_block(grey, triple, to_work)
            if outcome.reading is None and outcome.detail != OUT_OF_FRAME:
                # Perhaps the card is upside down (many OCR-B glyphs look alike both ways up, so a low
                # score alone does not tell).
                turned = self._read_block(grey, _turned(triple), to_work)
                if turned.reading is not None or outcome.code == "no_mrz_found":
                    outcome = turned
            if outcome.reading is not None:
                return self._result(outcome.reading, outcome.lines, None, None, start, outcome.quad)
            failures.append(outcome)
        if not any(f.lines and f.lines[0].startswith("IDVNM") for f in failures):
            foreign = self._read_foreign(grey)
            if foreign is not None and foreign.reading is not None:
                return self._result(foreign.reading, foreign.lines, None, None, start, foreign.quad)
            if foreign is not None and foreign.code == "mrz_unreadable":
                # A passport recognised but for its name says more than a failed Vietnamese reading.
                sure_but_name = foreign.detail in (PASSPORT_NAME_UNSURE, FOREIGN_CARD_NAME_UNSURE)
                failures.insert(0 if sure_but_name else len(failures), foreign)
        # Report the most MRZ-like candidate: an unreadable MRZ rather than a block that is not one.
        worst = min(failures, key=lambda f: f.code != "mrz_unreadable")
        return self._result(None, worst.lines, worst.code, worst.detail, start,
                            worst.quad if worst.code == "mrz_unreadable" else None)

    def _read_block(self, grey: np.ndarray, triple: tuple[LineBox, LineBox, LineBox],
                    to_work: np.ndarray) -> _Outcome:
        top, bottom = triple[0].corners(), triple[2].corners()
        band = np.array([top[0], top[1], bottom[2], bottom[3]])
        quad: Quad = [(float(x), float(y)) for x, y in _apply(np.linalg.inv(to_work), band)]
        reads: list[_LineRead] = []
        for row, box in enumerate(triple):
            line = self._read_line(grey, box, row, to_work)
            if isinstance(line, str):
                return _Outcome(None, None, "mrz_unreadable", line, quad)
            reads.append(line)
        raw = (reads[0].best, reads[1].best, reads[2].best)
        if float(np.mean([r.best_scores for r in reads])) < _MIN_MRZ_SCORE:
            return _Outcome(None, None, "no_mrz_found", "three text lines, but not OCR-B MRZ characters",
                            quad)
        reading, why = self._decide(reads)
        if reading is not None:
            return _Outcome(reading, raw, None, None, quad)
        return _Outcome(None, raw, "mrz_unreadable", why, quad)

    # -------------------------------------------------------------------------------- per line

    def _read_line(self, grey: np.ndarray, box: LineBox, row: int, to_work: np.ndarray,
                   layout: str | None = None, tallest: str | None = None,
                   ink_offset: float | None = None) -> _LineRead | str:
        """The line's cells (30 of the Vietnamese TD1 `row` unless `layout` says otherwise), or why not."""
        layout = layout or LAYOUTS[row]
        tallest = tallest or _TALLEST[row]
        length = len(layout)
        # 1. A native-resolution upright strip around the line (about twice its height), sampled through
        #    the work image's mapping (with a card quad: through the card's rectification, one resampling).
        height, width = grey.shape
        line_src = _apply(np.linalg.inv(to_work), box.corners())
        if (line_src.min() < 1 or line_src[:, 0].max() > width - 2 or line_src[:, 1].max() > height - 2):
            return OUT_OF_FRAME  # the line touches or crosses the frame's edge
        corners_work = box.corners(pad_along=box.height * 2.5, pad_across=box.height * 0.6)
        corners_src = _apply(np.linalg.inv(to_work), corners_work)
        size = (max(8, round(float(np.linalg.norm(corners_src[1] - corners_src[0])))),
                max(8, round(float(np.linalg.norm(corners_src[3] - corners_src[0])))))
        src_to_strip = _affine_for(corners_work, (size[0], size[1])) @ to_work
        strip = _warp(grey, src_to_strip, size)
        geometry = _measure_line(strip, length, ink_offset=ink_offset or _INK_OFFSET)
        if geometry is None and layout not in LAYOUTS:
            geometry = _measure_foreign_line(strip, length, ink_offset or _INK_OFFSET)
        if geometry is None and layout not in LAYOUTS and size[1] < _MIN_STRIP_HEIGHT:
            # A small passport scan: glyphs a few pixels apart merge into one blob at native resolution.
            zoom = min(4.0, _MIN_STRIP_HEIGHT / size[1])
            size = (round(size[0] * zoom), round(size[1] * zoom))
            src_to_strip = _affine_for(corners_work, (size[0], size[1])) @ to_work
            strip = _warp(grey, src_to_strip, size)
            geometry = (_measure_line(strip, length, ink_offset=ink_offset or _INK_OFFSET)
                        or _measure_foreign_line(strip, length, ink_offset or _INK_OFFSET))
        if geometry is None:
            return "an MRZ line could not be measured"
        # 2. Canonical strip: cell k at [pad + k·CELL_WIDTH, pad + (k + 1)·CELL_WIDTH), baseline at a fixed
        #    row, glyph height → the templates' height; sampled from the frame in one remap.
        cw, ch = length * CELL_WIDTH + 2 * _STRIP_PAD_X, CELL_HEIGHT + 2 * _SLACK_Y
        xs = geometry.x((np.arange(cw, dtype=np.float64) + 0.5 - _STRIP_PAD_X) / CELL_WIDTH)
        if not np.all(np.isfinite(xs)) or np.any(np.diff(xs) <= 0):
            return "an MRZ line could not be measured"
        glyph_height = geometry.height_per_pitch * geometry.pitch(xs)  # strip pixels, per column
        baseline_row = MARGIN + CAP_HEIGHT + _SLACK_Y
        rows = (np.arange(ch, dtype=np.float64) + 0.5 - baseline_row) / glyphs().ink_height(tallest)
        strip_x = np.broadcast_to(xs, (ch, cw))
        strip_y = geometry.baseline + geometry.slope * xs[None, :] + rows[:, None] * glyph_height[None, :]
        points = np.stack([strip_x, strip_y], axis=-1).reshape(-1, 1, 2)
        source = cv2.perspectiveTransform(points, np.linalg.inv(src_to_strip)).reshape(ch, cw, 2)
        # 3. Every cell must be in the frame: glyphs cut by the frame's edge read as other glyphs (E as F).
        cells = source[_SLACK_Y + MARGIN - 2:_SLACK_Y + MARGIN + CAP_HEIGHT, _STRIP_PAD_X:cw - _STRIP_PAD_X]
        if cells.min() < 0 or cells[..., 0].max() > width - 1 or cells[..., 1].max() > height - 1:
            return OUT_OF_FRAME
        maps = source.astype(np.float32)
        canonical = cv2.remap(grey, maps[..., 0], maps[..., 1], cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
        read = _match_line(canonical, layout)
        if read is None or layout in LAYOUTS or not set(layout) <= {"N", "T"}:
            return read or "no cell layout fits"
        # 4. A foreign name line's baseline slope was measured on its letters alone (`<` fillers have no
        #    baseline glyph): over a TD3 name line that is mostly fillers a small error grows until the
        #    last cells sit at the end of the vertical slack (62_pass-aus read `<<<` as `WWW`). The rows
        #    at which the templates matched say where the glyphs really are: sample the line again along
        #    them and keep whichever reading matched better.
        drift = _row_drift(read)
        if drift is None:
            return read
        offset = (drift((np.arange(cw, dtype=np.float64) + 0.5 - _STRIP_PAD_X) / CELL_WIDTH)
                  / glyphs().ink_height(tallest) * glyph_height)
        points = np.stack([strip_x, strip_y + offset[None, :]], axis=-1).reshape(-1, 1, 2)
        source = cv2.perspectiveTransform(points, np.linalg.inv(src_to_strip)).reshape(ch, cw, 2)
        if source.min() < 0 or source[..., 0].max() > width - 1 or source[..., 1].max() > height - 1:
            return read
        maps = source.astype(np.float32)
        again = _match_line(cv2.remap(grey, maps[..., 0], maps[..., 1], cv2.INTER_LINEAR,
                                      borderMode=cv2.BORDER_REPLICATE), layout)
        return read if again is None else _better_cells(read, again)

    # ----------------------------------------------------------------------------- decision

    def _parse(self, lines: Sequence[str]) -> IdentityReading | None:
        try:
            return parse_td1(lines, today=self.today)
        except MrzError:
            return None

    def _decide(self, reads: Sequence[_LineRead]) -> tuple[IdentityReading | None, str]:
        scores = np.concatenate([r.best_scores for r in reads])
        if float(scores.min()) < _MIN_CELL_SCORE:
            weak = int((scores < _MIN_CELL_SCORE).sum())
            return None, f"{weak} MRZ cells do not look like OCR-B characters"
        if max(r.blur for r in reads) > _MAX_BLUR:
            return None, TOO_BLURRED
        name = reads[2]
        # Glare washes strokes out (P reads as F): the name has no check digit to catch that.
        typical = float(np.median(np.concatenate([r.contrast for r in reads])))
        if (float(name.contrast.min()) < _MIN_NAME_CONTRAST * typical
                or float(name.weakest_stroke.min()) < _MIN_STROKE_CONTRAST * typical):
            return None, GLARE
        name_cells = [i for i in range(LINE_LENGTH) if name.margins[i] < _MIN_NAME_MARGIN]
        if name_cells:
            return None, f"{len(name_cells)} ambiguous cells in the name line (no check digit)"
        ambiguous = int(sum((r.margins < _SUBSTITUTE_MARGIN).sum() for r in reads[:2]))
        if ambiguous > _MAX_AMBIGUOUS:
            # Several coin-flip cells: check digits (mod 10) would let some wrong combination through.
            return None, f"{ambiguous} ambiguous cells in MRZ lines 1-2"
        lines = [r.best for r in reads]
        reading = self._parse(lines)
        if reading is not None:
            return reading, ""
        # Second-best characters at the most ambiguous cells of lines 1 and 2. Fewest substitutions first,
        # and only a unique reading: two valid readings at the same cost mean the check digits cannot tell.
        cells = sorted((float(reads[row].margins[i]), row, i) for row in (0, 1) for i in range(LINE_LENGTH)
                       if reads[row].margins[i] < _SUBSTITUTE_MARGIN)[:_SUBSTITUTE_CELLS]
        tried = 0
        for size in range(1, _SUBSTITUTE_MAX + 1):
            found: dict[tuple[object, ...], IdentityReading] = {}
            for combo in itertools.combinations(cells, size):
                if tried >= self.substitute_budget:
                    return None, "MRZ check digits fail"
                tried += 1
                trial = [list(line) for line in lines]
                for _, row, i in combo:
                    trial[row][i] = reads[row].second[i]
                candidate = self._parse(["".join(t) for t in trial])
                if candidate is not None:
                    found[(candidate.id_number, candidate.date_of_birth, candidate.sex, candidate.expiry_date,
                           candidate.raw_fields.get("expiry_date"))] = candidate
            if len(found) > 1:
                return None, "MRZ check digits fail (several corrections would pass)"
            if found:
                reading = next(iter(found.values()))
                if not any(w.code == _REPAIRED.code for w in reading.warnings):
                    reading = replace(reading, warnings=(_REPAIRED, *reading.warnings))
                return reading, ""
        return None, "MRZ check digits fail"

    # ------------------------------------------------------------------ passports and foreign ID cards

    def _read_foreign(self, grey: np.ndarray, *, sideways: bool = True) -> _Outcome | None:
        """A passport's TD3 or any country's TD1, when the Vietnamese reading found none; None when no
        block of lines looks like one. `sideways`: when no block lies along the frame, look across it too
        (a page photographed a quarter turn round; upside down is tried for every block anyway)."""
        # A passport page is not an ID-1 card: look at the frame as it is, inside printed outlines too.
        scale = min(1.0, _WORK_WIDTH / grey.shape[1])
        to_work = np.diag([scale, scale, 1.0])
        work = cv2.resize(grey, (round(grey.shape[1] * scale), round(grey.shape[0] * scale)),
                          interpolation=cv2.INTER_AREA)
        failures: list[_Outcome] = []
        seen: list[tuple[LineBox, ...]] = []
        # Inside printed outlines too (RETR_LIST); then, with a stricter ink threshold, where the page's
        # background print thresholded as ink ran into the MRZ's lines (3 of the 34 real specimens).
        for stage in (((cv2.RETR_EXTERNAL, 1.0), (cv2.RETR_LIST, 1.0)), ((cv2.RETR_EXTERNAL, 1.5),)):
            blocks: list[tuple[tuple[LineBox, ...], tuple[str, ...]]] = []
            for retrieval, strict in stage:
                boxes = line_boxes(work, retrieval, strict)
                blocks += [(b, TD3_LAYOUTS) for b in mrz_blocks(boxes, 2)[:_MAX_CANDIDATES]]
                blocks += [(b, TD1_LAYOUTS) for b in mrz_blocks(boxes, 3)[:_MAX_CANDIDATES]]
            for block, layouts in blocks:
                if any(_same_block(block, other) for other in seen):
                    continue
                seen.append(block)
                for lines in (block, _turned_block(block)):
                    outcome = self._read_foreign_block(grey, lines, to_work, layouts)
                    if outcome.reading is not None:
                        return outcome
                    failures.append(outcome)
        if not seen and sideways:
            # Only when lines across the frame make an MRZ-like block (a cheap look at the small copy).
            boxes = line_boxes(cv2.rotate(work, cv2.ROTATE_90_CLOCKWISE))
            if mrz_blocks(boxes, 2) or mrz_blocks(boxes, 3):
                turned = self._read_foreign(cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE), sideways=False)
                if turned is not None:
                    # Back to this frame: the clockwise turn took (x, y) to (height - 1 - y, x).
                    height = grey.shape[0]
                    turned = replace(turned, quad=[(y, height - 1 - x) for x, y in turned.quad])
                    if turned.reading is not None:
                        return turned
                    failures.append(turned)
        if not failures:
            return None
        return min(failures, key=lambda f: f.code != "mrz_unreadable")

    def _read_foreign_block(self, grey: np.ndarray, block: tuple[LineBox, ...], to_work: np.ndarray,
                            layouts: tuple[str, ...]) -> _Outcome:
        outcome, mean_score = self._read_foreign_block_once(grey, block, to_work, layouts, _INK_OFFSET)
        if outcome.reading is None and mean_score < _RETRY_BELOW_SCORE:
            # The cells did not line up with OCR-B glyphs: a passport's fine background print, dark enough
            # to count as ink, joined the glyphs when the line was measured (100_pass-hrv, a real specimen,
            # read garbage). Measure again with only the darkest ink.
            retry, _ = self._read_foreign_block_once(grey, block, to_work, layouts, _STRICT_INK_OFFSET)
            if retry.reading is not None or retry.code == "mrz_unreadable":
                return retry
        return outcome

    def _read_foreign_block_once(self, grey: np.ndarray, block: tuple[LineBox, ...], to_work: np.ndarray,
                                 layouts: tuple[str, ...], ink_offset: float) -> tuple[_Outcome, float]:
        """The block read with this ink offset for measuring its lines, and its mean cell score (0 when
        a line could not be measured)."""
        top, bottom = block[0].corners(), block[-1].corners()
        band = np.array([top[0], top[1], bottom[2], bottom[3]])
        quad: Quad = [(float(x), float(y)) for x, y in _apply(np.linalg.inv(to_work), band)]
        reads: list[_LineRead] = []
        for row, (box, layout) in enumerate(zip(block, layouts, strict=True)):
            tallest = _TALLEST[2] if set(layout) <= {"N", "T"} else _TALLEST[0]
            line = self._read_line(grey, box, row, to_work, layout, tallest, ink_offset)
            if isinstance(line, str):
                # Unlike the Vietnamese card's three lines, two lines of print are common (a card's front,
                # a letter): only OCR-B characters make an "unreadable MRZ".
                return _Outcome(None, None, "no_mrz_found", line, quad), 0.0
            reads.append(line)
        raw = tuple(r.best for r in reads)
        mean_score = float(np.mean([r.best_scores for r in reads]))
        if mean_score < _MIN_MRZ_SCORE:
            return _Outcome(None, None, "no_mrz_found", "text lines, but not OCR-B MRZ characters", quad), \
                mean_score
        reading, why = self._decide_foreign(reads, layouts)
        return _Outcome(reading, raw, None if reading else "mrz_unreadable", why or None, quad), mean_score

    def _decide_foreign(self, reads: Sequence[_LineRead],
                        layouts: tuple[str, ...]) -> tuple[IdentityReading | None, str]:
        scores = np.concatenate([r.best_scores for r in reads])
        if float(scores.min()) < _MIN_CELL_SCORE:
            weak = int((scores < _MIN_CELL_SCORE).sum())
            return None, f"{weak} MRZ cells do not look like OCR-B characters"
        if max(r.blur for r in reads) > _MAX_BLUR:
            return None, TOO_BLURRED
        name_rows = [i for i, layout in enumerate(layouts) if set(layout) <= {"N", "T"}]
        coded_rows = [i for i in range(len(reads)) if i not in name_rows]
        settled = _settled_by_state_code(reads)
        unsure_name = sum(_unsure_name_cells(reads[row], frozenset(i for r, i in settled if r == row))
                          for row in name_rows)
        if unsure_name > _MAX_FOREIGN_NAME_UNSURE:
            known = self._parse_foreign([r.best for r in reads]) or _resolve_twins(
                self._parse_foreign, reads, coded_rows, layouts, None)[0]
            if known is not None and known.document is not None:
                return None, PASSPORT_NAME_UNSURE if known.document.kind == "passport" else \
                    FOREIGN_CARD_NAME_UNSURE
            return None, f"{unsure_name} ambiguous cells in the name line (no check digit)"
        # Letter/digit look-alikes are resolved by _resolve_twins; the other close calls are what a check
        # digit (mod 10) might let through several at a time.
        twins = set(_twin_cells(reads, coded_rows, layouts, _SUBSTITUTE_MARGIN))
        ambiguous = sum(1 for row in coded_rows for i in range(len(reads[row].best))
                        if reads[row].margins[i] < _SUBSTITUTE_MARGIN and (row, i) not in twins
                        and (row, i) not in settled)
        if ambiguous > _MAX_FOREIGN_AMBIGUOUS:
            return None, f"{ambiguous} ambiguous cells in the MRZ's coded lines"
        lines = [r.best for r in reads]
        parsed = self._parse_foreign(lines)
        doubt = ""
        if parsed is not None:
            parsed, doubt = _resolve_twins(self._parse_foreign, reads, coded_rows, layouts, parsed)
        elif ambiguous <= _MAX_AMBIGUOUS:  # every subset of the look-alike flips, from the failing reading
            parsed, doubt = _resolve_twins(self._parse_foreign, reads, coded_rows, layouts, None)
            if parsed is None and doubt.startswith("letters"):
                return None, doubt
        if parsed is not None:
            return (replace(parsed, warnings=(*parsed.warnings, _FOREIGN_NAME_UNSURE)) if unsure_name
                    else parsed), ""
        if ambiguous > _MAX_AMBIGUOUS:  # no second-best lottery with several coin-flip cells
            return None, f"{ambiguous} ambiguous cells in the MRZ's coded lines"
        cells = sorted((float(reads[row].margins[i]), row, i) for row in coded_rows
                       for i in range(len(reads[row].best))
                       if reads[row].margins[i] < _SUBSTITUTE_MARGIN)[:_SUBSTITUTE_CELLS]
        found: dict[tuple[str, ...], IdentityReading] = {}
        for _, row, i in cells[:self.substitute_budget]:
            trial = list(lines)
            trial[row] = trial[row][:i] + reads[row].second[i] + trial[row][i + 1:]
            candidate = self._parse_foreign(trial)
            if candidate is not None:
                found[tuple(trial)] = candidate
        if len(found) == 1:
            reading = next(iter(found.values()))
            unsure = (_FOREIGN_NAME_UNSURE,) if unsure_name else ()
            return replace(reading, warnings=(_REPAIRED, *reading.warnings, *unsure)), ""
        if found:
            return None, "MRZ check digits fail (several corrections would pass)"
        return None, "MRZ check digits fail"

    def _parse_foreign(self, lines: Sequence[str]) -> IdentityReading | None:
        try:
            document = parse_travel_document(lines, today=self.today)
        except MrzError:
            return None
        if document.issuing_state == "VNM" and document.kind == "id_card":
            return None  # a Vietnamese card is read by parse_td1 (its own rules), never as foreign
        return foreign_reading(document)

    def _result(self, reading: IdentityReading | None, lines: tuple[str, ...] | None,
                error_code: str | None, detail: str | None, start: float, quad: Quad | None) -> MrzReadResult:
        return MrzReadResult(reading=reading, lines=lines, error_code=error_code, detail=detail,
                             elapsed_ms=(time.perf_counter() - start) * 1000, quad=quad)


__all__ = ["CANONICAL_CARD", "ERROR_CODES", "FOREIGN_CARD_NAME_UNSURE", "GLARE", "LAYOUTS", "NOTICE_CODES",
           "OUT_OF_FRAME", "PASSPORT_NAME_UNSURE", "TOO_BLURRED",
           "MrzReadResult", "MrzReader", "Quad"]
