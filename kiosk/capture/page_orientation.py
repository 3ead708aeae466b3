"""Which way is up on a page: text-line direction from word shapes, then OCR confidence on a small crop.

Measured on real photos (`kiosk bench docscan`, the real table), the old cues failed in two ways:

- the *profile* cues (row vs column projection sharpness, ink above vs below each line's x-height band)
  need straight text lines: on curled, creased or slightly sheared pages the rows blur while a justified
  margin keeps the columns sharp, and 4 of 12 pages were called sideways;
- Tesseract's OSD (`--psm 0`) was *confidently* wrong on clean pages (a LaTeX page: "Rotate: 180,
  confidence 11, script Thai" at every scale and crop), and costs 0.5–1 s on a whole page.

So, on a small grey view of the page (`ANALYSIS_DPI`):

1. *Direction* — words are longer than they are tall along their line, whatever the curl. The ink is
   dilated by ~⅓ of the median character size (letters of a word join, lines do not), and the lengths of
   the blobs clearly wider than tall are weighed against those clearly taller than wide
   (`text_direction`). The log of that ratio is the evidence: > 0 horizontal lines, < 0 vertical.
2. *Up or down* — the densest window of words (about three lines of ~25 characters) is cut from the
   *source* at a scale that makes its characters ~`OCR_CHAR_PX` tall, turned both ways (all four ways when
   the direction is not clear), the turns stacked in one image, and Tesseract's LSTM recognises it once
   (`--psm 6`, TSV): the turn whose words it reads with the higher confidence (weighted by word length) is
   upright. One process, ~0.1 MP: ~0.3 s CPU instead of OSD's 0.5–1 s, and right where OSD was wrong.
3. Below `MIN_ORIENTATION_DPI` (page_enhance: at ~30–50 dpi OCR is confidently wrong, so it is not asked)
   the *alignment* of the text lines decides when it is clear: left-to-right
   text (Vietnamese, English, horizontal Chinese, handwriting) starts every line at the left margin and
   ends it raggedly, so the line starts line up and the ends do not (`alignment_evidence`); a justified
   page lines up both and says nothing. Measured on the real photos at ~30–40 dpi, where the
   ink-above/below statistic was wrong on 3 of 4 receipts turned every way, the alignment was right on
   34 of 44 turns whose line direction was right. Otherwise — and at any resolution when Tesseract is
   missing or reads nothing — the ink-above/below statistic decides (on well-resolved pages it was the
   better of the two). None of these is confident: the page then carries `orientation_uncertain`.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

log = logging.getLogger(__name__)

ANALYSIS_DPI = 100  # the grey view the direction and the crop are chosen on
OCR_CHAR_PX = 30  # character height Tesseract gets in the crop (at 24: 4 more of 48 turns wrong)
OCR_LANGUAGE = "vie"  # the kiosk's documents; its Latin letters read English pages as well
DIRECTION_MARGIN = 0.7  # |log ratio| below this: the direction is unclear, all four turns are read
MIN_WORDS = 6  # fewer word-shaped blobs than this: not enough text to tell anything
CONFIDENCE_MARGIN = 12.0  # the best turn must lead the next by this many confidence points
MIN_CONFIDENCE = 35.0  # and be read this well (upside-down print: 0–15; handwriting: ~30 either way)
SURE_CONFIDENCE = 45.0  # read this well with the margin: confident; otherwise a clear lead of SURE_MARGIN
SURE_MARGIN = 20.0
WINDOW_CHARS = (30, 5)  # the OCR window in median character sizes: ~3 lines of ~35 characters
MAX_OCR_SCALE = 4.0  # small print is enlarged for Tesseract (the output page never is)
MAX_OCR_PIXELS = 400_000  # bound on the stacked crop (CPU)
OCR_TIMEOUT_S = 20.0
OCR_ATTEMPTS = 3  # windows read at most (each only when those before cannot tell: a page of music, two
#                  windows of notes and a third with its title, ~0.3 s CPU more on such pages only)


def tesseract_env() -> dict[str, str]:
    """Tesseract's environment: one OpenMP thread. With several, on a small machine, its threads spin
    against each other and a page takes ~6× longer (measured: 0.8 s vs 5.8 s on 2 cores)."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class TextShape:
    """What the ink of a page says about its text: direction evidence (log ratio, > 0 horizontal), how
    many word blobs it rests on and the median character size in pixels of the view."""

    direction: float
    words: int
    char_px: float


def analysis_binary(flat_grey: np.ndarray) -> np.ndarray:
    """Ink (1) of a flattened grey page (paper ≈ 255): anything clearly darker than paper. A strict cut
    (< 140) keeps only the stems of small print at ~100 dpi, which then look like vertical text."""
    h, w = flat_grey.shape
    m = max(2, round(0.03 * min(h, w)))
    ink = (flat_grey < 200).astype(np.uint8)
    ink[:m] = 0
    ink[-m:] = 0
    ink[:, :m] = 0
    ink[:, -m:] = 0
    return ink


def character_size(binary: np.ndarray) -> float:
    """Median size (longer bounding-box side) of the ink's small components: the print's character
    height, roughly, in either direction."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if count <= 1:
        return 0.0
    sizes = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    h, w = binary.shape
    sizes = sizes[(sizes >= 3) & (sizes <= 0.1 * min(h, w))]
    return float(np.median(sizes)) if len(sizes) else 0.0


def _word_blobs(binary: np.ndarray, char_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Stats of the dilated ink's blobs (letters of a word joined), and the blob label image."""
    k = max(2, round(char_px / 3))
    joined = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    return stats, labels


def text_direction(binary: np.ndarray) -> TextShape:
    """Are the text lines horizontal (> 0) or vertical (< 0)? From the shapes of word blobs."""
    char_px = character_size(binary)
    if char_px <= 0:
        return TextShape(0.0, 0, 0.0)
    stats, _ = _word_blobs(binary, char_px)
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float64)
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    wordlike = (np.maximum(w, h) >= 2.5 * char_px) & (np.minimum(w, h) <= 2.5 * char_px)
    wordlike &= np.minimum(w, h) >= 0.8 * char_px  # not a ruled line
    horizontal = wordlike & (w >= 2 * h)
    vertical = wordlike & (h >= 2 * w)
    along_h = float(w[horizontal].sum())
    along_v = float(h[vertical].sum())
    words = int(horizontal.sum() + vertical.sum())
    return TextShape(math.log((along_h + char_px) / (along_v + char_px)), words, char_px)


ALIGNMENT_MARGIN = 0.3  # |alignment_evidence| below this: both margins line up alike (justified, centred)
MIN_ALIGNMENT_LINES = 4  # fewer text lines than this say nothing about alignment


def _median_deviation(values: np.ndarray) -> float:
    return float(np.median(np.abs(values - np.median(values))))


def alignment_evidence(binary: np.ndarray, lines: list[tuple[int, int]]) -> float:
    """For horizontal text lines (`lines`: their row ranges in `binary`): > 0 when the line starts line up
    better than the line ends (left-aligned, as left-to-right text is: upright), < 0 when the ends do
    (upside down), 0 when there are too few lines. The log ratio of the median absolute deviations of the
    ends and of the starts, in pixels of the view (+2 so a pixel of jitter on a clean margin is no signal)."""
    starts: list[int] = []
    ends: list[int] = []
    for top, bottom in lines:
        cols = np.nonzero(binary[top:bottom].any(axis=0))[0]
        if len(cols) >= 3:
            starts.append(int(cols[0]))
            ends.append(int(cols[-1]))
    if len(starts) < MIN_ALIGNMENT_LINES:
        return 0.0
    spread_starts = _median_deviation(np.array(starts, np.float64))
    spread_ends = _median_deviation(np.array(ends, np.float64))
    return math.log((spread_ends + 2) / (spread_starts + 2))


def _repeat(profile: np.ndarray) -> float:
    """How strongly a 1-D ink profile repeats: its normalised autocorrelation's highest value past the first
    dip below zero (0 when it never dips: one blob, no rhythm), over lags up to half its length."""
    p = profile.astype(np.float64) - float(profile.mean())
    if not p.any():
        return 0.0
    corr = np.correlate(p, p, "full")[len(p) - 1:]
    corr /= corr[0]
    dips = np.nonzero(corr < 0)[0]
    half = len(corr) // 2
    if len(dips) == 0 or dips[0] >= half:
        return 0.0
    return float(corr[dips[0]:half].max())


def line_periodicity(binary: np.ndarray) -> float:
    """> 0 when the rows of ink repeat at a regular pitch (text lines stacked one above the other: lines
    run horizontally), < 0 when the columns do. It asks nothing of the shapes of words, so it holds where
    they say nothing at ~30 dpi: square Chinese characters set as far apart as the lines, handwriting whose
    dilated strokes join across lines. Two columns of text make the column profile repeat too (once):
    hence a vote, not a verdict (`low_resolution_direction`)."""
    return _repeat(binary.sum(axis=1)) - _repeat(binary.sum(axis=0))


# Votes of the text-line direction below MIN_ORIENTATION_DPI (page_enhance), each clipped to ±1 at the size
# where it is plainly clear: word shapes at |log ratio| 2 (≈ 7× more word length one way), the row/column
# profile sharpness at |log ratio| 1, the periodicity at a difference of 0.2 in autocorrelation. The page's
# shape adds half a vote for lines along its shorter side: official paperwork (A4 under Decree 30, receipts)
# is portrait with horizontal lines; a landscape page only loses when the other cues are weak or split.
# Measured on the real photos at 28–41 dpi (`kiosk bench docscan`): word shapes alone had the direction of
# 11 of 15 pages right (wrong: handwriting, a Chinese title page, a figure page); the vote 13 of 15.
LOW_RES_WORDS_CLEAR = 2.0
LOW_RES_PROFILE_CLEAR = 1.0
LOW_RES_PERIOD_CLEAR = 0.2
LOW_RES_SHAPE_VOTE = 0.5


def low_resolution_direction(word_direction: float, profile_evidence: float, periodicity: float,
                             portrait: bool | None) -> float:
    """> 0 horizontal text lines, < 0 vertical: the sum of the clipped votes above (`portrait` None: a
    square page, no shape vote)."""
    def vote(value: float, clear: float) -> float:
        return max(-1.0, min(1.0, value / clear))

    shape = 0.0 if portrait is None else (LOW_RES_SHAPE_VOTE if portrait else -LOW_RES_SHAPE_VOTE)
    return (vote(word_direction, LOW_RES_WORDS_CLEAR) + vote(profile_evidence, LOW_RES_PROFILE_CLEAR)
            + vote(periodicity, LOW_RES_PERIOD_CLEAR) + shape)


TOP_HEAVY = 0.1  # |ink_balance| from this (a tenth of the page's height off the middle): it decides


def ink_balance(binary: np.ndarray) -> float:
    """How far above the middle of the page (a fraction of its height, > 0) or below it (< 0) the ink's
    centre lies. A page is written and printed from the top, and what is left blank is left at the bottom:
    a letter, notes, a title page, a paper whose figure heads the page. Below MIN_ORIENTATION_DPI a page
    clearly heavy at one end (`TOP_HEAVY`) is turned that end up before the line alignment is asked, which
    at ~30 dpi merges two columns and centred lines into one ragged margin. Measured on the real photos at
    28–41 dpi (`kiosk bench docscan`; chosen on those same photos, no held-out set): the alignment was
    confidently wrong on a two-column paper, a centred title page and a letterhead, all clearly top-heavy
    (0.12–0.16); receipts and full pages sit within ±0.07; one page of notes is bottom-heavy (0.11) and
    loses the two turns its alignment had right: 36 → 45 of 60 turns upright."""
    ys = np.nonzero(binary)[0]
    return 0.5 - float(ys.mean()) / binary.shape[0] if len(ys) else 0.0


Window = tuple[int, int, int, int]  # x, y, w, h
MIN_WORD_PIECES = 2  # separate pieces of ink (letters) a word blob must hold to count as printed words


def _pieces(binary: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """For each blob of `labels` (the dilated ink), how many separate pieces of the undilated ink it holds."""
    _, raw = cv2.connectedComponents(binary, connectivity=8)
    on = binary > 0
    pairs = np.unique(labels[on].astype(np.int64) * (int(raw.max()) + 1) + raw[on])
    return np.bincount((pairs // (int(raw.max()) + 1)).astype(np.int64), minlength=count)[:count]


def densest_text_window(binary: np.ndarray, char_px: float,
                        avoid: Window | list[Window] | None = None) -> Window:
    """(x, y, w, h) of the window about three lines by ~35 characters holding the most word ink (blobs of
    word shape only: pictures, rules and solid blocks do not count), for horizontal text; away from the
    window(s) `avoid` when given (a second opinion from elsewhere on the page)."""
    stats, labels = _word_blobs(binary, char_px)
    w = stats[:, cv2.CC_STAT_WIDTH]
    h = stats[:, cv2.CC_STAT_HEIGHT]
    # Body-text words only: a heading, a logo or a badge is denser but reads worse (one big word).
    # Ruled lines and underlines are thin and long: not words either.
    keep = (w >= 1.5 * char_px) & (h <= 2.0 * char_px) & (w >= h) & (h >= 0.8 * char_px) & (w <= 40 * char_px)
    # A printed word is several letters: a blob that is one piece of ink before dilation is a beam of
    # music notes, a rule with ticks, or the dark desk beyond a curled edge (the windows chosen on a real
    # sheet of music: Tesseract read nothing either way up and the page came out upside down).
    keep &= _pieces(binary, labels, len(stats)) >= MIN_WORD_PIECES
    keep[0] = False
    words = (keep[labels] & (binary > 0)).astype(np.float32)
    for ax, ay, aw, ah in [avoid] if isinstance(avoid, tuple) else avoid or []:
        words[max(0, ay - ah):ay + 2 * ah, max(0, ax - aw // 2):ax + aw + aw // 2] = 0
    H, W = binary.shape
    win_w = min(W, max(8, round(WINDOW_CHARS[0] * char_px)))
    win_h = min(H, max(8, round(WINDOW_CHARS[1] * char_px)))
    sums = cv2.boxFilter(words, -1, (win_w, win_h), normalize=False, borderType=cv2.BORDER_CONSTANT)
    # boxFilter centres the window: keep centres whose window lies inside the image.
    valid = np.full_like(sums, -1.0)
    y0, x0 = win_h // 2, win_w // 2
    valid[y0:H - (win_h - y0) + 1, x0:W - (win_w - x0) + 1] = \
        sums[y0:H - (win_h - y0) + 1, x0:W - (win_w - x0) + 1]
    cy, cx = np.unravel_index(int(np.argmax(valid)), valid.shape)
    left, top = int(cx - x0), int(cy - y0)
    # Whole words only: the union of the word blobs centred in the window (a line cut through its middle
    # or a word cut in half reads badly both ways up, and the two turns then tie).
    xs, ys = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    centre_x, centre_y = xs + w / 2, ys + h / 2
    inside = keep & (centre_x >= left) & (centre_x < left + win_w)
    inside &= (centre_y >= top) & (centre_y < top + win_h)
    if not inside.any():
        return left, top, int(win_w), int(win_h)
    x_a, y_a = int(xs[inside].min()), int(ys[inside].min())
    x_b, y_b = int((xs + w)[inside].max()), int((ys + h)[inside].max())
    pad = max(1, round(char_px / 3))
    x_a, y_a = max(0, x_a - pad), max(0, y_a - pad)
    x_b, y_b = min(W, x_b + pad), min(H, y_b + pad)
    return x_a, y_a, x_b - x_a, y_b - y_a


def quarter_turn(size: tuple[int, int], quarter: int) -> tuple[np.ndarray, tuple[int, int]]:
    """3×3 matrix turning an image of `size` (w, h) clockwise by `quarter` × 90°, and the size after —
    the same convention as np.rot90(k=-quarter)."""
    w, h = size
    q = quarter % 4
    if q == 0:
        return np.eye(3), (w, h)
    if q == 1:
        return np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], np.float64), (h, w)
    if q == 2:
        return np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], np.float64), (w, h)
    return np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], np.float64), (h, w)


@dataclass(frozen=True)
class Orientation:
    rotation: int  # clockwise degrees that make the page upright
    source: str  # "ocr", "text", "none"
    confident: bool


def ocr_confidences(crops: list[np.ndarray], language: str = OCR_LANGUAGE,
                    timeout_s: float = OCR_TIMEOUT_S) -> list[float] | None:
    """Tesseract's word confidence (0–100, weighted by word length) for each grey crop, read in one
    process with the crops stacked; None without tesseract or when it fails."""
    readings = ocr_readings(crops, language, timeout_s)
    return None if readings is None else [confidence for confidence, _ in readings]


def ocr_readings(crops: list[np.ndarray], language: str = OCR_LANGUAGE,
                 timeout_s: float = OCR_TIMEOUT_S) -> list[tuple[float, int]] | None:
    """`ocr_confidences` with, for each crop, how many letters Tesseract read in it."""
    exe = shutil.which("tesseract")
    if exe is None or not crops:
        return None
    gap = max(20, crops[0].shape[0] // 2)
    width = max(c.shape[1] for c in crops) + 2 * gap
    bands: list[tuple[int, int]] = []
    rows: list[np.ndarray] = []
    y = gap
    rows.append(np.full((gap, width), 255, np.uint8))
    for crop in crops:
        padded = np.full((crop.shape[0], width), 255, np.uint8)
        padded[:, gap:gap + crop.shape[1]] = crop
        rows.append(padded)
        rows.append(np.full((gap, width), 255, np.uint8))
        bands.append((y, y + crop.shape[0]))
        y += crop.shape[0] + gap
    sheet = np.vstack(rows)
    with tempfile.TemporaryDirectory(prefix="kiosk-orient-") as scratch:
        path = Path(scratch) / "crops.png"
        cv2.imwrite(str(path), sheet)
        try:
            # tessedit_do_invert=0: Tesseract 5 re-reads every poorly read line inverted (white on black),
            # doubling the work on exactly the upside-down crops this compares.
            done = subprocess.run([exe, str(path), "-", "--psm", "6", "-l", language,
                                   "-c", "tessedit_do_invert=0", "tsv"],
                                  capture_output=True, text=True, timeout=timeout_s, check=False,
                                  env=tesseract_env())
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        log.warning("tesseract failed on the orientation crop: %s", done.stderr.strip()[:200])
        return None
    weighted = [0.0] * len(crops)
    letters = [0] * len(crops)
    for line in done.stdout.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) != 12 or not parts[11].strip():
            continue
        try:
            conf, top, height = float(parts[10]), int(parts[7]), int(parts[9])
        except ValueError:
            continue
        word = "".join(ch for ch in parts[11] if ch.isalnum())
        if conf < 0 or not word:
            continue
        middle = top + height / 2
        for index, (a, b) in enumerate(bands):
            if a - gap / 2 <= middle < b + gap / 2:
                weighted[index] += conf * len(word)
                letters[index] += len(word)
                break
    # A crop Tesseract found no words in scores 0 (an upside-down crop often reads as nothing at all).
    return [(weighted[i] / letters[i] if letters[i] else 0.0, letters[i]) for i in range(len(crops))]


def pooled_confidences(windows: list[list[tuple[float, int]]]) -> list[float]:
    """Per turn, the confidence over several windows' readings (`ocr_readings`, same turns in each), each
    window weighing by the letters read in it (at best, over its turns): a second window holding little
    text (notes of music, a picture) must not drown a first one that read lines of words."""
    totals = np.zeros(len(windows[0]))
    weights = 0.0
    for readings in windows:
        weight = float(max(1, max(letters for _, letters in readings)))
        totals += weight * np.array([confidence for confidence, _ in readings])
        weights += weight
    return [float(v) for v in totals / weights]


def decide(confidences: list[float], rotations: list[int]) -> Orientation | None:
    """The rotation whose crop read best, if it read well and clearly better than the others."""
    order = sorted(range(len(confidences)), key=lambda i: confidences[i], reverse=True)
    best = confidences[order[0]]
    runner_up = confidences[order[1]] if len(order) > 1 else 0.0
    lead = best - runner_up
    if best < MIN_CONFIDENCE or lead < CONFIDENCE_MARGIN:
        return None
    return Orientation(rotations[order[0]], "ocr", best >= SURE_CONFIDENCE or lead >= SURE_MARGIN)


__all__ = [
    "ALIGNMENT_MARGIN",
    "ANALYSIS_DPI",
    "OCR_ATTEMPTS",
    "TOP_HEAVY",
    "Orientation",
    "TextShape",
    "Window",
    "alignment_evidence",
    "analysis_binary",
    "character_size",
    "decide",
    "densest_text_window",
    "ink_balance",
    "line_periodicity",
    "low_resolution_direction",
    "ocr_confidences",
    "ocr_readings",
    "pooled_confidences",
    "quarter_turn",
    "tesseract_env",
    "text_direction",
]
