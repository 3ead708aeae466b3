"""The sandbox portal's services beyond dossier intake: kiosk authentication, citizen accounts (OTP and
e-ID login by QR), fees with VietQR, simulated processing with result PDFs, postal delivery and home
pickup. HTTP lives in kiosk.sandbox.routes; this module is the portal's behaviour over the store.

Simulated time: nothing runs in the background. A dossier's next status is worked out from the clock
whenever it is read (`advance`), so a test moves a fake clock and a training session just waits.

Secrets: kiosk secrets, OTPs and session tokens are stored only as SHA-256 hashes. For training the
sandbox also keeps the last OTPs in memory and logs them (logger ``kiosk.sandbox.training``), which a
real portal would never do; that is the point of a training portal.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.domain.applicant import Applicant
from kiosk.domain.documents import owner_key_without_id
from kiosk.domain.mrz import is_state_code
from kiosk.domain.postal import make_tracking_number
from kiosk.domain.vietqr import MAX_PURPOSE, VietQR
from kiosk.portal.models import PortalStatus
from kiosk.sandbox import wire_models as wire
from kiosk.sandbox.api_errors import ApiError
from kiosk.sandbox.catalogue import SandboxCatalogue, canonical_json_bytes
from kiosk.sandbox.results import render_result_pdf
from kiosk.sandbox.store import DossierRecord, SandboxStore

training_log = logging.getLogger("kiosk.sandbox.training")

TOKEN_TTL = timedelta(hours=1)
SESSION_TTL = timedelta(minutes=15)
OTP_TTL = timedelta(minutes=5)
OTP_ATTEMPTS = 5
EID_TTL = timedelta(minutes=2)
PICKUP_CAPACITY = 2
PICKUP_DAYS_AHEAD = 14
PICKUP_HOURS = ((8, 10), (10, 12), (14, 16), (16, 18))

# The contract's vocabulary (kiosk.portal.models.PortalStatus): the sandbox emits nothing else.
STATUS_RECEIVED = PortalStatus.RECEIVED.value
STATUS_PROCESSING = PortalStatus.PROCESSING.value
STATUS_NEEDS_INFO = PortalStatus.NEEDS_MORE_INFORMATION.value
STATUS_DONE = PortalStatus.DONE.value
STATUS_REJECTED = PortalStatus.REJECTED.value
STATUSES = tuple(status.value for status in PortalStatus)

_SERVICE_CODES = {"economy": "CTN001", "express": "ETN011"}
_S10_PREFIX = {"economy": "RR", "express": "EE"}
_TRACKING_TEXT = {
    "accepted": ("Bưu cục đã nhận kết quả để phát", "The post office has accepted the result for delivery"),
    "in_transit": ("Đang vận chuyển", "In transit"),
    "out_for_delivery": ("Bưu tá đang đi phát", "Out for delivery"),
    "delivered": ("Đã phát thành công", "Delivered"),
    "returned": ("Không phát được, đang chuyển hoàn", "Could not be delivered; being returned"),
}

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class ProcessingPlan:
    """How long simulated processing takes, counted from receipt (or payment, when a fee is due)."""

    to_processing: timedelta = timedelta(seconds=30)
    to_done: timedelta = timedelta(minutes=2)
    postal_step: timedelta = timedelta(minutes=1)  # between tracking events
    #: How often a kiosk is told to ask about an e-ID login (it follows what the portal announces); a
    #: training or test sandbox may announce a shorter one (`[portal] sandbox_eid_poll_s`).
    eid_poll: timedelta = timedelta(seconds=2)

    @classmethod
    def scaled(cls, seconds: float) -> ProcessingPlan:
        """Everything in `seconds`: processing after a quarter, done at the end."""
        return cls(timedelta(seconds=seconds / 4), timedelta(seconds=seconds), timedelta(seconds=seconds / 2))


@dataclass(frozen=True)
class PayeeAccount:
    """The account a VietQR pays into (fictitious in the sandbox)."""

    bank_bin: str = "970415"
    account: str = "113366668888"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def mask_phone(phone: str) -> str:
    return phone[:3] + "*" * max(0, len(phone) - 6) + phone[-3:] if len(phone) > 6 else "***"


def account_key(kind: str, id_number: str | None, passport: str | None, nationality: str | None,
                organisation_code: str | None) -> str:
    """The unique key of an account in the sandbox's table: the ID number for a citizen; a passport is
    unique only with its issuing state; organisation codes have their own space."""
    if kind == "foreigner":
        return f"P:{nationality}:{passport}"
    if kind == "organisation":
        return f"O:{organisation_code}"
    return str(id_number)


def registration_problems(request: wire.RegistrationRequest) -> dict[str, str]:
    """Which identifier each applicant type needs, and nothing of another type's (reasons per field)."""
    problems: dict[str, str] = {}
    needs = {
        "citizen": ("id_number", "date_of_birth"),
        "foreigner": ("passport_number", "nationality", "date_of_birth"),
        "organisation": ("organisation_code", "representative_id_number"),
    }[request.applicant_type]
    for name in needs:
        if not getattr(request, name):
            problems[name] = f"required for a {request.applicant_type} account"
    identifiers = ("id_number", "passport_number", "nationality", "organisation_code",
                   "representative_id_number")
    for name in identifiers:
        if name not in needs and getattr(request, name):
            problems[name] = f"not part of a {request.applicant_type} account"
    if request.nationality and not is_state_code(request.nationality):
        problems["nationality"] = "is not an ICAO 9303 state code (e.g. USA, KOR, D)"
    if request.applicant_type == "foreigner" and not re.fullmatch(r"[A-Z]+(?: [A-Z]+)*", request.full_name):
        problems["full_name"] = "must be written as in the passport's MRZ: capital letters A-Z and spaces"
    return problems


def result_owner_key(applicant: dict[str, Any]) -> str:
    """The owner part of a result's document code: the ID number (the represented person's when filed for
    someone else), the passport with its state, the organisation code, or name and birth year."""
    try:
        owner = Applicant.from_json(applicant).owner()
    except ValueError:
        return "000000000000"
    if owner.id_number or owner.other_identifier:
        return owner.id_number or owner.other_identifier
    if owner.full_name and owner.birth_year:
        return owner_key_without_id(owner.full_name, owner.birth_year)
    return "000000000000"


def _lt(vi: str, en: str) -> wire.LocalizedText:
    return wire.LocalizedText(vi=vi, en=en)


def _not_found(code: str, what: str, vi: str) -> ApiError:
    return ApiError(404, code, what, vi)


class PortalServices:
    def __init__(
        self,
        store: SandboxStore,
        catalogue: SandboxCatalogue,
        clock: Clock,
        *,
        plan: ProcessingPlan | None = None,
        payee: PayeeAccount | None = None,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.now = clock
        self.plan = plan or ProcessingPlan()
        self.payee = payee or PayeeAccount()
        self._lock = threading.RLock()  # one advance at a time, so a result is rendered once
        self._training_otps: dict[str, dict[str, Any]] = {}
        self._eid_sessions: dict[str, wire.CitizenSession] = {}

    # --- kiosk authentication -----------------------------------------------------------------------

    def issue_kiosk_credentials(self, kiosk_id: str) -> str:
        """Admin: (re)issue a kiosk's secret; returns it once."""
        secret = secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO kiosks (kiosk_id, secret_hash, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (kiosk_id) DO UPDATE SET secret_hash = excluded.secret_hash",
                (kiosk_id, _hash(secret), self.now().isoformat()),
            )
            conn.execute("DELETE FROM kiosk_tokens WHERE kiosk_id = ?", (kiosk_id,))
        return secret

    def issue_token(self, request: wire.TokenRequest) -> wire.TokenResponse:
        rows = self.store.query("SELECT secret_hash FROM kiosks WHERE kiosk_id = ?", (request.kiosk_id,))
        if not rows or not hmac.compare_digest(rows[0][0], _hash(request.secret)):
            raise ApiError(
                401, "invalid_credentials", "unknown kiosk or wrong secret", "Máy kiosk chưa được cấp quyền."
            )
        token = secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO kiosk_tokens (token_hash, kiosk_id, expires_at) VALUES (?, ?, ?)",
                (_hash(token), request.kiosk_id, (self.now() + TOKEN_TTL).isoformat()),
            )
        return wire.TokenResponse(
            access_token=token, token_type="Bearer", expires_in=int(TOKEN_TTL.total_seconds())
        )

    def kiosk_for_token(self, token: str) -> str | None:
        rows = self.store.query(
            "SELECT kiosk_id, expires_at FROM kiosk_tokens WHERE token_hash = ?", (_hash(token),)
        )
        if not rows or datetime.fromisoformat(rows[0][1]) <= self.now():
            return None
        return str(rows[0][0])

    # --- citizen accounts ---------------------------------------------------------------------------

    def start_registration(self, request: wire.RegistrationRequest) -> wire.OtpChallenge:
        problems = registration_problems(request)
        if problems:
            raise ApiError(422, "invalid_applicant", "the identifiers do not fit the applicant type",
                           "Thông tin định danh chưa đúng với loại người nộp đã chọn.", problems)
        key = account_key(request.applicant_type, request.id_number, request.passport_number,
                          request.nationality, request.organisation_code)
        if self.store.query("SELECT 1 FROM accounts WHERE id_number = ?", (key,)):
            raise ApiError(
                409,
                "account_exists",
                "an account with this identifier exists; link it instead",
                "Số định danh này đã có tài khoản. Vui lòng chọn liên kết tài khoản.",
            )
        return self._challenge("register", request.model_dump(mode="json"), request.phone)

    def start_link(self, request: wire.LinkRequest) -> wire.OtpChallenge:
        given = [k for k in ("id_number", "passport_number", "organisation_code") if getattr(request, k)]
        if len(given) != 1 or (request.passport_number and not request.nationality):
            raise ApiError(422, "invalid_applicant",
                           "give exactly one of id_number, passport_number (with nationality), "
                           "organisation_code",
                           "Vui lòng nhập một loại định danh: số định danh, số hộ chiếu (kèm quốc tịch) "
                           "hoặc mã số doanh nghiệp.", {"id_number": "exactly one identifier is required"})
        kinds = {"id_number": "citizen", "passport_number": "foreigner", "organisation_code": "organisation"}
        kind = kinds[given[0]]
        key = account_key(kind, request.id_number, request.passport_number, request.nationality,
                          request.organisation_code)
        rows = self.store.query("SELECT phone FROM accounts WHERE id_number = ?", (key,))
        if not rows or rows[0][0] != request.phone:
            raise _not_found(
                "account_not_found",
                "no account with this identifier and phone",
                "Không tìm thấy tài khoản với số định danh và số điện thoại này.",
            )
        return self._challenge("link", {**request.model_dump(mode="json"), "account_key": key}, request.phone)

    def _challenge(self, purpose: str, request: dict[str, Any], phone: str) -> wire.OtpChallenge:
        challenge_id = uuid.uuid4().hex
        otp = f"{secrets.randbelow(1_000_000):06d}"
        expires = self.now() + OTP_TTL
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO otp_challenges (challenge_id, purpose, request_json, otp_hash, expires_at, "
                "attempts_left) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    challenge_id,
                    purpose,
                    json.dumps(request),
                    _hash(challenge_id + otp),
                    expires.isoformat(),
                    OTP_ATTEMPTS,
                ),
            )
        masked = mask_phone(phone)
        self._training_otps[challenge_id] = {
            "challenge_id": challenge_id,
            "purpose": purpose,
            "phone_masked": masked,
            "otp": otp,
            "expires_at": expires.isoformat(),
        }
        while len(self._training_otps) > 50:
            self._training_otps.pop(next(iter(self._training_otps)))
        training_log.warning("TRAINING sandbox SMS to %s: OTP %s (challenge %s)", masked, otp, challenge_id)
        return wire.OtpChallenge(
            challenge_id=challenge_id,
            purpose=purpose,  # type: ignore[arg-type]
            phone_masked=masked,
            expires_at=expires,
            attempts_left=OTP_ATTEMPTS,
        )

    def training_otps(self) -> list[dict[str, Any]]:
        return list(self._training_otps.values())

    def verify_otp(self, challenge_id: str, otp: str) -> wire.CitizenSession:
        gone = ApiError(
            410, "otp_expired", "the code expired or was used up", "Mã OTP đã hết hạn. Vui lòng lấy mã mới."
        )
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT purpose, request_json, otp_hash, expires_at, attempts_left, used FROM otp_challenges "
                "WHERE challenge_id = ?",
                (challenge_id,),
            ).fetchone()
            if row is None:
                raise _not_found(
                    "challenge_not_found", "no such OTP challenge", "Không tìm thấy yêu cầu này."
                )
            purpose, request_json, otp_hash, expires_at, attempts_left, used = row
            if used or attempts_left <= 0 or datetime.fromisoformat(expires_at) <= self.now():
                raise gone
            if not hmac.compare_digest(otp_hash, _hash(challenge_id + otp)):
                conn.execute(
                    "UPDATE otp_challenges SET attempts_left = attempts_left - 1 WHERE challenge_id = ?",
                    (challenge_id,),
                )
                left = attempts_left - 1
                error = ApiError(
                    422,
                    "otp_wrong",
                    f"wrong code; {left} attempts left",
                    f"Mã OTP chưa đúng. Ông/bà còn {left} lần thử.",
                    {"attempts_left": str(left)},
                )
                # The decrement must be kept, so commit it instead of rolling back with the error.
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
                raise error
            conn.execute("UPDATE otp_challenges SET used = 1 WHERE challenge_id = ?", (challenge_id,))
            request = json.loads(request_json)
            if purpose == "register":
                account_id = uuid.uuid4().hex
                kind = request.get("applicant_type") or "citizen"
                key = account_key(kind, request.get("id_number"), request.get("passport_number"),
                                  request.get("nationality"), request.get("organisation_code"))
                conn.execute(
                    "INSERT INTO accounts (account_id, id_number, full_name, date_of_birth, phone, email, "
                    "level, created_at) VALUES (?, ?, ?, ?, ?, ?, 'portal', ?)",
                    (
                        account_id,
                        key,
                        request["full_name"],
                        request["date_of_birth"],
                        request["phone"],
                        request.get("email"),
                        self.now().isoformat(),
                    ),
                )
                if kind != "citizen":
                    identifier = request.get("passport_number") or request.get("organisation_code")
                    conn.execute(
                        "INSERT INTO account_identity (account_id, applicant_type, identifier, nationality) "
                        "VALUES (?, ?, ?, ?)", (account_id, kind, identifier, request.get("nationality")))
            else:
                key = request.get("account_key") or request["id_number"]
                account_id = conn.execute(
                    "SELECT account_id FROM accounts WHERE id_number = ?", (key,)
                ).fetchone()[0]
        self._training_otps.pop(challenge_id, None)
        return self._new_session(account_id)

    def _account(self, account_id: str) -> wire.Account:
        rows = self.store.query(
            "SELECT account_id, id_number, full_name, date_of_birth, phone, level FROM accounts "
            "WHERE account_id = ?",
            (account_id,),
        )
        if not rows:
            raise _not_found("account_not_found", "no such account", "Không tìm thấy tài khoản.")
        account_id, id_number, full_name, dob, phone, level = rows[0]
        identity = self.store.query(
            "SELECT applicant_type, identifier, nationality FROM account_identity WHERE account_id = ?",
            (account_id,))
        kind, nationality = "citizen", None
        if identity:
            kind, id_number, nationality = identity[0]
        return wire.Account(
            account_id=account_id,
            id_number=id_number,
            applicant_type=kind,  # type: ignore[arg-type]  # one of the three, written by verify_otp
            nationality=nationality,
            full_name=full_name,
            date_of_birth=dob,
            phone_masked=mask_phone(phone) if phone else None,
            level=level,
        )

    def _new_session(self, account_id: str) -> wire.CitizenSession:
        token = secrets.token_urlsafe(32)
        expires = self.now() + SESSION_TTL
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO citizen_sessions (token_hash, account_id, expires_at) VALUES (?, ?, ?)",
                (_hash(token), account_id, expires.isoformat()),
            )
        return wire.CitizenSession(session_token=token, expires_at=expires, account=self._account(account_id))

    def account_for_session(self, token: str) -> wire.Account:
        rows = self.store.query(
            "SELECT account_id, expires_at FROM citizen_sessions WHERE token_hash = ?", (_hash(token),)
        )
        if not rows or datetime.fromisoformat(rows[0][1]) <= self.now():
            raise ApiError(
                401, "session_expired", "no such session or it expired", "Phiên đăng nhập đã hết hạn."
            )
        return self._account(rows[0][0])

    # --- e-ID login by QR ---------------------------------------------------------------------------

    def start_eid_login(self) -> wire.EidLoginRequest:
        request_id = uuid.uuid4().hex
        now = self.now()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO eid_requests (request_id, created_at, expires_at, status) "
                "VALUES (?, ?, ?, 'pending')",
                (request_id, now.isoformat(), (now + EID_TTL).isoformat()),
            )
        return wire.EidLoginRequest(
            request_id=request_id,
            qr_payload=f"https://vneid.sandbox.invalid/login?rid={request_id}",
            expires_at=now + EID_TTL,
            poll_interval_s=self.plan.eid_poll.total_seconds(),
        )

    def eid_status(self, request_id: str) -> wire.EidLoginStatus:
        rows = self.store.query(
            "SELECT status, expires_at FROM eid_requests WHERE request_id = ?", (request_id,)
        )
        if not rows:
            raise _not_found("login_request_not_found", "no such login request", "Không tìm thấy yêu cầu.")
        status, expires_at = rows[0]
        if status == "pending" and datetime.fromisoformat(expires_at) <= self.now():
            status = "expired"
        session = self._eid_sessions.get(request_id) if status == "approved" else None
        if status == "approved" and session is None:
            status = "expired"  # the sandbox restarted after approval; the session lived in memory
        return wire.EidLoginStatus(request_id=request_id, status=status, session=session)

    def decide_eid(self, request_id: str, approve: bool, citizen: dict[str, Any]) -> wire.EidLoginStatus:
        """Admin: the citizen approved (or refused) on their phone."""
        current = self.eid_status(request_id)
        if current.status != "pending":
            raise ApiError(409, "login_request_closed", f"the request is {current.status}")
        if approve:
            id_number = str(citizen.get("id_number") or "001089012345")
            rows = self.store.query("SELECT account_id FROM accounts WHERE id_number = ?", (id_number,))
            if rows:
                account_id = rows[0][0]
            else:
                account_id = uuid.uuid4().hex
                with self.store.transaction() as conn:
                    conn.execute(
                        "INSERT INTO accounts (account_id, id_number, full_name, date_of_birth, phone, "
                        "email, level, created_at) VALUES (?, ?, ?, ?, NULL, NULL, 'eid', ?)",
                        (
                            account_id,
                            id_number,
                            str(citizen.get("full_name") or "Nguyễn Văn An"),
                            citizen.get("date_of_birth"),
                            self.now().isoformat(),
                        ),
                    )
            self._eid_sessions[request_id] = self._new_session(account_id)
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE eid_requests SET status = ? WHERE request_id = ?",
                ("approved" if approve else "denied", request_id),
            )
        return self.eid_status(request_id)

    # --- dossiers: fees, processing, results --------------------------------------------------------

    def _dossier(self, code: str) -> DossierRecord:
        record = self.store.get_dossier(code)
        if record is None:
            raise _not_found("dossier_not_found", f"no dossier {code}", "Không tìm thấy hồ sơ với mã này.")
        return record

    def _procedure(self, record: DossierRecord) -> wire.Procedure | None:
        return self.catalogue.find(record.procedure_code)

    def fee_items(self, record: DossierRecord) -> list[wire.PaymentItem]:
        procedure = self._procedure(record)
        if procedure is None:
            return []
        items = []
        if procedure.fee_vnd:
            items.append(
                wire.PaymentItem(code="LE_PHI", name=_lt("Lệ phí", "Fee"), amount_vnd=procedure.fee_vnd)
            )
        answers = record.manifest.get("answers", {})
        for charge in procedure.charges:
            units = 1
            if charge.per_field is not None:
                value = answers.get(charge.per_field)
                units = int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0
            if units > 0 and charge.amount_vnd:
                items.append(
                    wire.PaymentItem(code=charge.code, name=charge.name, amount_vnd=charge.amount_vnd * units)
                )
        postage = self.postage_paid_with_fee(record)
        if postage:
            items.append(wire.PaymentItem(code="CUOC_BUU_CHINH", name=_lt("Cước chuyển phát kết quả",
                                                                         "Postage for the result"),
                                          amount_vnd=postage))
        return items

    def postage_paid_with_fee(self, record: DossierRecord) -> int:
        """The postage the citizen chose to pay with the fee (VietQR), at the portal's own quote."""
        delivery = record.manifest.get("delivery") or {}
        if delivery.get("postal_fee_payment") != "vietqr" or not delivery.get("address"):
            return 0
        request = wire.QuoteRequest(address=wire.Address.model_validate(delivery["address"]),
                                    service=delivery.get("service") or "economy")
        return self.quote(request).total_vnd

    def _payment_row(self, code: str) -> wire.PaymentRequest | None:
        rows = self.store.query(
            "SELECT body_json, status, paid_at FROM payments WHERE dossier_code = ?", (code,)
        )
        if not rows:
            return None
        body = json.loads(rows[0][0])
        body["status"] = rows[0][1]
        body["paid_at"] = rows[0][2]
        return wire.PaymentRequest.model_validate(body)

    def request_payment(self, code: str) -> tuple[wire.PaymentRequest, bool]:
        """(payment request, created now). Asking again returns the same request."""
        record = self._dossier(code)
        with self._lock:
            existing = self._payment_row(record.dossier_code)
            if existing is not None:
                return existing, False
            items = self.fee_items(record)
            amount = sum(item.amount_vnd for item in items)
            purpose = record.dossier_code
            if len(purpose) > MAX_PURPOSE:
                purpose = purpose.replace(".", "")[:MAX_PURPOSE]
            payload = (
                VietQR(self.payee.bank_bin, self.payee.account, amount, purpose).payload() if amount else None
            )
            payment = wire.PaymentRequest(
                payment_id=uuid.uuid4().hex,
                dossier_code=record.dossier_code,
                amount_vnd=amount,
                items=items,
                status="pending" if amount else "not_required",
                vietqr=payload,
                purpose=purpose if amount else None,
                created_at=self.now(),
            )
            with self.store.transaction() as conn:
                conn.execute(
                    "INSERT INTO payments (payment_id, dossier_code, body_json, status) VALUES (?, ?, ?, ?)",
                    (payment.payment_id, record.dossier_code, payment.model_dump_json(), payment.status),
                )
            return payment, True

    def get_payment(self, code: str) -> wire.PaymentRequest:
        record = self._dossier(code)
        payment = self._payment_row(record.dossier_code)
        if payment is None:
            raise _not_found(
                "payment_not_found",
                "no payment requested for this dossier",
                "Hồ sơ chưa có yêu cầu thanh toán.",
            )
        return payment

    def mark_paid(self, code: str) -> wire.PaymentRequest:
        """Admin: the bank reported the transfer (the payment request is made first if nobody asked yet,
        e.g. for a dossier queued from the command line)."""
        payment, _ = self.request_payment(code)
        if payment.status == "pending":
            with self.store.transaction() as conn:
                conn.execute(
                    "UPDATE payments SET status = 'paid', paid_at = ? WHERE payment_id = ?",
                    (self.now().isoformat(), payment.payment_id),
                )
        return self.get_payment(code)

    def _clock_start(self, record: DossierRecord) -> datetime | None:
        """When simulated processing starts: at receipt, or once the fee is paid."""
        if sum(item.amount_vnd for item in self.fee_items(record)) == 0:
            return record.received_at
        payment = self._payment_row(record.dossier_code)
        if payment is None or payment.paid_at is None:
            return None
        return max(record.received_at, payment.paid_at)

    def advance(self, code: str) -> DossierRecord:
        """Bring a dossier's status up to the clock; returns the record as it is now."""
        with self._lock:
            record = self._dossier(code)
            if record.status not in (STATUS_RECEIVED, STATUS_PROCESSING):
                return record
            start = self._clock_start(record)
            if start is None:
                return record
            now = self.now()
            if record.status == STATUS_RECEIVED and now >= start + self.plan.to_processing:
                self.store.add_status(
                    record.dossier_code, STATUS_PROCESSING, start + self.plan.to_processing, "Đang xử lý"
                )
            if now >= start + self.plan.to_done:
                self._issue_result(record, start + self.plan.to_done)
                self.store.add_status(
                    record.dossier_code, STATUS_DONE, start + self.plan.to_done, "Đã có kết quả"
                )
            return self._dossier(code)

    def set_status(self, code: str, status: str, note: str | None) -> DossierRecord:
        """Admin: an official moves the dossier (e.g. needs more information, rejected)."""
        if status not in STATUSES:
            raise ApiError(422, "invalid_status", f"status must be one of {', '.join(STATUSES)}")
        with self._lock:
            record = self._dossier(code)
            if status == STATUS_DONE and not self._result_rows(record.dossier_code):
                self._issue_result(record, self.now())
            self.store.add_status(record.dossier_code, status, self.now(), note)
            return self._dossier(code)

    def _result_rows(self, code: str) -> list[tuple[Any, ...]]:
        return self.store.query(
            "SELECT document_code, sha256, size, issued_at FROM results WHERE dossier_code = ?", (code,)
        )

    def _issue_result(self, record: DossierRecord, issued_at: datetime) -> None:
        procedure = self._procedure(record)
        applicant = record.manifest.get("applicant", {})
        owner = result_owner_key(applicant)
        type_code = procedure.result_type_code if procedure else "KQ"
        number = self.store.query("SELECT COUNT(*) FROM results")[0][0] + 1
        document_code = f"{owner}.{type_code}.{number:06d}.01"
        pdf = render_result_pdf(
            document_code=document_code,
            dossier_code=record.dossier_code,
            procedure_name=procedure.name.vi if procedure else record.procedure_code,
            holder_name=str(applicant.get("full_name") or ""),
            issued_at=issued_at,
        )
        sha256, size = self.store.save_file(io.BytesIO(pdf))
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO results (dossier_code, document_code, sha256, size, issued_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (record.dossier_code, document_code, sha256, size, issued_at.isoformat()),
            )

    def result(self, code: str) -> wire.ResultDocument:
        record = self.advance(code)
        rows = self._result_rows(record.dossier_code)
        if not rows:
            raise ApiError(
                409,
                "result_not_ready",
                f"dossier {record.dossier_code} is {record.status}; no result yet",
                "Hồ sơ chưa có kết quả.",
            )
        document_code, sha256, size, issued_at = rows[0]
        procedure = self._procedure(record)
        delivery = self._delivery_row(record.dossier_code)
        return wire.ResultDocument(
            dossier_code=record.dossier_code,
            document_code=document_code,
            name=procedure.name if procedure else _lt(record.procedure_code, record.procedure_code),
            issued_at=datetime.fromisoformat(issued_at),
            content_type="application/pdf",
            sha256=sha256,
            size=size,
            by_post=delivery is not None,
            tracking_number=delivery.tracking_number if delivery else None,
        )

    def result_ready(self, code: str) -> bool:
        return bool(self._result_rows(code))

    # --- postal delivery ----------------------------------------------------------------------------

    def quote(self, request: wire.QuoteRequest) -> wire.Quote:
        steps = max(0, (request.weight_g - 1) // 250)
        if request.service == "express":
            fee, days = 26_000 + 4_000 * steps, 1
        else:
            fee, days = 16_500 + 2_000 * steps, 3
        cod_fee = max(10_000, request.cod_amount_vnd // 100) if request.cod_amount_vnd else 0
        return wire.Quote(
            service=request.service,
            service_code=_SERVICE_CODES[request.service],
            fee_vnd=fee,
            cod_fee_vnd=cod_fee,
            total_vnd=fee + cod_fee,
            expected_days=days,
        )

    def _delivery_row(self, code: str) -> wire.DeliveryOrder | None:
        rows = self.store.query("SELECT body_json FROM deliveries WHERE dossier_code = ?", (code,))
        if not rows:
            return None
        order = wire.DeliveryOrder.model_validate_json(rows[0][0])
        return order.model_copy(update={"events": self._events(order)})

    def _events(self, order: wire.DeliveryOrder) -> list[wire.TrackingEvent]:
        rows = self._result_rows(order.dossier_code)
        events: list[wire.TrackingEvent] = []
        if rows:
            start = max(order.created_at, datetime.fromisoformat(rows[0][3]))
            for index, code in enumerate(("accepted", "in_transit", "out_for_delivery", "delivered")):
                at = start + self.plan.postal_step * index
                if at > self.now():
                    break
                events.append(self._event(at, code, None))
        for at, code, location in self.store.query(
            "SELECT at, code, location FROM tracking_events WHERE tracking_number = ? ORDER BY id",
            (order.tracking_number,),
        ):
            events.append(self._event(datetime.fromisoformat(at), code, location))
        return sorted(events, key=lambda event: event.at)

    @staticmethod
    def _event(at: datetime, code: str, location: str | None) -> wire.TrackingEvent:
        vi, en = _TRACKING_TEXT[code]
        return wire.TrackingEvent(at=at, code=code, description=_lt(vi, en), location=location)  # type: ignore[arg-type]

    def order_delivery(
        self, code: str, idempotency_key: str, request: wire.DeliveryOrderRequest
    ) -> tuple[wire.DeliveryOrder, bool]:
        """(order, duplicate). One order per dossier; the key makes a retry safe."""
        record = self._dossier(code)
        procedure = self._procedure(record)
        if procedure is not None and not procedure.postal_return_allowed:
            raise ApiError(
                422,
                "postal_return_not_allowed",
                f"procedure {record.procedure_code} does not return results by post",
                "Thủ tục này không trả kết quả qua bưu chính.",
            )
        content_hash = hashlib.sha256(canonical_json_bytes(request.model_dump(mode="json"))).hexdigest()
        conflict = ApiError(
            409,
            "idempotency_conflict",
            "this dossier already has a delivery order with other details, or the key was used for another",
            "Hồ sơ này đã có yêu cầu chuyển phát khác.",
        )
        with self._lock:
            rows = self.store.query(
                "SELECT dossier_code, content_hash FROM deliveries "
                "WHERE idempotency_key = ? OR dossier_code = ?",
                (idempotency_key, record.dossier_code),
            )
            if rows:
                if rows[0][0] != record.dossier_code or rows[0][1] != content_hash:
                    raise conflict
                existing = self._delivery_row(record.dossier_code)
                assert existing is not None
                return existing, True
            serial = secrets.randbelow(100_000_000)
            order = wire.DeliveryOrder(
                order_id=uuid.uuid4().hex,
                dossier_code=record.dossier_code,
                tracking_number=make_tracking_number(_S10_PREFIX[request.service], serial),
                quote=self.quote(request),
                address=request.address,
                created_at=self.now(),
                events=[],
            )
            with self.store.transaction() as conn:
                conn.execute(
                    "INSERT INTO deliveries (order_id, dossier_code, idempotency_key, content_hash, "
                    "tracking_number, body_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        order.order_id,
                        record.dossier_code,
                        idempotency_key,
                        content_hash,
                        order.tracking_number,
                        order.model_dump_json(),
                        order.created_at.isoformat(),
                    ),
                )
            return order, False

    def get_delivery(self, code: str) -> wire.DeliveryOrder:
        record = self._dossier(code)
        self.advance(record.dossier_code)
        order = self._delivery_row(record.dossier_code)
        if order is None:
            raise _not_found(
                "delivery_not_found",
                "no delivery order for this dossier",
                "Hồ sơ này không gửi kết quả qua bưu điện.",
            )
        return order

    def tracking(self, tracking_number: str) -> wire.DeliveryOrder:
        rows = self.store.query(
            "SELECT dossier_code FROM deliveries WHERE tracking_number = ?", (tracking_number,)
        )
        if not rows:
            raise _not_found("tracking_not_found", "no such item", "Không tìm thấy bưu gửi với số hiệu này.")
        return self.get_delivery(rows[0][0])

    def add_tracking_event(self, tracking_number: str, code: str, location: str | None) -> wire.DeliveryOrder:
        """Admin: e.g. a failed delivery ("returned")."""
        if code not in _TRACKING_TEXT:
            raise ApiError(422, "invalid_event", f"event must be one of {', '.join(_TRACKING_TEXT)}")
        order = self.tracking(tracking_number)
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO tracking_events (tracking_number, at, code, location) VALUES (?, ?, ?, ?)",
                (order.tracking_number, self.now().isoformat(), code, location),
            )
        return self.tracking(tracking_number)

    # --- home pickup of a paper dossier -------------------------------------------------------------

    def _slot(self, day: date, start_hour: int, end_hour: int, booked: dict[str, int]) -> wire.PickupSlot:
        tz = self.now().tzinfo
        start = datetime.combine(day, time(start_hour), tz)
        slot_id = f"{day:%Y%m%d}-{start_hour:02d}"
        available = booked.get(slot_id, 0) < PICKUP_CAPACITY and start > self.now()
        return wire.PickupSlot(
            slot_id=slot_id, start=start, end=datetime.combine(day, time(end_hour), tz), available=available
        )

    def pickup_slots(self, day: date | None) -> wire.PickupSlots:
        today = self.now().date()
        day = day or today + timedelta(days=1)
        if not today <= day <= today + timedelta(days=PICKUP_DAYS_AHEAD) or day.weekday() == 6:
            return wire.PickupSlots(slots=[])  # no pickups on Sundays, in the past or too far ahead
        booked = {
            slot_id: count
            for slot_id, count in self.store.query("SELECT slot_id, COUNT(*) FROM pickups GROUP BY slot_id")
        }
        return wire.PickupSlots(slots=[self._slot(day, a, b, booked) for a, b in PICKUP_HOURS])

    def book_pickup(
        self, idempotency_key: str, request: wire.PickupRequest
    ) -> tuple[wire.PickupBooking, bool]:
        content_hash = hashlib.sha256(canonical_json_bytes(request.model_dump(mode="json"))).hexdigest()
        with self._lock:
            rows = self.store.query(
                "SELECT content_hash, body_json FROM pickups WHERE idempotency_key = ?", (idempotency_key,)
            )
            if rows:
                if rows[0][0] != content_hash:
                    raise ApiError(
                        409,
                        "idempotency_conflict",
                        "the key was used for another booking",
                        "Mã yêu cầu đã được dùng cho một lịch hẹn khác.",
                    )
                return wire.PickupBooking.model_validate_json(rows[0][1]), True
            unavailable = ApiError(
                422,
                "slot_unavailable",
                "the slot is full, past or unknown",
                "Khung giờ này không còn chỗ. Vui lòng chọn khung giờ khác.",
            )
            try:
                day = datetime.strptime(request.slot_id[:8], "%Y%m%d").date()
            except ValueError:
                raise unavailable from None
            slot = next((s for s in self.pickup_slots(day).slots if s.slot_id == request.slot_id), None)
            if slot is None or not slot.available:
                raise unavailable
            booking = wire.PickupBooking(
                booking_id=uuid.uuid4().hex,
                confirmation_code=f"{secrets.randbelow(1_000_000):06d}",
                status="confirmed",
                slot=slot.model_copy(update={"available": False}),
                address=request.address,
                created_at=self.now(),
            )
            with self.store.transaction() as conn:
                conn.execute(
                    "INSERT INTO pickups (booking_id, idempotency_key, content_hash, slot_id, body_json) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        booking.booking_id,
                        idempotency_key,
                        content_hash,
                        slot.slot_id,
                        booking.model_dump_json(),
                    ),
                )
            return booking, False

    def get_pickup(self, booking_id: str) -> wire.PickupBooking:
        rows = self.store.query("SELECT body_json FROM pickups WHERE booking_id = ?", (booking_id,))
        if not rows:
            raise _not_found("booking_not_found", "no such booking", "Không tìm thấy lịch hẹn.")
        return wire.PickupBooking.model_validate_json(rows[0][0])
