"""`kiosk db upgrade|current` and `kiosk config show`: the schema and the effective settings."""

from __future__ import annotations

import argparse
import json

from kiosk.commands.common import (
    EXIT_OK,
    load,
    print_json,
    start_logging,
)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.store import db

    db.upgrade(config.database_url)
    print(db.current_revision(config.database_url))
    return EXIT_OK


def cmd_db_current(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.store import db

    current = db.current_revision(config.database_url)
    head = db.head_revision()
    if args.json:
        print_json({"current": current, "head": head, "up_to_date": current == head})
    else:
        print(f"current: {current or '(empty database)'}")
        print(f"head:    {head}")
        print("up to date" if current == head else "needs upgrade: run `kiosk db upgrade`")
    return EXIT_OK


def cmd_config_show(args: argparse.Namespace) -> int:
    config = load(args)
    print(json.dumps(config.describe(), ensure_ascii=False, indent=2))
    return EXIT_OK
