"""OCR-B glyph templates for the 37 MRZ characters (`0-9`, `A-Z`, `<`), rendered from the real font.

The MRZ is printed in OCR-B (ISO 1073-2), a fixed-pitch font: every character sits in a cell of the same
width, so a line of the MRZ can be cut into 30 cells and each cell compared with 37 templates. The templates
are drawn from Debian's `fonts-ocr-b` (public domain) with Pillow, once per process.

Geometry of a template (`CELL_WIDTH` × `CELL_HEIGHT` pixels): the capital height is `CAP_HEIGHT` pixels,
the cap line is `MARGIN` pixels below the top and the baseline `MARGIN` pixels above the bottom; the
character's advance box is centred horizontally. The cell is as wide as the ICAO pitch (2.54 mm for a
capital height of 2.4 mm), not the font's own advance, because that is how the MRZ is printed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

MRZ_ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"

CAP_HEIGHT: Final = 24
MARGIN: Final = 4
CELL_HEIGHT: Final = CAP_HEIGHT + 2 * MARGIN  # 32
# ICAO 9303 / ISO 1831: 10 characters per inch (2.54 mm) for OCR-B size 1, capitals about 2.4 mm high.
PITCH_PER_CAP: Final = 2.54 / 2.4
CELL_WIDTH: Final = round(CAP_HEIGHT * PITCH_PER_CAP)  # 25

FONT_DIRS: Final = (
    Path("/usr/share/fonts/opentype/ocr-b"),
    Path("/usr/share/fonts/opentype"),
    Path("/usr/share/fonts/truetype"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/usr/share/fonts"),
    Path("C:/Windows/Fonts"),
    Path("/Library/Fonts"),
)
FONT_NAMES: Final = ("OCRB.otf", "OCRB.ttf", "OCR-B.otf", "OCR-B.ttf", "ocrb.otf", "ocrb.ttf",
                     "OCRB10PitchBT-Regular.otf")

_RENDER_CAP: Final = 8 * CAP_HEIGHT  # draw big, then shrink with area averaging (anti-aliased like a camera)


class OcrbFontMissing(FileNotFoundError):
    """The OCR-B font file is not installed."""


@functools.cache
def find_ocrb_font() -> Path:
    """The OCR-B font file: the regular face of Debian's `fonts-ocr-b`, or a file of the same name elsewhere.

    Looks in the usual font folders (top level first, then one folder deep), not the whole disk.
    """
    for folder in FONT_DIRS:
        if not folder.is_dir():
            continue
        for name in FONT_NAMES:
            direct = folder / name
            if direct.is_file():
                return direct
        for name in FONT_NAMES:
            hits = sorted(folder.glob(f"*/{name}"))
            if hits:
                return hits[0]
    raise OcrbFontMissing(
        "the OCR-B font is missing: install the Debian package fonts-ocr-b "
        "(/usr/share/fonts/opentype/ocr-b/OCRB.otf) to read the ID card's MRZ")


@dataclass(frozen=True)
class GlyphSet:
    """The 37 templates, in `MRZ_ALPHABET` order."""

    alphabet: str
    images: np.ndarray  # uint8 (37, CELL_HEIGHT, CELL_WIDTH): dark glyph (0) on white (255), anti-aliased
    font_path: Path

    def ink_height(self, chars: str) -> float:
        """Median height in pixels of the inked rows (grey < 128) of these characters' templates."""
        heights = []
        for char in chars:
            rows = np.flatnonzero((self.image(char) < 128).any(axis=1))
            heights.append(float(rows[-1] - rows[0] + 1))
        return float(np.median(heights))

    def image(self, char: str) -> np.ndarray:
        return self.images[self.alphabet.index(char)]

    def binary(self, char: str) -> np.ndarray:
        """The glyph as a 0/255 mask (255 = ink)."""
        return np.where(self.image(char) < 128, 255, 0).astype(np.uint8)


def _render(font: ImageFont.FreeTypeFont, char: str, scale: int) -> np.ndarray:
    width, height = CELL_WIDTH * scale, CELL_HEIGHT * scale
    canvas = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(canvas)
    # Anchor "ms": horizontal middle of the advance box, vertical on the baseline.
    draw.text((width / 2, (MARGIN + CAP_HEIGHT) * scale), char, font=font, fill=0, anchor="ms")
    return np.asarray(canvas)


@functools.cache
def glyphs() -> GlyphSet:
    """The templates, rendered once per process. Raises OcrbFontMissing without the font."""
    path = find_ocrb_font()
    scale = _RENDER_CAP // CAP_HEIGHT
    probe = ImageFont.truetype(str(path), 200)
    _, top, _, bottom = probe.getbbox("H", anchor="ls")
    size = round(200 * _RENDER_CAP / (bottom - top))
    font = ImageFont.truetype(str(path), size)
    images = []
    for char in MRZ_ALPHABET:
        big = _render(font, char, scale)
        images.append(cv2.resize(big, (CELL_WIDTH, CELL_HEIGHT), interpolation=cv2.INTER_AREA))
    stack = np.stack(images)
    stack.setflags(write=False)
    return GlyphSet(MRZ_ALPHABET, stack, path)


BLUR_STEP: Final = 0.5
MAX_BLUR: Final = 3.0


@functools.cache
def _blurred(steps: int) -> np.ndarray:
    base = glyphs().images.astype(np.float32)
    if steps == 0:
        out = base
    else:
        sigma = steps * BLUR_STEP
        out = np.stack([cv2.GaussianBlur(t, (0, 0), sigma, borderType=cv2.BORDER_REPLICATE) for t in base])
    out.setflags(write=False)
    return out


def blurred_templates(sigma: float) -> np.ndarray:
    """float32 (37, CELL_HEIGHT, CELL_WIDTH) templates softened by a Gaussian blur of about `sigma` pixels.

    A blurred camera image matches blurred templates better (and tells look-alikes apart better) than
    sharp ones. Sigma is rounded to BLUR_STEP and capped at MAX_BLUR; each level is made once per process.
    """
    steps = round(min(max(sigma, 0.0), MAX_BLUR) / BLUR_STEP)
    return _blurred(steps)


__all__ = [
    "BLUR_STEP", "CAP_HEIGHT", "CELL_HEIGHT", "CELL_WIDTH", "MARGIN", "MAX_BLUR", "MRZ_ALPHABET",
    "PITCH_PER_CAP", "GlyphSet", "OcrbFontMissing", "blurred_templates", "find_ocrb_font", "glyphs",
]
