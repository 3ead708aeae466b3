"""Device health for the staff dashboard: each check says green / amber / red and why, in one line.

No Qt here: the checks are plain functions that may block (opening a camera, a network call), so the
dashboard runs them on a worker thread. Every reason is a code with its parameters (`NOTICE_CODES`; the
words, Vietnamese and English, are kiosk.ui.texts'); no reason carries personal data (they name devices,
numbers and error kinds only).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from kiosk.domain.notice import Notice, Param

#: Below this much free space the disk is red (a dossier with scans is a few MB) ...
DISK_RED_BYTES = 500 * 1024**2
#: ... and below this amber.
DISK_AMBER_BYTES = 2 * 1024**3


class Level(StrEnum):
    OK = "ok"  # green
    WARN = "warn"  # amber: works, but look at it
    ERROR = "error"  # red: does not work


@dataclass(frozen=True)
class HealthCheck:
    key: str  # camera, document_camera, scanner, printer, portal, disk, clock
    level: Level
    #: Why, as a code and its parameters (``health.disk.low``, free="1.2 GB / 30 GB"): the staff screen
    #: and `kiosk doctor` put it in words through kiosk.ui.texts.
    reason: Notice


def _check(key: str, level: Level, code: str, **params: Param) -> HealthCheck:
    return HealthCheck(key, level, Notice(code, params))


class _Portal(Protocol):
    def health(self) -> dict[str, Any]: ...


class _Source(Protocol):
    def __enter__(self) -> Any: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


def _kind(error: BaseException) -> str:
    """An error in one line, without anything a device or a server might have echoed at length."""
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}"[:160] if text else type(error).__name__


def check_camera(key: str, spec: str, open_source: Callable[[str], _Source]) -> HealthCheck:
    """The configured source opens and gives a frame."""
    try:
        with open_source(spec) as source:
            frame = None
            for _ in range(30):
                frame = source.read()
                if frame is not None:
                    break
    except Exception as error:
        return _check(key, Level.ERROR, "health.camera.cannot_open", spec=spec, error=_kind(error))
    if frame is None:
        return _check(key, Level.WARN, "health.camera.no_picture", spec=spec)
    height, width = frame.shape[:2]
    return _check(key, Level.OK, "health.camera.working", spec=spec, width=width, height=height)


def check_scanner(device: str, list_scanners: Callable[[], list[Any]]) -> HealthCheck:
    if device == "none":
        return _check("scanner", Level.OK, "health.scanner.not_used")
    try:
        found = list_scanners()
    except Exception as error:
        return _check("scanner", Level.ERROR, "health.scanner.no_sane", error=_kind(error))
    names = [str(getattr(s, "name", s)) for s in found]
    if not names:
        return _check("scanner", Level.ERROR, "health.scanner.none_attached")
    if device != "auto" and device not in names:
        return _check("scanner", Level.WARN, "health.scanner.not_found", device=device,
                      found=", ".join(names))
    return _check("scanner", Level.OK, "health.scanner.ready",
                  device=device if device != "auto" else names[0])


def check_printer(spec: str, *, timeout_s: float = 2.0) -> HealthCheck:
    """Whether the configured receipt printer can be reached (nothing is printed)."""
    kind, _, rest = spec.partition(":")
    if kind == "dummy":
        return _check("printer", Level.WARN, "health.printer.dummy")
    if kind == "file":
        path = Path(rest)
        target = path if path.exists() else path.parent
        if rest and target.exists() and _writable(target):
            return _check("printer", Level.OK, "health.printer.ready", spec=spec)
        return _check("printer", Level.ERROR, "health.printer.cannot_write", path=rest or "?")
    if kind == "tcp":
        host, _, port = rest.partition(":")
        try:
            with socket.create_connection((host, int(port or 9100)), timeout=timeout_s):
                pass
        except (OSError, ValueError) as error:
            return _check("printer", Level.ERROR, "health.printer.cannot_connect", target=rest,
                          error=_kind(error))
        return _check("printer", Level.OK, "health.printer.reachable", spec=spec)
    if kind == "usb":
        return _check_usb_printer(spec)
    return _check("printer", Level.ERROR, "health.printer.bad_setting", spec=repr(spec))


def _check_usb_printer(spec: str) -> HealthCheck:
    from kiosk.receipts.thermal import open_printer

    try:
        printer = open_printer(spec)
        printer.open()
    except Exception as error:
        return _check("printer", Level.ERROR, "health.printer.not_found", spec=spec, error=_kind(error))
    try:
        paper = printer.paper_status()  # 2 = adequate, 1 = near end, 0 = out
    except Exception:
        paper = None
    finally:
        with contextlib.suppress(Exception):
            printer.close()
    if paper == 0:
        return _check("printer", Level.ERROR, "health.printer.out_of_paper")
    if paper == 1:
        return _check("printer", Level.WARN, "health.printer.paper_low")
    return _check("printer", Level.OK, "health.printer.ready", spec=spec)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def check_portal(portal: _Portal) -> HealthCheck:
    try:
        body = portal.health()
    except Exception as error:
        return _check("portal", Level.ERROR, "health.portal.unreachable", error=_kind(error))
    status = str(body.get("status", "?"))
    if status.lower() in ("ok", "up", "healthy"):
        return _check("portal", Level.OK, "health.portal.connected")
    return _check("portal", Level.WARN, "health.portal.status", status=repr(status))


def _gb(n: int) -> str:
    return f"{n / 1024**3:.1f} GB"


def check_disk(data_dir: Path) -> HealthCheck:
    try:
        usage = shutil.disk_usage(data_dir)
    except OSError as error:
        return _check("disk", Level.ERROR, "health.disk.unreadable", error=_kind(error))
    free = f"{_gb(usage.free)} / {_gb(usage.total)}"
    if usage.free < DISK_RED_BYTES:
        return _check("disk", Level.ERROR, "health.disk.nearly_full", free=free)
    if usage.free < DISK_AMBER_BYTES:
        return _check("disk", Level.WARN, "health.disk.low", free=free)
    return _check("disk", Level.OK, "health.disk.ok", free=free)


def ntp_synchronized(run: Callable[..., Any] = subprocess.run) -> bool | None:
    """`timedatectl`'s answer, or None when it cannot tell (no systemd, e.g. in a container)."""
    try:
        done = run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"],
                   capture_output=True, text=True, timeout=3, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    answer = str(done.stdout).strip().lower()
    if done.returncode != 0 or answer not in ("yes", "no"):
        return None
    return answer == "yes"


def check_clock(now: datetime | None = None, synced: bool | None = None) -> HealthCheck:
    shown = f"{(now or datetime.now()).astimezone():%H:%M %d/%m/%Y}"
    if synced is True:
        return _check("clock", Level.OK, "health.clock.synced", time=shown)
    if synced is False:
        return _check("clock", Level.WARN, "health.clock.not_synced", time=shown)
    return _check("clock", Level.WARN, "health.clock.unknown", time=shown)


@dataclass(frozen=True)
class DeviceSettings:
    camera: str
    document_camera: str
    scanner: str
    printer: str
    data_dir: Path


def run_checks(settings: DeviceSettings, portal: _Portal, *,
               open_source: Callable[[str], _Source] | None = None,
               list_scanners: Callable[[], list[Any]] | None = None) -> list[HealthCheck]:
    """Every check, in the order the dashboard shows them (blocks: run it off the GUI thread)."""
    if open_source is None:
        from kiosk.capture.frames import open_frame_source

        def open_source(spec: str) -> _Source:
            return open_frame_source(spec, fps=None)
    if list_scanners is None:
        from kiosk.capture.scanner import list_scanners as sane_list

        def list_scanners() -> list[Any]:
            return list(sane_list(local_only=True))
    return [
        check_camera("camera", settings.camera, open_source),
        check_camera("document_camera", settings.document_camera, open_source),
        check_scanner(settings.scanner, list_scanners),
        check_printer(settings.printer),
        check_portal(portal),
        check_disk(settings.data_dir),
        check_clock(synced=ntp_synchronized()),
    ]


#: Every code a check may give (kiosk.ui.notice_texts has words for each).
NOTICE_CODES: frozenset[str] = frozenset({
    "health.camera.cannot_open", "health.camera.no_picture", "health.camera.working",
    "health.scanner.not_used", "health.scanner.no_sane", "health.scanner.none_attached",
    "health.scanner.not_found", "health.scanner.ready",
    "health.printer.dummy", "health.printer.ready", "health.printer.cannot_write",
    "health.printer.cannot_connect",
    "health.printer.reachable", "health.printer.bad_setting", "health.printer.not_found",
    "health.printer.out_of_paper", "health.printer.paper_low",
    "health.portal.unreachable", "health.portal.connected", "health.portal.status",
    "health.disk.unreadable", "health.disk.nearly_full", "health.disk.low", "health.disk.ok",
    "health.clock.synced", "health.clock.not_synced", "health.clock.unknown",
})
