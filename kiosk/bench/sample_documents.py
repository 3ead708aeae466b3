"""Makes the sample document-camera photos the kiosk ships in resources/samples/documents/.

The kiosk plays them as its default document camera (`open_frame_source("documents")`, `kiosk run` with no
configuration, `kiosk demo`, training mode); it never runs this generator (kiosk.bench is a tool). The
photos come from the deterministic docs corpus (kiosk.bench.docs_corpus), so re-running this command
without code changes writes the same pages:

    .venv/bin/python -m kiosk.bench.sample_documents --out resources/samples/documents
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import cv2

from kiosk.bench.docs_corpus import document_photo

SEED = 5
# Corpus photos chosen for the story they tell: a page seen at 221 dpi, one too far away (148 dpi: the
# kiosk asks for a retake or the scanner), one at 201 dpi.
INDICES = (6, 4, 2)
# JPEG quality 80 keeps the three 12 MP photos at ~2.6 MB together (92 would be ~3.5 MB) while the page
# finder and the enhancer read them as they read the corpus.
JPEG_QUALITY = 80


def sample_names() -> list[str]:
    return [f"{n:02d}_page_{index}.jpg" for n, index in enumerate(INDICES, 1)]


def write_sample_documents(out: Path) -> list[Path]:
    """Write the sample photos and a manifest (what each one shows) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    manifest = []
    for name, index in zip(sample_names(), INDICES, strict=True):
        photo = document_photo(index, SEED)
        ok, buf = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY,
                                                     cv2.IMWRITE_JPEG_OPTIMIZE, 1])
        if not ok:
            raise OSError(f"cannot encode {name}")
        path = out / name
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(buf.tobytes())
        os.replace(tmp, path)  # a half-written file must never look like a sample
        written.append(path)
        manifest.append(photo.truth_json(name))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.bench.sample_documents", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True,
                        help="folder to write (resources/samples/documents)")
    args = parser.parse_args(argv)
    for path in write_sample_documents(args.out):
        print(f"{path} {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
