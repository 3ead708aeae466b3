"""Ordering the delivery of a result by post (BCCI), for the outbox worker.

The citizen chose the address at the kiosk; it travels in the submission (so the portal knows it from the
start) and stays sealed in the outbox (kiosk.domain.dossier.DeliveryChoice) until the order is placed.
When the portal says `done`, the worker calls `order_delivery`: the address is decrypted only for that
call, and the order's idempotency key is derived from the
dossier id, so a retry after a crash or a timeout can never create a second parcel.
"""

from __future__ import annotations

import uuid

from kiosk.domain.dossier import Dossier, PostageFeePayment
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
        choice = Dossier.delivery_in(self._outbox.load_payload(dossier_id))
        if not choice.by_post or choice.address is None:
            raise DeliveryNotRequested(f"dossier {dossier_id} did not ask for delivery by post")
        # Postage paid with the fee (VietQR) is not collected again; cash on delivery is, by the postman.
        cod = choice.postal_fee_vnd if choice.fee_payment is PostageFeePayment.CASH_ON_DELIVERY else 0
        request = DeliveryRequest(address=Address.from_json(choice.address.to_json()),
                                  service=choice.service.value, cod_amount_vnd=cod)
        key = str(uuid.uuid5(_ORDER_NAMESPACE, dossier_id))
        order = self._portal.order_delivery(dossier_code, request, key)
        return order.tracking_number
