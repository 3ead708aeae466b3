"""Read a dossier code from a receipt's QR code (or a procedure from a printed guide's QR) held up to the
card camera.

The receipt's QR carries the dossier code alone (kiosk/receipts), so a frame either shows a code that
parses as ``<unit code>-YYMMDD-XXXX`` or it does not; any other QR (an ID card, a payment code, a
website) is ignored. zxing-cpp reads a 720p grey frame in a few milliseconds. Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import cv2
import numpy as np
import zxingcpp

from kiosk.domain.codes import parse_dossier_code

_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def _grey(frame: np.ndarray) -> np.ndarray | None:
    if not isinstance(frame, np.ndarray) or frame.dtype != np.uint8 or frame.size == 0:
        return None
    if frame.ndim == 2:
        return np.ascontiguousarray(frame)
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return None


def read_dossier_code(frame: np.ndarray) -> str | None:
    """The canonical dossier code in the frame's QR codes, or None when no QR there holds one."""
    grey = _grey(frame)
    if grey is None:
        return None
    for barcode in zxingcpp.read_barcodes(grey, formats=_QR_ONLY):
        try:
            text = bytes(barcode.bytes).decode("utf-8")
        except UnicodeDecodeError:
            continue
        try:
            return str(parse_dossier_code(text))
        except ValueError:
            continue
    return None


_NATIONAL_CODE = re.compile(r"\b([12]\.\d{6})(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?")


def read_procedure_code(frame: np.ndarray, known: Collection[str]) -> str | None:
    """The catalogue procedure a printed guide's QR points to, or None.

    Guides print either the full procedure code or a portal link carrying the national code
    (``…?ma_thu_tuc=1.001193``); either way the national part (``1.001193``) picks the procedure from
    `known` (the catalogue's full codes, ``1.001193.000.00.00.H26``). Any other QR is ignored."""
    grey = _grey(frame)
    if grey is None:
        return None
    by_national = {code.split(".", 2)[0] + "." + code.split(".", 2)[1]: code for code in known if "." in code}
    for barcode in zxingcpp.read_barcodes(grey, formats=_QR_ONLY):
        try:
            text = bytes(barcode.bytes).decode("utf-8")
        except UnicodeDecodeError:
            continue
        for match in _NATIONAL_CODE.finditer(text):
            if match.group(0) in known:
                return match.group(0)
            if match.group(1) in by_national:
                return by_national[match.group(1)]
    return None
