"""The `kiosk` command: start the kiosk, run its parts on their own, and troubleshoot it.

Operators and staff script against the JSON outputs (`--json`, `config show`, `worker --once`), so those
are stable contracts, documented in the README: fields may be added, never renamed or removed.

Qt is imported only by `run` and `demo`, inside their functions, so every other subcommand works on a
machine (or in a container) without a display or the Qt runtime libraries. Heavy modules (OpenCV, the
web server, the database layer) are imported by the subcommands that need them, to keep start-up quick.

Exit status: 0 success; 1 the command ran but did not succeed (an unread card, no display); 2 a usage or
configuration error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, get_args

import kiosk
from kiosk.config import ConfigError, KioskConfig, LogLevel, load_config
from kiosk.logs import escape_control, setup_logging

if TYPE_CHECKING:
    from kiosk.capture.idcard_reader import CardReadResult
    from kiosk.store.outbox import Outbox, OutboxItem

log = logging.getLogger(__name__)

PROG = "kiosk"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

DEFAULT_SANDBOX_HOST = "127.0.0.1"
DEFAULT_SANDBOX_PORT = 8765  # kiosk.sandbox.server.DEFAULT_PORT, without importing uvicorn for --help
DEFAULT_WORKER_INTERVAL_S = 30.0
DEFAULT_BENCH_COUNT = 50  # kiosk.bench.idcard_bench.DEFAULT_COUNT, without importing OpenCV for --help
ORIENTATIONS = ("portrait", "landscape")
DOCSCAN_MODES = ("color", "gray", "bw")  # kiosk.capture.page_enhance.MODES, without importing OpenCV
DOCSCAN_PAPERS = ("auto", "A4", "A5", "Letter", "Legal")
DEFAULT_DOCSCAN_DPI = 200
DEFAULT_DOCSCAN_BENCH_COUNT = 10
_LOG_LEVELS: tuple[str, ...] = get_args(LogLevel)

Command = Callable[[argparse.Namespace], int]


# --- the parser -----------------------------------------------------------------------------------------


def _global_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, before or after its name.

    SUPPRESS as the default: argparse copies a subparser's defaults over whatever the main parser already
    parsed, so a real default here would undo `kiosk --data-dir D db current`.
    """
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("global options")
    group.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep the database, logs and sandbox data in DIR instead of the user data folder",
    )
    group.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read settings from this TOML file (default: $KIOSK_CONFIG, else the user config folder)",
    )
    group.add_argument(
        "--portal",
        metavar="URL",
        default=argparse.SUPPRESS,
        help='portal API base URL; "sandbox" runs the built-in training portal',
    )
    group.add_argument(
        "--log-level",
        type=str.upper,
        choices=_LOG_LEVELS,
        default=argparse.SUPPRESS,
        help="log level (default: the config's log_level, INFO)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    common = _global_options()
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Kiosk Dịch vụ công — touchscreen kiosk for Vietnamese online public services.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        group: Any, name: str, handler: Command | None, help: str, **kwargs: Any
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(
            name, help=help, description=help, parents=[common], **kwargs
        )
        if handler is not None:
            sub.set_defaults(handler=handler)
        return sub

    run = command(commands, "run", _cmd_run, "open the kiosk window")
    run.add_argument("--fullscreen", action="store_true", help="fill the screen (for a kiosk)")
    run.add_argument("--training", action="store_true",
                     help="allow full screen with the training sandbox (a training kiosk, on purpose)")
    run.add_argument(
        "--camera", metavar="SPEC",
        help='frame source: "samples", "camera" or "camera:N", an image folder or glob, a video file',
    )

    demo = command(
        commands, "demo", _cmd_demo, "drive the whole flow offscreen against the sandbox, saving screenshots"
    )
    demo.add_argument("--screenshots", type=Path, metavar="DIR", required=True, help="write PNGs here")
    demo.add_argument("--camera", metavar="SPEC", help='frame source (default: the config\'s, "samples")')
    demo.add_argument("--all", dest="all_variants", action="store_true",
                      help="also at 150%% text, in high contrast and pseudo-translated (file-name suffixes), "
                           "with an index.html contact sheet")
    demo.add_argument("--pseudo", action="store_true",
                      help="pseudo-translate every string (longer, bracketed) to find text that overflows")
    demo.add_argument("--variant", choices=["text150", "contrast", "pseudo", "en150hc"],
                      help="only this variant (en150hc: 150%% text, high contrast, English at once)")
    shape = demo.add_mutually_exclusive_group()
    for orientation in ORIENTATIONS:
        shape.add_argument(
            f"--{orientation}",
            dest="orientations",
            action="store_const",
            const=[orientation],
            help=f"{orientation} screen only",
        )
    shape.add_argument(
        "--both", dest="orientations", action="store_const", const=list(ORIENTATIONS),
        help="portrait and landscape (the default)",
    )

    sandbox = command(
        commands, "sandbox", _cmd_sandbox, "run the sandbox (training) portal in the foreground"
    )
    sandbox.add_argument("--host", default=DEFAULT_SANDBOX_HOST, help="address to listen on")
    sandbox.add_argument("--port", type=int, default=DEFAULT_SANDBOX_PORT, help="port to listen on")
    sandbox.add_argument("--allow-remote", action="store_true",
                         help="allow a --host other than loopback (training rooms only; warns loudly)")
    sandbox.add_argument("--faults", metavar="SPEC", default=None,
                         help='inject faults, e.g. "latency_ms=200,error_rate=0.3,reset_rate=0.05,'
                         'garbage_rate=0.05" (change at runtime: PUT /sandbox/admin/faults)')

    db = command(commands, "db", None, "database schema migrations")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    command(db_commands, "upgrade", _cmd_db_upgrade, "upgrade the database to the newest revision")
    current = command(db_commands, "current", _cmd_db_current, "show the database revision and the newest")
    current.add_argument("--json", action="store_true", help="print one JSON object")

    config = command(commands, "config", None, "the kiosk's settings")
    config_commands = config.add_subparsers(dest="config_command", metavar="COMMAND", required=True)
    command(config_commands, "show", _cmd_config_show, "print the effective settings as JSON")

    idcard = command(commands, "idcard", None, "chip ID cards (CCCD / Căn cước)")
    idcard_commands = idcard.add_subparsers(dest="idcard_command", metavar="COMMAND", required=True)
    read = command(idcard_commands, "read", _cmd_idcard_read, "read ID cards from image files")
    read.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG, ...)")
    read.add_argument("--json", action="store_true", help="one JSON object per image, one per line")

    docscan = command(
        commands, "docscan", _cmd_docscan,
        "photos or scans of a paper document to one PDF: page found, straightened, flattened, compressed",
    )
    docscan.add_argument("images", nargs="+", metavar="IMAGE", help="one image file per page, in order")
    docscan.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf",
                         help="the PDF to write")
    docscan.add_argument("--mode", choices=DOCSCAN_MODES, default="color",
                         help="color (default), gray or bw (black-and-white, when the component allows it)")
    docscan.add_argument("--dpi", type=_dpi, default=DEFAULT_DOCSCAN_DPI,
                         help=f"output resolution (default {DEFAULT_DOCSCAN_DPI}; the rules ask for ≥ 200)")
    docscan.add_argument("--paper", choices=DOCSCAN_PAPERS, default="auto",
                         help="the paper size when known (default: from the page's shape, A4 for ISO pages)")
    docscan.add_argument("--metadata", type=Path, metavar="FILE.json",
                         help="the document's metadata (Decree 107 fields, DocumentMetadata JSON): "
                         "written into the PDF and, completed, beside it as OUT.metadata.json")
    docscan.add_argument("--json", action="store_true", help="print one JSON object")
    docscan.add_argument("--keep-going", action="store_true",
                         help="write the PDF from the readable images and list the others (exit 1)")

    scanner = command(commands, "scanner", None, "document scanners through SANE (flatbed and sheet feeder)")
    scanner_commands = scanner.add_subparsers(dest="scanner_command", metavar="COMMAND", required=True)
    scanner_list = command(scanner_commands, "list", _cmd_scanner_list, "list the scanners SANE can see")
    scanner_list.add_argument("--json", action="store_true", help="print one JSON array")
    scanner_list.add_argument("--local", action="store_true",
                              help="directly attached scanners only (skips the network search)")
    scanner_scan = command(scanner_commands, "scan", _cmd_scanner_scan,
                           "scan one page (flatbed) or the whole feeder into one PDF")
    scanner_scan.add_argument("--device", required=True, metavar="D",
                              help='SANE device name from "kiosk scanner list", e.g. test:0')
    scanner_scan.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf",
                              help="the PDF to write")
    scanner_scan.add_argument("--source", choices=("flatbed", "feeder"), default="flatbed",
                              help="flatbed (one page, default) or feeder (every sheet in it)")
    scanner_scan.add_argument("--mode", choices=DOCSCAN_MODES, default="color",
                              help="color (default), gray or bw")
    scanner_scan.add_argument("--dpi", type=_dpi, default=DEFAULT_DOCSCAN_DPI,
                              help=f"resolution (default {DEFAULT_DOCSCAN_DPI})")
    scanner_scan.add_argument("--json", action="store_true", help="print one JSON object")

    bench = command(commands, "bench", None, "measure the kiosk's readers on synthetic corpora")
    bench_commands = bench.add_subparsers(dest="bench_command", metavar="COMMAND", required=True)
    bench_idcard = command(
        bench_commands, "idcard", _cmd_bench_idcard,
        "ID-card reading: read rate and ms per frame for pyzbar, zxing-cpp and the kiosk's reader",
    )
    bench_idcard.add_argument(
        "corpus", nargs="?", type=Path, metavar="DIR",
        help="a corpus folder (reused when it has a manifest.json, else generated there); "
        "default: a temporary folder",
    )
    bench_idcard.add_argument(
        "--count", type=_positive_int, default=DEFAULT_BENCH_COUNT, metavar="N",
        help=f"frames per condition (easy, medium, hard) when generating (default {DEFAULT_BENCH_COUNT})",
    )
    bench_idcard.add_argument("--seed", type=int, default=1, help="corpus seed when generating (default 1)")
    bench_idcard.add_argument("--json", action="store_true", help="print the results as one JSON object")
    bench_idcard.add_argument(  # kiosk.bench.idcard_live: time to read over live frame sequences
        "--sequences", type=int, default=6, metavar="N",
        help="live sequences per condition for the time-to-read table (default 6; 0 leaves it out)")
    bench_idcard.add_argument("--live-seed", type=int, default=2, help="live sequences' seed (default 2)")
    bench_docscan = command(
        bench_commands, "docscan", _cmd_bench_docscan,
        "document photos: corner accuracy (ours vs Canny), ms per page, bytes per page, OCR legibility",
    )
    bench_docscan.add_argument(
        "--count", type=_positive_int, default=DEFAULT_DOCSCAN_BENCH_COUNT, metavar="N",
        help=f"synthetic photos (8–13 MP) to generate (default {DEFAULT_DOCSCAN_BENCH_COUNT})",
    )
    bench_docscan.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    bench_docscan.add_argument("--scale", type=_positive_float, default=1.0, metavar="F",
                               help="frame size factor (default 1: 8–13 MP; 0.25 for a quick look)")
    bench_docscan.add_argument("--no-ocr", action="store_true",
                               help="skip the Tesseract legibility measure (the slow part)")
    bench_docscan.add_argument("--no-turns", action="store_true",
                               help="real photos: judge orientation as photographed only (not also turned)")
    bench_docscan.add_argument("--json", action="store_true", help="print the results as one JSON object")
    bench_soak = command(
        bench_commands, "soak", _cmd_bench_soak,
        "soak: many attract-to-receipt journeys in one process against the sandbox; memory growth",
    )
    bench_soak.add_argument("--journeys", type=_positive_int, default=200, metavar="N",
                            help="journeys to run (default 200)")
    bench_soak.add_argument("--json", action="store_true", help="print the results as one JSON object")
    command(bench_commands, "typing", _cmd_bench_typing,
            "taps to type Vietnamese: long-press keyboard vs Telex vs the tone row")
    command(bench_commands, "startup", _cmd_bench_startup,
            "seconds from `kiosk run` to an interactive attract screen, before/after (fresh processes)")
    command(bench_commands, "journey", _cmd_bench_journey,
            "the reference citizen journey (permanent residence, card, by post, VietQR): screens, taps, keys")
    bench_outbox = command(
        bench_commands, "outbox", _cmd_bench_outbox,
        "outbox: enqueue and drain dossiers against a local sandbox (dossiers/s, peak memory, with faults)",
    )
    bench_outbox.add_argument("--count", type=_positive_int, default=1000, metavar="N",
                              help="dossiers per run (default 1000)")
    bench_outbox.add_argument("--doc-kb", type=_positive_int, default=300, metavar="KB",
                              help="size of each of the two documents (default 300)")
    bench_outbox.add_argument("--fault-rate", type=_positive_float, default=0.2, metavar="R",
                              help="share of requests failed in the faults run (default 0.2)")
    bench_outbox.add_argument("--json", action="store_true", help="print the results as one JSON object")

    worker = command(commands, "worker", _cmd_worker, "send queued dossiers to the portal")
    worker.add_argument("--once", action="store_true",
                        help="one round now (send what is due, pull every open status, order deliveries), "
                        "print a summary, exit")
    worker.add_argument(
        "--interval",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help=f"longest wait between rounds (default: the config's sync.interval_s, "
        f"{DEFAULT_WORKER_INTERVAL_S:g})",
    )

    outbox = command(commands, "outbox", None, "the queue of dossiers on this kiosk")
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    status = command(outbox_commands, "status", _cmd_outbox_status, "counts and the newest entries")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    retry = command(outbox_commands, "retry", _cmd_outbox_retry, "send a failed (or waiting) entry again now")
    retry.add_argument("entry_id", type=int, metavar="ID", help='the id shown by "kiosk outbox status"')
    retry.add_argument("--json", action="store_true", help="print the entry as one JSON object")
    purge = command(outbox_commands, "purge", _cmd_outbox_purge,
                    "remove personal data and files of dossiers past their retention period")
    purge.add_argument("--dry-run", action="store_true", help="only list what would be purged")
    purge.add_argument("--json", action="store_true", help="print one JSON object")

    dossier = command(commands, "dossier", None, "dossiers from the command line (staff, training, tests)")
    dossier_commands = dossier.add_subparsers(dest="dossier_command", metavar="COMMAND", required=True)
    create = command(dossier_commands, "create", _cmd_dossier_create,
                     "queue a dossier in the outbox (the worker sends it)")
    create.add_argument("--procedure", required=True, metavar="CODE", help="procedure code")
    create.add_argument("--owner", required=True, metavar="ID", help="the applicant's ID number")
    create.add_argument("--attach", nargs="*", default=[], metavar="[TYPE=]FILE",
                        help="documents, in order; TYPE is the document-type code (default: the "
                        "procedure's components in catalogue order)")
    create.add_argument("--answers", type=Path, metavar="FILE.json",
                        help='{"applicant": {...}, "answers": {...}} (default: sample answers)')
    create.add_argument("--key", metavar="KEY", help="idempotency key (default: a new UUID)")
    create.add_argument("--delivery", choices=("online", "counter", "post"), default="online",
                        help="how the result comes back (default online); post uses --address, else the "
                        "applicant's address from the answers")
    create.add_argument("--address", metavar="TEXT",
                        help='postal address "house and street, commune, province" (with --delivery post)')
    create.add_argument("--postage", choices=("vietqr", "cod"), default="vietqr",
                        help="post: postage paid with the fee (vietqr, default) or cash on delivery (cod)")
    create.add_argument("--json", action="store_true", help="print one JSON object")

    portal = command(commands, "portal", None, "this kiosk's credentials on the portal")
    portal_commands = portal.add_subparsers(dest="portal_command", metavar="COMMAND", required=True)
    enrol = command(portal_commands, "enrol", _cmd_portal_enrol,
                    "store the kiosk's portal secret in the keyring (the sandbox issues one itself)")
    enrol.add_argument("--secret-stdin", action="store_true",
                       help="read the secret the portal operator issued from stdin (else: ask the sandbox)")
    enrol.add_argument("--json", action="store_true", help="print one JSON object")

    keys = command(commands, "keys", None, "the data keys that encrypt dossiers at rest")
    keys_commands = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)
    rotate = command(keys_commands, "rotate", _cmd_keys_rotate,
                     "make a new data key and re-encrypt every queued dossier and file with it")
    rotate.add_argument("--json", action="store_true", help="print one JSON object")

    staff = command(commands, "staff", None, "staff members and their PINs (scrypt hashes only)")
    staff_commands = staff.add_subparsers(dest="staff_command", metavar="COMMAND", required=True)
    staff_add = command(staff_commands, "add", _cmd_staff_add, "add a staff member (asks for the PIN twice)")
    staff_add.add_argument("staff_id", metavar="ID")
    staff_add.add_argument("--name", required=True, help="the name shown on the dashboard and on dossiers")
    staff_add.add_argument("--role", choices=("clerk", "operator"), default="clerk",
                           help="clerk (assists citizens) or operator (also maintains the kiosk)")
    command(staff_commands, "list", _cmd_staff_list, "list staff members (JSON)")
    staff_remove = command(staff_commands, "remove", _cmd_staff_remove, "remove a staff member")
    staff_remove.add_argument("staff_id", metavar="ID")
    staff_pin = command(staff_commands, "set-pin", _cmd_staff_set_pin, "set a new PIN (asks twice)")
    staff_pin.add_argument("staff_id", metavar="ID")
    staff_unlock = command(staff_commands, "unlock", _cmd_staff_unlock, "lift a lockout after wrong PINs")
    staff_unlock.add_argument("staff_id", metavar="ID")

    from kiosk.fleet.cli import register as register_fleet  # `fleet`, `report`, `bench fleet`

    register_fleet(commands, bench_commands, command, _load)

    command(commands, "version", _cmd_version, "print the kiosk's version")
    _add_deploy_commands(commands, command, keys_commands)
    return parser


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {text}")
    return value


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 50 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"dpi must be between 50 and 1200, not {text}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2): a status, not an exception, for callers
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Command = args.handler
    try:
        return handler(args)
    except ConfigError as error:
        print(f"{PROG}: configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE


# --- shared helpers -------------------------------------------------------------------------------------


def _load(args: argparse.Namespace, data_dir: Path | None = None) -> KioskConfig:
    """The configuration with the command line's overrides applied. Raises ConfigError."""
    config = load_config(getattr(args, "config", None), data_dir=data_dir or getattr(args, "data_dir", None))
    portal = getattr(args, "portal", None)
    if portal is not None:
        config = dataclasses.replace(config, portal=dataclasses.replace(config.portal, url=portal.strip()))
    level = getattr(args, "log_level", None)
    if level is not None:
        config = dataclasses.replace(config, log_level=level)
    return config


def _start_logging(config: KioskConfig, *, quiet_console: bool) -> None:
    """The log file always; the console at the configured level for long-running commands, and only at
    WARNING for the ones whose output (JSON or a table) someone reads or parses."""
    setup_logging(config.log_dir, config.log_level, console=True)
    # Alembic announces each of its plugins at INFO on every start; only worth seeing when debugging.
    plugins = logging.getLogger("alembic.runtime.plugins")
    plugins.setLevel(logging.NOTSET if config.log_level == "DEBUG" else logging.WARNING)
    if quiet_console:
        for handler in logging.getLogger().handlers:
            if type(handler) is logging.StreamHandler and (handler.get_name() or "").startswith("kiosk."):
                handler.setLevel(logging.WARNING)


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False))


@contextmanager
def _sigterm_sets(event: threading.Event) -> Iterator[None]:
    """While active, SIGTERM (systemd stopping the service) asks the loop to finish instead of killing it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        event.set()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- run and demo (the only commands that load Qt) ------------------------------------------------------

NO_DISPLAY_MESSAGE = """\
kiosk: không có màn hình để mở cửa sổ kiosk (chưa đặt DISPLAY hay WAYLAND_DISPLAY).
kiosk: there is no display to open the kiosk window on (neither DISPLAY nor WAYLAND_DISPLAY is set).

  Chạy thử toàn bộ quy trình không cần màn hình / run the whole flow without a display:
      kiosk demo --screenshots DIR
  Hoặc mở cửa sổ trên màn hình ảo / or open the window on a virtual display:
      xvfb-run .venv/bin/kiosk run
"""


def display_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why Qt could not open a window here, or None when it can (as far as the environment tells)."""
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS always have their native platform plugin
    platform = environ.get("QT_QPA_PLATFORM", "").strip().split(":", 1)[0].split(";", 1)[0]
    has_x11 = bool(environ.get("DISPLAY"))
    has_wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if platform == "xcb" and not has_x11:
        return "QT_QPA_PLATFORM=xcb but DISPLAY is not set"
    if platform.startswith("wayland") and not has_wayland:
        return f"QT_QPA_PLATFORM={platform} but WAYLAND_DISPLAY is not set"
    if platform:  # offscreen, eglfs, linuxfb, vnc, ...: no window system needed
        return None
    return None if has_x11 or has_wayland else "neither DISPLAY nor WAYLAND_DISPLAY is set"


def _cmd_run(args: argparse.Namespace) -> int:
    config = _load(args)
    problem = display_problem()
    if problem is not None:
        sys.stderr.write(NO_DISPLAY_MESSAGE)
        if "QT_QPA_PLATFORM" in os.environ:
            print(f"kiosk: ({problem})", file=sys.stderr)
        return EXIT_FAILED
    from kiosk.provisioning import full_screen_refusal

    refusal = full_screen_refusal(config, fullscreen=args.fullscreen, allowed=args.training)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    _start_logging(config, quiet_console=False)
    from kiosk.ui.fast_start import run_kiosk_fast  # Qt: only here; the attract screen first

    def build_services() -> Any:  # behind the attract screen, off the GUI thread
        from kiosk.app import build_services as build

        return build(config)

    return run_kiosk_fast(config, build=build_services, fullscreen=args.fullscreen, camera=args.camera)


def _cmd_demo(args: argparse.Namespace) -> int:
    # Before Qt is imported: render offscreen with the software scene graph unless told otherwise.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    scratch: Path | None = None
    data_dir: Path | None = getattr(args, "data_dir", None)
    if data_dir is None:
        # A demo never touches a real kiosk's data. The folder holds the data folder and, beside it, the
        # fallback key file (see kiosk.app.keyring_fallback_file), so removing it removes both.
        scratch = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
        data_dir = scratch / "data"
    try:
        config = _load(args, data_dir=data_dir)
        _start_logging(config, quiet_console=False)
        from kiosk.app import run_demo  # Qt: only when it runs

        return run_demo(
            config,
            screenshots=args.screenshots,
            orientations=list(args.orientations or ORIENTATIONS),
            camera=args.camera,
            all_variants=args.all_variants,
            pseudo=args.pseudo,
            variant=args.variant,
        )
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


# --- sandbox --------------------------------------------------------------------------------------------


def _cmd_sandbox(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=False)
    from kiosk.sandbox.admin_guard import check_listen_address
    from kiosk.sandbox.server import serve_forever

    try:
        warning = check_listen_address(args.host, allow_remote=args.allow_remote)
    except ValueError as error:
        print(f"{PROG}: sandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    if warning:
        print(f"\n{'!' * 78}\n{warning}\n{'!' * 78}\n", file=sys.stderr)
        log.warning("%s", warning)
    explicit: Path | None = getattr(args, "data_dir", None)
    store_dir = explicit if explicit is not None else config.data_dir / "sandbox"
    if args.faults:
        from kiosk.sandbox import faults

        try:
            faults.set_startup_faults(faults.FaultSettings.parse(args.faults))
        except ValueError as error:
            print(f"{PROG}: sandbox: --faults: {error}", file=sys.stderr)
            return EXIT_USAGE
    try:
        serve_forever(args.host, args.port, store_dir, unit_code=config.portal.unit_code)
    except KeyboardInterrupt:
        pass
    except OSError as error:  # the port is taken, the address is not ours, ...
        print(f"{PROG}: cannot serve on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


# --- db -------------------------------------------------------------------------------------------------


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.store import db

    db.upgrade(config.database_url)
    print(db.current_revision(config.database_url))
    return EXIT_OK


def _cmd_db_current(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.store import db

    current = db.current_revision(config.database_url)
    head = db.head_revision()
    if args.json:
        _print_json({"current": current, "head": head, "up_to_date": current == head})
    else:
        print(f"current: {current or '(empty database)'}")
        print(f"head:    {head}")
        print("up to date" if current == head else "needs upgrade: run `kiosk db upgrade`")
    return EXIT_OK


# --- config ---------------------------------------------------------------------------------------------


def _cmd_config_show(args: argparse.Namespace) -> int:
    config = _load(args)
    print(json.dumps(config.describe(), ensure_ascii=False, indent=2))
    return EXIT_OK


# --- idcard ---------------------------------------------------------------------------------------------


def idcard_record(file: str, result: CardReadResult) -> dict[str, Any]:
    """One line of `kiosk idcard read --json`."""
    record: dict[str, Any] = {"file": file, "ok": result.reading is not None}
    if result.reading is not None:
        record.update(result.reading.to_json_dict())
    else:
        record["error"] = result.message_en
        record["error_code"] = result.error_code
        if result.detail:
            record["detail"] = result.detail
    record["elapsed_ms"] = round(result.elapsed_ms, 1)
    return record


_SEX_VI = {"M": "Nam", "F": "Nữ"}


def _idcard_line(record: dict[str, Any], result: CardReadResult) -> str:
    elapsed = f"{record['elapsed_ms']:.1f} ms"
    if not record["ok"]:
        return f"{record['file']}: KHÔNG ĐỌC ĐƯỢC — {result.message_vi} ({elapsed})"
    if record.get("document"):
        doc = record["document"]
        return (f"{record['file']}: {result.message_vi} ({doc['format']}, {elapsed}) — "
                f"Số giấy tờ {doc['document_number']} · Nơi cấp {doc['issuing_state']} · "
                f"Quốc tịch {doc['nationality']} · Họ tên {doc['surname']} {doc['given_names']} · "
                f"Ngày sinh {doc['date_of_birth'] or '?'} · Có giá trị đến {doc['expiry_date'] or '?'}")
    parts = [
        f"Số định danh {record['id_number']}",
        f"Họ tên {record['full_name']}",
        f"Ngày sinh {record['date_of_birth'] or '?'}",
        f"Giới tính {_SEX_VI.get(record['sex'] or '', '?')}",
    ]
    if record["old_id_number"]:
        parts.append(f"CMND {record['old_id_number']}")
    if record["address"]:
        parts.append(f"Nơi thường trú {record['address']}")
    if record["issue_date"]:
        parts.append(f"Ngày cấp {record['issue_date']}")
    if record["expiry_date"]:
        parts.append(f"Có giá trị đến {record['expiry_date']}")
    line = f"{record['file']}: đọc được ({record['source'].upper()}, {elapsed}) — " + " · ".join(parts)
    warnings = result.reading.warnings if result.reading is not None else ()
    return "\n".join([line, *(f"    ! {w.message_vi}" for w in warnings)])


def _cmd_idcard_read(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.capture.idcard_reader import IdCardReader

    reader = IdCardReader()
    all_read = True
    for file in args.images:
        result = reader.read_image_file(file)
        record = idcard_record(file, result)
        all_read = all_read and record["ok"]
        if args.json:
            _print_json(record)
        else:
            print(_idcard_line(record, result))
        sys.stdout.flush()  # one line per image as it is read, also into a pipe
    return EXIT_OK if all_read else EXIT_FAILED


# --- docscan --------------------------------------------------------------------------------------------


def _cmd_docscan(args: argparse.Namespace) -> int:
    """`kiosk docscan IMAGE... -o OUT.pdf [--mode color|gray|bw] [--dpi 200] [--json]`: one PDF page per
    image. With --json prints one object: output, pdf_bytes, sha256, metadata_file and per page source,
    corners (source pixels, clockwise from top-left), width_px, height_px, effective_dpi, bytes, blank,
    warnings (codes), elapsed_ms, paper, rotation. Exit 1 when an image cannot be read (nothing is
    written), 2 on a usage error (a bad --metadata file included)."""
    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.capture.docscan import WARNING_MESSAGES, DocscanError, scan_documents
    from kiosk.capture.page_enhance import EnhanceOptions
    from kiosk.domain.documents import DocumentMetadata, DocumentMetadataError

    metadata = None
    if args.metadata is not None:
        try:
            metadata = DocumentMetadata.from_json_dict(json.loads(args.metadata.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, AttributeError) as error:
            detail = f"{error.message_vi} / {error}" if isinstance(error, DocumentMetadataError) else error
            print(f"{PROG}: docscan: --metadata {args.metadata}: {detail}", file=sys.stderr)
            return EXIT_USAGE
    options = EnhanceOptions(mode=args.mode, dpi=args.dpi, paper=args.paper)
    try:
        report = scan_documents(args.images, args.output, options=options, metadata=metadata,
                                keep_going=args.keep_going)
    except DocscanError as error:
        for each in error.errors:
            print(f"{PROG}: docscan: {each.message_vi}", file=sys.stderr)
            print(f"{PROG}: docscan: {each.message_en}", file=sys.stderr)
        if args.json:
            _print_json({"output": None, "error": error.to_json_dict(),
                         "errors": [e.to_json_dict() for e in error.errors]})
        return EXIT_FAILED
    if args.json:
        _print_json(report.to_json_dict())
        return EXIT_FAILED if report.errors else EXIT_OK
    for n, page in enumerate(report.pages, start=1):
        print(f"trang {n}: {page.source} → {page.width_px}×{page.height_px} px, "
              f"{page.effective_dpi} dpi thực, {page.bytes // 1024} KB, {page.elapsed_ms:.0f} ms"
              + (" (trống)" if page.blank else ""))
        for code in page.warnings:
            vi, en = WARNING_MESSAGES.get(code, (code, code))
            print(f"    ! {vi} / {en}")
    for each in report.errors:
        print(f"    ! bỏ qua / left out {each.source}: {each.message_vi} / {each.message_en}")
    print(f"{report.output}: {len(report.pages)} trang / pages, {report.pdf_bytes // 1024} KB")
    if report.metadata_file:
        print(f"{report.metadata_file}: metadata")
    return EXIT_FAILED if report.errors else EXIT_OK


# --- bench ----------------------------------------------------------------------------------------------


def _cmd_bench_idcard(args: argparse.Namespace) -> int:
    """`kiosk bench idcard [DIR] [--count N] [--seed S] [--json]`: read a corpus of synthetic card frames
    (easy / medium / hard camera conditions; generated into DIR, or a temporary folder, unless DIR already
    holds one) with pyzbar alone, zxing-cpp alone and the kiosk's reader; print read rate, misread rate and
    median / 95th-percentile ms per frame for each condition, code type and method. Progress goes to
    stderr; the table (or with --json one JSON object) to stdout. Takes minutes at the default size."""
    from kiosk.bench.idcard_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"{PROG} bench idcard: {message}", file=sys.stderr, flush=True)

    try:
        result = run_bench(args.corpus, args.count, args.seed, progress=progress)
    except (OSError, ValueError, KeyError) as error:  # an unwritable folder, a damaged or foreign manifest
        print(f"{PROG}: bench idcard: {error}", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.bench.real_photos import format_passports, run_passports

    passports = run_passports(progress=progress)  # skipped when the snapshot is absent
    from kiosk.bench.idcard_live import format_live, run_live

    live = run_live(args.sequences, args.live_seed, progress=progress) if args.sequences > 0 else None
    if args.json:
        _print_json({**result.to_json_dict(), "real_passports": passports.to_json_dict(),
                     "live": live.to_json_dict() if live else None})
        return EXIT_OK
    print_result(result)
    print()
    print(format_passports(passports))
    if live is not None:
        print()
        print(format_live(live))
    return EXIT_OK


def _cmd_bench_docscan(args: argparse.Namespace) -> int:
    """`kiosk bench docscan [--count N] [--seed S] [--no-ocr] [--json]`: generate N synthetic document photos
    (8–13 MP, Vietnamese administrative letters on varied backgrounds) and print corner accuracy (ours vs a
    plain Canny + contour detector), ms per page by image size, bytes per A4 page at 200 dpi (colour, grey,
    black-and-white, JPEG variants, and img2pdf of the uncorrected photo) and Tesseract `vie` word accuracy.
    Progress goes to stderr, the table (or with --json one JSON object) to stdout."""
    from kiosk.bench.docscan_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"{PROG} bench docscan: {message}", file=sys.stderr, flush=True)

    result = run_bench(args.count, args.seed, ocr=not args.no_ocr, scale=min(1.0, args.scale),
                       progress=progress)
    from kiosk.bench.real_photos import format_documents, run_documents

    real = run_documents(turns=not args.no_turns, progress=progress)  # skipped when the snapshots are absent
    if args.json:
        _print_json({**result.to_json_dict(), "real_photos": real.to_json_dict()})
        return EXIT_OK
    print_result(result)
    print()
    print(format_documents(real))
    return EXIT_OK


# --- scanner --------------------------------------------------------------------------------------------


def _cmd_scanner_list(args: argparse.Namespace) -> int:
    from kiosk.capture.scanner_cli import cli_list

    return cli_list(args.json, local_only=args.local)


def _cmd_scanner_scan(args: argparse.Namespace) -> int:
    from kiosk.capture.scanner_cli import cli_scan

    return cli_scan(args.device, args.output, args.source, args.mode, args.dpi, args.json)


# --- worker and outbox ----------------------------------------------------------------------------------


def _storage_failed(what: str, error: Exception) -> int:
    """Print a storage, key or database problem for people (Vietnamese, English) and staff; exit 1."""
    message_vi = getattr(error, "message_vi", None)
    message_en = getattr(error, "message_en", None)
    if message_vi:
        print(f"{PROG}: {what}: {message_vi}", file=sys.stderr)
    if message_en:
        print(f"{PROG}: {what}: {message_en}", file=sys.stderr)
    print(f"{PROG}: {what}: {type(error).__name__}: {error}", file=sys.stderr)
    return EXIT_FAILED


def _open_outbox(config: KioskConfig) -> Outbox:
    from kiosk.app import open_outbox

    return open_outbox(config)


def _store_errors() -> tuple[type[Exception], ...]:
    from kiosk.store.crypto import CryptoError
    from kiosk.store.files import FileStoreError
    from kiosk.store.outbox import StorageError

    return (StorageError, CryptoError, FileStoreError)


def _cmd_worker(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=args.once)
    from kiosk.app import build_services
    from kiosk.portal.auth import InsecurePortalUrl

    try:
        services = build_services(config)
    except _store_errors() as error:
        return _storage_failed("worker", error)
    except InsecurePortalUrl as error:
        return _storage_failed("worker", error)
    try:
        worker = services.worker
        assert worker is not None
        if args.interval is not None:
            worker.settings = dataclasses.replace(worker.settings, interval=args.interval)
        if args.once:
            summary = worker.run_once(pull_all=True)
            # Keep the cached catalogue fresh: `kiosk dossier create` checks dossiers against it offline.
            from kiosk.portal.catalogue_cache import CatalogueCache

            CatalogueCache(config.data_dir).refresh(services.portal)
            _print_json(summary.as_json())
            if summary.error:
                print(f"{PROG}: worker: {summary.error}", file=sys.stderr)
                return EXIT_FAILED
            return EXIT_OK
        log.info("worker sending to %s (waits at most %g s between rounds)", services.portal_url,
                 worker.settings.interval)
        stop = threading.Event()
        watchdog = _service_watchdog(worker, worker.settings.interval)
        with _sigterm_sets(stop), suppress(KeyboardInterrupt):
            worker.run_forever(stop)
        watchdog.stop()
        log.info("worker stopped")
        return EXIT_OK
    finally:
        services.close()


def _cmd_portal_enrol(args: argparse.Namespace) -> int:
    """`kiosk portal enrol`: the kiosk's secret into the keyring, then one token exchange to prove it."""
    config = _load(args)
    _start_logging(config, quiet_console=True)
    import requests

    from kiosk.app import keyring_fallback_file, start_portal
    from kiosk.portal.auth import InsecurePortalUrl, KioskAuth, require_secure_url
    from kiosk.portal.client import PortalClient
    from kiosk.portal.errors import PortalError
    from kiosk.store.keyring_file import choose_backend

    url, sandbox = start_portal(config)
    try:
        require_secure_url(url)
        if args.secret_stdin:
            secret = sys.stdin.readline().strip()
        else:  # the training portal issues credentials on request (a real portal's operator does it)
            response = requests.post(f"{url.rstrip('/')}/sandbox/admin/kiosks",
                                     json={"kiosk_id": config.kiosk_id}, timeout=config.portal.timeout_s)
            response.raise_for_status()
            secret = str(response.json()["secret"])
        if not secret:
            print(f"{PROG}: portal enrol: no secret given / chưa có mã bí mật", file=sys.stderr)
            return EXIT_USAGE
        auth = KioskAuth(config.kiosk_id, backend=choose_backend(keyring_fallback_file(config)))
        auth.store_secret(secret)
        with PortalClient(url, timeout=config.portal.timeout_s, auth=auth) as portal:
            portal.authenticate()
    except InsecurePortalUrl as error:
        return _storage_failed("portal enrol", error)
    except (requests.RequestException, KeyError, ValueError, PortalError) as error:
        print(f"{PROG}: portal enrol: không đăng ký được máy với Cổng / enrolment failed: "
              f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if sandbox is not None:
            sandbox.stop()
    if args.json:
        _print_json({"kiosk_id": config.kiosk_id, "portal": url, "authenticated": True})
    else:
        print(f"kiosk {config.kiosk_id} enrolled on {url} / đã đăng ký máy với Cổng")
    return EXIT_OK


def _service_watchdog(worker: Any, interval_s: float) -> Any:
    """Under systemd: READY=1 now, and the watchdog fed while the worker's rounds keep coming."""
    from kiosk.systemd_notify import Heartbeat, Watchdog, notify

    heartbeat = Heartbeat(max_age_s=2 * interval_s + 300)  # a round may send many files
    worker.on_progress = lambda _progress: heartbeat.beat()
    notify("READY=1")
    return Watchdog(heartbeat.alive).start()


def outbox_entry_record(item: OutboxItem) -> dict[str, Any]:
    """One entry of `kiosk outbox status --json`: clear (non-personal) columns only."""
    return {
        "id": str(item.id),
        "dossier_id": item.dossier_id,
        "idempotency_key": item.idempotency_key,
        "procedure_code": item.procedure_code,
        "client_status": item.client_status.value,
        "server_status": item.server_status,
        "dossier_code": item.dossier_code,
        "attempts": item.attempts,
        "last_error": item.last_error,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
        "next_attempt_at": item.next_attempt_at.isoformat(),
        "sent_at": item.sent_at.isoformat() if item.sent_at else None,
        "server_status_at": item.server_status_at.isoformat() if item.server_status_at else None,
        "delivery_method": item.delivery_method,
        "delivery_ref": item.delivery_ref,
        "purged_at": item.purged_at.isoformat() if item.purged_at else None,
    }


def _cmd_outbox_status(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    try:
        outbox = _open_outbox(config)
        counts = outbox.counts()
        entries = [outbox_entry_record(item) for item in outbox.entries()]
    except _store_errors() as error:
        return _storage_failed("outbox status", error)
    if args.json:
        _print_json({"counts": counts, "entries": entries})
        return EXIT_OK
    print("  ".join(f"{status}: {count}" for status, count in counts.items()))
    if not entries:
        print("(the outbox is empty / hàng đợi trống)")
        return EXIT_OK
    columns = (
        "id", "client_status", "server_status", "attempts", "dossier_code", "procedure_code", "created_at",
        "last_error",
    )
    # Portal texts (last_error) reach the terminal escaped: no escape sequences, no forged rows.
    rows = [[("-" if entry[c] is None else escape_control(str(entry[c]))) for c in columns]
            for entry in entries]
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(columns)]
    for row in [[c.upper() for c in columns], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _cmd_outbox_retry(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.store.outbox import InvalidTransitionError, UnknownDossierError

    try:
        outbox = _open_outbox(config)
        item = outbox.retry(args.entry_id)
    except UnknownDossierError:
        print(f"{PROG}: outbox retry: không có mục {args.entry_id} / no outbox entry {args.entry_id}",
              file=sys.stderr)
        return EXIT_FAILED
    except InvalidTransitionError as error:
        print(f"{PROG}: outbox retry: mục này không cần gửi lại / {error}", file=sys.stderr)
        return EXIT_FAILED
    except _store_errors() as error:
        return _storage_failed("outbox retry", error)
    if args.json:
        _print_json(outbox_entry_record(item))
    else:
        print(f"entry {item.id}: queued again / đã đưa lại vào hàng đợi (attempts so far: {item.attempts})")
    return EXIT_OK


def _cmd_outbox_purge(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.app import retention_periods

    try:
        outbox = _open_outbox(config)
        report = outbox.purge(retention_periods(config), dry_run=args.dry_run)
    except _store_errors() as error:
        return _storage_failed("outbox purge", error)
    receipts = _purge_receipts(config.data_dir / "receipts", config.retention.sent_days, dry_run=args.dry_run)
    if args.json:
        _print_json({
            "dry_run": report.dry_run,
            "dossier_ids": list(report.dossier_ids),
            "files_removed": report.files_removed,
            "audit_events_removed": report.audit_events_removed,
            "receipts_removed": receipts,
        })
        return EXIT_OK
    verb = "would purge / sẽ xóa" if report.dry_run else "purged / đã xóa"
    print(f"{verb}: {len(report.dossier_ids)} dossiers, audit events older than retention: "
          f"{report.audit_events_removed}" + ("" if report.dry_run else f", files: {report.files_removed}"))
    for dossier_id in report.dossier_ids:
        print(f"  {dossier_id}")
    return EXIT_OK


def _purge_receipts(folder: Path, days: int, *, dry_run: bool) -> int:
    """Receipt PDFs saved at the kiosk ("Lưu PDF") follow the dossiers' retention: a masked name is still
    the citizen's, and nothing of a citizen stays longer than their dossier."""
    import time

    if not folder.is_dir():
        return 0
    cutoff = time.time() - days * 86400
    old = [p for p in folder.glob("*.pdf") if p.stat().st_mtime < cutoff]
    if not dry_run:
        for path in old:
            path.unlink(missing_ok=True)
    return len(old)


_CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _cmd_dossier_create(args: argparse.Namespace) -> int:
    """`kiosk dossier create --procedure CODE --owner ID --attach [TYPE=]FILE... [--delivery post] [--json]`:
    check the dossier against the (cached) catalogue, queue it (files first, then one transaction) and
    print `{"id", "dossier_id", "idempotency_key"}`. A dossier the portal could never accept: exit 2."""
    import uuid

    config = _load(args)
    _start_logging(config, quiet_console=True)
    from kiosk.domain.dossier import Dossier, DossierDocument

    def refuse(message_vi: str, message_en: str) -> int:
        print(f"{PROG}: dossier create: {message_vi}", file=sys.stderr)
        print(f"{PROG}: dossier create: {message_en}", file=sys.stderr)
        return EXIT_USAGE

    catalogue = _cached_catalogue(config)
    if catalogue is None:
        return refuse("chưa có danh mục thủ tục trên máy (chạy máy hoặc `kiosk worker` khi có mạng).",
                      "no procedure catalogue on this kiosk yet (run the kiosk or the worker online once)")
    procedure = catalogue.find(args.procedure)
    applicant, answers, type_codes = _dossier_defaults(procedure, args.owner)
    if args.answers is not None:
        try:
            given = json.loads(args.answers.read_text(encoding="utf-8"))
            if not isinstance(given, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as error:
            print(f"{PROG}: dossier create: --answers {args.answers}: {error}", file=sys.stderr)
            return EXIT_USAGE
        applicant.update(given.get("applicant") or {})
        answers = dict(given.get("answers") or {})
    applicant["id_number"] = args.owner
    documents = []
    for index, spec in enumerate(args.attach):
        type_code, sep, path_text = spec.partition("=")
        if not sep:
            type_code, path_text = (type_codes[index] if index < len(type_codes) else "DOC"), spec
        path = Path(path_text)
        try:
            content = path.read_bytes()
        except OSError as error:
            print(f"{PROG}: dossier create: {path}: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
        documents.append(DossierDocument(
            type_code=type_code,
            filename=path.name,
            content_type=_CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"),
            content=content,
            metadata={"owner_id_number": args.owner, "document_name": type_code},
        ))
    from kiosk.sync.submit import DossierRefused, check_against, queue_dossier

    try:
        delivery = _cli_delivery(args, applicant, answers)
        dossier = Dossier(procedure_code=args.procedure, applicant=applicant, answers=answers,
                          documents=tuple(documents), delivery=delivery,
                          fee_vnd=procedure.fee_vnd if procedure is not None else 0)
        check_against(procedure, dossier)
    except DossierRefused as error:
        return refuse(error.message_vi, error.message_en)
    except ValueError as error:
        return refuse(f"địa chỉ nhận kết quả chưa dùng được ({error}); hãy ghi --address "
                      "\"số nhà đường, xã/phường, tỉnh/thành\".",
                      f"no usable postal address ({error}); give --address \"street, commune, province\"")
    key = args.key or str(uuid.uuid4())
    try:
        outbox = _open_outbox(config)
        dossier_id = queue_dossier(outbox, dossier, key)
        item = outbox.for_dossier(dossier_id)
    except ValueError as error:
        print(f"{PROG}: dossier create: {error}", file=sys.stderr)
        return EXIT_USAGE
    except _store_errors() as error:
        return _storage_failed("dossier create", error)
    if args.json:
        _print_json({"id": str(item.id), "dossier_id": dossier_id, "idempotency_key": key})
    else:
        print(f"queued / đã xếp hàng: entry {item.id}, dossier {dossier_id}, key {key}")
    return EXIT_OK


def _cli_delivery(args: argparse.Namespace, applicant: dict[str, Any], answers: dict[str, Any]) -> Any:
    """--delivery/--address/--postage as a DeliveryChoice; post without --address takes the applicant's
    address (the answers' `address`, else the card's). ValueError when no address can be made."""
    from kiosk.domain.admin_units import load_admin_units
    from kiosk.domain.dossier import (
        DeliveryChoice,
        DeliveryMethod,
        PostageFeePayment,
        address_from_text,
    )

    method = DeliveryMethod(args.delivery)
    if not method.by_post:
        return DeliveryChoice(method)
    text = args.address or answers.get("address") or applicant.get("address") or ""
    phone = str(applicant.get("phone") or answers.get("phone") or "")
    address = address_from_text(str(text), recipient_name=str(applicant.get("full_name") or ""), phone=phone,
                                units=load_admin_units())
    if address is None:
        raise ValueError(f"cannot tell the commune and province of {text!r}" if text else "no address")
    payment = PostageFeePayment.VIETQR if args.postage == "vietqr" else PostageFeePayment.CASH_ON_DELIVERY
    # The quote is the economy tariff's floor; the portal prices the postage itself on payment.
    return DeliveryChoice(method, address=address, postal_fee_vnd=16_500, fee_payment=payment)


def _cached_catalogue(config: KioskConfig) -> Any:
    """The catalogue cached on this kiosk (data folder); for the built-in sandbox, its seed catalogue."""
    from kiosk.portal.catalogue_cache import CatalogueCache
    from kiosk.portal.models import Catalogue
    from kiosk.sandbox.catalogue import load_seed_catalogue

    cache = CatalogueCache(config.data_dir)
    cached = cache.load()
    if cached is not None:
        return cached
    if config.portal.url == "sandbox":
        return Catalogue.from_json(json.loads(load_seed_catalogue().body))
    from kiosk.app import make_portal_client
    from kiosk.portal.errors import PortalError

    try:  # none cached yet: fetch it once, if the portal answers
        with make_portal_client(config, config.portal.url) as portal:
            return cache.refresh(portal)[0]
    except (PortalError, ValueError) as error:
        log.warning("no catalogue: %s", type(error).__name__)
        return None


def _dossier_defaults(procedure: Any, owner: str) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Applicant, answers and document-type codes for a catalogue procedure (sample answers, for training
    and tests); empty answers for none."""
    from kiosk.sandbox.samples import SAMPLE_APPLICANT, sample_answers

    applicant: dict[str, Any] = dict(SAMPLE_APPLICANT)
    applicant["id_number"] = owner
    if procedure is None:
        return applicant, {}, []
    ordered = sorted(procedure.documents, key=lambda doc: not doc.mandatory)
    return applicant, sample_answers(procedure, applicant), [doc.type_code for doc in ordered]


def _cmd_keys_rotate(args: argparse.Namespace) -> int:
    config = _load(args)
    _start_logging(config, quiet_console=True)
    try:
        outbox = _open_outbox(config)
        old, report = outbox.rotate_key()
    except _store_errors() as error:
        return _storage_failed("keys rotate", error)
    result = {"old_key_id": old, "key_id": report.key_id, "payloads": report.payloads,
              "file_metadata": report.file_metadata, "files": report.files}
    if args.json:
        _print_json(result)
    else:
        print(f"new data key / khóa mới: {report.key_id} (old key kept in the keyring: {old}); re-encrypted "
              f"{report.payloads} dossiers, {report.file_metadata} document records, {report.files} files")
    return EXIT_OK


def _cmd_bench_outbox(args: argparse.Namespace) -> int:
    """`kiosk bench outbox [--count N] [--doc-kb KB] [--fault-rate R] [--json]`: see outbox_bench."""
    from kiosk.bench.outbox_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"{PROG} bench outbox: {message}", file=sys.stderr, flush=True)

    result = run_bench(args.count, doc_kb=args.doc_kb, fault_rate=min(args.fault_rate, 0.9),
                       progress=progress)
    print_result(result, as_json=args.json)
    return EXIT_OK


# --- version --------------------------------------------------------------------------------------------


def _cmd_bench_soak(args: argparse.Namespace) -> int:
    """`kiosk bench soak [--journeys N] [--json]`: see kiosk.bench.soak. Offscreen, in a scratch data folder
    with its own sandbox portal, like `kiosk demo`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    try:
        config = _load(args, data_dir=scratch / "data")
        from kiosk.app import run_soak  # Qt: only when it runs
        from kiosk.bench.soak import print_soak

        def progress(sample: Any) -> None:
            print(f"{PROG} bench soak: {sample.journey} journeys, {sample.seconds:.0f} s, "
                  f"RSS {sample.rss / 2**20:.1f} MB", file=sys.stderr, flush=True)

        result = run_soak(config, args.journeys, progress=progress)
        if args.json:
            print(json.dumps(result.to_json_dict(), indent=2))
        else:
            print_soak(result)
        return EXIT_OK if result.ok else EXIT_FAILED
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _cmd_bench_startup(args: argparse.Namespace) -> int:
    """`kiosk bench startup`: see kiosk.ui.startup_bench (scratch data folder, own sandbox per launch)."""
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-startup-"))
    try:
        from kiosk.ui.startup_bench import run_startup_bench

        return run_startup_bench(scratch / "data")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _cmd_bench_journey(args: argparse.Namespace) -> int:
    """`kiosk bench journey`: see kiosk.ui.journey_bench (offscreen, scratch data folder, own sandbox)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-journey-"))
    try:
        config = _load(args, data_dir=scratch / "data")
        from kiosk.app import build_services
        from kiosk.ui.journey_bench import run_journey_bench  # Qt: only here

        return run_journey_bench(config, build_services)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _cmd_bench_typing(args: argparse.Namespace) -> int:
    from kiosk.bench.typing_bench import print_bench, run_bench

    print_bench(run_bench())
    return EXIT_OK


# --- staff ----------------------------------------------------------------------------------------------


def _read_pin() -> str:
    """The PIN from the terminal, twice, never echoed (or one line from stdin when it is not a terminal,
    for provisioning scripts)."""
    import getpass

    from kiosk.staff.cli import pins_match

    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("PIN: ")
    return pins_match(first, getpass.getpass("PIN (nhập lại / again): "))


def _staff(args: argparse.Namespace, action: Callable[[Path], dict[str, Any]]) -> int:
    from kiosk.staff.registry import StaffError

    config = _load(args)
    try:
        _print_json(action(config.data_dir))
    except StaffError as error:
        print(f"{PROG} staff: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _cmd_staff_add(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_add

    return _staff(args, lambda d: cli_staff_add(d, args.staff_id, args.name, args.role, _read_pin()))


def _cmd_staff_list(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_list

    return _staff(args, cli_staff_list)


def _cmd_staff_remove(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_remove

    return _staff(args, lambda d: cli_staff_remove(d, args.staff_id))


def _cmd_staff_set_pin(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_set_pin

    return _staff(args, lambda d: cli_staff_set_pin(d, args.staff_id, _read_pin()))


def _cmd_staff_unlock(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_unlock

    return _staff(args, lambda d: cli_staff_unlock(d, args.staff_id))


def _add_deploy_commands(commands: Any, command: Any, keys_commands: Any) -> None:
    """enrol, doctor, logs export, keys init (kiosk/deploy_cli.py)."""
    from kiosk.deploy_cli import add_commands

    add_commands(commands, command, keys_commands)


def _cmd_version(args: argparse.Namespace) -> int:
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("kiosk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        number = kiosk.__version__
    print(f"{PROG} {number}")
    return EXIT_OK
