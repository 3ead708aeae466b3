"""The deployment commands of `kiosk`: enrol, doctor, logs export, keys init. Registered by kiosk/cli.py
with one call, so the main command module stays as it is."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

PROG = "kiosk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_commands(commands: Any, command: Any, keys_commands: Any) -> None:
    enrol = command(commands, "enrol", cmd_enrol,
                    "set this kiosk up: settings, portal secret, data key, first operator (idempotent)")
    enrol.add_argument("provisioning", type=Path, metavar="FILE", help="the provisioning file (TOML)")

    doctor = command(commands, "doctor", cmd_doctor,
                     "readiness report: devices, portal, disk, clock, queue, keys, database, mode, version")
    doctor.add_argument("--json", action="store_true", help="print one JSON object")
    doctor.add_argument("--pdf", type=Path, metavar="FILE", help="also write the report as a PDF")
    doctor.add_argument("--no-devices", dest="devices", action="store_false",
                        help="do not open the cameras, scanner and printer (they may be in use)")

    logs = command(commands, "logs", None, "the kiosk's logs")
    logs_commands = logs.add_subparsers(dest="logs_command", metavar="COMMAND", required=True)
    export = command(logs_commands, "export", cmd_logs_export,
                     "copy the logs, redacted, with a readiness report, to DIR (e.g. a USB stick)")
    export.add_argument("target", type=Path, metavar="DIR")

    init = command(keys_commands, "init", cmd_keys_init,
                   "make the first data key (a new kiosk); with --new even though data exists")
    init.add_argument("--new", action="store_true",
                      help="make a new key although this kiosk holds data sealed with a lost one")


def _config(args: argparse.Namespace) -> Any:
    from kiosk.cli import _load

    return _load(args)


def cmd_enrol(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError
    from kiosk.provisioning import ProvisioningError, enrol
    from kiosk.store.crypto import CryptoError

    explicit = getattr(args, "config", None)
    import os

    config_file = explicit or (Path(os.environ["KIOSK_CONFIG"]) if os.environ.get("KIOSK_CONFIG") else None)
    try:
        report = enrol(args.provisioning, config_file=config_file, data_dir=getattr(args, "data_dir", None))
    except (ProvisioningError, ConfigError, CryptoError) as error:
        print(f"{PROG}: enrol: {error}", file=sys.stderr)
        return EXIT_USAGE if not isinstance(error, CryptoError) else EXIT_FAILED
    for warning in report.warnings:
        print(f"{PROG}: enrol: warning: {warning}", file=sys.stderr)
    print(json.dumps(report.as_json(), ensure_ascii=False))
    return EXIT_OK


def cmd_keys_init(args: argparse.Namespace) -> int:
    from kiosk.app import data_keys
    from kiosk.store.crypto import CryptoError

    config = _config(args)
    try:
        store = data_keys(config)
        had = store.has_current()
        key = store.init(new=args.new)
    except CryptoError as error:
        print(f"{PROG}: keys init: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps({"key_id": key.key_id, "created": not had, "keyring": store.keyring_name}))
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import as_text, run_doctor, write_pdf

    config = _config(args)
    _quiet_logging(config)
    report = run_doctor(config, devices=args.devices)
    if args.pdf is not None:
        write_pdf(report, args.pdf)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(as_text(report, config.language))
    return EXIT_OK if report["ready"] else EXIT_FAILED


def cmd_logs_export(args: argparse.Namespace) -> int:
    from kiosk.logs_export import export_logs

    config = _config(args)
    _quiet_logging(config)
    try:
        summary = export_logs(config, args.target)
    except OSError as error:
        print(f"{PROG}: logs export: {args.target}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(summary, ensure_ascii=False))
    return EXIT_OK


def _quiet_logging(config: Any) -> None:
    from kiosk.cli import _start_logging

    _start_logging(config, quiet_console=True)
