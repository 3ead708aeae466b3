"""The 12-digit personal ID number: province table, century/sex digit, consistency warnings (DOMAIN.md §3)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.id_number import (
    ABROAD_CODES,
    PROVINCE_CODES,
    century_digit_for,
    check_id_number,
    decode_id_number,
    is_id_number,
)
from kiosk.domain.idcard import ReadingWarning, Sex
from kiosk.domain.identity_parts import NOTICE_CODES

# Copied from DOMAIN.md §3 on purpose: the table must match the reference word for word.
DOMAIN_TABLE = """
001 Hà Nội, 002 Hà Giang, 004 Cao Bằng, 006 Bắc Kạn, 008 Tuyên Quang, 010 Lào Cai,
011 Điện Biên, 012 Lai Châu, 014 Sơn La, 015 Yên Bái, 017 Hòa Bình, 019 Thái Nguyên, 020 Lạng Sơn,
022 Quảng Ninh, 024 Bắc Giang, 025 Phú Thọ, 026 Vĩnh Phúc, 027 Bắc Ninh, 030 Hải Dương, 031 Hải Phòng,
033 Hưng Yên, 034 Thái Bình, 035 Hà Nam, 036 Nam Định, 037 Ninh Bình, 038 Thanh Hóa, 040 Nghệ An,
042 Hà Tĩnh, 044 Quảng Bình, 045 Quảng Trị, 046 Thừa Thiên Huế, 048 Đà Nẵng, 049 Quảng Nam,
051 Quảng Ngãi, 052 Bình Định, 054 Phú Yên, 056 Khánh Hòa, 058 Ninh Thuận, 060 Bình Thuận, 062 Kon Tum,
064 Gia Lai, 066 Đắk Lắk, 067 Đắk Nông, 068 Lâm Đồng, 070 Bình Phước, 072 Tây Ninh, 074 Bình Dương,
075 Đồng Nai, 077 Bà Rịa - Vũng Tàu, 079 TP. Hồ Chí Minh, 080 Long An, 082 Tiền Giang, 083 Bến Tre,
084 Trà Vinh, 086 Vĩnh Long, 087 Đồng Tháp, 089 An Giang, 091 Kiên Giang, 092 Cần Thơ, 093 Hậu Giang,
094 Sóc Trăng, 095 Bạc Liêu, 096 Cà Mau.
"""


def domain_table() -> dict[str, str]:
    text = unicodedata.normalize("NFC", DOMAIN_TABLE).strip().rstrip(".")
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"(\d{3}) ([^,]+)", text)}


def codes(warnings: list[ReadingWarning]) -> list[str]:
    return [w.code for w in warnings]


def test_province_table_is_exactly_the_reference() -> None:
    expected = domain_table()
    assert len(expected) == 63
    assert dict(PROVINCE_CODES) == expected
    assert all(unicodedata.is_normalized("NFC", name) for name in PROVINCE_CODES.values())


def test_abroad_codes() -> None:
    assert 101 in ABROAD_CODES and 295 in ABROAD_CODES
    assert 100 not in ABROAD_CODES and 296 not in ABROAD_CODES


@pytest.mark.parametrize(("id_number", "place", "year", "sex"), [
    ("001089012345", "Hà Nội", 1989, Sex.MALE),
    ("079305001234", "TP. Hồ Chí Minh", 2005, Sex.FEMALE),
    ("048156000777", "Đà Nẵng", 1956, Sex.FEMALE),
    ("096200123456", "Cà Mau", 2000, Sex.MALE),
    ("046199000001", "Thừa Thiên Huế", 1999, Sex.FEMALE),
])
def test_decode_synthetic_ids(id_number: str, place: str, year: int, sex: Sex) -> None:
    info = decode_id_number(id_number)
    assert (info.place_name, info.birth_year, info.sex) == (place, year, sex)
    assert info.place_code == id_number[:3]
    assert not info.is_abroad
    assert info.is_known_place


@pytest.mark.parametrize(("digit", "century", "sex"), [
    (0, 1900, Sex.MALE), (1, 1900, Sex.FEMALE), (2, 2000, Sex.MALE), (3, 2000, Sex.FEMALE),
    (4, 2100, Sex.MALE), (5, 2100, Sex.FEMALE), (6, 2200, Sex.MALE), (9, 2300, Sex.FEMALE),
])
def test_century_and_sex_digit(digit: int, century: int, sex: Sex) -> None:
    info = decode_id_number(f"001{digit}42000000")
    assert info.birth_year == century + 42
    assert info.sex is sex
    assert info.century_digit == digit


def test_abroad_and_unknown_place_codes() -> None:
    abroad = decode_id_number("101089000001")
    assert abroad.is_abroad and abroad.place_name is None and abroad.is_known_place
    unknown = decode_id_number("003089000001")
    assert not unknown.is_abroad and unknown.place_name is None and not unknown.is_known_place


@pytest.mark.parametrize("bad", [
    "", "00108901234", "0010890123456", "00108901234a", " 001089012345", "001 089 012345",
    "٠٠١٠٨٩٠١٢٣٤٥",  # Arabic-Indic digits are digits to str.isdigit(), not to us
    "00108901234²",
])
def test_decode_rejects_wrong_shape(bad: str) -> None:
    assert not is_id_number(bad)
    with pytest.raises(ValueError):
        decode_id_number(bad)


def test_consistent_id_has_no_warnings() -> None:
    assert check_id_number("001089012345", date(1989, 7, 15), Sex.MALE) == []
    assert check_id_number("079305001234", date(2005, 3, 2), Sex.FEMALE) == []
    assert check_id_number("101089012345") == []


def test_unknown_place_code_warns() -> None:
    assert codes(check_id_number("097089012345", date(1989, 7, 15), Sex.MALE)) == ["id_unknown_place_code"]
    assert codes(check_id_number("296089012345")) == ["id_unknown_place_code"]


def test_century_mismatch_warns() -> None:
    assert codes(check_id_number("001289012345", date(1989, 7, 15), Sex.MALE)) == ["id_century_mismatch"]


def test_year_mismatch_warns() -> None:
    assert codes(check_id_number("001088012345", date(1989, 7, 15), Sex.MALE)) == ["id_year_mismatch"]


def test_sex_mismatch_warns() -> None:
    assert codes(check_id_number("001089012345", date(1989, 7, 15), Sex.FEMALE)) == ["id_sex_mismatch"]


def test_everything_wrong_warns_about_everything_but_never_raises() -> None:
    warnings = check_id_number("999389012345", date(1975, 1, 1), Sex.MALE)
    assert codes(warnings) == ["id_unknown_place_code", "id_century_mismatch", "id_year_mismatch",
                               "id_sex_mismatch"]
    assert all(w.notice.code in NOTICE_CODES for w in warnings)


def test_year_only_birth_date() -> None:
    assert check_id_number("001050012345", birth_year=1950) == []
    assert codes(check_id_number("001050012345", birth_year=1951)) == ["id_year_mismatch"]
    # A full date wins over a year.
    assert check_id_number("001050012345", date(1950, 1, 1), birth_year=1951) == []


def test_malformed_id_is_a_warning_not_an_exception() -> None:
    assert codes(check_id_number("12345")) == ["id_number_format"]


def test_warnings_do_not_leak_the_id_number() -> None:
    for warning in check_id_number("999389012345", date(1975, 1, 1), Sex.MALE):
        assert warning.notice.params == {}  # a code only: the number cannot ride along


@settings(max_examples=200)
@given(year=st.integers(1900, 2399), sex=st.sampled_from(Sex), place=st.sampled_from(sorted(PROVINCE_CODES)),
       serial=st.integers(0, 999_999))
def test_encode_decode_round_trip(year: int, sex: Sex, place: str, serial: int) -> None:
    id_number = f"{place}{century_digit_for(year, sex)}{year % 100:02d}{serial:06d}"
    info = decode_id_number(id_number)
    assert (info.birth_year, info.sex, info.place_name) == (year, sex, PROVINCE_CODES[place])
    assert check_id_number(id_number, date(year, 6, 1), sex) == []


def test_century_digit_for_rejects_years_without_a_digit() -> None:
    with pytest.raises(ValueError):
        century_digit_for(1899, Sex.MALE)
    with pytest.raises(ValueError):
        century_digit_for(2400, Sex.FEMALE)


@settings(max_examples=200)
@given(st.text(max_size=14))
def test_check_never_raises(text: str) -> None:
    assert isinstance(check_id_number(text, date(2000, 1, 1), Sex.MALE), list)
