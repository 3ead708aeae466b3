"""The napari-style guard of tests/ui/conftest.py really fails a test that leaves Qt work running."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QTimer
from pytestqt.qtbot import QtBot

from tests.ui.conftest import failing_on_qt_leftovers


def test_an_active_timer_left_behind_is_reported(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    timer = QTimer()
    with pytest.raises(AssertionError, match=r"QTimers left active: \['QTimer every 250 ms'\]"), \
            failing_on_qt_leftovers(monkeypatch):
        timer.start(250)
    timer.stop()
    with failing_on_qt_leftovers(monkeypatch):  # stopped in time: nothing to report
        timer.start(250)
        timer.stop()


class _Looping(QThread):
    def __init__(self) -> None:
        super().__init__()
        self.stop = threading.Event()

    def run(self) -> None:
        self.stop.wait(30)


def test_a_running_thread_left_behind_is_reported(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    thread = _Looping()
    try:
        with pytest.raises(AssertionError, match=r"QThreads left running: \['_Looping'\]"), \
                failing_on_qt_leftovers(monkeypatch):
            thread.start()
            monkeypatch.setattr("tests.ui.conftest.LEFTOVER_GRACE_S", 0.2)
    finally:
        thread.stop.set()
        thread.wait(10000)
