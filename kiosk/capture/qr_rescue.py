"""Cheap second tries at a QR code that a plain zxing-cpp decode of the whole frame did not read.

A plain decode fails on real kiosk frames mostly because the code is small and soft: a card at arm's length
in a 720p frame prints its QR at 2–3 pixels per module, and a little defocus, sensor noise or JPEG finishes
it off. What helps is to look closer: take a region of interest, resample it upright at several pixels per
module (INTER_CUBIC) and restore its edges. Regions, best first:

1. `code`   — where zxing-cpp saw a code but could not decode it (its finder patterns matched; the reader
              asks zxing for such failures with return_errors). Rectified to a square, ~2.5× upscaled.
2. `card`   — the QR corner of a located card (`locate_card`): the top-right corner of a card held upright
              (2021 front, 2024 back), then the bottom-left one (the card upside down; a card held
              portrait is turned first). The corner is rectified through the card's perspective with the
              card 1500 px wide (≈ 6 px per QR module): 1.4–3.3× upscaling for a card 450–1070 px wide.
3. `finder` — three QR finder patterns found by a contour search (nested dark-light-dark squares): a code
              with no card outline around it, or not where a card carries it. Their bounding box plus a
              margin, upscaled 2×.

Enhancements, in order: `sharpen` (strong unsharp mask: restores blurred module edges and flattens uneven
light), `clahe` (contrast-limited histogram equalisation, then sharpen: low contrast, glare), `plain` (the
resampled region as it is), `invert` (light modules on dark). Attempts go enhancement-major: `sharpen` on
every region, then `clahe` on every region, and so on, so the budget goes to the likeliest attempts first.
The plain full-frame decode already tries inverted codes (zxing-cpp's try_invert), so `invert` only matters
inside a region. Decodes are zxing-cpp restricted to QR codes, without its rotation and inversion tries
(regions are upright and dark-on-light by construction), ~0.5–1.5 ms each.

A rescue stops at the first region/enhancement whose decode gives an accepted text (the reader accepts
ID-card payloads) and says which one worked (`RescueResult.rescue`, e.g. "card+sharpen"). Everything runs
within a per-frame budget of CPU time (default 15 ms): an attempt is started only while the slowest attempt
so far would still fit, so the budget is overrun by at most one attempt that was slower than all before it.
The budget is this thread's CPU time (`time.thread_time`), not wall-clock: on a loaded machine (the kiosk's
UI, a scan, another helper process) wall-clock time runs on while the rescue waits for a core, and a
wall-clock budget ran out before a single attempt; CPU time is what the rescue actually costs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import zxingcpp

Point = tuple[float, float]
Quad = list[Point]  # top-left, top-right, bottom-right, bottom-left, in frame pixels

DEFAULT_BUDGET_MS = 15.0
REGIONS = ("code", "card", "finder")
ENHANCEMENTS = ("sharpen", "clahe", "plain", "invert")
# What the ID-card reader runs: only the attempts that read codes the plain decode missed. On the bench's
# tuning corpus (seed 1, 30 frames per condition; 15 QR frames zxing-cpp alone missed) `code`/`card` ×
# `sharpen` read 10 of them, everything (with `finder`, `clahe`, `plain`, `invert`) 10 as well, at 6.8 vs
# 13.0 ms median CPU on the frames with no QR at all (MRZ sides, empty desks), where nothing can be read;
# on 316 real QR photos the rescues added no read (issue 13). `finder` stays available to callers.
READER_REGIONS = ("code", "card")
READER_ENHANCEMENTS = ("sharpen",)

_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

# The card's QR corner, as fractions of the card (the QR is 19 mm from the top-right corner, ~0.22 × 0.35
# of the card), with room for a loose card outline.
_CARD_QR_WINDOW = (0.64, 0.0, 1.0, 0.47)
_CARD_RESOLUTION = 1500  # card width in rectified pixels: the QR (~19 mm, 41–45 modules) at ≈ 6 px per module
_CODE_MARGIN = 0.18  # margin around a detected code, fraction of its side
_CODE_SIDE_PX = (180, 560)  # rectified code region side: clamp of 2.5 × the code's side in the frame
_FINDER_UPSCALE = 2.0
_SHARPEN_SIGMA = 3.0  # in rectified pixels: about half a module
_SHARPEN_AMOUNT = 5.0


@dataclass(frozen=True)
class RescuedCode:
    text: str
    quad: Quad  # where the code is, in frame pixels


@dataclass(frozen=True)
class RescueResult:
    codes: tuple[RescuedCode, ...]  # the accepted codes of the first attempt that had one; empty if none
    rescue: str | None  # "<region>+<enhancement>" that worked, e.g. "card+sharpen"; None if none did
    attempts: int  # decodes tried
    elapsed_ms: float
    out_of_time: bool  # stopped by the budget with attempts left

    @property
    def ok(self) -> bool:
        return bool(self.codes)


@dataclass(frozen=True)
class _Region:
    name: str
    image: np.ndarray  # the resampled region, grey
    to_frame: np.ndarray  # 3×3 homography: region pixels → frame pixels


def _homography_region(grey: np.ndarray, src_quad: np.ndarray, size: tuple[int, int], name: str) -> _Region:
    """Resample the frame quadrilateral `src_quad` (TL, TR, BR, BL) into an upright `size` image."""
    w, h = size
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    to_frame = cv2.getPerspectiveTransform(dst, src_quad.astype(np.float32))
    image = cv2.warpPerspective(grey, to_frame, (w, h), flags=cv2.INTER_CUBIC | cv2.WARP_INVERSE_MAP,
                                borderMode=cv2.BORDER_REPLICATE)
    return _Region(name, image, to_frame)


def code_regions(grey: np.ndarray, code_quads: Sequence[Quad]) -> list[_Region]:
    """Each code zxing saw but could not decode, rectified to a square with a margin, ~2.5× upscaled."""
    regions = []
    for quad in code_quads:
        pts = np.array(quad, dtype=np.float32)
        centre = pts.mean(axis=0)
        grown = centre + (pts - centre) * (1 + 2 * _CODE_MARGIN)
        side_in_frame = float(np.mean([np.linalg.norm(grown[i] - grown[(i + 1) % 4]) for i in range(4)]))
        side = int(np.clip(2.5 * side_in_frame, *_CODE_SIDE_PX))
        regions.append(_homography_region(grey, grown, (side, side), "code"))
    return regions


def _long_edge_first(quad: Quad) -> np.ndarray:
    """The card quad starting at a corner whose next edge is a long one (a portrait-held card turned)."""
    pts = np.array(quad, dtype=np.float32)
    if np.linalg.norm(pts[1] - pts[0]) < np.linalg.norm(pts[3] - pts[0]):
        pts = np.roll(pts, 1, axis=0)  # TL, TR, BR, BL of the card turned a quarter
    return pts


def card_regions(grey: np.ndarray, card_quad: Quad) -> list[_Region]:
    """The QR corner of the card upright (top-right), then of the card upside down (its bottom-left)."""
    card = _long_edge_first(card_quad)
    w = _CARD_RESOLUTION
    h = round(w * 54.0 / 85.6)
    card_to_frame = cv2.getPerspectiveTransform(
        np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32), card)
    wx0, wy0, wx1, wy1 = _CARD_QR_WINDOW
    regions = []
    # Upright: the top-right window. Upside down: the same window turned 180°, read from its far corner.
    for (x0, y0, x1, y1), turns in (((wx0, wy0, wx1, wy1), 0), ((1 - wx1, 1 - wy1, 1 - wx0, 1 - wy0), 2)):
        corners = np.array([[x0 * w, y0 * h], [x1 * w, y0 * h], [x1 * w, y1 * h], [x0 * w, y1 * h]],
                           dtype=np.float32)
        corners = np.roll(corners, turns, axis=0)
        src = cv2.perspectiveTransform(corners[None], card_to_frame)[0]
        size = (round((x1 - x0) * w), round((y1 - y0) * h))
        regions.append(_homography_region(grey, src, size, "card"))
    return regions


def find_finder_patterns(grey: np.ndarray, *, max_candidates: int = 40) -> list[tuple[float, float, float]]:
    """QR finder-pattern candidates (centre x, centre y, size in pixels): dark squares inside light rings
    inside dark squares, as contours nested three deep in an adaptive threshold. ~2–4 ms on a 720p frame.

    The threshold's offset (10 grey levels) keeps sensor noise and wood grain out of the contour tree
    (offset 5 gives 20,000 contours and 30 ms on a noisy desk); codes down to ~90 levels of contrast pass.
    """
    binary = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 10)
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    child = tree[:, 2]
    grandchild = np.where(child >= 0, tree[np.maximum(child, 0), 2], -1)
    found: list[tuple[float, float, float]] = []
    for i in np.nonzero(grandchild >= 0)[0].tolist():
        outer_area = cv2.contourArea(contours[i])
        core_area = cv2.contourArea(contours[int(grandchild[i])])
        if outer_area < 36 or core_area <= 0 or not 2.0 <= outer_area / core_area <= 16:
            continue
        (cx, cy), (rw, rh), _ = cv2.minAreaRect(contours[i])
        if min(rw, rh) <= 0 or max(rw, rh) / min(rw, rh) > 1.8 or outer_area / (rw * rh) < 0.6:
            continue
        found.append((float(cx), float(cy), math.sqrt(outer_area)))
    found.sort(key=lambda f: -f[2])
    return found[:max_candidates]


def finder_regions(grey: np.ndarray, finders: Sequence[tuple[float, float, float]]) -> list[_Region]:
    """Up to two code regions from triples of finder patterns of one size, roughly at a right angle."""
    triples: list[tuple[float, tuple[int, int, int]]] = []
    n = len(finders)
    for i in range(n):
        for j in range(i + 1, n):
            for k in range(j + 1, n):
                sizes = [finders[m][2] for m in (i, j, k)]
                if max(sizes) > 1.6 * min(sizes):
                    continue
                pts = np.array([finders[m][:2] for m in (i, j, k)])
                d = sorted(float(np.linalg.norm(pts[a] - pts[b])) for a, b in ((0, 1), (0, 2), (1, 2)))
                size = float(np.mean(sizes))
                # Legs: 2–25 finder sizes (versions 1–40 are 14–170 modules wide); isoceles, right angle.
                if not 2 * size <= d[0] <= 25 * size or d[1] > 1.25 * d[0]:
                    continue
                if abs(d[2] / math.hypot(d[0], d[1]) - 1) > 0.15:
                    continue
                triples.append((abs(d[1] / d[0] - 1) + abs(d[2] / math.hypot(d[0], d[1]) - 1), (i, j, k)))
    triples.sort()
    regions = []
    height, width = grey.shape[:2]
    for _, members in triples[:2]:
        pts = np.array([finders[m][:2] for m in members])
        size = max(finders[m][2] for m in members)
        x0, y0 = np.maximum(pts.min(axis=0) - size, 0).astype(int)
        x1, y1 = np.minimum(pts.max(axis=0) + size * 1.2, (width, height)).astype(int)
        if x1 - x0 < 8 or y1 - y0 < 8:
            continue
        crop = grey[y0:y1, x0:x1]
        image = cv2.resize(crop, None, fx=_FINDER_UPSCALE, fy=_FINDER_UPSCALE, interpolation=cv2.INTER_CUBIC)
        scale = 1 / _FINDER_UPSCALE
        to_frame = np.array([[scale, 0, x0], [0, scale, y0], [0, 0, 1]], dtype=np.float64)
        regions.append(_Region("finder", image, to_frame))
    return regions


# ------------------------------------------------------------------------------------------ enhance


def _sharpen(image: np.ndarray) -> np.ndarray:
    soft = cv2.GaussianBlur(image, (0, 0), _SHARPEN_SIGMA)
    return cv2.addWeighted(image, 1 + _SHARPEN_AMOUNT, soft, -_SHARPEN_AMOUNT, 0)


_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(4, 4))

_ENHANCE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sharpen": _sharpen,
    "plain": lambda image: image,
    "clahe": lambda image: _sharpen(_CLAHE.apply(image)),
    "invert": cv2.bitwise_not,
}


def _text(barcode: Any) -> str:
    try:
        return bytes(barcode.bytes).decode("utf-8")  # the cards' UTF-8, not zxing's charset guess
    except UnicodeDecodeError:
        return str(barcode.text)


def _frame_quad(barcode: Any, to_frame: np.ndarray) -> Quad:
    pos = barcode.position
    pts = np.array([[[p.x, p.y] for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)]],
                   dtype=np.float64)
    return [(float(x), float(y)) for x, y in cv2.perspectiveTransform(pts, to_frame)[0]]


def decode_region(image: np.ndarray) -> list[Any]:
    """zxing-cpp, QR only, valid decodes. The region is upright and dark-on-light by construction."""
    barcodes = zxingcpp.read_barcodes(image, formats=_QR_ONLY, try_rotate=False, try_invert=False)
    return [b for b in barcodes if b.valid]


class QrRescuer:
    """Second tries at a frame's QR within a time budget. Stateless apart from settings; thread-safe."""

    def __init__(self, budget_ms: float = DEFAULT_BUDGET_MS, *, regions: Sequence[str] = REGIONS,
                 enhancements: Sequence[str] = ENHANCEMENTS) -> None:
        if budget_ms < 0:
            raise ValueError("budget_ms must not be negative")
        if set(regions) - set(REGIONS) or set(enhancements) - set(ENHANCEMENTS):
            raise ValueError(f"regions are {REGIONS}, enhancements {ENHANCEMENTS}")
        self.budget_ms = budget_ms
        self.regions = tuple(regions)
        self.enhancements = tuple(enhancements)

    def rescue(self, grey: np.ndarray, *, code_quads: Sequence[Quad] = (), card_quad: Quad | None = None,
               accept: Callable[[str], bool] | None = None,
               start: float | None = None) -> RescueResult:
        """Try the regions and enhancements in order until a decode gives an accepted text.

        grey: the frame, 2-D uint8. code_quads: codes the plain decode saw but could not read. card_quad: a
        located card (see idcard_reader.locate_card). accept: which texts count (default: any). start: a
        `time.thread_time()` value of this thread the budget counts from (default: now).
        """
        begin = time.thread_time() if start is None else start
        slowest = 0.0
        attempts = 0

        def elapsed() -> float:
            return (time.thread_time() - begin) * 1000

        def result(codes: tuple[RescuedCode, ...] = (), rescue: str | None = None,
                   out_of_time: bool = False) -> RescueResult:
            return RescueResult(codes, rescue, attempts, elapsed(), out_of_time)

        if self.budget_ms <= 0:
            return result(out_of_time=True)
        # Enhancement-major: the best enhancement on every region before the next enhancement anywhere.
        found: dict[str, list[_Region]] = {}
        for enhancement in self.enhancements:
            for region_name in self.regions:
                if region_name not in found:
                    if elapsed() + slowest > self.budget_ms:
                        return result(out_of_time=True)
                    step_start = time.thread_time()
                    found[region_name] = self._regions(region_name, grey, code_quads, card_quad)
                    slowest = max(slowest, (time.thread_time() - step_start) * 1000)
                for region in found[region_name]:
                    if elapsed() + slowest > self.budget_ms:
                        return result(out_of_time=True)
                    step_start = time.thread_time()
                    attempts += 1
                    barcodes = decode_region(_ENHANCE[enhancement](region.image))
                    slowest = max(slowest, (time.thread_time() - step_start) * 1000)
                    codes = tuple(RescuedCode(text, _frame_quad(b, region.to_frame))
                                  for b, text in ((b, _text(b)) for b in barcodes)
                                  if accept is None or accept(text))
                    if codes:
                        return result(codes, f"{region.name}+{enhancement}")
        return result()

    @staticmethod
    def _regions(name: str, grey: np.ndarray, code_quads: Sequence[Quad],
                 card_quad: Quad | None) -> list[_Region]:
        if name == "code":
            return code_regions(grey, code_quads)
        if name == "card":
            return card_regions(grey, card_quad) if card_quad is not None else []
        return finder_regions(grey, find_finder_patterns(grey))


__all__ = [
    "DEFAULT_BUDGET_MS",
    "ENHANCEMENTS",
    "READER_ENHANCEMENTS",
    "READER_REGIONS",
    "REGIONS",
    "QrRescuer",
    "RescueResult",
    "RescuedCode",
    "card_regions",
    "code_regions",
    "decode_region",
    "find_finder_patterns",
    "finder_regions",
]
