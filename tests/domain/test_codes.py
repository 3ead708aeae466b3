"""Dossier and procedure codes: the official shapes, round trips and clear refusals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.codes import (
    DossierCode,
    format_dossier_code,
    is_valid_procedure_code,
    is_valid_unit_code,
    national_procedure_code,
    parse_dossier_code,
)


def test_the_circular_example_parses() -> None:
    code = parse_dossier_code("000.00.53.H48-220921-0099")
    assert code == DossierCode(unit_code="000.00.53.H48", day=date(2022, 9, 21), seq=99)
    assert str(code) == "000.00.53.H48-220921-0099"


def test_format_pads_the_sequence_to_four_digits() -> None:
    assert format_dossier_code("000.00.00.H26", date(2025, 7, 1), 1) == "000.00.00.H26-250701-0001"
    assert format_dossier_code("000.00.00.H26", date(2025, 12, 31), 9999) == "000.00.00.H26-251231-9999"


def test_parse_accepts_what_a_person_types() -> None:
    assert str(parse_dossier_code("  000.00.53.h48-220921-0099\n")) == "000.00.53.H48-220921-0099"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "expected <unit code>-YYMMDD-XXXX"),
        ("000.00.53.H48-220921", "expected <unit code>-YYMMDD-XXXX"),
        ("000.00.53.H48-220921-99", "expected <unit code>-YYMMDD-XXXX"),
        ("000.00.53.H48/220921/0099", "expected <unit code>-YYMMDD-XXXX"),
        ("-220921-0099", "expected <unit code>-YYMMDD-XXXX"),
        ("000.00.53.H48-221321-0099", "not a valid date"),
        ("000.00.53.H48-220230-0099", "not a valid date"),
        ("000.00.53.H48-220921-0000", "starts at 0001"),
    ],
)
def test_parse_explains_what_is_wrong(text: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_dossier_code(text)


def test_parse_refuses_non_text() -> None:
    with pytest.raises(ValueError, match="is text"):
        parse_dossier_code(123)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("unit", "day", "seq", "hint"),
    [
        ("000.00.00.H26", date(2025, 1, 1), 0, "between 1 and 9999"),
        ("000.00.00.H26", date(2025, 1, 1), 10000, "between 1 and 9999"),
        ("000 00 00 H26", date(2025, 1, 1), 1, "agency code"),
        ("", date(2025, 1, 1), 1, "agency code"),
        ("000.00.00.H26", date(1999, 12, 31), 1, "2000–2099"),
    ],
)
def test_format_refuses_what_could_not_be_parsed_back(unit: str, day: date, seq: int, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        format_dossier_code(unit, day, seq)


units = st.builds(
    lambda a, b, c, letter, d: f"{a:03d}.{b:02d}.{c:02d}.{letter}{d:02d}",
    st.integers(0, 999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from("GHKX"),
    st.integers(0, 99),
)


@given(units, st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 9999))
def test_format_and_parse_round_trip(unit: str, day: date, seq: int) -> None:
    text = format_dossier_code(unit, day, seq)
    assert parse_dossier_code(text) == DossierCode(unit, day, seq)
    assert is_valid_unit_code(unit)


def test_unit_codes() -> None:
    assert is_valid_unit_code("000.00.00.H26")
    assert not is_valid_unit_code("H26")
    assert not is_valid_unit_code("000.00.00.h26")


@pytest.mark.parametrize(
    "code", ["1.001193", "1.001193.000.00.00.H26", "1.000894.000.00.00.H48", "2.000488.000.00.00.H62"]
)
def test_valid_procedure_codes(code: str) -> None:
    assert is_valid_procedure_code(code)


@pytest.mark.parametrize(
    "code",
    ["", "1001193", "1.00119", "1.001193.000.00.00", "1.001193.000.00.00.H2", "T-LDG-090670-TT", " 1.001193"],
)
def test_invalid_procedure_codes(code: str) -> None:
    assert not is_valid_procedure_code(code)


def test_national_part_of_a_procedure_code() -> None:
    assert national_procedure_code("1.001193.000.00.00.H26") == "1.001193"
    assert national_procedure_code("1.001193") == "1.001193"
    with pytest.raises(ValueError, match="not a procedure code"):
        national_procedure_code("1.001193.H26")
