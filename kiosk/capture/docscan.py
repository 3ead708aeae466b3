"""The document pipeline: images → page found → page corrected → one PDF (+ its metadata beside it).

    report = scan_documents(["p1.jpg", "p2.jpg"], Path("out.pdf"), options=EnhanceOptions(mode="color"))

Every input is read and processed before anything is written, and files are written to a temporary name
in the output's folder, flushed to disk and then renamed: a failure (an unreadable image, a full disk)
leaves no half-written PDF behind. With `metadata` the PDF carries it (document info and XMP), and a JSON
file beside the PDF (`<name>.metadata.json`) holds it too, completed with the page count, the time of
digitisation and the PDF's SHA-256 (which cannot be inside the file it describes).

When no page is found in an image the whole image is used and the page says so (`WARNING_NO_PAGE`).
People are told with a notice (`warning_notice`); warnings in reports and JSON are stable codes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from kiosk.capture.image_limits import ImageRefused, check_name, load_checked_image
from kiosk.capture.page_detect import detect_page, whole_image_corners
from kiosk.capture.page_enhance import (
    WARNING_BLANK,
    WARNING_FOLDED,
    WARNING_LOW_DPI,
    WARNING_ORIENTATION,
    EnhancedPage,
    EnhanceOptions,
    enhance_page,
)
from kiosk.capture.pdf_builder import EncodedPage, EncodeSettings, build_pdf, encode_page
from kiosk.domain.documents import DEFAULT_CODE_PATTERN, DocumentMetadata
from kiosk.domain.notice import Notice, Param

log = logging.getLogger(__name__)

WARNING_NO_PAGE = "no_page_found"
METADATA_SUFFIX = ".metadata.json"

#: The warnings a page may carry. People get a notice ``page.<code>`` (`warning_notice`, words in
#: kiosk.ui.notice_texts); reports and JSON carry the codes.
PAGE_WARNINGS: tuple[str, ...] = (WARNING_NO_PAGE, WARNING_LOW_DPI, WARNING_BLANK, WARNING_ORIENTATION,
                                  WARNING_FOLDED)


def warning_notice(code: str) -> Notice:
    return Notice(f"page.{code}")


class DocscanError(Exception):
    """A document could not be scanned: `code` for programs, `notice` for people (``docscan.write_failed``,
    or the image refusal's ``image.…``; words in kiosk.ui.notice_texts). `str()` is for logs."""

    def __init__(self, code: str, source: str, notice: Notice | None = None, **params: Param) -> None:
        self.code = code
        self.source = source
        self.notice = notice or Notice(f"docscan.{code}", {"source": source, **params})
        super().__init__(f"{self.notice.code}: {source}" + "".join(f" {k}={v}" for k, v in params.items()))
        self.errors: tuple[DocscanError, ...] = (self,)  # one per bad file when several were bad

    @classmethod
    def refused(cls, refused: ImageRefused) -> DocscanError:
        return cls(refused.code, refused.source, refused.notice)

    @classmethod
    def many(cls, errors: Sequence[DocscanError]) -> DocscanError:
        """The first error, carrying all of them (the CLI prints each; JSON lists each)."""
        first = errors[0]
        error = cls(first.code, first.source, first.notice)
        error.errors = tuple(errors)
        return error

    def to_json_dict(self) -> dict[str, object]:
        """The code, the file and the notice (code, params); the CLI adds the words (message_vi/_en)."""
        return {"code": self.code, "source": self.source, "notice": self.notice.to_json_dict()}


#: Every notice code of a DocscanError of its own (image refusals add image_limits.NOTICE_CODES).
NOTICE_CODES = frozenset({"docscan.no_input", "docscan.output_folder", "docscan.processing_failed",
                          "docscan.write_failed", *(warning_notice(w).code for w in PAGE_WARNINGS)})


@dataclass(frozen=True)
class PageReport:
    """One page of `kiosk docscan --json` (fields may be added, never renamed or removed)."""

    source: str
    corners: tuple[tuple[float, float], ...]  # source pixels, clockwise from top-left
    width_px: int
    height_px: int
    effective_dpi: int
    bytes: int  # the page's encoded image data in the PDF
    blank: bool
    warnings: tuple[str, ...]
    elapsed_ms: float
    paper: str | None = None  # the standard paper the page snapped to
    rotation: int = 0  # clockwise degrees applied to make it upright

    def to_json_dict(self) -> dict[str, Any]:
        return {"source": self.source, "corners": [[round(x, 1), round(y, 1)] for x, y in self.corners],
                "width_px": self.width_px, "height_px": self.height_px, "effective_dpi": self.effective_dpi,
                "bytes": self.bytes, "blank": self.blank, "warnings": list(self.warnings),
                "elapsed_ms": round(self.elapsed_ms, 1), "paper": self.paper, "rotation": self.rotation}


@dataclass(frozen=True)
class DocscanReport:
    output: str
    pdf_bytes: int
    pages: tuple[PageReport, ...]
    sha256: str = ""
    metadata_file: str | None = None
    errors: tuple[DocscanError, ...] = ()  # files left out (only with keep_going)

    def to_json_dict(self) -> dict[str, Any]:
        return {"output": self.output, "pdf_bytes": self.pdf_bytes,
                "pages": [p.to_json_dict() for p in self.pages], "sha256": self.sha256,
                "metadata_file": self.metadata_file, "errors": [e.to_json_dict() for e in self.errors]}


@dataclass(frozen=True)
class ProcessedPage:
    """A page on its way into a PDF: the report, the corrected image and its encoding."""

    report: PageReport
    page: EnhancedPage
    encoded: EncodedPage = field(repr=False)


# ------------------------------------------------------------------------------------------- reading


def load_image(path: str | Path) -> np.ndarray:
    """A BGR image from a file (EXIF orientation applied), or DocscanError in both languages. The name,
    the file size and the header's dimensions are checked before anything is decoded (image_limits)."""
    try:
        return load_checked_image(path)
    except ImageRefused as refused:
        raise DocscanError.refused(refused) from None


# ---------------------------------------------------------------------------------------- processing


def process_image(image: np.ndarray, source: str, options: EnhanceOptions | None = None,
                  settings: EncodeSettings | None = None, *, started: float | None = None) -> ProcessedPage:
    """Find, correct and encode one page. `started` (perf_counter) lets the time include reading."""
    t0 = time.perf_counter() if started is None else started
    options = options or EnhanceOptions()
    detection = detect_page(image)
    warnings: list[str] = []
    if detection is None:
        corners = whole_image_corners(image.shape)
        warnings.append(WARNING_NO_PAGE)
    else:
        corners = detection.corners
    page = enhance_page(image, corners, options)
    encoded = encode_page(page.image, page.mode, page.dpi, settings)
    warnings += [w for w in page.warnings if w not in warnings]
    report = PageReport(
        source=source, corners=tuple((float(x), float(y)) for x, y in corners), width_px=page.width_px,
        height_px=page.height_px, effective_dpi=round(page.geometry.effective_dpi), bytes=encoded.nbytes,
        blank=page.blank, warnings=tuple(warnings), elapsed_ms=(time.perf_counter() - t0) * 1000,
        paper=page.geometry.paper, rotation=page.rotation,
    )
    return ProcessedPage(report, page, encoded)


def metadata_path(output: Path) -> Path:
    return output.with_name(output.stem + METADATA_SUFFIX)


def scan_documents(sources: Sequence[str | Path], output: str | Path, *,
                   options: EnhanceOptions | None = None, settings: EncodeSettings | None = None,
                   metadata: DocumentMetadata | None = None, code_pattern: str = DEFAULT_CODE_PATTERN,
                   now: datetime | None = None,
                   progress: Callable[[PageReport], None] | None = None,
                   keep_going: bool = False) -> DocscanReport:
    """One PDF at `output` with a page per source image, in order (and the metadata JSON beside it when
    `metadata` is given). Every input is tried; when any cannot be read, DocscanError (its `errors` list one
    per bad file) is raised before anything is written — unless `keep_going`, when the PDF holds the good
    pages and the report's `errors` lists the others."""
    if not sources:
        raise DocscanError("no_input", "")
    out = Path(output)
    if not out.parent.is_dir():
        raise DocscanError("output_folder", str(out), folder=str(out.parent))
    try:
        check_name(str(out))
    except ImageRefused as refused:
        raise DocscanError.refused(refused) from None
    processed: list[ProcessedPage] = []
    failures: list[DocscanError] = []
    for source in sources:  # every file is tried: one bad file never hides what is wrong with the others
        started = time.perf_counter()
        try:
            image = load_image(source)
            result = process_image(image, str(source), options, settings, started=started)
        except DocscanError as error:
            failures.append(error)
            continue
        except (cv2.error, MemoryError, ValueError) as error:  # a decodable image the pipeline cannot take
            log.warning("docscan could not process a page: %s", type(error).__name__)
            failures.append(DocscanError("processing_failed", str(source), error=type(error).__name__))
            continue
        processed.append(result)
        if progress is not None:
            progress(result.report)
    if failures and not (keep_going and processed):
        raise DocscanError.many(failures)
    when = now or datetime.now(UTC).astimezone()
    meta = metadata.with_file(page_count=len(processed), digitised_at=metadata.digitised_at or when) \
        if metadata is not None else None
    pdf = build_pdf([p.encoded for p in processed], meta, code_pattern=code_pattern, created=when)
    digest = hashlib.sha256(pdf).hexdigest()
    sidecar: Path | None = None
    files: list[tuple[Path, bytes]] = [(out, pdf)]
    if meta is not None:
        sidecar = metadata_path(out)
        record = meta.with_file(sha256=digest).to_json_dict(code_pattern)
        record["file"] = out.name
        files.append((sidecar, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
    _write_all(files)
    log.info("docscan wrote %d page(s), %d bytes", len(processed), len(pdf))
    return DocscanReport(output=str(output), pdf_bytes=len(pdf), pages=tuple(p.report for p in processed),
                         sha256=digest, metadata_file=str(sidecar) if sidecar else None,
                         errors=tuple(failures))


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file under a temporary name, fsync, then rename them all into place; on a failure
    remove whatever was written (no half-written output)."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((Path(name), target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, target in temps:
            os.replace(tmp, target)
    except OSError as error:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        first = files[0][0]
        reason = error.strerror or error
        raise DocscanError("write_failed", str(first), reason=str(reason)) from error
    _fsync_dir(files[0][0].parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = [
    "METADATA_SUFFIX", "NOTICE_CODES", "PAGE_WARNINGS", "WARNING_NO_PAGE", "DocscanError", "DocscanReport",
    "PageReport", "ProcessedPage", "load_image", "metadata_path", "process_image", "scan_documents",
    "warning_notice",
]
