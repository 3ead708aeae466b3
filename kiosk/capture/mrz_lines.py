"""Finding the machine-readable zone in a frame: dark text lines as rotated boxes (pieces of one line
joined), then triples or pairs of parallel, equally long, evenly spaced lines that look like an MRZ. The
first step of `kiosk.capture.mrz_reader`; nothing here reads a character."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

MAX_LINES: Final = 16  # longest text lines considered when looking for the MRZ's three


@dataclass(frozen=True)
class LineBox:
    """One text line found in the work image: a rotated rectangle along the line."""

    centre: np.ndarray  # (2,) work pixels
    direction: np.ndarray  # (2,) unit vector along the line, pointing right (x > 0)
    length: float
    height: float

    @property
    def normal(self) -> np.ndarray:
        return np.array([-self.direction[1], self.direction[0]])  # pointing down in the image

    def corners(self, pad_along: float = 0, pad_across: float = 0) -> np.ndarray:
        u = self.direction * (self.length / 2 + pad_along)
        v = self.normal * (self.height / 2 + pad_across)
        c = self.centre
        return np.array([c - u - v, c + u - v, c + u + v, c - u + v], dtype=np.float64)


def _text_mask(work: np.ndarray, strict: float = 1.0) -> np.ndarray:
    """Dark text (black-hat, thresholded), closed along the rows so that a text line is one blob. `strict`
    multiplies the threshold (a passport's background print, thresholded as ink, runs into its lines)."""
    blackhat = cv2.morphologyEx(work, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 9)))
    threshold, _ = cv2.threshold(blackhat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, ink = cv2.threshold(blackhat, max(threshold, 18) * strict, 255, cv2.THRESH_BINARY)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (13, 3))
    out: np.ndarray = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    return out


def line_boxes(work: np.ndarray, retrieval: int = cv2.RETR_EXTERNAL, strict: float = 1.0) -> list[LineBox]:
    """Text lines of dark text in the (downscaled) image: long thin blobs, collinear fragments merged.
    `cv2.RETR_LIST` also finds lines inside a closed outline (a passport page's printed border)."""
    width = work.shape[1]
    contours, _ = cv2.findContours(_text_mask(work, strict), retrieval, cv2.CHAIN_APPROX_SIMPLE)
    fragments: list[LineBox] = []
    for contour in contours:
        if len(contour) < 5:
            continue
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if w < h:
            w, h, angle = h, w, angle + 90
        if h < 3 or h > 0.1 * work.shape[0] or w > 0.98 * width:
            continue
        if w < 2.5 * h:
            # A glyph or two (a short surname before `<<`): no reliable direction of its own; it can only
            # join a longer line, along that line's direction.
            side = math.sqrt(w * h)
            fragments.append(LineBox(np.array([cx, cy]), np.array([1.0, 0.0]), side, side))
            continue
        theta = math.radians(angle)
        direction = np.array([math.cos(theta), math.sin(theta)])
        if direction[0] < 0:
            direction = -direction
        if abs(direction[1]) > math.sin(math.radians(35)):
            continue
        fragments.append(LineBox(np.array([cx, cy]), direction, float(w), float(h)))
    lines = _merge_fragments(fragments)
    return [b for b in lines if b.length >= 0.18 * width and b.length >= 8 * b.height]


def _merge_fragments(boxes: list[LineBox]) -> list[LineBox]:
    """Join pieces of one text line that the closing left apart (wide gaps such as `1` next to `<`).

    After each join the scan starts again from the longest box (a grown line may now reach a piece it
    could not before). A pair of boxes that did not join is remembered by their serial numbers and not
    tested again while both are unchanged: `_joinable` depends on the two boxes only, so the result is the
    same as testing every pair again, without the cubic cost (a page of text held up to the card camera
    has ~50 pieces: 30–80 ms a frame before)."""
    boxes = sorted(boxes, key=lambda b: -b.length)
    serials = list(range(len(boxes)))
    next_serial = len(boxes)
    apart: set[tuple[int, int]] = set()
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                pair = (serials[i], serials[j])
                if pair in apart:
                    continue
                b = boxes[j]
                if _joinable(a, b):
                    boxes[i] = _join(a, b)
                    serials[i] = next_serial
                    next_serial += 1
                    del boxes[j]
                    del serials[j]
                    merged = True
                    break
                apart.add(pair)
            if merged:
                break
    return boxes


def _joinable(a: LineBox, b: LineBox) -> bool:
    """b continues a: centred on a's line, about as tall, close along it."""
    if a.length < 2.5 * a.height:
        return False  # a short piece has no direction to extend along
    # Cheap necessary conditions first, in plain floats: the corners' mean offset across a's line is the
    # centres' offset, and no corner of b lies farther along than b's half-diagonal from its centre.
    dx, dy = float(b.centre[0] - a.centre[0]), float(b.centre[1] - a.centre[1])
    ux, uy = float(a.direction[0]), float(a.direction[1])
    slack = 1e-6 * (1.0 + a.length + b.length)
    if abs(-uy * dx + ux * dy) > 0.35 * a.height + slack:
        return False
    reach = a.length / 2 + math.hypot(b.length / 2, b.height / 2) + 2.0 * a.height
    if abs(ux * dx + uy * dy) >= reach + slack:
        return False
    rel = b.corners() - a.centre
    across = rel @ a.normal
    along = rel @ a.direction
    if abs(float(across.mean())) > 0.35 * a.height or float(np.ptp(across)) > 1.6 * a.height:
        return False
    if float(np.ptp(across)) < 0.4 * a.height:
        return False
    gap = max(float(along.min()) - a.length / 2, -a.length / 2 - float(along.max()))
    return gap < 2.0 * a.height


def _join(a: LineBox, b: LineBox) -> LineBox:
    along = [-a.length / 2, a.length / 2, *((b.corners() - a.centre) @ a.direction)]
    lo, hi = min(along), max(along)
    offset = float((b.centre - a.centre) @ a.normal) * b.length / (a.length + b.length)
    centre = a.centre + a.direction * (lo + hi) / 2 + a.normal * offset
    return LineBox(centre, a.direction, hi - lo, a.height)


def mrz_triples(boxes: Sequence[LineBox]) -> list[tuple[LineBox, LineBox, LineBox]]:
    """Triples of lines that look like an MRZ (parallel, equally long, evenly spaced), best first."""
    scored: list[tuple[float, tuple[LineBox, LineBox, LineBox]]] = []
    longest = sorted(boxes, key=lambda b: -b.length)[:MAX_LINES]  # a page of text must not cost seconds
    for triple in itertools.combinations(longest, 3):
        if min(b.length for b in triple) < 0.8 * max(b.length for b in triple):
            continue
        ref = max(triple, key=lambda b: b.length)
        offsets = [float(np.dot(b.centre - ref.centre, ref.normal)) for b in triple]
        ordered = [b for _, b in sorted(zip(offsets, triple, strict=True), key=lambda t: t[0])]
        offs = sorted(offsets)
        lengths = [b.length for b in ordered]
        heights = [b.height for b in ordered]
        gap1, gap2 = offs[1] - offs[0], offs[2] - offs[1]
        mean_h = float(np.median(heights))
        if min(lengths) < 0.8 * max(lengths):
            continue
        # Line pitch over glyph height: ~1.5 on the card (4 mm lines, 2.4 mm capitals plus blur).
        if min(gap1, gap2) < 1.1 * mean_h or max(gap1, gap2) > 2.3 * mean_h:
            continue
        if abs(gap1 - gap2) > 0.25 * max(gap1, gap2):
            continue
        if any(abs(float(np.dot(b.direction, ref.normal))) > math.sin(math.radians(4)) for b in ordered):
            continue
        along = [float(np.dot(b.centre - ref.centre, ref.direction)) for b in ordered]
        if max(along) - min(along) > 0.12 * ref.length:
            continue
        if ref.length / mean_h < 18:  # 30 characters: ~28 times as long as high
            continue
        aligned = _aligned(ordered, ref)
        scored.append((sum(lengths), (aligned[0], aligned[1], aligned[2])))
    scored.sort(key=lambda t: -t[0])
    return [t for _, t in scored]


def _aligned(ordered: Sequence[LineBox], ref: LineBox) -> tuple[LineBox, ...]:
    """The lines of one MRZ start and end in the same columns: each gets the union of their extents (a
    line whose first glyphs merged with something else, such as the card's edge, gets them back)."""
    ends = [float((c - ref.centre) @ ref.direction) for b in ordered for c in b.corners()]
    lo, hi = min(ends), max(ends)
    return tuple(LineBox(ref.centre + ref.direction * (lo + hi) / 2
                         + ref.normal * float((b.centre - ref.centre) @ ref.normal),
                         ref.direction, hi - lo, b.height) for b in ordered)


def mrz_blocks(boxes: Sequence[LineBox], count: int) -> list[tuple[LineBox, ...]]:
    """Blocks of `count` lines that look like an MRZ (parallel, equally long, evenly spaced), best first:
    two lines of a passport's TD3, three of an ID card's TD1. Line pitch up to 3 glyph heights (passports
    space their two lines wider than the Vietnamese card does)."""
    scored: list[tuple[float, tuple[LineBox, ...]]] = []
    longest = sorted(boxes, key=lambda b: -b.length)[:MAX_LINES]
    for group in itertools.combinations(longest, count):
        ref = max(group, key=lambda b: b.length)
        if min(b.length for b in group) < 0.8 * ref.length:
            continue
        offsets = [float(np.dot(b.centre - ref.centre, ref.normal)) for b in group]
        ordered = [b for _, b in sorted(zip(offsets, group, strict=True), key=lambda t: t[0])]
        offs = sorted(offsets)
        gaps = np.diff(offs)
        mean_h = float(np.median([b.height for b in ordered]))
        if gaps.min() < 1.1 * mean_h or gaps.max() > 3.0 * mean_h:
            continue
        if gaps.max() - gaps.min() > 0.25 * gaps.max():
            continue
        if any(abs(float(np.dot(b.direction, ref.normal))) > math.sin(math.radians(4)) for b in ordered):
            continue
        along = [float(np.dot(b.centre - ref.centre, ref.direction)) for b in ordered]
        if max(along) - min(along) > 0.12 * ref.length or ref.length / mean_h < 18:
            continue
        scored.append((sum(b.length for b in group) / count, _aligned(ordered, ref)))
    scored.sort(key=lambda t: -t[0])
    return [t for _, t in scored]
