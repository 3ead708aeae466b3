"""Images that cannot hurt: bombs, strips, truncated files and hostile names are refused before decoding,
with a reason in JSON, and one bad file never stops a multi-file run."""

from __future__ import annotations

import json
import struct
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk import cli
from kiosk.capture.docscan import DocscanError, scan_documents
from kiosk.capture.idcard_reader import IdCardReader
from kiosk.capture.image_limits import ImageRefused, check_name, load_checked_image, read_header
from tests.isolation import isolated_from_the_machine


def jpeg_bomb_header(width: int, height: int) -> bytes:
    """A JPEG that is nothing but a header claiming width × height (SOI, DQT, SOF0, DHT, SOS, no data)."""
    soi = b"\xff\xd8"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    components = b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + components
    dht_dc = b"\xff\xc4" + struct.pack(">H", 31) + b"\x00" + bytes([0, 1, 5, 1, 1, 1, 1, 1, 1] + [0] * 7) \
        + bytes(range(12))
    sos = b"\xff\xda" + struct.pack(">HB", 12, 3) + b"\x01\x00\x02\x00\x03\x00" + b"\x00\x3f\x00"
    data = soi + dqt + sof + dht_dc + sos
    return data + b"\x00" * (332 - len(data))


def page_photo(path: Path, size: tuple[int, int] = (900, 1200)) -> Path:
    w, h = size
    image = np.full((h, w, 3), 90, np.uint8)
    cv2.rectangle(image, (w // 8, h // 10), (w - w // 8, h - h // 10), (235, 235, 235), -1)
    for y in range(h // 5, h - h // 5, 40):
        cv2.line(image, (w // 5, y), (w - w // 4, y), (40, 40, 40), 3)
    cv2.imwrite(str(path), image)
    return path


def test_a_332_byte_header_claiming_30000_by_30000_is_refused_at_once(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jpg"
    bomb.write_bytes(jpeg_bomb_header(30000, 30000))
    assert bomb.stat().st_size == 332
    small_bomb = tmp_path / "small_bomb.jpg"
    small_bomb.write_bytes(jpeg_bomb_header(13000, 13000))
    header = read_header(small_bomb)
    assert (header.format, header.width, header.height) == ("JPEG", 13000, 13000)
    started = time.perf_counter()
    with pytest.raises(ImageRefused) as refused:
        load_checked_image(bomb)
    assert refused.value.code == "image_too_large"
    assert time.perf_counter() - started < 1.0
    # Pillow's own bomb check says how many pixels
    assert "900000000 pixels" in str(refused.value.notice.params["detail"])
    with pytest.raises(ImageRefused) as refused:
        load_checked_image(small_bomb)  # 169 MP: a JPEG, but beyond a reduced decode's reach
    assert refused.value.code == "image_too_large"


def test_over_two_to_the_thirty_pixels_is_refused_even_within_the_side_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "wide.jpg"
    bomb.write_bytes(jpeg_bomb_header(19000, 19000))  # 361 MP; sides within 20000
    with pytest.raises(ImageRefused) as refused:
        load_checked_image(bomb)
    assert refused.value.code == "image_too_large"
    bigger = tmp_path / "bigger.jpg"
    bigger.write_bytes(jpeg_bomb_header(40000, 30000))  # 1.2 G pixels > 2^30
    with pytest.raises(ImageRefused):
        load_checked_image(bigger)


def test_a_1_by_20000_strip_is_refused_by_its_shape(tmp_path: Path) -> None:
    strip = tmp_path / "strip.png"
    cv2.imwrite(str(strip), np.full((20000, 1, 3), 200, np.uint8))
    with pytest.raises(ImageRefused) as refused:
        load_checked_image(strip)
    assert refused.value.code == "image_too_small"
    long = tmp_path / "long.png"
    cv2.imwrite(str(long), np.full((9000, 100, 3), 200, np.uint8))
    with pytest.raises(ImageRefused) as refused:
        load_checked_image(long)
    assert refused.value.code == "image_shape"


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    good = page_photo(tmp_path / "good.jpg")
    assert load_checked_image(good).shape[:2] == (1200, 900)
    cut = tmp_path / "cut.jpg"
    data = good.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageRefused) as refused:
        load_checked_image(cut)
    assert refused.value.code == "truncated"
    cut_png = tmp_path / "cut.png"
    cv2.imwrite(str(tmp_path / "good.png"), load_checked_image(good))
    png = (tmp_path / "good.png").read_bytes()
    cut_png.write_bytes(png[: len(png) // 2])
    with pytest.raises(ImageRefused):
        load_checked_image(cut_png)


def test_a_large_jpeg_is_decoded_reduced_not_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    cv2.imwrite(str(big), np.full((5000, 9000, 3), 180, np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 50])  # 45 MP
    image = load_checked_image(big)
    assert image.shape[:2] == (2500, 4500)


@pytest.mark.parametrize(("name", "code"), [
    ("page\x07.jpg", "name_control_chars"),
    ("page\n1.jpg", "name_control_chars"),
    ("<script>alert(1)</script>.jpg", "name_markup"),
    ("p&amp;.jpg", "name_markup"),
    ("a" * 300 + ".jpg", "name_too_long"),
])
def test_hostile_names_are_refused_with_a_reason(name: str, code: str) -> None:
    with pytest.raises(ImageRefused) as refused:
        check_name(name)
    assert refused.value.code == code
    assert "\n" not in refused.value.source and "\x07" not in refused.value.source
    assert len(refused.value.source) <= 201


def test_vietnamese_names_are_fine() -> None:
    check_name("/tmp/giấy khai sinh – trang 1.jpg")


def test_docscan_reports_every_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    good = page_photo(tmp_path / "p1.jpg")
    bomb = tmp_path / "bomb.jpg"
    bomb.write_bytes(jpeg_bomb_header(30000, 30000))
    missing = tmp_path / "missing.jpg"
    out = tmp_path / "out.pdf"
    with pytest.raises(DocscanError) as error:
        scan_documents([good, bomb, missing], out)
    assert [e.code for e in error.value.errors] == ["image_too_large", "not_found"]
    assert not out.exists()
    report = scan_documents([good, bomb, missing], out, keep_going=True)
    assert len(report.pages) == 1 and out.exists()
    assert [e.code for e in report.errors] == ["image_too_large", "not_found"]


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    with isolated_from_the_machine(monkeypatch, tmp_path):
        yield


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main([*argv, "--data-dir", str(Path(argv[-1]).parent / "data")])
    return code, capsys.readouterr().out


def test_docscan_cli_json_lists_each_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = page_photo(tmp_path / "p1.jpg")
    strip = tmp_path / "strip.png"
    cv2.imwrite(str(strip), np.full((20000, 1, 3), 200, np.uint8))
    code, out = run_cli(["docscan", str(good), str(strip), "-o", str(tmp_path / "o.pdf"), "--json"], capsys)
    assert code == 1
    record = json.loads(out)
    assert record["output"] is None
    assert [e["code"] for e in record["errors"]] == ["image_too_small"]


def test_idcard_read_goes_on_after_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.jpg"
    bomb.write_bytes(jpeg_bomb_header(30000, 30000))
    cut = tmp_path / "cut.jpg"
    data = page_photo(tmp_path / "p.jpg").read_bytes()
    cut.write_bytes(data[: len(data) // 3])
    strip = tmp_path / "strip.png"
    cv2.imwrite(str(strip), np.full((20000, 1, 3), 200, np.uint8))
    plain = page_photo(tmp_path / "plain.jpg")
    code, out = run_cli(["idcard", "read", "--json", str(bomb), str(cut), str(strip), str(plain)], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["file"] for r in records] == [str(bomb), str(cut), str(strip), str(plain)]
    assert records[0]["error_code"] == "image_refused" and "image_too_large" in records[0]["detail"]
    assert records[1]["error_code"] == "unreadable_image" and "truncated" in records[1]["detail"]
    assert "image_too_small" in records[2]["detail"]
    assert records[3]["error_code"] == "no_code_found"


def test_reader_refuses_without_raising(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jpg"
    bomb.write_bytes(jpeg_bomb_header(30000, 30000))
    result = IdCardReader(mrz=False).read_image_file(bomb)
    assert result.error_code == "image_refused"
    assert sys.getsizeof(result) < 10_000
