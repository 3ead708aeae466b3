"""The ID card's QR payload: parsing, tolerance, warnings and the synthetic payload builder (DOMAIN.md §1)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.id_number import PROVINCE_CODES, century_digit_for
from kiosk.domain.idcard import (
    NOTICE_CODES,
    IdentityReading,
    NotAnIdCard,
    Sex,
    build_qr_payload,
    looks_vietnamese,
    parse_qr_payload,
    repair_mojibake,
)

VECTOR_2021 = "001089012345|123456789|Nguyễn Văn An|15071989|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|20052021"
VECTOR_NO_OLD_ID = (
    "079305001234||Trần Thị Bích Ngọc|02032005|Nữ|12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh|10082021")
VECTOR_2024 = "048156000777|201234567|Đặng Thị Hồng|01011956|Nữ|Hải Châu, Đà Nẵng|12122024||||"


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def codes(reading: IdentityReading) -> list[str]:
    return [w.code for w in reading.warnings]


def with_field(payload: str, index: int, value: str) -> str:
    fields = payload.split("|")
    fields[index] = value
    return "|".join(fields)


# --- the reference vectors ------------------------------------------------------------------------


def test_vector_2021_card() -> None:
    reading = parse_qr_payload(VECTOR_2021)
    assert reading == IdentityReading(
        source="qr", id_number="001089012345", old_id_number="123456789", full_name="Nguyễn Văn An",
        date_of_birth=date(1989, 7, 15), sex=Sex.MALE, address="Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
        issue_date=date(2021, 5, 20))
    assert reading.warnings == ()


def test_vector_without_old_id() -> None:
    reading = parse_qr_payload(VECTOR_NO_OLD_ID)
    assert reading.old_id_number is None
    assert reading.full_name == "Trần Thị Bích Ngọc"
    assert reading.date_of_birth == date(2005, 3, 2)
    assert reading.sex is Sex.FEMALE
    assert reading.address == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh"
    assert reading.issue_date == date(2021, 8, 10)
    assert reading.warnings == ()


def test_vector_2024_card_has_eleven_fields() -> None:
    reading = parse_qr_payload(VECTOR_2024)
    assert reading.id_number == "048156000777"
    assert reading.old_id_number == "201234567"
    assert reading.full_name == "Đặng Thị Hồng"
    assert reading.date_of_birth == date(1956, 1, 1)
    assert reading.sex is Sex.FEMALE
    assert reading.issue_date == date(2024, 12, 12)
    assert reading.extra_fields == ("", "", "", "")
    assert reading.warnings == ()


def test_json_dict_contract() -> None:
    assert parse_qr_payload(VECTOR_2024).to_json_dict() == {
        "source": "qr", "id_number": "048156000777", "old_id_number": "201234567",
        "full_name": "Đặng Thị Hồng", "date_of_birth": "1956-01-01", "sex": "F",
        "address": "Hải Châu, Đà Nẵng", "issue_date": "2024-12-12", "expiry_date": None, "warnings": [],
        "document": None,
    }


# --- tolerance ------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [6, 8, 9, 10, 12])
def test_only_the_issued_shapes_are_accepted(count: int) -> None:
    fields = (VECTOR_2024 if count > 7 else VECTOR_2021).split("|")
    payload = "|".join((fields + [""] * count)[:count])
    with pytest.raises(NotAnIdCard) as refused:
        parse_qr_payload(payload)
    assert "7 or 11" in refused.value.reason_en and refused.value.notice.code == "card.qr.field_count"


def test_a_nine_field_payload_is_not_read_with_shifted_fields() -> None:
    # Seen in the field: the old-ID field missing and two unknown fields after the issue date.
    shifted = "001089012345|Nguyễn Văn An|15071989|Nam|Hà Nội|10072024||x|y"
    with pytest.raises(NotAnIdCard):
        parse_qr_payload(shifted)


@pytest.mark.parametrize(("index", "value"), [(2, "Nam"), (2, "Nữ"), (5, "10072024"), (5, "10/07/2024")])
def test_fields_out_of_place_are_refused(index: int, value: str) -> None:
    with pytest.raises(NotAnIdCard) as refused:
        parse_qr_payload(with_field(VECTOR_2021, index, value))
    assert "out of place" in refused.value.reason_en


def test_neither_a_date_nor_a_sex_where_they_belong_is_refused() -> None:
    with pytest.raises(NotAnIdCard):
        parse_qr_payload(with_field(with_field(VECTOR_2021, 3, "Nam"), 4, "Hà Nội"))


@pytest.mark.parametrize("wrapped", [
    VECTOR_2021 + "\n", VECTOR_2021 + "\r\n", "\ufeff" + VECTOR_2021, "  " + VECTOR_2021 + " \t",
    VECTOR_2021 + "\x00\x00", "\ufeff" + VECTOR_2024 + "\r\n",
])
def test_edge_whitespace_bom_and_line_ends_are_ignored(wrapped: str) -> None:
    reading = parse_qr_payload(wrapped)
    assert reading.id_number in {"001089012345", "048156000777"}
    assert reading.warnings == ()
    assert reading.issue_date is not None


def test_spaces_around_and_inside_fields_are_tidied() -> None:
    reading = parse_qr_payload(
        "001089012345 | 123456789 | Nguyễn  Văn An |15071989| Nam |Số 1,  Hà Nội |20052021")
    assert reading.full_name == "Nguyễn Văn An"
    assert reading.old_id_number == "123456789"
    assert reading.address == "Số 1, Hà Nội"
    assert reading.warnings == ()


def test_nfd_input_is_normalised_to_nfc() -> None:
    reading = parse_qr_payload(nfd(VECTOR_NO_OLD_ID))
    assert reading.full_name == "Trần Thị Bích Ngọc"
    assert reading.address is not None
    assert unicodedata.is_normalized("NFC", reading.full_name)
    assert unicodedata.is_normalized("NFC", reading.address)
    assert reading.sex is Sex.FEMALE
    assert reading.warnings == ()


@pytest.mark.parametrize(("raw", "sex"), [
    ("Nam", Sex.MALE), ("NAM", Sex.MALE), ("nam", Sex.MALE), (" Nam ", Sex.MALE),
    ("Nữ", Sex.FEMALE), ("NỮ", Sex.FEMALE), ("nữ", Sex.FEMALE), (nfd("Nữ"), Sex.FEMALE), ("Nu", Sex.FEMALE),
])
def test_sex_is_tolerant_of_case_and_normalisation(raw: str, sex: Sex) -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 4, raw))
    assert reading.sex is sex


def test_unknown_sex_is_kept_raw_with_a_warning() -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 4, "Khác"))
    assert reading.sex is None
    assert reading.raw_fields == {"sex": "Khác"}
    assert codes(reading) == ["bad_sex"]


@pytest.mark.parametrize("bad", ["31021989", "15131989", "1507198", "abcdefgh", "", "15-07-89"])
def test_bad_date_of_birth_is_kept_raw_with_a_warning(bad: str) -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 3, bad))
    assert reading.date_of_birth is None
    assert reading.raw_fields["date_of_birth"] == bad
    assert "bad_date_of_birth" in codes(reading)
    assert reading.full_name == "Nguyễn Văn An"


def test_date_separators_are_tolerated() -> None:
    assert parse_qr_payload(with_field(VECTOR_2021, 3, "15/07/1989")).date_of_birth == date(1989, 7, 15)


@pytest.mark.parametrize("year_only", ["1989", "00001989", "00/00/1989"])
def test_year_only_date_of_birth(year_only: str) -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 3, year_only))
    assert reading.date_of_birth is None
    assert reading.raw_fields["date_of_birth"] == year_only
    assert codes(reading) == ["partial_date_of_birth"]
    # The year still meets the ID check: a wrong year warns.
    mismatch = parse_qr_payload(with_field(VECTOR_2021, 3, "1990"))
    assert codes(mismatch) == ["partial_date_of_birth", "id_year_mismatch"]


def test_bad_issue_date_is_kept_raw_with_a_warning() -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 6, "99992021"))
    assert reading.issue_date is None
    assert reading.raw_fields == {"issue_date": "99992021"}
    assert codes(reading) == ["bad_issue_date"]


def test_issue_before_birth_warns() -> None:
    assert codes(parse_qr_payload(with_field(VECTOR_2021, 6, "01011980"))) == ["issue_before_birth"]


def test_malformed_old_id_warns_but_is_kept() -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 1, "12345"))
    assert reading.old_id_number == "12345"
    assert codes(reading) == ["old_id_format"]


def test_warnings_carry_no_personal_data() -> None:
    reading = parse_qr_payload(with_field(with_field(VECTOR_2021, 3, "31021989"), 4, "X"))
    for warning in reading.warnings:
        assert warning.notice.params == {}  # a code only: no personal data can ride along


# --- ID number checks -----------------------------------------------------------------------------


def test_id_sex_mismatch_warns() -> None:
    assert codes(parse_qr_payload(with_field(VECTOR_2021, 4, "Nữ"))) == ["id_sex_mismatch"]


def test_id_birth_year_mismatches_warn() -> None:
    assert codes(parse_qr_payload(with_field(VECTOR_2021, 3, "15071988"))) == ["id_year_mismatch"]
    assert codes(parse_qr_payload(with_field(VECTOR_2021, 3, "15071889"))) == ["id_century_mismatch"]


def test_unknown_place_code_warns() -> None:
    assert codes(parse_qr_payload(with_field(VECTOR_2021, 0, "003089012345"))) == ["id_unknown_place_code"]


# --- not an ID card -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "", "https://dichvucong.gov.vn", "001089012345|123456789|Nguyễn Văn An|15071989|Nam|Hà Nội",
    "00108901234|123456789|Nguyễn Văn An|15071989|Nam|Hà Nội|20052021",
    "00108901234X|123456789|Nguyễn Văn An|15071989|Nam|Hà Nội|20052021",
    "001089012345|123456789||15071989|Nam|Hà Nội|20052021",
    "001089012345|123456789|  |15071989|Nam|Hà Nội|20052021",
    "001089012345|123456789|1234|15071989|Nam|Hà Nội|20052021",
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704",
])
def test_not_an_id_card(text: str) -> None:
    with pytest.raises(NotAnIdCard) as raised:
        parse_qr_payload(text)
    assert raised.value.reason_en and raised.value.notice.code in NOTICE_CODES


# --- decoder mojibake -----------------------------------------------------------------------------

SHORT_PAYLOADS = [
    "079305001234||Trần Văn Ân|02032005|Nam|Lâm Đồng|10082021",
    "001089012345||Lâm|15071989|Nam|Hà Nội|20052021",
    "001089012345||Nguyễn Văn An|15071989|Nam|Huế|20052021",
]


def mangled_by_wrong_guess() -> list[tuple[str, str]]:
    """(payload, what a decoder guessing this encoding returns); a guess that fails outright returns no text,
    which the capture layer handles, so only the guesses that mangle are listed."""
    cases = []
    for payload in SHORT_PAYLOADS:
        for encoding in ["cp1252", "latin-1", "shift_jis"]:
            try:
                cases.append((payload, payload.encode("utf-8").decode(encoding)))
            except UnicodeDecodeError:
                continue
    return cases


@pytest.mark.parametrize(("payload", "mangled"), mangled_by_wrong_guess())
def test_short_vietnamese_payloads_survive_a_wrong_decoder_guess(payload: str, mangled: str) -> None:
    reading = parse_qr_payload(mangled)
    expected = parse_qr_payload(payload)
    assert (reading.full_name, reading.address) == (expected.full_name, expected.address)
    assert "text_encoding_repaired" in codes(reading)


def test_the_zbar_shift_jis_example_is_covered() -> None:
    assert ("079305001234||Trần Văn Ân|02032005|Nam|Lâm Đồng|10082021",
            "079305001234||Trần Văn Ân|02032005|Nam|Lâm Đồng|10082021".encode().decode("shift_jis")
            ) in mangled_by_wrong_guess()


def test_correct_vietnamese_is_never_repaired() -> None:
    for payload in [VECTOR_2021, VECTOR_NO_OLD_ID, VECTOR_2024, *SHORT_PAYLOADS]:
        assert repair_mojibake(payload) == (payload, False)


def test_unrepairable_odd_characters_warn() -> None:
    reading = parse_qr_payload(with_field(VECTOR_2021, 2, "Tr蘯ｧn V"))
    assert "suspect_text_encoding" in codes(reading)


def test_looks_vietnamese() -> None:
    assert looks_vietnamese("Nguyễn Văn An, Số 1 – Hà Nội")
    assert not looks_vietnamese("Nguyá»…n")
    assert not looks_vietnamese("Tr蘯ｧn")


# --- builder --------------------------------------------------------------------------------------


def test_builder_reproduces_the_vectors() -> None:
    assert build_qr_payload(
        id_number="001089012345", old_id_number="123456789", full_name="Nguyễn Văn An",
        date_of_birth=date(1989, 7, 15), sex=Sex.MALE, address="Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
        issue_date=date(2021, 5, 20)) == VECTOR_2021
    assert build_qr_payload(
        id_number="048156000777", old_id_number="201234567", full_name=nfd("Đặng Thị Hồng"),
        date_of_birth=date(1956, 1, 1), sex=Sex.FEMALE, address="Hải Châu, Đà Nẵng",
        issue_date=date(2024, 12, 12), extra_fields=("", "", "", "")) == VECTOR_2024


def test_builder_refuses_the_separator() -> None:
    with pytest.raises(ValueError):
        build_qr_payload(id_number="001089012345", full_name="A|B", date_of_birth=date(1989, 7, 15),
                         sex=Sex.MALE, address="Hà Nội", issue_date=date(2021, 5, 20))


# --- properties -----------------------------------------------------------------------------------

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Ông", "Ưng"]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Thu", "Quốc", "Bảo", "Kim", "Xuân"]
GIVEN_NAMES = ["An", "Ân", "Bình", "Châu", "Dũng", "Đạt", "Hương", "Khánh", "Lộc", "Ngọc", "Phương", "Quỳnh",
               "Thư", "Tuấn", "Ánh", "Ước", "Yến", "Hòa", "Kiệt", "Nhung", "Thủy", "Mỹ"]
PLACES = ["Số 1 Tràng Tiền", "Hoàn Kiếm", "Hà Nội", "Thôn Đông", "Xã Ea Kao", "Buôn Ma Thuột", "Đắk Lắk",
          "Tổ 5", "Phường Bến Nghé", "Quận 1", "TP. Hồ Chí Minh", "Ấp Mỹ Hòa", "Cà Mau"]

names = st.builds(lambda s, m, g: " ".join([s, *m, g]), st.sampled_from(SURNAMES),
                  st.lists(st.sampled_from(MIDDLE_NAMES), max_size=2), st.sampled_from(GIVEN_NAMES))


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    sex = draw(st.sampled_from(Sex))
    born = draw(st.dates(date(1900, 1, 1), date(2024, 12, 31)))
    place = draw(st.sampled_from([*PROVINCE_CODES, "101", "295"]))
    serial = draw(st.integers(0, 999_999))
    return {
        "id_number": f"{place}{century_digit_for(born.year, sex)}{born.year % 100:02d}{serial:06d}",
        "old_id_number": draw(st.one_of(st.none(), st.from_regex(r"[0-9]{9}", fullmatch=True))),
        "full_name": draw(names),
        "date_of_birth": born,
        "sex": sex,
        "address": ", ".join(draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=4))),
        "issue_date": born + timedelta(days=draw(st.integers(0, 365 * 40))),
        "extra_fields": draw(st.sampled_from([(), ("", "", "", "")])),
    }


@settings(max_examples=200)
@given(people(), st.booleans())
def test_generated_cards_round_trip(person: dict[str, Any], decomposed: bool) -> None:
    payload = build_qr_payload(**person)
    reading = parse_qr_payload(nfd(payload) if decomposed else payload)
    assert reading.warnings == ()
    assert reading == IdentityReading(source="qr", **person)


def parse_or_refuse(text: str) -> IdentityReading | None:
    try:
        reading = parse_qr_payload(text)
    except NotAnIdCard:
        return None
    assert len(reading.id_number) == 12
    assert unicodedata.is_normalized("NFC", reading.full_name)
    return reading


@settings(max_examples=200)
@given(st.binary(max_size=200), st.sampled_from(["utf-8", "latin-1", "cp1252", "shift_jis", "utf-16"]))
def test_random_bytes_never_crash(data: bytes, encoding: str) -> None:
    parse_or_refuse(data.decode(encoding, errors="replace"))


@settings(max_examples=200)
@given(st.lists(st.text(max_size=15), min_size=0, max_size=12))
def test_random_fields_never_crash(fields: list[str]) -> None:
    parse_or_refuse("|".join(fields))


@settings(max_examples=200)
@given(st.integers(0, 6), st.text(max_size=15), st.sampled_from([VECTOR_2021, VECTOR_NO_OLD_ID, VECTOR_2024]))
def test_one_damaged_field_never_crashes(index: int, value: str, payload: str) -> None:
    reading = parse_or_refuse(with_field(payload, index, value.replace("|", "")))
    if reading is not None and index not in (0, 2):
        assert reading.id_number == payload[:12]
