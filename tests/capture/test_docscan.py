"""The document pipeline and `kiosk docscan`: images in, one PDF (and its metadata) out, nothing
half-written on failure, and the JSON contract."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pikepdf
import pytest

from kiosk.bench.docs_corpus import document_photo
from kiosk.capture.docscan import (
    WARNING_NO_PAGE,
    DocscanError,
    load_image,
    metadata_path,
    scan_documents,
)
from kiosk.capture.page_detect import quad_iou
from kiosk.capture.page_enhance import EnhanceOptions
from kiosk.cli import main
from kiosk.domain.documents import PERMANENT, DocumentMetadata
from kiosk.ui.texts import say
from tests.isolation import isolated_from_the_machine

CONTRACT_PAGE_KEYS = {"source", "corners", "width_px", "height_px", "effective_dpi", "bytes", "blank",
                      "warnings", "elapsed_ms"}


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    with isolated_from_the_machine(monkeypatch, tmp_path):
        yield


@pytest.fixture(scope="module")
def photo_files(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, np.ndarray]]:
    """Two small synthetic document photos written as camera JPEGs, with their true corners."""
    folder = tmp_path_factory.mktemp("photos")
    out = []
    for index in (0, 2):
        photo = document_photo(index, seed=21, scale=0.3)
        path = folder / f"trang {index + 1}.jpg"  # a space and a Vietnamese-style name: paths are paths
        ok, buf = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, 92])
        assert ok
        path.write_bytes(buf.tobytes())
        out.append((path, photo.corners))
    return out


def meta() -> DocumentMetadata:
    return DocumentMetadata(document_type_code="GXN", document_name="Giấy xác nhận cư trú",
                            summary="Xác nhận nơi cư trú", validity=PERMANENT, owner_id_number="001089012345",
                            document_number="45/XN-UBND", issue_date=date(2025, 1, 2),
                            digitised_by="Quầy 3")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------------------------- pipeline


def test_photos_become_one_pdf_with_a_page_each(photo_files: list[tuple[Path, np.ndarray]],
                                                tmp_path: Path) -> None:
    out = tmp_path / "hồ sơ.pdf"
    seen: list[str] = []
    report = scan_documents([p for p, _ in photo_files], out, options=EnhanceOptions(dpi=100),
                            progress=lambda page: seen.append(page.source))
    assert seen == [str(p) for p, _ in photo_files]
    assert out.is_file() and report.pdf_bytes == out.stat().st_size
    assert report.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert report.metadata_file is None and not metadata_path(out).exists()
    assert leftovers(tmp_path) == ["hồ sơ.pdf"]
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2
    for page, (_, truth) in zip(report.pages, photo_files, strict=True):
        assert quad_iou(np.array(page.corners), truth) > 0.9
        # ~1 MP photos: A4 at their own effective resolution (never upsampled to the requested 100 dpi)
        dpi = min(100, page.effective_dpi)
        assert (page.width_px, page.height_px) == (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
        assert page.effective_dpi < 200 and "low_dpi" in page.warnings
        assert not page.blank and page.bytes > 0 and page.elapsed_ms > 0


def test_metadata_is_written_beside_the_pdf_with_its_hash(photo_files: list[tuple[Path, np.ndarray]],
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    when = datetime(2025, 5, 6, 7, 8, tzinfo=UTC)
    report = scan_documents([photo_files[0][0]], out, options=EnhanceOptions(dpi=100, mode="gray"),
                            metadata=meta(), now=when)
    sidecar = metadata_path(out)
    assert report.metadata_file == str(sidecar) and sidecar.name == "out.metadata.json"
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert record["page_count"] == 1 and record["digitised_at"] == "2025-05-06T07:08:00+00:00"
    assert record["document_code"] == "001089012345.GXN.45-XN-UBND.01" and record["file"] == "out.pdf"
    assert DocumentMetadata.from_json_dict({k: v for k, v in record.items() if k != "file"}).sha256 == \
        report.sha256
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.Keywords) == "001089012345.GXN.45-XN-UBND.01"
    assert leftovers(tmp_path) == ["out.metadata.json", "out.pdf"]


def test_an_image_without_a_page_is_used_whole_with_a_warning(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    plain = np.clip(rng.normal(120, 3, (300, 400, 3)), 0, 255).astype(np.uint8)
    source = tmp_path / "plain.png"
    cv2.imwrite(str(source), plain)
    report = scan_documents([source], tmp_path / "plain.pdf", options=EnhanceOptions(dpi=100))
    (page,) = report.pages
    assert WARNING_NO_PAGE in page.warnings
    assert [list(c) for c in page.corners] == [[0, 0], [400, 0], [400, 300], [0, 300]]


@pytest.mark.parametrize("content", [b"hello, this is not an image\n", b""])
def test_a_text_file_fails_clearly_and_writes_nothing(tmp_path: Path, content: bytes,
                                                      photo_files: list[tuple[Path, np.ndarray]]) -> None:
    bad = tmp_path / "ghi chú.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.pdf"
    with pytest.raises(DocscanError) as caught:
        scan_documents([photo_files[0][0], bad], out, metadata=meta())  # the good page first
    error = caught.value
    assert error.code == "not_an_image" and error.source == str(bad)
    assert error.notice.code in {"image.damaged", "image.empty"} and error.notice.params["source"] == str(bad)
    assert "Không đọc được ảnh" in say(error.notice, "vi") and "not an image" in say(error.notice, "en")
    assert leftovers(tmp_path) == ["ghi chú.txt"]  # no PDF, no metadata, no temporary file


def test_a_corrupt_jpeg_fails_clearly_and_writes_nothing(tmp_path: Path,
                                                         photo_files: list[tuple[Path, np.ndarray]]) -> None:
    data = photo_files[0][0].read_bytes()
    corrupt = tmp_path / "hỏng.jpg"
    corrupt.write_bytes(data[:200])  # the header survives, the picture does not
    with pytest.raises(DocscanError) as caught:
        scan_documents([corrupt], tmp_path / "out.pdf")
    assert caught.value.code == "not_an_image"
    assert leftovers(tmp_path) == ["hỏng.jpg"]


def test_missing_inputs_and_output_folders_are_reported(tmp_path: Path) -> None:
    with pytest.raises(DocscanError) as caught:
        load_image(tmp_path / "nope.jpg")
    assert caught.value.code == "not_found" and "Không tìm thấy" in say(caught.value.notice, "vi")
    with pytest.raises(DocscanError) as caught:
        load_image(tmp_path)
    assert caught.value.code in {"unreadable", "not_an_image"}
    with pytest.raises(DocscanError) as caught:
        scan_documents([tmp_path / "a.jpg"], tmp_path / "missing" / "out.pdf")
    assert caught.value.code == "output_folder"
    with pytest.raises(DocscanError) as caught:
        scan_documents([], tmp_path / "out.pdf")
    assert caught.value.code == "no_input"


def test_a_failed_write_leaves_no_temporary_file(photo_files: list[tuple[Path, np.ndarray]], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DocscanError) as caught:
        scan_documents([photo_files[0][0]], tmp_path / "out.pdf", options=EnhanceOptions(dpi=100))
    assert caught.value.code == "write_failed" and "No space" in say(caught.value.notice, "en")
    assert leftovers(tmp_path) == []


# ------------------------------------------------------------------------------------------------- CLI


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_contract(photo_files: list[tuple[Path, np.ndarray]], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "OUT.pdf"
    code, stdout, _ = run(capsys, "docscan", *(p for p, _ in photo_files), "-o", out, "--json",
                          "--data-dir", tmp_path / "data")
    assert code == 0
    (line,) = stdout.splitlines()  # one JSON object
    data = json.loads(line)
    assert data["output"] == str(out) and data["pdf_bytes"] == out.stat().st_size
    assert len(data["pages"]) == 2
    for page, (path, truth) in zip(data["pages"], photo_files, strict=True):
        assert set(page) >= CONTRACT_PAGE_KEYS
        assert page["source"] == str(path)
        corners = page["corners"]
        assert len(corners) == 4 and all(len(c) == 2 and all(isinstance(v, float | int) for v in c)
                                         for c in corners)
        assert quad_iou(np.array(corners, float), truth) > 0.9
        assert min(range(4), key=lambda i: corners[i][0] + corners[i][1]) == 0  # from the top-left
        dpi = min(200, page["effective_dpi"])  # A4 at 200 dpi, or at the photo's own lower resolution
        assert (page["width_px"], page["height_px"]) == (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
        assert isinstance(page["effective_dpi"], int) and isinstance(page["bytes"], int)
        assert page["blank"] is False and isinstance(page["warnings"], list)
        assert isinstance(page["elapsed_ms"], float)


def test_cli_modes_dpi_and_human_output(photo_files: list[tuple[Path, np.ndarray]], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bw.pdf"
    code, stdout, _ = run(capsys, "docscan", photo_files[1][0], "-o", out, "--mode", "bw", "--dpi", "150",
                          "--data-dir", tmp_path / "data")
    assert code == 0 and "trang 1" in stdout and "dpi thực" in stdout  # at most 1240×1754 (150 dpi)
    with pikepdf.open(out) as pdf:
        (image,) = pdf.pages[0].Resources.XObject.values()
        assert int(image.BitsPerComponent) == 1


def test_cli_metadata_file(photo_files: list[tuple[Path, np.ndarray]], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    record = meta().to_json_dict()
    good = tmp_path / "meta.json"
    good.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "m.pdf"
    code, stdout, _ = run(capsys, "docscan", photo_files[0][0], "-o", out, "--metadata", good, "--json",
                          "--data-dir", tmp_path / "data")
    assert code == 0
    assert json.loads(stdout)["metadata_file"] == str(tmp_path / "m.metadata.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**record, "owner_id_number": "123"}), encoding="utf-8")
    code, stdout, err = run(capsys, "docscan", photo_files[0][0], "-o", tmp_path / "n.pdf", "--metadata", bad,
                            "--data-dir", tmp_path / "data")
    assert code == 2 and "12 chữ số" in err and "12 digits" in err and not (tmp_path / "n.pdf").exists()


def test_cli_exit_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "note.txt"
    text.write_text("not an image", encoding="utf-8")
    out = tmp_path / "x.pdf"
    code, stdout, err = run(capsys, "docscan", text, "-o", out, "--json", "--data-dir", tmp_path / "data")
    assert code == 1 and not out.exists()
    assert "Không đọc được ảnh" in err and "not an image" in err
    assert json.loads(stdout)["error"]["code"] == "not_an_image"
    assert run(capsys, "docscan", text, "--data-dir", tmp_path / "data")[0] == 2  # -o is required
    assert run(capsys, "docscan", "-o", out, "--data-dir", tmp_path / "data")[0] == 2  # no image
    assert run(capsys, "docscan", text, "-o", out, "--mode", "sepia")[0] == 2
    assert run(capsys, "docscan", text, "-o", out, "--dpi", "20")[0] == 2


def test_the_pdf_pages_are_a4_at_100_percent(photo_files: list[tuple[Path, np.ndarray]],
                                              tmp_path: Path) -> None:
    out = tmp_path / "a4.pdf"
    scan_documents([photo_files[0][0]], out)
    with pikepdf.open(io.BytesIO(out.read_bytes())) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box[2:] == pytest.approx([210 / 25.4 * 72, 297 / 25.4 * 72], abs=0.6)  # A4 (at any dpi)


def test_a_small_distant_photo_is_written_at_its_own_resolution_with_a_warning(tmp_path: Path) -> None:
    """A ~36 dpi page (a 0.3 MP photo, or a page far from the camera) is never upsampled to A4 at the
    requested 200 dpi: the PDF page holds A4 at no more than the source's own resolution (100 % scale),
    costs a fraction of the bytes, and says low_dpi (the documents screen shows it per page)."""
    photo = document_photo(0, seed=21, scale=0.2)
    path = tmp_path / "xa.jpg"
    path.write_bytes(cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes())
    out = tmp_path / "xa.pdf"
    report = scan_documents([path], out, options=EnhanceOptions(dpi=200))
    page = report.pages[0]
    assert 30 <= page.effective_dpi <= 45 and abs(page.effective_dpi - photo.page_dpi) < 5
    assert "low_dpi" in page.warnings
    # Never more pixels than the source has (a deskew may widen the canvas by a few; the page may be turned).
    short, long = sorted((page.width_px, page.height_px))
    assert short <= 210 / 25.4 * page.effective_dpi * 1.03 and long <= 297 / 25.4 * page.effective_dpi * 1.03
    assert page.bytes < 40_000  # vs ~250–340 KB for the same page blown up to 200 dpi
    with pikepdf.open(out) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        mm = sorted(((box[2] - box[0]) / 72 * 25.4, (box[3] - box[1]) / 72 * 25.4))
        assert abs(mm[0] - 210) < 8 and abs(mm[1] - 297) < 8  # A4 at 100 % scale (plus the deskew's margin)
        image = next(iter(pdf.pages[0].get_images().values()))
        assert (int(image.Width), int(image.Height)) == (page.width_px, page.height_px)


def test_cli_keep_going_lists_every_bad_file_in_json_and_files_the_good_pages(
        photo_files: list[tuple[Path, np.ndarray]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Images that cannot hurt: a header claiming 30000×30000, one over 2^30 pixels, a 1×20000 strip, a
    truncated JPEG, a text file, a name with a control character and a missing file each get their own
    JSON error; the run goes on and the PDF holds the two good pages."""
    import struct

    def jpeg_header(width: int, height: int) -> bytes:
        components = b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
        sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + components
        return (b"\xff\xd8" + sof + b"\x00" * 300)[:332]

    bad = {"bomb.jpg": jpeg_header(30000, 30000), "giga.jpg": jpeg_header(40000, 30000),
           "cut.jpg": photo_files[0][0].read_bytes()[:2000], "notes.jpg": b"not an image\n" * 20,
           "chu\x07ong.jpg": photo_files[0][0].read_bytes()}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    cv2.imwrite(str(tmp_path / "strip.png"), np.full((20000, 1, 3), 200, np.uint8))
    order = [str(photo_files[0][0]), *(str(tmp_path / n) for n in ("bomb.jpg", "giga.jpg", "strip.png",
             "cut.jpg", "notes.jpg", "chu\x07ong.jpg", "missing.jpg")), str(photo_files[1][0])]
    out = tmp_path / "out.pdf"
    code = main(["docscan", *order, "-o", str(out), "--keep-going", "--json", "--dpi", "100",
                 "--data-dir", str(tmp_path / "data")])
    record = json.loads(capsys.readouterr().out)
    assert code == 1  # something was left out
    assert record["output"] == str(out) and len(record["pages"]) == 2 and out.is_file()
    assert [e["code"] for e in record["errors"]] == [
        "image_too_large", "image_too_large", "image_too_small", "truncated", "not_an_image",
        "name_control_chars", "not_found"]
    assert all(e["message_vi"] and e["message_en"] for e in record["errors"])
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2
