"""The synthetic-card generator: faithful payloads and MRZ, readable renders, deterministic samples."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kiosk.bench.synthetic_cards import (
    CARD_SIZE,
    SAMPLE_PEOPLE,
    FictitiousPerson,
    Generation,
    default_expiry,
    font,
    main,
    mrz_lines,
    place_in_scene,
    qr_payload,
    random_person,
    render_card_back,
    render_card_front,
    sample_specs,
)
from kiosk.capture.idcard_reader import IdCardReader
from kiosk.capture.resources import sample_cards_dir
from kiosk.domain.id_number import check_id_number
from kiosk.domain.idcard import parse_qr_payload
from kiosk.domain.mrz import parse_td1

AN, NGOC, HONG = SAMPLE_PEOPLE

# Literal vectors from DOMAIN.md §1-§2: the generator must reproduce them character for character.
DOMAIN_QR = {
    AN.id_number: "001089012345|123456789|Nguyễn Văn An|15071989|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|"
                  "20052021",
    NGOC.id_number: "079305001234||Trần Thị Bích Ngọc|02032005|Nữ|12 Lê Lợi, Bến Nghé, Quận 1, "
                    "TP. Hồ Chí Minh|10082021",
    HONG.id_number: "048156000777|201234567|Đặng Thị Hồng|01011956|Nữ|Hải Châu, Đà Nẵng|12122024||||",
}
DOMAIN_MRZ = {
    AN.id_number: ("IDVNM0890123456001089012345<<7", "8907150M2907158VNM<<<<<<<<<<<0",
                   "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"),
    HONG.id_number: ("IDVNM1560007775048156000777<<5", "5601011F9912315VNM<<<<<<<<<<<2",
                     "DANG<<THI<HONG<<<<<<<<<<<<<<<<"),
}


@pytest.mark.parametrize("person", SAMPLE_PEOPLE, ids=lambda p: p.slug)
def test_sample_payloads_match_the_domain_vectors(person: FictitiousPerson) -> None:
    payload = qr_payload(person)
    assert payload == unicodedata.normalize("NFC", DOMAIN_QR[person.id_number])
    assert len(payload.split("|")) == (11 if person.generation == "2024" else 7)


@pytest.mark.parametrize("person", [AN, HONG], ids=lambda p: p.slug)
def test_sample_mrz_matches_the_domain_vectors(person: FictitiousPerson) -> None:
    assert mrz_lines(person) == DOMAIN_MRZ[person.id_number]


def test_expiry_follows_the_renewal_ages() -> None:
    for person in SAMPLE_PEOPLE:
        expiry = default_expiry(person.date_of_birth, person.issue_date, person.generation)
        assert expiry == person.expiry_date
    # Issued within two years of turning 25: valid until 40.
    assert default_expiry(date(2000, 6, 1), date(2024, 1, 1), "2021") == date(2040, 6, 1)
    # The 2024 law adds a renewal at 14.
    assert default_expiry(date(2012, 6, 1), date(2024, 8, 1), "2024") == date(2037, 6, 1)
    assert default_expiry(date(2014, 6, 1), date(2024, 8, 1), "2024") == date(2028, 6, 1)


def test_random_people_are_self_consistent() -> None:
    rng = np.random.default_rng(7)
    for _ in range(50):
        person = random_person(rng)
        sex = parse_qr_payload(qr_payload(person)).sex
        assert check_id_number(person.id_number, person.date_of_birth, sex) == []
        reading = parse_qr_payload(qr_payload(person))
        assert (reading.id_number, reading.full_name, reading.date_of_birth) == (
            person.id_number, person.full_name, person.date_of_birth)
        assert reading.warnings == ()
        mrz = parse_td1(mrz_lines(person))
        assert mrz.id_number == person.id_number and mrz.date_of_birth == person.date_of_birth


@pytest.mark.parametrize("generation", ["2021", "2024"])
def test_cards_are_card_sized_with_rounded_corners_and_a_red_watermark(generation: Generation) -> None:
    person = random_person(np.random.default_rng(3), generation=generation)
    for card in (render_card_front(person), render_card_back(person)):
        assert card.shape == (CARD_SIZE[1], CARD_SIZE[0], 4)
        assert card[0, 0, 3] == 0 and card[-1, -1, 3] == 0  # rounded corners are transparent
        assert card[CARD_SIZE[1] // 2, CARD_SIZE[0] // 2, 3] == 255
        b, g, r = (card[:, :, i].astype(int) for i in range(3))
        watermark_red = (r > 190) & (g < 150) & (b < 150)
        assert watermark_red.sum() > 2000


def test_the_font_renders_vietnamese_diacritics() -> None:
    f = font("bold", 40)
    plain, stacked = f.getbbox("E"), f.getbbox("Ễ")
    assert stacked[1] < plain[1] - 5  # circumflex and tilde stack above the capital
    assert f.getmask("ỆỄ").getbbox() != f.getmask("\uffff\uffff").getbbox()


def test_place_in_scene_geometry_and_determinism() -> None:
    card = render_card_front(AN)
    scene = place_in_scene(card, fill=0.7, seed=5)
    assert scene.frame.shape == (720, 1280, 3) and scene.frame.dtype == np.uint8
    corners = scene.corners
    assert corners.shape == (4, 2)
    assert abs(np.linalg.norm(corners[1] - corners[0]) - 0.7 * 1280) < 1
    assert np.array_equal(place_in_scene(card, fill=0.7, seed=5).frame, scene.frame)
    harsh = place_in_scene(card, angle_deg=20, perspective=0.05, blur=1.5, noise=6, jpeg_quality=60,
                           glare=True, seed=5)
    assert harsh.frame.shape == (720, 1280, 3)
    assert not np.array_equal(harsh.frame, scene.frame)
    # A card too tall for the frame at this fill is shrunk to fit the height.
    tall = place_in_scene(card, frame_size=(640, 640), fill=1.0, seed=1)
    assert tall.corners[:, 1].min() >= 0 and tall.corners[:, 1].max() <= 640


def test_random_people_round_trip_through_the_reader_at_mild_conditions() -> None:
    reader = IdCardReader()
    rng = np.random.default_rng(2024)
    for i in range(6):
        person = random_person(rng, generation="2021" if i % 2 else "2024")
        render = render_card_front if person.generation == "2021" else render_card_back
        card = render(person, seed=i)
        scene = place_in_scene(card, fill=float(rng.uniform(0.55, 0.8)), angle_deg=float(rng.uniform(-8, 8)),
                               perspective=0.03, blur=0.8, noise=3, jpeg_quality=85, seed=i)
        result = reader.read_frame(scene.frame)
        assert result.reading is not None, result
        assert result.decoder == "zxing"
        assert result.reading.id_number == person.id_number
        assert result.reading.full_name == person.full_name
        assert result.reading.address == person.residence
        assert result.payload == qr_payload(person)


def test_bundled_samples_are_present_small_and_described() -> None:
    folder = sample_cards_dir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    expected = [spec.file_name for spec in sample_specs()] + ["91_empty_desk.png"]
    assert [entry["file"] for entry in manifest] == expected
    for name in expected:
        path = folder / name
        assert path.stat().st_size < 400_000, name
        with Image.open(path) as img:
            assert img.size == (1280, 720)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "fictitious" in readme and "python -m kiosk.bench.synthetic_cards" in readme


def test_main_writes_the_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.png"))
    assert written == sorted(p.name for p in sample_cards_dir().glob("*.png"))
    assert (tmp_path / "manifest.json").is_file()
    assert "01_nguyen_van_an_front.png" in capsys.readouterr().out
