"""Ordering the delivery of a result by post (BCCI), for the outbox worker.

The citizen chose the address at the kiosk; it travels encrypted inside the dossier's payload
(`payload["delivery"]`). When the portal says the result is ready, the worker calls `order_delivery`:
the address is decrypted only for that call, and the order's idempotency key is derived from the
dossier id, so a retry after a crash or a timeout can never create a second parcel.
"""

from __future__ import annotations

import uuid

from kiosk.portal.interface import PortalAPI
from kiosk.portal.service_models import Address, DeliveryRequest
from kiosk.store.outbox import Outbox

# A fixed namespace: the same dossier always gives the same delivery order key.
_ORDER_NAMESPACE = uuid.UUID("6f0f6a52-56c1-4f5e-9a36-2f4d4b1c0d11")


class DeliveryNotRequested(ValueError):
    """The dossier has no postal address (the citizen chose online or the counter)."""


class PortalDeliveryOrders:
    """`OrdersDelivery` for the worker, through the portal's postal API."""

    def __init__(self, outbox: Outbox, portal: PortalAPI) -> None:
        self._outbox = outbox
        self._portal = portal

    def order_delivery(self, dossier_code: str, dossier_id: str) -> str:
        delivery = self._outbox.load_payload(dossier_id).get("delivery") or {}
        if delivery.get("method") != "post" or not delivery.get("address"):
            raise DeliveryNotRequested(f"dossier {dossier_id} did not ask for delivery by post")
        request = DeliveryRequest(address=Address.from_json(delivery["address"]),
                                  service=str(delivery.get("service") or "economy"))
        key = str(uuid.uuid5(_ORDER_NAMESPACE, dossier_id))
        order = self._portal.order_delivery(dossier_code, request, key)
        return order.tracking_number
