"""Sides bent once, at a fold or a crease: a page's corners from the parts of its sides next to them.

A sheet folded in halves or quarters and opened again, or creased across, does not lie flat: where the fold
meets the sheet's edge, the edge kinks (the halves tilt differently towards the camera, or one half slid).
Its outline is then not a quadrilateral but one whose sides are each made of two straight parts. A single
straight line per side — what `page_detect.optimise_sides` fits — follows the longer or stronger part and
misses the far corner: measured on the real photos, a page folded in four (all four sides kinked at the
middle) scored below `MIN_SCORE` (no page found, IoU 0.83 with the whole image), a creased magazine page's
corner landed 45 px inside the page (IoU 0.940), a sheet whose lower half slid sideways at its fold was cut
along the upper half's edge (0.941).

`bend_sides` fits each side again as two straight parts, split at 40, 50 or 60 % of its length (folds run
across the middle; creases anywhere near it), with the same paper-edge gain as the straight fit
(`side_gain`). A side is taken as bent only when the two parts together separate paper from desk clearly
better than the straight line (`BEND_GAIN` more of the points on a paper edge), the kink is at least
`MIN_BEND` work pixels off the straight line, and the parts meet at an angle under `MAX_BEND_DEG` near the
split — a straight side gains nothing and keeps its line, so flat pages are untouched. The corners are where
the parts next to them meet, and each bent side is scored part by part (`page_detect.side_scores` with
frames), so a folded page is no longer judged by chords that cross the desk at its kinks.

A curled (bowed) side is fitted the same way: two chords of the bow meet the neighbouring sides near the
real corners, where one tangent line reached the desk beyond them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kiosk.capture.page_sides import (
    GAIN_STEP,
    Frame,
    best_line,
    is_convex_quad,
    line_at,
    paper_chroma,
    segment_frame,
    side_gain,
    side_scores,
)

BEND_SPLITS = (0.4, 0.5, 0.6)  # where along a side a fold may cross it (fractions of its length)
BEND_SAMPLES = 48  # points along a side (its middle 92 %)
BEND_GAIN = 0.08  # the two parts must put this much more (mean gain, 0–1) of the side on a paper edge
MIN_BEND = 1.5  # work pixels: a kink smaller than this is noise (and changes no corner that matters)
MAX_BEND_DEG = 25.0  # a fold tilts the edge by a few degrees to ~20°, not more
PART_GRID = 4  # offsets between the parts' coarse candidates (2 pixels): a part moves its side a few %
KINK_WITHIN = 0.2  # the parts must meet within this fraction of the side's length of the split


@dataclass(frozen=True)
class BentQuad:
    """The corners (work pixels, same order as the quad given), the segments scored (one per straight
    side, two per bent one), each side's score (a bent side's is the mean of its parts'), and which sides
    are bent."""

    corners: np.ndarray
    frames: list[Frame]
    scores: list[float]
    bent: tuple[bool, ...]


Line = tuple[np.ndarray, np.ndarray]


def _intersect(l1: Line, l2: Line) -> np.ndarray | None:
    (p, r), (q, s) = l1, l2
    denom = r[0] * s[1] - r[1] * s[0]
    if abs(denom) < 1e-9:
        return None
    t = ((q[0] - p[0]) * s[1] - (q[1] - p[1]) * s[0]) / denom
    return np.asarray(p + t * r, np.float64)


def _gain_along(gain: np.ndarray, t: np.ndarray, n_off: int, d1: float, d2: float) -> np.ndarray:
    """Per point, the gain of the line with end offsets d1, d2 (work pixels)."""
    pos = (d1 * (1 - t) + d2 * t) / GAIN_STEP + n_off
    idx = np.clip(np.rint(pos).astype(np.int64), 0, gain.shape[1] - 1)
    return np.asarray(gain[np.arange(len(t)), idx])


def _bend_one(feature: np.ndarray, frame: Frame, paper: np.ndarray,
              t: np.ndarray) -> tuple[Line, Line] | None:
    """The side as two straight parts (first, second), or None when it is straight enough."""
    gain, n_off = side_gain(feature, frame, paper, t)
    d1, d2, _ = best_line(gain, t, n_off)
    straight = _gain_along(gain, t, n_off, d1, d2)
    _a, _u, _normal, length = frame
    best: tuple[float, Line, Line] | None = None
    for split in BEND_SPLITS:
        first = t < split
        second = ~first
        a1, b1, _ = best_line(gain[first], t[first], n_off, middle_of_ties=True, coarse=PART_GRID)
        a2, b2, _ = best_line(gain[second], t[second], n_off, middle_of_ties=True, coarse=PART_GRID)
        bent = np.concatenate([_gain_along(gain[first], t[first], n_off, a1, b1),
                               _gain_along(gain[second], t[second], n_off, a2, b2)])
        improvement = float(bent.mean() - straight.mean())
        if improvement < BEND_GAIN:
            continue
        # How far the parts' ends are from the straight line at the side's ends: a bend that moves no
        # corner is not worth the extra freedom.
        if max(abs(a1 - d1), abs(b2 - d2)) < MIN_BEND:
            continue
        first_line, second_line = line_at(frame, a1, b1), line_at(frame, a2, b2)
        cos = abs(float(np.dot(first_line[1], second_line[1])))
        if cos < math.cos(math.radians(MAX_BEND_DEG)):
            continue
        kink = _intersect(first_line, second_line)
        if kink is not None:
            along = float(np.dot(kink - frame[0], frame[1])) / max(1e-9, length)
            if abs(along - split) > KINK_WITHIN:
                continue
        if best is None or improvement > best[0]:
            best = (improvement, first_line, second_line)
    return None if best is None else (best[1], best[2])


def bend_sides(feature: np.ndarray, quad: np.ndarray) -> BentQuad | None:
    """The quad (work pixels, clockwise) with its sides that are bent at a fold fitted as two parts, or
    None when no side is bent (or the bent outline is not a sensible page)."""
    quad = np.asarray(quad, np.float64)
    paper = paper_chroma(feature, quad)
    t = 0.04 + 0.92 * (np.arange(BEND_SAMPLES) + 0.5) / BEND_SAMPLES
    centre = quad.mean(axis=0)
    parts: list[tuple[Line, Line] | None] = []
    for i in range(4):
        frame = segment_frame(quad[i], quad[(i + 1) % 4], centre)
        parts.append(_bend_one(feature, frame, paper, t))
    if not any(p is not None for p in parts):
        return None
    lines: list[tuple[Line, Line]] = []
    for i in range(4):
        bent = parts[i]
        if bent is None:
            frame = segment_frame(quad[i], quad[(i + 1) % 4], centre)
            straight = line_at(frame, 0.0, 0.0)
            lines.append((straight, straight))
        else:
            lines.append(bent)
    corners = []
    for i in range(4):
        # The previous side's end part meets this side's start part.
        corner = _intersect(lines[i - 1][1], lines[i][0])
        if corner is None:
            return None
        corners.append(corner)
    outer = np.array(corners, np.float64)
    if not is_convex_quad(outer):
        return None
    centre = outer.mean(axis=0)
    frames: list[Frame] = []
    owners: list[int] = []
    for i in range(4):
        a, b = outer[i], outer[(i + 1) % 4]
        kink = _intersect(lines[i][0], lines[i][1]) if parts[i] is not None else None
        if kink is None:
            frames.append(segment_frame(a, b, centre))
            owners.append(i)
        else:
            frames += [segment_frame(a, kink, centre), segment_frame(kink, b, centre)]
            owners += [i, i]
    segment = side_scores(feature, outer, frames)
    scores = [float(np.mean([s for s, o in zip(segment, owners, strict=True) if o == i])) for i in range(4)]
    return BentQuad(outer, frames, scores, tuple(p is not None for p in parts))


__all__ = ["BEND_GAIN", "BentQuad", "bend_sides"]
