"""Find a paper page in a photo: its four corners, clockwise from the top-left, in source pixels.

A plain Canny + largest-contour detector (`detect_page_canny`, kept as the bench's baseline) breaks as soon
as the background has edges of its own (wood grain, tiles, a checked cloth), the page's border is weak (a
white page on a light desk) or a shadow crosses it. This one:

1. Works on a copy shrunk to `WORK_SIZE` pixels on its longest side, slightly blurred (text and sensor
   noise melt into the paper, edges stay), and on its log image: a shadow or a light gradient multiplies
   the channels, so in log space it shifts both sides of an edge alike and the contrast across it stays.
2. Segments page from background several ways, cheapest first, stopping as soon as a candidate scores
   `GOOD_ENOUGH`:
   - *background model*: the colours of the image's border strip (k-means in Lab) are background;
     pixels far from all of them are page (whatever colour the surface is);
   - *paper*: bright and unsaturated (Otsu), and a stricter cut for surfaces with near-white parts;
   - *watershed* on the log image from each mask's core and the border: the floods meet on the page's
     edge, and grow through a shadow (a slope, not a ridge);
   - *opened* masks: squares of a checked cloth or tiles stuck to the page cut off;
   - *GrabCut* seeded by the first masks, on a 240-pixel copy (the slow, careful one).
   Each mask is cleaned (opening, closing, the component nearest the centre, holes filled).
3. Fits a quadrilateral to each mask's outline (hull → four vertices → each side refit through the
   outline points along it), then moves each side, both ends independently, to where it best separates
   paper from not-paper (`optimise_sides`).
4. Scores each quadrilateral by its *weakest* side (`side_scores`): the share of points along it that sit on
   an edge (band contrast in the log image: a thin printed line cannot pass for the edge) times the share
   whose margin just inside is blank paper (the paper's chromaticity, even brightness: wood grain, tiles and
   checks alternate), all scaled by how much brighter the inside is than the ring outside (`paper_lift`).
   A candidate whose sides are not all perfect is also tried with each side bent once, at a fold or a
   crease (`page_bends`): two straight parts, the corners where the parts next to them meet.
5. Refines the winner at full resolution (`refine_corners`): along each side the strongest colour step
   within a few pixels, sub-pixel, and a RANSAC line through the steps that agree (a bent side keeps its
   fitted corners: one line along it would lock onto one of its parts).

`detect_page` returns None when no candidate scores `MIN_SCORE`; callers then use the whole image and say
so. Measured on the synthetic corpus (`kiosk bench docscan`): corners within ~2 px at 8–13 MP.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.capture.page_sides import (
    interior_points,
    is_convex_quad,
    line_through,
    lines_to_quad,
    log_image,
    margin_uniformity,
    optimise_sides,
    quad_score,
    side_scores,
)

WORK_SIZE = 640  # longest side of the working copy, pixels
MIN_AREA = 0.08  # smallest page, as a fraction of the image
MAX_AREA = 0.985  # larger than this is "the whole image" (a scan, or a page filling the frame)
MIN_SCORE = 0.5  # below this no candidate is trusted
BORDER = 0.025  # border strip width (fraction of the shorter side) that models the background


@dataclass(frozen=True)
class PageDetection:
    """A page found in an image. `corners` are float32 (4, 2), clockwise from the top-left, in source
    pixels; `score` 0–1 is the weakest side's score (`side_scores`); `method` names the candidate mask
    that won (for the bench and the logs)."""

    corners: np.ndarray
    score: float
    method: str


# ---------------------------------------------------------------------------------------- geometry


def order_corners(points: np.ndarray) -> np.ndarray:
    """Four points clockwise (image coordinates, y down), starting from the top-left one (smallest x + y)."""
    pts = np.asarray(points, dtype=np.float64).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # increasing angle with y down = clockwise on screen
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0).astype(np.float32)


def polygon_area(points: np.ndarray) -> float:
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    x, y = pts[:, 0], pts[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def quad_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two convex quadrilaterals (any vertex order)."""
    pa = order_corners(a).astype(np.float32)
    pb = order_corners(b).astype(np.float32)
    inter, _ = cv2.intersectConvexConvex(pa, pb)
    union = polygon_area(pa) + polygon_area(pb) - inter
    return float(inter / union) if union > 0 else 0.0


# ----------------------------------------------------------------------------------------- masks


def _clean_mask(mask: np.ndarray) -> np.ndarray | None:
    """Opening and closing, the biggest component near the centre, holes filled; None if nothing sensible."""
    h, w = mask.shape
    k = max(3, round(min(h, w) / 90)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    big = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3 * k, 3 * k))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, big)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=4)
    if count <= 1:
        return None
    best, best_value = 0, 0.0
    diag = math.hypot(w, h)
    for label in range(1, count):
        area = stats[label, cv2.CC_STAT_AREA]
        if area < MIN_AREA * h * w * 0.5:
            continue
        cx, cy = centroids[label]
        closeness = 1 - math.hypot(cx - w / 2, cy - h / 2) / diag
        value = area * closeness
        if value > best_value:
            best, best_value = label, value
    if best == 0:
        return None
    component = np.where(labels == best, 255, 0).astype(np.uint8)
    # Fill holes: everything not reachable from outside the component is inside it.
    contours, _ = cv2.findContours(component, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(component)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    return filled


def _background_mask(lab: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
    """Page = far from every colour of the image border (k-means of the border strip in Lab)."""
    h, w = lab.shape[:2]
    b = max(3, round(BORDER * min(h, w)))
    strip = np.concatenate([lab[:b].reshape(-1, 3), lab[-b:].reshape(-1, 3), lab[:, :b].reshape(-1, 3),
                            lab[:, -b:].reshape(-1, 3)])
    if len(strip) > 6000:
        strip = strip[rng.choice(len(strip), 6000, replace=False)]
    weights = np.array([0.6, 1.0, 1.0], np.float32)  # lightness varies with shading: weigh it less
    samples = (strip * weights).astype(np.float32)
    k = 4
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(1)
    labels = np.zeros((len(samples), 1), np.int32)
    _, _, centres = cv2.kmeans(samples, k, labels, criteria, 2, cv2.KMEANS_PP_CENTERS)
    pixels = (lab * weights).reshape(-1, 3)
    dist = np.full(len(pixels), np.inf, np.float32)
    for centre in centres:
        dist = np.minimum(dist, np.linalg.norm(pixels - centre, axis=1))
    dist_img = dist.reshape(h, w)
    # Ignore the border itself when choosing the threshold; a page touching the border is rare.
    scaled = np.clip(dist_img * (255.0 / max(1.0, float(np.percentile(dist_img, 99.5)))), 0, 255)
    scaled8 = scaled.astype(np.uint8)
    threshold, _ = cv2.threshold(scaled8[b:-b, b:-b], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = np.where(scaled8 > max(threshold, 20), 255, 0).astype(np.uint8)
    return _clean_mask(mask)


def _paper_masks(lab: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Page = bright and grey-ish (lightness minus 1.5 × chroma), cut at Otsu's threshold and, for
    backgrounds with near-white parts (a checked cloth, grout), also halfway between it and the top."""
    lightness = lab[:, :, 0]
    chroma = np.hypot(lab[:, :, 1], lab[:, :, 2])
    score = lightness - 1.5 * chroma
    lo, hi = np.percentile(score, (1, 99.5))
    scaled8 = np.clip((score - lo) * (255.0 / max(1e-3, hi - lo)), 0, 255).astype(np.uint8)
    otsu, mask = cv2.threshold(scaled8, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    out = []
    cleaned = _clean_mask(mask)
    if cleaned is not None:
        out.append(("paper", cleaned))
    high = (otsu + float(np.percentile(scaled8, 99))) / 2
    strict = _clean_mask(np.where(scaled8 > high, 255, 0).astype(np.uint8))
    if strict is not None:
        out.append(("paper-strict", strict))
    return out


GRABCUT_SIZE = 240  # GrabCut is slow (seconds at 640 px); its mask only seeds the side optimisation


def _grabcut_mask(bgr: np.ndarray, seeds: list[np.ndarray]) -> np.ndarray | None:
    """GrabCut seeded by the other masks: their intersection (eroded) is sure page, outside their union
    (dilated) sure background, the rest undecided. Run on a copy of at most `GRABCUT_SIZE` pixels."""
    full_h, full_w = bgr.shape[:2]
    shrink = min(1.0, GRABCUT_SIZE / max(full_h, full_w))
    if shrink < 1:
        size = (max(8, round(full_w * shrink)), max(8, round(full_h * shrink)))
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
        seeds = [cv2.resize(s, size, interpolation=cv2.INTER_NEAREST) for s in seeds]
    h, w = bgr.shape[:2]
    union: np.ndarray = np.zeros((h, w), np.uint8)
    inter: np.ndarray = np.full((h, w), 255, np.uint8)
    for seed in seeds:
        union = cv2.bitwise_or(union, seed)
        inter = cv2.bitwise_and(inter, seed)
    k = max(3, round(min(h, w) / 25)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    sure_fg = cv2.erode(inter, kernel)
    maybe = cv2.dilate(union, kernel)
    if not sure_fg.any():
        return None
    gc = np.full((h, w), cv2.GC_BGD, np.uint8)
    gc[maybe > 0] = cv2.GC_PR_BGD
    gc[union > 0] = cv2.GC_PR_FGD
    gc[sure_fg > 0] = cv2.GC_FGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    try:
        cv2.grabCut(bgr, gc, (0, 0, w, h), bgd, fgd, 3, cv2.GC_INIT_WITH_MASK)  # rect unused with a mask
    except cv2.error:
        return None
    mask = np.where((gc == cv2.GC_FGD) | (gc == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    if shrink < 1:
        full = cv2.resize(mask, (full_w, full_h), interpolation=cv2.INTER_LINEAR)
        mask = np.where(full >= 128, 255, 0).astype(np.uint8)
    return _clean_mask(mask)


def _watershed_mask(feature: np.ndarray, seed: np.ndarray) -> np.ndarray | None:
    """Grow a page mask by watershed on the log image: the seed's core is page, the border strip is
    background, and the two floods meet on the strongest ridge between them — the page's edge. A shadow
    across the page is a gentle slope in the log image, not a ridge, so the page grows through it."""
    h, w = seed.shape
    k = max(3, round(min(h, w) / 12)) | 1
    core = cv2.erode(seed, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    if not core.any():
        return None
    markers = np.zeros((h, w), np.int32)
    b = max(3, round(0.02 * min(h, w)))
    markers[:b, :] = 1
    markers[-b:, :] = 1
    markers[:, :b] = 1
    markers[:, -b:] = 1
    markers[core > 0] = 2
    lo, hi = float(feature.min()), float(feature.max())
    img = np.clip((feature - lo) * (255 / max(hi - lo, 1e-6)), 0, 255).astype(np.uint8)
    cv2.watershed(img, markers)
    return _clean_mask(np.where(markers == 2, 255, 0).astype(np.uint8))


def _opened(mask: np.ndarray) -> np.ndarray | None:
    """The mask without bumps: an opening wide enough to cut off squares of a checked cloth or tiles that
    touch the page (the page's corners get rounded, but sides are refit away from the corners)."""
    _x, _y, w, h = cv2.boundingRect(mask)
    k = max(5, round(0.09 * min(w, h))) | 1
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    return _clean_mask(opened) if opened.any() else None


# ------------------------------------------------------------------------------------ quad fitting


def _quad_from_mask(mask: np.ndarray) -> np.ndarray | None:
    """Four corners fitted to a mask's outline (work pixels), or None."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    approx = None
    for fraction in (0.01, 0.02, 0.03, 0.045, 0.06, 0.08, 0.1):
        candidate = cv2.approxPolyDP(hull, fraction * perimeter, True)
        if len(candidate) == 4:
            approx = candidate.reshape(4, 2).astype(np.float64)
            break
        if len(candidate) < 4:
            break
    if approx is None:
        approx = _four_of_hull(hull.reshape(-1, 2).astype(np.float64))
        if approx is None:
            return None
    approx = order_corners(approx).astype(np.float64)
    points = contour.reshape(-1, 2).astype(np.float64)
    refined = _refit_sides(approx, points, tolerance=max(2.0, 0.012 * perimeter))
    return refined if refined is not None else approx


OFF_PAGE = 0.015  # a fitted corner this far (fraction of the diagonal) outside its mask is not on the page
DESK_DARKER = 1.0  # log units darker than the paper: the fitted corner sits on the desk, not on paper
MAX_CORNER_MOVE = 0.05  # fraction of the diagonal: a curl moves a corner less (~2 %); a dog-ear more


def _corners_on_the_page(quad: np.ndarray, mask: np.ndarray, feature: np.ndarray) -> np.ndarray:
    """A curled or bowed side is not straight: the straight line that best separates paper from desk along
    it is tangent to the bulge, and its ends — the fitted corners — land on the desk beyond the page's real
    corners (a curled page of the real set: its top-right corner 100 px out). Such a corner moves to the
    mask's outline point furthest in its direction (the paper's own corner) — only when it is clearly on
    the desk (much darker than the paper: a mask that missed a shadowed corner of paper keeps its fitted
    corner) and the mask there is not cut by the frame (a page running out of view)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return quad
    outline = max(contours, key=cv2.contourArea).reshape(-1, 2).astype(np.float64)
    h, w = mask.shape
    limit = OFF_PAGE * math.hypot(h, w)
    lum = feature.mean(axis=2) if feature.ndim == 3 else feature
    inside = interior_points(quad, 8)
    xi = np.clip(inside[:, 0].round().astype(int), 0, w - 1)
    yi = np.clip(inside[:, 1].round().astype(int), 0, h - 1)
    paper = float(np.median(lum[yi, xi]))
    centre = quad.mean(axis=0)
    moved = quad.copy()
    for i, corner in enumerate(quad):
        distances = np.linalg.norm(outline - corner, axis=1)
        nearest = outline[int(np.argmin(distances))]
        if float(distances.min()) <= limit or not (2 <= nearest[0] <= w - 3 and 2 <= nearest[1] <= h - 3):
            continue
        direction = corner - centre
        direction /= max(1e-9, float(np.linalg.norm(direction)))
        probe = corner - 3 * direction
        x, y = round(float(probe[0])), round(float(probe[1]))
        if not (0 <= x < w and 0 <= y < h) or paper - float(lum[y, x]) < DESK_DARKER:
            continue
        tip = outline[int(np.argmax((outline - centre) @ direction))]
        if float(np.linalg.norm(tip - corner)) > MAX_CORNER_MOVE * math.hypot(h, w):
            # Not a curl: a corner folded over (a dog-ear) cuts off a triangle much larger than a curl
            # rounds off, and the paper's extreme point is then the fold's end, not a corner. The page's
            # corner is where its sides meet, as fitted (a real photo: moving it cost IoU 0.984 → 0.817).
            continue
        moved[i] = tip
    return moved if is_convex_quad(moved) else quad


def _four_of_hull(hull: np.ndarray) -> np.ndarray | None:
    """Four hull vertices enclosing a large area (greedy: drop the vertex whose removal costs least)."""
    pts = list(hull)
    if len(pts) < 4:
        return None
    while len(pts) > 4:
        costs = []
        for i in range(len(pts)):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            costs.append(abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])))
        pts.pop(int(np.argmin(costs)))
    return np.array(pts, np.float64)


def _refit_sides(quad: np.ndarray, points: np.ndarray, tolerance: float) -> np.ndarray | None:
    """Refit each side as a robust line through the outline points near its middle part."""
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = b - a
        length = float(np.hypot(*d))
        if length < 1:
            return None
        u = d / length
        rel = points - a
        along = rel @ u
        across = np.abs(rel[:, 0] * u[1] - rel[:, 1] * u[0])
        near = points[(along > 0.12 * length) & (along < 0.88 * length) & (across < tolerance)]
        if len(near) < 8:
            lines.append((a, u))
            continue
        line = line_through(near)
        lines.append(line if line is not None else (a, u))
    quad_new = lines_to_quad(lines)
    if quad_new is None or not is_convex_quad(quad_new):
        return None
    return quad_new


# --------------------------------------------------------------------------------------- scoring
#
def _plausible(quad: np.ndarray, shape: tuple[int, int]) -> bool:
    h, w = shape
    if not is_convex_quad(quad):
        return False
    area = polygon_area(quad)
    if not MIN_AREA * w * h <= area <= MAX_AREA * w * h:
        return False
    margin = 0.03 * max(w, h)
    if quad[:, 0].min() < -margin or quad[:, 1].min() < -margin:
        return False
    if quad[:, 0].max() > w + margin or quad[:, 1].max() > h + margin:
        return False
    for i in range(4):  # interior angles between 35° and 145°
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cos = float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9))
        if abs(cos) > math.cos(math.radians(35)):
            return False
    return True


# ------------------------------------------------------------------------------------- refinement


def _ransac_offsets(t: np.ndarray, offsets: np.ndarray, weights: np.ndarray, tolerance: float,
                    rng: np.random.Generator, rounds: int = 120) -> tuple[float, float] | None:
    """offset ≈ a + b·t through the most (weighted) samples within `tolerance`, refit on them; None when
    fewer than 40 % of the samples agree on any line."""
    n = len(t)
    if n < 6:
        return None
    best_mask, best_weight = None, 0.0
    for _ in range(rounds):
        i, j = rng.choice(n, 2, replace=False)
        if abs(t[j] - t[i]) < 0.15:
            continue
        b = (offsets[j] - offsets[i]) / (t[j] - t[i])
        a = offsets[i] - b * t[i]
        mask = np.abs(offsets - (a + b * t)) <= tolerance
        weight = float(weights[mask].sum())
        if weight > best_weight:
            best_mask, best_weight = mask, weight
    if best_mask is None or best_mask.sum() < 0.4 * n:
        return None
    b, a = np.polyfit(t[best_mask], offsets[best_mask], 1, w=np.sqrt(weights[best_mask]))
    return float(a), float(b)


def refine_corners(image: np.ndarray, quad: np.ndarray, search: float, samples: int = 60,
                   keep: tuple[bool, ...] = (False,) * 4) -> np.ndarray:
    """Move each side of `quad` (source pixels) onto the page's edge at full resolution.

    Along each side, at `samples` points, the strongest colour step within ±`search` pixels along the
    normal is located to sub-pixel precision; a line through the points that agree (RANSAC: stretches where
    the page meets a background of its own colour, or a shadow's edge, find other steps and are outvoted)
    replaces the side, and the corners are the refit lines' intersections. A side with no consistent edge
    keeps its line, and so does one whose consistent edge lies farther than 2 × `search` away, and so does
    a side flagged in `keep` (bent at a fold: one line along it would lock onto one of its parts).
    """
    h, w = image.shape[:2]
    centre = quad.mean(axis=0)
    steps = np.arange(-search, search + 1.0, 1.0)
    rng = np.random.default_rng(0)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = b - a
        length = float(np.hypot(*d))
        u = d / length
        if keep[i]:
            lines.append((a, u))
            continue
        normal = np.array([u[1], -u[0]])
        if np.dot(centre - (a + b) / 2, normal) > 0:
            normal = -normal
        t = 0.06 + 0.88 * (np.arange(samples) + 0.5) / samples
        base = a[None, :] + t[:, None] * d[None, :]
        xs = base[:, 0:1] + steps[None, :] * normal[0]
        ys = base[:, 1:2] + steps[None, :] * normal[1]
        # Crop the band around this side once: remapping over the whole 12 MP image would be wasteful.
        x0 = max(0, math.floor(xs.min()) - 2)
        y0 = max(0, math.floor(ys.min()) - 2)
        x1 = min(w, math.ceil(xs.max()) + 3)
        y1 = min(h, math.ceil(ys.max()) + 3)
        if x1 - x0 < 3 or y1 - y0 < 3:
            lines.append((a, u))
            continue
        lab_band = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_BGR2LAB).astype(np.float32)
        band = cv2.GaussianBlur(lab_band, (0, 0), 1.2)
        prof = cv2.remap(band, (xs - x0).astype(np.float32), (ys - y0).astype(np.float32), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE)  # (samples, steps, 3)
        grad = np.linalg.norm(prof[:, 2:] - prof[:, :-2], axis=2)  # central differences
        rows = np.arange(samples)
        idx = np.argmax(grad, axis=1)
        strength = grad[rows, idx]
        offsets = steps[1:-1][idx].astype(np.float64)
        left = grad[rows, np.clip(idx - 1, 0, grad.shape[1] - 1)]
        right = grad[rows, np.clip(idx + 1, 0, grad.shape[1] - 1)]
        denom = left - 2 * strength + right
        inner = (idx > 0) & (idx < grad.shape[1] - 1) & (denom < 0)
        offsets[inner] += 0.5 * (left[inner] - right[inner]) / denom[inner]
        usable = strength > 4.0
        fit = _ransac_offsets(t[usable], offsets[usable], strength[usable], 1.5, rng)
        if fit is None:
            lines.append((a, u))
            continue
        off_a, slope = fit
        if max(abs(off_a), abs(off_a + slope)) > 2 * search:  # not this side's edge: keep the side
            lines.append((a, u))
            continue
        start = a + off_a * normal
        end = b + (off_a + slope) * normal
        direction = (end - start) / max(1e-9, float(np.linalg.norm(end - start)))
        lines.append((start, direction))
    refined = lines_to_quad(lines)
    if refined is None or not is_convex_quad(refined):
        return quad
    return refined


# ------------------------------------------------------------------------------------------ public


def _work_copy(image: np.ndarray) -> tuple[np.ndarray, float]:
    h, w = image.shape[:2]
    scale = min(1.0, WORK_SIZE / max(h, w))
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else image.copy()
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    small = cv2.GaussianBlur(small, (0, 0), 1.0)
    return small, scale


GOOD_ENOUGH = 0.97  # a candidate scoring this stops the search for better ones


def detect_page(image: np.ndarray, *, refine: bool = True) -> PageDetection | None:
    """The page in a BGR (or grey) image, or None when no quadrilateral is convincing."""
    if image.ndim not in (2, 3) or min(image.shape[:2]) < 16:
        return None
    small, scale = _work_copy(image)
    lab = cv2.cvtColor(small.astype(np.float32) / 255, cv2.COLOR_BGR2LAB)
    feature = log_image(small)
    rng = np.random.default_rng(0)
    seeds: list[tuple[str, np.ndarray]] = []
    background = _background_mask(lab, rng)
    if background is not None:
        seeds.append(("background", background))
    papers = _paper_masks(lab)
    seeds += papers[:1]
    tried: list[tuple[str, np.ndarray]] = list(seeds)
    found: list[Candidate] = []
    raw_seen: list[np.ndarray] = []
    best = _best_quad(feature, seeds, None, found, raw_seen)
    # Cheapest first; each stage only when nothing so far is convincing.
    stages = (
        lambda: [(f"{n}+watershed", g) for n, m in seeds if (g := _watershed_mask(feature, m)) is not None],
        lambda: papers[1:],
        lambda: [(f"{n}+opened", o) for n, m in tried if (o := _opened(m)) is not None],
        lambda: [("grabcut", g)] if seeds and (g := _grabcut_mask(small, [m for _, m in seeds])) is not None
        else [],
    )
    for stage in stages:
        if best is not None and (best[1] >= GOOD_ENOUGH or _agreed(found, best, feature.shape)):
            break
        masks = stage()
        tried += masks
        best = _best_quad(feature, masks, best, found, raw_seen)
    if best is None or best[1] < MIN_SCORE:
        return None
    quad, score, method, _, bent = best
    corners = quad / scale
    if refine:
        search = max(6.0, 3.0 / scale)
        corners = refine_corners(image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR),
                                 corners, search, keep=bent)
    return PageDetection(order_corners(corners), round(score, 3), method)


# quad, weakest side's score, mask name, mean side score, which sides are bent (page_bends)
Candidate = tuple[np.ndarray, float, str, float, tuple[bool, ...]]
TIE = 0.05  # weakest-side scores this close are a tie, broken by the mean over the four sides


def _better(a: Candidate, b: Candidate | None) -> bool:
    if b is None:
        return True
    if abs(a[1] - b[1]) <= TIE:
        return a[3] > b[3]
    return a[1] > b[1]


AGREE = 0.01  # two masks whose optimised quads are this close (fraction of the diagonal) agree
AGREED_SCORE = MIN_SCORE + 0.1  # agreement stops the search only for a quad scoring at least this


def _corner_distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.linalg.norm(order_corners(a) - order_corners(b), axis=1)))


def _agreed(found: list[Candidate], best: Candidate, shape: tuple[int, ...]) -> bool:
    """Two different masks (segmented different ways) led to the best quad: the slower masks would find it
    again (measured on real photos: a curled page whose sides score ~0.7 ran all eleven masks, ~1 s, and
    every one gave the same quad)."""
    if best[1] < AGREED_SCORE:
        return False
    limit = AGREE * math.hypot(shape[0], shape[1])
    return sum(_corner_distance(c[0], best[0]) <= limit for c in found) >= 2


BEND_FROM = 0.3  # weakest-side score from which a candidate is tried with bent sides


def _best_quad(feature: np.ndarray, masks: list[tuple[str, np.ndarray]],
               best: Candidate | None, found: list[Candidate] | None = None,
               raw_seen: list[np.ndarray] | None = None) -> Candidate | None:
    """The best of `best` and the masks' quads; each optimised candidate is appended to `found`. A mask
    whose raw quad is within a pixel or two of one already optimised is not optimised again."""
    shape = feature.shape[:2]
    raw_seen = [] if raw_seen is None else raw_seen
    for name, mask in masks:
        quad = _quad_from_mask(mask)
        if quad is None or not _plausible(quad, shape):
            continue
        if any(_corner_distance(quad, seen) <= 2.0 for seen in raw_seen):
            continue
        raw_seen.append(quad)
        for _ in range(2):  # a second pass settles sides whose neighbours moved a lot
            moved = optimise_sides(feature, quad)
            if moved is None or not _plausible(moved, shape):
                break
            quad = moved
        sides = side_scores(feature, quad)  # scored as fitted: a chord across a bulge has no edge to score
        bent: tuple[bool, ...] = (False,) * 4
        # A side bent at a fold or a crease (page_bends)? Not on a quad whose every side is all edge and
        # blank margin already (most flat pages), nor on one with a side that is no page's edge at all
        # (below BEND_FROM: pageless desks and cloths score 0–0.1; the folded real pages 0.46–0.88).
        if BEND_FROM <= min(sides) < 1.0:
            from kiosk.capture.page_bends import bend_sides

            unbent = bend_sides(feature, quad)
            if unbent is not None and _plausible(unbent.corners, shape) and min(unbent.scores) >= min(sides):
                quad, sides, bent = unbent.corners, unbent.scores, unbent.bent
        candidate = (_corners_on_the_page(quad, mask, feature), min(sides), name, sum(sides) / 4, bent)
        if found is not None:
            found.append(candidate)
        if _better(candidate, best):
            best = candidate
    return best


def detect_page_canny(image: np.ndarray) -> np.ndarray | None:
    """The textbook baseline: grey, blur, Canny, the largest contour that approximates to four points.
    Returns corners (source pixels, clockwise from top-left) or None."""
    h, w = image.shape[:2]
    scale = 500 / h
    small = cv2.resize(image, (max(1, round(w * scale)), 500), interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    grey = cv2.GaussianBlur(grey, (5, 5), 0)
    edges = cv2.Canny(grey, 75, 200)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        approx = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(approx) == 4:
            return order_corners(approx.reshape(4, 2).astype(np.float64) / scale)
    return None


def whole_image_corners(shape: tuple[int, ...]) -> np.ndarray:
    h, w = shape[:2]
    return np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)


__all__ = [
    "MIN_SCORE", "WORK_SIZE", "PageDetection", "detect_page", "detect_page_canny", "is_convex_quad",
    "margin_uniformity", "order_corners", "polygon_area", "quad_iou", "quad_score", "refine_corners",
    "side_scores", "whole_image_corners",
]
