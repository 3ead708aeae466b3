"""Fixtures for the UI: the real services (sandbox portal over HTTP, SQLite outbox) and the real QML."""

from __future__ import annotations

import dataclasses
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread, QTimer
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices, build_services
from kiosk.capture.doc_samples import sample_documents_dir
from kiosk.capture.frames import FrameSource, ImageSequenceSource
from kiosk.capture.resources import sample_cards_dir
from kiosk.config import KioskConfig, load_config
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui


@pytest.fixture(scope="session")
def small_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sample document photos at a third of a document camera's size: quick to play and process (the
    pages come out below 200 dpi, which the documents screen must flag)."""
    return sample_documents_dir(tmp_path_factory.mktemp("doc-samples"), scale=0.3)


@pytest.fixture
def config(tmp_path: Path, small_documents: Path) -> KioskConfig:
    base = load_config(data_dir=tmp_path / "data", environ={})
    # No scanner search by default (tests that need one ask for SANE's test:0).
    camera = dataclasses.replace(base.camera, document_source=str(small_documents), scanner_device="none")
    return dataclasses.replace(base, camera=camera)


@pytest.fixture
def services(config: KioskConfig) -> Iterator[KioskServices]:
    svc = build_services(config)
    yield svc
    svc.close()


def card_camera(*names: str, repeat_each: int = 3) -> FrameSource:
    cards = sample_cards_dir()
    return ImageSequenceSource([cards / n for n in names], repeat_each=repeat_each, fps=30.0)


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """A test that leaves a camera or worker thread running fails (napari-style)."""
    before = {t.ident for t in threading.enumerate()}
    yield
    ours = ("sandbox-portal", "asyncio")  # the sandbox fixture stops these itself, after this check
    # Qt's own threads (QThreadPool, QThread) show up as never-ending "dummy" threads in Python; they
    # are checked on the Qt side instead (see `assert_ui_idle`).
    extra = [t for t in threading.enumerate()
             if t.ident not in before and t.is_alive() and not t.name.startswith(ours)
             and not isinstance(t, threading._DummyThread)]
    for t in extra:
        t.join(timeout=5)
    still = [t.name for t in extra if t.is_alive()]
    assert not still, f"threads left running: {still}"


LEFTOVER_GRACE_S = 5.0  # a stopping thread may need a moment to leave its loop


def _tracking(monkeypatch: pytest.MonkeyPatch, cls: type[Any], started: list[weakref.ref[Any]]) -> None:
    original: Callable[..., Any] = cls.start

    def start(self: Any, *args: Any) -> Any:
        started.append(weakref.ref(self))
        return original(self, *args)

    monkeypatch.setattr(cls, "start", start)


def _alive(ref: weakref.ref[Any], check: Callable[[Any], bool]) -> bool:
    obj = ref()
    try:
        return obj is not None and check(obj)
    except RuntimeError:  # the C++ object is already deleted: not running
        return False


@contextmanager
def failing_on_qt_leftovers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Track QThreads and QTimers started from Python inside the block; raise AssertionError at its end
    when one still runs (threads get 5 s to finish stopping)."""
    threads: list[weakref.ref[QThread]] = []
    timers: list[weakref.ref[QTimer]] = []
    _tracking(monkeypatch, QThread, threads)
    _tracking(monkeypatch, QTimer, timers)
    yield
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    while any(_alive(t, QThread.isRunning) for t in threads) and time.monotonic() < deadline:
        time.sleep(0.02)
    running = [type(t()).__name__ for t in threads if _alive(t, QThread.isRunning)]
    active = [f"{type(t()).__name__} every {t().interval()} ms" for t in timers  # type: ignore[union-attr]
              if _alive(t, QTimer.isActive)]
    assert not running, f"QThreads left running: {running}"
    assert not active, f"QTimers left active: {active}"


@pytest.fixture(autouse=True)
def no_leftover_qthreads_or_timers(request: pytest.FixtureRequest,
                                   monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test that leaves a QThread running or a QTimer active behind it fails (napari-style): a camera
    loop or a poll timer that survives its screen keeps working on a citizen who has gone. A test may
    allow it with `@pytest.mark.qt_leftovers_ok("why")`."""
    if request.node.get_closest_marker("qt_leftovers_ok"):
        yield
        return
    with failing_on_qt_leftovers(monkeypatch):
        yield


def assert_ui_idle(ui: object) -> None:
    """After closing a UI: no camera thread and no background task may still be running."""
    peers = ui.peers  # type: ignore[attr-defined]
    assert not peers.card.camera_running, "camera thread left running"
    assert peers.documents._camera is None, "document camera thread left running"
    assert peers.context.tasks.pool.activeThreadCount() == 0, "background task left running"


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    """The whole kiosk in portrait, showing, with a camera that holds up one citizen's card (a module may
    define its own `ui` for another camera or set-up)."""
    kiosk_ui = create_ui(services, size=PORTRAIT)
    kiosk_ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)
