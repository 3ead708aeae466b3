"""Comparing the two sides of one card: QR (front or back) against MRZ (back)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.crosscheck import cross_check
from kiosk.domain.id_number import PROVINCE_CODES, century_digit_for
from kiosk.domain.idcard import IdentityReading, ReadingWarning, Sex, build_qr_payload, parse_qr_payload
from kiosk.domain.identity_parts import NOTICE_CODES
from kiosk.domain.mrz import build_td1, parse_td1

TODAY = date(2025, 6, 1)
QR_AN = parse_qr_payload(
    "001089012345|123456789|Nguyễn Văn An|15071989|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|20052021")
MRZ_AN = parse_td1(("IDVNM0890123456001089012345<<7",
                    "8907150M2907158VNM<<<<<<<<<<<0",
                    "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"), today=TODAY)
QR_HONG = parse_qr_payload("048156000777|201234567|Đặng Thị Hồng|01011956|Nữ|Hải Châu, Đà Nẵng|12122024||||")
MRZ_HONG = parse_td1(("IDVNM1560007775048156000777<<5",
                      "5601011F9912315VNM<<<<<<<<<<<2",
                      "DANG<<THI<HONG<<<<<<<<<<<<<<<<"), today=TODAY)


def codes(warnings: list[ReadingWarning]) -> list[str]:
    return [w.code for w in warnings]


def test_both_sides_of_the_reference_cards_agree() -> None:
    assert cross_check(QR_AN, MRZ_AN) == []
    assert cross_check(MRZ_AN, QR_AN) == []
    assert cross_check(QR_HONG, MRZ_HONG) == []


def test_two_different_cards_disagree_on_everything() -> None:
    assert codes(cross_check(QR_AN, MRZ_HONG)) == [
        "crosscheck_id_number", "crosscheck_date_of_birth", "crosscheck_sex", "crosscheck_name"]


def test_each_field_is_reported_on_its_own() -> None:
    assert codes(cross_check(QR_AN, dataclasses.replace(MRZ_AN, id_number="001089012346"))) == [
        "crosscheck_id_number"]
    assert codes(cross_check(QR_AN, dataclasses.replace(MRZ_AN, date_of_birth=date(1989, 7, 16)))) == [
        "crosscheck_date_of_birth"]
    assert codes(cross_check(QR_AN, dataclasses.replace(MRZ_AN, sex=Sex.FEMALE))) == ["crosscheck_sex"]
    assert codes(cross_check(dataclasses.replace(QR_AN, full_name="Nguyễn Văn Anh"), MRZ_AN)) == [
        "crosscheck_name"]


def test_missing_fields_are_not_compared() -> None:
    blank = dataclasses.replace(MRZ_HONG, date_of_birth=None, sex=None, full_name="")
    assert codes(cross_check(QR_AN, blank)) == ["crosscheck_id_number"]


def test_names_compare_without_diacritics_case_or_tone_placement() -> None:
    qr = dataclasses.replace(QR_AN, full_name="NGUYỄN  văn ân")
    assert cross_check(qr, MRZ_AN) == []
    hoa_old = dataclasses.replace(QR_AN, full_name="Lê Thị Hòa")
    hoa_new = dataclasses.replace(QR_AN, full_name="Lê Thị Hoà")
    assert cross_check(hoa_old, hoa_new) == []


def test_word_boundaries_matter() -> None:
    qr = dataclasses.replace(QR_AN, full_name="Nguyễn Vănan")
    assert codes(cross_check(qr, MRZ_AN)) == ["crosscheck_name"]


def test_a_name_cut_at_the_end_of_the_mrz_line_still_matches() -> None:
    long_name = "Nguyễn Ngọc Phương Hoàng Thủy Tiên"
    lines = build_td1("001189012345", long_name, date(1989, 7, 15), Sex.FEMALE, None)
    mrz = parse_td1(lines, today=TODAY)
    assert len(lines[2].rstrip("<")) == 30
    qr = dataclasses.replace(QR_AN, id_number="001189012345", full_name=long_name, sex=Sex.FEMALE)
    assert cross_check(qr, mrz) == []


def test_messages_are_bilingual_and_carry_no_personal_data() -> None:
    for warning in cross_check(QR_AN, MRZ_HONG):
        # A code (words in the catalogue) and no parameters: no personal data can ride along.
        assert warning.notice.code in NOTICE_CODES and warning.notice.params == {}


SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Dương", "Ưng"]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh"]
GIVEN_NAMES = ["An", "Ân", "Bình", "Châu", "Dũng", "Đạt", "Hương", "Khánh", "Lộc", "Thư", "Ánh", "Ước"]


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    sex = draw(st.sampled_from(Sex))
    born = draw(st.dates(date(1900, 1, 1), date(2020, 12, 31)))
    place = draw(st.sampled_from([*PROVINCE_CODES, "101"]))
    words = [draw(st.sampled_from(SURNAMES)), *draw(st.lists(st.sampled_from(MIDDLE_NAMES), max_size=2)),
             draw(st.sampled_from(GIVEN_NAMES))]
    return {
        "id_number": f"{place}{century_digit_for(born.year, sex)}{born.year % 100:02d}"
                     f"{draw(st.integers(0, 999_999)):06d}",
        "full_name": " ".join(words),
        "date_of_birth": born,
        "sex": sex,
    }


def read_both_sides(person: dict[str, Any]) -> tuple[IdentityReading, IdentityReading]:
    qr = parse_qr_payload(build_qr_payload(**person, address="Hà Nội", issue_date=date(2021, 1, 1)))
    mrz = parse_td1(build_td1(**person, expiry_date=None), today=TODAY)
    return qr, mrz


@settings(max_examples=200)
@given(people())
def test_both_sides_of_a_generated_card_agree(person: dict[str, Any]) -> None:
    qr, mrz = read_both_sides(person)
    assert cross_check(qr, mrz) == []


@settings(max_examples=200)
@given(people(), people())
def test_two_generated_cards_disagree_where_they_differ(
        first: dict[str, Any], second: dict[str, Any]) -> None:
    qr, _ = read_both_sides(first)
    _, mrz = read_both_sides(second)
    found = set(codes(cross_check(qr, mrz)))
    assert ("crosscheck_id_number" in found) == (first["id_number"] != second["id_number"])
    assert ("crosscheck_date_of_birth" in found) == (first["date_of_birth"] != second["date_of_birth"])
    assert ("crosscheck_sex" in found) == (first["sex"] != second["sex"])
