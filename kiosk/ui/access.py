"""The "made for everyone" controls behind the top bar: larger text, high contrast, speech, the tone row.

QML reads them as ``kiosk.access.*``; `Theme.textScale` and `Theme.highContrast` are bound to them.
Each is one citizen's choice: the wipe (timeout, "start over", "finish") puts every one back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.telex import LETTER_MARKS, TONE_NAMES, apply_mark
from kiosk.ui.speech import DEFAULT_VOLUME, VOLUMES, Speaker, instruction

log = logging.getLogger(__name__)

TEXT_SCALES = (1.0, 1.25, 1.5)


def mark_word_before_cursor(text: str, cursor: int, mark: str) -> str:
    """`text` with `mark` applied to the word that ends at `cursor` (the letters just typed)."""
    cursor = max(0, min(cursor, len(text)))
    start = cursor
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    if start == cursor or (mark not in LETTER_MARKS and mark not in TONE_NAMES):
        return text
    return text[:start] + apply_mark(text[start:cursor], mark) + text[cursor:]


class Accessibility(QObject):
    textScaleChanged = Signal()
    highContrastChanged = Signal()
    speechChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default_scale = 1.0
        self._text_scale = 1.0
        self._high_contrast = False
        self._speech_on = False
        self._volume = DEFAULT_VOLUME
        self._screen = ""
        self._language = "vi"
        self.speaker = Speaker(parent=self)

    def configure(self, *, text_scale: float = 1.0, speech_engine: str = "") -> None:
        """The kiosk's settings: the text size each citizen starts with, and the speech engine."""
        self._default_scale = text_scale
        self.speaker.deleteLater()
        self.speaker = Speaker(speech_engine, parent=self)
        self.speaker.set_volume(self._volume)
        self._set_scale(text_scale)

    # ------------------------------------------------------------------ properties
    def _get_text_scale(self) -> float:
        return self._text_scale

    def _set_scale(self, scale: float) -> None:
        if scale != self._text_scale:
            self._text_scale = scale
            self.textScaleChanged.emit()

    def _get_high_contrast(self) -> bool:
        return self._high_contrast

    def _set_high_contrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.highContrastChanged.emit()

    def _get_speech_on(self) -> bool:
        return self._speech_on

    def _set_speech_on(self, on: bool) -> None:
        if on == self._speech_on:
            return
        self._speech_on = on
        self.speechChanged.emit()
        if on:
            self.speak_screen()  # what this screen is, at once: the citizen just asked for it
        else:
            self.speaker.stop()

    def _get_volume(self) -> float:
        return self._volume

    def _set_volume(self, volume: float) -> None:
        volume = max(0.0, min(1.0, volume))
        if volume != self._volume:
            self._volume = volume
            self.speaker.set_volume(volume)
            self.speechChanged.emit()

    def _get_last_spoken(self) -> str:
        return self.speaker.last_text

    textScale = Property(float, _get_text_scale, _set_scale, notify=textScaleChanged)
    highContrast = Property(bool, _get_high_contrast, _set_high_contrast, notify=highContrastChanged)
    speechOn = Property(bool, _get_speech_on, _set_speech_on, notify=speechChanged)
    speechVolume = Property(float, _get_volume, _set_volume, notify=speechChanged)
    lastSpoken = Property(str, _get_last_spoken, notify=speechChanged)

    # ------------------------------------------------------------------ slots for the top bar
    @Slot()
    def cycleTextScale(self) -> None:
        """A+: 100 % → 125 % → 150 % → back to 100 %."""
        bigger = [s for s in TEXT_SCALES if s > self._text_scale + 1e-6]
        self._set_scale(bigger[0] if bigger else min(TEXT_SCALES[0], self._default_scale))

    @Slot()
    def toggleContrast(self) -> None:
        self._set_high_contrast(not self._high_contrast)

    @Slot()
    def toggleSpeech(self) -> None:
        self._set_speech_on(not self._speech_on)

    @Slot()
    def cycleVolume(self) -> None:
        louder = [v for v in VOLUMES if v > self._volume + 1e-6]
        self._set_volume(louder[0] if louder else VOLUMES[0])
        self.speak_screen()  # hear the new volume

    @Slot(str, int, str, result=str)
    def applyMark(self, text: str, cursor: int, mark: str) -> str:
        """The tone row: `mark` (â ă ê ô ơ ư đ, or sắc huyền hỏi ngã nặng) on the word before the cursor."""
        return mark_word_before_cursor(text, cursor, mark)

    # ------------------------------------------------------------------ from the peers (kiosk.ui.peers)
    def screen_entered(self, screen: str, language: str) -> None:
        self._screen, self._language = screen, language
        if self._speech_on:
            self.speak_screen()

    def speak_screen(self) -> None:
        if not self._speech_on:
            return
        self.speaker.say(instruction(self._screen, self._language), self._language)
        self.speechChanged.emit()

    def reset(self) -> None:
        """The wipe: the next citizen starts with the kiosk's defaults."""
        self._set_speech_on(False)
        self._set_volume(DEFAULT_VOLUME)
        self._set_scale(self._default_scale)
        self._set_high_contrast(False)

    def stop(self) -> None:
        self.speaker.stop()
