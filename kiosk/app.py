"""Composition root: build the kiosk's services from its configuration.

Everything the UI and the command line need is made here and nowhere else, so that tests, the demo and
the real kiosk differ only in the configuration they pass in.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from kiosk.config import KioskConfig
from kiosk.portal.auth import KioskAuth, enrolled_auth, require_secure_url
from kiosk.portal.client import PortalClient, RetryPolicy
from kiosk.portal.models import Catalogue
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.files import EncryptedFileStore
from kiosk.store.fleet_outbox import FleetOutbox
from kiosk.store.key_binding import bound_key_store
from kiosk.store.keyring_file import choose_backend
from kiosk.store.outbox import Outbox, PurgeReport, QueueLimits, RetentionPeriods, StorageError
from kiosk.sync.delivery import PortalDeliveryOrders
from kiosk.sync.fleet_reporter import FleetLink, record_status, start_fleet_link
from kiosk.sync.lifecycle import DossierLifecycle, FleetLifecycle
from kiosk.sync.worker import OrdersDelivery, OutboxWorker, WorkerProgress, WorkerSettings

if TYPE_CHECKING:  # the sandbox (FastAPI, uvicorn: ~0.8 s of imports) loads only when it is the portal
    from kiosk.sandbox.server import SandboxServer

log = logging.getLogger(__name__)


@dataclass
class KioskServices:
    """Everything the window, `kiosk worker`, `kiosk demo` and the tests run on, built once by
    `build_services`: the outbox, the portal client, and the one outbox worker (with the delivery-by-post
    ordering wired in). Nobody else assembles these."""

    config: KioskConfig
    outbox: Outbox
    portal: PortalClient
    portal_url: str
    sandbox: SandboxServer | None = None
    worker: OutboxWorker | None = None
    #: The province's fleet service: events recorded always, sent once the kiosk is enrolled
    #: (`kiosk fleet enrol`); staff calls go through it.
    fleet: FleetLink | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def limits(self) -> QueueLimits:
        return queue_limits(self.config)

    @property
    def lifecycle(self) -> DossierLifecycle | None:
        """What the submit use case tells the fleet about a dossier filed at this kiosk."""
        return dossier_lifecycle(self)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.worker is not None:
            self.worker.stop()
        if self.fleet is not None:
            self.fleet.stop()
        self.portal.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def keyring_fallback_file(config: KioskConfig) -> Path:
    # Beside, not inside, the data folder: a copy of the data must not carry its key along.
    return config.data_dir.parent / f"{config.data_dir.name}-keys" / "keyring.json"


OUTBOX_FILES_DIR = "outbox-files"


class DatabaseUnusableError(StorageError):
    notice_code = "storage.database_unusable"


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
        pending_post=timedelta(days=config.retention.pending_post_days),
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
        lifecycle=dossier_lifecycle(services),
    )


def start_portal(config: KioskConfig) -> tuple[str, SandboxServer | None]:
    """The configured portal's URL; for "sandbox", start the built-in one on a free loopback port."""
    if config.portal.url != "sandbox":
        return config.portal.url, None
    from kiosk.sandbox.server import SandboxServer
    from kiosk.sandbox.services import ProcessingPlan

    plan = ProcessingPlan(eid_poll=timedelta(seconds=config.portal.sandbox_eid_poll_s))
    sandbox = SandboxServer(config.data_dir / "sandbox", unit_code=config.portal.unit_code, plan=plan)
    url = sandbox.start()
    log.info("using the built-in sandbox portal at %s", url)
    return url, sandbox


def build_services(
    config: KioskConfig, *, on_progress: Callable[[WorkerProgress], None] | None = None
) -> KioskServices:
    """The composition root. The worker is built (not started): the window starts it in the background,
    `kiosk worker` runs it in the foreground, tests call `run_once()`."""
    outbox = open_outbox(config)
    url, sandbox = start_portal(config)
    try:
        portal = make_portal_client(config, url)
    except BaseException:
        if sandbox is not None:
            sandbox.stop()
        raise
    services = KioskServices(config=config, outbox=outbox, portal=portal, portal_url=url, sandbox=sandbox)
    services.fleet = start_fleet(config, outbox, portal)
    services.worker = make_worker(services, on_progress=on_progress,
                                  delivery=PortalDeliveryOrders(outbox, portal))
    return services


def start_fleet(config: KioskConfig, outbox: Outbox, portal: PortalClient) -> FleetLink:
    """The link to the province's fleet service: the event outbox in the kiosk's own database, and (when
    enrolled) the thread that sends it, with the kiosk's status (portal, disk, printer, queue) at each
    heartbeat. Not enrolled, events wait in the database until the kiosk is."""
    backend = choose_backend(keyring_fallback_file(config))
    fleet_outbox = FleetOutbox(outbox.session_factory)

    def status() -> None:
        record_status(fleet_outbox, **kiosk_status(config, outbox, portal))

    return start_fleet_link(fleet_outbox, backend, status=status)


def kiosk_status(config: KioskConfig, outbox: Outbox, portal: PortalClient) -> dict[str, Any]:
    """What the fleet dashboard shows of this kiosk: its portal, disk and printer, and its queue. The
    cameras and the scanner are left out here: opening them would take them from the citizen's screen."""
    from kiosk.health import check_disk, check_portal, check_printer
    from kiosk.store.models import ClientStatus, utc_now

    checks = [check_portal(portal), check_disk(config.data_dir)]
    if config.ui.printer and config.ui.printer != "dummy":
        checks.append(check_printer(config.ui.printer))
    queued = outbox.entries(ClientStatus.QUEUED, limit=1000)
    oldest = min((item.created_at for item in queued), default=None)
    age = int((utc_now() - oldest).total_seconds()) if oldest is not None else 0
    return {"levels": {c.key: c.level.value for c in checks}, "queued": len(queued), "oldest_age_s": age}


def dossier_lifecycle(services: KioskServices) -> DossierLifecycle | None:
    if services.fleet is None:
        return None
    return FleetLifecycle(services.fleet.outbox, unit=services.config.portal.unit_code)


def make_portal_client(config: KioskConfig, url: str) -> PortalClient:
    """The portal client: https:// (or http:// on loopback only), authenticated with the kiosk's
    credentials enrolled in the keyring (`kiosk portal enrol`) when there are any."""
    require_secure_url(url)
    return PortalClient(url, timeout=config.portal.timeout_s, retry=RetryPolicy.from_config(config.portal),
                        auth=portal_auth(config))


def portal_auth(config: KioskConfig) -> KioskAuth | None:
    return enrolled_auth(config.kiosk_id, choose_backend(keyring_fallback_file(config)))


# --- the programs built on the services (Qt is imported only here, when one of them runs) -------------


def run_demo(config: KioskConfig, **options: Any) -> int:
    """`kiosk demo`: scripted journeys on the kiosk's own services (worker included)."""
    services = build_services(config)
    try:
        from kiosk.ui.demo import run_demo as run_journeys

        return run_journeys(services, **options)
    finally:
        services.close()


def worker_round(services: KioskServices) -> Any:
    """`kiosk worker --once`: one round now (send what is due, pull every open status, order deliveries),
    then the cached catalogue refreshed (`kiosk dossier create` checks dossiers against it offline)."""
    from kiosk.portal.catalogue_cache import CatalogueCache

    assert services.worker is not None
    summary = services.worker.run_once(pull_all=True)
    CatalogueCache(services.config.data_dir).refresh(services.portal)
    return summary


def serve_worker(services: KioskServices, stop: threading.Event) -> None:
    """`kiosk worker`: rounds until `stop` is set. Under systemd: READY=1 first, and the watchdog fed while
    the worker's rounds keep coming."""
    from kiosk.systemd_notify import Heartbeat, Watchdog, notify

    worker = services.worker
    assert worker is not None
    log.info("worker sending to %s (waits at most %g s between rounds)", services.portal_url,
             worker.settings.interval)
    heartbeat = Heartbeat(max_age_s=2 * worker.settings.interval + 300)  # a round may send many files
    worker.on_progress = lambda _progress: heartbeat.beat()
    notify("READY=1")
    watchdog = Watchdog(heartbeat.alive).start()
    try:
        worker.run_forever(stop)
    finally:
        watchdog.stop()
        log.info("worker stopped")


def purge_expired(config: KioskConfig, *, dry_run: bool) -> tuple[PurgeReport, int]:
    """`kiosk outbox purge`: dossiers past their retention (kiosk.store.purge's rules), and the receipt PDFs
    saved at the kiosk older than the dossiers' retention. Returns the report and the receipts removed."""
    from kiosk.store.purge import purge_receipt_files

    report = open_outbox(config).purge(retention_periods(config), dry_run=dry_run)
    receipts = purge_receipt_files(config.data_dir / "receipts", config.retention.sent_days, dry_run=dry_run)
    return report, receipts


def cached_catalogue(config: KioskConfig) -> Catalogue | None:
    """The catalogue cached on this kiosk (data folder); for the built-in sandbox, its seed catalogue; else
    fetched once if the portal answers (None when it does not)."""
    import json

    from kiosk.portal.catalogue_cache import CatalogueCache
    from kiosk.portal.errors import PortalError
    from kiosk.sandbox.catalogue import load_seed_catalogue

    cache = CatalogueCache(config.data_dir)
    cached = cache.load()
    if cached is not None:
        return cached
    if config.portal.url == "sandbox":
        return Catalogue.from_json(json.loads(load_seed_catalogue().body))
    try:
        with make_portal_client(config, config.portal.url) as portal:
            return cache.refresh(portal)[0]
    except (PortalError, ValueError) as error:
        log.warning("no catalogue: %s", type(error).__name__)
        return None
