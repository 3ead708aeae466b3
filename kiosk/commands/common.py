"""What every `kiosk` command shares: exit codes, the configuration with the command line's overrides, logging
for a command, JSON output, SIGTERM, and storage failures printed for people and staff."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from kiosk.config import KioskConfig, load_config
from kiosk.domain.notice import Notice
from kiosk.logs import setup_logging

if TYPE_CHECKING:
    from kiosk.store.outbox import Outbox

PROG = "kiosk"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
ORIENTATIONS = ("portrait", "landscape")


def load(args: argparse.Namespace, data_dir: Path | None = None) -> KioskConfig:
    """The configuration with the command line's overrides applied. Raises ConfigError."""
    config = load_config(getattr(args, "config", None), data_dir=data_dir or getattr(args, "data_dir", None))
    portal = getattr(args, "portal", None)
    if portal is not None:
        config = dataclasses.replace(config, portal=dataclasses.replace(config.portal, url=portal.strip()))
    level = getattr(args, "log_level", None)
    if level is not None:
        config = dataclasses.replace(config, log_level=level)
    return config


def start_logging(config: KioskConfig, *, quiet_console: bool) -> None:
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


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False))


@contextmanager
def sigterm_sets(event: threading.Event) -> Iterator[None]:
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


def storage_failed(what: str, error: Exception) -> int:
    """Print a storage, key or database problem for people (Vietnamese, English: its `notice`, from the
    catalogue) and staff; exit 1."""
    notice = getattr(error, "notice", None)
    if isinstance(notice, Notice):
        from kiosk.commands.words import say

        print(f"{PROG}: {what}: {say(notice, 'vi')}", file=sys.stderr)
        print(f"{PROG}: {what}: {say(notice, 'en')}", file=sys.stderr)
    print(f"{PROG}: {what}: {type(error).__name__}: {error}", file=sys.stderr)
    return EXIT_FAILED


def open_outbox(config: KioskConfig) -> Outbox:
    from kiosk.app import open_outbox

    return open_outbox(config)


def store_errors() -> tuple[type[Exception], ...]:
    from kiosk.store.crypto import CryptoError
    from kiosk.store.files import FileStoreError
    from kiosk.store.outbox import StorageError

    return (StorageError, CryptoError, FileStoreError)
