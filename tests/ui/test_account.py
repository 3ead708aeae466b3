"""The account journey through the real UI and the sandbox portal over HTTP: register or link with an SMS
code, log in with VNeID by QR, and the wipe."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

import kiosk.sandbox.services as sandbox_services
from kiosk.app import KioskServices
from kiosk.config import KioskConfig
from kiosk.ui.account import AccountViewModel, email_problem, group_phone, phone_problem
from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi
from tests.ui.helpers import items, resize_to, visible_texts, wait_screen

NAME, ID_NUMBER, PHONE = "Nguyễn Văn An", "001089012345", "0912345678"
EID_POLL_S = 0.2  # what this module's sandbox announces (a real portal says 2 s); the kiosk follows it


@pytest.fixture
def config(config: KioskConfig) -> KioskConfig:
    """The UI's configuration with a sandbox that asks kiosks to poll an e-ID login every 0.2 s."""
    portal = dataclasses.replace(config.portal, sandbox_eid_poll_s=EID_POLL_S)
    return dataclasses.replace(config, portal=portal)


def account_of(ui: KioskUi) -> AccountViewModel:
    found = ui.peers.context.findChildren(AccountViewModel)
    assert len(found) == 1
    return found[0]


def open_account(qtbot: QtBot, ui: KioskUi) -> AccountViewModel:
    k = ui.peers
    k.visit.touchAttract()
    k.visit.chooseLanguage("vi")
    wait_screen(qtbot, ui, "home")
    k.visit.openAccount()
    wait_screen(qtbot, ui, "readCard")
    wait_screen(qtbot, ui, "account", 30000)  # the camera reads the card by itself
    return account_of(ui)


def admin(services: KioskServices, method: str, path: str) -> object:
    response = requests.request(method, f"{services.portal_url}/sandbox/admin{path}", timeout=5)
    response.raise_for_status()
    return response.json()


def sandbox_otp(services: KioskServices, phone_masked: str) -> str:
    """The code the sandbox "sent by SMS" (training endpoint), newest for that phone."""
    sent = admin(services, "GET", "/otps")
    assert isinstance(sent, list)
    return str([o for o in sent if o["phone_masked"] == phone_masked][-1]["otp"])


def type_digits(account: AccountViewModel, digits: str) -> None:
    for digit in digits:
        account.typeDigit(digit)


def visible_named(ui: KioskUi, name: str) -> bool:
    return any(i.objectName() == name and i.isVisible() for i in items(ui.window.contentItem()))


def ask_code(qtbot: QtBot, account: AccountViewModel, mode: str, phone: str = PHONE) -> None:
    account.choose(mode)
    assert account.step == "phone"
    type_digits(account, phone)
    account.sendPhone()
    qtbot.waitUntil(lambda: account.step == "otp" or bool(account.message), timeout=10000)


# --- pure checks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["0912345678", "0351234567", "0561234567", "0781234567", "0861234567"])
def test_vietnamese_mobile_numbers_are_accepted(phone: str) -> None:
    assert phone_problem(phone) is None


@pytest.mark.parametrize(("phone", "problem"), [
    ("", "phone_empty"), ("091234567", "phone_invalid"), ("09123456789", "phone_invalid"),
    ("0212345678", "phone_invalid"), ("0412345678", "phone_invalid"), ("1912345678", "phone_invalid"),
    ("02438251234", "phone_invalid"),  # a Hanoi landline cannot receive the SMS
])
def test_other_numbers_are_refused_with_a_reason(phone: str, problem: str) -> None:
    assert phone_problem(phone) == problem


def test_email_is_optional_but_checked_and_phone_is_grouped() -> None:
    assert email_problem("") is None and email_problem("an@gmail.com") is None
    assert email_problem("an.gmail.com") == "email_invalid"
    assert group_phone("0912345678") == "0912 345 678"


# --- through the UI ---------------------------------------------------------------------------------------


def test_card_prefills_the_account_screen(qtbot: QtBot, ui: KioskUi) -> None:
    account = open_account(qtbot, ui)
    assert (account.fullName, account.idNumber, account.birthDate) == (NAME, ID_NUMBER, "15/07/1989")
    texts = visible_texts(ui)
    assert NAME in texts and "Đăng nhập bằng VNeID" in texts and "Tạo tài khoản mới" in texts
    assert "Đã có tài khoản" in texts
    account.choose("help")
    qtbot.waitUntil(lambda: visible_named(ui, "helpCallStaff"))
    assert any("Công an" in t for t in visible_texts(ui))  # where VNeID level 2 is issued


def test_phone_number_is_checked_before_anything_is_sent(qtbot: QtBot, ui: KioskUi,
                                                         services: KioskServices) -> None:
    account = open_account(qtbot, ui)
    account.choose("register")
    type_digits(account, "0212345678")
    account.sendPhone()
    assert account.step == "phone" and "03, 05, 07, 08" in account.phoneError
    assert account.phoneError in visible_texts(ui)
    assert admin(services, "GET", "/otps") == []
    account.eraseAll()
    type_digits(account, PHONE + "99")  # the keypad stops at 10 digits
    assert account.phone == "0912 345 678"
    account.setEmail("an.gmail.com")
    account.sendPhone()
    assert account.step == "phone" and account.emailError
    assert admin(services, "GET", "/otps") == []


def test_register_with_the_code_from_the_sms(qtbot: QtBot, ui: KioskUi, services: KioskServices,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    account = open_account(qtbot, ui)
    account.choose("register")
    type_digits(account, PHONE)
    account.setEmail("an.nguyen@gmail.com")
    account.sendPhone()
    qtbot.waitUntil(lambda: account.step == "otp", timeout=10000)
    assert account.phoneMasked == "091****678"
    assert 55 <= account.resendSeconds <= 60
    qtbot.waitUntil(lambda: visible_named(ui, "otpBoxes"))
    otp = sandbox_otp(services, "091****678")
    type_digits(account, otp)
    assert account.otp == otp
    account.verifyOtp()
    assert account.otp == ""  # the code is forgotten as soon as it is sent
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    assert account.outcome == "register" and account.loggedInNow
    session = account.citizen_session
    assert session is not None and session.account.id_number == ID_NUMBER
    assert session.account.full_name == NAME and session.account.level == "portal"
    assert "✓ Đã tạo tài khoản thành công" in visible_texts(ui)
    # Nothing secret reached the log: no code, no phone number, no session token.
    kiosk_logs = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("kiosk.sandbox"))
    for secret in (otp, PHONE, session.session_token, "an.nguyen@gmail.com"):
        assert secret not in kiosk_logs
    assert session.session_token not in repr(session)
    ui.peers.visit.journeyDone()
    wait_screen(qtbot, ui, "feedback")


def test_wrong_code_says_so_and_the_right_one_still_works(qtbot: QtBot, ui: KioskUi,
                                                          services: KioskServices) -> None:
    account = open_account(qtbot, ui)
    ask_code(qtbot, account, "register")
    otp = sandbox_otp(services, "091****678")
    wrong = "000000" if otp != "000000" else "111111"
    type_digits(account, wrong)
    account.verifyOtp()
    qtbot.waitUntil(lambda: bool(account.message), timeout=10000)
    assert account.step == "otp" and account.otp == "" and not account.loggedInNow
    assert "Mã chưa đúng" in account.message and "còn 4 lần thử" in account.message
    assert account.message in visible_texts(ui)
    # Too short: not sent at all.
    type_digits(account, otp[:3])
    account.verifyOtp()
    assert "6 chữ số" in account.message
    type_digits(account, otp[3:])
    account.verifyOtp()
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    assert account.loggedInNow and account.message == ""


def test_existing_account_is_linked_with_phone_and_code(qtbot: QtBot, ui: KioskUi,
                                                        services: KioskServices) -> None:
    account = open_account(qtbot, ui)
    ask_code(qtbot, account, "register")
    type_digits(account, sandbox_otp(services, "091****678"))
    account.verifyOtp()
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    account.clear()  # as if another visit: same citizen, the account exists now
    account.choose("choose")

    ask_code(qtbot, account, "register")  # registering again: the portal says "link it instead"
    assert account.step == "phone" and account.suggestLink and "đã có tài khoản" in account.message
    account.switchToLink()
    assert account.mode == "link" and account.phone == "0912 345 678"
    account.eraseAll()
    ask_code(qtbot, account, "link", "0987654321")  # not the phone on the account
    assert account.step == "phone" and "Không tìm thấy tài khoản" in account.message
    account.eraseAll()
    type_digits(account, PHONE)
    account.sendPhone()
    qtbot.waitUntil(lambda: account.step == "otp", timeout=10000)
    type_digits(account, sandbox_otp(services, "091****678"))
    account.verifyOtp()
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    assert account.outcome == "link" and account.citizen_session is not None
    assert "✓ Đã liên kết tài khoản thành công" in visible_texts(ui)


def test_eid_login_approved_on_the_phone(qtbot: QtBot, ui: KioskUi, services: KioskServices,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    account = open_account(qtbot, ui)
    polls: list[str] = []
    real_poll = account._portal.poll_eid_login

    def counted_poll(request_id: str) -> object:
        polls.append(request_id)
        return real_poll(request_id)

    monkeypatch.setattr(account._portal, "poll_eid_login", counted_poll)
    account.choose("eid")
    qtbot.waitUntil(lambda: account.eidState == "pending", timeout=10000)
    assert account.eidQr.startswith("image://qr/https%3A%2F%2Fvneid.")
    assert 100 <= account.eidSecondsLeft <= 120
    assert account._poll_timer.interval() == int(EID_POLL_S * 1000), "the kiosk polls as the portal says"
    qtbot.waitUntil(lambda: visible_named(ui, "eidQr"))
    assert any(t.startswith("Mã còn hiệu lực: ") for t in visible_texts(ui))
    request_id = account._eid.request_id if account._eid else ""
    # Two polls answered "pending" while the citizen looks at their phone, then they confirm.
    qtbot.waitUntil(lambda: len(polls) >= 3, timeout=10000)  # the third is asked once two were answered
    assert account.eidState == "pending" and set(polls) == {request_id}
    assert ui.peers.context.idle.held, "confirming on the phone keeps the session (issue 14)"
    admin(services, "POST", f"/eid/{request_id}/approve")
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    assert not ui.peers.context.idle.held
    assert account.outcome == "eid" and account.accountName == NAME
    session = account.citizen_session
    assert session is not None and session.account.id_number == ID_NUMBER
    assert "✓ Đã đăng nhập thành công" in visible_texts(ui)


def test_eid_login_denied_then_try_again(qtbot: QtBot, ui: KioskUi, services: KioskServices) -> None:
    account = open_account(qtbot, ui)
    account.choose("eid")
    qtbot.waitUntil(lambda: account.eidState == "pending", timeout=10000)
    first = account._eid.request_id if account._eid else ""
    admin(services, "POST", f"/eid/{first}/deny")
    qtbot.waitUntil(lambda: account.eidState == "denied", timeout=10000)
    assert account.eidQr == "" and not account.loggedInNow
    assert "✕ Đăng nhập đã bị từ chối trên điện thoại." in visible_texts(ui)
    qtbot.waitUntil(lambda: visible_named(ui, "eidRetry"))
    account.startEid()
    qtbot.waitUntil(lambda: account.eidState == "pending", timeout=10000)
    assert account._eid is not None and account._eid.request_id != first


def test_eid_login_expires(qtbot: QtBot, ui: KioskUi, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta
    monkeypatch.setattr(sandbox_services, "EID_TTL", timedelta(seconds=1))
    account = open_account(qtbot, ui)
    account.choose("eid")
    qtbot.waitUntil(lambda: account.eidState == "expired", timeout=15000)
    assert account.eidQr == "" and not account.loggedInNow
    assert any("Mã đã hết hạn" in t for t in visible_texts(ui))


def test_eid_login_of_another_person_is_not_used(qtbot: QtBot, ui: KioskUi, services: KioskServices) -> None:
    account = open_account(qtbot, ui)
    account.choose("eid")
    qtbot.waitUntil(lambda: account.eidState == "pending", timeout=10000)
    request_id = account._eid.request_id if account._eid else ""
    response = requests.post(f"{services.portal_url}/sandbox/admin/eid/{request_id}/approve",
                             json={"id_number": "079199001234", "full_name": "Trần Thị Bình"}, timeout=5)
    response.raise_for_status()
    qtbot.waitUntil(lambda: account.eidState == "error", timeout=10000)
    assert account.citizen_session is None and "không phải của người có thẻ này" in account.message


def test_wipe_drops_the_session_and_leaves_nothing_on_screen(qtbot: QtBot, ui: KioskUi,
                                                             services: KioskServices) -> None:
    account = open_account(qtbot, ui)
    ask_code(qtbot, account, "register")
    type_digits(account, sandbox_otp(services, "091****678"))
    account.verifyOtp()
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    assert account.citizen_session is not None
    ui.peers.visit.startOver()
    wait_screen(qtbot, ui, "attract")
    assert account.citizen_session is None and not account.loggedInNow
    assert account.step == "choose"
    assert (account.phone, account.otp, account.email, account.message) == ("", "", "", "")
    assert (account.fullName, account.idNumber, account.accountName, account.phoneMasked) == ("", "", "", "")
    texts = " ".join(visible_texts(ui))
    for trace in (NAME, ID_NUMBER, "0912 345 678", "091****678", "15/07/1989"):
        assert trace not in texts


def test_leaving_the_screen_stops_polling(qtbot: QtBot, ui: KioskUi) -> None:
    account = open_account(qtbot, ui)
    account.choose("eid")
    qtbot.waitUntil(lambda: account.eidState == "pending", timeout=10000)
    ui.peers.visit.back()
    wait_screen(qtbot, ui, "home")
    assert account.eidState == "idle" and not account._poll_timer.isActive()
    assert not account._tick_timer.isActive()


@pytest.mark.parametrize("step", ["choose", "help", "eid", "phone", "otp", "done"])
def test_account_steps_render_in_both_orientations(qtbot: QtBot, ui: KioskUi, services: KioskServices,
                                                   step: str, tmp_path: Path) -> None:
    account = open_account(qtbot, ui)
    if step == "help":
        account.choose("help")
    elif step == "eid":
        account.choose("eid")
        qtbot.waitUntil(lambda: account.eidState == "pending", timeout=10000)
    elif step in ("phone", "otp", "done"):
        account.choose("register")
        type_digits(account, PHONE)
        if step == "phone":  # the tallest case: both error lines showing
            account.eraseDigit()
            account.setEmail("not an address")
            account.sendPhone()
            assert account.phoneError and account.emailError
        else:
            account.sendPhone()
            qtbot.waitUntil(lambda: account.step == "otp", timeout=10000)
        if step == "done":
            type_digits(account, sandbox_otp(services, "091****678"))
            account.verifyOtp()
            qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    assert account.step == step
    window = ui.window
    for size in (PORTRAIT, LANDSCAPE):
        resize_to(qtbot, ui, size)
        assert window.grabWindow().save(str(tmp_path / f"account_{step}_{size[0]}x{size[1]}.png"))
        u = min(size) / 1080
        content_bottom = size[1] - (window.findChild(type(window.contentItem()), "backButton").height()
                                    + 2 * 24 * u)
        for item in items(window.contentItem()):
            kind = item.metaObject().className()
            if not item.isVisible() or not kind.startswith(("BigButton", "QQuickText", "QQuickTextField")):
                continue
            up = ancestors(item)
            if not any(p.objectName().startswith("account") for p in up):
                continue
            if any(p.metaObject().className().startswith("QQuickFlickable") for p in up):
                continue  # scrolls
            bottom = item.mapToScene(item.boundingRect().topLeft()).y() + item.height()
            assert bottom <= content_bottom + 0.5, f"{item.property('text')!r} hides under the nav bar"
            if kind.startswith("BigButton"):
                assert item.height() >= 80 * u - 0.5, f"{item.property('text')!r} is {item.height():.0f}px"


def ancestors(item: object) -> list[object]:
    out = []
    parent = item.parentItem()  # type: ignore[attr-defined]
    while parent is not None:
        out.append(parent)
        parent = parent.parentItem()
    return out
