"""Decree 107 metadata for real: number, summary and validity from the catalogue's component rule and the
answers (or what the clerk typed on the documents screen), the papers' owner by applicant type, the
assisting clerk as digitiser, the document code after the configured pattern, into the PDF and the JSON."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from kiosk.capture.doc_capture import CapturedPage, capture_from_scan
from kiosk.capture.scanner import ScannedPage
from kiosk.config import ConfigError, load_config
from kiosk.domain.documents import DEFAULT_CODE_PATTERN, DocumentMetadataError
from kiosk.portal.models import Catalogue, LocalizedText, RequiredDocument
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sync.component_files import MetadataSource, component_files, rule_for
from kiosk.sync.submit import authorisation_component

WHEN = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
BIRTH = "1.001193.000.00.00.H26"
MARRIAGE = "1.000894.000.00.00.H26"
CITIZEN = {"applicant_type": "citizen", "full_name": "Nguyễn Văn An", "id_number": "001089012345"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_json(json.loads(load_seed_catalogue().body))


def _doc(catalogue: Catalogue, procedure: str, type_code: str) -> RequiredDocument:
    found = catalogue.find(procedure)
    assert found is not None
    return next(doc for doc in found.documents if doc.type_code == type_code)


def _page() -> CapturedPage:
    rgb = np.full((400, 290, 3), 245, np.uint8)
    rgb[20:40, 10:-10] = 30
    return capture_from_scan(ScannedPage(Image.fromarray(rgb), 200, "flatbed", "color", 1))


def test_the_catalogue_rule_gives_number_summary_and_a_validity_from_the_issue_date(
    catalogue: Catalogue,
) -> None:
    xnthn = _doc(catalogue, MARRIAGE, "XNTTHN")
    assert rule_for(xnthn).validity == "months:6"
    source = MetadataSource(CITIZEN, {"full_name": "Nguyễn Văn An"}, kiosk_id="K01")
    # The form does not ask the certificate's date: the documents screen must, before going on.
    assert [e.name for e in source.missing(xnthn)] == ["xnthn_issue_date"]
    assert {e.name for e in source.entries_for(xnthn)} == {
        "xnthn_number",
        "xnthn_issue_date",
        "xnthn_issuing_body",
    }
    with pytest.raises(DocumentMetadataError, match="validity"):
        source.metadata(xnthn, when=WHEN)
    typed = MetadataSource(
        CITIZEN,
        {"full_name": "Nguyễn Văn An"},
        kiosk_id="K01",
        entries={
            "XNTTHN": {
                "xnthn_number": "123/XN-UBND",
                "xnthn_issue_date": "2026-10-01",
                "xnthn_issuing_body": "UBND phường Hoàn Kiếm",
            }
        },
    )
    assert typed.missing(xnthn) == []
    meta = typed.metadata(xnthn, when=WHEN)
    assert meta.summary == "Xác nhận tình trạng hôn nhân của Nguyễn Văn An"
    assert meta.validity == date(2027, 4, 1)
    assert meta.document_number == "123/XN-UBND" and meta.issuing_body == "UBND phường Hoàn Kiếm"
    assert meta.document_code() == "001089012345.XNTTHN.123-XN-UBND.01"


def test_the_assisting_clerk_is_the_digitiser_and_the_kiosk_the_place(catalogue: Catalogue) -> None:
    gcs = _doc(catalogue, BIRTH, "GCS")
    alone = MetadataSource(CITIZEN, {"child_full_name": "Nguyễn Minh Khang"}, kiosk_id="K01")
    assisted = MetadataSource(
        CITIZEN, {"child_full_name": "Nguyễn Minh Khang"}, kiosk_id="K01", clerk="NV012"
    )
    assert (alone.metadata(gcs, when=WHEN).digitised_by, alone.metadata(gcs, when=WHEN).digitised_on) == (
        "K01",
        "",
    )
    meta = assisted.metadata(gcs, when=WHEN)
    assert (meta.digitised_by, meta.digitised_on) == ("NV012", "K01")
    assert meta.summary == "Giấy chứng sinh của Nguyễn Minh Khang" and meta.permanent


@pytest.mark.parametrize(
    ("applicant", "owner_key"),
    [
        (CITIZEN, "001089012345"),
        (
            {
                "applicant_type": "representative",
                "full_name": "Nguyễn Văn An",
                "id_number": "001089012345",
                "on_behalf_name": "Đặng Thị Hồng",
                "on_behalf_id_number": "048156000777",
            },
            "048156000777",
        ),
        (
            {
                "applicant_type": "foreigner",
                "full_name": "JOHN SMITH",
                "passport_number": "C01X00T47",
                "nationality": "USA",
                "date_of_birth": "1980-02-29",
            },
            "USA-C01X00T47",
        ),
        (
            {
                "applicant_type": "organisation",
                "full_name": "Công ty TNHH Sen Vàng",
                "organisation_code": "0123456789-001",
                "representative_name": "Trần Thị Bích Ngọc",
                "representative_id_number": "079305001234",
            },
            "0123456789-001",
        ),
        (
            {
                "applicant_type": "no_id",
                "full_name": "Lò Thị Mai",
                "birth_year": "1948",
                "issue_date": "1990-03-01",
                "issuing_body": "UBND xã Mường Phăng",
            },
            "LOTHIMAI1948",
        ),
    ],
)
def test_every_applicant_type_owns_its_papers_in_the_pdf_and_the_json(
    catalogue: Catalogue,
    applicant: dict[str, str],
    owner_key: str,
) -> None:
    gcs = _doc(catalogue, BIRTH, "GCS")
    source = MetadataSource(
        applicant,
        {"child_full_name": "Nguyễn Minh Khang"},
        kiosk_id="K01",
        clerk="NV012",
        code_pattern="{type}-{id}-{seq:02d}",
    )
    files = component_files({"GCS": [_page(), _page()]}, [gcs], source, when=WHEN)
    assert len(files) == 1
    record = files[0].metadata
    assert record["document_code"] == f"GCS-{owner_key}-01"  # the configured pattern, not the default
    assert record["page_count"] == 2 and record["digitised_by"] == "NV012" and record["sha256"]
    with pikepdf.open(io.BytesIO(files[0].content)) as pdf:
        xmp = str(pdf.open_metadata())
        assert f"GCS-{owner_key}-01" in xmp and "NV012" in str(pdf.docinfo.get("/Author"))
    if applicant["applicant_type"] == "no_id":  # the issuing data of the paper the person holds
        assert (record["issue_date"], record["issuing_body"]) == ("1990-03-01", "UBND xã Mường Phăng")


def test_a_representatives_authorisation_asks_for_its_dates_and_ends_when_it_says() -> None:
    vbuq = authorisation_component()
    applicant = {
        "applicant_type": "representative",
        "full_name": "Nguyễn Văn An",
        "id_number": "001089012345",
        "on_behalf_name": "Đặng Thị Hồng",
        "on_behalf_id_number": "048156000777",
    }
    source = MetadataSource(applicant, {}, kiosk_id="K01")
    assert [e.name for e in source.missing(vbuq)] == ["authorisation_valid_until"]
    summary, validity = source.preview(vbuq)
    assert validity is None and summary == "Văn bản ủy quyền của Đặng Thị Hồng"
    typed = MetadataSource(
        applicant,
        {},
        kiosk_id="K01",
        entries={"VBUQ": {"authorisation_date": "2026-11-20", "authorisation_valid_until": "2027-11-20"}},
    )
    meta = typed.metadata(vbuq, when=WHEN)
    assert meta.validity == date(2027, 11, 20) and meta.owner_id_number == "048156000777"


def test_an_unusable_catalogue_rule_falls_back_to_the_default() -> None:
    broken = RequiredDocument(
        "XNTTHN", LocalizedText("Xác nhận", "Certificate"), True, 1, metadata={"validity": "forever"}
    )
    assert rule_for(broken).validity == "months:6"


def test_the_document_code_pattern_is_configured_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[portal]\ndocument_code_pattern = "{type}-{id}-{seq:02d}"\n', encoding="utf-8")
    assert load_config(good, environ={}).portal.document_code_pattern == "{type}-{id}-{seq:02d}"
    assert (
        load_config(None, data_dir=tmp_path, environ={}).portal.document_code_pattern == DEFAULT_CODE_PATTERN
    )
    bad = tmp_path / "bad.toml"
    bad.write_text('[portal]\ndocument_code_pattern = "{type}-{name}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="document_code_pattern"):
        load_config(bad, environ={})
