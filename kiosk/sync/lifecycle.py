"""A dossier's life as the province sees it: the moments the submit use case and the outbox worker tell the
fleet about (filed online or queued, sent later, delivery chosen, papers collected by post, result sent home
by post, fee paid). What is told carries no personal data: a one-way reference of the dossier id, the
procedure code, the unit and the delivery method (kiosk.fleet.events checks it against a whitelist).

Telling must never stand in a dossier's way: a failure to record is logged and forgotten (the fleet
report then misses one event; the dossier does not).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from kiosk.fleet.events import FEEDBACK
from kiosk.store.fleet_outbox import FleetOutbox

log = logging.getLogger(__name__)

#: The kiosk's delivery methods as the fleet's reports count them.
FLEET_DELIVERY = {"online": "electronic", "counter": "counter", "post": "post", "pickup": "post"}


class DossierLifecycle(Protocol):
    def record(self, stage: str, dossier_id: str, procedure: str, *, delivery: str | None = None,
               fee_vnd: int | None = None) -> None: ...

    def satisfaction(self, procedure: str, scores: Mapping[str, int]) -> None: ...


class FleetLifecycle:
    """Records the stages in the kiosk's fleet-event outbox (sent to the fleet service by its reporter)."""

    def __init__(self, outbox: FleetOutbox, unit: str | None = None) -> None:
        self.outbox = outbox
        self.unit = unit

    def record(self, stage: str, dossier_id: str, procedure: str, *, delivery: str | None = None,
               fee_vnd: int | None = None) -> None:
        try:
            self.outbox.record_dossier(
                stage, dossier_id, procedure, unit=self.unit,
                delivery=FLEET_DELIVERY.get(delivery) if delivery else None, fee_vnd=fee_vnd)
        except Exception as error:  # the fleet report misses an event; the dossier must not
            log.warning("fleet event %s not recorded: %s", stage, type(error).__name__)

    def satisfaction(self, procedure: str, scores: Mapping[str, int]) -> None:
        """The citizen's survey (1–5 per criterion: `overall` for "Ông/bà hài lòng không?", and the SIPAS
        criteria answered), linked to the procedure and the unit, never to the person."""
        data: dict[str, object] = {"procedure": procedure, "scores": dict(scores)}
        if self.unit:
            data["unit"] = self.unit
        try:
            self.outbox.record(FEEDBACK, data)
        except Exception as error:
            log.warning("fleet feedback not recorded: %s", type(error).__name__)
