"""The view-model behind the account screen: log in with VNeID by QR, create a portal account, or link an
existing one, for the citizen whose card was just read.

QML binds to `account` (this object). The ID number, full name and date of birth come from the card (the
flow's session); the citizen only types a phone number on a digit keypad, an optional e-mail and the
6-digit code from the SMS. Portal calls run on the task pool. The portal's CitizenSession is kept in
memory only and dropped by `clear()` on wipe; phone numbers, OTPs and the session token are never logged
or written anywhere.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from PySide6.QtCore import Property, QCoreApplication, QObject, QTimer, Signal, Slot

from kiosk.portal.client import PortalClient
from kiosk.portal.errors import (
    PortalConflict,
    PortalError,
    PortalExpired,
    PortalNotFound,
    PortalRejected,
)
from kiosk.portal.service_models import (
    CitizenSession,
    EidLogin,
    EidLoginStatus,
    OtpChallenge,
    account_identity,
)
from kiosk.ui.flow import KioskFlow, Screen
from kiosk.ui.payment_wait import keep_session_while_eid_login
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import QT_TRANSLATE_NOOP, pick

if TYPE_CHECKING:
    from PySide6.QtQml import QQmlApplicationEngine

    from kiosk.ui.context import KioskContext

log = logging.getLogger(__name__)

#: Vietnamese mobile numbers after the 2018 renumbering: 10 digits, 03x/05x/07x/08x/09x.
MOBILE_RE = re.compile(r"0[35789]\d{8}")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
OTP_LENGTH = 6
RESEND_AFTER_S = 60
#: How long past the QR's end the kiosk still asks the portal before calling it expired itself.
EID_GRACE_S = 5.0
#: A QR lifetime the kiosk believes when its clock and the portal's disagree wildly.
EID_FALLBACK_TTL_S = 120.0

STEPS = ("choose", "help", "eid", "phone", "otp", "done")

TEXTS: dict[str, str] = {
    "phone_empty": QT_TRANSLATE_NOOP("Texts", "Xin nhập số điện thoại di động của ông/bà."),
    "phone_invalid": QT_TRANSLATE_NOOP("Texts", "Số điện thoại chưa đúng: cần đủ 10 chữ số, bắt đầu bằng 03, "
                                                "05, 07, 08 hoặc 09."),
    "email_invalid": QT_TRANSLATE_NOOP("Texts", "Địa chỉ e-mail chưa đúng (ví dụ: ten@gmail.com). Có thể để "
                                                "trống."),
    "no_birth_date": QT_TRANSLATE_NOOP("Texts", "Thẻ không có ngày sinh nên không tạo được tài khoản ở đây. "
                                                "Xin nhờ nhân viên hỗ trợ."),
    "otp_short": QT_TRANSLATE_NOOP("Texts", "Xin nhập đủ 6 chữ số trong tin nhắn."),
    "otp_wrong": QT_TRANSLATE_NOOP("Texts", "Mã chưa đúng. Xin xem lại tin nhắn và nhập lại."),
    "otp_wrong_left": QT_TRANSLATE_NOOP("Texts", "Mã chưa đúng. Xin xem lại tin nhắn và nhập lại (còn {n} "
                                                 "lần thử)."),
    "otp_expired": QT_TRANSLATE_NOOP("Texts", "Mã đã hết hạn hoặc đã nhập sai quá nhiều lần. Chạm “Gửi lại "
                                              "mã” để nhận mã mới."),
    "account_exists": QT_TRANSLATE_NOOP("Texts", "Số định danh này đã có tài khoản. Chạm “Đã có tài khoản” "
                                                 "để liên kết."),
    "account_not_found": QT_TRANSLATE_NOOP("Texts", "Không tìm thấy tài khoản với số định danh và số điện "
                                                    "thoại này. Xin kiểm tra lại số điện thoại, hoặc tạo tài "
                                                    "khoản mới."),
    "unavailable": QT_TRANSLATE_NOOP("Texts", "Chưa kết nối được Cổng dịch vụ công. Xin thử lại sau ít phút "
                                              "hoặc gọi nhân viên."),
    "refused": QT_TRANSLATE_NOOP("Texts", "Cổng dịch vụ công chưa chấp nhận yêu cầu. Xin nhờ nhân viên hỗ "
                                          "trợ."),
    "eid_other_person": QT_TRANSLATE_NOOP("Texts", "Tài khoản VNeID vừa xác nhận không phải của người có thẻ "
                                                   "này. Xin dùng điện thoại của chính chủ thẻ."),
}

LEVEL_TEXT: dict[str, str] = {
    "eid": QT_TRANSLATE_NOOP("Texts", "Tài khoản định danh điện tử VNeID"),
    "portal": QT_TRANSLATE_NOOP("Texts", "Tài khoản Cổng Dịch vụ công"),
}


def phone_problem(phone: str) -> str | None:
    """None if `phone` is a Vietnamese mobile number, else the key of the message that says why not."""
    if not phone:
        return "phone_empty"
    return None if MOBILE_RE.fullmatch(phone) else "phone_invalid"


def email_problem(email: str) -> str | None:
    email = email.strip()
    return None if not email or EMAIL_RE.fullmatch(email) else "email_invalid"


def group_phone(phone: str) -> str:
    """0912345678 → "0912 345 678", easier to check at a glance."""
    parts = [phone[:4], phone[4:7], phone[7:]]
    return " ".join(p for p in parts if p)


def attempts_left(error: PortalError) -> int | None:
    match = re.search(r"(\d+) attempts? left", error.portal_message or "")
    return int(match.group(1)) if match else None


class AccountViewModel(QObject):
    """Steps (`step`): choose → help | eid | phone → otp → done. `mode` is "register" or "link"."""

    changed = Signal()
    tick = Signal()  # the countdowns (QR lifetime, "send again" delay)
    activity = Signal()  # the citizen is busy with their phone: keep the idle timer from ending the visit
    loggedIn = Signal()  # for tests and other view-models: a CitizenSession is now held

    def __init__(self, *, flow: KioskFlow, portal: PortalClient, tasks: TaskRunner,
                 language: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flow = flow
        self._portal = portal
        self._tasks = tasks
        self._language = language
        self._generation = 0  # bumped on every reset: late answers for an abandoned step are ignored
        self._session: CitizenSession | None = None
        self._reset_fields()
        self._poll_timer = QTimer(self, singleShot=True)
        self._poll_timer.timeout.connect(self._poll)
        self._tick_timer = QTimer(self, interval=1000)
        self._tick_timer.timeout.connect(self._on_tick)
        flow.subscribe(self._on_screen)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.clear)

    def _reset_fields(self) -> None:
        self._step = "choose"
        self._mode = "register"
        self._phone = ""
        self._email = ""
        self._phone_error = ""
        self._email_error = ""
        self._otp = ""
        self._challenge: OtpChallenge | None = None
        self._resend_at = 0.0
        self._eid: EidLogin | None = None
        self._eid_deadline = 0.0
        self._eid_state = "idle"  # idle, starting, pending, approved, denied, expired, error
        self._polling = False
        self._busy = False
        self._message: tuple[str, dict[str, Any]] | None = None
        self._outcome = ""  # eid, register, link

    # ------------------------------------------------------------------ life cycle
    @Slot()
    def clear(self) -> None:
        """The wipe: forget the citizen's session, phone, e-mail and any code, and stop polling."""
        self._generation += 1
        self._poll_timer.stop()
        self._tick_timer.stop()
        self._session = None
        self._reset_fields()
        self.changed.emit()
        self.tick.emit()

    @property
    def citizen_session(self) -> CitizenSession | None:
        """The portal session of the citizen at the kiosk (memory only; gone after `clear()`)."""
        return self._session

    def _on_screen(self, screen: Screen) -> None:
        if screen is Screen.ATTRACT:
            self.clear()
        elif screen is Screen.ACCOUNT:
            self._enter()
        elif self._step != "choose" or self._tick_timer.isActive():
            self._leave()

    def _enter(self) -> None:
        held = self._session
        if held is not None and held.account.id_number != self._card("id_number"):
            self._session = None  # another person's card: the earlier login is not theirs
        self._leave()
        if self._session is not None:
            self._step = "done"
        self.changed.emit()

    def _leave(self) -> None:
        """Leaving the screen: stop polling, forget what was typed; a finished login stays."""
        session, outcome = self._session, self._outcome
        self._generation += 1
        self._poll_timer.stop()
        self._tick_timer.stop()
        self._reset_fields()
        self._session, self._outcome = session, outcome if session else ""
        self.changed.emit()
        self.tick.emit()

    # ------------------------------------------------------------------ properties
    @property
    def lang(self) -> str:
        return self._language()

    def _card(self, name: str) -> str:
        """What the card (or, for a foreigner or an organisation, the typed details) says; `id_number` is
        the account's identifier: the ID number, the passport number or the organisation code."""
        values = self._flow.session.applicant_values()
        if name == "id_number":
            return account_identity(values).identifier
        return values.get(name) or ""

    def _get_step(self) -> str:
        return self._step

    def _get_mode(self) -> str:
        return self._mode

    def _get_full_name(self) -> str:
        return self._card("full_name")

    def _get_id_number(self) -> str:
        return self._card("id_number")

    def _get_birth_date(self) -> str:
        value = self._card("date_of_birth")
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value

    def _get_phone(self) -> str:
        return group_phone(self._phone)

    def _get_email(self) -> str:
        return self._email

    def _get_phone_error(self) -> str:
        return self._text(self._phone_error) if self._phone_error else ""

    def _get_email_error(self) -> str:
        return self._text(self._email_error) if self._email_error else ""

    def _get_otp(self) -> str:
        return self._otp

    def _get_phone_masked(self) -> str:
        return self._challenge.phone_masked if self._challenge else ""

    def _get_resend_seconds(self) -> int:
        return max(0, round(self._resend_at - time.monotonic())) if self._challenge else 0

    def _get_eid_state(self) -> str:
        return self._eid_state

    def _get_eid_qr(self) -> str:
        if self._eid is None or self._eid_state != "pending":
            return ""
        return "image://qr/" + quote(self._eid.qr_payload, safe="")

    def _get_eid_seconds(self) -> int:
        return max(0, round(self._eid_deadline - time.monotonic())) if self._eid else 0

    def _get_busy(self) -> bool:
        return self._busy

    def _get_message(self) -> str:
        if self._message is None:
            return ""
        key, args = self._message
        return self._text(key).format(**args)

    def _get_logged_in(self) -> bool:
        return self._session is not None

    def _get_outcome(self) -> str:
        return self._outcome

    def _get_account_name(self) -> str:
        return self._session.account.full_name if self._session else ""

    def _get_account_level(self) -> str:
        if self._session is None:
            return ""
        level = LEVEL_TEXT.get(self._session.account.level, LEVEL_TEXT["portal"])
        return pick(level, self.lang)

    def _get_suggest_link(self) -> bool:
        return self._message is not None and self._message[0] == "account_exists"

    step = Property(str, _get_step, notify=changed)
    mode = Property(str, _get_mode, notify=changed)
    fullName = Property(str, _get_full_name, notify=changed)
    idNumber = Property(str, _get_id_number, notify=changed)

    def _get_identity_line(self) -> str:
        """"Số định danh: …" for a citizen; the passport number or the organisation code otherwise."""
        kind = account_identity(self._flow.session.applicant_values()).kind
        labels: dict[str, str] = {"foreigner": QT_TRANSLATE_NOOP("Texts", "Số hộ chiếu"),
                                        "organisation": QT_TRANSLATE_NOOP("Texts", "Mã số doanh nghiệp")}
        label = labels.get(kind, QT_TRANSLATE_NOOP("Texts", "Số định danh"))
        return f"{pick(label, self.lang)}: {self._card('id_number')}"

    identityLine = Property(str, _get_identity_line, notify=changed)
    birthDate = Property(str, _get_birth_date, notify=changed)
    phone = Property(str, _get_phone, notify=changed)
    email = Property(str, _get_email, notify=changed)
    phoneError = Property(str, _get_phone_error, notify=changed)
    emailError = Property(str, _get_email_error, notify=changed)
    otp = Property(str, _get_otp, notify=changed)
    phoneMasked = Property(str, _get_phone_masked, notify=changed)
    resendSeconds = Property(int, _get_resend_seconds, notify=tick)
    eidState = Property(str, _get_eid_state, notify=changed)
    eidQr = Property(str, _get_eid_qr, notify=changed)
    eidSecondsLeft = Property(int, _get_eid_seconds, notify=tick)
    busy = Property(bool, _get_busy, notify=changed)
    message = Property(str, _get_message, notify=changed)
    loggedInNow = Property(bool, _get_logged_in, notify=changed)
    outcome = Property(str, _get_outcome, notify=changed)
    accountName = Property(str, _get_account_name, notify=changed)
    accountLevel = Property(str, _get_account_level, notify=changed)
    suggestLink = Property(bool, _get_suggest_link, notify=changed)

    # ------------------------------------------------------------------ choosing
    @Slot(str)
    def choose(self, step: str) -> None:
        """"choose" (back to the three choices), "help", "eid", "register" or "link"."""
        if step not in ("choose", "help", "eid", "register", "link"):
            return
        self._leave()
        if step in ("register", "link"):
            self._mode, self._step = step, "phone"
        else:
            self._step = step
        self.changed.emit()
        if step == "eid":
            self.startEid()

    @Slot()
    def switchToLink(self) -> None:
        """The portal says this ID number has an account already: link it, keeping the phone typed."""
        phone = self._phone
        self.choose("link")
        self._phone = phone
        self.changed.emit()

    @Slot()
    def changePhone(self) -> None:
        """From the code entry back to the phone number, which stays as typed."""
        if self._step != "otp" or self._busy:
            return
        phone, email, mode = self._phone, self._email, self._mode
        self._leave()
        self._phone, self._email, self._mode, self._step = phone, email, mode, "phone"
        self.changed.emit()

    # ------------------------------------------------------------------ keypad and e-mail
    @Slot(str)
    def typeDigit(self, digit: str) -> None:
        if len(digit) != 1 or not digit.isdigit() or self._busy:
            return
        if self._step == "phone" and len(self._phone) < 10:
            self._phone += digit
            self._phone_error = ""
        elif self._step == "otp" and len(self._otp) < OTP_LENGTH:
            self._otp += digit
            self._message = None
        else:
            return
        self.changed.emit()

    @Slot()
    def eraseDigit(self) -> None:
        if self._step == "phone":
            self._phone = self._phone[:-1]
        elif self._step == "otp":
            self._otp = self._otp[:-1]
        self.changed.emit()

    @Slot()
    def eraseAll(self) -> None:
        if self._step == "phone":
            self._phone, self._phone_error = "", ""
        elif self._step == "otp":
            self._otp = ""
        self.changed.emit()

    @Slot(str)
    def setEmail(self, text: str) -> None:
        self._email = text.strip()
        self._email_error = ""
        self.changed.emit()

    # ------------------------------------------------------------------ register / link with an OTP
    @Slot()
    def sendPhone(self) -> None:
        """Check the phone (and e-mail), then ask the portal to send the code by SMS."""
        if self._busy or self._step != "phone":
            return
        self._phone_error = phone_problem(self._phone) or ""
        self._email_error = (email_problem(self._email) or "") if self._mode == "register" else ""
        self._message = None
        if self._phone_error or self._email_error:
            self.changed.emit()
            return
        self._request_code()

    @Slot()
    def resend(self) -> None:
        if self._busy or self._step != "otp" or self._get_resend_seconds() > 0:
            return
        self._otp = ""
        self._request_code()

    def _request_code(self) -> None:
        portal, phone, mode = self._portal, self._phone, self._mode
        # A citizen by the card's ID number; a foreigner by passport, an organisation by its code.
        identity = account_identity(self._flow.session.applicant_values())
        if mode == "register":
            try:
                registration = identity.registration(phone, self._email or None)
            except ValueError:
                self._show("no_birth_date")
                return

            def start() -> OtpChallenge:
                return portal.register_account(registration)
        else:
            def start() -> OtpChallenge:
                return portal.link_account(identity.identifier, phone, applicant_type=identity.kind,
                                           nationality=identity.nationality)

        self._run(start, self._on_challenge)

    def _on_challenge(self, challenge: OtpChallenge) -> None:
        log.info("account: a code was sent by SMS (%s)", challenge.purpose)
        self._challenge = challenge
        self._otp = ""
        self._message = None
        self._step = "otp"
        self._resend_at = time.monotonic() + RESEND_AFTER_S
        self._tick_timer.start()
        self.changed.emit()
        self.tick.emit()

    @Slot()
    def verifyOtp(self) -> None:
        if self._busy or self._step != "otp" or self._challenge is None:
            return
        if len(self._otp) != OTP_LENGTH:
            self._show("otp_short")
            return
        portal, challenge_id, otp = self._portal, self._challenge.challenge_id, self._otp
        # The code goes to the portal and is forgotten here at once, whatever the answer.
        self._otp = ""
        self._run(lambda: portal.verify_otp(challenge_id, otp), self._on_verified)

    def _on_verified(self, session: CitizenSession) -> None:
        log.info("account: %s finished with an OTP", self._mode)
        self._logged_in(session, self._mode)

    def _logged_in(self, session: CitizenSession, outcome: str) -> None:
        self._session = session
        self._outcome = outcome
        self._challenge = None
        self._eid = None
        self._eid_state = "approved" if outcome == "eid" else "idle"
        self._tick_timer.stop()
        self._poll_timer.stop()
        self._step = "done"
        self._message = None
        self.changed.emit()
        self.tick.emit()
        self.loggedIn.emit()

    # ------------------------------------------------------------------ e-ID login by QR
    @Slot()
    def startEid(self) -> None:
        """Show a fresh login QR (also "try again" after a refusal or an expired code)."""
        if self._step != "eid" or self._eid_state in ("starting", "pending"):
            return
        self._generation += 1
        self._poll_timer.stop()
        self._eid, self._eid_state, self._message, self._polling = None, "starting", None, False
        self.changed.emit()
        portal = self._portal
        self._run(portal.start_eid_login, self._on_eid_started, on_error=self._on_eid_error, busy=False)

    def _on_eid_started(self, login: EidLogin) -> None:
        ttl = (login.expires_at - datetime.now(UTC)).total_seconds()
        if not 0 < ttl <= 900:  # the kiosk's clock disagrees with the portal's: trust a usual lifetime
            ttl = EID_FALLBACK_TTL_S
        self._eid = login
        self._eid_deadline = time.monotonic() + ttl
        self._eid_state = "pending"
        self._tick_timer.start()
        self._poll_timer.start(int(login.poll_interval_s * 1000))
        self.changed.emit()
        self.tick.emit()

    def _poll(self) -> None:
        if self._eid is None or self._eid_state != "pending" or self._polling:
            return
        self._polling = True
        portal, request_id = self._portal, self._eid.request_id
        self._run(lambda: portal.poll_eid_login(request_id), self._on_eid_status,
                  on_error=self._on_poll_error, busy=False)

    def _on_eid_status(self, status: EidLoginStatus) -> None:
        self._polling = False
        if status.status == "approved" and status.session is not None:
            if status.session.account.id_number != self._card("id_number"):
                log.warning("account: e-ID login approved for another person; not used")
                self._end_eid("error", "eid_other_person")
                return
            log.info("account: e-ID login approved")
            self._logged_in(status.session, "eid")
        elif status.status in ("denied", "expired"):
            log.info("account: e-ID login %s", status.status)
            self._end_eid(status.status)
        else:
            self._poll_again()

    def _on_poll_error(self, error: Exception) -> None:
        self._polling = False
        log.warning("account: e-ID status not read: %s", type(error).__name__)
        if isinstance(error, PortalNotFound):
            self._end_eid("expired")
        else:
            self._poll_again()  # a hiccup: the QR is still good, ask again at the next interval

    def _poll_again(self) -> None:
        if self._eid is None:
            return
        self.activity.emit()  # the citizen is looking at their phone, not touching the kiosk
        if time.monotonic() > self._eid_deadline + EID_GRACE_S:
            self._end_eid("expired")
        else:
            self._poll_timer.start(int(self._eid.poll_interval_s * 1000))

    def _end_eid(self, state: str, message: str | None = None) -> None:
        self._poll_timer.stop()
        self._tick_timer.stop()
        self._eid = None
        self._eid_state = state
        self._message = (message, {}) if message else None
        self.changed.emit()
        self.tick.emit()

    def _on_eid_error(self, error: Exception) -> None:
        self._end_eid("error")
        self._on_error(error)

    # ------------------------------------------------------------------ helpers
    def _on_tick(self) -> None:
        self.tick.emit()
        if self._eid is not None and self._get_eid_seconds() == 0:
            self._poll()  # ask once more right at the end: the answer decides, not the kiosk's clock
        if self._eid is None and self._get_resend_seconds() == 0:
            self._tick_timer.stop()

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None], *,
             on_error: Callable[[Exception], None] | None = None, busy: bool = True) -> None:
        generation = self._generation
        if busy:
            self._set_busy(True)

        def done(result: Any) -> None:
            if generation != self._generation:
                return  # the citizen left the step (or the session was wiped) meanwhile
            if busy:
                self._set_busy(False)
            on_done(result)

        def failed(error: Exception) -> None:
            if generation != self._generation:
                return
            if busy:
                self._set_busy(False)
            (on_error or self._on_error)(error)

        self._tasks.run(fn, done, failed)

    def _on_error(self, error: Exception) -> None:
        # Only the kind of error is logged: its text may carry what the citizen typed.
        log.warning("account: portal call failed: %s (code %s)", type(error).__name__,
                    getattr(error, "code", None))
        key = "unavailable"
        args: dict[str, Any] = {}
        if isinstance(error, PortalExpired):
            key = "otp_expired"
        elif isinstance(error, PortalConflict) and error.code == "account_exists":
            key = "account_exists"
        elif isinstance(error, PortalNotFound):
            key = "account_not_found" if self._step == "phone" else "otp_expired"
        elif isinstance(error, PortalRejected) and error.code == "otp_wrong":
            left = attempts_left(error)
            key, args = ("otp_wrong_left", {"n": left}) if left is not None else ("otp_wrong", {})
        elif isinstance(error, PortalRejected):
            key = "refused"
        elif not isinstance(error, PortalError):
            log.error("account: unexpected failure", exc_info=error)
        self._show(key, **args)

    def _show(self, key: str, **args: Any) -> None:
        self._message = (key, args)
        self.changed.emit()

    def _text(self, key: str) -> str:
        return pick(TEXTS[key], self.lang)

    def _set_busy(self, busy: bool) -> None:
        if self._busy != busy:
            self._busy = busy
            self.changed.emit()


def attach_account(engine: QQmlApplicationEngine, context: KioskContext,
                   portal: PortalClient) -> AccountViewModel:
    """Make the account view-model and expose it to QML as `account` (call before the QML loads); it is on
    the context's wipe list."""
    account = AccountViewModel(flow=context.flow, portal=portal, tasks=context.tasks,
                               language=context.language_now, parent=context)
    account.setObjectName("account")
    context.holds_citizen_data(account)
    context.languageChanged.connect(account.changed)
    account.activity.connect(context.idle.poke)
    keep_session_while_eid_login(context, account)  # confirming in VNeID happens on the phone
    engine.destroyed.connect(account.clear)  # the window closes: no timer or poll outlives it
    engine.rootContext().setContextProperty("account", account)
    return account

