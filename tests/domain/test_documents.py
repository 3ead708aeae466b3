"""Document metadata (Decree 107 / Circular 01/2023 fields): validation, the document code, JSON, NFC."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.documents import (
    DEFAULT_CODE_PATTERN,
    NOTICE_CODES,
    PERMANENT,
    DocumentMetadata,
    DocumentMetadataError,
    code_part,
    document_code,
    owner_key_without_id,
)

ICT = timezone(timedelta(hours=7))


def birth_certificate(**changes: Any) -> DocumentMetadata:
    values: dict[str, Any] = dict(
        document_type_code="GKS", document_name="Giấy khai sinh", summary="Bản sao giấy khai sinh",
        validity=PERMANENT, owner_id_number="001089012345", issuing_body="UBND phường Tràng Tiền",
        signer="Trần Văn Bình", document_number="123/QĐ-UBND", issue_date=date(2020, 1, 2),
        digitised_by="Bưu điện Hoàn Kiếm — quầy 3", digitised_at=datetime(2025, 3, 4, 9, 30, tzinfo=ICT),
    )
    values.update(changes)
    return DocumentMetadata(**values)


def problem_codes(error: DocumentMetadataError) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.problems}


# ------------------------------------------------------------------------------------------ the code


def test_the_default_code_is_id_type_number_and_sequence() -> None:
    assert DEFAULT_CODE_PATTERN == "{id}.{type}.{number}.{seq:02d}"
    assert birth_certificate().document_code() == "001089012345.GKS.123-QD-UBND.01"
    assert birth_certificate(sequence=12).document_code() == "001089012345.GKS.123-QD-UBND.12"


def test_a_document_without_a_number_drops_that_part_and_its_dot() -> None:
    assert birth_certificate(document_number="").document_code() == "001089012345.GKS.01"


def test_the_pattern_is_configurable_and_checked() -> None:
    assert birth_certificate().document_code("{type}-{id}") == "GKS-001089012345"
    with pytest.raises(ValueError, match="unknown fields"):
        birth_certificate().document_code("{id}.{type}.{year}")
    with pytest.raises(ValueError, match=r"\{id\} and \{type\}"):
        document_code("001089012345", "GKS", pattern="{type}.{number}")
    with pytest.raises(ValueError, match="between 1 and 99"):
        document_code("001089012345", "GKS", sequence=100)


def test_code_parts_lose_diacritics_and_punctuation_but_keep_case() -> None:
    assert code_part("123/QĐ-UBND") == "123-QD-UBND"
    assert code_part("  số 5/2024/TT-BCA ") == "so-5-2024-TT-BCA"
    assert code_part("Đà Nẵng") == "Da-Nang"


@given(st.text(max_size=40))
def test_code_parts_only_ever_hold_code_characters(text: str) -> None:
    part = code_part(text)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in part)
    assert not part.startswith("-") and not part.endswith("-")


def test_an_owner_without_an_id_is_keyed_by_name_and_birth_year() -> None:
    meta = birth_certificate(owner_id_number="", owner_name="Đặng Thị Hồng", owner_birth_year=1956)
    assert meta.owner_key == owner_key_without_id("Đặng Thị Hồng", 1956) == "DANGTHIHONG1956"
    assert meta.document_code() == "DANGTHIHONG1956.GKS.123-QD-UBND.01"


# ------------------------------------------------------------------------------------------ validation


def test_a_complete_record_is_valid_and_permanent() -> None:
    meta = birth_certificate()
    assert meta.problems() == [] and meta.permanent


def test_every_missing_required_field_is_reported_at_once() -> None:
    with pytest.raises(DocumentMetadataError) as caught:
        birth_certificate(document_type_code="", document_name=" ", summary="")
    assert problem_codes(caught.value) == {("document_type_code", "required"), ("document_name", "required"),
                                           ("summary", "required")}
    assert "missing" in str(caught.value)
    # Each field has its own words in the catalogue (tests/ui/test_notice_texts.py checks both languages).
    assert {n.code for n in caught.value.notices} == {"metadata.required.document_type_code",
                                                      "metadata.required.document_name",
                                                      "metadata.required.summary"}


def test_without_an_id_the_owner_name_birth_year_issue_date_and_body_are_required() -> None:
    with pytest.raises(DocumentMetadataError) as caught:
        birth_certificate(owner_id_number="", issue_date=None, issuing_body="")
    assert problem_codes(caught.value) == {("owner_name", "required_without_id"),
                                           ("owner_birth_year", "required_without_id"),
                                           ("issue_date", "required_without_id"),
                                           ("issuing_body", "required_without_id")}
    ok = birth_certificate(owner_id_number="", owner_name="Đặng Thị Hồng", owner_birth_year=1956)
    assert ok.owner_id_number == ""


@pytest.mark.parametrize(("changes", "expected"), [
    ({"owner_id_number": "00108901234"}, ("owner_id_number", "format")),
    ({"owner_id_number": "00108901234X"}, ("owner_id_number", "format")),
    ({"document_type_code": "GKS.1"}, ("document_type_code", "format")),
    ({"document_type_code": "giấy"}, ("document_type_code", "format")),
    ({"validity": date(2019, 12, 31)}, ("validity", "before_issue")),
    ({"validity": "mãi mãi"}, ("validity", "format")),
    ({"digitised_at": datetime(2025, 3, 4, 9, 30)}, ("digitised_at", "naive_time")),
    ({"issue_date": date(2026, 1, 1), "validity": PERMANENT}, ("issue_date", "after_digitised")),
    ({"page_count": 0}, ("page_count", "range")),
    ({"sha256": "abc"}, ("sha256", "format")),
    ({"sequence": 0}, ("sequence", "range")),
    ({"owner_birth_year": 1700}, ("owner_birth_year", "range")),
    ({"signer": "a\x07b"}, ("signer", "control_characters")),
    ({"summary": "x" * 2001}, ("summary", "too_long")),
])
def test_bad_values_are_refused_with_a_stable_code(changes: dict[str, Any],
                                                   expected: tuple[str, str]) -> None:
    with pytest.raises(DocumentMetadataError) as caught:
        birth_certificate(**changes)
    assert expected in problem_codes(caught.value)
    assert all(p.detail and p.notice.code in NOTICE_CODES for p in caught.value.problems)


def test_a_validity_end_date_after_the_issue_date_is_fine() -> None:
    meta = birth_certificate(validity=date(2030, 1, 1), validity_scope="Toàn quốc")
    assert not meta.permanent and meta.validity == date(2030, 1, 1)


def test_text_is_stored_nfc_and_stripped_and_hashes_lower_case() -> None:
    decomposed = unicodedata.normalize("NFD", "  Giấy khai sinh  ")
    meta = birth_certificate(document_name=decomposed, sha256="A" * 64, validity=" Permanent ")
    assert meta.document_name == "Giấy khai sinh"
    assert unicodedata.is_normalized("NFC", meta.document_name)
    assert meta.sha256 == "a" * 64 and meta.validity == PERMANENT


def test_with_file_fills_in_what_the_file_says() -> None:
    meta = birth_certificate(digitised_at=None).with_file(page_count=3, sha256="0" * 64,
                                                          digitised_at=datetime(2025, 5, 6, tzinfo=ICT))
    assert (meta.page_count, meta.sha256) == (3, "0" * 64)
    assert meta.digitised_at == datetime(2025, 5, 6, tzinfo=ICT)
    with pytest.raises(DocumentMetadataError):
        meta.with_file(page_count=-1)


# ------------------------------------------------------------------------------------------------ JSON


def test_json_round_trip_keeps_every_field_and_adds_the_code() -> None:
    meta = birth_certificate(page_count=2, sha256="f" * 64, validity=date(2031, 6, 30),
                             validity_scope="Hà Nội")
    data = json.loads(json.dumps(meta.to_json_dict(), ensure_ascii=False))
    assert data["document_code"] == "001089012345.GKS.123-QD-UBND.01"
    assert data["validity"] == "2031-06-30" and data["digitised_at"] == "2025-03-04T09:30:00+07:00"
    assert set(data) == {f.name for f in dataclasses.fields(DocumentMetadata)} | {"document_code"}
    assert DocumentMetadata.from_json_dict(data) == meta
    assert DocumentMetadata.from_json_dict(birth_certificate().to_json_dict()).validity == PERMANENT


def test_json_with_unknown_or_malformed_fields_is_refused() -> None:
    data = birth_certificate().to_json_dict()
    with pytest.raises(DocumentMetadataError) as caught:
        DocumentMetadata.from_json_dict({**data, "summery": "typo", "issue_date": "02/01/2020",
                                         "page_count": "2"})
    assert problem_codes(caught.value) == {("summery", "unknown_field"), ("issue_date", "format"),
                                           ("page_count", "format")}
    with pytest.raises(DocumentMetadataError) as caught:
        DocumentMetadata.from_json_dict({"document_name": "Giấy khai sinh"})
    assert {("document_type_code", "required"), ("summary", "required"),
            ("validity", "required")} <= problem_codes(caught.value)
