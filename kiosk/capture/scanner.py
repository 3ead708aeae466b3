"""Flatbed and sheet-feeder scanners through SANE (python-sane), and their pages as one PDF.

`list_scanners()` finds devices; `Scanner(device)` opens one (`with` closes it) and scans one page
(`scan_page`) or the whole feeder (`scan_feeder`); `pages_to_pdf` writes pages as one PDF.

The kiosk does not call this module in its own process: a driver stuck in C would freeze it. It runs in the
scanner service's child process (`kiosk.capture.scanner_service`: `ScannerService`, `ScanJob`,
`scan_to_pdf`), which adds a deadline per page and kill-and-restart; the command line is in
`kiosk.commands.scanner`.

Settings speak the kiosk's words (source "flatbed"/"feeder", mode "color"/"gray"/"bw", dpi) and are mapped
to the option values each backend uses ("Flatbed", "ADF Front", "Lineart", ...); anything the device does not
offer fails with `InvalidScanSettings` naming what it does offer. Device faults become typed errors whose
`notice` (a code; kiosk.ui.texts has the words) a citizen or a clerk can act on: `ScannerJam`,
`FeederEmpty`, `CoverOpen`, `ScannerBusy`, `ScannerUnavailable`, `ScanCancelled`, `ScannerNotResponding`,
all `ScannerError`.

Tests and training mode use SANE's own `test` backend (devices `test:0`, `test:1`), which setup enables.

Things about python-sane (2.9) that shape this module:
- its state is process-global: `sane.init()` runs once, and opening, closing and listing are serialised;
- `snap()` calls a progress callback after every line, and the process crashes if that callback raises, so
  cancelling a page is done by calling `sane_cancel` from inside the callback (never by raising): the next
  read then ends with SANE's "Operation was canceled";
- `snap(no_cancel=True)` keeps a feeder batch going between pages; the batch ends with one `cancel()`.
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Literal, Self, get_args

import numpy as np
from PIL import Image

from kiosk.domain.notice import Notice

log = logging.getLogger(__name__)

Source = Literal["flatbed", "feeder"]
Mode = Literal["color", "gray", "bw"]
OptionValue = bool | int | float | str

SOURCES: tuple[Source, ...] = get_args(Source)
MODES: tuple[Mode, ...] = get_args(Mode)
MM_PER_INCH = 25.4
JPEG_QUALITY = 80

# --------------------------------------------------------------------------------------------------------
# Errors


class ScannerError(RuntimeError):
    """A scan did not produce its pages. `notice` says why to the citizen or the clerk, as a code
    (``scanner.jam``…) that kiosk.ui.texts puts in words; `str()` is English for staff and logs, with
    `detail`, the technical reason (the SANE status, the device).

    `pages` holds the pages finished before the error (a jam on sheet 4 keeps sheets 1-3), so the UI can
    keep them and ask only for the rest.
    """

    notice_code: ClassVar[str] = "scanner.error"
    summary: ClassVar[str] = "the scanner reported a problem"

    def __init__(self, detail: str = "", *, device: str | None = None,
                 pages: Sequence[ScannedPage] = ()) -> None:
        self.detail = detail
        self.device = device
        self.pages: list[ScannedPage] = list(pages)
        super().__init__(self._text())

    def _text(self) -> str:
        where = f"{self.device}: " if self.device else ""
        return f"{where}{self.summary}" + (f" ({self.detail})" if self.detail else "")

    @property
    def notice(self) -> Notice:
        return Notice(self.notice_code)


class ScannerJam(ScannerError):
    notice_code = "scanner.jam"
    summary = "paper jammed"


class FeederEmpty(ScannerError):
    notice_code = "scanner.feeder_empty"
    summary = "the document feeder is empty"


class CoverOpen(ScannerError):
    notice_code = "scanner.cover_open"
    summary = "the scanner cover is open"


class ScannerBusy(ScannerError):
    notice_code = "scanner.busy"
    summary = "the scanner is busy"


class ScannerUnavailable(ScannerError):
    notice_code = "scanner.unavailable"
    summary = "the scanner cannot be reached"


class ScanCancelled(ScannerError):
    notice_code = "scanner.cancelled"
    summary = "scanning was cancelled"


class ScannerNotResponding(ScannerError):
    """The scanner said nothing for a whole page deadline: its driver is stuck. The scanner service killed
    the process it ran in and starts a fresh one for the next scan; the pages already received are kept."""

    notice_code = "scanner.not_responding"
    summary = "the scanner is not responding"


class InvalidScanSettings(ScannerError, ValueError):
    """The settings are not ones this device (or the kiosk) offers; `detail` names the allowed values."""

    notice_code = "scanner.invalid_settings"
    summary = "the scanner does not support these settings"

    @property
    def notice(self) -> Notice:
        return Notice(self.notice_code, {"detail": self.detail})

    def _text(self) -> str:
        where = f"{self.device}: " if self.device else ""
        return f"{where}{self.summary}" + (f": {self.detail}" if self.detail else "")


def _all_errors(cls: type[ScannerError]) -> list[type[ScannerError]]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _all_errors(child))]


#: Every code a scanner error may say (kiosk.ui.notice_texts has words for each).
NOTICE_CODES: frozenset[str] = frozenset(cls.notice_code for cls in _all_errors(ScannerError))

# SANE's own status texts (sane_strstatus in sane-backends 1.x), as python-sane raises them.
_STATUS_ERRORS: dict[str, type[ScannerError]] = {
    "document feeder jammed": ScannerJam,
    "document feeder out of documents": FeederEmpty,
    "scanner cover is open": CoverOpen,
    "device busy": ScannerBusy,
    "lamp not ready, please retry": ScannerBusy,
    "operation was canceled": ScanCancelled,
    "operation was cancelled": ScanCancelled,
    "error during device i/o": ScannerUnavailable,
    "access to resource has been denied": ScannerUnavailable,
    "scanner mechanism locked for transport": ScannerUnavailable,
}
# Other wordings (other SANE versions, translated builds, backend-specific texts), matched by keyword.
_STATUS_KEYWORDS: tuple[tuple[tuple[str, ...], type[ScannerError]], ...] = (
    (("jam",), ScannerJam),
    (("out of documents", "no documents", "no docs", "feeder empty", "no paper"), FeederEmpty),
    (("cover",), CoverOpen),
    (("busy", "warming up", "lamp not ready"), ScannerBusy),
    (("cancel",), ScanCancelled),
    (("i/o", "access", "denied", "locked", "not found", "no such device", "disconnected"),
     ScannerUnavailable),
)


def error_from_sane_status(status: str, *, device: str | None = None,
                           pages: Sequence[ScannedPage] = ()) -> ScannerError:
    """The typed error for a SANE status text such as "Document feeder jammed"."""
    text = status.strip().lower()
    kind = _STATUS_ERRORS.get(text)
    if kind is None:
        kind = next((k for words, k in _STATUS_KEYWORDS if any(w in text for w in words)), ScannerError)
    return kind(status.strip(), device=device, pages=pages)


# --------------------------------------------------------------------------------------------------------
# python-sane, once per process

_SANE_LOCK = threading.RLock()
_sane_api: Any = None
_sane_module = "sane"


def use_sane_module(name: str) -> None:
    """Talk to SANE through another module with python-sane's interface (`init`, `get_devices`, `open`).
    The scanner service's child calls it before the first scan; tests use it for a driver that hangs."""
    global _sane_module, _sane_api
    with _SANE_LOCK:
        if name != _sane_module:
            _sane_module, _sane_api = name, None


def _ignore_sigpipe_again() -> None:
    """sane-backends' image reader (sanei_thread) leaves SIGPIPE at its default once a page is read. Python
    ignores SIGPIPE so that a write to a closed pipe or socket is an error to handle; at the default, such a
    write ends the whole process without a word (the scanner service writing to a kiosk that has gone, a
    portal call on a dropped connection: seen as test workers dying in the middle of the suite). Only the
    main thread may set handlers through Python; from another thread (a scan in the background) the C
    library is asked directly: the disposition belongs to the whole process either way."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        return
    libc = ctypes.CDLL(None)
    libc.signal.argtypes = (ctypes.c_int, ctypes.c_void_p)
    libc.signal.restype = ctypes.c_void_p
    libc.signal(signal.SIGPIPE, ctypes.c_void_p(1))  # 1 is SIG_IGN


def _sane() -> Any:
    """The initialised `sane` module. python-sane keeps global state, so this runs `sane.init()` once."""
    global _sane_api
    with _SANE_LOCK:
        if _sane_api is None:
            try:
                # python-sane has no type stubs: everything from it is Any
                sane = importlib.import_module(_sane_module)
            except ImportError as exc:
                raise ScannerUnavailable(f"python-sane is not installed ({exc})") from exc
            try:
                sane.init()
            except Exception as exc:
                raise ScannerUnavailable(f"SANE cannot start: {exc}") from exc
            _sane_api = sane
        return _sane_api


@dataclass(frozen=True)
class ScannerInfo:
    device: str  # the SANE name to open, e.g. "test:0" or "epjitsu:libusb:001:004"
    vendor: str
    model: str
    kind: str  # SANE's device type: "flatbed scanner", "sheetfed scanner", "virtual device", ...

    def to_json(self) -> dict[str, str]:
        return {"device": self.device, "vendor": self.vendor, "model": self.model, "kind": self.kind}


def list_scanners(*, local_only: bool = False) -> list[ScannerInfo]:
    """Scanners SANE can see now. With `local_only` only directly attached ones, at once; otherwise network
    backends (eSCL, saned, ...) also search the network, which takes seconds (3.3 s on a Debian 12 setup)."""
    api = _sane()
    with _SANE_LOCK:
        try:
            devices = api.get_devices(local_only)
        except Exception as exc:
            raise error_from_sane_status(str(exc)) from exc
    return [ScannerInfo(str(d[0]), str(d[1]), str(d[2]), str(d[3])) for d in devices]


# --------------------------------------------------------------------------------------------------------
# Settings and pages


@dataclass(frozen=True)
class ScanSettings:
    """What to scan, in the kiosk's words. `area_mm` is (width, height) from the top-left corner of the
    glass; None scans the whole area the device offers."""

    source: Source = "flatbed"
    mode: Mode = "color"
    dpi: int = 200
    area_mm: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise InvalidScanSettings(f"source {self.source!r} is not one of {', '.join(SOURCES)}")
        if self.mode not in MODES:
            raise InvalidScanSettings(f"mode {self.mode!r} is not one of {', '.join(MODES)}")
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int) or self.dpi <= 0:
            raise InvalidScanSettings(f"dpi must be a positive whole number, not {self.dpi!r}")
        if self.area_mm is not None and (len(self.area_mm) != 2 or min(self.area_mm) <= 0):
            raise InvalidScanSettings(f"area_mm must be (width, height) in mm above 0, not {self.area_mm!r}")


@dataclass(frozen=True, eq=False)
class ScannedPage:
    """One scanned side of a sheet: a PIL image ("RGB", "L" or 1-bit "1") at the resolution it was scanned."""

    image: Image.Image
    dpi: int
    source: Source
    mode: Mode
    number: int  # 1-based, in the order the pages came out of the scanner

    @property
    def width_px(self) -> int:
        return self.image.width

    @property
    def height_px(self) -> int:
        return self.image.height

    @property
    def size_mm(self) -> tuple[float, float]:
        return self.width_px / self.dpi * MM_PER_INCH, self.height_px / self.dpi * MM_PER_INCH

    def bgr(self) -> np.ndarray:
        """The page as an OpenCV BGR uint8 array (H×W×3), like camera frames."""
        rgb = np.asarray(self.image.convert("RGB"))
        return np.ascontiguousarray(rgb[:, :, ::-1])


@dataclass(frozen=True)
class ScannerCapabilities:
    """What one device offers, in the kiosk's words, and the device values each maps to."""

    device: str
    sources: dict[Source, str]  # e.g. {"flatbed": "Flatbed", "feeder": "Automatic Document Feeder"}
    modes: dict[Mode, str]  # e.g. {"color": "Color", "gray": "Gray", "bw": "Lineart"}
    dpi_range: tuple[int, int, int] | None = None  # (min, max, step) when the device takes a range
    dpi_values: tuple[int, ...] | None = None  # or the list it takes
    bw_as_one_bit_gray: bool = False  # no black-and-white mode: "bw" is the grey mode at depth 1

    def allows_dpi(self, dpi: int) -> bool:
        if self.dpi_values is not None:
            return dpi in self.dpi_values
        if self.dpi_range is not None:
            low, high, step = self.dpi_range
            return low <= dpi <= high and (step <= 1 or (dpi - low) % step == 0)
        return True

    def describe_dpi(self) -> str:
        if self.dpi_values is not None:
            return ", ".join(str(v) for v in self.dpi_values)
        if self.dpi_range is not None:
            low, high, step = self.dpi_range
            return f"{low}–{high}" + (f" in steps of {step}" if step > 1 else "")
        return "any"


# --------------------------------------------------------------------------------------------------------
# Mapping the kiosk's words to a device's option values

_DUPLEX_WORDS = ("duplex", "back", "rear")


def _source_kind(value: str) -> Source | None:
    text = value.lower()
    if "flatbed" in text or text in ("normal", "platen", "glass", "document table"):
        return "flatbed"
    if "adf" in text or "feeder" in text or "sheetfed" in text:
        return "feeder"
    return None


def _mode_kind(value: str) -> Mode | None:
    text = value.lower()
    if "color" in text or "colour" in text or text in ("rgb", "24bit"):
        return "color"
    if "gray" in text or "grey" in text:
        return "gray"
    if "lineart" in text or "binary" in text or "black" in text or "halftone" in text or "mono" in text:
        return "bw"
    return None


def _pick(values: Sequence[str], classify: Callable[[str], str | None], kind: str,
          avoid: tuple[str, ...] = ()) -> str | None:
    """The first device value of this kind, preferring ones without the `avoid` words (duplex, halftone)."""
    matching = [v for v in values if classify(v) == kind]
    plain = [v for v in matching if not any(w in v.lower() for w in avoid)]
    best = plain or matching
    return best[0] if best else None


def _as_int(value: Any) -> int:
    return round(float(value))


# --------------------------------------------------------------------------------------------------------
# The device


@dataclass(frozen=True)
class _Applied:
    settings: ScanSettings
    dpi: int  # what the device reports after setting it


class Scanner:
    """One SANE device. `with Scanner("test:0") as s: s.scan_page(ScanSettings(dpi=200))`.

    One scan at a time per device: a second concurrent scan fails with ScannerBusy. Scans block; run them
    with `ScanJob` (or any worker thread) and pass a `threading.Event` as `cancel`.

    `options` are device-specific SANE options set when the device opens, by SANE name
    (e.g. {"test-picture": "Color pattern"} for the test backend, or a driver's "swdeskew").
    """

    def __init__(self, device: str, *, options: Mapping[str, OptionValue] | None = None) -> None:
        self.device = device
        self.options = dict(options or {})
        self._dev: Any = None
        self._scan_lock = threading.Lock()

    # -- lifetime

    def open(self) -> None:
        if self._dev is not None:
            return
        api = _sane()
        with _SANE_LOCK:
            try:
                self._dev = api.open(self.device)
            except Exception as exc:
                raise self._open_error(exc) from exc
        try:
            for name, value in self.options.items():
                self.set_option(name, value)
        except BaseException:
            self.close()
            raise

    def _open_error(self, exc: Exception) -> ScannerError:
        error = error_from_sane_status(str(exc), device=self.device)
        if type(error) is ScannerError:  # "Invalid argument": SANE's answer for a name it does not know
            try:
                known = ", ".join(s.device for s in list_scanners(local_only=True)) or "none"
            except ScannerError:
                known = "unknown"
            return ScannerUnavailable(f"no scanner {self.device!r} ({exc}); local scanners: {known}",
                                      device=self.device)
        return error

    def close(self) -> None:
        """Close the device. Waits for a running scan to end (cancel it first), so never call it from
        `on_page`, which runs inside the scan."""
        with self._scan_lock, _SANE_LOCK:
            if self._dev is not None:
                try:
                    self._dev.close()
                except Exception as exc:  # a device unplugged mid-session must not stop the clean-up
                    log.warning("scanner %s: close failed: %s", self.device, exc)
                self._dev = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def _device(self) -> Any:
        if self._dev is None:
            raise ScannerUnavailable("the scanner is not open (use `with Scanner(...)`)", device=self.device)
        return self._dev

    # -- options

    def _active_option(self, name: str) -> Any | None:
        option = self._device.opt.get(name.replace("-", "_"))
        return option if option is not None and option.is_active() else None

    def set_option(self, name: str, value: OptionValue) -> None:
        """Set one SANE option by its SANE name ("read-delay") or python-sane name ("read_delay")."""
        key = name.replace("-", "_")
        option = self._device.opt.get(key)
        if option is None:
            raise InvalidScanSettings(f"the device has no option {name!r}", device=self.device)
        constraint = option.constraint
        if isinstance(constraint, list) and constraint and value not in constraint:
            allowed = ", ".join(str(v) for v in constraint)
            raise InvalidScanSettings(f"{name} = {value!r} is not offered; allowed: {allowed}",
                                      device=self.device)
        try:
            setattr(self._device, key, value)
        except AttributeError as exc:  # python-sane: inactive or read-only option
            raise InvalidScanSettings(f"{name} cannot be set now ({exc})", device=self.device) from exc
        except TypeError as exc:
            raise InvalidScanSettings(f"{name} = {value!r}: {exc}", device=self.device) from exc
        except Exception as exc:
            error = error_from_sane_status(str(exc), device=self.device)
            if type(error) is ScannerError:
                raise InvalidScanSettings(f"{name} = {value!r} refused: {exc}", device=self.device) from exc
            raise error from exc

    def get_option(self, name: str) -> Any:
        return getattr(self._device, name.replace("-", "_"))

    def capabilities(self) -> ScannerCapabilities:
        """Sources, modes and resolutions this device offers now (modes and dpi may depend on the source)."""
        sources: dict[Source, str] = {}
        option = self._active_option("source")
        if option is not None and isinstance(option.constraint, list):
            for source in SOURCES:
                value = _pick(option.constraint, _source_kind, source, avoid=_DUPLEX_WORDS)
                if value is not None:
                    sources[source] = value
        elif option is None:
            sources["flatbed"] = ""  # no source option: a plain flatbed
        modes: dict[Mode, str] = {}
        option = self._active_option("mode")
        if option is not None and isinstance(option.constraint, list):
            for mode in MODES:
                value = _pick(option.constraint, _mode_kind, mode, avoid=("halftone", "dither"))
                if value is not None:
                    modes[mode] = value
        one_bit_gray = "bw" not in modes and "gray" in modes and 1 in self._depths()
        if one_bit_gray:
            modes["bw"] = modes["gray"]
        dpi_range: tuple[int, int, int] | None = None
        dpi_values: tuple[int, ...] | None = None
        option = self._active_option("resolution")
        if option is not None:
            constraint = option.constraint
            if isinstance(constraint, tuple):
                low, high, step = (_as_int(v) for v in constraint)
                dpi_range = (low, high, max(step, 1))
            elif isinstance(constraint, list):
                dpi_values = tuple(sorted(_as_int(v) for v in constraint))
        return ScannerCapabilities(self.device, sources, modes, dpi_range, dpi_values, one_bit_gray)

    def _depths(self) -> list[int]:
        option = self._active_option("depth")
        if option is None or not isinstance(option.constraint, list):
            return []
        return [int(v) for v in option.constraint]

    def apply(self, settings: ScanSettings) -> int:
        """Put `settings` on the device; returns the resolution the device will really use.

        Source first, then mode, then depth, then resolution and area: on many devices what a later option
        allows depends on an earlier one (an ADF often has a lower maximum resolution than the glass)."""
        return self._apply(settings).dpi

    def _apply(self, settings: ScanSettings) -> _Applied:
        caps = self.capabilities()
        if settings.source not in caps.sources:
            offered = self._describe(caps.sources)
            raise InvalidScanSettings(f"source {settings.source!r} is not offered; it offers: {offered}",
                                      device=self.device)
        if caps.sources[settings.source]:
            self.set_option("source", caps.sources[settings.source])
            caps = self.capabilities()
        if settings.mode not in caps.modes:
            offered = self._describe(caps.modes)
            raise InvalidScanSettings(f"mode {settings.mode!r} is not offered; it offers: {offered}",
                                      device=self.device)
        if self._active_option("mode") is not None:
            self.set_option("mode", caps.modes[settings.mode])
        depths = self._depths()
        if settings.mode == "bw" and caps.bw_as_one_bit_gray:
            self.set_option("depth", 1)
        elif 8 in depths and settings.mode != "bw":
            self.set_option("depth", 8)  # 16-bit doubles the transfer for nothing the PDF keeps
        caps = self.capabilities()
        if self._active_option("resolution") is None:
            raise InvalidScanSettings("the device has no resolution option", device=self.device)
        if not caps.allows_dpi(settings.dpi):
            raise InvalidScanSettings(
                f"dpi {settings.dpi} is not offered; allowed: {caps.describe_dpi()}", device=self.device)
        self.set_option("resolution", settings.dpi)
        self._apply_area(settings.area_mm)
        return _Applied(settings, _as_int(self.get_option("resolution")))

    @staticmethod
    def _describe(mapping: Mapping[Any, str]) -> str:
        return ", ".join(f"{k} ({v})" if v else k for k, v in mapping.items()) or "none"

    def _apply_area(self, area_mm: tuple[float, float] | None) -> None:
        """The scan area from the top-left corner of the glass; the whole glass when `area_mm` is None."""
        corners = [self._active_option(n) for n in ("tl-x", "tl-y", "br-x", "br-y")]
        options = [o for o in corners if o is not None and isinstance(o.constraint, tuple)]
        if len(options) != 4:
            if area_mm is not None:
                raise InvalidScanSettings("the device does not take a scan area", device=self.device)
            return
        tl_x, tl_y, br_x, br_y = options
        left, top = tl_x.constraint[0], tl_y.constraint[0]
        max_w, max_h = br_x.constraint[1] - left, br_y.constraint[1] - top
        width, height = area_mm if area_mm is not None else (max_w, max_h)
        if width > max_w + 1e-6 or height > max_h + 1e-6:
            raise InvalidScanSettings(
                f"scan area {width:g}×{height:g} mm is larger than the device's {max_w:g}×{max_h:g} mm",
                device=self.device)
        for option, value in ((tl_x, left), (tl_y, top), (br_x, left + width), (br_y, top + height)):
            typed: float | int = float(value) if isinstance(option.constraint[0], float) else round(value)
            self.set_option(option.name, typed)

    # -- scanning

    @contextmanager
    def _one_scan(self) -> Iterator[None]:
        if not self._scan_lock.acquire(blocking=False):
            raise ScannerBusy("another scan is running on this device", device=self.device)
        try:
            if self._dev is None:
                raise ScannerUnavailable("the scanner is not open (use `with Scanner(...)`)",
                                         device=self.device)
            yield
        finally:
            _ignore_sigpipe_again()  # reading, cancelling and ending a batch may each have reset it
            self._scan_lock.release()

    def scan_page(self, settings: ScanSettings, *, cancel: threading.Event | None = None) -> ScannedPage:
        """One page from `settings.source` (the glass, or one sheet from the feeder)."""
        with self._one_scan():
            applied = self._apply(settings)
            try:
                return self._scan_one(applied, 1, cancel, keep_batch=False)
            finally:
                self._end_batch()

    def scan_feeder(self, settings: ScanSettings, *, cancel: threading.Event | None = None,
                    on_page: Callable[[ScannedPage], None] | None = None,
                    max_pages: int | None = None) -> list[ScannedPage]:
        """Every sheet in the feeder, in order, until the feeder reports it is empty (the normal end).

        An empty feeder before the first sheet raises FeederEmpty. Other faults raise their error with the
        pages finished so far in `error.pages`. Setting `cancel` stops within the current line of the
        current page (SANE's cancel) and raises ScanCancelled, again with the finished pages in `.pages`.
        `on_page` is called on the scanning thread after each page, before the next sheet is fed.
        """
        if settings.source != "feeder":
            raise InvalidScanSettings(f"scan_feeder needs source 'feeder', not {settings.source!r}",
                                      device=self.device)
        with self._one_scan():
            applied = self._apply(settings)
            pages: list[ScannedPage] = []
            try:
                while max_pages is None or len(pages) < max_pages:
                    try:
                        page = self._scan_one(applied, len(pages) + 1, cancel, keep_batch=True)
                    except FeederEmpty:
                        if pages:
                            break
                        raise
                    except ScannerError as error:
                        error.pages = list(pages)
                        raise
                    pages.append(page)
                    if on_page is not None:
                        on_page(page)
            finally:
                self._end_batch()
            log.info("scanner %s: feeder gave %d page(s)", self.device, len(pages))
            return pages

    def _scan_one(self, applied: _Applied, number: int, cancel: threading.Event | None, *,
                  keep_batch: bool) -> ScannedPage:
        if cancel is not None and cancel.is_set():
            raise ScanCancelled("cancelled before the page started", device=self.device)
        dev = self._device
        try:
            dev.start()
        except Exception as exc:
            raise self._scan_error(exc) from exc
        cancelled = threading.Event()

        def cancel_between_lines(line: int, lines: int) -> None:
            # python-sane calls this after every line and crashes the process if it raises, so it must
            # not. It asks SANE to cancel; the next read then fails with SANE's "Operation was canceled".
            try:
                if cancel is not None and cancel.is_set() and not cancelled.is_set():
                    cancelled.set()
                    dev.cancel()
            except BaseException:
                pass

        try:
            # No callback without a cancel event: one Python call per line is not free on a 600 dpi page.
            image = dev.snap(keep_batch, cancel_between_lines if cancel is not None else None)
        except Exception as exc:
            if cancelled.is_set():
                raise ScanCancelled(f"cancelled during page {number}", device=self.device) from exc
            raise self._scan_error(exc) from exc
        settings = applied.settings
        if settings.mode == "bw" and image.mode != "1":
            image = image.convert("L").point(lambda v: 255 if v >= 128 else 0, mode="1")
        return ScannedPage(image=image, dpi=applied.dpi, source=settings.source, mode=settings.mode,
                           number=number)

    def _scan_error(self, exc: Exception) -> ScannerError:
        if isinstance(exc, ScannerError):
            return exc
        return error_from_sane_status(str(exc), device=self.device)

    def _end_batch(self) -> None:
        try:
            self._device.cancel()  # ends a feeder batch; a no-op after a finished flatbed page
        except Exception as exc:
            log.warning("scanner %s: cancel at end of scan failed: %s", self.device, exc)


# --------------------------------------------------------------------------------------------------------
# PDF


def encode_page(page: ScannedPage) -> bytes:
    """The page as an image file img2pdf embeds without re-encoding: JPEG (q80) for colour and grey,
    CCITT G4 TIFF for black-and-white. The file carries the dpi, which sets the PDF page size."""
    buffer = BytesIO()
    dpi = (page.dpi, page.dpi)
    if page.image.mode == "1":
        page.image.save(buffer, "TIFF", compression="group4", dpi=dpi)
    else:
        image = page.image if page.image.mode in ("RGB", "L") else page.image.convert("RGB")
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, dpi=dpi)
    return buffer.getvalue()


def pages_to_pdf(pages: Sequence[ScannedPage], out_pdf: Path) -> int:
    """Write the pages, in order, as one PDF 1.4 at 100 % scale (page size = pixels / dpi); returns bytes.

    The file appears whole or not at all (written beside, then renamed)."""
    import img2pdf
    import pikepdf

    if not pages:
        raise ValueError("no pages to write")
    data = img2pdf.convert([encode_page(p) for p in pages])
    out_pdf = Path(out_pdf)
    partial = out_pdf.with_name(out_pdf.name + ".part")
    try:
        with pikepdf.open(BytesIO(data)) as pdf:  # img2pdf writes 1.3; the rules ask for 1.4 or later
            pdf.save(partial, min_version="1.4", stream_decode_level=pikepdf.StreamDecodeLevel.none)
        os.replace(partial, out_pdf)
    finally:
        partial.unlink(missing_ok=True)
    return out_pdf.stat().st_size
