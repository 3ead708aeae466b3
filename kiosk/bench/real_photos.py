"""Real photos nobody on the project made: documents (`kiosk bench docscan`) and passports / foreign ID
cards (`kiosk bench idcard`), read from fetched snapshots of public repositories.

The images stay out of this repository (their licences do not allow redistribution, or do not say); the
manifests in `resources/real_photos/*.json` name each by repository, commit and path, and hold our own
corner annotations. The snapshots are bare git mirrors, `<mirrors>/<owner>+<name>/repo`, where `<mirrors>`
is `$DVC_REAL_PHOTOS_MIRRORS` (default `/work/.mirror`); when one is missing, its photos are skipped and
the table says so. To fetch one:
`git clone --mirror https://github.com/<owner>/<name> <mirrors>/<owner>+<name>/repo`.

Documents: each photo (after its EXIF orientation) is run through `detect_page` and the OpenCV
Canny + largest-4-point-contour recipe (the baseline, same run), scored by IoU against the annotation; then
through the whole `docscan` page pipeline (colour), scored for uprightness — the annotation starts at the
page's own top-left corner — for bytes, effective dpi and CPU time (user + system of the process and of its
Tesseract subprocesses, so a loaded machine does not inflate it). Every photo is also turned by 90°, 180°
and 270° (losslessly) and must come out upright each time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.bench.report import format_table, percent
from kiosk.capture.docscan import DocscanError, process_image
from kiosk.capture.image_limits import ImageRefused, load_checked_image
from kiosk.capture.page_detect import (
    detect_page,
    detect_page_canny,
    order_corners,
    quad_iou,
    whole_image_corners,
)

MANIFESTS = Path(__file__).resolve().parents[2] / "resources" / "real_photos"
DEFAULT_MIRRORS = "/work/.mirror"
GOALS = {"mean_iou": 0.95, "share_iou_95": 0.90, "upright": 1.0, "max_kb": 150, "cpu_s_per_12mp": 1.0}
Progress = Callable[[str], None]


def mirrors_dir() -> Path:
    return Path(os.environ.get("DVC_REAL_PHOTOS_MIRRORS", DEFAULT_MIRRORS))


def git_dir(repo: str) -> Path:
    folder = mirrors_dir() / repo.replace("/", "+") / "repo"
    # Some snapshots are clones with a work tree: their git directory is repo/.git.
    return folder / ".git" if (folder / ".git").is_dir() else folder


def read_blob(repo: str, commit: str, path: str) -> bytes | None:
    """The file at `commit:path` in the repository's mirror, or None when the mirror or the file is absent."""
    folder = git_dir(repo)
    if not folder.is_dir():
        return None
    try:
        done = subprocess.run(["git", f"--git-dir={folder}", "show", f"{commit}:{path}"], capture_output=True,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def load_manifest(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MANIFESTS / name).read_text(encoding="utf-8"))
    return data


def _materialise(folder: Path, index: int, repo: str, commit: str, path: str) -> Path | None:
    blob = read_blob(repo, commit, path)
    if blob is None:
        return None
    target = folder / f"{index:03d}{Path(path).suffix.lower() or '.img'}"
    target.write_bytes(blob)
    return target


# ----------------------------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class DocumentRow:
    name: str
    what: str
    megapixels: float
    iou: dict[str, float]  # ours, canny (a detector that finds nothing scores the whole image)
    found: dict[str, bool]
    detect_cpu_ms: dict[str, float]
    upright: list[bool]  # as photographed, then turned 90°, 180°, 270°
    page_kb: float
    effective_dpi: int
    cpu_s: float  # the whole page pipeline, as photographed
    warnings: list[str] = field(default_factory=list)
    baseline_cpu_s: float = 0.0  # the OpenCV recipe (Canny contour, warp, JPEG) on the same photo
    orientation: list[str] = field(default_factory=list)  # what decided each turn: ocr / text / none
    has_up: bool = True  # False for a page with no mark of which way is up (a blank grid): not scored


@dataclass(frozen=True)
class DocumentsResult:
    rows: list[DocumentRow]
    skipped: list[str]  # names whose snapshot is absent

    def summary(self) -> dict[str, Any]:
        if not self.rows:
            return {}
        out: dict[str, Any] = {"photos": len(self.rows)}
        for method in ("ours", "canny"):
            ious = [r.iou[method] for r in self.rows]
            out[method] = {"mean_iou": statistics.fmean(ious),
                           "share_iou_95": sum(i >= 0.95 for i in ious) / len(ious),
                           "found": sum(r.found[method] for r in self.rows),
                           "median_detect_cpu_ms": statistics.median(r.detect_cpu_ms[method]
                                                                     for r in self.rows)}
        scored = [r for r in self.rows if r.has_up] or self.rows
        turns = [u for r in scored for u in r.upright]
        out["upright"] = sum(turns) / len(turns)
        out["upright_pages"] = f"{sum(u for r in scored for u in r.upright)}/{len(turns)}"
        out["upright_as_photographed"] = sum(r.upright[0] for r in scored) / len(scored)
        # Below 100 dpi (MIN_ORIENTATION_DPI) OCR is not asked and the page says its orientation is a guess.
        for name, group in (("upright_100dpi", [r for r in scored if r.effective_dpi >= 100]),
                            ("upright_low_dpi", [r for r in scored if r.effective_dpi < 100])):
            turned = [u for r in group for u in r.upright]
            out[name] = f"{sum(turned)}/{len(turned)}"
        low = [r for r in scored if r.effective_dpi < 100 and not all(r.upright)]
        out["wrong_low_dpi_flagged"] = f"{sum('orientation_uncertain' in r.warnings for r in low)}/{len(low)}"
        out["median_kb"] = statistics.median(r.page_kb for r in self.rows)
        out["max_kb"] = max(r.page_kb for r in self.rows)
        out["median_cpu_s"] = statistics.median(r.cpu_s for r in self.rows)
        # The goal is per 12 MP phone page: judged on the photos of 5 MP and more (the pipeline works on a
        # reduced copy, so small photos are not cheaper in proportion).
        large = [r.cpu_s for r in self.rows if r.megapixels >= 5] or [r.cpu_s for r in self.rows]
        out["cpu_s_large"] = statistics.median(large)
        out["max_cpu_s"] = max(r.cpu_s for r in self.rows)
        baseline = [r.baseline_cpu_s for r in self.rows if r.megapixels >= 5] or \
            [r.baseline_cpu_s for r in self.rows]
        out["baseline_cpu_s_large"] = statistics.median(baseline)
        out["cpu_ratio_large"] = out["cpu_s_large"] / max(1e-6, out["baseline_cpu_s_large"])
        return out

    def to_json_dict(self) -> dict[str, Any]:
        return {"rows": [asdict(r) for r in self.rows], "skipped": self.skipped, "summary": self.summary(),
                "goals": GOALS}


def _iou(found: np.ndarray | None, truth: np.ndarray, shape: tuple[int, ...]) -> float:
    return quad_iou(found if found is not None else whole_image_corners(shape), truth)


def _turn(image: np.ndarray, corners: np.ndarray, quarter_turns: int) -> tuple[np.ndarray, np.ndarray]:
    """The photo turned clockwise by quarter_turns × 90° (lossless), with its annotation."""
    h, w = image.shape[:2]
    turned = np.ascontiguousarray(np.rot90(image, k=-quarter_turns))
    pts = corners.astype(np.float64).copy()
    for _ in range(quarter_turns % 4):
        pts = np.stack([h - pts[:, 1], pts[:, 0]], axis=1)  # (x, y) → (h - y, x) for one clockwise turn
        h, w = w, h
    return turned, pts


def _cpu_s() -> float:
    """CPU seconds of this process (all its threads: OpenCV's too) and its finished children (Tesseract
    runs as a subprocess): a loaded machine does not inflate it the way wall-clock time would."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def opencv_recipe(image: np.ndarray) -> bytes:
    """The textbook OpenCV document scanner, as the CPU baseline: Canny + largest 4-point contour, a
    perspective warp to the quad's own size, and a JPEG (q75) of the result. No lighting correction, no
    orientation, no paper snapping."""
    import cv2

    corners = detect_page_canny(image)
    quad = order_corners(corners if corners is not None else whole_image_corners(image.shape))
    width = int(max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[3] - quad[0]), np.linalg.norm(quad[2] - quad[1])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    warped = cv2.warpPerspective(image, cv2.getPerspectiveTransform(quad.astype(np.float32), target),
                                 (max(1, width), max(1, height)))
    ok, data = cv2.imencode(".jpg", warped, [cv2.IMWRITE_JPEG_QUALITY, 75])
    return data.tobytes() if ok else b""


def _is_upright(found_corners: np.ndarray, rotation: int, truth: np.ndarray) -> bool:
    """True when the output page's top-left is the annotated page's top-left (truth[0])."""
    ordered = order_corners(found_corners)
    top_left = ordered[(-(rotation // 90)) % 4]
    nearest = int(np.argmin(np.linalg.norm(ordered - truth[0], axis=1)))
    return bool(np.allclose(ordered[nearest], top_left))


def _document_row(entry: dict[str, Any], file: Path, *, turns: bool) -> DocumentRow:
    image = load_checked_image(file)
    truth = np.array(entry["corners"], dtype=np.float64)
    iou: dict[str, float] = {}
    found: dict[str, bool] = {}
    cpu: dict[str, float] = {}
    for method in ("ours", "canny"):
        t0 = time.process_time()
        if method == "ours":
            detection = detect_page(image)
            corners = detection.corners if detection is not None else None
        else:
            corners = detect_page_canny(image)
        cpu[method] = (time.process_time() - t0) * 1000
        iou[method] = _iou(corners, truth, image.shape)
        found[method] = corners is not None
    upright: list[bool] = []
    decided_by: list[str] = []
    kb, dpi, cpu_s, warnings = 0.0, 0, 0.0, []
    has_up = entry.get("up") != "none"
    for quarter in range(4 if turns and has_up else 1):
        turned, turned_truth = _turn(image, truth, quarter)
        t0 = _cpu_s()
        page = process_image(turned, entry["name"])
        if quarter == 0:
            cpu_s = _cpu_s() - t0
            report = page.report
            kb, dpi, warnings = report.bytes / 1024, report.effective_dpi, list(report.warnings)
        upright.append(_is_upright(np.array(page.report.corners), page.report.rotation, turned_truth))
        decided_by.append(page.page.orientation_source)
    t0 = _cpu_s()
    opencv_recipe(image)
    baseline_s = _cpu_s() - t0
    h, w = image.shape[:2]
    return DocumentRow(entry["name"], entry["what"], round(h * w / 1e6, 1), iou, found, cpu, upright,
                       round(kb, 1), dpi, round(cpu_s, 2), warnings, round(baseline_s, 3), decided_by, has_up)


def run_documents(*, turns: bool = True, progress: Progress | None = None,
                  manifest: dict[str, Any] | None = None) -> DocumentsResult:
    manifest = manifest or load_manifest("documents.json")
    rows: list[DocumentRow] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-real-") as tmp:
        for index, entry in enumerate(manifest["photos"]):
            file = _materialise(Path(tmp), index, entry["repo"], entry["commit"], entry["path"])
            if file is None:
                skipped.append(entry["name"])
                continue
            if progress:
                progress(f"real photo {index + 1}/{len(manifest['photos'])}: {entry['name']}")
            try:
                rows.append(_document_row(entry, file, turns=turns))
            except (ImageRefused, DocscanError) as error:
                skipped.append(f"{entry['name']} ({error})")
    return DocumentsResult(rows, skipped)


def format_documents(result: DocumentsResult) -> str:
    if not result.rows:
        where = mirrors_dir()
        return ("Real photos (documents): skipped — no snapshot found under "
                f"{where} (set DVC_REAL_PHOTOS_MIRRORS; see kiosk/bench/real_photos.py).")
    table = [["photo", "MP", "IoU ours", "IoU Canny", "upright 0/90/180/270", "KB", "dpi", "CPU s",
              "OpenCV s", "warnings"]]
    for r in result.rows:
        table.append([r.name[:44], f"{r.megapixels:.1f}", f"{r.iou['ours']:.3f}", f"{r.iou['canny']:.3f}",
                      " ".join(("✓" if u else "✗") + (by[:1] if by else "")
                               for u, by in zip(r.upright, r.orientation or [""] * len(r.upright),
                                                strict=False)) if r.has_up else "no up (not scored)",
                      f"{r.page_kb:.0f}", str(r.effective_dpi), f"{r.cpu_s:.2f}", f"{r.baseline_cpu_s:.2f}",
                      ",".join(r.warnings)])
    s = result.summary()
    lines = [f"Real photos (documents): {len(result.rows)} photos by others, our corner annotations "
             "(upright: o = decided by OCR confidence, t = text statistic, n = no text; CPU = process + "
             "Tesseract children, medians)", "",
             format_table(table[0], table[1:]), ""]
    summary = [["", "ours", "OpenCV Canny+contour", "goal"],
               ["mean IoU", f"{s['ours']['mean_iou']:.3f}", f"{s['canny']['mean_iou']:.3f}",
                f"≥ {GOALS['mean_iou']}"],
               ["IoU ≥ 0.95", percent(s["ours"]["share_iou_95"]), percent(s["canny"]["share_iou_95"]),
                f"≥ {percent(GOALS['share_iou_95'])}"],
               ["page found", f"{s['ours']['found']}/{s['photos']}",
                f"{s['canny']['found']}/{s['photos']}", ""],
               ["median detect CPU ms", f"{s['ours']['median_detect_cpu_ms']:.0f}",
                f"{s['canny']['median_detect_cpu_ms']:.0f}", ""],
               ["upright (all turns)", f"{percent(s['upright'])} ({s['upright_pages']})", "", "100 %"],
               ["  pages ≥ 100 dpi / below", f"{s['upright_100dpi']} / {s['upright_low_dpi']}", "", ""],
               ["  < 100 dpi photos with a wrong turn: flagged", s["wrong_low_dpi_flagged"], "", "all"],
               ["KB per page (median / max)", f"{s['median_kb']:.0f} / {s['max_kb']:.0f}", "",
                f"≤ {GOALS['max_kb']}"],
               ["CPU s per page ≥ 5 MP (median)", f"{s['cpu_s_large']:.2f}",
                f"{s['baseline_cpu_s_large']:.2f} (ours ×{s['cpu_ratio_large']:.1f})",
                f"≤ {GOALS['cpu_s_per_12mp']}"],
               ["CPU s per page (median / max)", f"{s['median_cpu_s']:.2f} / {s['max_cpu_s']:.2f}", "", ""]]
    lines.append(format_table(summary[0], summary[1:]))
    if result.skipped:
        lines.append(f"skipped (snapshot absent): {', '.join(result.skipped)}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- passports


JUDGED_FIELDS = ("format", "document_code", "issuing_state", "nationality", "document_number", "surname",
                 "given_names", "date_of_birth", "sex", "expiry_date", "optional_data")


def expected_document(entry: dict[str, Any]) -> Any | None:
    """The annotation's document (`mrz` typed from the image, parsed with every check digit), or None
    for a specimen without one or printed with wrong check digits (`check_digits_valid: false`)."""
    from kiosk.domain.mrz import parse_travel_document

    if not entry.get("mrz") or entry.get("check_digits_valid") is False:
        return None
    return parse_travel_document(entry["mrz"])


def wrong_fields(read: Any, truth: Any) -> list[str]:
    """The fields of a read ForeignDocument that differ from the annotation's."""
    return [name for name in JUDGED_FIELDS if getattr(read, name) != getattr(truth, name)]


@dataclass(frozen=True)
class PassportRow:
    path: str
    expect: str
    read: bool
    format: str | None
    kind: str | None
    state: str | None
    cpu_ms: float
    error: str | None
    # Judged against the annotation: "right" (every field), "misread" (a field differs, or a specimen
    # printed with wrong check digits was accepted), "refused" (not read), or "" (not an expected format).
    verdict: str = ""
    wrong: list[str] = field(default_factory=list)  # the fields that differ
    flagged: bool = False  # read with the "name may be misread" warning
    must_refuse: bool = False  # printed with wrong check digits: refusing it is right
    repo: str = ""  # where the specimen comes from


@dataclass(frozen=True)
class PassportsResult:
    rows: list[PassportRow]
    skipped: list[str]

    def summary(self) -> dict[str, Any]:
        expected = [r for r in self.rows if r.expect in ("TD1", "TD3") and not r.must_refuse]
        out: dict[str, Any] = {"documents": len(self.rows), "expected": len(expected),
                               "read": sum(r.verdict == "right" for r in expected),
                               "misread": sum(r.verdict == "misread" for r in self.rows),
                               "misread_flagged": sum(r.verdict == "misread" and r.flagged
                                                      for r in self.rows),
                               "must_refuse": sum(r.must_refuse for r in self.rows),
                               "refused_right": sum(r.must_refuse and not r.read for r in self.rows),
                               "wrong_format": sum(r.read and r.format != r.expect for r in self.rows)}
        for fmt in ("TD1", "TD3"):
            group = [r for r in expected if r.expect == fmt]
            out[fmt] = {"read": sum(r.verdict == "right" for r in group),
                        "misread": sum(r.verdict == "misread" for r in group), "of": len(group)}
        out["by_repo"] = {repo: {"read": sum(r.verdict == "right" for r in expected if r.repo == repo),
                                 "misread": sum(r.verdict == "misread" for r in self.rows if r.repo == repo),
                                 "of": sum(r.repo == repo for r in expected)}
                          for repo in dict.fromkeys(r.repo for r in self.rows)}
        if self.rows:
            out["median_cpu_ms"] = statistics.median(r.cpu_ms for r in self.rows)
        return out

    def to_json_dict(self) -> dict[str, Any]:
        return {"rows": [asdict(r) for r in self.rows], "skipped": self.skipped, "summary": self.summary()}


def _judge(entry: dict[str, Any], doc: Any | None) -> tuple[str, list[str], bool]:
    """(verdict, wrong fields, must refuse) of one read against the entry's annotation."""
    must_refuse = entry.get("check_digits_valid") is False
    if must_refuse:
        return ("misread" if doc is not None else "refused"), [], True
    if entry["expect"] not in ("TD1", "TD3"):
        return ("misread" if doc is not None else ""), [], False
    if doc is None:
        return "refused", [], False
    truth = expected_document(entry)
    if truth is None:  # an expected document nobody annotated: judged by its format only
        return ("right" if doc.format == entry["expect"] else "misread"), [], False
    wrong = wrong_fields(doc, truth)
    return ("misread" if wrong else "right"), wrong, False


def run_passports(progress: Progress | None = None,
                  manifest: dict[str, Any] | None = None) -> PassportsResult:
    from kiosk.capture.idcard_reader import IdCardReader

    manifest = manifest or load_manifest("passports.json")
    reader = IdCardReader()
    rows: list[PassportRow] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-real-") as tmp:
        for index, entry in enumerate(manifest["documents"]):
            file = _materialise(Path(tmp), index, entry.get("repo", manifest["repo"]),
                                entry.get("commit", manifest["commit"]), entry["path"])
            if file is None:
                skipped.append(entry["path"])
                continue
            if progress and index % 10 == 0:
                progress(f"passport {index + 1}/{len(manifest['documents'])}")
            t0 = time.process_time()
            result = reader.read_image_file(file)
            cpu_ms = (time.process_time() - t0) * 1000
            doc = result.reading.document if result.reading is not None else None
            verdict, wrong, must_refuse = _judge(entry, doc)
            flagged = result.reading is not None and any(w.code == "mrz_name_uncertain"
                                                         for w in result.reading.warnings)
            rows.append(PassportRow(entry["path"].split("/")[-1], entry["expect"], result.reading is not None,
                                    doc.format if doc else None, doc.kind if doc else None,
                                    doc.issuing_state if doc else None, round(cpu_ms, 1),
                                    None if result.ok else f"{result.error_code}: {result.detail or ''}",
                                    verdict, wrong, flagged, must_refuse,
                                    entry.get("repo", manifest["repo"])))
    return PassportsResult(rows, skipped)


def format_passports(result: PassportsResult) -> str:
    if not result.rows:
        return ("Real passports and foreign ID cards: skipped — no snapshot of konstantint/PassportEye under "
                f"{mirrors_dir()} (set DVC_REAL_PHOTOS_MIRRORS).")
    s = result.summary()
    table = [["format", "read right", "misread", "of"],
             ["TD3 (passports)", str(s["TD3"]["read"]), str(s["TD3"]["misread"]), str(s["TD3"]["of"])],
             ["TD1 (ID cards)", str(s["TD1"]["read"]), str(s["TD1"]["misread"]), str(s["TD1"]["of"])]]
    misses = [f"{r.path} ({r.error})" for r in result.rows if r.verdict == "refused" and not r.must_refuse]
    misreads = [f"{r.path} ({', '.join(r.wrong) or 'should have been refused'}"
                f"{'; name flagged as uncertain' if r.flagged else ''})"
                for r in result.rows if r.verdict == "misread"]
    table += [[f"  from {repo}", str(v["read"]), str(v["misread"]), str(v["of"])]
              for repo, v in s["by_repo"].items()]
    lines = [f"Real passports and foreign ID cards (specimens from public repositories, judged field by "
             f"field against our annotation of each MRZ): {s['read']}/{s['expected']} read right, "
             f"{s['misread']} misread "
             f"({s['misread_flagged']} of them with the name flagged as uncertain), "
             f"{s['refused_right']}/{s['must_refuse']} specimens printed with wrong check digits refused, "
             f"median {s.get('median_cpu_ms', 0):.0f} ms CPU",
             format_table(table[0], table[1:])]
    if misreads:
        lines.append("misread: " + "; ".join(misreads))
    if misses:
        lines.append("not read: " + "; ".join(misses))
    return "\n".join(lines)


__all__ = [
    "JUDGED_FIELDS", "DocumentRow", "DocumentsResult", "PassportRow", "PassportsResult", "expected_document",
    "format_documents", "format_passports", "git_dir", "load_manifest", "mirrors_dir", "read_blob",
    "run_documents", "run_passports", "wrong_fields",
]
