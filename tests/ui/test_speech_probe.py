"""A speech service that does not answer never freezes the citizen's screen: the kiosk asks it first in a
child process with a deadline, and stays silent (and responsive) when it does not answer in time."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui import speech
from kiosk.ui.speech import Speaker


def test_a_stuck_speech_dispatcher_leaves_speech_silent_not_the_screen_frozen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
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
        # The deadline passes; the kiosk gives up on the daemon and says so.
        qtbot.waitUntil(lambda: "speech-dispatcher does not answer" in caplog.text, timeout=10000)
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


def test_the_daemon_is_asked_once_per_program_and_again_after_a_no(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    asked = tmp_path / "asked"
    answers = tmp_path / "spd-say"
    # Refuses (exit 1) on its first two calls — the first Speaker's two tries — then answers.
    answers.write_text(f'#!/bin/sh\necho x >> "{asked}"\n[ "$(wc -l < "{asked}")" -gt 2 ] || exit 1\n'
                       "echo espeak-ng\n", encoding="utf-8")
    answers.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr(speech, "_probes", {})
    monkeypatch.setattr(speech, "PROBE_RETRY_PAUSE_S", 0.1)  # 1 s on a kiosk
    calls = lambda: len(asked.read_text().splitlines()) if asked.exists() else 0  # noqa: E731
    speakers = [Speaker("speechd")]
    try:
        qtbot.waitUntil(lambda: "speech-dispatcher refuses to answer" in caplog.text, timeout=10000)
        assert calls() == 2
        assert not speakers[0].usable, "the daemon said no twice: speech stays off"
        speakers.append(Speaker("speechd"))  # a new window asks again after a no…
        qtbot.waitUntil(lambda: speakers[1].usable, timeout=10000)
        assert calls() == 3
        speakers.append(Speaker("speechd"))  # …and shares a yes without asking
        assert speakers[2].usable and calls() == 3
    finally:
        for speaker in speakers:
            speaker.deleteLater()
