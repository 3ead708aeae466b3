"""Sample document-camera frames for the demo, training mode and tests: synthetic photos of Vietnamese
paperwork (fictitious people) at a real document camera's resolution, generated once and cached.

They are generated rather than shipped: three 12 MP photos would add ~8 MB to every checkout. The
generator (`kiosk.bench.docs_corpus`) is deterministic, so every machine plays the same pages.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import cv2
import platformdirs

log = logging.getLogger(__name__)

SEED = 5
# Corpus photos chosen for the story they tell: a page seen at 221 dpi, one too far away (148 dpi: the
# kiosk asks for a retake or the scanner), one at 201 dpi.
INDICES = (6, 4, 2)
VERSION = "v1"


def sample_documents_dir(root: Path | None = None, *, scale: float = 1.0) -> Path:
    """The folder of sample document photos (JPEG, played in name order), generated on first use.

    `scale` < 1 gives smaller frames (and lower resolution pages) for quick tests."""
    base = root or Path(os.environ.get("KIOSK_SAMPLE_CACHE") or platformdirs.user_cache_dir("kiosk"))
    folder = base / "samples" / f"documents-{VERSION}-{scale:g}"
    names = [folder / f"{n:02d}_page_{index}.jpg" for n, index in enumerate(INDICES, 1)]
    if all(p.is_file() for p in names):
        return folder
    from kiosk.bench.docs_corpus import document_photo

    folder.mkdir(parents=True, exist_ok=True)
    log.info("generating sample document photos in %s", folder)
    for path, index in zip(names, INDICES, strict=True):
        if path.is_file():
            continue
        photo = document_photo(index, SEED, scale=scale)
        ok, buf = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, 92])
        if not ok:
            raise OSError(f"cannot encode {path.name}")
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(buf.tobytes())
        os.replace(tmp, path)  # a half-written file must never look like a sample
    return folder
