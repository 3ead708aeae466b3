"""python-sane's interface around the real `sane`, with a driver that stops answering: after
`KIOSK_TEST_STUCK_AFTER` pages of one open device (0 by default), `snap()` never returns, as a jammed USB
transfer does in C. The scanner service loads it in its child with `ScannerService(sane_module=...)`; the
device underneath is SANE's `test` backend, so the pages before the hang are real scans."""

from __future__ import annotations

import os
import threading
from typing import Any

import sane as _real

init = _real.init
get_devices = _real.get_devices


def open(name: str) -> _StuckDevice:
    return _StuckDevice(_real.open(name), int(os.environ.get("KIOSK_TEST_STUCK_AFTER", "0")))


class _StuckDevice:
    def __init__(self, device: Any, pages_before_hang: int) -> None:
        object.__setattr__(self, "_device", device)
        object.__setattr__(self, "_left", pages_before_hang)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._device, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._device, name, value)

    def snap(self, *args: Any, **kwargs: Any) -> Any:
        if self._left <= 0:
            threading.Event().wait()  # for ever: only killing the process ends it
        object.__setattr__(self, "_left", self._left - 1)
        return self._device.snap(*args, **kwargs)
