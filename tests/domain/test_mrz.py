"""The TD1 MRZ on the card's back: check digits, parsing, OCR repair and the line builder (DOMAIN.md §2)."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.id_number import PROVINCE_CODES, century_digit_for
from kiosk.domain.idcard import IdentityReading, Sex
from kiosk.domain.mrz import MrzError, build_td1, check_digit, fold_name_for_mrz, parse_td1

TODAY = date(2025, 6, 1)
AN = ("IDVNM0890123456001089012345<<7",
      "8907150M2907158VNM<<<<<<<<<<<0",
      "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<")
HONG = ("IDVNM1560007775048156000777<<5",
        "5601011F9912315VNM<<<<<<<<<<<2",
        "DANG<<THI<HONG<<<<<<<<<<<<<<<<")


def codes(reading: IdentityReading) -> list[str]:
    return [w.code for w in reading.warnings]


def replace(line: str, index: int, char: str) -> str:
    return line[:index] + char + line[index + 1:]


def same_card(a: IdentityReading, b: IdentityReading) -> bool:
    return (a.id_number, a.full_name, a.date_of_birth, a.sex, a.expiry_date, a.raw_fields) == (
        b.id_number, b.full_name, b.date_of_birth, b.sex, b.expiry_date, b.raw_fields)


# --- check digits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "digit"), [
    # ICAO 9303 part 5 worked example (TD1, Utopia).
    ("D23145890", 7), ("740812", 2), ("120415", 9),
    ("D23145890" + "7" + "<" * 15 + "7408122" + "1204159" + "<" * 11, 6),
    ("089012345", 6), ("001089012345", 7), ("", 0), ("<<<", 0),
])
def test_check_digit(data: str, digit: int) -> None:
    assert check_digit(data) == digit


def test_check_digit_rejects_non_mrz_characters() -> None:
    with pytest.raises(ValueError):
        check_digit("abc")


# --- the reference vectors ------------------------------------------------------------------------


def test_vector_nguyen_van_an() -> None:
    reading = parse_td1(AN, today=TODAY)
    assert reading == IdentityReading(
        source="mrz", id_number="001089012345", full_name="NGUYEN VAN AN", date_of_birth=date(1989, 7, 15),
        sex=Sex.MALE, expiry_date=date(2029, 7, 15))


def test_vector_dang_thi_hong_never_expires() -> None:
    reading = parse_td1(HONG, today=TODAY)
    assert reading.id_number == "048156000777"
    assert reading.full_name == "DANG THI HONG"
    assert reading.date_of_birth == date(1956, 1, 1)
    assert reading.sex is Sex.FEMALE
    assert reading.expiry_date is None
    assert reading.raw_fields == {"expiry_date": "991231"}
    assert reading.warnings == ()


def test_builder_reproduces_the_vectors() -> None:
    assert build_td1("001089012345", "Nguyễn Văn An", date(1989, 7, 15), Sex.MALE, date(2029, 7, 15)) == AN
    assert build_td1("048156000777", "Đặng Thị Hồng", date(1956, 1, 1), Sex.FEMALE, None) == HONG


def test_builder_refuses_a_bad_id() -> None:
    with pytest.raises(ValueError):
        build_td1("12345", "An", date(1989, 7, 15), Sex.MALE, None)


def test_default_today_is_the_current_date() -> None:
    assert parse_td1(AN).date_of_birth == date(1989, 7, 15)


# --- input tolerance ------------------------------------------------------------------------------


def test_one_string_with_newlines_spaces_and_lower_case() -> None:
    text = "\n  " + "\n".join(AN).lower().replace("<<", "< <") + "  \n\n"
    assert same_card(parse_td1([text], today=TODAY), parse_td1(AN, today=TODAY))
    assert same_card(parse_td1(text, today=TODAY), parse_td1(AN, today=TODAY))


def test_three_lines_run_together() -> None:
    assert same_card(parse_td1(["".join(AN)], today=TODAY), parse_td1(AN, today=TODAY))


def test_short_stray_lines_are_dropped() -> None:
    lines = ["CĂN CƯỚC", *AN, "VNM"]
    assert same_card(parse_td1(lines, today=TODAY), parse_td1(AN, today=TODAY))


def test_filler_runs_of_the_wrong_length_are_refitted() -> None:
    lines = (AN[0].replace("<<7", "<7"), AN[1].replace("VNM<", "VNM<<<"), AN[2].rstrip("<"))
    reading = parse_td1(lines, today=TODAY)
    assert same_card(reading, parse_td1(AN, today=TODAY))
    assert codes(reading) == ["mrz_repaired"]
    assert parse_td1((*AN[:2], AN[2].rstrip("<")), today=TODAY).warnings == ()  # padding alone is no repair


@pytest.mark.parametrize("lines", [
    (AN[0][1:], AN[1], AN[2]),  # a letter lost before the filler: where?
    (AN[0], AN[1][:10] + AN[1][11:], AN[2]),  # a digit lost
    (AN[0], AN[1], AN[2] + "ABC"),  # text after the name line's end
    AN[:2],
    (*AN, AN[2]),
    (),
])
def test_ambiguous_lengths_and_line_counts_are_errors(lines: tuple[str, ...]) -> None:
    with pytest.raises(MrzError):
        parse_td1(lines, today=TODAY)


# --- OCR repair -----------------------------------------------------------------------------------


def test_letters_for_digits_and_k_for_filler_are_repaired() -> None:
    corrupted = ("IDVNMO89O12345600IO89O12345KK7",  # O for 0, I for 1, KK for <<
                 "89O7I5OM29O7I58VNM<<<<K<<<<<<0",
                 "NGUYEN<<VAN<AN<<<<K<<<<<<<<<<<")
    reading = parse_td1(corrupted, today=TODAY)
    assert same_card(reading, parse_td1(AN, today=TODAY))
    assert codes(reading) == ["mrz_repaired", "mrz_name_uncertain"]


def test_misread_literals_are_repaired() -> None:
    corrupted = ("10VNM" + AN[0][5:], AN[1].replace("VNM", "VHM"), AN[2])
    reading = parse_td1(corrupted, today=TODAY)
    assert same_card(reading, parse_td1(AN, today=TODAY))
    assert codes(reading) == ["mrz_repaired"]


def test_a_digit_misread_in_one_copy_of_the_id_is_outvoted() -> None:
    # The document number repeats id[3:]: its check digit and the ID's say which copy is right.
    corrupted = (replace(AN[0], 7, "3"), AN[1], AN[2])
    reading = parse_td1(corrupted, today=TODAY)
    assert reading.id_number == "001089012345"
    assert "mrz_repaired" in codes(reading)
    corrupted = (replace(AN[0], 22, "6"), AN[1], AN[2])
    assert parse_td1(corrupted, today=TODAY).id_number == "001089012345"


def test_an_unreadable_character_is_solved_by_its_check_digit() -> None:
    corrupted = (AN[0], replace(AN[1], 3, "*"), AN[2])
    assert parse_td1(corrupted, today=TODAY).date_of_birth == date(1989, 7, 15)


def test_wrong_check_digit_that_cannot_be_repaired() -> None:
    corrupted = (AN[0], replace(AN[1], 6, "1"), AN[2])  # date of birth check digit 0 → 1
    with pytest.raises(MrzError, match="date of birth"):
        parse_td1(corrupted, today=TODAY)


def test_wrong_digit_in_the_date_of_birth_cannot_be_repaired() -> None:
    corrupted = (AN[0], replace(AN[1], 5, "6"), AN[2])  # 890715 → 890716: a digit for a digit
    with pytest.raises(MrzError) as raised:
        parse_td1(corrupted, today=TODAY)
    assert raised.value.notice.code == "mrz.error.card"


def test_wrong_composite_cannot_be_repaired() -> None:
    with pytest.raises(MrzError, match="composite"):
        parse_td1((AN[0], replace(AN[1], 29, "1"), AN[2]), today=TODAY)


def test_wrong_place_code_digit_cannot_be_repaired() -> None:
    with pytest.raises(MrzError, match="ID number"):
        parse_td1((replace(AN[0], 16, "1"), AN[1], AN[2]), today=TODAY)


def test_document_number_must_repeat_the_id() -> None:
    # Check digits all valid, but the document number is not id[3:].
    id_number, other = "001089012345", "089012346"
    line1 = "IDVNM" + other + str(check_digit(other)) + id_number + "<<" + str(check_digit(id_number))
    line2 = AN[1][:29]
    line2 += str(check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]))
    with pytest.raises(MrzError):
        parse_td1((line1, line2, AN[2]), today=TODAY)


def test_too_many_unreadable_characters_are_ambiguous() -> None:
    corrupted = (AN[0], "**" + AN[1][2:], AN[2])
    with pytest.raises(MrzError):
        parse_td1(corrupted, today=TODAY)


@pytest.mark.parametrize("lines", [
    ("P<VNMNGUYEN<<VAN<AN<<<<<<<<<<", AN[1], AN[2]),
    ("IDUTO0890123456001089012345<<7", AN[1], AN[2]),
    (AN[0], AN[1].replace("VNM", "UTO"), AN[2]),
])
def test_other_documents_are_refused(lines: tuple[str, ...]) -> None:
    with pytest.raises(MrzError):
        parse_td1(lines, today=TODAY)


# --- fields ---------------------------------------------------------------------------------------


def test_century_comes_from_the_id_digit() -> None:
    # Born 1920: "20" alone would read as 2020, the ID's century digit says 1900s.
    lines = build_td1("001020012345", "Lê Văn Tám", date(1920, 3, 4), Sex.MALE, None)
    assert parse_td1(lines, today=TODAY).date_of_birth == date(1920, 3, 4)
    lines = build_td1("001320012345", "Lê Thị Tư", date(2020, 3, 4), Sex.FEMALE, None)
    assert parse_td1(lines, today=TODAY).date_of_birth == date(2020, 3, 4)


def test_century_falls_back_to_a_pivot_on_today() -> None:
    # The ID claims the 2000s but 2030 is in the future: the birth year is 1930, and the ID is suspect.
    lines = build_td1("001230012345", "Lê Văn Ba", date(1930, 3, 4), Sex.MALE, None)
    reading = parse_td1(lines, today=TODAY)
    assert reading.date_of_birth == date(1930, 3, 4)
    assert codes(reading) == ["id_century_mismatch"]


def test_expired_card_warns() -> None:
    reading = parse_td1(AN, today=date(2030, 1, 1))
    assert reading.expiry_date == date(2029, 7, 15)
    assert codes(reading) == ["card_expired"]


def test_unreadable_sex_is_taken_from_the_id() -> None:
    reading = parse_td1((AN[0], replace(AN[1], 7, "H"), AN[2]), today=TODAY)
    assert reading.sex is Sex.MALE
    assert codes(reading) == ["mrz_sex_from_id"]
    unspecified = parse_td1((AN[0], replace(AN[1], 7, "<"), AN[2]), today=TODAY)
    assert unspecified.sex is None


def test_sex_disagreeing_with_the_id_warns() -> None:
    assert codes(parse_td1((AN[0], replace(AN[1], 7, "F"), AN[2]), today=TODAY)) == ["id_sex_mismatch"]


@pytest.mark.parametrize(("line3", "name", "uncertain"), [
    ("NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<", "NGUYEN VAN AN", False),
    ("NGUYEN<<VAN<AN<<<<<<<<<<<<<KCE", "NGUYEN VAN AN", True),  # filler misread after the name
    ("NGUYEN<<VAN<AN<K<<<<<<<<<<<<<<", "NGUYEN VAN AN", True),  # a vowel-less "word" is misread filler
    ("NGUY3N<<VAN<AN<<<<<<<<<<<<<<<<", "NGUY N VAN AN", True),  # 3 looks like no letter
    ("H0ANG<<8AO<<<<<<<<<<<<<<<<<<<<", "HOANG BAO", True),
    ("KSOR<<H<<<<<<<<<<<<<<<<<<<<<<<", "KSOR H", False),
    ("HOANG<<<<<<<<<<<<<<<<<<<<<<<<<", "HOANG", False),
    ("NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<<<", "NGUYEN VAN AN", False),  # two extra fillers cut
])
def test_name_line_cleaning(line3: str, name: str, uncertain: bool) -> None:
    reading = parse_td1((AN[0], AN[1], line3), today=TODAY)
    assert reading.full_name == name
    assert ("mrz_name_uncertain" in codes(reading)) is uncertain


# --- fold_name_for_mrz ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "folded"), [
    ("Nguyễn Văn An", "NGUYEN<<VAN<AN"),
    ("Đặng Thị Hồng", "DANG<<THI<HONG"),
    ("Trần Thị Bích Ngọc", "TRAN<<THI<BICH<NGOC"),
    ("Ưng Hoàng Phúc", "UNG<<HOANG<PHUC"),
    ("  Lê   Văn  Tám ", "LE<<VAN<TAM"),
    ("H'Hen Niê", "HHEN<<NIE"),
    ("Hoàng", "HOANG"),
    ("NGUYEN VAN AN", "NGUYEN<<VAN<AN"),
    ("NGUYEN<<VAN<AN", "NGUYEN<<VAN<AN"),
    ("", ""),
])
def test_fold_name_for_mrz(name: str, folded: str) -> None:
    assert fold_name_for_mrz(name) == folded
    assert fold_name_for_mrz(unicodedata.normalize("NFD", name)) == folded


# --- properties -----------------------------------------------------------------------------------

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Đặng", "Bùi", "Đỗ", "Hồ", "Dương", "Ưng"]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quốc", "Bảo"]
GIVEN_NAMES = ["An", "Ân", "Bình", "Châu", "Dũng", "Đạt", "Hương", "Khánh", "Lộc", "Thư", "Ánh", "Ước", "Yến"]

names = st.builds(lambda s, m, g: " ".join([s, *m, g]), st.sampled_from(SURNAMES),
                  st.lists(st.sampled_from(MIDDLE_NAMES), max_size=2), st.sampled_from(GIVEN_NAMES))


Card = tuple[str, str, date, Sex, date | None]  # build_td1's arguments


@st.composite
def cards(draw: st.DrawFn) -> Card:
    sex = draw(st.sampled_from(Sex))
    born = draw(st.dates(date(1900, 1, 1), TODAY))
    place = draw(st.sampled_from([*PROVINCE_CODES, "101", "295"]))
    serial = draw(st.integers(0, 999_999))
    id_number = f"{place}{century_digit_for(born.year, sex)}{born.year % 100:02d}{serial:06d}"
    expiry = draw(st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2098, 12, 31))))
    return id_number, draw(names), born, sex, expiry


@settings(max_examples=200)
@given(cards())
def test_generated_cards_round_trip(card: Card) -> None:
    id_number, name, born, sex, expiry = card
    reading = parse_td1(build_td1(*card), today=TODAY)
    assert reading.id_number == id_number
    assert reading.full_name == fold_name_for_mrz(name).replace("<<", " ").replace("<", " ")
    assert (reading.date_of_birth, reading.sex, reading.expiry_date) == (born, sex, expiry)
    assert set(codes(reading)) <= {"card_expired"}


# How OCR misreads OCR-B: digit → look-alike letter, filler → look-alike letter, fixed letters → look-alikes.
DIGIT_LOOKALIKES = {"0": "OQD", "1": "IL", "2": "Z", "4": "A", "5": "S", "6": "G", "7": "T", "8": "B"}
FILLER_LOOKALIKES = "KCES"
LITERAL_LOOKALIKES = {"I": "1L", "D": "0O", "V": "Y", "N": "H", "M": "N"}
SEX_POSITION = 7


def corruptible_positions(lines: tuple[str, str, str]) -> list[tuple[int, int, str]]:
    """(line, index, replacement) for every OCR confusion the repair promises to undo."""
    out: list[tuple[int, int, str]] = []
    for number, line in enumerate(lines[:2]):
        for index, char in enumerate(line):
            if number == 1 and index == SEX_POSITION:
                continue
            options = DIGIT_LOOKALIKES.get(char, "") or LITERAL_LOOKALIKES.get(char, "")
            if char == "<":
                options = FILLER_LOOKALIKES
            out.extend((number, index, option) for option in options)
    name_end = len(lines[2].rstrip("<"))
    out.extend((2, index, option) for index in range(name_end + 2, 30) for option in FILLER_LOOKALIKES)
    return out


@settings(max_examples=200, deadline=None)
@given(cards(), st.data())
def test_ocr_confusions_are_repaired(card: Card, data: st.DataObject) -> None:
    lines = build_td1(*card)
    original = parse_td1(lines, today=TODAY)
    choices = corruptible_positions(lines)
    picked = data.draw(st.lists(st.sampled_from(choices), min_size=1, max_size=4,
                                unique_by=lambda c: (c[0], c[1])))
    corrupted = list(lines)
    for number, index, char in picked:
        corrupted[number] = replace(corrupted[number], index, char)
    reading = parse_td1(corrupted, today=TODAY)
    assert same_card(reading, original)
    assert any(code in codes(reading) for code in ("mrz_repaired", "mrz_name_uncertain"))


@settings(max_examples=200, deadline=None)
@given(cards(), st.data())
def test_a_digit_for_a_digit_is_repaired_or_refused_never_misread(
        card: Card, data: st.DataObject) -> None:
    lines = build_td1(*card)
    original = parse_td1(lines, today=TODAY)
    number = data.draw(st.sampled_from([0, 1]))
    index = data.draw(st.sampled_from([i for i, c in enumerate(lines[number]) if c.isdigit()]))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != lines[number][index]]))
    corrupted = list(lines)
    corrupted[number] = replace(lines[number], index, digit)
    try:
        reading = parse_td1(corrupted, today=TODAY)
    except MrzError:
        return
    assert same_card(reading, original)


MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
mrz_lines = st.text(alphabet=MRZ_ALPHABET, min_size=25, max_size=35)


@settings(max_examples=200, deadline=None)
@given(st.one_of(
    st.lists(st.text(alphabet=MRZ_ALPHABET + " \n", max_size=100), max_size=5),
    st.tuples(mrz_lines.map(lambda s: "IDVNM" + s), mrz_lines, mrz_lines),
    st.tuples(st.from_regex(r"IDVNM[0-9]{10}[0-9A-Z<]{12}<<[0-9]", fullmatch=True),
              st.from_regex(r"[0-9A-Z<]{7}[MF<][0-9A-Z]{7}VNM<{11}[0-9]", fullmatch=True), mrz_lines),
))
def test_random_mrz_like_text_never_crashes(lines: list[str] | tuple[str, ...]) -> None:
    try:
        reading = parse_td1(lines, today=TODAY)
    except MrzError:
        return
    assert len(reading.id_number) == 12 and reading.id_number.isdigit()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=4))
def test_random_text_never_crashes(lines: list[str]) -> None:
    with contextlib.suppress(MrzError):
        parse_td1(lines, today=TODAY)


@pytest.mark.parametrize("name_line", ["TRINH<<MINH<KKHOA", "LY<<THANHK<THANG"])
def test_a_k_that_vietnamese_spelling_forbids_marks_the_name_uncertain(name_line: str) -> None:
    dob, expiry = date(1989, 7, 15), date(2029, 7, 15)
    line1, line2, _ = build_td1("001089012345", "Nguyễn Văn An", dob, Sex.MALE, expiry)
    reading = parse_td1([line1, line2, name_line.ljust(30, "<")], today=date(2026, 1, 1))
    assert "mrz_name_uncertain" in {w.code for w in reading.warnings}


def test_real_k_spellings_stay_clean() -> None:
    line1, line2, line3 = build_td1("001089012345", "Kiều Khánh Kỳ", date(1989, 7, 15), Sex.MALE, None)
    reading = parse_td1([line1, line2, line3], today=date(2026, 1, 1))
    assert reading.full_name == "KIEU KHANH KY"
    assert "mrz_name_uncertain" not in {w.code for w in reading.warnings}
    line3 = "KSOR<<H<BIA".ljust(30, "<")  # an Ê Đê name: K before a consonant is real
    assert "mrz_name_uncertain" not in {w.code for w in parse_td1([line1, line2, line3]).warnings}
