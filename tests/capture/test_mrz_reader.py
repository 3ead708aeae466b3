"""MrzReader: reads the bundled card backs and synthetic backs under camera conditions, and never accepts a
wrong reading (a partly covered, cut-off or glared MRZ is refused; fronts and empty desks have no MRZ)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kiosk.bench.synthetic_cards import (
    CARD_SIZE,
    FictitiousPerson,
    mrz_lines,
    place_in_scene,
    random_person,
    render_card_back,
    render_card_front,
)
from kiosk.capture import mrz_reader, ocrb_glyphs
from kiosk.capture.idcard_reader import locate_card
from kiosk.capture.mrz_reader import LAYOUTS, NOTICE_CODES, OUT_OF_FRAME, MrzReader, MrzReadResult
from kiosk.capture.ocrb_glyphs import (
    CELL_HEIGHT,
    CELL_WIDTH,
    MRZ_ALPHABET,
    OcrbFontMissing,
    blurred_templates,
    find_ocrb_font,
    glyphs,
)
from kiosk.capture.resources import sample_cards_dir
from kiosk.domain.idcard import IdentityReading, Sex
from kiosk.domain.mrz import parse_td1

TODAY = date(2025, 6, 1)
MANIFEST = json.loads((sample_cards_dir() / "manifest.json").read_text(encoding="utf-8"))
BACKS = {e["file"]: e for e in MANIFEST if e["side"] == "back"}


@pytest.fixture(scope="module")
def reader() -> MrzReader:
    return MrzReader(today=TODAY)


def _grey(path: Path) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


def _expected(person: FictitiousPerson) -> IdentityReading:
    return parse_td1(mrz_lines(person), today=TODAY)


def _same_person(reading: IdentityReading, expected: IdentityReading) -> bool:
    return (reading.id_number, reading.full_name, reading.date_of_birth, reading.sex, reading.expiry_date,
            reading.raw_fields) == (expected.id_number, expected.full_name, expected.date_of_birth,
                                    expected.sex, expected.expiry_date, expected.raw_fields)


def _back_frame(person: FictitiousPerson, seed: int, **scene: Any) -> np.ndarray:
    frame = place_in_scene(render_card_back(person, seed=seed), seed=seed, **scene).frame
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def _people(seed: int, count: int) -> list[FictitiousPerson]:
    rng = np.random.default_rng(seed)
    return [random_person(rng) for _ in range(count)]


# ------------------------------------------------------------------------------------ bundled samples


@pytest.mark.parametrize(("file_name", "id_number", "name", "dob", "sex", "expiry"), [
    ("02_nguyen_van_an_back.png", "001089012345", "NGUYEN VAN AN", date(1989, 7, 15), Sex.MALE,
     date(2029, 7, 15)),
    ("05_dang_thi_hong_back.png", "048156000777", "DANG THI HONG", date(1956, 1, 1), Sex.FEMALE, None),
])
def test_bundled_backs_read_exactly(reader: MrzReader, file_name: str, id_number: str, name: str, dob: date,
                                    sex: Sex, expiry: date | None) -> None:
    grey = _grey(sample_cards_dir() / file_name)
    assert grey.shape == (720, 1280)
    for card_quad in (None, BACKS[file_name]["corners"]):
        result = reader.read(grey, card_quad)
        assert result.ok and result.error_code is None and result.detail is None
        reading = result.reading
        assert reading is not None and reading.source == "mrz"
        assert (reading.id_number, reading.full_name) == (id_number, name)
        assert (reading.date_of_birth, reading.sex, reading.expiry_date) == (dob, sex, expiry)
        assert [w.code for w in reading.warnings] == []  # read clean: nothing repaired, nothing uncertain
        # The OCR text itself is exactly the printed MRZ, before any repair.
        assert result.lines == tuple(BACKS[file_name]["mrz"])
        # The quad outlines the MRZ: inside the card, in its lower half, about 90 % of the card's width.
        assert result.quad is not None and len(result.quad) == 4
        card = np.array(BACKS[file_name]["corners"])
        quad = np.array(result.quad)
        assert cv2.pointPolygonTest(card.astype(np.float32), tuple(map(float, quad.mean(axis=0))), False) > 0
        assert quad[:, 1].mean() > card[:, 1].mean()
        ratio = np.linalg.norm(quad[1] - quad[0]) / np.linalg.norm(card[1] - card[0])
        assert 0.8 < ratio < 0.98
        # Privacy: the repr carries no personal data.
        assert id_number not in repr(result) and name.split()[0] not in repr(result)
        if expiry is None:
            assert reading.raw_fields == {"expiry_date": "991231"}


def test_bundled_backs_read_with_the_card_outline_from_locate_card(reader: MrzReader) -> None:
    for file_name, entry in BACKS.items():
        grey = _grey(sample_cards_dir() / file_name)
        quad = locate_card(grey)
        assert quad is not None
        result = reader.read(grey, quad)
        assert result.reading is not None and result.reading.id_number == entry["id_number"]


def test_a_card_held_upside_down_reads(reader: MrzReader) -> None:
    grey = cv2.rotate(_grey(sample_cards_dir() / "02_nguyen_van_an_back.png"), cv2.ROTATE_180)
    result = reader.read(grey)
    assert result.reading is not None
    assert (result.reading.id_number, result.reading.full_name) == ("001089012345", "NGUYEN VAN AN")


def test_bgr_frames_are_accepted(reader: MrzReader) -> None:
    frame = cv2.imread(str(sample_cards_dir() / "05_dang_thi_hong_back.png"))
    assert frame is not None
    result = reader.read(frame)
    assert result.reading is not None and result.reading.id_number == "048156000777"


def test_each_reading_reports_its_time(reader: MrzReader) -> None:
    """The speed itself (budget 250 ms per 1280×720 frame) is `kiosk bench idcard`'s table, not a test:
    a timed assertion passes or fails with the machine's load."""
    frames = [_grey(sample_cards_dir() / name) for name in BACKS]
    times = [reader.read(frame).elapsed_ms for frame in frames]
    assert all(t > 0 for t in times)


# ------------------------------------------------------------------------------- camera conditions
# Each condition is proven on two frames (the read *rate* under each condition is `kiosk bench idcard`'s
# table, over 150 frames and live sequences): enough to show it is handled, cheap enough for the suite.


def _assert_reads(reader: MrzReader, people: list[FictitiousPerson], **scene: Any) -> None:
    for index, person in enumerate(people):
        result = reader.read(_back_frame(person, seed=100 + index, **scene))
        assert result.reading is not None, (index, result.detail)
        assert _same_person(result.reading, _expected(person))


@pytest.mark.parametrize("angle", [-15.0, 15.0])
def test_rotated_backs_read(reader: MrzReader, angle: float) -> None:
    _assert_reads(reader, _people(1, 2), fill=0.65, angle_deg=angle, perspective=0.01, blur=0.7, noise=2)


def test_blurred_backs_read(reader: MrzReader) -> None:
    _assert_reads(reader, _people(2, 2), fill=0.7, angle_deg=3, perspective=0.01, blur=1.6, noise=2)


def test_noisy_jpeg_backs_read(reader: MrzReader) -> None:
    _assert_reads(reader, _people(3, 2), fill=0.7, angle_deg=-4, perspective=0.01, blur=0.8, noise=10,
                  jpeg_quality=45)


def test_tilted_backs_read(reader: MrzReader) -> None:
    """Perspective: the far end of each line is smaller; a 1-D projective fit along the line absorbs it."""
    _assert_reads(reader, _people(4, 2), fill=0.75, angle_deg=6, perspective=0.05, blur=0.8, noise=3)


def test_small_backs_read(reader: MrzReader) -> None:
    """The card at 45 % of the frame width: capitals ~14 px high."""
    _assert_reads(reader, _people(5, 1), fill=0.45, angle_deg=2, perspective=0.01, blur=0.6, noise=2)


def test_unevenly_lit_backs_read(reader: MrzReader) -> None:
    for index, person in enumerate(_people(6, 2)):
        frame = _back_frame(person, seed=200 + index, fill=0.7, angle_deg=5, perspective=0.02, blur=0.8,
                            noise=3).astype(np.float32)
        h, w = frame.shape
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        direction = index * 2.1
        ramp = ((xs - w / 2) * math.cos(direction) + (ys - h / 2) * math.sin(direction)) / w
        lit = np.clip(frame * (0.8 + 0.9 * ramp) + 15 * np.sin(xs / 90), 0, 255).astype(np.uint8)
        result = reader.read(lit)
        assert result.reading is not None, (index, result.detail)
        assert _same_person(result.reading, _expected(person))


def test_glare_spots_are_read_or_refused_never_misread(reader: MrzReader) -> None:
    """A bright glare spot on each of the three lines, including over the name (which has no check digit).
    Three frames of the ten drawn (spots on lines 1, 3 and 2); the glare rate is `kiosk bench idcard`'s."""
    rng = np.random.default_rng(7)
    outcomes = {"read": 0, "refused": 0}
    for index, person in enumerate(_people(7, 8)):
        draws = rng.uniform(0.1, 0.9), rng.uniform(12, 50), rng.uniform(8, 20), rng.uniform(200, 400)
        if index not in (0, 5, 7):
            continue
        scene = place_in_scene(render_card_back(person, seed=index), fill=0.7, angle_deg=2, blur=0.7,
                               noise=3, seed=index)
        grey = cv2.cvtColor(scene.frame, cv2.COLOR_BGR2GRAY).astype(np.float32)
        # Centre the spot on an MRZ line (card coordinates → frame through the card's corners).
        w, h = CARD_SIZE
        to_frame = cv2.getPerspectiveTransform(
            np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32), scene.corners)
        row = index % 3
        spot_x = draws[0] * w
        spot_y = h - (3 + 12 - 4 * row - 1.2) * 300 / 25.4
        gx, gy = cv2.perspectiveTransform(np.array([[[spot_x, spot_y]]], np.float32), to_frame)[0, 0]
        ys, xs = np.mgrid[0:720, 0:1280].astype(np.float32)
        spot = np.exp(-(((xs - gx) / draws[1]) ** 2 + ((ys - gy) / draws[2]) ** 2))
        glared = np.clip(grey + draws[3] * spot, 0, 255).astype(np.uint8)
        result = reader.read(glared)
        if result.reading is None:
            outcomes["refused"] += 1
            assert result.error_code in ("mrz_unreadable", "no_mrz_found")
        else:
            outcomes["read"] += 1
            assert _same_person(result.reading, _expected(person))
    assert outcomes["read"] >= 1 and outcomes["refused"] >= 1  # a spot beside the glyphs does not stop
    # the reader; one over the name's strokes stops it


# ------------------------------------------------------------------------------ nothing to read


@pytest.mark.parametrize("file_name", ["01_nguyen_van_an_front.png", "03_tran_thi_bich_ngoc_front.png",
                                       "04_dang_thi_hong_front.png", "90_not_an_id_card.png",
                                       "91_empty_desk.png"])
def test_frames_without_an_mrz(reader: MrzReader, file_name: str) -> None:
    result = reader.read(_grey(sample_cards_dir() / file_name))
    assert result.error_code == "no_mrz_found" and result.reading is None and result.lines is None
    assert result.quad is None
    assert result.notice.code == f"mrz.{result.error_code}" and result.notice.code in NOTICE_CODES


def test_synthetic_fronts_have_no_mrz(reader: MrzReader) -> None:
    for index, person in enumerate(_people(8, 2)):
        frame = place_in_scene(render_card_front(person, seed=index), fill=0.75, angle_deg=3, blur=0.7,
                               seed=index).frame
        result = reader.read(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
        assert result.error_code == "no_mrz_found" and result.reading is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arrays(np.uint8, st.tuples(st.integers(1, 300), st.integers(1, 400))))
def test_arbitrary_images_never_crash_or_read(image: np.ndarray) -> None:
    result = MrzReader().read(image)
    assert result.reading is None and result.error_code in ("no_mrz_found", "mrz_unreadable")


# ------------------------------------------------------------------------ partly hidden MRZ: refuse


def _cover(person: FictitiousPerson, seed: int, paint: Any) -> np.ndarray:
    card = render_card_back(person, seed=seed).copy()
    paint(card)
    frame = place_in_scene(card, fill=0.7, angle_deg=-3, perspective=0.01, blur=0.7, noise=3, seed=seed).frame
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


MRZ_TOP = CARD_SIZE[1] - round(15 * 300 / 25.4)  # the first MRZ line's cap line, card pixels
MRZ_LEFT = (CARD_SIZE[0] - 900) // 2


def test_a_thumb_over_the_mrz_is_refused(reader: MrzReader) -> None:
    for index, person in enumerate(_people(9, 4)):
        if index not in (0, 3):  # the thumb at the start and at the end of the lines
            continue
        centre_x = MRZ_LEFT + 150 + 200 * index
        frame = _cover(person, index, lambda card, x=centre_x: cv2.ellipse(
            card, (x, CARD_SIZE[1]), (70, 150), 0, 0, 360, (150, 170, 215, 255), -1))
        result = reader.read(frame)
        # Depending on where the thumb is, the three lines are still found (and unreadable) or no longer
        # look like an MRZ at all: either way, no reading.
        assert result.reading is None and result.error_code in ("mrz_unreadable", "no_mrz_found")


def test_a_covered_part_of_the_name_is_refused(reader: MrzReader) -> None:
    """Line 3 has no check digit: a hidden stretch of it must stop the read, not shorten the name."""
    for index, person in enumerate(_people(10, 2)):
        top = MRZ_TOP + round(8 * 300 / 25.4) - 6
        left = MRZ_LEFT + 30 * (index % 2)
        frame = _cover(person, index, lambda card, t=top, x=left: cv2.rectangle(
            card, (x, t), (x + 90, t + 45), (250, 250, 246, 255), -1))
        result = reader.read(frame)
        assert result.reading is None and result.error_code == "mrz_unreadable", result.detail


def test_an_mrz_cut_by_the_frame_edge_is_refused(reader: MrzReader) -> None:
    """Glyphs cut by the frame's edge read as other glyphs (E as F): the reader must not read them."""
    for index, person in enumerate(_people(11, 2)):
        grey = _back_frame(person, seed=300 + index, fill=0.7, angle_deg=8 if index % 2 else -8, blur=0.7,
                           noise=2)
        result = reader.read(grey)
        assert result.ok and result.quad is not None
        quad = np.array(result.quad)
        # The frame ends a few pixels inside the lower end of the (tilted) name line; or on the right.
        for cut in (grey[:int(quad[2:, 1].max()) - 4 - 8 * index], grey[:, :int(quad[:, 0].max()) - 20]):
            refused = reader.read(cut)
            assert refused.reading is None
            assert (refused.error_code, refused.detail) == ("mrz_unreadable", OUT_OF_FRAME)
            assert refused.quad is not None  # where it is, for an overlay


# ---------------------------------------------------------------------------------- the decision


def _line_read(best: str, second: str, margins: dict[int, float] | None = None) -> Any:
    best_scores = np.full(30, 0.9)
    second_scores = best_scores - 0.2
    for index, margin in (margins or {}).items():
        second_scores[index] = 0.9 - margin
    return mrz_reader._LineRead(best, second, best_scores, second_scores, total=27.0, blur=1.0,
                                contrast=np.full(30, 200.0), weakest_stroke=np.full(30, 180.0))


AN = ("IDVNM0890123456001089012345<<7", "8907150M2907158VNM<<<<<<<<<<<0", "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<")


def test_a_misread_digit_is_fixed_by_its_ambiguous_second_best(reader: MrzReader) -> None:
    line2 = AN[1][:2] + "8" + AN[1][3:]  # the birth month's first digit misread (0 → 8)
    reads = [_line_read(AN[0], "X" * 30), _line_read(line2, "XX0" + "X" * 27, {2: 0.01}),
             _line_read(AN[2], "X" * 30)]
    reading, _ = reader._decide(reads)
    assert reading is not None and reading.date_of_birth == date(1989, 7, 15)
    assert "mrz_repaired" in [w.code for w in reading.warnings]


def test_a_misread_digit_without_a_plausible_second_best_is_refused(reader: MrzReader) -> None:
    line2 = AN[1][:2] + "8" + AN[1][3:]
    reads = [_line_read(AN[0], "X" * 30), _line_read(line2, "XX0" + "X" * 27, {2: 0.2}),
             _line_read(AN[2], "X" * 30)]
    assert reader._decide(reads) == (None, "MRZ check digits fail")


def test_an_ambiguous_name_cell_is_refused(reader: MrzReader) -> None:
    reads = [_line_read(AN[0], "X" * 30), _line_read(AN[1], "X" * 30),
             _line_read(AN[2], "X" * 30, {0: 0.01})]
    reading, why = reader._decide(reads)
    assert reading is None and "name" in why


def test_many_ambiguous_digits_are_refused_even_when_they_pass(reader: MrzReader) -> None:
    """Mod-10 check digits let some multi-error combinations through: a frame full of coin flips is
    refused even though its best reading happens to validate."""
    reads = [_line_read(AN[0], "X" * 30, {5: 0.01, 6: 0.02}), _line_read(AN[1], "X" * 30, {0: 0.01}),
             _line_read(AN[2], "X" * 30)]
    reading, why = reader._decide(reads)
    assert reading is None and "ambiguous" in why


def test_layouts_match_the_td1_vectors() -> None:
    for lines in (AN, mrz_lines(_people(12, 1)[0])):
        for layout, line in zip(LAYOUTS, lines, strict=True):
            assert len(layout) == len(line) == 30
            for kind, char in zip(layout, line, strict=True):
                assert char in mrz_reader._CLASSES[kind]


def test_result_repr_has_no_personal_data() -> None:
    reading = parse_td1(AN, today=TODAY)
    result = MrzReadResult(reading=reading, lines=AN, error_code=None, detail=None, elapsed_ms=1.0, quad=None)
    assert "NGUYEN" not in repr(result) and "001089012345" not in repr(result)
    assert result.ok and result.notice.code == "mrz.read"


# ------------------------------------------------------------------------------------- templates


def test_glyph_templates_are_the_37_mrz_characters() -> None:
    glyph_set = glyphs()
    assert glyph_set.font_path == find_ocrb_font()
    assert glyph_set.alphabet == MRZ_ALPHABET and len(MRZ_ALPHABET) == 37
    assert glyph_set.images.shape == (37, CELL_HEIGHT, CELL_WIDTH) and glyph_set.images.dtype == np.uint8
    assert glyphs() is glyph_set  # rendered once per process
    ink = glyph_set.images < 128
    assert all(5 < mask.sum() < 0.6 * mask.size for mask in ink)
    # Every pair of glyphs differs (the templates can tell them apart).
    flat = ink.reshape(37, -1)
    differences = (flat[:, None, :] != flat[None, :, :]).sum(axis=2)
    assert differences[~np.eye(37, dtype=bool)].min() > 10
    # OCR-B digits stand taller than capitals; the filler is shorter still.
    assert glyph_set.ink_height("0123456789") > glyph_set.ink_height("HNE") > glyph_set.ink_height("<")
    assert blurred_templates(1.0).shape == (37, CELL_HEIGHT, CELL_WIDTH)
    assert blurred_templates(9.0) is blurred_templates(3.0)


def test_each_template_matches_itself_best() -> None:
    templates = blurred_templates(0.0)
    for index, template in enumerate(templates):
        padded = cv2.copyMakeBorder(template, 3, 3, 3, 3, cv2.BORDER_CONSTANT, value=255.0)
        scores = [cv2.matchTemplate(padded, other, cv2.TM_CCOEFF_NORMED).max() for other in templates]
        assert int(np.argmax(scores)) == index


def test_a_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ocrb_glyphs, "FONT_DIRS", (tmp_path,))
    find_ocrb_font.cache_clear()
    try:
        with pytest.raises(OcrbFontMissing, match="fonts-ocr-b"):
            find_ocrb_font()
    finally:
        monkeypatch.undo()
        find_ocrb_font.cache_clear()
    assert find_ocrb_font().name == "OCRB.otf"
