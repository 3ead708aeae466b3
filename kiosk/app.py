"""Composition root: build the kiosk's services from its configuration.

Everything the UI and the command line need is made here and nowhere else, so that tests, the demo and
the real kiosk differ only in the configuration they pass in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kiosk.config import KioskConfig
from kiosk.portal.client import PortalClient
from kiosk.sandbox.server import SandboxServer
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.files import EncryptedFileStore
from kiosk.store.key_binding import bound_key_store
from kiosk.store.keyring_file import choose_backend
from kiosk.store.outbox import Outbox, QueueLimits, RetentionPeriods, StorageError
from kiosk.sync.worker import OrdersDelivery, OutboxWorker, WorkerProgress, WorkerSettings

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


OUTBOX_FILES_DIR = "outbox-files"


class DatabaseUnusableError(StorageError):
    message_vi = (
        "Không mở được cơ sở dữ liệu của máy (tệp bị hỏng hoặc không đọc được). "
        "Vui lòng báo cán bộ kỹ thuật; không xóa thư mục dữ liệu."
    )
    message_en = (
        "The kiosk's database cannot be opened (the file is damaged or unreadable). "
        "Please call the technician; do not delete the data folder."
    )


def data_keys(config: KioskConfig) -> DataKeyStore:
    return bound_key_store(config.data_dir, choose_backend(keyring_fallback_file(config)))


def open_outbox(config: KioskConfig, *, clean: bool = True) -> Outbox:
    """The outbox with its encrypted file store, the database migrated to the newest schema, and (with
    `clean`) the leftovers of interrupted writes removed. Raises DatabaseUnusableError (a damaged or
    foreign database file) with a message for people."""
    try:
        db.upgrade(config.database_url)
    except SQLAlchemyError as error:
        raise DatabaseUnusableError(
            f"database {config.database_url} cannot be opened or migrated: {type(error).__name__}: "
            f"{getattr(error, 'orig', None) or error}"
        ) from error
    engine = db.make_engine(config.database_url)
    sealer = Sealer(data_keys(config))
    files = EncryptedFileStore(config.data_dir / OUTBOX_FILES_DIR, sealer)
    outbox = Outbox(db.session_factory(engine), sealer, config.kiosk_id, files=files)
    if clean:
        removed = outbox.clean_orphans()
        if removed:
            log.warning("outbox: removed %d leftover files of interrupted writes", removed)
    return outbox


def queue_limits(config: KioskConfig) -> QueueLimits:
    """For `Outbox.admission`: the UI asks it before a citizen starts a dossier."""
    return QueueLimits(
        max_queue_age=timedelta(hours=config.limits.max_queue_age_h),
        max_queue_size=config.limits.max_queue_size,
        max_catalogue_age=timedelta(hours=config.limits.max_catalogue_age_h),
    )


def retention_periods(config: KioskConfig) -> RetentionPeriods:
    return RetentionPeriods(
        sent=timedelta(days=config.retention.sent_days),
        failed=timedelta(days=config.retention.failed_days),
        audit=timedelta(days=config.retention.audit_days),
    )


def make_worker(
    services: KioskServices,
    *,
    on_progress: Callable[[WorkerProgress], None] | None = None,
    delivery: OrdersDelivery | None = None,
) -> OutboxWorker:
    """The background outbox worker for the app (not started: call `start()`, and `stop()` on exit)."""
    return OutboxWorker(
        services.outbox,
        services.portal,
        WorkerSettings.from_config(services.config.sync),
        delivery=delivery,
        on_progress=on_progress,
    )


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
