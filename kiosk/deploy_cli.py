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

    update = command(commands, "update", None, "signed updates with rollback (root for apply/adopt)")
    update_commands = update.add_subparsers(dest="update_command", metavar="COMMAND", required=True)
    keygen = command(update_commands, "keygen", cmd_update_keygen, "make an Ed25519 update key pair in DIR")
    keygen.add_argument("folder", type=Path, metavar="DIR")
    sign = command(update_commands, "sign", cmd_update_sign, "sign a .deb into an update bundle")
    sign.add_argument("deb", type=Path, metavar="PACKAGE.deb")
    sign.add_argument("--key", type=Path, required=True, metavar="FILE", help="the private update key")
    sign.add_argument("-o", "--output", type=Path, required=True, metavar="BUNDLE")
    for name, handler, text in (("verify", cmd_update_verify, "check a bundle's signature and hash"),
                                ("apply", cmd_update_apply, "verify, install, health-check, roll back")):
        sub = command(update_commands, name, handler, text)
        sub.add_argument("bundle", type=Path, metavar="BUNDLE")
        sub.add_argument("--keys", type=Path, default=None, metavar="DIR",
                         help="trusted public keys (default /etc/kiosk/update-keys)")
        sub.add_argument("--state", type=Path, default=None, metavar="DIR",
                         help="where packages are kept (default /var/lib/kiosk-updates)")
        if name == "apply":
            sub.add_argument("--allow-downgrade", action="store_true")
    adopt = command(update_commands, "adopt", cmd_update_adopt,
                    "register the installed version's .deb as the one to roll back to")
    adopt.add_argument("deb", type=Path, metavar="PACKAGE.deb")
    adopt.add_argument("--state", type=Path, default=None, metavar="DIR")

    init = command(keys_commands, "init", cmd_keys_init,
                   "make the first data key (a new kiosk); with --new even though data exists")
    init.add_argument("--new", action="store_true",
                      help="make a new key although this kiosk holds data sealed with a lost one")


def _config(args: argparse.Namespace) -> Any:
    from kiosk.commands.common import load as _load

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
    from kiosk.commands.common import start_logging as _start_logging

    _start_logging(config, quiet_console=True)


def cmd_update_keygen(args: argparse.Namespace) -> int:
    from kiosk.update import keygen

    private, public = keygen(args.folder)
    print(json.dumps({"private_key": str(private), "public_key": str(public)}))
    return EXIT_OK


def cmd_update_sign(args: argparse.Namespace) -> int:
    from kiosk.update import UpdateError, sign_bundle

    try:
        manifest = sign_bundle(args.deb, args.key, args.output)
    except (UpdateError, OSError, ValueError) as error:
        print(f"{PROG}: update sign: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps({"bundle": str(args.output), **manifest}))
    return EXIT_OK


def _update_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    from kiosk.update import DEFAULT_KEYS_DIR, DEFAULT_STATE_DIR

    return args.keys or DEFAULT_KEYS_DIR, args.state or DEFAULT_STATE_DIR


def cmd_update_verify(args: argparse.Namespace) -> int:
    import tempfile

    from kiosk.update import UpdateError, trusted_keys, verify_bundle

    keys_dir, _ = _update_paths(args)
    with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as scratch:
        try:
            verified = verify_bundle(args.bundle, trusted_keys(keys_dir), Path(scratch))
        except UpdateError as error:
            print(f"{PROG}: update verify: {error}", file=sys.stderr)
            return EXIT_FAILED
    print(json.dumps({"verified": True, **verified.manifest}))
    return EXIT_OK


def cmd_update_adopt(args: argparse.Namespace) -> int:
    from kiosk.update import DEFAULT_STATE_DIR, adopt

    print(json.dumps(adopt(args.deb, args.state or DEFAULT_STATE_DIR)))
    return EXIT_OK


def cmd_update_apply(args: argparse.Namespace) -> int:
    from kiosk.update import UpdateError, apply_update, trusted_keys

    keys_dir, state = _update_paths(args)
    try:
        result = apply_update(args.bundle, keys=trusted_keys(keys_dir), state=state,
                              allow_downgrade=args.allow_downgrade)
    except UpdateError as error:
        print(f"{PROG}: update apply: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(result))
    return EXIT_OK
