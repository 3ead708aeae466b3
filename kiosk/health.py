"""Device health for the staff dashboard: each check says green / amber / red and why, in one line.

No Qt here: the checks are plain functions that may block (opening a camera, a network call), so the
dashboard runs them on a worker thread. Every reason is bilingual, Vietnamese first; no reason carries
personal data (they name devices, numbers and error kinds only).
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
    reason_vi: str
    reason_en: str

    def reason(self, lang: str) -> str:
        return self.reason_vi if lang.startswith("vi") else self.reason_en


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
        return HealthCheck(key, Level.ERROR, f"Không mở được ({spec}): {_kind(error)}",
                           f"Cannot open ({spec}): {_kind(error)}")
    if frame is None:
        return HealthCheck(key, Level.WARN, f"Mở được ({spec}) nhưng không có hình",
                           f"Opens ({spec}) but gives no picture")
    height, width = frame.shape[:2]
    return HealthCheck(key, Level.OK, f"Hoạt động ({spec}, {width}×{height})",
                       f"Working ({spec}, {width}×{height})")


def check_scanner(device: str, list_scanners: Callable[[], list[Any]]) -> HealthCheck:
    if device == "none":
        return HealthCheck("scanner", Level.OK, "Không dùng máy quét tại kiosk này",
                           "No scanner at this kiosk (configured)")
    try:
        found = list_scanners()
    except Exception as error:
        return HealthCheck("scanner", Level.ERROR, f"Không dùng được SANE: {_kind(error)}",
                           f"SANE unusable: {_kind(error)}")
    names = [str(getattr(s, "name", s)) for s in found]
    if not names:
        return HealthCheck("scanner", Level.ERROR, "Không thấy máy quét nào được cắm",
                           "No scanner attached")
    if device != "auto" and device not in names:
        return HealthCheck("scanner", Level.WARN, f"Không thấy {device}; có: {', '.join(names)}",
                           f"{device} not found; found: {', '.join(names)}")
    return HealthCheck("scanner", Level.OK, f"Sẵn sàng: {device if device != 'auto' else names[0]}",
                       f"Ready: {device if device != 'auto' else names[0]}")


def check_printer(spec: str, *, timeout_s: float = 2.0) -> HealthCheck:
    """Whether the configured receipt printer can be reached (nothing is printed)."""
    kind, _, rest = spec.partition(":")
    if kind == "dummy":
        return HealthCheck("printer", Level.WARN, "Máy in thử (dummy): phiếu không in ra giấy",
                           "Dummy printer: receipts are not printed on paper")
    if kind == "file":
        path = Path(rest)
        target = path if path.exists() else path.parent
        if rest and target.exists() and _writable(target):
            return HealthCheck("printer", Level.OK, f"Sẵn sàng ({spec})", f"Ready ({spec})")
        return HealthCheck("printer", Level.ERROR, f"Không ghi được vào {rest or '?'} (chưa cắm máy in?)",
                           f"Cannot write to {rest or '?'} (printer not connected?)")
    if kind == "tcp":
        host, _, port = rest.partition(":")
        try:
            with socket.create_connection((host, int(port or 9100)), timeout=timeout_s):
                pass
        except (OSError, ValueError) as error:
            return HealthCheck("printer", Level.ERROR, f"Không kết nối được {rest}: {_kind(error)}",
                               f"Cannot connect to {rest}: {_kind(error)}")
        return HealthCheck("printer", Level.OK, f"Kết nối được ({spec})", f"Reachable ({spec})")
    if kind == "usb":
        return _check_usb_printer(spec)
    return HealthCheck("printer", Level.ERROR, f"Cấu hình máy in không hợp lệ: {spec!r}",
                       f"Invalid printer setting: {spec!r}")


def _check_usb_printer(spec: str) -> HealthCheck:
    from kiosk.receipts.thermal import open_printer

    try:
        printer = open_printer(spec)
        printer.open()
    except Exception as error:
        return HealthCheck("printer", Level.ERROR, f"Không thấy máy in ({spec}): {_kind(error)}",
                           f"Printer not found ({spec}): {_kind(error)}")
    try:
        paper = printer.paper_status()  # 2 = adequate, 1 = near end, 0 = out
    except Exception:
        paper = None
    finally:
        with contextlib.suppress(Exception):
            printer.close()
    if paper == 0:
        return HealthCheck("printer", Level.ERROR, "Hết giấy", "Out of paper")
    if paper == 1:
        return HealthCheck("printer", Level.WARN, "Sắp hết giấy", "Paper running low")
    return HealthCheck("printer", Level.OK, f"Sẵn sàng ({spec})", f"Ready ({spec})")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def check_portal(portal: _Portal) -> HealthCheck:
    try:
        body = portal.health()
    except Exception as error:
        return HealthCheck("portal", Level.ERROR, f"Không kết nối được: {_kind(error)}",
                           f"Unreachable: {_kind(error)}")
    status = str(body.get("status", "?"))
    if status.lower() in ("ok", "up", "healthy"):
        return HealthCheck("portal", Level.OK, "Kết nối tốt", "Connected")
    return HealthCheck("portal", Level.WARN, f"Cổng trả lời trạng thái {status!r}",
                       f"Portal reports status {status!r}")


def _gb(n: int) -> str:
    return f"{n / 1024**3:.1f} GB"


def check_disk(data_dir: Path) -> HealthCheck:
    try:
        usage = shutil.disk_usage(data_dir)
    except OSError as error:
        return HealthCheck("disk", Level.ERROR, f"Không đọc được ổ đĩa: {_kind(error)}",
                           f"Cannot read the disk: {_kind(error)}")
    free = f"{_gb(usage.free)} / {_gb(usage.total)}"
    if usage.free < DISK_RED_BYTES:
        return HealthCheck("disk", Level.ERROR, f"Sắp đầy: còn trống {free}", f"Nearly full: {free} free")
    if usage.free < DISK_AMBER_BYTES:
        return HealthCheck("disk", Level.WARN, f"Còn ít chỗ: còn trống {free}", f"Low: {free} free")
    return HealthCheck("disk", Level.OK, f"Còn trống {free}", f"{free} free")


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
        return HealthCheck("clock", Level.OK, f"{shown}, đồng bộ NTP", f"{shown}, NTP synchronised")
    if synced is False:
        return HealthCheck("clock", Level.WARN, f"{shown}, CHƯA đồng bộ NTP: kiểm tra giờ",
                           f"{shown}, NOT NTP synchronised: check the time")
    return HealthCheck("clock", Level.WARN, f"{shown}, không rõ đồng bộ NTP (timedatectl không trả lời)",
                       f"{shown}, NTP status unknown (timedatectl does not answer)")


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
