"""HTTP client for the portal contract (kiosk/portal/openapi.yaml), built on requests.

Every call has a timeout, TLS verification stays on, redirects are not followed (an API that redirects
is misconfigured, and following a redirect would turn a POST into a GET), and every failure is one of
the `kiosk.portal.errors` types — callers never see a requests exception or a JSONDecodeError.

Retries are explicit (`RetryPolicy`): GETs are retried on retryable errors; the dossier POST is retried
too because the portal de-duplicates it by its Idempotency-Key (a retry after a lost answer returns the
original dossier with ``duplicate: true``). Nothing that is not idempotent is ever retried here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import requests

from kiosk.portal import bounded
from kiosk.portal.auth import KioskAuth
from kiosk.portal.bounded import ResponseLimits
from kiosk.portal.errors import (
    PortalBadResponse,
    PortalConflict,
    PortalError,
    PortalExpired,
    PortalNotFound,
    PortalNotReady,
    PortalRejected,
    PortalUnauthorized,
    PortalUnavailable,
)
from kiosk.portal.models import Catalogue, DocumentUpload, DossierStatus, DossierSubmission, SubmissionResult
from kiosk.portal.service_models import (
    CatalogueVersion,
    CitizenSession,
    DeliveryOrder,
    DeliveryRequest,
    EidLogin,
    EidLoginStatus,
    OtpChallenge,
    PaymentRequest,
    PickupBooking,
    PickupRequest,
    PickupSlot,
    Quote,
    Registration,
    ResultDocument,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

API_PREFIX = "/api/v1"
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_USER_AGENT = "kiosk-dichvucong/0.1"
# Statuses that mean "busy or briefly broken, come back later" even though some are 4xx.
_TRANSIENT_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class RetryPolicy:
    """How often one call is tried. Delays double from `first_delay` up to `max_delay`. The outbox worker
    has its own, much longer back-off; this only smooths over a blip within one call."""

    attempts: int = 3
    first_delay: float = 0.5
    max_delay: float = 4.0
    retry_submit: bool = True  # safe only because the portal honours Idempotency-Key

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("a call needs at least one attempt")

    def delay(self, failed_attempts: int) -> float:
        return float(min(self.max_delay, self.first_delay * (2 ** (failed_attempts - 1))))

    @classmethod
    def no_retry(cls) -> RetryPolicy:
        return cls(attempts=1)

    @classmethod
    def from_config(cls, portal: Any) -> RetryPolicy:
        """From kiosk.config.PortalConfig (duck-typed: the portal layer does not import the config)."""
        return cls(attempts=int(portal.retry_attempts), first_delay=float(portal.retry_first_s),
                   max_delay=float(portal.retry_max_s))


class PortalClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        auth: KioskAuth | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"portal base URL must be http(s)://host[:port][/path], got {base_url!r}")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry if retry is not None else RetryPolicy()
        self._sleep = sleep
        self.auth = auth
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        # A caller may point verify at a CA bundle, but never switch it off: dossiers hold personal data.
        if self._session.verify is False:
            raise ValueError("TLS certificate verification must stay on for the portal session")
        self._session.headers.setdefault("User-Agent", _USER_AGENT)
        # Size, total time and JSON depth of every answer are bounded (kiosk.portal.bounded).
        self.limits = ResponseLimits.for_timeout(timeout)
        bounded.mount(self._session)

    # --- public API ---------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        body = self._call("GET", "/health", expect=(200,), idempotent=True)
        if not isinstance(body, dict) or not isinstance(body.get("status"), str):
            raise PortalBadResponse("GET /health: body is not an object with a status")
        return body

    def get_catalogue(self) -> Catalogue:
        body = self._call("GET", "/catalogue", expect=(200,), idempotent=True)
        return _parse("GET /catalogue", Catalogue.from_json, body)

    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult:
        if not IDEMPOTENCY_KEY_RE.fullmatch(sub.idempotency_key):
            raise ValueError("idempotency key must be 8–128 characters of A–Z a–z 0–9 . _ : -")
        manifest = sub.manifest_bytes()

        def files() -> list[tuple[str, tuple[str | None, bytes, str]]]:
            # Rebuilt for every attempt. The part's own filename is ASCII on purpose: the real (Vietnamese)
            # filename travels in the JSON manifest, which has no header-encoding pitfalls.
            parts: list[tuple[str, tuple[str | None, bytes, str]]] = [
                ("dossier", (None, manifest, "application/json; charset=utf-8"))
            ]
            for index, doc in enumerate(sub.documents):
                name = DossierSubmission.part_name(index)
                parts.append((name, (name, doc.content, doc.content_type)))
            return parts

        body = self._call(
            "POST",
            "/dossiers",
            expect=(200, 201),
            idempotent=self.retry.retry_submit,
            headers={"Idempotency-Key": sub.idempotency_key,
                     **({"X-Citizen-Session": sub.citizen_session} if sub.citizen_session else {})},
            files_factory=files,
        )
        return _parse("POST /dossiers", SubmissionResult.from_json, body)

    def supplement_dossier(
        self, code: str, documents: Sequence[DocumentUpload], idempotency_key: str, note: str | None = None
    ) -> SubmissionResult:
        """Add documents to a dossier the portal marked "cần bổ sung" (needs_more_information); the same
        key and documents again is a duplicate, not a second supplement."""
        if not IDEMPOTENCY_KEY_RE.fullmatch(idempotency_key):
            raise ValueError("idempotency key must be 8–128 characters of A–Z a–z 0–9 . _ : -")
        manifest = json.dumps({
            "documents": [
                {"part": DossierSubmission.part_name(i), "type_code": d.type_code, "filename": d.filename,
                 "content_type": d.content_type, "sha256": d.sha256, "size": d.size,
                 "metadata": dict(d.metadata)}
                for i, d in enumerate(documents)
            ],
            "note": note,
        }, ensure_ascii=False).encode("utf-8")

        def files() -> list[tuple[str, tuple[str | None, bytes, str]]]:
            parts: list[tuple[str, tuple[str | None, bytes, str]]] = [
                ("supplement", (None, manifest, "application/json; charset=utf-8"))
            ]
            for index, doc in enumerate(documents):
                name = DossierSubmission.part_name(index)
                parts.append((name, (name, doc.content, doc.content_type)))
            return parts

        body = self._call("POST", f"/dossiers/{quote(code.strip(), safe='')}/supplements", expect=(200, 201),
                          idempotent=self.retry.retry_submit, headers={"Idempotency-Key": idempotency_key},
                          files_factory=files)
        return _parse("POST /dossiers/{code}/supplements", SubmissionResult.from_json, body)

    def get_dossier(self, code: str) -> DossierStatus:
        body = self._call("GET", f"/dossiers/{quote(code.strip(), safe='')}", expect=(200,), idempotent=True)
        return _parse("GET /dossiers/{code}", DossierStatus.from_json, body)

    # --- kiosk authentication -----------------------------------------------------------------------

    def authenticate(self) -> None:
        """Trade the kiosk's secret (keyring) for a token (keyring). Called by itself when needed."""
        if self.auth is None:
            raise ValueError("this client has no kiosk credentials (auth=KioskAuth(...))")
        secret = self.auth.secret()
        if not secret:
            raise PortalUnauthorized("no kiosk secret in the keyring; the kiosk must be commissioned first")
        body = self._call(
            "POST",
            "/auth/token",
            expect=(200,),
            idempotent=True,
            json_body={"kiosk_id": self.auth.kiosk_id, "secret": secret},
            authenticate=False,
        )
        token, expires_in = (body or {}).get("access_token"), (body or {}).get("expires_in")
        if not isinstance(token, str) or not isinstance(expires_in, int):
            raise PortalBadResponse("POST /auth/token: no access_token / expires_in")
        self.auth.store_token(token, expires_in)

    # --- catalogue versions -------------------------------------------------------------------------

    def get_catalogue_version(self) -> CatalogueVersion:
        body = self._call("GET", "/catalogue/version", expect=(200,), idempotent=True)
        return _parse("GET /catalogue/version", CatalogueVersion.from_json, body)

    # --- citizen accounts and e-ID login --------------------------------------------------------------
    # Account creation and OTP checks are not retried: a lost answer is handled by asking the citizen.

    def register_account(self, registration: Registration) -> OtpChallenge:
        body = self._call(
            "POST",
            "/accounts/registrations",
            expect=(202,),
            idempotent=False,
            json_body=registration.to_json(),
        )
        return _parse("POST /accounts/registrations", OtpChallenge.from_json, body)

    def link_account(self, id_number: str, phone: str, *, applicant_type: str = "citizen",
                     nationality: str | None = None) -> OtpChallenge:
        """`id_number` is the account's identifier: the passport number for a foreigner (with
        `nationality`), the enterprise / tax code for an organisation."""
        key = {"foreigner": "passport_number", "organisation": "organisation_code"}.get(applicant_type,
                                                                                       "id_number")
        request: dict[str, Any] = {key: id_number, "phone": phone}
        if applicant_type == "foreigner":
            request["nationality"] = nationality
        body = self._call(
            "POST",
            "/accounts/links",
            expect=(202,),
            idempotent=False,
            json_body=request,
        )
        return _parse("POST /accounts/links", OtpChallenge.from_json, body)

    def verify_otp(self, challenge_id: str, otp: str) -> CitizenSession:
        """The OTP goes straight to the portal; it is never kept or logged."""
        body = self._call(
            "POST",
            f"/accounts/otp/{_seg(challenge_id)}/verify",
            expect=(200,),
            idempotent=False,
            json_body={"otp": otp.strip()},
        )
        return _parse("POST /accounts/otp/{id}/verify", CitizenSession.from_json, body)

    def start_eid_login(self) -> EidLogin:
        body = self._call("POST", "/eid/login-requests", expect=(201,), idempotent=False)
        return _parse("POST /eid/login-requests", EidLogin.from_json, body)

    def poll_eid_login(self, request_id: str) -> EidLoginStatus:
        body = self._call("GET", f"/eid/login-requests/{_seg(request_id)}", expect=(200,), idempotent=True)
        return _parse("GET /eid/login-requests/{id}", EidLoginStatus.from_json, body)

    # --- fees and results ---------------------------------------------------------------------------

    def request_payment(self, dossier_code: str) -> PaymentRequest:
        """The portal computes the fee; asking again returns the same request, so retrying is safe."""
        body = self._call(
            "POST", f"/dossiers/{_seg(dossier_code)}/payment", expect=(200, 201), idempotent=True
        )
        return _parse("POST /dossiers/{code}/payment", PaymentRequest.from_json, body)

    def get_payment(self, dossier_code: str) -> PaymentRequest:
        body = self._call("GET", f"/dossiers/{_seg(dossier_code)}/payment", expect=(200,), idempotent=True)
        return _parse("GET /dossiers/{code}/payment", PaymentRequest.from_json, body)

    def get_result(self, dossier_code: str) -> ResultDocument:
        """PortalNotReady while the dossier has no result yet."""
        body = self._call("GET", f"/dossiers/{_seg(dossier_code)}/result", expect=(200,), idempotent=True)
        return _parse("GET /dossiers/{code}/result", ResultDocument.from_json, body)

    def download_result(self, result: ResultDocument) -> bytes:
        """The result PDF, checked against the SHA-256 and size the portal declared."""
        content = self._call(
            "GET",
            f"/dossiers/{_seg(result.dossier_code)}/result/file",
            expect=(200,),
            idempotent=True,
            raw=True,
        )
        if len(content) != result.size or hashlib.sha256(content).hexdigest() != result.sha256:
            raise PortalBadResponse("GET /dossiers/{code}/result/file: the file does not match its SHA-256")
        return bytes(content)

    # --- postal delivery (BCCI) and home pickup -----------------------------------------------------

    def quote_delivery(self, request: DeliveryRequest) -> Quote:
        body = self._call(
            "POST", "/postal/quotes", expect=(200,), idempotent=True, json_body=request.to_json()
        )
        return _parse("POST /postal/quotes", Quote.from_json, body)

    def order_delivery(
        self, dossier_code: str, request: DeliveryRequest, idempotency_key: str
    ) -> DeliveryOrder:
        """One order per dossier. Reuse the same key on every retry: the portal answers a retry with the
        original order."""
        _check_key(idempotency_key)
        body = self._call(
            "POST",
            f"/dossiers/{_seg(dossier_code)}/delivery",
            expect=(200, 201),
            idempotent=True,
            json_body=request.to_json(),
            headers={"Idempotency-Key": idempotency_key},
        )
        return _parse("POST /dossiers/{code}/delivery", DeliveryOrder.from_json, body)

    def get_delivery(self, dossier_code: str) -> DeliveryOrder:
        body = self._call("GET", f"/dossiers/{_seg(dossier_code)}/delivery", expect=(200,), idempotent=True)
        return _parse("GET /dossiers/{code}/delivery", DeliveryOrder.from_json, body)

    def track(self, tracking_number: str) -> DeliveryOrder:
        body = self._call("GET", f"/postal/tracking/{_seg(tracking_number)}", expect=(200,), idempotent=True)
        return _parse("GET /postal/tracking/{number}", DeliveryOrder.from_json, body)

    def pickup_slots(self, day: date | None = None) -> list[PickupSlot]:
        params = {"date": day.isoformat()} if day else None
        body = self._call("GET", "/postal/pickup-slots", expect=(200,), idempotent=True, params=params)

        def parse(value: Any) -> list[PickupSlot]:
            if not isinstance(value, dict) or not isinstance(value.get("slots"), list):
                raise ValueError("slots: expected an object with a list")
            return [PickupSlot.from_json(item) for item in value["slots"]]

        return _parse("GET /postal/pickup-slots", parse, body)

    def book_pickup(self, request: PickupRequest, idempotency_key: str) -> PickupBooking:
        _check_key(idempotency_key)
        body = self._call(
            "POST",
            "/postal/pickups",
            expect=(200, 201),
            idempotent=True,
            json_body=request.to_json(),
            headers={"Idempotency-Key": idempotency_key},
        )
        return _parse("POST /postal/pickups", PickupBooking.from_json, body)

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- plumbing -----------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        expect: tuple[int, ...],
        idempotent: bool,
        headers: Mapping[str, str] | None = None,
        files_factory: Callable[[], Any] | None = None,
        json_body: Any = None,
        params: Mapping[str, str] | None = None,
        raw: bool = False,
        authenticate: bool = True,
    ) -> Any:
        attempts = self.retry.attempts if idempotent else 1
        reauthenticated = False
        for attempt in range(1, attempts + 1):
            try:
                all_headers = dict(headers or {})
                if authenticate and self.auth is not None:
                    token = self.auth.token()
                    if token is None:
                        self.authenticate()
                        token = self.auth.token()
                    if token:
                        all_headers["Authorization"] = f"Bearer {token}"
                return self._once(
                    method,
                    path,
                    expect=expect,
                    headers=all_headers,
                    files_factory=files_factory,
                    json_body=json_body,
                    params=params,
                    raw=raw,
                )
            except PortalUnauthorized:
                # A token the portal no longer knows: get a fresh one, once, then try this call again
                # (safe even for non-idempotent calls: the portal refused it without acting on it).
                if not authenticate or self.auth is None or reauthenticated:
                    raise
                reauthenticated = True
                self.auth.forget_token()
                self.authenticate()
                token = self.auth.token()
                return self._once(
                    method,
                    path,
                    expect=expect,
                    headers={**(headers or {}), "Authorization": f"Bearer {token}"},
                    files_factory=files_factory,
                    json_body=json_body,
                    params=params,
                    raw=raw,
                )
            except PortalError as error:
                if not error.retryable or attempt == attempts:
                    raise
                delay = self.retry.delay(attempt)
                log.warning(
                    "portal %s %s failed (%s: %s); retry %d/%d in %.1fs",
                    method,
                    path,
                    type(error).__name__,
                    error,
                    attempt,
                    attempts - 1,
                    delay,
                )
                self._sleep(delay)
        raise AssertionError("unreachable")  # the loop either returns or raises

    def _once(
        self,
        method: str,
        path: str,
        *,
        expect: tuple[int, ...],
        headers: Mapping[str, str] | None,
        files_factory: Callable[[], Any] | None,
        json_body: Any = None,
        params: Mapping[str, str] | None = None,
        raw: bool = False,
    ) -> Any:
        what = f"{method} {path}"
        all_headers = {"Accept": "*/*" if raw else "application/json", **(headers or {})}
        try:
            response = bounded.bounded_request(
                self._session,
                method,
                self.base_url + API_PREFIX + path,
                what=what,
                limits=self.limits,
                headers=all_headers,
                files=files_factory() if files_factory else None,
                json=json_body,
                params=params,
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout as error:
            raise PortalUnavailable(f"{what}: no answer within {self.timeout:g}s") from error
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as error:
            raise PortalBadResponse(f"{what}: the answer was cut short or garbled") from error
        except requests.ConnectionError as error:
            raise PortalUnavailable(f"{what}: cannot connect ({_short(error)})") from error
        except requests.RequestException as error:
            raise PortalUnavailable(f"{what}: request failed ({_short(error)})") from error
        with response:
            if raw and response.status_code in expect:
                return response.content
            return _interpret(what, response, expect, self.limits.max_json_depth)


def _interpret(what: str, response: requests.Response, expect: tuple[int, ...], max_depth: int = 64) -> Any:
    status = response.status_code
    body, problem = _json_body(response, max_depth)
    if status in expect:
        if problem:
            raise PortalBadResponse(f"{what}: HTTP {status} but {problem}", status=status)
        return body
    error = _error_fields(body)
    code, message, message_vi = error if error else (None, None, None)
    detail = f"{what}: HTTP {status}" + (f" {code}: {message}" if error else f" ({problem or 'unexpected'})")
    details: dict[str, Any] = {
        "status": status,
        "code": code,
        "portal_message": message,
        "portal_message_vi": message_vi,
    }
    if status >= 500 or status in _TRANSIENT_STATUSES:
        raise PortalUnavailable(detail, **details)
    if 400 <= status < 500:
        if error is None:
            # A 4xx without the portal's error body comes from something in between (proxy, captive
            # portal, wrong base URL). Refusing the dossier on its word would be wrong; keep it queued.
            raise PortalBadResponse(detail, **details)
        if status == 401:
            raise PortalUnauthorized(detail, **details)
        if status == 404:
            raise PortalNotFound(detail, **details)
        if status == 409 and code == "result_not_ready":
            raise PortalNotReady(detail, **details)
        if status == 409:
            raise PortalConflict(detail, **details)
        if status == 410:
            raise PortalExpired(detail, **details)
        raise PortalRejected(detail, **details)
    raise PortalBadResponse(detail, **details)  # 1xx/3xx or a 2xx the call did not expect


def _json_body(response: requests.Response, max_depth: int = 64) -> tuple[Any, str | None]:
    """(parsed body, None) or (None, what is wrong with it)."""
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type != "application/json" and not content_type.endswith("+json"):
        return None, f"body is {content_type or 'untyped'}, not JSON"
    try:
        return bounded.loads_bounded(response.content, max_depth), None
    except bounded.JsonTooDeepError as error:
        return None, str(error)
    except (UnicodeDecodeError, ValueError):
        return None, "body is not valid JSON"


def _error_fields(body: Any) -> tuple[str, str, str | None] | None:
    """The portal's ``{"error": {"code", "message", "message_vi"?}}`` or None if the body is not one."""
    if not isinstance(body, dict) or not isinstance(body.get("error"), dict):
        return None
    error = body["error"]
    code, message, message_vi = error.get("code"), error.get("message"), error.get("message_vi")
    if not isinstance(code, str) or not isinstance(message, str):
        return None
    return code, message, message_vi if isinstance(message_vi, str) else None


def _parse(what: str, parser: Callable[[Any], T], body: Any) -> T:
    try:
        return parser(body)
    except (ValueError, TypeError, KeyError) as error:
        raise PortalBadResponse(f"{what}: unexpected answer shape ({error})") from error


def _seg(text: str) -> str:
    """One URL path segment, whatever the caller passes."""
    return quote(text.strip(), safe="")


def _check_key(key: str) -> None:
    if not IDEMPOTENCY_KEY_RE.fullmatch(key):
        raise ValueError("idempotency key must be 8–128 characters of A–Z a–z 0–9 . _ : -")


def _short(error: Exception) -> str:
    # requests' messages embed whole reprs of urllib3 objects; keep the log line readable.
    text = str(error)
    return text if len(text) <= 200 else text[:197] + "..."
