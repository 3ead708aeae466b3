"""The portal services end to end: PortalClient against a real SandboxServer over HTTP, with the sandbox's
training controls (/sandbox/admin/) standing in for the phone, the bank, the official and the postman."""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import requests

from kiosk.domain.postal import parse_tracking_number
from kiosk.domain.vietqr import parse_payload
from kiosk.portal import (
    KioskAuth,
    PortalAPI,
    PortalClient,
    PortalConflict,
    PortalExpired,
    PortalNotReady,
    PortalRejected,
    PortalUnauthorized,
    RetryPolicy,
)
from kiosk.portal.service_models import Address, DeliveryRequest, PickupRequest, Registration
from kiosk.sandbox.samples import sample_submission
from kiosk.sandbox.server import SandboxServer
from tests.memory_keyring import MemoryKeyring
from tests.sandbox.conftest import FakeClock

BIRTH = "1.001193.000.00.00.H26"
JUDICIAL = "2.000488.000.00.00.H26"
FAST = RetryPolicy(attempts=2, first_delay=0.01, max_delay=0.01)
ADDRESS = Address(
    recipient_name="Nguyễn Văn An",
    phone="0912345678",
    street="Số 1 Tràng Tiền",
    commune_code="00070",
    commune_name="Phường Hoàn Kiếm",
    province_code="01",
    province_name="Hà Nội",
    postcode="11000",
)


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[PortalClient]:
    with PortalClient(sandbox.base_url, timeout=10, retry=FAST) as portal:
        yield portal


def admin(sandbox: SandboxServer, http: requests.Session, method: str, path: str, **kw: object) -> object:
    response = http.request(method, f"{sandbox.base_url}/sandbox/admin{path}", timeout=10, **kw)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    return response.json()


def submit(client: PortalClient, code: str) -> str:
    procedure = client.get_catalogue().find(code)
    assert procedure is not None
    return client.submit_dossier(sample_submission(procedure)).dossier_code


def test_the_http_client_implements_the_portal_interface(client: PortalClient) -> None:
    assert isinstance(client, PortalAPI)


def test_register_with_otp_then_link_and_session(
    client: PortalClient, sandbox: SandboxServer, http: requests.Session
) -> None:
    registration = Registration("001089012345", "Nguyễn Văn An", date(1989, 7, 15), "0912345678")
    challenge = client.register_account(registration)
    assert challenge.purpose == "register" and challenge.phone_masked == "091****678"
    otps = admin(sandbox, http, "GET", "/otps")
    assert isinstance(otps, list)
    otp = next(item["otp"] for item in otps if item["challenge_id"] == challenge.challenge_id)
    wrong = "000000" if otp != "000000" else "111111"
    with pytest.raises(PortalRejected) as excinfo:
        client.verify_otp(challenge.challenge_id, wrong)
    assert excinfo.value.code == "otp_wrong"
    assert "còn 4 lần" in str(excinfo.value.notice.params["reason"])
    session = client.verify_otp(challenge.challenge_id, otp)
    assert session.account.full_name == "Nguyễn Văn An" and session.account.level == "portal"
    assert session.session_token not in repr(session)
    with pytest.raises(PortalExpired):  # an OTP works once
        client.verify_otp(challenge.challenge_id, otp)
    with pytest.raises(PortalConflict):  # the ID already has an account
        client.register_account(registration)
    link = client.link_account("001089012345", "0912345678")
    otp = next(
        i["otp"] for i in admin(sandbox, http, "GET", "/otps") if i["challenge_id"] == link.challenge_id
    )  # type: ignore[attr-defined]
    assert client.verify_otp(link.challenge_id, otp).account.account_id == session.account.account_id
    me = http.get(
        f"{sandbox.base_url}/api/v1/accounts/me",
        headers={"X-Citizen-Session": session.session_token},
        timeout=10,
    )
    assert me.json()["id_number"] == "001089012345"


def test_otp_expires(
    client: PortalClient, sandbox: SandboxServer, http: requests.Session, clock: FakeClock
) -> None:
    challenge = client.register_account(
        Registration("079305001234", "Trần Thị Bích Ngọc", date(2005, 3, 2), "0987654321")
    )
    otp = next(
        i["otp"] for i in admin(sandbox, http, "GET", "/otps") if i["challenge_id"] == challenge.challenge_id
    )  # type: ignore[attr-defined]
    clock.advance(minutes=6)
    with pytest.raises(PortalExpired) as excinfo:
        client.verify_otp(challenge.challenge_id, otp)
    assert excinfo.value.notice.code == "portal.expired"


def test_eid_login_by_qr(
    client: PortalClient, sandbox: SandboxServer, http: requests.Session, clock: FakeClock
) -> None:
    login = client.start_eid_login()
    assert login.request_id in login.qr_payload and login.poll_interval_s > 0
    assert client.poll_eid_login(login.request_id).status == "pending"
    admin(
        sandbox,
        http,
        "POST",
        f"/eid/{login.request_id}/approve",
        json={"id_number": "048156000777", "full_name": "Đặng Thị Hồng"},
    )
    status = client.poll_eid_login(login.request_id)
    assert status.status == "approved" and status.session is not None
    assert status.session.account.level == "eid" and status.session.account.full_name == "Đặng Thị Hồng"
    late = client.start_eid_login()
    clock.advance(minutes=3)
    assert client.poll_eid_login(late.request_id).status == "expired"


def test_fee_with_vietqr_gates_processing_until_paid(
    client: PortalClient, sandbox: SandboxServer, http: requests.Session, clock: FakeClock
) -> None:
    code = submit(client, JUDICIAL)
    payment = client.request_payment(code)
    assert payment.status == "pending" and payment.amount_vnd >= 200_000
    assert payment.amount_vnd == sum(item.amount_vnd for item in payment.items)
    assert payment.vietqr is not None
    qr = parse_payload(payment.vietqr)
    assert qr.amount_vnd == payment.amount_vnd and qr.purpose == code
    assert client.request_payment(code) == payment  # asking again is the same request
    clock.advance(hours=1)
    assert client.get_dossier(code).status == "received"  # unpaid: nothing moves
    admin(sandbox, http, "POST", f"/payments/{code}/pay")
    assert client.get_payment(code).status == "paid"
    clock.advance(minutes=5)
    assert client.get_dossier(code).status == "done"


def test_simulated_processing_result_pdf_and_postal_delivery(
    client: PortalClient, sandbox: SandboxServer, clock: FakeClock
) -> None:
    code = submit(client, BIRTH)
    assert client.request_payment(code).status == "not_required"
    with pytest.raises(PortalNotReady):
        client.get_result(code)
    quote = client.quote_delivery(DeliveryRequest(ADDRESS, "express", cod_amount_vnd=50_000))
    assert quote.service_code == "ETN011" and quote.total_vnd == quote.fee_vnd + quote.cod_fee_vnd
    key = str(uuid.uuid4())
    order = client.order_delivery(code, DeliveryRequest(ADDRESS, "express", cod_amount_vnd=50_000), key)
    assert parse_tracking_number(order.tracking_number).check_digit_ok
    assert order.tracking_number.endswith("VN") and order.events == ()
    assert (
        client.order_delivery(code, DeliveryRequest(ADDRESS, "express", cod_amount_vnd=50_000), key) == order
    )
    with pytest.raises(PortalConflict):
        client.order_delivery(code, DeliveryRequest(ADDRESS, "economy"), key)

    clock.advance(seconds=31)
    assert client.get_dossier(code).status == "processing"
    clock.advance(minutes=2)
    status = client.get_dossier(code)
    assert [h.status for h in status.history] == ["received", "processing", "done"]
    assert status.result_ready
    result = client.get_result(code)
    assert result.document_code.startswith("001089012345.") and result.by_post
    assert result.tracking_number == order.tracking_number
    pdf = client.download_result(result)
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == result.sha256
    assert _qr_text_in_pdf(pdf) == result.document_code

    clock.advance(minutes=10)
    tracked = client.track(order.tracking_number.lower())
    assert [e.code for e in tracked.events] == ["accepted", "in_transit", "out_for_delivery", "delivered"]
    assert tracked.events[-1].description.vi == "Đã phát thành công"


def _qr_text_in_pdf(pdf: bytes) -> str:
    import pikepdf
    import zxingcpp
    from PIL import Image

    with pikepdf.open(io.BytesIO(pdf)) as document:
        image = next(iter(document.pages[0].get_images().values()))
        pil = pikepdf.PdfImage(image).as_pil_image()
    assert isinstance(pil, Image.Image)
    found = zxingcpp.read_barcodes(pil)
    assert found, "no QR code on the result page"
    return str(found[0].text)


def test_official_asks_for_more_information(
    client: PortalClient, sandbox: SandboxServer, http: requests.Session, clock: FakeClock
) -> None:
    code = submit(client, BIRTH)
    admin(
        sandbox,
        http,
        "POST",
        f"/dossiers/{code}/status",
        json={"status": "needs_more_information", "note": "Thiếu giấy chứng sinh"},
    )
    clock.advance(hours=1)
    status = client.get_dossier(code)
    assert status.status == "needs_more_information" and status.history[-1].note == "Thiếu giấy chứng sinh"


def test_postal_return_is_refused_where_the_procedure_forbids_it(client: PortalClient) -> None:
    code = submit(client, "1.000894.000.00.00.H26")  # marriage: both partners collect in person
    with pytest.raises(PortalRejected) as excinfo:
        client.order_delivery(code, DeliveryRequest(ADDRESS), str(uuid.uuid4()))
    assert excinfo.value.code == "postal_return_not_allowed"


def test_home_pickup_slots_and_booking(client: PortalClient, clock: FakeClock) -> None:
    tomorrow = clock().date() + timedelta(days=1)
    slots = client.pickup_slots(tomorrow)
    assert len(slots) == 4 and all(slot.available for slot in slots)
    request = PickupRequest(slots[0].slot_id, ADDRESS, procedure_code=BIRTH)
    first = client.book_pickup(request, "pickup-key-0001")
    assert first.status == "confirmed" and len(first.confirmation_code) == 6
    assert client.book_pickup(request, "pickup-key-0001") == first  # a retry
    client.book_pickup(request, "pickup-key-0002")
    assert not client.pickup_slots(tomorrow)[0].available  # two per slot
    with pytest.raises(PortalRejected) as excinfo:
        client.book_pickup(request, "pickup-key-0003")
    assert excinfo.value.code == "slot_unavailable"
    assert "Khung giờ này không còn chỗ" in str(excinfo.value.notice.params["reason"])


def test_kiosk_token_from_the_keyring(tmp_path: object, clock: FakeClock) -> None:
    ring = MemoryKeyring()
    with SandboxServer(None, clock=clock, require_kiosk_auth=True) as server, requests.Session() as http:
        secret = http.post(
            f"{server.base_url}/sandbox/admin/kiosks", json={"kiosk_id": "KIOSK-HN-01"}, timeout=10
        ).json()["secret"]
        anonymous = PortalClient(server.base_url, retry=FAST)
        with pytest.raises(PortalUnauthorized) as excinfo:
            anonymous.get_catalogue()
        assert excinfo.value.notice.code == "portal.unauthorized"
        anonymous.health()  # open to monitors

        auth = KioskAuth("KIOSK-HN-01", backend=ring)
        auth.store_secret(secret)
        with PortalClient(server.base_url, retry=FAST, auth=auth) as portal:
            assert len(portal.get_catalogue().procedures) >= 20
            token = auth.token()
            assert token and ring.secrets[(auth.service, "token:KIOSK-HN-01")].endswith(token)
            # The portal forgets the token (e.g. a restart): the client fetches a new one by itself.
            http.post(f"{server.base_url}/sandbox/admin/kiosks", json={"kiosk_id": "KIOSK-HN-01"}, timeout=10)
            with pytest.raises(PortalUnauthorized):
                portal.get_catalogue_version()  # the old secret no longer works either
        auth.store_secret("wrong-secret-wrong-secret")
        with (
            PortalClient(server.base_url, retry=FAST, auth=auth) as portal,
            pytest.raises(PortalUnauthorized),
        ):
            portal.get_catalogue()
