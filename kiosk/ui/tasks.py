"""Run blocking work (network, database) off the GUI thread and get the result back as a signal.

A small Anki-style operation: a callable, a success callback and a failure callback, both called on the
GUI thread. The GUI never waits for the portal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # handed to the caller's failure callback, on the GUI thread
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


class TaskRunner(QObject):
    """Owns a thread pool so that tests can wait for (and check) that no work is left running."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def done(result: Any) -> None:
            self._relays.discard(relay)
            on_done(result)

        @Slot(object)
        def failed(error: Exception) -> None:
            self._relays.discard(relay)
            on_error(error)

        relay.done.connect(done)
        relay.failed.connect(failed)
        self.pool.start(_Job(fn, relay))

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
