"""Composition root: build the kiosk's services from its configuration.

Everything the UI and the command line need is made here and nowhere else, so that tests, the demo and
the real kiosk differ only in the configuration they pass in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.portal.client import PortalClient
from kiosk.sandbox.server import SandboxServer
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.keyring_file import choose_backend
from kiosk.store.outbox import Outbox

log = logging.getLogger(__name__)


@dataclass
class KioskServices:
    config: KioskConfig
    outbox: Outbox
    portal: PortalClient
    portal_url: str
    sandbox: SandboxServer | None = None
    _closed: bool = field(default=False, repr=False)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.portal.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def keyring_fallback_file(config: KioskConfig) -> Path:
    # Beside, not inside, the data folder: a copy of the data must not carry its key along.
    return config.data_dir.parent / f"{config.data_dir.name}-keys" / "keyring.json"


def open_outbox(config: KioskConfig) -> Outbox:
    db.upgrade(config.database_url)
    engine = db.make_engine(config.database_url)
    keys = DataKeyStore(backend=choose_backend(keyring_fallback_file(config)))
    return Outbox(db.session_factory(engine), Sealer(keys), config.kiosk_id)


def start_portal(config: KioskConfig) -> tuple[str, SandboxServer | None]:
    """The configured portal's URL; for "sandbox", start the built-in one on a free loopback port."""
    if config.portal.url != "sandbox":
        return config.portal.url, None
    sandbox = SandboxServer(config.data_dir / "sandbox", unit_code=config.portal.unit_code)
    url = sandbox.start()
    log.info("using the built-in sandbox portal at %s", url)
    return url, sandbox


def build_services(config: KioskConfig) -> KioskServices:
    outbox = open_outbox(config)
    url, sandbox = start_portal(config)
    try:
        portal = PortalClient(url, timeout=config.portal.timeout_s)
    except BaseException:
        if sandbox is not None:
            sandbox.stop()
        raise
    return KioskServices(config=config, outbox=outbox, portal=portal, portal_url=url, sandbox=sandbox)
