"""The `kiosk` command: start the kiosk, run its parts on their own, and troubleshoot it.

This module parses the command line; each command's handler lives in kiosk.commands (one module per
command group) and is imported only when that command runs. The handlers print; the rules they apply live
with their owners (kiosk.app, kiosk.sync, kiosk.store, kiosk.capture …).

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
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import kiosk
from kiosk.commands.common import EXIT_OK, EXIT_USAGE, ORIENTATIONS, PROG
from kiosk.commands.common import load as _load
from kiosk.commands.common import start_logging as _start_logging
from kiosk.config import ConfigError, LogLevel

__all__ = ["EXIT_OK", "EXIT_USAGE", "PROG", "_load", "_start_logging", "build_parser", "main"]

DEFAULT_SANDBOX_HOST = "127.0.0.1"
DEFAULT_SANDBOX_PORT = 8765  # kiosk.sandbox.server.DEFAULT_PORT, without importing uvicorn for --help
DEFAULT_WORKER_INTERVAL_S = 30.0
DEFAULT_BENCH_COUNT = 50  # kiosk.bench.idcard_bench.DEFAULT_COUNT, without importing OpenCV for --help
DOCSCAN_MODES = ("color", "gray", "bw")  # kiosk.capture.page_enhance.MODES, without importing OpenCV
DOCSCAN_PAPERS = ("auto", "A4", "A5", "Letter", "Legal")
DEFAULT_DOCSCAN_DPI = 200
DEFAULT_DOCSCAN_BENCH_COUNT = 10
_LOG_LEVELS: tuple[str, ...] = get_args(LogLevel)

Command = Callable[[argparse.Namespace], int]


class LazyHandler:
    """The handler `module:function` of kiosk.commands, imported only when its command runs (so `kiosk
    --help` and every other command stay quick, and only `run`/`demo` load Qt)."""

    def __init__(self, where: str) -> None:
        self.module, _, self.function = where.partition(":")
        self.__qualname__ = self.function

    def __call__(self, args: argparse.Namespace) -> int:
        module = importlib.import_module(f"kiosk.commands.{self.module}")
        result: int = getattr(module, self.function)(args)
        return result


_handler = LazyHandler


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

    run = command(commands, "run", _handler("run:cmd_run"), "open the kiosk window")
    run.add_argument("--fullscreen", action="store_true", help="fill the screen (for a kiosk)")
    run.add_argument("--training", action="store_true",
                     help="allow full screen with the training sandbox (a training kiosk, on purpose)")
    run.add_argument(
        "--camera", metavar="SPEC",
        help='frame source: "samples", "camera" or "camera:N", an image folder or glob, a video file',
    )

    demo = command(
        commands, "demo", _handler("run:cmd_demo"),
        "drive the whole flow offscreen against the sandbox, saving screenshots"
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
        commands, "sandbox", _handler("portal:cmd_sandbox"),
        "run the sandbox (training) portal in the foreground"
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
    command(db_commands, "upgrade", _handler("database:cmd_db_upgrade"),
            "upgrade the database to the newest revision")
    current = command(db_commands, "current", _handler("database:cmd_db_current"),
                      "show the database revision and the newest")
    current.add_argument("--json", action="store_true", help="print one JSON object")

    config = command(commands, "config", None, "the kiosk's settings")
    config_commands = config.add_subparsers(dest="config_command", metavar="COMMAND", required=True)
    command(config_commands, "show", _handler("database:cmd_config_show"),
            "print the effective settings as JSON")

    idcard = command(commands, "idcard", None, "chip ID cards (CCCD / Căn cước)")
    idcard_commands = idcard.add_subparsers(dest="idcard_command", metavar="COMMAND", required=True)
    read = command(idcard_commands, "read", _handler("capture:cmd_idcard_read"),
                   "read ID cards from image files")
    read.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG, ...)")
    read.add_argument("--json", action="store_true", help="one JSON object per image, one per line")

    docscan = command(
        commands, "docscan", _handler("capture:cmd_docscan"),
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
    scanner_list = command(scanner_commands, "list", _handler("scanner:cmd_scanner_list"),
                           "list the scanners SANE can see")
    scanner_list.add_argument("--json", action="store_true", help="print one JSON array")
    scanner_list.add_argument("--local", action="store_true",
                              help="directly attached scanners only (skips the network search)")
    scanner_scan = command(scanner_commands, "scan", _handler("scanner:cmd_scanner_scan"),
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
        bench_commands, "idcard", _handler("bench:cmd_bench_idcard"),
        "ID-card reading: read rate and ms per frame for zxing-cpp and the kiosk's reader",
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
        bench_commands, "docscan", _handler("bench:cmd_bench_docscan"),
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
        bench_commands, "soak", _handler("bench:cmd_bench_soak"),
        "soak: many attract-to-receipt journeys in one process against the sandbox; memory growth",
    )
    bench_soak.add_argument("--journeys", type=_positive_int, default=200, metavar="N",
                            help="journeys to run (default 200)")
    bench_soak.add_argument("--json", action="store_true", help="print the results as one JSON object")
    command(bench_commands, "typing", _handler("bench:cmd_bench_typing"),
            "taps to type Vietnamese: long-press keyboard vs Telex vs the tone row")
    command(bench_commands, "startup", _handler("bench:cmd_bench_startup"),
            "seconds from `kiosk run` to an interactive attract screen, before/after (fresh processes)")
    command(bench_commands, "journey", _handler("bench:cmd_bench_journey"),
            "the reference citizen journey (permanent residence, card, by post, VietQR): screens, taps, keys")
    bench_outbox = command(
        bench_commands, "outbox", _handler("bench:cmd_bench_outbox"),
        "outbox: enqueue and drain dossiers against a local sandbox (dossiers/s, peak memory, with faults)",
    )
    bench_outbox.add_argument("--count", type=_positive_int, default=1000, metavar="N",
                              help="dossiers per run (default 1000)")
    bench_outbox.add_argument("--doc-kb", type=_positive_int, default=300, metavar="KB",
                              help="size of each of the two documents (default 300)")
    bench_outbox.add_argument("--fault-rate", type=_positive_float, default=0.2, metavar="R",
                              help="share of requests failed in the faults run (default 0.2)")
    bench_outbox.add_argument("--json", action="store_true", help="print the results as one JSON object")

    worker = command(commands, "worker", _handler("worker:cmd_worker"), "send queued dossiers to the portal")
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
    status = command(outbox_commands, "status", _handler("outbox:cmd_outbox_status"),
                     "counts and the newest entries")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    retry = command(outbox_commands, "retry", _handler("outbox:cmd_outbox_retry"),
                    "send a failed (or waiting) entry again now")
    retry.add_argument("entry_id", type=int, metavar="ID", help='the id shown by "kiosk outbox status"')
    retry.add_argument("--json", action="store_true", help="print the entry as one JSON object")
    purge = command(outbox_commands, "purge", _handler("outbox:cmd_outbox_purge"),
                    "remove personal data and files of dossiers past their retention period")
    purge.add_argument("--dry-run", action="store_true", help="only list what would be purged")
    purge.add_argument("--json", action="store_true", help="print one JSON object")

    dossier = command(commands, "dossier", None, "dossiers from the command line (staff, training, tests)")
    dossier_commands = dossier.add_subparsers(dest="dossier_command", metavar="COMMAND", required=True)
    create = command(dossier_commands, "create", _handler("dossier:cmd_dossier_create"),
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
    enrol = command(portal_commands, "enrol", _handler("portal:cmd_portal_enrol"),
                    "store the kiosk's portal secret in the keyring (the sandbox issues one itself)")
    enrol.add_argument("--secret-stdin", action="store_true",
                       help="read the secret the portal operator issued from stdin (else: ask the sandbox)")
    enrol.add_argument("--json", action="store_true", help="print one JSON object")

    keys = command(commands, "keys", None, "the data keys that encrypt dossiers at rest")
    keys_commands = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)
    rotate = command(keys_commands, "rotate", _handler("outbox:cmd_keys_rotate"),
                     "make a new data key and re-encrypt every queued dossier and file with it")
    rotate.add_argument("--json", action="store_true", help="print one JSON object")

    staff = command(commands, "staff", None, "staff members and their PINs (scrypt hashes only)")
    staff_commands = staff.add_subparsers(dest="staff_command", metavar="COMMAND", required=True)
    staff_add = command(staff_commands, "add", _handler("staff:cmd_staff_add"),
                        "add a staff member (asks for the PIN twice)")
    staff_add.add_argument("staff_id", metavar="ID")
    staff_add.add_argument("--name", required=True, help="the name shown on the dashboard and on dossiers")
    staff_add.add_argument("--role", choices=("clerk", "operator"), default="clerk",
                           help="clerk (assists citizens) or operator (also maintains the kiosk)")
    command(staff_commands, "list", _handler("staff:cmd_staff_list"), "list staff members (JSON)")
    staff_remove = command(staff_commands, "remove", _handler("staff:cmd_staff_remove"),
                           "remove a staff member")
    staff_remove.add_argument("staff_id", metavar="ID")
    staff_pin = command(staff_commands, "set-pin", _handler("staff:cmd_staff_set_pin"),
                        "set a new PIN (asks twice)")
    staff_pin.add_argument("staff_id", metavar="ID")
    staff_unlock = command(staff_commands, "unlock", _handler("staff:cmd_staff_unlock"),
                           "lift a lockout after wrong PINs")
    staff_unlock.add_argument("staff_id", metavar="ID")

    bench_fleet = command(
        bench_commands,
        "fleet",
        _handler("bench:cmd_bench_fleet"),
        "the fleet service under N kiosks × D days of events on loopback: ingest rate, "
        "dashboard and report latency, database size",
    )
    bench_fleet.add_argument("--kiosks", type=int, default=500, help="simulated kiosks (default 500)")
    bench_fleet.add_argument("--days", type=int, default=30, help="days of events per kiosk (default 30)")
    bench_fleet.add_argument(
        "--database",
        metavar="URL",
        help="PostgreSQL to fill (default: a throwaway cluster the bench starts itself)",
    )
    bench_fleet.add_argument(
        "--max-seconds",
        type=float,
        default=900.0,
        help="stop sending after this long and report what was done (default 900)",
    )
    bench_fleet.add_argument("--senders", type=int, default=4,
                             help="concurrent kiosk connections (default 4)")
    bench_fleet.add_argument("--json", action="store_true", help="print the results as one JSON object")

    from kiosk.fleet.cli import register as register_fleet  # `fleet`, `report`

    register_fleet(commands, command, _load)

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
