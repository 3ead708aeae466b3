"""The locked window (refuses to close except on the sanctioned way out, fills the screen) and the
systemd notify/watchdog protocol against a real datagram socket."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk.systemd_notify import Heartbeat, Watchdog, notify, watchdog_interval
from kiosk.ui.locked_session import CloseGuard, fill_screen


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QQuickWindow]:
    window = QQuickWindow()
    window.resize(400, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    guard = window.findChild(CloseGuard)
    if guard is not None:
        guard.allow()
    window.close()


def test_the_window_refuses_to_close_until_allowed(qtbot: QtBot, window: QQuickWindow) -> None:
    guard = CloseGuard(window)
    assert window.close() is False  # what Alt+F4 or a compositor's close request ends in
    qtbot.wait(50)
    assert window.isVisible() and guard.refused == 1
    guard.allow()
    assert window.close() is True
    assert not window.isVisible()


def test_a_minimised_full_screen_window_comes_back(qtbot: QtBot, window: QQuickWindow) -> None:
    guard = CloseGuard(window, keep_full_screen=True)
    fill_screen(window)
    qtbot.wait(50)
    window.showMinimized()  # what a window manager's "show desktop" does
    qtbot.waitUntil(lambda: guard.restored >= 1, timeout=3000)
    qtbot.waitUntil(lambda: window.visibility() == window.Visibility.FullScreen, timeout=3000)


def test_fullscreen_fills_the_whole_screen(qtbot: QtBot, window: QQuickWindow) -> None:
    fill_screen(window)
    qtbot.wait(50)
    screen = QGuiApplication.primaryScreen().geometry()
    assert (window.width(), window.height()) == (screen.width(), screen.height())


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    path = tmp_path / "notify"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(2)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield server
    server.close()


def _received(server: socket.socket, seconds: float) -> list[str]:
    messages: list[str] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        server.settimeout(max(end - time.monotonic(), 0.01))
        try:
            messages.append(server.recv(256).decode())
        except TimeoutError:
            break
    return messages


def test_notify_reaches_systemd_socket(notify_socket: socket.socket) -> None:
    assert notify("READY=1")
    assert notify_socket.recv(64) == b"READY=1"


def test_notify_outside_systemd_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False


def test_watchdog_is_fed_only_while_the_loop_goes_round(notify_socket: socket.socket,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval() == pytest.approx(0.1)
    heartbeat = Heartbeat(max_age_s=0.3)
    watchdog = Watchdog(heartbeat.alive).start()
    try:
        fed = _received(notify_socket, 0.35)
        assert fed and set(fed) == {"WATCHDOG=1"}
        time.sleep(0.35)  # the loop froze: no beat
        _received(notify_socket, 0.05)
        assert _received(notify_socket, 0.4) == []
        assert watchdog.missed >= 2
    finally:
        watchdog.stop()


def test_no_watchdog_for_another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    monkeypatch.setenv("WATCHDOG_PID", "1")
    assert watchdog_interval() is None
