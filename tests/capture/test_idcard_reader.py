"""IdCardReader on the bundled samples, on short Vietnamese payloads (which zbar used to mangle), and on bad
input."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import segno
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.capture.idcard_reader import IdCardReader, looks_garbled
from kiosk.capture.resources import sample_cards_dir
from kiosk.ui.texts import say

MANIFEST = json.loads((sample_cards_dir() / "manifest.json").read_text(encoding="utf-8"))
WITH_QR = [e for e in MANIFEST if e["has_qr"] and e.get("id_number")]
CARD_WITHOUT_QR = [e for e in MANIFEST if not e["has_qr"] and e.get("id_number")]

# Short Vietnamese text: zbar guessed Shift-JIS or Big5 for these UTF-8 bytes (DOMAIN.md §1); zxing-cpp reads
# them right.
SHORT_CARD = "001089012345||Lê Ân|01011989|Nam|Huế|01012022"


def qr_frame(text: str, scale: int = 6) -> np.ndarray:
    """A clean grey image of a QR code holding `text` as UTF-8 bytes without ECI, as the cards print it."""
    qr = segno.make(text, encoding="utf-8", error="m", micro=False, boost_error=False)
    modules = np.pad(np.array([list(r) for r in qr.matrix], dtype=bool), 4)
    grey = np.where(modules, 0, 255).astype(np.uint8)
    return np.kron(grey, np.ones((scale, scale), np.uint8))


def _imread(path: Path) -> np.ndarray:
    frame = cv2.imread(str(path))
    assert frame is not None
    return frame


@pytest.fixture(scope="module")
def reader() -> IdCardReader:
    return IdCardReader()


@pytest.mark.parametrize("entry", WITH_QR, ids=lambda e: e["file"])
def test_every_sample_with_a_qr_reads_right(reader: IdCardReader, entry: dict[str, Any]) -> None:
    result = reader.read_image_file(sample_cards_dir() / entry["file"])
    assert result.ok and result.error_code is None
    assert result.decoder == "zxing"
    assert result.reading is not None
    assert result.reading.id_number == entry["id_number"]
    assert result.reading.full_name == entry["full_name"]
    assert unicodedata.is_normalized("NFC", result.reading.full_name)
    assert result.payload == entry["qr_payload"]
    assert result.quad is not None and len(result.quad) == 4
    assert all(0 <= x <= 1280 and 0 <= y <= 720 for x, y in result.quad)
    assert result.frame_size == (1280, 720)
    assert result.notice.code == "card.read"
    # Privacy: the repr (what ends up in a log line by accident) carries no personal data.
    assert entry["full_name"] not in repr(result) and entry["id_number"] not in repr(result)


@pytest.mark.parametrize("entry", CARD_WITHOUT_QR, ids=lambda e: e["file"])
def test_card_side_without_a_qr_is_located(entry: dict[str, Any]) -> None:
    result = IdCardReader(mrz=False).read_image_file(sample_cards_dir() / entry["file"])  # QR path only
    assert result.error_code == "no_code_found" and result.reading is None
    assert result.card_quad is not None
    error = np.abs(np.array(result.card_quad) - np.array(entry["corners"])).max()
    assert error < 40  # good enough to draw an outline and judge the card's size


def test_a_qr_that_is_not_an_id_card(reader: IdCardReader) -> None:
    result = reader.read_image_file(sample_cards_dir() / "90_not_an_id_card.png")
    assert result.error_code == "not_an_id_card"
    assert result.reading is None and result.payload is None
    assert result.decoder == "zxing" and result.quad is not None
    assert "thẻ căn cước" in say(result.notice, "vi") and "not from an ID card" in say(result.notice, "en")
    assert result.detail  # the technical reason, for staff


def test_empty_desk(reader: IdCardReader) -> None:
    result = reader.read_image_file(sample_cards_dir() / "91_empty_desk.png")
    assert result.error_code == "no_code_found"
    assert result.reading is None and result.quad is None and result.card_quad is None


def test_broken_files_are_unreadable_images_not_crashes(reader: IdCardReader, tmp_path: Path) -> None:
    sample = (sample_cards_dir() / "01_nguyen_van_an_front.png").read_bytes()
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(sample[: len(sample) // 3])
    text = tmp_path / "card.txt"
    text.write_text("001089012345|123456789|Nguyễn Văn An|15071989|Nam|Hà Nội|20052021", encoding="utf-8")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    for path in (truncated, text, empty, tmp_path / "missing.png", tmp_path):
        result = reader.read_image_file(path)
        assert result.error_code == "unreadable_image", path
        assert result.reading is None and result.notice.code == "card.unreadable_image"


@pytest.mark.parametrize("frame", [None, np.zeros((0, 0, 3), np.uint8), np.zeros((10, 10, 3), np.float32),
                                   np.zeros((10, 10, 2), np.uint8), "frame.png"])
def test_frames_that_are_not_images(reader: IdCardReader, frame: Any) -> None:
    assert reader.read_frame(frame).error_code == "unreadable_image"


def test_grey_and_bgra_frames_read_too(reader: IdCardReader) -> None:
    grey = qr_frame(SHORT_CARD)
    bgra = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGRA)
    for frame in (grey, grey[:, :, None], bgra):
        result = reader.read_frame(frame)
        assert result.reading is not None and result.reading.full_name == "Lê Ân"


def test_short_vietnamese_payload_reads_right_with_zxing(reader: IdCardReader) -> None:
    result = reader.read_frame(qr_frame(SHORT_CARD))
    assert result.decoder == "zxing"
    assert result.reading is not None
    assert (result.reading.full_name, result.reading.address) == ("Lê Ân", "Huế")
    assert result.reading.warnings == ()


def test_card_text_that_looks_garbled_is_never_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    # Text no codec can undo (C1 controls from a broken Big5 guess): a retry, never a wrong name.
    garbled = "001089012345||廙\x80廙\x80|01011989|Nam|Huế|01012022"
    quad = [(10.0, 10.0), (90.0, 10.0), (90.0, 90.0), (10.0, 90.0)]
    monkeypatch.setattr(IdCardReader, "_decode", lambda self, decoder, grey: [(garbled, quad)])
    result = IdCardReader(rescues=False, mrz=False).read_frame(np.full((100, 100), 255, np.uint8))
    assert result.reading is None
    assert result.error_code == "code_unreadable"
    assert result.quad == quad


def test_only_zxing_cpp_decodes_now() -> None:
    with pytest.raises(ValueError):
        IdCardReader(decoders=("zxing", "pyzbar"))  # type: ignore[arg-type]


VIETNAMESE_WORDS = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Ân", "Lâm", "Hồng", "Ngọc", "Thư", "Huế",
                    "Hà Nội", "Đà Nẵng", "Quận 1", "Bích", "Phước", "Hữu", "Ý", "ờ", "ỹ", "Cà Mau", "Bắc Kạn"]
viet_text = st.lists(st.sampled_from(VIETNAMESE_WORDS), min_size=1, max_size=5).map(" ".join)


@given(viet_text)
def test_correct_vietnamese_never_looks_garbled(text: str) -> None:
    assert not looks_garbled(text)


@given(viet_text, st.sampled_from(["shift_jis", "big5", "latin-1", "cp1252"]))
def test_mojibake_looks_garbled(text: str, encoding: str) -> None:
    try:
        mojibake = text.encode("utf-8").decode(encoding)
    except UnicodeDecodeError:
        assume(False)
        return
    assume(mojibake != text)
    assert looks_garbled(mojibake)


def test_each_frame_reports_its_reading_time(reader: IdCardReader) -> None:
    """The speed on 720p frames (~1.5 ms median on 2 cores) is `kiosk bench idcard`'s table, not a test:
    a timed assertion passes or fails with the machine's load."""
    frames = [_imread(sample_cards_dir() / e["file"]) for e in WITH_QR]
    assert all(reader.read_frame(f).elapsed_ms > 0 for f in frames)


def test_the_back_of_a_2021_card_is_read_by_its_mrz(reader: IdCardReader) -> None:
    result = reader.read_image_file(sample_cards_dir() / "02_nguyen_van_an_back.png")
    assert result.ok and result.decoder == "mrz" and result.reading is not None
    assert result.reading.source == "mrz"
    assert (result.reading.id_number, result.reading.full_name) == ("001089012345", "NGUYEN VAN AN")
    dob = result.reading.date_of_birth
    assert dob is not None and dob.isoformat() == "1989-07-15"


def test_a_2024_front_has_neither_code(reader: IdCardReader) -> None:
    result = reader.read_image_file(sample_cards_dir() / "04_dang_thi_hong_front.png")
    assert result.error_code == "no_code_found" and result.card_quad is not None
