from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import zxingcpp
from escpos.printer import Dummy, File

from kiosk.receipts.model import Receipt
from kiosk.receipts.thermal import ThermalLayout, open_printer, print_receipt, render_preview
from kiosk.ui.texts import say

QR_STORE = b"\x1d(k"  # GS ( k : QR code function (store / print)
QR_PRINT = b"\x1d(k\x03\x001Q0"
CODE128 = b"\x1dkI"  # GS k m=73 (CODE128, function type B)
RASTER = b"\x1dv0"  # GS v 0 : raster bit image
CUT = b"\x1dV"


def test_file_device_gets_image_qr_and_barcode(receipt: Receipt, tmp_path: Path) -> None:
    out = tmp_path / "receipt.bin"
    printer = File(str(out))
    print_receipt(receipt, printer, say=say)
    printer.close()
    data = out.read_bytes()
    assert data.count(RASTER) >= 2  # text above and below the codes
    assert QR_STORE in data and QR_PRINT in data
    assert receipt.dossier_code.encode() in data  # the QR's stored data
    barcode_at = data.index(CODE128)
    length = data[barcode_at + 3]
    assert data[barcode_at + 4:barcode_at + 4 + length].startswith(b"{B000.00.53.H48-{C")
    assert CUT in data
    # The text never goes out as characters: no code page can print it.
    assert b"Nhung" not in data


def test_print_keeps_stdout_clean(receipt: Receipt, capsys: pytest.CaptureFixture[str]) -> None:
    print_receipt(receipt, Dummy(), say=say)
    assert capsys.readouterr().out == ""


def test_long_dossier_code_gets_qr_only(receipt: Receipt) -> None:
    long_code = dataclasses.replace(receipt, dossier_code="000.00.53.H48.XYZ.ABC-251202-0099")
    printer = Dummy()
    print_receipt(long_code, printer, say=say)
    assert QR_STORE in printer.output and CODE128 not in printer.output


def test_preview_is_paper_wide_and_codes_decode(receipt: Receipt) -> None:
    layout = ThermalLayout()
    image = render_preview(receipt, layout, say=say)
    assert image.width == layout.width_dots
    found = {(r.format.name, r.text) for r in zxingcpp.read_barcodes(image.convert("L"))}
    assert ("QRCode", receipt.dossier_code) in found
    assert ("Code128", receipt.dossier_code) in found


def test_open_printer_specs(tmp_path: Path) -> None:
    assert isinstance(open_printer("dummy"), Dummy)
    assert isinstance(open_printer(f"file:{tmp_path / 'x.bin'}"), File)
    for bad in ("usb:zz:1", "tcp:", "file:", "lpt1"):
        with pytest.raises(ValueError):
            open_printer(bad)
