"""`kiosk bench docscan`: how well the kiosk finds, corrects and compresses document photos.

On `count` synthetic photos (`docs_corpus`: Vietnamese administrative letters on wood, desks, dark mats and
patterned cloths, 8–13 MP, perspective, shadows, uneven light, known corners and text), in one process:

- **corners**: `detect_page` (ours) and `detect_page_canny` (the textbook grey → blur → Canny → largest
  4-point contour baseline) against the true corners: mean IoU, share with IoU ≥ 0.95, median and worst
  corner error in pixels, ms per photo. A detector that finds nothing scores the whole image.
- **time**: ours from the decoded BGR photo to the encoded colour page (detect + correct + encode), per
  frame size; medians and 95th percentiles after a warm-up.
- **size**: single-page PDFs (A4, 200 dpi) per encoding: MRC (ours: text as G4 + background JPEG), whole-page
  JPEG at several qualities and chroma subsamplings, JPEG without the lighting flattening, grey, black and
  white (G4), the lossless corrected page (PNG) and, as the baseline, img2pdf of the uncorrected camera JPEG.
- **legibility**: Tesseract (`-l vie`) word accuracy of each variant against the page's known words: the
  share of the true words (case-folded, edge punctuation stripped) found in the OCR output, counted as a
  multiset; the lossless corrected page is the reference.
"""

from __future__ import annotations

import io
import os
import platform
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import cv2
import img2pdf
import numpy as np
import pikepdf

from kiosk.bench.docs_corpus import DocPhoto, document_photo
from kiosk.bench.report import format_table, percent
from kiosk.capture.page_detect import (
    detect_page,
    detect_page_canny,
    order_corners,
    quad_iou,
    whole_image_corners,
)
from kiosk.capture.page_enhance import EnhanceOptions, Mode, enhance_page, tesseract_env, to_bw
from kiosk.capture.pdf_builder import EncodedPage, EncodeSettings, build_pdf, encode_page, render_encoded

DEFAULT_COUNT = 10
DEFAULT_SEED = 1
CAMERA_JPEG_QUALITY = 92  # what the document camera hands over
DPI = 200


@dataclass(frozen=True)
class Variant:
    name: str
    label: str
    mode: Mode
    settings: EncodeSettings | None
    flatten: bool = True
    ocr: bool = True


def _jpeg(quality: int) -> EncodeSettings:
    return EncodeSettings(encoding="jpeg", jpeg_quality=quality)


_JPEG_75 = _jpeg(75)
VARIANTS: tuple[Variant, ...] = (
    Variant("color-mrc", "colour, MRC: text G4 + background JPEG q50 (ours)", "color", EncodeSettings()),
    Variant("color-jpeg-q75-444", "colour, JPEG q75 4:4:4", "color",
            EncodeSettings(encoding="jpeg", jpeg_quality=75, subsampling="4:4:4"), ocr=False),
    Variant("color-jpeg-q75", "colour, JPEG q75 4:2:0", "color", _JPEG_75),
    Variant("color-jpeg-q50", "colour, JPEG q50 4:2:0", "color", _jpeg(50)),
    Variant("color-jpeg-q30", "colour, JPEG q30 4:2:0", "color", _jpeg(30)),
    Variant("color-jpeg-q75-raw", "colour, JPEG q75 4:2:0, no flattening", "color",
            _JPEG_75, flatten=False),
    Variant("gray-mrc", "grey, MRC (ours)", "gray", EncodeSettings()),
    Variant("gray-jpeg-q75", "grey, JPEG q75", "gray", _JPEG_75, ocr=False),
    Variant("bw-g4", "black-and-white, CCITT G4 (ours)", "bw", None),
)
REFERENCE = "reference"
PHOTO = "photo"


# ----------------------------------------------------------------------------------------- legibility


_STRIP = string.punctuation + "“”‘’–—…•·«»"


def normalise_words(text: str) -> list[str]:
    out = []
    for token in unicodedata.normalize("NFC", text).split():
        word = token.strip(_STRIP).casefold()
        if word:
            out.append(word)
    return out


def word_accuracy(truth: Iterable[str], ocr_text: str) -> float:
    """Share of the true words found in the OCR text (a multiset: a word printed 3 times counts 3)."""
    want = Counter(normalise_words(" ".join(truth)))
    got = Counter(normalise_words(ocr_text))
    total = sum(want.values())
    return sum((want & got).values()) / total if total else 0.0


def tesseract_available() -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in langs.stdout.split()


def ocr_text(image: np.ndarray, dpi: int = DPI) -> str:
    """Tesseract `vie` on an image (one OpenMP thread: see `tesseract_env`)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-ocr-") as scratch:
        path = Path(scratch) / "page.png"
        cv2.imwrite(str(path), image)
        result = subprocess.run(["tesseract", str(path), "stdout", "-l", "vie", "--dpi", str(dpi)],
                                capture_output=True, text=True, timeout=120, check=False, env=tesseract_env())
    return result.stdout


# --------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PhotoResult:
    index: int
    background: str
    frame_size: tuple[int, int]
    quarter_turns: int
    truth_dpi: float
    iou: dict[str, float]  # method → IoU
    corner_error_px: dict[str, float | None]  # method → worst corner's distance (None: nothing found)
    detect_ms: dict[str, float]
    total_ms: float  # ours: detect + correct + encode (colour, MRC)
    found: dict[str, bool]
    method: str | None  # which of our candidate masks won
    upright: bool  # our correction's rotation matches the page's quarter turns
    effective_dpi: float
    warnings: tuple[str, ...]
    bytes: dict[str, int]  # variant → single-page PDF bytes
    accuracy: dict[str, float | None]  # variant → word accuracy (None: not measured)

    @property
    def megapixels(self) -> float:
        return self.frame_size[0] * self.frame_size[1] / 1e6

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "background": self.background, "frame_size": list(self.frame_size),
            "megapixels": round(self.megapixels, 1), "quarter_turns": self.quarter_turns,
            "truth_dpi": round(self.truth_dpi, 1), "iou": {k: round(v, 4) for k, v in self.iou.items()},
            "corner_error_px": {k: _round(v, 2) for k, v in self.corner_error_px.items()},
            "detect_ms": {k: round(v, 1) for k, v in self.detect_ms.items()},
            "total_ms": round(self.total_ms, 1), "found": self.found, "method": self.method,
            "upright": self.upright, "effective_dpi": round(self.effective_dpi, 1),
            "warnings": list(self.warnings), "bytes": self.bytes,
            "accuracy": {k: _round(v, 4) for k, v in self.accuracy.items()},
        }


@dataclass(frozen=True)
class BenchResult:
    seed: int
    count: int
    photos: tuple[PhotoResult, ...]
    ocr: bool
    machine: dict[str, Any]
    elapsed_s: float
    errors: tuple[str, ...] = field(default=())

    def to_json_dict(self) -> dict[str, Any]:
        return {"bench": "docscan", "seed": self.seed, "count": self.count, "ocr": self.ocr,
                "summary": summarise(self), "photos": [p.to_json_dict() for p in self.photos],
                "machine": self.machine, "elapsed_s": round(self.elapsed_s, 1), "errors": list(self.errors)}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=20, method="inclusive")[18]


def _machine() -> dict[str, Any]:
    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    tesseract = None
    if shutil.which("tesseract"):
        try:
            out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=10,
                                 check=False)
            tesseract = (out.stdout or out.stderr).split("\n")[0].strip()
        except (OSError, subprocess.TimeoutExpired):
            tesseract = None
    return {"cpus": os.cpu_count(), "platform": platform.platform(terse=True),
            "python": platform.python_version(), "opencv": cv2.__version__, "img2pdf": version("img2pdf"),
            "pikepdf": version("pikepdf"), "tesseract": tesseract}


# ------------------------------------------------------------------------------------------------ run


def _single_page_pdf(encoded: EncodedPage) -> int:
    return len(build_pdf([encoded]))


def _photo_pdf(camera_jpeg: bytes) -> int:
    """img2pdf of the uncorrected camera JPEG (at 72 dpi: img2pdf's page size is irrelevant to bytes)."""
    return len(img2pdf.convert(camera_jpeg))


def _lossless_pdf(page: np.ndarray) -> int:
    ok, png = cv2.imencode(".png", page)
    if not ok:
        raise ValueError("cannot encode PNG")
    data = img2pdf.convert(png.tobytes(), layout_fun=img2pdf.get_fixed_dpi_layout_fun((DPI, DPI)))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, min_version="1.4")
    return len(out.getvalue())


def bench_photo(photo: DocPhoto, *, ocr: bool) -> PhotoResult:
    """Everything the bench measures on one photo."""
    ok, buf = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, CAMERA_JPEG_QUALITY])
    if not ok:
        raise ValueError("cannot encode the camera JPEG")
    camera_jpeg = buf.tobytes()
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    if decoded is None:
        raise ValueError("cannot decode the camera JPEG")
    image = np.asarray(decoded)
    truth = order_corners(photo.corners)

    def score(corners: np.ndarray | None) -> tuple[float, float | None]:
        if corners is None:
            return quad_iou(whole_image_corners(image.shape), truth), None
        found = order_corners(corners)
        # Best cyclic pairing: which corner counts as "top-left" is a near tie for some turns of the page.
        err = min(float(np.max(np.linalg.norm(found - np.roll(truth, k, axis=0), axis=1))) for k in range(4))
        return quad_iou(corners, truth), err

    t0 = time.perf_counter()
    canny = detect_page_canny(image)
    canny_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    detection = detect_page(image)
    ours_ms = (time.perf_counter() - t0) * 1000
    corners = detection.corners if detection is not None else whole_image_corners(image.shape)
    page = enhance_page(image, corners, EnhanceOptions(mode="color", dpi=DPI))
    encoded = encode_page(page.image, "color", DPI, VARIANTS[0].settings)
    total_ms = (time.perf_counter() - t0) * 1000

    iou_ours, err_ours = score(detection.corners if detection is not None else None)
    iou_canny, err_canny = score(canny)
    sizes: dict[str, int] = {PHOTO: _photo_pdf(camera_jpeg), REFERENCE: _lossless_pdf(page.image)}
    accuracy: dict[str, float | None] = {PHOTO: None}
    rendered: dict[str, np.ndarray] = {REFERENCE: page.image}
    unflattened: np.ndarray | None = None
    for variant in VARIANTS:
        if variant.mode == "color" and variant.flatten:
            source = page.image
        elif variant.mode == "color":
            if unflattened is None:
                raw = EnhanceOptions(mode="color", dpi=DPI, flatten=False)
                unflattened = enhance_page(image, corners, raw).image
            source = unflattened
        elif variant.mode == "gray":
            source = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
        else:
            source = to_bw(cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY), DPI)  # as enhance_page does for bw
        enc = encoded if variant is VARIANTS[0] else encode_page(source, variant.mode, DPI, variant.settings)
        sizes[variant.name] = _single_page_pdf(enc)
        if variant.ocr:
            rendered[variant.name] = render_encoded(enc)
    for name in [REFERENCE, *(v.name for v in VARIANTS)]:
        if name in rendered and ocr:
            accuracy[name] = word_accuracy(photo.words, ocr_text(rendered[name]))
        else:
            accuracy[name] = None
    return PhotoResult(
        index=photo.index, background=photo.background, frame_size=photo.frame_size,
        quarter_turns=photo.quarter_turns, truth_dpi=photo.page_dpi,
        iou={"ours": iou_ours, "canny": iou_canny},
        corner_error_px={"ours": err_ours, "canny": err_canny},
        detect_ms={"ours": ours_ms, "canny": canny_ms}, total_ms=total_ms,
        found={"ours": detection is not None, "canny": canny is not None},
        method=detection.method if detection is not None else None,
        upright=page.rotation == (photo.quarter_turns * 270) % 360,  # a quarter turn needs 270° clockwise
        effective_dpi=page.geometry.effective_dpi, warnings=page.warnings, bytes=sizes, accuracy=accuracy,
    )


def run_bench(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, *, ocr: bool = True, scale: float = 1.0,
              progress: Callable[[str], None] | None = None) -> BenchResult:
    """Generate `count` photos with `seed` (at `scale`: 1 = 8–13 MP) and measure everything on each."""
    started = time.perf_counter()
    ocr = ocr and tesseract_available()
    results: list[PhotoResult] = []
    errors: list[str] = []
    for index in range(count):
        if progress is not None:
            progress(f"photo {index + 1}/{count}: generating")
        photo = document_photo(index, seed, scale=scale)
        if index == 0:  # warm-up: first calls load libraries and fill caches
            warm = detect_page(photo.image)
            enhance_page(photo.image,
                         warm.corners if warm is not None else whole_image_corners(photo.image.shape))
        if progress is not None:
            progress(f"photo {index + 1}/{count}: {photo.frame_size[0]}×{photo.frame_size[1]} "
                     f"{photo.background}: measuring" + (" and reading with Tesseract" if ocr else ""))
        try:
            results.append(bench_photo(photo, ocr=ocr))
        except Exception as exc:  # a crash is a result to report, not a reason to lose the others
            errors.append(f"photo {index}: {type(exc).__name__}: {exc}")
    return BenchResult(seed=seed, count=count, photos=tuple(results), ocr=ocr, machine=_machine(),
                       elapsed_s=time.perf_counter() - started, errors=tuple(errors))


# --------------------------------------------------------------------------------------------- summary


def summarise(result: BenchResult) -> dict[str, Any]:
    photos = result.photos
    if not photos:
        return {}
    out: dict[str, Any] = {"corners": {}, "time": {}, "sizes": {}}
    for method in ("ours", "canny"):
        ious = [p.iou[method] for p in photos]
        errs = [e for p in photos if (e := p.corner_error_px[method]) is not None]
        ms = [p.detect_ms[method] for p in photos]
        out["corners"][method] = {
            "mean_iou": round(statistics.fmean(ious), 4),
            "share_iou_095": round(float(np.mean([i >= 0.95 for i in ious])), 4),
            "found": sum(p.found[method] for p in photos),
            "median_corner_error_px": round(statistics.median(errs), 2) if errs else None,
            "max_corner_error_px": round(max(errs), 2) if errs else None,
            "median_ms": round(statistics.median(ms), 1), "p95_ms": round(_p95(ms), 1),
        }
    by_size: dict[str, list[float]] = {}
    for p in photos:
        key = f"{p.frame_size[0]}×{p.frame_size[1]} ({p.megapixels:.1f} MP)"
        by_size.setdefault(key, []).append(p.total_ms)
    all_ms = [p.total_ms for p in photos]
    out["time"] = {key: {"pages": len(v), "median_ms": round(statistics.median(v), 1),
                         "p95_ms": round(_p95(v), 1)} for key, v in sorted(by_size.items())}
    out["time"]["all"] = {"pages": len(all_ms), "median_ms": round(statistics.median(all_ms), 1),
                          "p95_ms": round(_p95(all_ms), 1)}
    ref = [p.accuracy.get(REFERENCE) for p in photos]
    measured = [a for a in ref if a is not None]
    ref_mean = statistics.fmean(measured) if measured else None
    for name in [PHOTO, REFERENCE, *(v.name for v in VARIANTS)]:
        sizes = [p.bytes[name] for p in photos if name in p.bytes]
        accs = [a for p in photos if (a := p.accuracy.get(name)) is not None]
        mean_acc = statistics.fmean(accs) if accs else None
        out["sizes"][name] = {
            "median_bytes": round(statistics.median(sizes)), "max_bytes": max(sizes),
            "word_accuracy": None if mean_acc is None else round(mean_acc, 4),
            "vs_reference_points": None if mean_acc is None or ref_mean is None
            else round(100 * (mean_acc - ref_mean), 2),
        }
    out["upright"] = sum(p.upright for p in photos)
    out["low_dpi_pages"] = sum("low_dpi" in p.warnings for p in photos)
    return out


def _kb(value: float) -> str:
    return f"{value / 1024:.0f} KB"


def format_result(result: BenchResult) -> str:
    summary = summarise(result)
    m = result.machine
    lines = [f"Document-scan bench: {len(result.photos)} synthetic photos (seed {result.seed}), 8–13 MP; "
             f"{m.get('cpus')} CPUs, OpenCV {m.get('opencv')}, img2pdf {m.get('img2pdf')}, "
             f"pikepdf {m.get('pikepdf')}, {m.get('tesseract') or 'no tesseract'}; "
             f"{result.elapsed_s:.0f} s", ""]
    if not summary:
        return "\n".join([*lines, "no photos measured", *result.errors])
    rows: list[list[Any] | None] = []
    for method, label in (("ours", "ours"), ("canny", "Canny + contour")):
        c = summary["corners"][method]
        rows.append([label, f"{c['found']}/{len(result.photos)}", f"{c['mean_iou']:.4f}",
                     percent(c["share_iou_095"]), c["median_corner_error_px"], c["max_corner_error_px"],
                     c["median_ms"], c["p95_ms"]])
    lines.append(format_table(("corners", "found", "mean IoU", "IoU ≥ 0.95", "median err px", "max err px",
                               "median ms", "p95 ms"), rows))
    lines.append("")
    rows = [[key, t["pages"], t["median_ms"], t["p95_ms"]] for key, t in summary["time"].items()]
    lines.append(format_table(("ours per page (detect + correct + encode), frame", "pages", "median ms",
                               "p95 ms"), rows, align="lrrr"))
    lines.append("")
    labels = {PHOTO: "img2pdf of the uncorrected camera JPEG (q92)",
              REFERENCE: "corrected page, lossless PNG"}
    labels.update({v.name: v.label for v in VARIANTS})
    rows = []
    for name in [PHOTO, REFERENCE, *(v.name for v in VARIANTS)]:
        s = summary["sizes"][name]
        acc = s["word_accuracy"]
        vs = s["vs_reference_points"]
        rows.append([labels[name], _kb(s["median_bytes"]), _kb(s["max_bytes"]),
                     "—" if acc is None else percent(acc), "—" if vs is None else f"{vs:+.1f}"])
    lines.append(format_table(("A4 page at 200 dpi, as a PDF", "median", "max", "words (vie)",
                               "vs ref, points"), rows, align="lrrrr"))
    lines.append("")
    n = len(result.photos)
    lines.append(f"  upright after correction: {summary['upright']}/{n}; "
                 f"pages below 200 dpi (warned): {summary['low_dpi_pages']}/{n}")
    lines.append("  words = share of the page's known words found by Tesseract `vie` "
                 "(multiset, case-folded); ref = the corrected page before compression")
    if not result.ocr:
        lines.append("  legibility not measured (--no-ocr, or no tesseract with `vie` data installed)")
    for error in result.errors:
        lines.append(f"  error: {error}")
    return "\n".join(lines)


def print_result(result: BenchResult, *, as_json: bool = False, file: Any = None) -> None:
    import json

    out = file or sys.stdout
    if as_json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False), file=out)
    else:
        print(format_result(result), file=out)


__all__ = [
    "DEFAULT_COUNT", "DEFAULT_SEED", "VARIANTS", "BenchResult", "PhotoResult", "Variant", "bench_photo",
    "format_result", "normalise_words", "ocr_text", "print_result", "run_bench", "summarise",
    "tesseract_available", "word_accuracy",
]
