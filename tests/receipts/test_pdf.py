from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.receipts.model import Receipt
from kiosk.receipts.pdf import render_pdf, write_pdf
from kiosk.ui.texts import say


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def _page_png(pdf: Path, dpi: int = 200) -> Image.Image:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(prefix)], check=True)
    return Image.open(prefix.with_suffix(".png")).convert("L")


@pytest.mark.parametrize("page", ["a6", "80mm"])
def test_pdf_text_is_exact_vietnamese(receipt: Receipt, tmp_path: Path, page: str) -> None:
    pdf = write_pdf(receipt, tmp_path / "receipt.pdf", page, say=say)  # type: ignore[arg-type]
    text = _text(pdf)
    assert unicodedata.is_normalized("NFC", text)
    text = " ".join(text.split())  # lines wrap differently on A6 and 80 mm
    for expected in (
        "PHIẾU TIẾP NHẬN HỒ SƠ",
        "000.00.53.H48-251202-0099",
        "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
        "30.000 ₫",
        "*** *** *** Nhung",
        "Phường Nghĩa Đô, Hà Nội",
        "Nhân viên hỗ trợ",
        "dichvucong.gov.vn",
    ):
        assert expected in text, expected
    assert "Nguyễn" not in text and "Số 12" not in text


@pytest.mark.parametrize("page", ["a6", "80mm"])
def test_pdf_codes_decode_to_the_dossier_code(receipt: Receipt, tmp_path: Path, page: str) -> None:
    pdf = write_pdf(receipt, tmp_path / "receipt.pdf", page, say=say)  # type: ignore[arg-type]
    found = {(r.format.name, r.text) for r in zxingcpp.read_barcodes(_page_png(pdf))}
    assert ("QRCode", receipt.dossier_code) in found
    assert ("Code128", receipt.dossier_code) in found


def test_pdf_embeds_the_font_and_page_sizes(receipt: Receipt, tmp_path: Path) -> None:
    fonts = tmp_path / "r.pdf"
    fonts.write_bytes(render_pdf(receipt, "a6", say=say))
    listing = subprocess.run(["pdffonts", str(fonts)], check=True, capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded (emb column)
    assert all("NotoSans" in row or "DejaVu" in row for row in rows)
    info = subprocess.run(["pdfinfo", str(fonts)], check=True, capture_output=True, text=True).stdout
    assert "297.638 x 419.528 pts" in info  # A6
    roll = tmp_path / "roll.pdf"
    roll.write_bytes(render_pdf(receipt, "80mm", say=say))
    info = subprocess.run(["pdfinfo", str(roll)], check=True, capture_output=True, text=True).stdout
    assert "226.772 x" in info  # 80 mm wide


def test_long_procedure_name_still_fits_a6(receipt: Receipt, tmp_path: Path) -> None:
    import dataclasses

    long_name = "Thủ tục đăng ký thường trú, tạm trú, điều chỉnh thông tin trong cơ sở dữ liệu " * 6
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_pdf(dataclasses.replace(receipt, procedure_name=long_name), "a6", say=say))
    text = _text(pdf)
    assert "Giữ phiếu này" in text  # the last line is still on the page
    found = {r.text for r in zxingcpp.read_barcodes(_page_png(pdf, dpi=300))}
    assert receipt.dossier_code in found
