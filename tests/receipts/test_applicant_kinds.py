"""The receipt says who filed, of which kind, by which identifier: masked like the name."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.receipts.model import Receipt, receipt_content
from kiosk.receipts.pdf import render_pdf
from kiosk.ui.texts import say


@pytest.mark.parametrize(
    ("kind", "name", "identifier", "shown_name", "shown_id", "id_label"),
    [
        ("citizen", "Nguyễn Văn An", "001089012345", "*** *** An", "***345", "Số định danh"),
        ("foreigner", "JOHN MICHAEL SMITH", "C01X00T47", "*** *** SMITH", "***T47", "Số hộ chiếu"),
        (
            "organisation",
            "Công ty TNHH Sen Vàng",
            "0123456789-001",
            "Công ty TNHH Sen Vàng",
            "***001",
            "Mã số doanh nghiệp",
        ),
        ("no_id", "Lò Thị Mai", "1948", "*** *** Mai", "1948", "Năm sinh"),
        ("representative", "Nguyễn Văn An", "001089012345", "*** *** An", "***345", "Số định danh người nộp"),
    ],
)
def test_each_kind_prints_its_type_and_masked_identifier(
    receipt: Receipt,
    kind: str,
    name: str,
    identifier: str,
    shown_name: str,
    shown_id: str,
    id_label: str,
) -> None:
    typed = dataclasses.replace(
        receipt,
        applicant_kind=kind,
        applicant_name=name,
        applicant_identifier=identifier,
        on_behalf_name="Đặng Thị Hồng",
    )
    values = {f.label_vi: f.value for f in receipt_content(typed, say).fields}
    assert values["Người nộp"] == shown_name
    assert values[id_label] == shown_id
    assert values["Loại người nộp"].startswith(
        {
            "citizen": "Công dân Việt Nam",
            "foreigner": "Người nước ngoài",
            "organisation": "Tổ chức / doanh nghiệp",
            "no_id": "Người chưa có số định danh",
            "representative": "Nộp thay người thân",
        }[kind]
    )
    printed = " ".join(f.value for f in receipt_content(typed, say).fields)
    if kind != "no_id":
        assert identifier not in printed
    if kind == "representative":
        assert values["Nộp thay cho"] == "*** *** Hồng"
    else:
        assert "Nộp thay cho" not in values
    assert render_pdf(typed, say=say)[:5] == b"%PDF-"


def test_a_reprint_without_the_applicant_prints_no_applicant_lines(receipt: Receipt) -> None:
    reprint = dataclasses.replace(
        receipt, applicant_name="", applicant_identifier="001089012345", reprint=True
    )
    labels = {f.label_vi for f in receipt_content(reprint, say).fields}
    assert not labels & {"Người nộp", "Loại người nộp", "Số định danh"}
