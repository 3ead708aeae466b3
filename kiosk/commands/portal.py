"""`kiosk sandbox` (the training portal in the foreground) and `kiosk portal enrol`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    load,
    print_json,
    start_logging,
    storage_failed,
)
from kiosk.commands.words import both
from kiosk.domain.notice import Notice

log = logging.getLogger(__name__)


def cmd_sandbox(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=False)
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


def cmd_portal_enrol(args: argparse.Namespace) -> int:
    """`kiosk portal enrol`: the kiosk's secret into the keyring, then one token exchange to prove it."""
    config = load(args)
    start_logging(config, quiet_console=True)
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
            print(f"{PROG}: portal enrol: {both(Notice('cli.portal.no_secret'))}", file=sys.stderr)
            return EXIT_USAGE
        auth = KioskAuth(config.kiosk_id, backend=choose_backend(keyring_fallback_file(config)))
        auth.store_secret(secret)
        with PortalClient(url, timeout=config.portal.timeout_s, auth=auth) as portal:
            portal.authenticate()
    except InsecurePortalUrl as error:
        return storage_failed("portal enrol", error)
    except (requests.RequestException, KeyError, ValueError, PortalError) as error:
        failed = Notice("cli.portal.enrol_failed", {"error": f"{type(error).__name__}: {error}"})
        print(f"{PROG}: portal enrol: {both(failed)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if sandbox is not None:
            sandbox.stop()
    if args.json:
        print_json({"kiosk_id": config.kiosk_id, "portal": url, "authenticated": True})
    else:
        print(both(Notice("cli.portal.enrolled", {"kiosk": config.kiosk_id, "url": url})))
    return EXIT_OK
