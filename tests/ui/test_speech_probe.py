"""A speech service that does not answer never freezes the citizen's screen: the kiosk asks it first in a
child process with a deadline, and stays silent (and responsive) when it does not answer in time."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui import speech
from kiosk.ui.speech import Speaker


def test_a_stuck_speech_dispatcher_leaves_speech_silent_not_the_screen_frozen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = tmp_path / "spd-say"
    stuck.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")  # a daemon that never answers
    stuck.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr(speech, "PROBE_DEADLINE_S", 0.5)
    speaker = Speaker("speechd")
    try:
        speaker.say("Xin chào", "vi")  # while the probe runs: nothing is created, nothing waits on it
        assert not speaker.active
        qtbot.wait(1500)
        assert not speaker.usable, "no answer within the deadline: speech stays off"
        speaker.say("Xin chào", "vi")
        assert not speaker.active, "no engine was made on a speech service that does not answer"
    finally:
        speaker.deleteLater()


def test_an_answering_speech_dispatcher_is_used(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "spd-say"
    answers.write_text("#!/bin/sh\necho espeak-ng\n", encoding="utf-8")
    answers.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    speaker = Speaker("speechd")
    try:
        qtbot.waitUntil(lambda: speaker.usable, timeout=5000)
    finally:
        speaker.deleteLater()
