"""What the window needs from the composition root (kiosk.app builds it; the UI never builds services
itself, so the window, `kiosk demo`, the soak and the tests all run on the same assembly)."""

from __future__ import annotations

from typing import Protocol

from kiosk.config import KioskConfig
from kiosk.portal.client import PortalClient
from kiosk.store.outbox import Outbox, QueueLimits
from kiosk.sync.fleet_reporter import FleetLink
from kiosk.sync.lifecycle import DossierLifecycle
from kiosk.sync.worker import OutboxWorker


class UiServices(Protocol):
    """kiosk.app.KioskServices fits: the outbox, the portal client, and the one outbox worker (sending,
    status pulls, delivery orders) the window starts beside it."""

    config: KioskConfig
    outbox: Outbox
    portal: PortalClient
    portal_url: str
    worker: OutboxWorker | None
    #: The province's fleet service (staff calls, events); None where the kiosk has none (some tests).
    fleet: FleetLink | None

    @property
    def limits(self) -> QueueLimits: ...

    @property
    def lifecycle(self) -> DossierLifecycle | None: ...
