"""`kiosk staff add|list|remove|set-pin|unlock`: staff members and their PINs (scrypt hashes only)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    load,
    print_json,
)
from kiosk.commands.words import say
from kiosk.domain.notice import Notice


def _read_pin() -> str:
    """The PIN from the terminal, twice, never echoed (or one line from stdin when it is not a terminal,
    for provisioning scripts)."""
    import getpass

    from kiosk.staff.cli import pins_match

    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("PIN: ")
    return pins_match(first, getpass.getpass(say(Notice("cli.staff.pin_again"))))


def _staff(args: argparse.Namespace, action: Callable[[Path], dict[str, Any]]) -> int:
    from kiosk.staff.registry import StaffError

    config = load(args)
    try:
        print_json(action(config.data_dir))
    except StaffError as error:
        print(f"{PROG} staff: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_staff_add(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_add

    return _staff(args, lambda d: cli_staff_add(d, args.staff_id, args.name, args.role, _read_pin()))


def cmd_staff_list(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_list

    return _staff(args, cli_staff_list)


def cmd_staff_remove(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_remove

    return _staff(args, lambda d: cli_staff_remove(d, args.staff_id))


def cmd_staff_set_pin(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_set_pin

    return _staff(args, lambda d: cli_staff_set_pin(d, args.staff_id, _read_pin()))


def cmd_staff_unlock(args: argparse.Namespace) -> int:
    from kiosk.staff.cli import cli_staff_unlock

    return _staff(args, lambda d: cli_staff_unlock(d, args.staff_id))
