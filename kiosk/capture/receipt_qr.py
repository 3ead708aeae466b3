"""Read a dossier code from a receipt's QR code held up to the card camera.

The receipt's QR carries the dossier code alone (kiosk/receipts), so a frame either shows a code that
parses as ``<unit code>-YYMMDD-XXXX`` or it does not; any other QR (an ID card, a payment code, a
website) is ignored. zxing-cpp reads a 720p grey frame in a few milliseconds. Qt-free.
"""

from __future__ import annotations

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
