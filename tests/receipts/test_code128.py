from __future__ import annotations

import barcode
import pytest
import zxingcpp
from PIL import Image

from kiosk.receipts import code128


def _image(bars: str, module: int = 3, height: int = 60) -> Image.Image:
    quiet = 12 * module
    image = Image.new("L", (len(bars) * module + 2 * quiet, height), 255)
    for i, bar in enumerate(bars):
        if bar == "1":
            image.paste(0, (quiet + i * module, 0, quiet + (i + 1) * module, height))
    return image


@pytest.mark.parametrize(
    "text",
    ["000.00.53.H48-251202-0099", "000.00.00.H26-251202-0001", "12345", "1", "99", "AB{C", "H26-2512020001x"],
)
def test_modules_decode_back(text: str) -> None:
    results = zxingcpp.read_barcodes(_image(code128.modules(text)))
    assert [r.text for r in results] == [text]


def test_dossier_code_fits_80mm_at_two_dots() -> None:
    # 288 modules x 2 dots = 576 dots, the printable width of 80 mm paper.
    assert code128.module_count("000.00.53.H48-251202-0099") == 288
    plain_b = len(barcode.get("code128", "X" * 25).build()[0])
    assert plain_b > 576 // 2  # code set B alone would not fit


def test_escpos_data_switches_code_sets() -> None:
    data = code128.escpos_data("000.00.53.H48-251202-0099")
    assert data == "{B000.00.53.H48-{C" + chr(25) + chr(12) + chr(2) + "{B-{C" + chr(0) + chr(99)
    assert code128.escpos_data("A{B") == "{BA{{B"


def test_rejects_non_ascii() -> None:
    with pytest.raises(ValueError):
        code128.modules("Hà Nội")
    with pytest.raises(ValueError):
        code128.escpos_data("")
