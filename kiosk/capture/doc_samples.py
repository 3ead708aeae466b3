"""Sample document-camera frames for the demo, training mode and tests: photos of Vietnamese paperwork
(fictitious people) at a real document camera's resolution, shipped in resources/samples/documents/.

The kiosk plays the shipped files; the tool that made them (`python -m kiosk.bench.sample_documents`) is
never imported at run time. Quick tests ask for smaller copies (`scale` < 1), resized from the shipped
photos into a folder the caller owns.
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2

from kiosk.capture.resources import resources_dir

SAMPLE_SUFFIX = ".jpg"


def shipped_documents_dir() -> Path:
    """The shipped sample photos (JPEG, played in name order)."""
    return resources_dir() / "samples" / "documents"


def sample_document_files() -> list[Path]:
    return sorted(shipped_documents_dir().glob(f"*{SAMPLE_SUFFIX}"))


def sample_documents_dir(root: Path | None = None, *, scale: float = 1.0) -> Path:
    """The folder of sample document photos. At `scale` 1 the shipped folder; below 1, smaller copies
    (and lower-resolution pages) written once into `root`, for quick tests."""
    if scale == 1.0 and root is None:
        return shipped_documents_dir()
    if root is None:
        raise ValueError("smaller sample photos need a folder to go to (root)")
    if not 0 < scale <= 1:
        raise ValueError(f"scale must be in (0, 1], not {scale}")
    folder = root / f"documents-{scale:g}"
    folder.mkdir(parents=True, exist_ok=True)
    for source in sample_document_files():
        target = folder / source.name
        if target.is_file():
            continue
        image = cv2.imread(str(source), cv2.IMREAD_COLOR)
        if image is None:
            raise OSError(f"cannot read the sample photo {source}")
        if scale != 1.0:
            size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
            image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        ok, buf = cv2.imencode(SAMPLE_SUFFIX, image, [cv2.IMWRITE_JPEG_QUALITY, 90])
        if not ok:
            raise OSError(f"cannot encode {target.name}")
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(buf.tobytes())
        os.replace(tmp, target)  # a half-written file must never look like a sample
    return folder
