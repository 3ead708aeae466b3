"""The `fleet` and `report` commands (`kiosk bench fleet` sits with the other benches, kiosk.commands.bench).
`kiosk.cli` registers them with one call, passing its own helpers (this package must not import kiosk.cli)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_PORT = 8780
Load = Callable[[argparse.Namespace], KioskConfig]
CommandMaker = Callable[..., argparse.ArgumentParser]


def register(commands: Any, command: CommandMaker, load: Load) -> None:
    fleet = command(commands, "fleet", None, "the province's fleet service, and this kiosk's link to it")
    fleet_commands = fleet.add_subparsers(dest="fleet_command", metavar="COMMAND", required=True)

    serve = command(
        fleet_commands,
        "serve",
        lambda a: _serve(a, load),
        "run the fleet service (dashboard, events, reports, /metrics) in the foreground",
    )
    serve.add_argument(
        "--database",
        metavar="URL",
        help="PostgreSQL URL for production (default $FLEET_DATABASE_URL, else a SQLite "
        "file in <data dir>/fleet/ for a trial)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--webhook", metavar="URL", help="POST staff calls here as JSON (chat bot, SMS gateway)"
    )
    serve.add_argument("--silent-minutes", type=float, default=10.0, help="red after this silence (10)")
    serve.add_argument(
        "--queue-hours", type=float, default=1.0, help="amber when a queued dossier is older (1)"
    )
    serve.add_argument(
        "--hotline-minutes",
        type=float,
        default=3.0,
        help="kiosks show the hotline when a staff call is not acknowledged in time (3)",
    )

    enrol = command(
        fleet_commands,
        "enrol",
        lambda a: _enrol(a, load),
        "enrol this kiosk with a fleet service (credentials go to the OS keyring)",
    )
    enrol.add_argument("--url", required=True, help="the fleet service, e.g. https://fleet.example.gov.vn")
    enrol.add_argument(
        "--admin-token", default=None, help="the service's admin token (default $FLEET_ADMIN_TOKEN)"
    )
    enrol.add_argument("--name", default="", help="shown on the dashboard (default: the kiosk id)")
    enrol.add_argument("--commune", default="", help="commune/ward code, for the reports")
    enrol.add_argument("--group", default="default", help="settings group (default: default)")

    send = command(
        fleet_commands,
        "send",
        lambda a: _send(a, load),
        "send this kiosk's pending fleet events now (prints one JSON object)",
    )
    send.add_argument("--max-batches", type=int, default=1000, help="at most this many batches of 500")

    report = command(
        commands,
        "report",
        lambda a: _report(a, load),
        "this kiosk's own report for a month or quarter, offline, from its fleet events",
    )
    period = report.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help="e.g. 2026-11 (months cut in Asia/Ho_Chi_Minh)")
    period.add_argument("--quarter", help="e.g. 2026-Q4")
    report.add_argument(
        "--by",
        default="procedure",
        choices=("province", "kiosk", "unit", "procedure"),
        help="rows per procedure (default), unit, or one row",
    )
    report.add_argument("--format", default="text", choices=("text", "json", "csv", "xlsx", "pdf"))
    report.add_argument("--output", type=Path, help="write here (needed for xlsx and pdf)")


def _serve(args: argparse.Namespace, load: Load) -> int:
    from kiosk.fleet.server import serve

    config = load(args)
    serve(
        config.data_dir,
        database=args.database,
        host=args.host,
        port=args.port,
        webhook=args.webhook,
        silent_minutes=args.silent_minutes,
        queue_hours=args.queue_hours,
        hotline_minutes=args.hotline_minutes,
    )
    return EXIT_OK


def _enrol(args: argparse.Namespace, load: Load) -> int:
    from kiosk.sync.fleet_reporter import FleetClient, FleetUnavailable, save_enrolment

    config = load(args)
    token = args.admin_token or os.environ.get("FLEET_ADMIN_TOKEN", "")
    if not token:
        print(
            "kiosk fleet enrol: cần mã quản trị / the admin token is needed (--admin-token or "
            "$FLEET_ADMIN_TOKEN)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        enrolment = FleetClient.enrol(
            args.url, token, config.kiosk_id, name=args.name, commune=args.commune, group=args.group
        )
    except (FleetUnavailable, OSError) as error:
        print(f"kiosk fleet enrol: không đăng ký được / enrolment failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    save_enrolment(enrolment, keyring_backend(config))
    print(json.dumps({"kiosk_id": enrolment.kiosk_id, "url": enrolment.url, "stored": "keyring"}))
    return EXIT_OK


def keyring_backend(config: KioskConfig) -> Any:
    """The kiosk's keyring: the OS one, else its owner-only file beside the data folder (as kiosk.app)."""
    from kiosk.store.keyring_file import choose_backend

    return choose_backend(config.data_dir.parent / f"{config.data_dir.name}-keys" / "keyring.json")


def _kiosk_sessions(config: KioskConfig) -> Any:
    from kiosk.store import db

    db.upgrade(config.database_url)
    return db.session_factory(db.make_engine(config.database_url))


def _send(args: argparse.Namespace, load: Load) -> int:
    import requests

    from kiosk.store.fleet_outbox import FleetOutbox
    from kiosk.sync.fleet_reporter import reporter_from_keyring

    config = load(args)
    outbox = FleetOutbox(_kiosk_sessions(config))
    reporter = reporter_from_keyring(outbox, keyring_backend(config))
    if reporter is None:
        print(
            "kiosk fleet send: kiosk chưa đăng ký / not enrolled (kiosk fleet enrol --url …)", file=sys.stderr
        )
        return EXIT_FAILED
    result = reporter.flush(max_batches=args.max_batches, force=True)
    config_cached = False
    if not result.failed:  # reachable: refresh the central staff and settings cache as well
        from kiosk.fleet.central_config import CACHE_NAME, write_cache

        try:
            write_cache(config.data_dir / CACHE_NAME, reporter.client.config())
            config_cached = True
        except (OSError, ValueError, requests.RequestException):
            config_cached = False
    print(
        json.dumps(
            {
                "sent": result.sent,
                "duplicates": result.duplicates,
                "rejected": result.rejected,
                "failed": result.failed,
                "pending": outbox.backlog(),
                "config_cached": config_cached,
            }
        )
    )
    return EXIT_FAILED if result.failed else EXIT_OK


def _report(args: argparse.Namespace, load: Load) -> int:
    from kiosk.fleet import reports
    from kiosk.fleet.local_report import local_report

    config = load(args)
    period = args.month or args.quarter
    try:
        report = local_report(_kiosk_sessions(config), config.kiosk_id, period, args.by)
    except reports.PeriodError as error:
        print(f"kiosk report: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.format in ("xlsx", "pdf") and args.output is None:
        print(f"kiosk report: --output FILE is needed for {args.format}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "text":
        data = print_table(report).encode()
    elif args.format == "json":
        data = (json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n").encode()
    else:
        data = reports.export(report, args.format)
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
        print(f"kiosk report: {args.output}")
    else:
        sys.stdout.write(data.decode())
    return EXIT_OK


def print_table(report: Any) -> str:
    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.1f}%"

    lines = [
        f"Báo cáo kiosk {report.period} ({', '.join(report.months)}, Asia/Ho_Chi_Minh) theo {report.by}",
        f"{'':<28} {'filed':>6} {'online':>7} {'queued':>7} {'recv post':>10} {'ret post':>9} "
        f"{'paid':>5} {'fees VND':>12} {'answers':>8} {'satisfied':>9}",
    ]
    for row in [*report.rows, report.total]:
        lines.append(
            f"{row.key[:28]:<28} {row.filed:>6} {row.online:>7} {row.queued:>7} "
            f"{pct(row.received_share):>10} {pct(row.returned_share):>9} {row.paid_online:>5} "
            f"{row.fees_vnd:>12,} {row.answers:>8} {pct(row.satisfied_share):>9}"
        )
    lines.append("mục tiêu / targets: nhận qua BCCI ≥ 5 %, trả kết quả qua BCCI ≥ 20 %")
    return "\n".join(lines) + "\n"
