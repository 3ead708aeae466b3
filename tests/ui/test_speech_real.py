"""Real speech (issue 14, defect 11): the kiosk's sentences come out of a Vietnamese voice as sound, the
speech-dispatcher engine offers that voice to Qt, and every message shown is spoken when speech is on."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.ui.flow import Screen
from kiosk.ui.speech import Speaker, instruction
from kiosk.ui.speech_file import speak_and_measure
from kiosk.ui.window import PORTRAIT, create_ui
from tests.ui.helpers import wait_screen


def require(*tools: str) -> None:
    """The setup installs the speech tools: one missing is a broken setup, a failure, never a skip."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: run packaging/bootstrap.sh", pytrace=False)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_instruction_is_spoken_aloud_to_a_file(tmp_path: Path, language: str) -> None:
    require("espeak-ng", "sox")
    for screen in Screen:
        audio = speak_and_measure(instruction(screen.value, language), language, tmp_path, screen.value)
        assert audio.seconds > 1.0, (screen, audio)  # a sentence, not a click
        assert audio.audible, (screen, audio)


def test_silence_is_told_apart_from_speech(tmp_path: Path) -> None:
    require("espeak-ng", "sox")
    assert not speak_and_measure(" ", "vi", tmp_path, "blank").audible


def test_the_speech_dispatcher_engine_speaks_vietnamese(qtbot: QtBot) -> None:
    require("speech-dispatcher", "spd-say")
    speaker = Speaker("speechd")
    try:
        qtbot.waitUntil(lambda: speaker.usable, timeout=10000)  # the daemon answered its probe
        tts = speaker.tts
        assert any(loc.language() == QLocale.Language.Vietnamese for loc in tts.availableLocales()), \
            "no Vietnamese voice: install espeak-ng and speech-dispatcher-espeak-ng"
        # Choosing the voice, not speaking: this machine has no sound card, and speech-dispatcher's
        # audio output hangs without one (the WAV tests above hear the same espeak-ng voice).
        speaker._choose_voice(tts, "vi")
        assert tts.locale().language() == QLocale.Language.Vietnamese
    finally:
        speaker.stop()
        speaker.deleteLater()


def test_messages_are_spoken_when_speech_is_on(qtbot: QtBot, config: KioskConfig) -> None:
    mock = dataclasses.replace(config, ui=dataclasses.replace(config.ui, speech_engine="mock"))
    services = build_services(mock)
    ui = create_ui(services, size=PORTRAIT)
    ui.window.show()
    try:
        k = ui.peers
        said: list[str] = []
        k.accessibility.speaker.spoken.connect(said.append)
        k.visit.touchAttract()
        wait_screen(qtbot, ui, "home")
        k.visit.callStaff()
        assert said == [], "speech is off by default"
        k.accessibility.toggleSpeech()
        assert said[-1] == instruction("home", "vi")
        k.visit.callStaff()
        assert said[-1] == k.context.message and "chưa tự gọi được" in said[-1]
        k.visit.startOver()
        qtbot.wait(300)
    finally:
        ui.close()
        services.close()
