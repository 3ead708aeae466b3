"""Images that cannot hurt: check a file's name, size and header before anything decodes it.

    image = load_checked_image("page.jpg")            # BGR, EXIF orientation applied
    # or ImageRefused(code, source) with its .notice — never a traceback, never gigabytes

A 332-byte JPEG header may claim 30000×30000 pixels: decoding it would take gigabytes and minutes. So the
header is read first (Pillow reads only the header on `Image.open`), and the file is refused with a reason
when its bytes, its dimensions, its pixel count or its shape (a 1×20000 strip) are beyond what a phone
photo or a scanner page can be. A large JPEG (a 50–200 MP phone) is decoded at a half or a quarter of its
size by libjpeg's DCT scaling instead of being refused: the page detector needs no more than 12 MP.

File names are refused when they hold control characters, markup or are absurdly long: they are echoed in
logs, JSON and the kiosk's screens.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from kiosk.domain.notice import Notice, Param

MAX_FILE_BYTES: Final = 64 * 1024 * 1024  # a 200 MP phone JPEG is ~40 MB; a 600 dpi A3 PNG ~100 MB is refused
MAX_SIDE: Final = 20_000  # pixels along either side, as claimed by the header
MIN_SIDE: Final = 64  # smaller is an icon, not a page or a card
MAX_ASPECT: Final = 8.0  # a long receipt is ~1:5; 1×20000 is not a photo of anything
MAX_DECODED_PIXELS: Final = 40_000_000  # decoded at full size up to this (≈ 120 MB as BGR)
MAX_CLAIMED_PIXELS: Final = 160_000_000  # a 108 MP phone passes; beyond this even a reduced decode is refused
MAX_NAME_CHARS: Final = 255  # one path component, as most file systems allow
MAX_PATH_CHARS: Final = 4096

_MARKUP: Final = re.compile(r"[<>]|&[#A-Za-z0-9]+;")
_REDUCED_FLAGS: Final = ((1, cv2.IMREAD_COLOR), (2, cv2.IMREAD_REDUCED_COLOR_2),
                         (4, cv2.IMREAD_REDUCED_COLOR_4), (8, cv2.IMREAD_REDUCED_COLOR_8))


class ImageRefused(Exception):
    """A file that is not decoded, with a stable `code` for programs (``not_an_image``…) and a `notice` for
    people (``image.empty``…, words in kiosk.ui.notice_texts: the one catalogue). `str()` is for logs."""

    def __init__(self, code: str, source: str, why: str | None = None, **params: Param) -> None:
        self.code = code
        self.source = source
        self.notice = Notice(f"image.{why or code}", {"source": source, **params})
        super().__init__(f"{self.notice.code}: {source}" + "".join(f" {k}={v}" for k, v in params.items()))

    def to_json_dict(self) -> dict[str, object]:
        """The code, the file and the notice (code, params); the CLI adds the words (message_vi/_en)."""
        return {"code": self.code, "source": self.source, "notice": self.notice.to_json_dict()}


@dataclass(frozen=True)
class ImageHeader:
    format: str
    width: int  # as stored, before EXIF orientation
    height: int
    file_bytes: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def check_name(source: str) -> None:
    """Refuse a file name that holds control characters, markup or is absurdly long."""
    shown = _shown(source)
    if len(source) > MAX_PATH_CHARS or len(Path(source).name) > MAX_NAME_CHARS:
        raise ImageRefused("name_too_long", shown, length=len(source))
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029\u202e\ufeff" for c in source):
        raise ImageRefused("name_control_chars", shown)
    if _MARKUP.search(Path(source).name):
        raise ImageRefused("name_markup", shown)


def _shown(source: str) -> str:
    """The name as it may be echoed: control characters escaped, cut to a sane length."""
    cleaned = "".join(c if ord(c) >= 32 and not 0x7F <= ord(c) < 0xA0 else f"\\x{ord(c):02x}" for c in source)
    return cleaned if len(cleaned) <= 200 else cleaned[:120] + "…" + cleaned[-40:]


def read_header(source: str | Path) -> ImageHeader:
    """The format and dimensions the file claims, from its header only (nothing is decoded)."""
    name = str(source)
    check_name(name)
    shown = _shown(name)
    try:
        size = os.stat(name).st_size
    except FileNotFoundError:
        raise ImageRefused("not_found", shown) from None
    except OSError as error:
        raise ImageRefused("unreadable", shown, error=str(error.strerror or error)) from None
    if os.path.isdir(name):
        raise ImageRefused("unreadable", shown, "folder")
    if size == 0:
        raise ImageRefused("not_an_image", shown, "empty")
    if size > MAX_FILE_BYTES:
        mb, limit = size // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
        raise ImageRefused("file_too_large", shown, mb=mb, limit=limit)
    try:
        with warnings.catch_warnings(), Image.open(name) as image:  # lazy: reads the header only
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limits below decide
            fmt, (width, height) = str(image.format or "?"), image.size
    except Image.DecompressionBombError as bomb:  # Pillow's own check: more than 2 × 89 MP claimed
        raise ImageRefused("image_too_large", shown, "bomb", detail=str(bomb)) from None
    except (UnidentifiedImageError, ValueError, SyntaxError, OSError):
        raise ImageRefused("not_an_image", shown, "damaged") from None
    return ImageHeader(fmt, int(width), int(height), size)


def check_header(header: ImageHeader, source: str) -> int:
    """The reduction (1, 2, 4 or 8) the image must be decoded at, or ImageRefused with the reason."""
    w, h = header.width, header.height
    if w < 1 or h < 1:
        raise ImageRefused("not_an_image", source, "no_pixels")
    if max(w, h) > MAX_SIDE or header.pixels > MAX_CLAIMED_PIXELS:
        raise ImageRefused("image_too_large", source, "too_large", width=w, height=h, max_side=MAX_SIDE)
    if min(w, h) < MIN_SIDE:
        raise ImageRefused("image_too_small", source, "too_small", width=w, height=h, min_side=MIN_SIDE)
    if max(w, h) / min(w, h) > MAX_ASPECT:
        raise ImageRefused("image_shape", source, "shape", width=w, height=h)
    for reduction, _ in _REDUCED_FLAGS:
        if header.pixels / (reduction * reduction) <= MAX_DECODED_PIXELS:
            if reduction > 1 and header.format != "JPEG":  # only libjpeg decodes reduced, not the whole
                break
            return reduction
    raise ImageRefused("image_too_large", source, "megapixels", width=w, height=h,
                       megapixels=round(header.pixels / 1e6))


def load_checked_image(source: str | Path) -> np.ndarray:
    """A BGR image (EXIF orientation applied) from a file that passed every check, or ImageRefused."""
    name = str(source)
    header = read_header(name)
    shown = _shown(name)
    reduction = check_header(header, shown)
    flag = dict(_REDUCED_FLAGS)[reduction]
    try:
        data = np.fromfile(name, dtype=np.uint8)
        image = cv2.imdecode(data, flag)
    except (OSError, cv2.error, MemoryError) as error:
        raise ImageRefused("not_an_image", shown, "cannot_decode", error=type(error).__name__) from None
    if header.format in ("JPEG", "PNG") and _truncated(name, header):
        raise ImageRefused("truncated", shown)
    if image is None or image.size == 0:
        raise ImageRefused("not_an_image", shown, "damaged")
    decoded = image.shape[0] * image.shape[1]
    if decoded * reduction * reduction > header.pixels * 1.05 + 64:  # the decoder disagrees with the header
        raise ImageRefused("not_an_image", shown, "header_mismatch")
    return np.asarray(image)


def _truncated(name: str, header: ImageHeader) -> bool:
    """libjpeg fills a cut-off JPEG with grey and says nothing. A complete JPEG ends with EOI (FF D9), a PNG
    with IEND — phones may append data after it (Samsung trailers, motion photos), so when the tail has no
    end marker, Pillow decodes the file (a JPEG at 1/8 scale by DCT scaling, milliseconds) and tells whether
    the data ran out."""
    marker = b"\xff\xd9" if header.format == "JPEG" else b"IEND"
    with open(name, "rb") as handle:
        handle.seek(max(0, header.file_bytes - 65536))
        if marker in handle.read():
            return False
    try:
        with Image.open(name) as image:
            image.draft("L", (max(1, header.width // 8), max(1, header.height // 8)))
            image.load()
    except (OSError, SyntaxError, ValueError):
        return True
    return False


#: Every notice code an ImageRefused may carry (tests/ui/test_notice_texts.py checks each has words).
NOTICE_CODES: Final = frozenset(f"image.{c}" for c in (
    "name_too_long", "name_control_chars", "name_markup", "not_found", "unreadable", "folder", "empty",
    "file_too_large", "bomb", "damaged", "no_pixels", "too_large", "too_small", "shape",
    "megapixels", "cannot_decode", "truncated", "header_mismatch"))

__all__ = [
    "MAX_ASPECT", "MAX_DECODED_PIXELS", "MAX_FILE_BYTES", "MAX_SIDE", "MIN_SIDE", "NOTICE_CODES",
    "ImageHeader", "ImageRefused", "check_header", "check_name", "load_checked_image", "read_header",
]
