"""Is the page folded? A fold turns part of the sheet away from the light: on the rectified page the
paper's own brightness then *steps* along a straight line right across it — a shadow or a lighting
gradient changes it slowly, a crease at once.

The kiosk must not file such a page as if it were flat (a folded half is foreshortened, and a detector that
found only one half crops the rest away with a confident score). It asks instead: `WARNING_FOLDED`
("the page looks folded: flatten it, or is one half what you mean?").

`fold_step(grey)` measures, on a grey rectified page (paper bright, ~100 dpi), the paper level of each row
and of each column (a high percentile: text does not count), and returns the largest relative difference
between the paper level just before and just after any row (column) in the page's inner 80 %, over windows
of `WINDOW` of the page's size with a gap of `GAP` between them (the crease itself). Flat pages, even
under a hand's shadow, stay below `FOLD_STEP`.
"""

from __future__ import annotations

import numpy as np

WARNING_FOLDED = "page_folded"
FOLD_STEP = 0.15  # relative paper-level step across one line that says "fold"
WINDOW = 0.06  # fraction of the page's size averaged on each side of a candidate crease
GAP = 0.015  # fraction skipped around it (the crease's own shading)
PAPER_PERCENTILE = 95


def _largest_step(levels: np.ndarray) -> float:
    n = len(levels)
    k = max(2, round(WINDOW * n))
    g = max(1, round(GAP * n))
    if n < 2 * (k + g) + 4:
        return 0.0
    cumulative = np.concatenate([[0.0], np.cumsum(levels)])
    best = 0.0
    for y in range(max(k + g, round(0.1 * n)), min(n - k - g, round(0.9 * n))):
        before = (cumulative[y - g] - cumulative[y - g - k]) / k
        after = (cumulative[y + g + k] - cumulative[y + g]) / k
        step = abs(after - before) / max(1.0, max(before, after))
        best = max(best, step)
    return float(best)


def fold_step(grey: np.ndarray) -> float:
    """The largest relative step of the paper's brightness across a straight row or column (0–1)."""
    if grey.ndim != 2 or min(grey.shape) < 40:
        return 0.0
    page = grey.astype(np.float32)
    rows = np.percentile(page, PAPER_PERCENTILE, axis=1)
    cols = np.percentile(page, PAPER_PERCENTILE, axis=0)
    return max(_largest_step(rows), _largest_step(cols))


def looks_folded(grey: np.ndarray) -> bool:
    return fold_step(grey) >= FOLD_STEP


CONTINUES = 0.6  # the band outside a side at least this bright relative to the paper: more paper there
STANDS_OUT = 0.25  # and this much brighter than the band beyond the other sides (a light desk is all round)
BAND = (0.03, 0.08)  # the band outside each side, as fractions of the page's size across that side


def paper_beyond(grey: np.ndarray, corners: np.ndarray) -> list[float]:
    """For each side of the page `corners` (TL, TR, BR, BL in the grey source), how bright the band just
    outside it is relative to the page's paper (its 90th percentile inside), or 0 where the band leaves the
    image. A half of a folded sheet has the other half — paper, a little darker — right beyond its crease
    side; a page on a desk has the desk there."""
    quad = np.asarray(corners, np.float64).reshape(4, 2)
    h, w = grey.shape
    centre = quad.mean(axis=0)
    inside = [centre + (c - centre) * f for c in quad for f in (0.2, 0.5, 0.8)]
    mids = [(quad[i] + quad[(i + 1) % 4]) / 2 for i in range(4)]
    inside += [centre + (m - centre) * f for m in mids for f in (0.3, 0.6, 0.85)]
    values = [float(grey[int(y), int(x)]) for x, y in inside if 0 <= x < w and 0 <= y < h]
    paper = float(np.percentile(values, 90)) if values else 255.0
    out: list[float] = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        outward = (a + b) / 2 - centre
        across = float(np.linalg.norm(outward)) * 2  # the page's size across this side
        outward /= max(1e-9, float(np.linalg.norm(outward)))
        samples: list[float] = []
        for t in np.linspace(0.15, 0.85, 15):
            base = a + t * (b - a)
            for f in np.linspace(BAND[0], BAND[1], 4):
                x, y = base + outward * f * across
                if not (0 <= x < w and 0 <= y < h):
                    samples = []
                    break
                samples.append(float(grey[int(y), int(x)]))
            else:
                continue
            break
        out.append(float(np.median(samples)) / max(1.0, paper) if samples else 0.0)
    return out


__all__ = [
    "CONTINUES", "FOLD_STEP", "WARNING_FOLDED", "cut_at_a_fold", "fold_step", "looks_folded", "paper_beyond",
]


def cut_at_a_fold(grey: np.ndarray, corners: np.ndarray) -> bool:
    """Exactly the kind of crop a folded sheet gives: paper continues beyond one side, while the other
    sides have the (darker) desk beyond them."""
    levels = paper_beyond(grey, corners)
    for i, level in enumerate(levels):
        others = [v for j, v in enumerate(levels) if j != i and v > 0]
        if level >= CONTINUES and others and level - float(np.median(others)) >= STANDS_OUT:
            return True
    return False
