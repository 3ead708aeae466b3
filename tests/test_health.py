"""Device health checks (no Qt): each says green / amber / red with a reason, a code and its parameters
(the words are the catalogue's: tests/ui/test_notice_texts.py)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.health import (
    DISK_RED_BYTES,
    NOTICE_CODES,
    DeviceSettings,
    Level,
    check_camera,
    check_clock,
    check_disk,
    check_portal,
    check_printer,
    check_scanner,
    ntp_synchronized,
    run_checks,
)


class FakeSource:
    def __init__(self, frames: list[Any], fail: bool = False) -> None:
        self.frames, self.fail = list(frames), fail

    def __enter__(self) -> FakeSource:
        if self.fail:
            raise RuntimeError("device busy")
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def read(self) -> Any:
        return self.frames.pop(0) if self.frames else None


def test_camera_green_amber_red() -> None:
    frame = np.zeros((720, 1280, 3), np.uint8)
    ok = check_camera("camera", "camera:0", lambda spec: FakeSource([None, frame]))
    assert ok.level is Level.OK and ok.reason.code == "health.camera.working"
    assert (ok.reason.params["width"], ok.reason.params["height"]) == (1280, 720)
    dark = check_camera("camera", "camera:0", lambda spec: FakeSource([]))
    assert dark.level is Level.WARN
    busy = check_camera("camera", "camera:0", lambda spec: FakeSource([], fail=True))
    assert busy.level is Level.ERROR and "device busy" in str(busy.reason.params["error"])
    assert busy.reason.code == "health.camera.cannot_open"


def test_scanner() -> None:
    assert check_scanner("none", lambda: []).level is Level.OK
    assert check_scanner("auto", lambda: []).level is Level.ERROR

    class Info:
        name = "test:0"

    assert check_scanner("auto", lambda: [Info()]).level is Level.OK
    assert check_scanner("genesys:1", lambda: [Info()]).level is Level.WARN

    def broken() -> list[Any]:
        raise RuntimeError("no sane")

    assert check_scanner("auto", broken).level is Level.ERROR


@pytest.fixture
def refused_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield port


def test_printer(tmp_path: Path, refused_port: int) -> None:
    assert check_printer("dummy").level is Level.WARN
    assert check_printer(f"file:{tmp_path / 'lp0'}").level is Level.OK
    assert check_printer(f"file:{tmp_path / 'missing' / 'lp0'}").level is Level.ERROR
    assert check_printer(f"tcp:127.0.0.1:{refused_port}", timeout_s=0.5).level is Level.ERROR
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert check_printer(f"tcp:127.0.0.1:{server.getsockname()[1]}").level is Level.OK
    assert check_printer("lpt1").level is Level.ERROR


def test_portal() -> None:
    class Up:
        def health(self) -> dict[str, Any]:
            return {"status": "ok"}

    class Odd:
        def health(self) -> dict[str, Any]:
            return {"status": "degraded"}

    class Down:
        def health(self) -> dict[str, Any]:
            raise ConnectionError("refused")

    assert check_portal(Up()).level is Level.OK
    assert check_portal(Odd()).level is Level.WARN
    down = check_portal(Down())
    assert down.level is Level.ERROR and "ConnectionError" in str(down.reason.params["error"])


def test_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_disk(tmp_path).level in (Level.OK, Level.WARN, Level.ERROR)
    import shutil

    from kiosk import health

    monkeypatch.setattr(health.shutil, "disk_usage",
                        lambda p: shutil._ntuple_diskusage(10 * 1024**3, 10 * 1024**3 - 100, 100))  # type: ignore[attr-defined]
    assert check_disk(tmp_path).level is Level.ERROR
    assert DISK_RED_BYTES > 100
    assert check_disk(tmp_path / "missing").level is Level.ERROR


def test_clock_and_ntp() -> None:
    now = datetime(2026, 3, 2, 14, 5).astimezone()
    assert check_clock(now, True).level is Level.OK
    assert check_clock(now, False).level is Level.WARN
    unknown = check_clock(now, None)
    assert unknown.level is Level.WARN and unknown.reason.params["time"] == "14:05 02/03/2026"

    def answer(out: str, code: int = 0) -> Any:
        return lambda *a, **k: subprocess.CompletedProcess(a, code, stdout=out, stderr="")

    assert ntp_synchronized(answer("yes\n")) is True
    assert ntp_synchronized(answer("no\n")) is False
    assert ntp_synchronized(answer("", 1)) is None

    def missing(*a: Any, **k: Any) -> Any:
        raise FileNotFoundError("timedatectl")

    assert ntp_synchronized(missing) is None


def test_run_checks_in_order(tmp_path: Path) -> None:
    class Up:
        def health(self) -> dict[str, Any]:
            return {"status": "ok"}

    settings = DeviceSettings(camera="samples", document_camera="x", scanner="none", printer="dummy",
                              data_dir=tmp_path)
    frame = np.zeros((10, 10, 3), np.uint8)
    checks = run_checks(settings, Up(), open_source=lambda spec: FakeSource([frame]),
                        list_scanners=lambda: [])
    assert [c.key for c in checks] == [
        "camera", "document_camera", "scanner", "printer", "portal", "disk", "clock"]
    assert all(c.reason.code in NOTICE_CODES for c in checks)
