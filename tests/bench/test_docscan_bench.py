"""The synthetic document photos (deterministic, truthful) and `kiosk bench docscan` on a tiny run."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.bench.docs_corpus import (
    A4_MM,
    FRAME_SIZES,
    MANIFEST,
    document_page,
    document_photo,
    quarter_turns_for,
    write_corpus,
)
from kiosk.bench.docscan_bench import (
    VARIANTS,
    format_result,
    normalise_words,
    ocr_text,
    run_bench,
    tesseract_available,
    word_accuracy,
)
from kiosk.capture.page_detect import polygon_area
from kiosk.cli import main

SCALE = 0.25


# ------------------------------------------------------------------------------------------- corpus


def test_the_same_seed_gives_the_same_photo_and_another_seed_another() -> None:
    a, b = document_photo(1, seed=3, scale=SCALE), document_photo(1, seed=3, scale=SCALE)
    assert np.array_equal(a.image, b.image) and np.array_equal(a.corners, b.corners) and a.lines == b.lines
    c = document_photo(1, seed=4, scale=SCALE)
    assert c.lines != a.lines and not np.array_equal(c.corners, a.corners)


def test_photos_cycle_frame_sizes_backgrounds_and_orientations() -> None:
    photos = [document_photo(i, seed=2, scale=SCALE) for i in range(4)]
    assert [p.frame_size for p in photos] == [(round(w * SCALE), round(h * SCALE)) for w, h in FRAME_SIZES]
    assert {p.background for p in photos} == {"wood", "desk", "dark", "patterned"}
    assert [quarter_turns_for(i) for i in range(10)] == [0, 0, 0, 1, 0, 0, 0, 2, 0, 0]
    full_sizes = [w * h / 1e6 for w, h in FRAME_SIZES]
    assert min(full_sizes) >= 7.9 and max(full_sizes) <= 13.0  # 8–13 MP at full scale


def test_the_page_lies_inside_the_frame_where_its_corners_say() -> None:
    photo = document_photo(5, seed=2, scale=SCALE)
    w, h = photo.frame_size
    assert (photo.corners >= 0).all()
    assert (photo.corners[:, 0] <= w).all() and (photo.corners[:, 1] <= h).all()
    assert 0.2 < polygon_area(photo.corners) / (w * h) < 0.9
    # Inside the corners is bright paper, just outside is the background: sample both near the centre
    # of each side.
    grey = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY).astype(float)
    centre = photo.corners.mean(axis=0)
    for i in range(4):
        mid = (photo.corners[i] + photo.corners[(i + 1) % 4]) / 2
        direction = (mid - centre) / np.linalg.norm(mid - centre)
        inside = mid - 6 * direction
        outside = mid + 6 * direction
        assert grey[int(inside[1]), int(inside[0])] > grey[int(outside[1]), int(outside[0])]


def test_the_known_text_is_vietnamese_and_complete() -> None:
    photo = document_photo(0, seed=2, scale=SCALE)
    text = "\n".join(photo.lines)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "STT Họ và tên Ngày sinh Quan hệ với chủ hộ" in text  # the table's header row
    assert len(photo.words) > 150
    page, words = document_page(2, dpi=60)
    assert page.shape == (round(297 / 25.4 * 60), round(210 / 25.4 * 60), 3) and len(words) > 150
    assert A4_MM == (210.0, 297.0)


def test_write_corpus_writes_jpegs_and_a_manifest(tmp_path: Path) -> None:
    written = write_corpus(tmp_path, 2, seed=9, scale=0.15)
    assert [p.suffix for p in written] == [".jpg", ".jpg"]
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["seed"] == 9 and len(manifest["photos"]) == 2
    first = manifest["photos"][0]
    assert first["file"] == written[0].name and len(first["corners"]) == 4 and first["lines"]
    assert cv2.imread(str(written[0])).shape[:2] == (first["frame_size"][1], first["frame_size"][0])


# ---------------------------------------------------------------------------------------- legibility


def test_word_accuracy_counts_known_words_found() -> None:
    truth = ["CỘNG", "HÒA", "XÃ", "HỘI", "Số:", "123/QĐ-UBND", "Hà", "Hà"]
    assert normalise_words("“Cộng” hòa, (xã) HỘI") == ["cộng", "hòa", "xã", "hội"]
    assert word_accuracy(truth, "CỘNG HÒA XÃ HỘI Số 123/QĐ-UBND Hà Hà") == 1.0
    assert word_accuracy(truth, "CONG HOA XA HOI So 123/QD-UBND Ha") == pytest.approx(0.0)
    assert word_accuracy(truth, "Cộng hòa Hà extra words") == pytest.approx(3 / 8)
    assert word_accuracy([], "anything") == 0.0


def test_tesseract_reads_a_clean_page() -> None:
    assert tesseract_available(), "packaging/bootstrap.sh installs tesseract-ocr and tesseract-ocr-vie"
    page, words = document_page(4, dpi=200)
    assert word_accuracy(words, ocr_text(cv2.cvtColor(page, cv2.COLOR_RGB2BGR))) > 0.9


# -------------------------------------------------------------------------------------------- bench


def test_a_tiny_bench_run(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_bench(1, seed=4, ocr=False, scale=SCALE)
    assert result.errors == () and len(result.photos) == 1
    photo = result.photos[0]
    assert photo.iou["ours"] > 0.95 and photo.found["ours"]
    assert set(photo.bytes) == {"photo", "reference", *(v.name for v in VARIANTS)}
    assert photo.bytes["color-mrc"] < photo.bytes["color-jpeg-q75"] < photo.bytes["reference"]
    assert all(v is None for v in photo.accuracy.values())
    text = format_result(result)
    for heading in ("corners", "Canny + contour", "median ms", "A4 page at 200 dpi", "MRC", "G4", "img2pdf"):
        assert heading in text
    data = json.loads(json.dumps(result.to_json_dict(), ensure_ascii=False))
    assert data["bench"] == "docscan" and data["summary"]["corners"]["ours"]["mean_iou"] > 0.95


def test_the_cli_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["bench", "docscan", "--count", "1", "--seed", "4", "--scale", "0.2", "--no-ocr", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bench"] == "docscan" and data["count"] == 1 and data["ocr"] is False
    assert main(["bench", "docscan", "--count", "0"]) == 2
