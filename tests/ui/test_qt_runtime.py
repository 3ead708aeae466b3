"""Guards against Qt binding bugs that would kill a kiosk after hours of running."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    changed = Signal()


def test_signal_emit_does_not_leak_references_to_true(qtbot: QtBot) -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit(); after enough signals the interpreter
    # aborts ("bool_dealloc"). pyproject.toml pins PySide6 below 6.12 until this holds again.
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.changed.emit()
    assert abs(sys.getrefcount(True) - before) < 50
