"""systemd's notify protocol (sd_notify) without libsystemd: READY, STATUS, STOPPING and the watchdog.

Outside systemd ($NOTIFY_SOCKET unset) every call does nothing. The watchdog is fed from a thread, but
only while `alive()` says the process really works (the UI's event loop turned recently, the worker's
loop went round), so a frozen kiosk stops feeding it and systemd restarts the service
(`WatchdogSec=` with `Restart=on-failure` in the unit).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


def notify(message: str) -> bool:
    """Send one notification ("READY=1", "WATCHDOG=1", "STATUS=..."); False outside systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]  # abstract namespace
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode("utf-8"))
    except OSError as error:
        log.warning("sd_notify %r failed: %s", message.split("=", 1)[0], error)
        return False
    return True


def watchdog_interval() -> float | None:
    """Half of the service's WatchdogSec (seconds), or None when no watchdog is set for this process."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    # Under cage the service's main process is the compositor; the kiosk, its child, feeds the watchdog
    # on its behalf (NotifyAccess=all in the unit).
    if not usec or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    try:
        return max(int(usec) / 2_000_000, 0.05)
    except ValueError:
        return None


class Heartbeat:
    """Marks that a loop went round; `alive()` is true while the last beat is recent enough."""

    def __init__(self, max_age_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_age_s = max_age_s
        self._clock = clock
        self._last = clock()

    def beat(self) -> None:
        self._last = self._clock()

    def alive(self) -> bool:
        return self._clock() - self._last <= self.max_age_s


class Watchdog:
    """Feeds systemd's watchdog every `interval` seconds while `alive()`; stops with `stop()`."""

    def __init__(self, alive: Callable[[], bool], interval: float | None = None,
                 send: Callable[[str], bool] = notify) -> None:
        self.interval = interval if interval is not None else watchdog_interval()
        self._alive = alive
        self._send = send
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.fed = 0
        self.missed = 0

    def start(self) -> Watchdog:
        if self.interval is not None and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="systemd-watchdog", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        assert self.interval is not None
        while not self._stop.wait(self.interval):
            if self._alive():
                self._send("WATCHDOG=1")
                self.fed += 1
            else:
                self.missed += 1
                if self.missed == 1 or self.missed % 10 == 0:
                    log.error("watchdog not fed: the main loop has not gone round in time")
