"""The client-side contract models: strict parsing, NFC at the boundary, faithful serialisation."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date
from typing import Any

import pytest

from kiosk.portal.models import (
    Catalogue,
    DocumentUpload,
    DossierStatus,
    DossierSubmission,
    LocalizedText,
    SubmissionResult,
    canonical_json_bytes,
)
from kiosk.sandbox.catalogue import load_seed_catalogue


@pytest.fixture
def seed() -> dict[str, Any]:
    body: dict[str, Any] = json.loads(load_seed_catalogue().body)
    return body


def test_localized_text_prefers_vietnamese() -> None:
    text = LocalizedText(vi="Hộ tịch", en="Civil status")
    assert text.get("vi") == text.get("vi-VN") == "Hộ tịch"
    assert text.get("en") == text.get("fr") == "Civil status"
    assert LocalizedText(vi="Hộ tịch", en="").get("en") == "Hộ tịch"


def test_catalogue_round_trips_with_the_same_hash(seed: dict[str, Any]) -> None:
    catalogue = Catalogue.from_json(seed)
    again = Catalogue.from_json(catalogue.to_json())
    assert again == catalogue
    assert (
        hashlib.sha256(canonical_json_bytes(catalogue.to_json()["procedures"])).hexdigest() == catalogue.hash
    )


def test_form_spec_is_fully_parsed(seed: dict[str, Any]) -> None:
    birth = Catalogue.from_json(seed).find("1.001193.000.00.00.H26")
    assert birth is not None
    sex = birth.form.field("child_sex")
    assert sex is not None and sex.type == "select" and sex.required
    assert [(o.value, o.label.vi) for o in sex.options] == [("M", "Nam"), ("F", "Nữ")]
    phone = birth.form.field("requester_phone")
    assert phone is not None and phone.validation.pattern == "(0|\\+84)[0-9]{9}"
    copies = birth.form.field("copies")
    assert copies is not None and (copies.validation.min, copies.validation.max) == (0, 10)
    assert birth.form.field("nothing") is None


def _broken(seed: dict[str, Any], change: Any) -> dict[str, Any]:
    broken = json.loads(json.dumps(seed))
    change(broken["procedures"][0])
    broken["hash"] = hashlib.sha256(canonical_json_bytes(broken["procedures"])).hexdigest()
    return broken


@pytest.mark.parametrize(
    ("change", "hint"),
    [
        (lambda p: p.pop("fee_vnd"), "missing 'fee_vnd'"),
        (lambda p: p.update(fee_vnd=True), "fee_vnd: expected int"),
        (lambda p: p.update(online_level="level4"), "online_level"),
        (lambda p: p["form"]["fields"][0].update(type="signature"), "type"),
        (lambda p: p["form"]["fields"][2].update(options=[]), "needs options"),
        (lambda p: p["form"]["fields"][0].update(prefill="card.blood_type"), "unknown source"),
        (lambda p: p["documents"][0].update(copies=0), "at least 1"),
        (lambda p: p["name"].pop("vi"), "missing 'vi'"),
    ],
)
def test_wrong_shapes_are_refused_with_a_pointer(seed: dict[str, Any], change: Any, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        Catalogue.from_json(_broken(seed, change))


def test_a_tampered_catalogue_fails_its_hash(seed: dict[str, Any]) -> None:
    seed["procedures"][0]["fee_vnd"] = 1
    with pytest.raises(ValueError, match="hash"):
        Catalogue.from_json(seed)


def test_decomposed_text_is_normalised_to_nfc(seed: dict[str, Any]) -> None:
    decomposed = json.loads(unicodedata.normalize("NFD", json.dumps(seed, ensure_ascii=False)))
    catalogue = Catalogue.from_json(decomposed, verify_hash=False)
    assert catalogue.procedures[0].name.vi == "Đăng ký khai sinh"


def test_document_upload_hashes_its_content() -> None:
    doc = DocumentUpload("GCS", "giấy chứng sinh.pdf", "application/pdf", b"%PDF-1.4 abc")
    assert doc.sha256 == hashlib.sha256(b"%PDF-1.4 abc").hexdigest()
    assert doc.size == 12
    assert "abc" not in repr(doc)  # scans stay out of logs and tracebacks


def test_manifest_is_nfc_json_with_file_hashes() -> None:
    nfd_name = unicodedata.normalize("NFD", "Nguyễn Văn An")
    sub = DossierSubmission(
        idempotency_key="key-12345678",
        kiosk_id="KIOSK-01",
        procedure_code="1.001193.000.00.00.H26",
        applicant={"full_name": nfd_name, "id_number": "001089012345", "phone": None},
        answers={"child_date_of_birth": date(2025, 6, 1), "copies": 2, "first": True},
        documents=(DocumentUpload("GCS", "a.pdf", "application/pdf", b"x", {"page_count": 1}),),
        assisted_by="clerk-07",
    )
    manifest = json.loads(sub.manifest_bytes())
    assert manifest["applicant"] == {"full_name": "Nguyễn Văn An", "id_number": "001089012345", "phone": None}
    assert manifest["answers"] == {"child_date_of_birth": "2025-06-01", "copies": 2, "first": True}
    assert manifest["assisted_by"] == "clerk-07"
    assert manifest["documents"] == [
        {
            "part": "document-0",
            "type_code": "GCS",
            "filename": "a.pdf",
            "content_type": "application/pdf",
            "sha256": hashlib.sha256(b"x").hexdigest(),
            "size": 1,
            "metadata": {"page_count": 1},
        }
    ]
    assert "idempotency_key" not in manifest  # it travels in the Idempotency-Key header


def test_results_need_an_aware_time() -> None:
    body = {
        "dossier_code": "X",
        "status": "received",
        "received_at": "2025-07-01T09:00:00",
        "duplicate": False,
    }
    with pytest.raises(ValueError, match="time zone"):
        SubmissionResult.from_json(body)
    body["received_at"] = "2025-07-01T09:00:00+07:00"
    result = SubmissionResult.from_json(body)
    assert SubmissionResult.from_json(result.to_json()) == result


def test_status_history_reads_as_tuples() -> None:
    status = DossierStatus.from_json(
        {
            "dossier_code": "000.00.00.H26-250701-0001",
            "procedure_code": "1.001193.000.00.00.H26",
            "status": "received",
            "received_at": "2025-07-01T09:00:00+07:00",
            "history": [{"status": "received", "at": "2025-07-01T09:00:00+07:00", "note": None}],
        }
    )
    [(state, at, note)] = status.history
    assert (state, at.hour, note) == ("received", 9, None)
    assert DossierStatus.from_json(status.to_json()) == status
