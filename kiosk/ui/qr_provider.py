"""`image://qr/<url-encoded text>`: crisp QR codes for the receipt and other screens, drawn by segno."""

from __future__ import annotations

import io
from urllib.parse import unquote

import segno
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider


def qr_png(text: str, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        image = QImage.fromData(qr_png(unquote(id)))
        if requestedSize.isValid() and requestedSize.width() > 0:
            # Nearest-neighbour keeps module edges sharp for scanners.
            image = image.scaled(requestedSize, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.FastTransformation)
        return image
