"""Any country's passport (TD3) and ID card (TD1): ICAO 9303 specimens, check digits, country codes."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.idcard import Sex
from kiosk.domain.mrz import MrzError, check_digit, foreign_reading, is_state_code, parse_travel_document

TODAY = date(2026, 12, 1)
# ICAO 9303 part 4 and part 5 specimens (the fictitious state Utopia).
TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")


def test_icao_passport_specimen() -> None:
    doc = parse_travel_document(TD3, today=TODAY)
    assert (doc.kind, doc.format, doc.document_code) == ("passport", "TD3", "P")
    assert (doc.issuing_state, doc.nationality, doc.document_number) == ("UTO", "UTO", "L898902C3")
    assert (doc.surname, doc.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert doc.date_of_birth == date(1974, 8, 12) and doc.expiry_date == date(2012, 4, 15)
    assert doc.sex is Sex.FEMALE and doc.optional_data == "ZE184226B" and doc.known_states


def test_icao_id_card_specimen() -> None:
    doc = parse_travel_document(TD1, today=TODAY)
    assert (doc.kind, doc.format, doc.document_code, doc.document_number) == ("id_card", "TD1", "I",
                                                                              "D23145890")
    assert doc.surname == "ERIKSSON" and doc.date_of_birth == date(1974, 8, 12)


def test_lines_run_together_or_spaced() -> None:
    assert parse_travel_document(" ".join(TD3), today=TODAY).document_number == "L898902C3"
    assert parse_travel_document("".join(TD3), today=TODAY).surname == "ERIKSSON"


def test_german_card_with_a_one_letter_state_code() -> None:
    number = "T22000129"
    line1 = f"IDD<<{number}{check_digit(number)}" + "<" * 15
    body2 = "6408125<2010315D<<"
    dob_exp = "6408125" + "2010315"
    line2 = body2 + "<" * 11
    composite = check_digit(line1[5:30] + dob_exp + line2[18:29])
    doc = parse_travel_document((line1, line2 + str(composite), "MUSTERMANN<<ERIKA" + "<" * 13), today=TODAY)
    assert (doc.issuing_state, doc.nationality, doc.known_states, doc.sex) == ("D", "D", True, None)


def test_a_long_document_number_runs_into_the_optional_data() -> None:
    number = "D23145890734"
    line1 = "I<UTO" + number[:9] + "<" + number[9:] + str(check_digit(number))
    line1 = line1.ljust(30, "<")
    line2 = "7408122F1204159UTO" + "<" * 11
    composite = check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    doc = parse_travel_document((line1, line2 + str(composite), TD1[2]), today=TODAY)
    assert doc.document_number == number


@pytest.mark.parametrize(("row", "col", "char"), [(1, 2, "7"), (1, 15, "9"), (1, 25, "2"), (1, 43, "1")])
def test_a_wrong_character_fails_a_check_digit(row: int, col: int, char: str) -> None:
    lines = list(TD3)
    lines[row] = lines[row][:col] + char + lines[row][col + 1:]
    with pytest.raises(MrzError):
        parse_travel_document(lines, today=TODAY)


def test_letters_read_for_digits_in_dates_are_repaired_when_the_check_digit_agrees() -> None:
    line2 = TD3[1][:13] + "74O8122" + TD3[1][20:]  # O for 0 in the date of birth
    assert parse_travel_document((TD3[0], line2), today=TODAY).date_of_birth == date(1974, 8, 12)


def test_unknown_state_codes_are_kept_and_flagged() -> None:
    line1 = TD3[0].replace("UTO", "QQQ", 1)
    line2 = TD3[1].replace("UTO", "QQQ")
    doc = parse_travel_document((line1, line2), today=TODAY)
    assert doc.issuing_state == "QQQ" and not doc.known_states
    assert "unknown_state_code" in [w.code for w in foreign_reading(doc).warnings]
    assert is_state_code("VNM") and is_state_code("D<<") and is_state_code("UTO") and not is_state_code("QQQ")


@pytest.mark.parametrize("lines", [TD3[:1], (TD3[0], TD3[1][:40]), ("x" * 30, "y" * 30)])
def test_wrong_shapes_are_refused(lines: tuple[str, ...]) -> None:
    with pytest.raises(MrzError):
        parse_travel_document(lines, today=TODAY)


def test_a_foreign_reading_has_no_vietnamese_id_and_says_what_it_is() -> None:
    reading = foreign_reading(parse_travel_document(TD3, today=TODAY))
    assert reading.id_number == "" and reading.is_foreign
    record = reading.to_json_dict()
    assert record["document"]["kind"] == "passport" and record["document"]["document_number"] == "L898902C3"
    assert "ERIKSSON" not in repr(reading.document)


def test_an_old_expiry_is_in_the_last_century_not_seventy_years_ahead() -> None:
    expiry = "980104"
    line2 = TD3[1][:21] + expiry + str(check_digit(expiry)) + TD3[1][28:43]
    composite = check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    doc = parse_travel_document((TD3[0], line2 + str(composite)), today=TODAY)
    assert doc.expiry_date == date(1998, 1, 4)
