"""How well a straight side separates paper from what lies beyond it, and where it fits best: the
scoring and fitting under page detection (`page_detect`) and bent sides (`page_bends`), one layer below
both so that neither imports the other. Works on the log image of the shrunk working copy (see
`page_detect`'s docstring, steps 3–4)."""

from __future__ import annotations

import math

import cv2
import numpy as np


def is_convex_quad(points: np.ndarray) -> bool:
    pts = np.asarray(points, dtype=np.float64).reshape(4, 2)
    signs = []
    for i in range(4):
        a, b, c = pts[i], pts[(i + 1) % 4], pts[(i + 2) % 4]
        cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
        signs.append(cross > 0)
    return all(signs) or not any(signs)


def line_through(points: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """A robust line (point, unit direction) through 2-D points."""
    if len(points) < 2:
        return None
    vx, vy, x0, y0 = cv2.fitLine(points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)


def _intersect(l1: tuple[np.ndarray, np.ndarray], l2: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    (p, r), (q, s) = l1, l2
    denom = r[0] * s[1] - r[1] * s[0]
    if abs(denom) < 1e-9:
        return None
    t = ((q[0] - p[0]) * s[1] - (q[1] - p[1]) * s[0]) / denom
    return p + t * r


def lines_to_quad(lines: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray | None:
    corners = []
    for i in range(4):
        point = _intersect(lines[i - 1], lines[i])
        if point is None:
            return None
        corners.append(point)
    return np.array(corners, np.float64)


# Edges are measured on log(BGR): a shadow or a light gradient multiplies all channels, which shifts the
# log image equally on both sides of an edge and leaves the contrast across it unchanged. Contrast compares
# the mean of a band just inside a side with a band just outside it (not two pixels), so a thin printed
# line parallel to the page's edge — a table border, the ruling of a form — cannot pass for the edge.

BAND = (2.0, 3.5, 5.0, 6.5)  # offsets (work pixels) of the samples averaged on each side of a line
LOG_CONTRAST = 0.09  # a change of ~9 % in some channel counts as an edge
LOG_SOFT = 0.15  # contrast c counts c / (c + LOG_SOFT): saturating, so one very strong stretch cannot carry
#                  a side, yet a stronger edge still beats a weaker one nearby
SIDE_SAMPLES = 40


def log_image(small_bgr: np.ndarray) -> np.ndarray:
    return np.log(small_bgr.astype(np.float32) + 6.0)


Frame = tuple[np.ndarray, np.ndarray, np.ndarray, float]  # start, unit direction, outward normal, length


def segment_frame(a: np.ndarray, b: np.ndarray, centre: np.ndarray) -> Frame:
    """The segment a→b's start, direction (unit), normal pointing away from `centre`, and its length."""
    d = b - a
    length = float(np.hypot(*d))
    u = d / max(length, 1e-9)
    normal = np.array([u[1], -u[0]])
    if np.dot(centre - (a + b) / 2, normal) > 0:
        normal = -normal
    return a, u, normal, length


def _side_frame(quad: np.ndarray, i: int) -> Frame:
    """Side i's start, direction (unit) and outward normal, and its length."""
    return segment_frame(quad[i], quad[(i + 1) % 4], quad.mean(axis=0))


def _frames(quad: np.ndarray, frames: list[Frame] | None) -> list[Frame]:
    return frames if frames is not None else [_side_frame(quad, i) for i in range(4)]


def _profiles(feature: np.ndarray, base: np.ndarray, normal: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """feature sampled at base[k] + offsets[j] * normal: (len(base), len(offsets), channels)."""
    xs = base[:, 0:1] + offsets[None, :] * normal[0]
    ys = base[:, 1:2] + offsets[None, :] * normal[1]
    out = cv2.remap(feature, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR,
                    borderMode=cv2.BORDER_REPLICATE)
    return out if out.ndim == 3 else out[:, :, None]


def _band_contrast(profile: np.ndarray, step: float, inner: int) -> np.ndarray:
    """Contrast at every offset index in [inner, len - inner) of profiles sampled every `step` pixels:
    |mean(outside band) - mean(inside band)|, (samples, offsets - 2 * inner)."""
    n = profile.shape[1]
    idx = np.arange(inner, n - inner)
    inside = np.zeros((profile.shape[0], len(idx), profile.shape[2]), np.float32)
    outside = np.zeros_like(inside)
    for s in BAND:
        k = round(s / step)
        inside += profile[:, idx - k]
        outside += profile[:, idx + k]
    diff = (outside - inside) / len(BAND)
    return np.asarray(np.linalg.norm(diff, axis=2))


def side_contrast(feature: np.ndarray, quad: np.ndarray, samples: int = SIDE_SAMPLES,
                  frames: list[Frame] | None = None) -> list[np.ndarray]:
    """For each side (or each of `frames`: the segments of bent sides), the band contrast at `samples`
    points along its middle 84 %."""
    out = []
    t = 0.08 + 0.84 * (np.arange(samples) + 0.5) / samples
    step = 0.5
    inner = round(max(BAND) / step)
    offsets = np.arange(-inner, inner + 1) * step
    for a, u, normal, length in _frames(quad, frames):
        base = a[None, :] + (t * length)[:, None] * u[None, :]
        prof = _profiles(feature, base, normal, offsets)
        out.append(_band_contrast(prof, step, inner)[:, 0])
    return out


MARGIN_BAND = (4.0, 6.0, 8.0)  # work pixels inside a side: the page's blank margin (≥ 15 mm on paper)
MARGIN_CHROMA = 0.09  # log-chroma distance from the paper's that still counts as the same paper
MARGIN_LUMA = 0.06  # log-brightness departure from the margin's running median that is still blank paper


def _chroma(values: np.ndarray) -> np.ndarray:
    """Log chromaticity (log B − log G, log R − log G) of log-BGR values (..., 3) → (..., 2)."""
    return np.stack([values[..., 0] - values[..., 1], values[..., 2] - values[..., 1]], axis=-1)


def paper_chroma(feature: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The page's chromaticity: the median over the brighter half of a grid of points inside the quad
    (the darker half is text, stamps and pictures)."""
    values = _profiles(feature, interior_points(quad, inset=0.14), np.zeros(2), np.zeros(1))[:, 0, :]
    bright = values.sum(axis=1) >= np.median(values.sum(axis=1))
    return np.asarray(np.median(_chroma(values[bright]), axis=0))


def margin_uniformity(feature: np.ndarray, quad: np.ndarray, paper: np.ndarray | None = None,
                      samples: int = SIDE_SAMPLES, frames: list[Frame] | None = None) -> list[float]:
    """For each side, the share of points whose colour just inside it (the page's blank margin) has the
    paper's chromaticity: a quad that swallowed squares of a checked cloth or tiles has their colours
    along its inside."""
    paper = paper_chroma(feature, quad) if paper is None else paper
    out = []
    t = 0.08 + 0.84 * (np.arange(samples) + 0.5) / samples
    for a, u, normal, length in _frames(quad, frames):
        base = a[None, :] + (t * length)[:, None] * u[None, :]
        prof = _profiles(feature, base, normal, -np.array(MARGIN_BAND)).mean(axis=1)  # (samples, 3)
        dev = np.linalg.norm(_chroma(prof) - paper, axis=1)
        # Blank paper is also even in brightness along the margin (a shadow changes it slowly), where wood
        # grain, tiles or a checked cloth alternate.
        lum = prof.mean(axis=1)
        trend = np.asarray(median_filter_1d(lum, 9))
        even = np.abs(lum - trend) < MARGIN_LUMA
        out.append(float(np.mean((dev < MARGIN_CHROMA) & even)))
    return out


def median_filter_1d(values: np.ndarray, size: int) -> np.ndarray:
    """Running median (edges padded by repetition)."""
    half = size // 2
    padded = np.pad(values, half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, size)
    return np.asarray(np.median(windows, axis=1))


PAPER_LIFT = 0.2  # log units the paper must stand above its surroundings for full marks (~22 %)


def interior_points(quad: np.ndarray, n: int = 12, inset: float = 0.1) -> np.ndarray:
    grid = np.linspace(inset, 1 - inset, n)
    pts = []
    for gy in grid:
        left = quad[0] + gy * (quad[3] - quad[0])
        right = quad[1] + gy * (quad[2] - quad[1])
        pts += [left + gx * (right - left) for gx in grid]
    return np.array(pts)


def paper_lift(feature: np.ndarray, quad: np.ndarray, frames: list[Frame] | None = None) -> float:
    """How much brighter (log units) the page's paper is than the ring just outside it: the brighter half
    of points inside against the median of points 6–14 work pixels outside. Paper is the brightest thing
    on a desk; two planks of a table or two tiles are not."""
    values = _profiles(feature, interior_points(quad), np.zeros(2), np.zeros(1))[:, 0, :].mean(axis=1)
    inside = float(np.median(values[values >= np.median(values)]))
    t = 0.05 + 0.9 * (np.arange(SIDE_SAMPLES) + 0.5) / SIDE_SAMPLES
    ring = []
    for a, u, normal, length in _frames(quad, frames):
        base = a[None, :] + (t * length)[:, None] * u[None, :]
        ring.append(_profiles(feature, base, normal, np.array([6.0, 10.0, 14.0])).mean(axis=2).ravel())
    return inside - float(np.median(np.concatenate(ring)))


def side_scores(feature: np.ndarray, quad: np.ndarray, frames: list[Frame] | None = None) -> list[float]:
    """Per side (or per segment of `frames`), 0–1: (share of points on an edge) × (share of points with a
    paper margin), all scaled down when the inside is not clearly brighter than the outside
    (`paper_lift`)."""
    h, w = feature.shape[:2]
    frames = _frames(quad, frames)
    ends = np.array([p for a, u, _n, length in frames for p in (a, a + length * u)])
    if not ((ends[:, 0] >= -2).all() and (ends[:, 1] >= -2).all() and (ends[:, 0] <= w + 2).all()
            and (ends[:, 1] <= h + 2).all()):
        return [0.0] * len(frames)
    edges = [float(np.mean(c > LOG_CONTRAST)) for c in side_contrast(feature, quad, frames=frames)]
    margins = margin_uniformity(feature, quad, frames=frames)
    lift = min(1.0, max(0.0, paper_lift(feature, quad, frames) / PAPER_LIFT))
    return [e * m * lift for e, m in zip(edges, margins, strict=True)]


def quad_score(feature: np.ndarray, quad: np.ndarray) -> float:
    """0–1: the weakest side's score (`side_scores`): a page has four good sides."""
    return min(side_scores(feature, quad))


def side_gain(feature: np.ndarray, frame: Frame, paper: np.ndarray, t: np.ndarray,
              reach: float = 0.1) -> tuple[np.ndarray, int]:
    """For points at fractions `t` along a side (`frame`), how well each offset along its normal (every
    `GAIN_STEP` work pixels, up to `reach` × its length either way) separates paper from not-paper: the
    band contrast across it (saturating), but only where the colour just inside is the paper's and even
    along the side. Returns the gain (points, offsets) and the number of offsets on each side of 0."""
    step = GAIN_STEP
    inner = round(max(BAND) / step)
    margin_idx = [round(m / step) for m in MARGIN_BAND]
    pad = max(inner, max(margin_idx))
    a, u, normal, length = frame
    radius = max(4.0, reach * length)
    n_off = math.ceil(radius / step)
    offsets = np.arange(-(n_off + pad), n_off + pad + 1) * step
    base = a[None, :] + (t * length)[:, None] * u[None, :]
    prof = _profiles(feature, base, normal, offsets)
    raw = _band_contrast(prof, step, pad)  # (samples, 2 n_off + 1): offsets -n_off..n_off
    centre_idx = np.arange(pad, prof.shape[1] - pad)
    inside = np.zeros((len(t), len(centre_idx), 3), np.float32)
    for m in margin_idx:
        inside += prof[:, centre_idx - m]
    inside /= len(margin_idx)
    is_paper = np.linalg.norm(_chroma(inside) - paper, axis=2) < MARGIN_CHROMA
    # ... and even along the side (see margin_uniformity), judged per offset against the neighbours.
    lum = inside.mean(axis=2)
    padded = np.pad(lum, ((4, 4), (0, 0)), mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 9, axis=0)
    even = np.abs(lum - np.median(windows, axis=2)) < MARGIN_LUMA
    return raw / (raw + LOG_SOFT) * (is_paper & even), n_off


GAIN_STEP = 0.5  # work pixels between the offsets `side_gain` tries


def best_line(gain: np.ndarray, t: np.ndarray, n_off: int, *, middle_of_ties: bool = False,
              coarse: int = 2) -> tuple[float, float, float]:
    """The line through the points at fractions `t` with the most mean gain: its offsets (work pixels) at
    the side's start (t = 0) and end (t = 1), and that mean gain. A grid of every `coarse` offsets, then a
    fine pass around its best."""
    rows = np.arange(len(t))
    grid = np.arange(-n_off, n_off + 1, coarse)
    d1, d2 = np.meshgrid(grid, grid, indexing="ij")
    pos = d1[..., None] * (1 - t) + d2[..., None] * t + n_off
    idx = np.clip(np.rint(pos).astype(np.int64), 0, gain.shape[1] - 1)
    score = gain[rows[None, None, :], idx].mean(axis=2)
    j1, j2 = np.unravel_index(int(np.argmax(score)), score.shape)
    # Fine pass: one grid step either way at full offset resolution.
    e1, e2 = np.meshgrid(np.arange(grid[j1] - coarse, grid[j1] + coarse + 1),
                         np.arange(grid[j2] - coarse, grid[j2] + coarse + 1), indexing="ij")
    pos = e1[..., None] * (1 - t) + e2[..., None] * t + n_off
    idx = np.clip(np.rint(pos).astype(np.int64), 0, gain.shape[1] - 1)
    fine = gain[rows[None, None, :], idx].mean(axis=2)
    top = float(fine.max())
    if middle_of_ties:
        # The gain saturates, so lines a pixel or two apart often tie for the best: the middle of the tied
        # ones, not the first (biased towards the inside). Used for the parts of bent sides (page_bends),
        # whose few points leave wider ties; the straight fit keeps the first, as measured on the benches.
        tied = fine >= top - PLATEAU
        return float(e1[tied].mean() * GAIN_STEP), float(e2[tied].mean() * GAIN_STEP), top
    k1, k2 = np.unravel_index(int(np.argmax(fine)), fine.shape)
    return float(e1[k1, k2] * GAIN_STEP), float(e2[k1, k2] * GAIN_STEP), top


PLATEAU = 0.005  # mean gains this close to the best count as tied


def line_at(frame: Frame, start_offset: float, end_offset: float) -> tuple[np.ndarray, np.ndarray]:
    """The line (point, unit direction) through the side's start and end moved along its normal."""
    a, u, normal, length = frame
    start = a + start_offset * normal
    end = a + length * u + end_offset * normal
    return start, (end - start) / max(1e-9, float(np.linalg.norm(end - start)))


def optimise_sides(feature: np.ndarray, quad: np.ndarray, reach: float = 0.1) -> np.ndarray | None:
    """Move each side (both of its ends independently, up to `reach` × its length along its normal) to
    where it best separates paper from not-paper (`side_gain`)."""
    paper = paper_chroma(feature, quad)
    t = 0.08 + 0.84 * (np.arange(SIDE_SAMPLES) + 0.5) / SIDE_SAMPLES
    lines = []
    for i in range(4):
        frame = _side_frame(quad, i)
        gain, n_off = side_gain(feature, frame, paper, t, reach)
        d1, d2, _ = best_line(gain, t, n_off)
        lines.append(line_at(frame, d1, d2))
    moved = lines_to_quad(lines)
    if moved is None or not is_convex_quad(moved):
        return None
    return moved
