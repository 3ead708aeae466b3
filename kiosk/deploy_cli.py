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
