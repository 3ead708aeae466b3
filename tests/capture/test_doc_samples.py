"""The default document camera plays the shipped sample photos: no generator, no cache, no settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

from kiosk.capture.doc_capture import capture_from_camera
from kiosk.capture.doc_samples import sample_document_files, sample_documents_dir, shipped_documents_dir
from kiosk.capture.frames import open_frame_source
from kiosk.capture.page_detect import quad_iou


def _manifest() -> list[dict[str, object]]:
    return json.loads((shipped_documents_dir() / "manifest.json").read_text(encoding="utf-8"))


def test_the_shipped_photos_are_the_ones_the_manifest_describes() -> None:
    files = sample_document_files()
    manifest = _manifest()
    assert [p.name for p in files] == [entry["file"] for entry in manifest] and len(files) == 3
    assert sum(p.stat().st_size for p in files) < 3 * 2**20  # kept small in every checkout
    for path, entry in zip(files, manifest, strict=True):
        image = cv2.imread(str(path))
        assert image is not None and [image.shape[1], image.shape[0]] == entry["frame_size"]


def test_the_default_document_camera_plays_the_shipped_photos_without_the_tools() -> None:
    # A fresh interpreter: opening "documents" must neither import kiosk.bench nor write anything.
    code = (
        "import sys\n"
        "from kiosk.capture.frames import open_frame_source\n"
        "with open_frame_source('documents', fps=None) as source:\n"
        "    frame = source.read()\n"
        "assert frame is not None and frame.shape[:2] == (3120, 4160), frame.shape\n"
        "tools = sorted(m for m in sys.modules if m.startswith('kiosk.bench'))\n"
        "assert not tools, tools\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_first_photo_is_found_where_the_manifest_says() -> None:
    entry = _manifest()[0]
    image = cv2.imread(str(sample_document_files()[0]))
    page = capture_from_camera(image)
    assert page.corners is not None and not page.low_dpi
    truth = np.array(entry["corners"], np.float32)
    assert quad_iou(np.array(page.corners, np.float32), truth) > 0.95


def test_smaller_copies_for_quick_tests_are_resized_once(tmp_path: Path) -> None:
    folder = sample_documents_dir(tmp_path, scale=0.2)
    names = sorted(p.name for p in folder.glob("*.jpg"))
    assert names == [p.name for p in sample_document_files()]
    first = folder / names[0]
    stamp = first.stat().st_mtime_ns
    assert sample_documents_dir(tmp_path, scale=0.2) == folder and first.stat().st_mtime_ns == stamp
    with open_frame_source(str(folder), fps=None) as source:
        frame = source.read()
    assert frame is not None and frame.shape[:2] == (624, 832)
