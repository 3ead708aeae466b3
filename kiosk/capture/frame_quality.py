"""Cheap per-frame measures that decide when a camera frame is worth reading (OCR costs ~40 ms, these ~1 ms).

Reading the MRZ is only worth it on a frame that is sharp (in focus, no motion blur) and steady (the card
is held still, so the next frame will agree with this one). Both measures run on small copies of the frame.

Calibration (synthetic card frames at 1280×720, `synthetic_cards.place_in_scene`, sensor noise σ 3–4):

- `sharpness` (variance of the Laplacian at 640 px wide): in-focus frames with a card 55–90 % of the frame
  width score 1300–4800; Gaussian blur σ 1.2 px → 340–1100, σ 1.8 → 140–530, σ 2.5 → 66–120, σ 3.5 → 31–51;
  an empty desk ~1.5. The MRZ reader reads up to σ ≈ 1.8–2 and refuses (correctly) beyond, hence
  SHARPNESS_THRESHOLD = 150. It depends on content: a frame with little texture scores low even when sharp,
  which is fine here (nothing to read).
- `SteadinessTracker` (mean absolute difference of consecutive frames at 160 px wide, after removing the
  change of mean brightness): identical frames with fresh noise 0.25, brightness +10 ~0.5, a shift of 1 px
  0.7–1.1, 2 px 1.2–2.1, 4 px 2.1–3.9, 8 px 4–7, a 1° rotation 2.9–5.5. MOTION_THRESHOLD = 4.0 over the
  last two frames (`OcrGate(window=2)`): the live time-to-read bench (`kiosk bench idcard`, hand tremor of a
  few pixels per frame at 15 fps) showed the former 1.5 over three frames kept OCR off a card held by hand
  for whole seconds although the MRZ reader read those frames right (MRZ-only sides read within 4 s: 4/9
  → 9/9 on the tuning seed, median 2.0 s → 0.86 s); a frame blurred by the motion is refused by sharpness.

No Qt here; the UI's worker thread calls these per frame and runs the reader when `ready`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

SHARPNESS_WIDTH: Final = 640
SHARPNESS_THRESHOLD: Final = 150.0
MOTION_WIDTH: Final = 160
MOTION_THRESHOLD: Final = 4.0


def _grey(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 1:
        return frame[:, :, 0]
    if frame.ndim != 2:
        raise ValueError(f"expected a grey or BGR frame, got shape {frame.shape}")
    return frame


def _shrink(grey: np.ndarray, width: int) -> np.ndarray:
    if grey.shape[1] <= width:
        return grey
    scale = width / grey.shape[1]
    out: np.ndarray = cv2.resize(grey, (width, max(1, round(grey.shape[0] * scale))),
                                 interpolation=cv2.INTER_AREA)
    return out


def sharpness(grey: np.ndarray, roi: tuple[int, int, int, int] | None = None) -> float:
    """Variance of the Laplacian of the frame scaled to 640 px wide: higher is sharper (~1 ms at 720p).

    `roi` (x, y, width, height in frame pixels) restricts the measure to a region, such as the MRZ's
    bounding box, which makes it independent of the rest of the scene.
    """
    image = _grey(grey)
    if roi is not None:
        x, y, w, h = roi
        image = image[max(0, y):max(0, y + h), max(0, x):max(0, x + w)]
        if image.size == 0:
            return 0.0
    small = _shrink(image, SHARPNESS_WIDTH)
    return float(cv2.Laplacian(small, cv2.CV_32F).var())


def is_sharp(grey: np.ndarray, threshold: float = SHARPNESS_THRESHOLD) -> bool:
    return sharpness(grey) >= threshold


class SteadinessTracker:
    """Feed every frame; `steady` once the last `window` frames differ by less than `threshold` from one to
    the next (mean absolute grey-level difference at 160 px wide, brightness changes ignored).

    Frames of another size restart the history (a camera switch). `reset()` when a new citizen starts.
    """

    def __init__(self, window: int = 3, threshold: float = MOTION_THRESHOLD) -> None:
        if window < 2:
            raise ValueError("window must be at least 2 frames")
        self.window = window
        self.threshold = threshold
        self._previous: np.ndarray | None = None
        self._motions: deque[float] = deque(maxlen=window - 1)

    @property
    def motion(self) -> float | None:
        """The difference between the last two frames, or None before the second frame."""
        return self._motions[-1] if self._motions else None

    @property
    def steady(self) -> bool:
        return len(self._motions) == self.window - 1 and max(self._motions) < self.threshold

    def update(self, frame: np.ndarray) -> bool:
        """Add a frame; returns `steady`."""
        small = cv2.GaussianBlur(_shrink(_grey(frame), MOTION_WIDTH).astype(np.float32), (3, 3), 0)
        if self._previous is not None and self._previous.shape == small.shape:
            diff = small - self._previous
            self._motions.append(float(np.mean(np.abs(diff - diff.mean()))))
        else:
            self._motions.clear()
        self._previous = small
        return self.steady

    def reset(self) -> None:
        self._previous = None
        self._motions.clear()


@dataclass(frozen=True)
class FrameQuality:
    sharpness: float
    motion: float | None
    sharp: bool
    steady: bool

    @property
    def ready(self) -> bool:
        """Worth running OCR on."""
        return self.sharp and self.steady


class OcrGate:
    """Sharpness and steadiness together: `check(frame).ready` says whether to run the MRZ reader now."""

    def __init__(self, *, sharpness_threshold: float = SHARPNESS_THRESHOLD, window: int = 2,
                 motion_threshold: float = MOTION_THRESHOLD) -> None:
        self.sharpness_threshold = sharpness_threshold
        self.tracker = SteadinessTracker(window, motion_threshold)

    def check(self, frame: np.ndarray) -> FrameQuality:
        grey = _grey(frame)
        steady = self.tracker.update(grey)
        score = sharpness(grey)
        return FrameQuality(score, self.tracker.motion, score >= self.sharpness_threshold, steady)

    def reset(self) -> None:
        self.tracker.reset()


__all__ = [
    "MOTION_THRESHOLD", "SHARPNESS_THRESHOLD", "FrameQuality", "OcrGate", "SteadinessTracker", "is_sharp",
    "sharpness",
]
