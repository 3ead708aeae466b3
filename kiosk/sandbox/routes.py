"""HTTP routes of the sandbox portal's services (kiosk.sandbox.services): the contract's account, e-ID,
fee, result, postal and pickup operations under /api/v1, and the training controls under
/sandbox/admin/ (never part of the contract, never in openapi.yaml)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from kiosk.domain.codes import parse_dossier_code
from kiosk.domain.postal import parse_tracking_number
from kiosk.sandbox import wire_models as wire
from kiosk.sandbox.api_errors import ApiError
from kiosk.sandbox.catalogue import SandboxCatalogue
from kiosk.sandbox.services import PortalServices

IDEMPOTENCY_KEY_RE = r"^[A-Za-z0-9._:-]{8,128}$"
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")
# Paths a kiosk may call without its token.
OPEN_PATHS = frozenset({"/api/v1/health", "/api/v1/auth/token", "/api/v1/openapi.json"})

_TEXT = {
    200: "Already done earlier with the same Idempotency-Key (duplicate)",
    400: "Malformed request (e.g. missing or bad Idempotency-Key)",
    401: "Missing, unknown or expired token",
    404: "No such record",
    409: "Conflict: the key was used for other content, or the record is not in a state for this",
    410: "Expired or used up",
    422: "Well-formed but not acceptable",
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": wire.ErrorBody, "description": _TEXT[status]} for status in statuses}


def _code(text: str) -> str:
    try:
        return str(parse_dossier_code(text))
    except ValueError as error:
        raise ApiError(422, "invalid_dossier_code", str(error), "Mã hồ sơ không đúng định dạng.") from None


def _key(value: str | None) -> str:
    if not value:
        raise ApiError(400, "missing_idempotency_key", "the Idempotency-Key header is required")
    if not 8 <= len(value) <= 128 or not set(value) <= _KEY_CHARS:
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 8–128 of A–Z a–z 0–9 . _ : -")
    return value


def _json(model: BaseModel, status: int) -> JSONResponse:
    return JSONResponse(model.model_dump(mode="json"), status_code=status)


DossierCodePath = Annotated[
    str, Path(description="As on the receipt", examples=["000.00.00.H26-250701-0001"])
]
IdempotencyHeader = Annotated[
    str | None, Header(alias="Idempotency-Key", description="Made by the kiosk per request; reused on retry")
]


def kiosk_auth(services: PortalServices, *, required: bool) -> Any:
    """An app-wide dependency: a presented kiosk token must be valid; with `required`, one must be there."""

    async def check(request: Request) -> None:
        path = request.url.path
        if not path.startswith("/api/") or path in OPEN_PATHS:
            return
        header = request.headers.get("Authorization")
        if header is None:
            if required:
                raise ApiError(
                    401, "unauthenticated", "this portal needs a kiosk token (POST /api/v1/auth/token)"
                )
            return
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token or services.kiosk_for_token(token.strip()) is None:
            raise ApiError(401, "invalid_token", "the kiosk token is unknown or expired")

    return check


def portal_router(services: PortalServices, catalogue: SandboxCatalogue) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["portal"])

    @router.post(
        "/auth/token",
        response_model=wire.TokenResponse,
        operation_id="issueKioskToken",
        responses=_errors(401),
    )
    def issue_token(body: wire.TokenRequest) -> wire.TokenResponse:
        """Exchange the kiosk's portal-issued credentials for a short-lived bearer token."""
        return services.issue_token(body)

    @router.get(
        "/catalogue/version", response_model=wire.CatalogueVersion, operation_id="getCatalogueVersion"
    )
    def catalogue_version() -> wire.CatalogueVersion:
        """Version and hash of the catalogue, so a kiosk refreshes its cached copy only when they change."""
        return wire.CatalogueVersion(version=catalogue.version, hash=catalogue.hash)

    # --- accounts -----------------------------------------------------------------------------------

    @router.post(
        "/accounts/registrations",
        response_model=wire.OtpChallenge,
        status_code=202,
        operation_id="registerAccount",
        responses=_errors(409, 422),
    )
    def register(body: wire.RegistrationRequest) -> wire.OtpChallenge:
        """Start a portal account registration; a 6-digit OTP goes to the phone by SMS."""
        return services.start_registration(body)

    @router.post(
        "/accounts/links",
        response_model=wire.OtpChallenge,
        status_code=202,
        operation_id="linkAccount",
        responses=_errors(404, 422),
    )
    def link(body: wire.LinkRequest) -> wire.OtpChallenge:
        """Link an existing account (ID number + its phone); an OTP goes to that phone."""
        return services.start_link(body)

    @router.post(
        "/accounts/otp/{challenge_id}/verify",
        response_model=wire.CitizenSession,
        operation_id="verifyOtp",
        responses=_errors(404, 410, 422),
    )
    def verify(challenge_id: str, body: wire.OtpVerifyRequest) -> wire.CitizenSession:
        """Check the OTP; on success the account exists (or is linked) and a citizen session starts."""
        return services.verify_otp(challenge_id, body.otp)

    @router.get(
        "/accounts/me", response_model=wire.Account, operation_id="getAccount", responses=_errors(401)
    )
    def me(
        session: Annotated[str, Header(alias="X-Citizen-Session", description="The citizen session token")],
    ) -> wire.Account:
        """The account behind a citizen session."""
        return services.account_for_session(session)

    @router.post(
        "/eid/login-requests",
        response_model=wire.EidLoginRequest,
        status_code=201,
        operation_id="startEidLogin",
    )
    def start_eid() -> wire.EidLoginRequest:
        """A short-lived login QR for the VNeID app; poll its status until approved, denied or expired."""
        return services.start_eid_login()

    @router.get(
        "/eid/login-requests/{request_id}",
        response_model=wire.EidLoginStatus,
        operation_id="getEidLogin",
        responses=_errors(404),
    )
    def eid_status(request_id: str) -> wire.EidLoginStatus:
        return services.eid_status(request_id)

    # --- fees, results ------------------------------------------------------------------------------

    @router.post(
        "/dossiers/{dossier_code}/payment",
        response_model=wire.PaymentRequest,
        status_code=201,
        operation_id="requestPayment",
        responses={
            200: {"model": wire.PaymentRequest, "description": "Already requested"},
            **_errors(404, 422),
        },
    )
    def request_payment(dossier_code: DossierCodePath) -> JSONResponse:
        """The portal computes the fee and answers with a VietQR payment request (the same one when asked
        again)."""
        payment, created = services.request_payment(_code(dossier_code))
        return _json(payment, 201 if created else 200)

    @router.get(
        "/dossiers/{dossier_code}/payment",
        response_model=wire.PaymentRequest,
        operation_id="getPayment",
        responses=_errors(404, 422),
    )
    def get_payment(dossier_code: DossierCodePath) -> wire.PaymentRequest:
        return services.get_payment(_code(dossier_code))

    @router.get(
        "/dossiers/{dossier_code}/result",
        response_model=wire.ResultDocument,
        operation_id="getResult",
        responses=_errors(404, 409, 422),
    )
    def get_result(dossier_code: DossierCodePath) -> wire.ResultDocument:
        """The electronic result document (metadata); 409 while the dossier has none."""
        return services.result(_code(dossier_code))

    @router.get(
        "/dossiers/{dossier_code}/result/file",
        response_class=Response,
        operation_id="getResultFile",
        responses={
            200: {
                "description": "The result as PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            **_errors(404, 409, 422),
        },
    )
    def get_result_file(dossier_code: DossierCodePath) -> Response:
        result = services.result(_code(dossier_code))
        return Response(services.store.file_bytes(result.sha256), media_type="application/pdf")

    # --- postal delivery and pickup -----------------------------------------------------------------

    @router.post(
        "/postal/quotes", response_model=wire.Quote, operation_id="quoteDelivery", responses=_errors(422)
    )
    def quote(body: wire.QuoteRequest) -> wire.Quote:
        """The postal charge for returning a result to an address (BCCI)."""
        return services.quote(body)

    @router.post(
        "/dossiers/{dossier_code}/delivery",
        response_model=wire.DeliveryOrder,
        status_code=201,
        operation_id="orderDelivery",
        responses={
            200: {"model": wire.DeliveryOrder, "description": _TEXT[200]},
            **_errors(400, 404, 409, 422),
        },
    )
    def order_delivery(
        dossier_code: DossierCodePath,
        body: wire.DeliveryOrderRequest,
        idempotency_key: IdempotencyHeader = None,
    ) -> JSONResponse:
        """Have the result delivered by post. One order per dossier; Idempotency-Key makes retries safe."""
        order, duplicate = services.order_delivery(_code(dossier_code), _key(idempotency_key), body)
        return _json(order, 200 if duplicate else 201)

    @router.get(
        "/dossiers/{dossier_code}/delivery",
        response_model=wire.DeliveryOrder,
        operation_id="getDelivery",
        responses=_errors(404, 422),
    )
    def get_delivery(dossier_code: DossierCodePath) -> wire.DeliveryOrder:
        return services.get_delivery(_code(dossier_code))

    @router.get(
        "/postal/tracking/{tracking_number}",
        response_model=wire.DeliveryOrder,
        operation_id="trackItem",
        responses=_errors(404, 422),
    )
    def track(tracking_number: str) -> wire.DeliveryOrder:
        """Tracking events of an item by its UPU S10 number."""
        try:
            number = str(parse_tracking_number(tracking_number))
        except ValueError as error:
            raise ApiError(
                422, "invalid_tracking_number", str(error), "Số hiệu bưu gửi không đúng."
            ) from None
        return services.tracking(number)

    @router.get("/postal/pickup-slots", response_model=wire.PickupSlots, operation_id="listPickupSlots")
    def pickup_slots(
        day: Annotated[date | None, Query(alias="date", description="YYYY-MM-DD; default tomorrow")] = None,
    ) -> wire.PickupSlots:
        """Slots for a postal worker to collect a paper dossier at home."""
        return services.pickup_slots(day)

    @router.post(
        "/postal/pickups",
        response_model=wire.PickupBooking,
        status_code=201,
        operation_id="bookPickup",
        responses={
            200: {"model": wire.PickupBooking, "description": _TEXT[200]},
            **_errors(400, 409, 422),
        },
    )
    def book_pickup(body: wire.PickupRequest, idempotency_key: IdempotencyHeader = None) -> JSONResponse:
        booking, duplicate = services.book_pickup(_key(idempotency_key), body)
        return _json(booking, 200 if duplicate else 201)

    @router.get(
        "/postal/pickups/{booking_id}",
        response_model=wire.PickupBooking,
        operation_id="getPickup",
        responses=_errors(404),
    )
    def get_pickup(booking_id: str) -> wire.PickupBooking:
        return services.get_pickup(booking_id)

    return router


class _KioskIn(BaseModel):
    kiosk_id: str = Field(min_length=1, max_length=64)


class _StatusIn(BaseModel):
    status: str
    note: str | None = None


class _EventIn(BaseModel):
    code: str
    location: str | None = None


def admin_router(services: PortalServices) -> APIRouter:
    """Training controls: what a portal official, a bank, a phone or a postman would do."""
    router = APIRouter(prefix="/sandbox/admin", include_in_schema=False)

    @router.post("/kiosks")
    def issue_kiosk(body: _KioskIn) -> dict[str, str]:
        return {"kiosk_id": body.kiosk_id, "secret": services.issue_kiosk_credentials(body.kiosk_id)}

    @router.get("/otps")
    def otps() -> list[dict[str, Any]]:
        return services.training_otps()

    @router.post("/eid/{request_id}/approve")
    def approve(request_id: str, citizen: Annotated[dict[str, Any] | None, Body()] = None) -> dict[str, Any]:
        return services.decide_eid(request_id, True, citizen or {}).model_dump(mode="json")

    @router.post("/eid/{request_id}/deny")
    def deny(request_id: str) -> dict[str, Any]:
        return services.decide_eid(request_id, False, {}).model_dump(mode="json")

    @router.post("/payments/{dossier_code}/pay")
    def pay(dossier_code: str) -> dict[str, Any]:
        return services.mark_paid(_code(dossier_code)).model_dump(mode="json")

    @router.post("/dossiers/{dossier_code}/status")
    def set_status(dossier_code: str, body: _StatusIn) -> dict[str, Any]:
        record = services.set_status(_code(dossier_code), body.status, body.note)
        return {"dossier_code": record.dossier_code, "status": record.status}

    @router.post("/tracking/{tracking_number}/events")
    def add_event(tracking_number: str, body: _EventIn) -> dict[str, Any]:
        return services.add_tracking_event(tracking_number, body.code, body.location).model_dump(mode="json")

    return router
