"""Camera health on the card screen, within 3 seconds: a camera that shows nothing (unplugged, frozen) or
a black picture (covered, no light) is said plainly, instead of "hold your card up" forever."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QImage

from kiosk.ui.flow import Screen
from kiosk.ui.texts import QT_TRANSLATE_NOOP, pick

FIRST_CHECK_MS = 2500  # the verdict is on screen before 3 s
RECHECK_MS = 1000
DARK_LUMA = 18  # mean grey level (0–255) under which the picture is black: covered or no light

TEXTS: dict[str, str] = {
    "no_picture": QT_TRANSLATE_NOOP("Texts", "Camera chưa có hình. Xin nhờ nhân viên, hoặc chạm nút nhập "
                                             "thông tin bằng tay ở dưới."),
    "dark": QT_TRANSLATE_NOOP("Texts", "Camera bị che hoặc quá tối. Xin bỏ vật che trước camera rồi đưa thẻ "
                                       "vào."),
}


def mean_luma(image: QImage) -> float:
    small = image.scaled(QSize(32, 18)).convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = small.width(), small.height(), small.bytesPerLine()
    if width == 0 or height == 0:
        return 0.0
    data = np.frombuffer(small.constBits(), dtype=np.uint8, count=stride * height).reshape(height, stride)
    return float(data[:, :width].mean())


class CameraHealth(QObject):
    def __init__(self, context: Any, card: Any, *, frames: Any, parent: QObject | None = None) -> None:
        """`context` is the kiosk.ui.context.KioskContext, `card` the card peer, `frames` its camera's
        latest-frame provider."""
        super().__init__(parent)
        self._k = context
        self._card = card
        self._frames = frames
        self._problem = ""
        self._ticks_at_start = 0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._check)
        context.screenChanged.connect(self._on_screen)

    @property
    def problem(self) -> str:
        return self._problem

    def stop(self) -> None:
        self._timer.stop()

    def _on_screen(self) -> None:
        self._timer.stop()
        self._set("")
        if self._k.flow.screen is Screen.READ_CARD:
            self._ticks_at_start = int(self._card.frameTick)
            self._timer.start(FIRST_CHECK_MS)

    def _check(self) -> None:
        k = self._k
        if k.flow.screen is not Screen.READ_CARD:
            return
        if int(self._card.frameTick) <= self._ticks_at_start:
            self._set("no_picture")
        else:
            image = self._frames.requestImage("", QSize(), QSize())
            self._set("dark" if image.isNull() or mean_luma(image) < DARK_LUMA else "")
        self._ticks_at_start = int(self._card.frameTick)
        self._timer.start(RECHECK_MS)

    def _set(self, problem: str) -> None:
        if problem == self._problem:
            return
        lang = self._k.lang
        old = pick(TEXTS[self._problem], lang) if self._problem else ""
        self._problem = problem
        if problem:
            self._k.tell(pick(TEXTS[problem], lang))
        elif old and self._k.message == old:
            self._k.tell("")  # the camera is fine again: take our message down
