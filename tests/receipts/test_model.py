from __future__ import annotations

import dataclasses
import unicodedata
from datetime import datetime

import pytest

from kiosk.receipts.model import (
    Delivery,
    DeliveryMethod,
    Receipt,
    delivery_text,
    format_vnd,
    mask_address,
    mask_name,
    receipt_content,
)
from kiosk.ui.texts import say


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0 ₫"), (500, "500 ₫"), (30000, "30.000 ₫"), (1250000, "1.250.000 ₫"), (-1000, "-1.000 ₫")],
)
def test_format_vnd_uses_dots_and_dong_sign(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "*** *** An"),
        ("Nguyễn Thị Hồng Nhung", "*** *** *** Nhung"),
        ("  Lê   Bình ", "*** Bình"),
        ("Ksor H'Hen", "*** H'Hen"),
        ("An", "An"),
        ("", ""),
    ],
)
def test_mask_name_keeps_only_the_given_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_name_returns_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Trần Thị Thuỷ")
    assert mask_name(decomposed) == "*** *** Thuỷ"
    assert unicodedata.is_normalized("NFC", mask_name(decomposed))


def test_mask_address_keeps_commune_and_province() -> None:
    assert mask_address("Số 12 ngõ 34, Phường Nghĩa Đô, Hà Nội") == "***, Phường Nghĩa Đô, Hà Nội"
    assert mask_address("Hà Nội") == "***"


def test_delivery_needs_address_and_slot() -> None:
    with pytest.raises(ValueError, match="address"):
        Delivery(DeliveryMethod.POST)
    with pytest.raises(ValueError, match="slot"):
        Delivery(DeliveryMethod.HOME_PICKUP, address="1 A, Phường B, Hà Nội")
    start = datetime(2025, 12, 3, 10, 0)
    with pytest.raises(ValueError, match="end after"):
        Delivery(DeliveryMethod.HOME_PICKUP, address="1 A, Phường B, Hà Nội", pickup_slot=(start, start))


def test_delivery_texts_never_print_the_full_address() -> None:
    address = "Số 12 ngõ 34, Phường Nghĩa Đô, Hà Nội"
    post = delivery_text(Delivery(DeliveryMethod.POST, address=address), say)
    assert "Số 12" not in post and "Phường Nghĩa Đô, Hà Nội" in post
    slot = (datetime(2025, 12, 3, 8, 0), datetime(2025, 12, 3, 10, 0))
    pickup = delivery_text(Delivery(DeliveryMethod.HOME_PICKUP, address=address, pickup_slot=slot), say)
    assert "08:00–10:00 03/12/2025" in pickup and "Số 12" not in pickup
    assert "quầy" in delivery_text(Delivery(DeliveryMethod.COUNTER, counter="Một cửa phường Nghĩa Đô"), say)
    assert "Trực tuyến" in delivery_text(Delivery(DeliveryMethod.ONLINE), say)


def test_content_lists_fields_vietnamese_first(receipt: Receipt) -> None:
    content = receipt_content(receipt, say)
    labels = [f.label_vi for f in content.fields]
    assert labels[0] == "Mã hồ sơ" and content.fields[0].big
    values = {f.label_en: f.value for f in content.fields}
    assert values["Applicant"] == "*** *** *** Nhung"
    assert values["Fee"] == "30.000 ₫"
    assert values["Assisted by"] == "Trần Văn Bình (NV012)"
    assert values["Date"] == "02/12/2025 14:05"
    assert any("dichvucong.gov.vn" in line for line in content.status_help)
    unassisted = receipt_content(dataclasses.replace(receipt, staff=None, fee_vnd=0), say)
    assert "Assisted by" not in {f.label_en for f in unassisted.fields}
    assert "miễn phí" in {f.label_en: f.value for f in unassisted.fields}["Fee"]


def test_receipt_rejects_negative_fee_and_empty_code(receipt: Receipt) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(receipt, fee_vnd=-1)
    with pytest.raises(ValueError):
        dataclasses.replace(receipt, dossier_code=" ")


def test_the_words_come_from_the_catalogue_in_both_languages(receipt: Receipt) -> None:
    """The receipt chooses no words: every label and phrase is a notice the catalogue says in Vietnamese and
    English (kiosk.ui.texts.say), printed as before: ``Vietnamese / English``."""
    reprint = receipt_content(dataclasses.replace(receipt, reprint=True, fee_vnd=0), say)
    assert reprint.title_vi == "PHIẾU TIẾP NHẬN HỒ SƠ — BẢN IN LẠI"
    assert reprint.title_en == "Dossier receipt — reprint"
    assert reprint.footer == (
        "BẢN IN LẠI lúc 02/12/2025 14:05 / Reprinted 02/12/2025 14:05",
        "Giữ phiếu này đến khi nhận kết quả. / Keep this receipt until you get the result.")
    fields = {(f.label_vi, f.label_en): f.value for f in reprint.fields}
    assert fields[("Lệ phí", "Fee")] == "0 ₫ (miễn phí / free)"
    counter = delivery_text(Delivery(DeliveryMethod.COUNTER, counter="Bộ phận Một cửa"), say)
    assert counter == "Tại quầy: Bộ phận Một cửa / At the counter: Bộ phận Một cửa"
    assert delivery_text(Delivery(DeliveryMethod.ONLINE), say) == (
        "Trực tuyến, trong tài khoản Cổng Dịch vụ công / Online, in your portal account")
