"""`kiosk worker [--once]`: the outbox worker as a service or one round (assembled by kiosk.app)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import threading
from contextlib import suppress

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    load,
    print_json,
    sigterm_sets,
    start_logging,
    storage_failed,
    store_errors,
)


def cmd_worker(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=args.once)
    from kiosk.app import build_services, serve_worker, worker_round
    from kiosk.portal.auth import InsecurePortalUrl

    failures: tuple[type[Exception], ...] = (*store_errors(), InsecurePortalUrl)
    try:
        services = build_services(config)
    except failures as error:
        return storage_failed("worker", error)
    try:
        worker = services.worker
        assert worker is not None
        if args.interval is not None:
            worker.settings = dataclasses.replace(worker.settings, interval=args.interval)
        if args.once:
            summary = worker_round(services)
            print_json(summary.as_json())
            if summary.error:
                print(f"{PROG}: worker: {summary.error}", file=sys.stderr)
                return EXIT_FAILED
            return EXIT_OK
        stop = threading.Event()
        with sigterm_sets(stop), suppress(KeyboardInterrupt):
            serve_worker(services, stop)
        return EXIT_OK
    finally:
        services.close()
