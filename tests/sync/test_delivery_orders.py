"""Ordering the result's delivery by post from the address the citizen chose at the kiosk, against the
real sandbox: the chosen address and service reach the order, and a retry never makes a second parcel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from kiosk.app import KioskServices, build_services
from kiosk.config import load_config
from kiosk.domain.dossier import DeliveryChoice, DeliveryMethod, PostalService
from kiosk.domain.postal import parse_tracking_number
from kiosk.sync.delivery import DeliveryNotRequested, PortalDeliveryOrders
from kiosk.sync.submit import submit_dossier
from tests.sync.test_postal_chain import ADDRESS, BY_POST, make_dossier


@pytest.fixture
def services(tmp_path: Path) -> Iterator[KioskServices]:
    svc = build_services(load_config(data_dir=tmp_path / "data", environ={}))
    yield svc
    svc.close()


def _submitted(services: KioskServices, delivery: DeliveryChoice, key: str) -> tuple[str, str]:
    procedure = services.portal.get_catalogue().find(BY_POST)
    assert procedure is not None
    outcome = submit_dossier(services.outbox, services.portal, make_dossier(procedure, delivery), key)
    assert outcome.dossier_code is not None
    url = f"{services.portal_url}/sandbox/admin/dossiers/{quote(outcome.dossier_code, safe='')}/status"
    requests.post(url, json={"status": "done"}, timeout=10).raise_for_status()
    return outcome.dossier_code, outcome.dossier_id


def test_the_order_uses_the_chosen_address_and_a_key_stable_across_retries(services: KioskServices) -> None:
    code, dossier_id = _submitted(
        services, DeliveryChoice(DeliveryMethod.POST, address=ADDRESS, service=PostalService.EXPRESS),
        "order-0001")
    orders = PortalDeliveryOrders(services.outbox, services.portal)
    first = orders.order_delivery(code, dossier_id)
    assert orders.order_delivery(code, dossier_id) == first, "a retry can never make a second parcel"
    tracking = parse_tracking_number(first)
    assert tracking.check_digit_ok and tracking.service == "EE", "express, as chosen"
    order = services.portal.get_delivery(code)
    assert order.address.commune_name == "Phường Nghĩa Đô" and order.address.recipient_name == "Nguyễn Văn An"


def test_no_order_without_a_postal_choice(services: KioskServices) -> None:
    code, dossier_id = _submitted(services, DeliveryChoice(DeliveryMethod.COUNTER), "order-0002")
    with pytest.raises(DeliveryNotRequested):
        PortalDeliveryOrders(services.outbox, services.portal).order_delivery(code, dossier_id)
