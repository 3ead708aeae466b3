"""The postal chain end to end with the production wiring (kiosk.app.build_services) against the real
sandbox over HTTP: choose post → submit (the delivery travels in the submission) → pay → the sandbox
marks the dossier `done` → the real worker orders the delivery → the tracking number is stored and the
portal shows the order. Also: the status vocabulary shared by sandbox and worker, home pickup booked at
submission, the citizen's session, purge keeping a dossier until its postal order is placed."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from kiosk.app import KioskServices, build_services, retention_periods
from kiosk.config import KioskConfig, load_config
from kiosk.domain.dossier import (
    DeliveryChoice,
    DeliveryMethod,
    Dossier,
    DossierDocument,
    PortalSessionRef,
    PostageFeePayment,
    PostalAddress,
)
from kiosk.domain.postal import parse_tracking_number
from kiosk.portal.models import Catalogue, PortalStatus, Procedure
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sandbox.samples import SAMPLE_APPLICANT, sample_answers, tiny_pdf
from kiosk.sandbox.services import STATUSES
from kiosk.sync.submit import DossierRefused, check_against, queue_dossier, submit_dossier
from kiosk.sync.worker import STATUS_HANDLING, StatusHandling, handling_of

ADDRESS = PostalAddress(recipient_name="Nguyễn Văn An", phone="0912345678", street="Số 12 ngõ 34",
                        commune_code="00166", commune_name="Phường Nghĩa Đô", province_code="01",
                        province_name="Thành phố Hà Nội")
BY_POST = "1.004194.000.00.00.H26"  # Đăng ký thường trú: fee, result by post


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    return load_config(data_dir=tmp_path / "data", environ={})


@pytest.fixture
def services(config: KioskConfig) -> Iterator[KioskServices]:
    svc = build_services(config)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_json(json.loads(load_seed_catalogue().body))


def make_dossier(procedure: Procedure, delivery: DeliveryChoice, **extra: Any) -> Dossier:
    applicant = dict(SAMPLE_APPLICANT)
    documents = tuple(
        DossierDocument(doc.type_code, f"{doc.type_code}.pdf", "application/pdf", tiny_pdf(doc.type_code),
                        {"owner_id_number": applicant["id_number"], "document_name": doc.type_code})
        for doc in procedure.documents if doc.mandatory
    )
    return Dossier(procedure_code=procedure.code, applicant=applicant,
                   answers=sample_answers(procedure, applicant), documents=documents, delivery=delivery,
                   fee_vnd=procedure.fee_vnd, **extra)


def admin(services: KioskServices, path: str, body: dict[str, Any] | None = None) -> Any:
    url = f"{services.portal_url}/sandbox/admin/{path}"
    response = requests.post(url, json=body, timeout=10) if body is not None or "pay" in path \
        else requests.get(url, timeout=10)
    response.raise_for_status()
    return response.json()


def on_portal(services: KioskServices, code: str) -> dict[str, Any]:
    return next(d for d in admin(services, "dossiers") if d["dossier_code"] == code)


def test_every_status_the_sandbox_can_emit_is_handled_by_the_worker() -> None:
    assert set(STATUSES) == {status.value for status in PortalStatus}
    assert set(STATUS_HANDLING) == set(PortalStatus), "a contract status the worker does not handle"
    assert STATUS_HANDLING[PortalStatus.DONE] is StatusHandling.RESULT_READY
    assert handling_of("completed") is StatusHandling.KEEP_PULLING, "a word outside the contract: not done"
    contract = (Path(__file__).resolve().parents[2] / "kiosk" / "portal" / "openapi.yaml").read_text("utf-8")
    enum_block = contract[contract.index("    PortalStatus:"):]
    for status in PortalStatus:
        assert f'- "{status.value}"' in enum_block[:600], f"openapi.yaml lacks {status.value}"


def test_post_pay_done_then_the_real_worker_orders_delivery(
    services: KioskServices, catalogue: Catalogue
) -> None:
    procedure = catalogue.find(BY_POST)
    assert procedure is not None and procedure.postal_return_allowed and procedure.fee_vnd > 0
    delivery = DeliveryChoice(DeliveryMethod.POST, address=ADDRESS, postal_fee_vnd=16_500,
                              fee_payment=PostageFeePayment.VIETQR)
    outcome = submit_dossier(services.outbox, services.portal, make_dossier(procedure, delivery), "post-0001")
    code = outcome.dossier_code
    assert code is not None
    seen = on_portal(services, code)
    assert seen["delivery_method"] == "post" and seen["delivery_order"] is None, "the choice travels along"

    payment = services.portal.request_payment(code)
    items = {item.code: item.amount_vnd for item in payment.items}
    assert items["CUOC_BUU_CHINH"] == 16_500 and payment.amount_vnd == procedure.fee_vnd + 16_500, \
        "the postage is part of the VietQR payment"
    admin(services, f"payments/{quote(code, safe='')}/pay")
    worker = services.worker
    assert worker is not None and worker.delivery is not None, "the composition root wires delivery"
    services.outbox.record_server_status(outcome.entry_id, "processing", None)
    admin(services, f"dossiers/{quote(code, safe='')}/status", {"status": "done", "note": "Đã có kết quả"})
    _due_now(services, outcome.entry_id)

    summary = worker.run_once()
    assert summary.deliveries == 1
    item = services.outbox.get(outcome.entry_id)
    assert item.server_status == "done" and item.next_status_at is None
    assert item.delivery_ref is not None
    assert parse_tracking_number(item.delivery_ref).check_digit_ok  # a valid UPU S10 number
    order = on_portal(services, code)["delivery_order"]
    assert order["tracking_number"] == item.delivery_ref

    tracked = services.portal.get_delivery(code)
    assert tracked.tracking_number == item.delivery_ref
    assert [e.code for e in tracked.events][:1] == ["accepted"]
    assert worker.run_once().deliveries == 0, "one parcel, however many rounds"


def test_purge_keeps_a_dossier_until_its_postal_order_is_placed(
    services: KioskServices, catalogue: Catalogue, config: KioskConfig
) -> None:
    procedure = catalogue.find(BY_POST)
    assert procedure is not None
    delivery = DeliveryChoice(DeliveryMethod.POST, address=ADDRESS, postal_fee_vnd=16_500,
                              fee_payment=PostageFeePayment.CASH_ON_DELIVERY)
    outcome = submit_dossier(services.outbox, services.portal, make_dossier(procedure, delivery), "post-0002")
    assert outcome.dossier_code is not None
    purge_now = dataclasses.replace(retention_periods(config), sent=retention_periods(config).sent * 0)
    report = services.outbox.purge(purge_now)
    assert outcome.dossier_id not in report.dossier_ids, "waiting for its postal order: kept (sealed)"
    code = outcome.dossier_code
    admin(services, f"payments/{quote(code, safe='')}/pay")
    admin(services, f"dossiers/{quote(code, safe='')}/status", {"status": "done"})
    _due_now(services, outcome.entry_id)
    assert services.worker is not None and services.worker.run_once().deliveries == 1
    assert outcome.dossier_id in services.outbox.purge(purge_now).dossier_ids, "ordered: now it may go"


def test_home_pickup_is_booked_at_submission_only_where_postal_submission_is_allowed(
    services: KioskServices, catalogue: Catalogue
) -> None:
    both = [p for p in catalogue.procedures if p.postal_submission_allowed and p.postal_return_allowed]
    neither = [p for p in catalogue.procedures if p.postal_return_allowed and not p.postal_submission_allowed]
    assert both and neither
    # The first day ahead with a free slot (none on Sundays: on a Saturday "tomorrow" has none; real clock).
    today = datetime.now(UTC).date()
    days = [today + timedelta(days=ahead) for ahead in range(1, 8)]
    slot = next(s for day in days for s in services.portal.pickup_slots(day) if s.available)
    pickup = DeliveryChoice(DeliveryMethod.PICKUP, address=ADDRESS, postal_fee_vnd=16_500,
                            fee_payment=PostageFeePayment.CASH_ON_DELIVERY, pickup_slot_id=slot.slot_id)
    with pytest.raises(DossierRefused, match="paper dossier by post"):
        check_against(neither[0], make_dossier(neither[0], pickup))
    dossier = make_dossier(both[0], pickup)
    check_against(both[0], dossier)
    outcome = submit_dossier(services.outbox, services.portal, dossier, "pickup-0001")
    assert outcome.dossier_code is not None
    booking_id = on_portal(services, outcome.dossier_code)["pickup_booking_id"]
    assert booking_id
    booking = requests.get(f"{services.portal_url}/api/v1/postal/pickups/{booking_id}", timeout=10).json()
    assert booking["slot"]["slot_id"] == slot.slot_id and booking["status"] == "confirmed"


def test_a_dossier_filed_after_login_is_under_the_citizens_account(
    services: KioskServices, catalogue: Catalogue
) -> None:
    eid = services.portal.start_eid_login()
    admin(services, f"eid/{eid.request_id}/approve", {"id_number": SAMPLE_APPLICANT["id_number"],
                                                      "full_name": SAMPLE_APPLICANT["full_name"]})
    session = services.portal.poll_eid_login(eid.request_id).session
    assert session is not None
    procedure = catalogue.find(BY_POST)
    assert procedure is not None
    dossier = make_dossier(procedure, DeliveryChoice(DeliveryMethod.ONLINE),
                           portal_session=PortalSessionRef(session.session_token, session.account.account_id))
    assert session.session_token not in repr(dossier) and "token" not in json.dumps(dossier.payload())
    outcome = submit_dossier(services.outbox, services.portal, dossier, "login-0001")
    assert outcome.dossier_code is not None
    assert on_portal(services, outcome.dossier_code)["owner_account"] == session.account.account_id
    sealed = services.outbox.load_payload(outcome.dossier_id)
    assert session.session_token not in json.dumps(sealed), "the session never reaches the disk"
    expired = make_dossier(procedure, DeliveryChoice(), portal_session=PortalSessionRef("expired-token", "x"))
    late = submit_dossier(services.outbox, services.portal, expired, "login-0002")
    assert late.dossier_code is not None, "an expired login does not hold the dossier back"
    assert on_portal(services, late.dossier_code)["owner_account"] is None
    later = queue_dossier(services.outbox, make_dossier(procedure, DeliveryChoice()), "kiosk-0001")
    assert services.worker is not None and services.worker.run_once().sent == 1
    code = services.outbox.for_dossier(later).dossier_code
    assert code is not None and on_portal(services, code)["owner_account"] is None


def _due_now(services: KioskServices, entry_id: int) -> None:
    """Make the entry's next status pull due now (the worker waits status_interval_s otherwise)."""
    from datetime import timedelta

    services.outbox.record_server_status(entry_id, services.outbox.get(entry_id).server_status or "received",
                                         timedelta(seconds=-1))


def test_a_dossier_marked_needs_more_information_is_supplemented_once(
    services: KioskServices, catalogue: Catalogue
) -> None:
    from kiosk.portal.errors import PortalRejected
    from kiosk.sync.supplement import supplement_dossier

    procedure = catalogue.find(BY_POST)
    assert procedure is not None
    outcome = submit_dossier(services.outbox, services.portal, make_dossier(procedure, DeliveryChoice()),
                             "supp-0001")
    code = outcome.dossier_code
    assert code is not None
    extra = (DossierDocument("CT01", "bo-sung.pdf", "application/pdf", tiny_pdf("bo sung"), {}),)
    with pytest.raises(PortalRejected):  # not asked for anything: nothing to add
        supplement_dossier(services.portal, code, extra)
    admin(services, f"dossiers/{quote(code, safe='')}/status",
          {"status": "needs_more_information", "note": "Thiếu giấy xác nhận chỗ ở"})
    first = supplement_dossier(services.portal, code, extra, note="Bổ sung giấy xác nhận")
    again = supplement_dossier(services.portal, code, extra, note="Bổ sung giấy xác nhận")
    assert first.status == "processing" and not first.duplicate and again.duplicate
    history = services.portal.get_dossier(code).history
    assert [h.status for h in history][-2:] == ["needs_more_information", "processing"]
    assert handling_of(services.portal.get_dossier(code).status) is StatusHandling.KEEP_PULLING
