"""Fonts with full Vietnamese coverage for receipts (Debian `fonts-noto-core`, else `fonts-dejavu-core`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_CANDIDATES = {
    False: (
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
}


class FontNotFoundError(RuntimeError):
    """No font with Vietnamese coverage is installed (setup installs fonts-noto-core)."""


@cache
def font_path(*, bold: bool = False) -> Path:
    """The TTF to render receipts with: Noto Sans, else DejaVu Sans."""
    for candidate in _CANDIDATES[bold]:
        path = Path(candidate)
        if path.is_file():
            return path
    raise FontNotFoundError(
        "no Vietnamese font found (looked for Noto Sans and DejaVu Sans): install fonts-noto-core"
    )
