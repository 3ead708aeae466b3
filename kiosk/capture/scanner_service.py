"""The scanner in a child process, so that a SANE driver that stops answering cannot freeze the kiosk.

python-sane calls the driver in C: a jammed USB transfer or a buggy backend can block `snap()` for ever, and
no thread, signal or timeout in the same process gets it back. So the kiosk never calls SANE itself. A
`ScannerService` starts one small child process (multiprocessing, spawn) that owns SANE and runs
`kiosk.capture.scanner.Scanner`; the kiosk sends it requests over a pipe and receives the pages one by one.

- Every page has a deadline (`page_deadline`, counted from the request or from the previous page). When the
  child says nothing for that long, the service kills it and raises `ScannerNotResponding` carrying the pages
  already received: nothing scanned is lost. The next request starts a fresh child.
- A child that dies (a driver crash) becomes `ScannerUnavailable`, again with the pages received so far.
- Device faults (jam, cover open, empty feeder ...) come back as the same typed errors `Scanner` raises.
- Cancelling (`cancel` event) is passed to the child, which cancels between lines as `Scanner` does; a child
  that does not stop within `CANCEL_GRACE_S` is killed like a stuck one.
- The child ends by itself when its parent goes away (its pipe closes), even in the middle of a page.

Messages on the pipe (pickled tuples). Kiosk → child: `("scan", device, settings, feeder, options,
max_pages)`, `("list", local_only)`, `("cancel",)`, `("stop",)`. Child → kiosk: `("ready", pid)`,
`("page", ScannedPage)`, `("done",)`, `("devices", [ScannerInfo])`, `("error", kind, detail, device)`.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from kiosk.capture.scanner import (
    CoverOpen,
    FeederEmpty,
    InvalidScanSettings,
    Mode,
    OptionValue,
    ScanCancelled,
    ScannedPage,
    Scanner,
    ScannerBusy,
    ScannerError,
    ScannerInfo,
    ScannerJam,
    ScannerNotResponding,
    ScannerUnavailable,
    ScanSettings,
    Source,
    list_scanners,
    pages_to_pdf,
    use_sane_module,
)

log = logging.getLogger(__name__)

# A 200 dpi colour A4 page takes 5-20 s on the flatbeds and feeders kiosks use, plus up to ~30 s of lamp
# warm-up before the first one: a minute of silence means the driver is stuck, not slow.
PAGE_DEADLINE_S = 60.0
START_DEADLINE_S = 30.0  # spawning the child and importing numpy/PIL (about 1 s on an idle kiosk)
LIST_DEADLINE_S = 20.0  # the network search (eSCL, saned) alone takes ~3 s
CANCEL_GRACE_S = 5.0  # SANE cancels within a line; a child still busy after this is stuck
KILL_WAIT_S = 5.0

# SANE's `test` backend (training kiosks, the demo, the tests) keeps its options for the life of the process
# that opened it: the child puts these back before each job so that one job's settings never leak into the
# next (a job's own `options` still win).
TEST_BACKEND_DEFAULTS: dict[str, OptionValue] = {
    "read-return-value": "Default", "read-delay": False, "read-limit": False, "test-picture": "Solid black"}

_ERRORS: dict[str, type[ScannerError]] = {cls.__name__: cls for cls in (
    ScannerError, ScannerJam, FeederEmpty, CoverOpen, ScannerBusy, ScannerUnavailable, ScanCancelled,
    ScannerNotResponding, InvalidScanSettings)}


# --------------------------------------------------------------------------------------------------------
# The child


class _Cancels:
    """Which request a cancel is for: the last one read from the pipe before it (the kiosk sends one request
    at a time). A cancel that overtakes its request on the way to the main thread (the citizen pressed
    "Hủy" at once) still stops that request; a late cancel of a finished request never stops the next."""

    def __init__(self) -> None:
        self.event = threading.Event()  # what the running scan watches
        self._lock = threading.Lock()
        self._read = 0  # requests read from the pipe so far
        self._cancelled = 0  # the request the last cancel was for
        self._running = 0

    def request_read(self) -> int:
        with self._lock:
            self._read += 1
            return self._read

    def cancel_read(self) -> None:
        with self._lock:
            self._cancelled = self._read
            if self._running == self._read:
                self.event.set()

    def starting(self, number: int) -> None:
        with self._lock:
            self._running = number
            if self._cancelled == number:
                self.event.set()
            else:
                self.event.clear()


def _serve(conn: Connection, sane_module: str) -> None:
    """The child process: one request at a time, pages sent as soon as each is scanned."""
    use_sane_module(sane_module)
    cancels = _Cancels()
    requests: queue.Queue[tuple[int, tuple[Any, ...]]] = queue.Queue()

    def read_requests() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                # The kiosk is gone (or killed us mid-page): nobody to scan for. Not sys.exit: the main
                # thread may be stuck inside the driver.
                os._exit(0)
            if message[0] == "cancel":
                cancels.cancel_read()
            else:
                requests.put((cancels.request_read(), message))

    threading.Thread(target=read_requests, name="scanner-requests", daemon=True).start()
    conn.send(("ready", os.getpid()))
    while True:
        number, request = requests.get()
        kind = request[0]
        if kind == "stop":
            return
        cancels.starting(number)
        device: str | None = request[1] if kind == "scan" else None
        try:
            if kind == "scan":
                _scan_in_child(conn, cancels.event, *request[1:])
                conn.send(("done",))
            elif kind == "list":
                conn.send(("devices", list_scanners(local_only=bool(request[1]))))
            else:
                raise ScannerError(f"unknown request {kind!r}")
        except ScannerError as error:
            conn.send(("error", type(error).__name__, error.detail, error.device))
        except Exception as exc:  # a bug must reach the kiosk as a scanner error, not kill the service
            log.exception("scanner service: %s failed", kind)
            conn.send(("error", "ScannerError", f"{type(exc).__name__}: {exc}", device))


def _scan_in_child(conn: Connection, cancel: threading.Event, device: str, settings: ScanSettings,
                   feeder: bool, options: Mapping[str, OptionValue] | None, max_pages: int | None) -> None:
    merged = {**TEST_BACKEND_DEFAULTS, **(options or {})} if device.startswith("test:") else options

    def send(page: ScannedPage) -> None:
        conn.send(("page", page))

    with Scanner(device, options=merged) as scanner:
        if feeder:
            scanner.scan_feeder(settings, cancel=cancel, on_page=send, max_pages=max_pages)
        else:
            send(scanner.scan_page(settings, cancel=cancel))


# --------------------------------------------------------------------------------------------------------
# The kiosk's side


class ScannerService:
    """The kiosk's handle on the scanner child process. Thread-safe; one request at a time (a second
    concurrent scan fails with ScannerBusy). `close()` (or `with`) stops the child.

    `sane_module` names a module with python-sane's interface for the child to use instead of `sane`
    (tests use one whose driver never answers)."""

    def __init__(self, *, page_deadline: float = PAGE_DEADLINE_S, start_deadline: float = START_DEADLINE_S,
                 list_deadline: float = LIST_DEADLINE_S, sane_module: str = "sane") -> None:
        self.page_deadline = page_deadline
        self.start_deadline = start_deadline
        self.list_deadline = list_deadline
        self.sane_module = sane_module
        self.restarts = 0  # children killed because they stopped answering (for health and tests)
        self._busy = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None

    # -- lifetime

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def _child(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.poll() is None:
            return self._conn
        self._discard()
        # A plain subprocess, not multiprocessing: spawn would re-run the kiosk's main module in the child,
        # and fork would copy Qt and worker threads. The pipe is a socket pair carrying pickled tuples.
        ours, theirs = socket.socketpair()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(theirs.fileno()), self.sane_module],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env, close_fds=True)
        except OSError as exc:
            ours.close()
            raise ScannerUnavailable(f"the scanner service cannot start: {exc}") from exc
        finally:
            theirs.close()
        self._process, self._conn = process, Connection(ours.detach())
        message = self._receive(self.start_deadline, what="an answer at start")
        if message[0] != "ready":
            self._discard()
            raise ScannerUnavailable(f"the scanner service did not start (said {message[0]!r})")
        log.info("scanner service started (pid %s)", message[1])
        return self._conn

    def close(self) -> None:
        """Stop the child (politely, then by force)."""
        conn, process = self._conn, self._process
        if conn is not None and process is not None and process.poll() is None:
            with suppress(OSError):
                conn.send(("stop",))
            with suppress(subprocess.TimeoutExpired):
                process.wait(1.0)
        self._discard()

    def _discard(self) -> None:
        """Forget the child, killing it if it still runs."""
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            conn.close()
        if process is None:
            return
        for stop in (process.terminate, process.kill):
            if process.poll() is not None:
                return
            stop()
            with suppress(subprocess.TimeoutExpired):
                process.wait(KILL_WAIT_S)
        if process.poll() is None:  # stuck in the kernel (a USB transfer): nothing more a process can do
            log.error("scanner service pid %s could not be killed", process.pid)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- requests

    @contextmanager
    def _one_request(self, device: str | None) -> Iterator[None]:
        if not self._busy.acquire(blocking=False):
            raise ScannerBusy("another scan is running on this kiosk", device=device)
        try:
            yield
        finally:
            self._busy.release()

    def list_scanners(self, *, local_only: bool = False) -> list[ScannerInfo]:
        """`kiosk.capture.scanner.list_scanners`, in the child, within `list_deadline`."""
        with self._one_request(None):
            conn = self._child()
            conn.send(("list", local_only))
            message = self._receive(self.list_deadline, what="the list of scanners")
        if message[0] != "devices":
            raise ScannerError(f"unexpected answer {message[0]!r}")
        return list(message[1])

    def scan(self, device: str, settings: ScanSettings, *, feeder: bool,
             options: Mapping[str, OptionValue] | None = None, cancel: threading.Event | None = None,
             on_page: Callable[[ScannedPage], None] | None = None,
             max_pages: int | None = None) -> list[ScannedPage]:
        """One page (`feeder=False`) or the whole feeder, as `Scanner.scan_page` / `scan_feeder` do.

        `on_page` is called on the calling thread as each page arrives. Errors carry the pages received
        before them in `.pages`; ScannerNotResponding when a page takes longer than `page_deadline`."""
        pages: list[ScannedPage] = []
        with self._one_request(device):
            conn = self._child()
            conn.send(("scan", device, settings, feeder, dict(options or {}), max_pages))
            finished = False  # the child answered "done" or "error": it is ready for the next request
            try:
                while True:
                    try:
                        message = self._receive(self.page_deadline, what="a page", cancel=cancel,
                                                device=device, pages=pages)
                    except ScannerError:
                        finished = self._conn is not None  # a device fault, not a killed child
                        raise
                    if message[0] == "page":
                        page: ScannedPage = message[1]
                        pages.append(page)
                        if on_page is not None:
                            on_page(page)
                    elif message[0] == "done":
                        finished = True
                        return pages
                    else:
                        raise ScannerError(f"unexpected answer {message[0]!r}", device=device, pages=pages)
            finally:
                if not finished:  # `on_page` raised, or a bug: the child is mid-job, start afresh next time
                    self._discard()

    def _receive(self, seconds: float, *, what: str, cancel: threading.Event | None = None,
                 device: str | None = None, pages: Sequence[ScannedPage] = ()) -> tuple[Any, ...]:
        """The child's next message within `seconds`, or kill the child and raise. Errors it reports
        become their typed ScannerError, with `pages` attached."""
        conn = self._conn
        assert conn is not None
        deadline = time.monotonic() + seconds
        cancel_sent = False
        while True:
            if cancel is not None and cancel.is_set() and not cancel_sent:
                with suppress(OSError):
                    conn.send(("cancel",))
                cancel_sent = True
                deadline = min(deadline, time.monotonic() + CANCEL_GRACE_S)
            left = deadline - time.monotonic()
            if left <= 0:
                self.restarts += 1
                pid = self.pid
                self._discard()
                log.error("scanner service pid %s: %s did not come within %g s; killed", pid, what, seconds)
                if cancel_sent:
                    raise ScanCancelled("the scanner did not stop when cancelled; its driver was restarted",
                                        device=device, pages=pages)
                raise ScannerNotResponding(f"{what} did not come within {seconds:g} s; driver restarted",
                                           device=device, pages=pages)
            # Short waits while a cancel may come, so that it reaches the child at once.
            try:
                ready = conn.poll(min(left, 0.1) if cancel is not None and not cancel_sent else left)
                message: tuple[Any, ...] | None = conn.recv() if ready else None
            except (EOFError, OSError) as exc:
                self._discard()
                raise ScannerUnavailable("the scanner service stopped (driver crash)", device=device,
                                         pages=pages) from exc
            if message is None:
                continue
            if message[0] == "error":
                kind = _ERRORS.get(message[1], ScannerError)
                raise kind(message[2], device=message[3], pages=pages)
            return message


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m kiosk.capture.scanner_service FD SANE_MODULE`: the child, serving on socket FD."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="scanner service: %(levelname)s %(message)s")
    _serve(Connection(int(args[0])), args[1] if len(args) > 1 else "sane")


_default: ScannerService | None = None
_default_lock = threading.Lock()


def default_service() -> ScannerService:
    """The process's scanner service, started on first use and stopped at exit."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ScannerService()
            atexit.register(_default.close)
        return _default


# --------------------------------------------------------------------------------------------------------
# Off the GUI thread


class ScanJob:
    """One scan on its own thread, through the scanner service: the GUI starts it, gets pages through
    `on_page`, may `cancel()` it, and is told the outcome through `on_done(pages, error)` (both called on
    the job's thread). `wait()` returns the pages or raises the scan's ScannerError (ScanCancelled after
    `cancel()`, ScannerNotResponding after a page deadline). The job never outlives a page deadline."""

    def __init__(self, device: str, settings: ScanSettings, *, feeder: bool,
                 on_page: Callable[[ScannedPage], None] | None = None,
                 on_done: Callable[[list[ScannedPage], ScannerError | None], None] | None = None,
                 options: Mapping[str, OptionValue] | None = None,
                 service: ScannerService | None = None) -> None:
        self.device = device
        self.settings = settings
        self.feeder = feeder
        self.on_page = on_page
        self.on_done = on_done
        self.options = options
        self.service = service
        self.cancel_event = threading.Event()
        self._pages: list[ScannedPage] = []
        self._error: ScannerError | None = None
        self._thread = threading.Thread(target=self._run, name=f"scan {device}", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> list[ScannedPage]:
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError(f"scan on {self.device} still running after {timeout} s")
        if self._error is not None:
            raise self._error
        return list(self._pages)

    def _page(self, page: ScannedPage) -> None:
        self._pages.append(page)
        if self.on_page is not None:
            self.on_page(page)

    def _run(self) -> None:
        service = self.service or default_service()
        try:
            service.scan(self.device, self.settings, feeder=self.feeder, options=self.options,
                         cancel=self.cancel_event, on_page=self._page)
        except ScannerError as error:
            self._error = error
        except Exception as exc:  # a bug must still reach the caller, as a scanner error it can show
            log.exception("scan job on %s failed", self.device)
            self._error = ScannerError(f"{type(exc).__name__}: {exc}", device=self.device, pages=self._pages)
        if self.on_done is not None:
            self.on_done(list(self._pages), self._error)


# --------------------------------------------------------------------------------------------------------
# PDF


@dataclass(frozen=True)
class ScanReport:
    output: Path
    pages: int
    pdf_bytes: int
    dpi: int
    mode: Mode
    source: Source
    device: str
    elapsed_ms: float
    page_sizes_px: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `kiosk scanner scan --json` contract."""
        return {"output": str(self.output), "pages": self.pages, "pdf_bytes": self.pdf_bytes,
                "dpi": self.dpi, "mode": self.mode}


def scan_to_pdf(device: str, out_pdf: str | Path, settings: ScanSettings, *, feeder: bool,
                cancel: threading.Event | None = None, on_page: Callable[[ScannedPage], None] | None = None,
                options: Mapping[str, OptionValue] | None = None,
                service: ScannerService | None = None) -> ScanReport:
    """Scan one page (`feeder=False`) or the whole feeder, through the scanner service, into one PDF at the
    scan's true dpi."""
    started = time.monotonic()
    pages = (service or default_service()).scan(device, settings, feeder=feeder, options=options,
                                                cancel=cancel, on_page=on_page)
    out = Path(out_pdf)
    size = pages_to_pdf(pages, out)
    return ScanReport(output=out, pages=len(pages), pdf_bytes=size, dpi=pages[0].dpi, mode=settings.mode,
                      source=settings.source, device=device,
                      elapsed_ms=round((time.monotonic() - started) * 1000, 1),
                      page_sizes_px=[(p.width_px, p.height_px) for p in pages])


if __name__ == "__main__":
    main()
