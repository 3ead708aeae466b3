"""Ordering the result's delivery by post from the address the citizen chose at the kiosk."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kiosk.portal.service_models import DeliveryRequest
from kiosk.sync.delivery import DeliveryNotRequested, PortalDeliveryOrders

ADDRESS = {"recipient_name": "Nguyễn Văn An", "phone": "0912345678", "street": "Số 12 ngõ 34",
           "commune_code": "00166", "commune_name": "Phường Nghĩa Đô", "province_code": "01",
           "province_name": "Thành phố Hà Nội", "postcode": ""}


class FakeOutbox:
    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload

    def load_payload(self, dossier_id: str) -> dict[str, Any]:
        return self.payload


class RecordingPortal:
    def __init__(self) -> None:
        self.calls: list[tuple[str, DeliveryRequest, str]] = []

    def order_delivery(self, code: str, request: DeliveryRequest, key: str) -> Any:
        self.calls.append((code, request, key))
        return type("Order", (), {"tracking_number": "RB123456785VN"})()


def _orders(payload: dict[str, Any], portal: RecordingPortal) -> PortalDeliveryOrders:
    return PortalDeliveryOrders(FakeOutbox(payload), portal)  # type: ignore[arg-type]


def test_the_order_uses_the_chosen_address_and_a_key_stable_across_retries() -> None:
    portal = RecordingPortal()
    orders = _orders({"delivery": {"method": "post", "service": "express", "address": ADDRESS}}, portal)
    assert orders.order_delivery("000.00.00.H26-261130-0001", "d-1") == "RB123456785VN"
    orders.order_delivery("000.00.00.H26-261130-0001", "d-1")
    (code, request, key), (_, _, again) = portal.calls
    assert code == "000.00.00.H26-261130-0001"
    assert request.address.commune_name == "Phường Nghĩa Đô" and request.service == "express"
    assert key == again and uuid.UUID(key).version == 5  # a retry can never make a second parcel


def test_no_order_without_a_postal_choice() -> None:
    orders = _orders({"delivery": {"method": "counter"}}, RecordingPortal())
    with pytest.raises(DeliveryNotRequested):
        orders.order_delivery("000.00.00.H26-261130-0001", "d-1")
