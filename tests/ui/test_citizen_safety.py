"""Issue 14's safety defects, on the real UI against the sandbox: paying does not lose the dossier, no
text from a card, the portal or a citizen is ever read as markup, help and printing are described
truthfully, and times are Vietnam's."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices, build_services
from kiosk.capture.frames import ImageSequenceSource
from kiosk.config import KioskConfig
from kiosk.portal.service_models import PickupSlot
from kiosk.ui.delivery import _slot_label
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import fill_form, items, visible_texts, wait_frame, wait_screen

# A fee, optional documents, and one of the home screen's six: the shortest way to the payment screen.
FEE_PROCEDURE = "2.000488.000.00.00.H26"


def find(ui: KioskUi, name: str) -> QQuickItem:
    for item in items(ui.window.contentItem()):
        if item.objectName() == name:
            return item
    raise AssertionError(f"no item named {name!r}")


def walk_to_review(qtbot: QtBot, ui: KioskUi, procedure: str = FEE_PROCEDURE) -> None:
    k = ui.peers
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    k.visit.touchAttract()
    wait_screen(qtbot, ui, "home")
    ui.journey.startWith(procedure)
    wait_screen(qtbot, ui, "confirm", 30000)
    k.card.confirm()
    wait_screen(qtbot, ui, "form")
    fill_form(ui)
    k.form.submit()
    wait_screen(qtbot, ui, "documents")
    k.dossier.documentsDone()
    wait_screen(qtbot, ui, "delivery")
    k.delivery.chooseMethod("online")
    k.dossier.deliveryDone()
    wait_screen(qtbot, ui, "review")


@pytest.fixture
def quick_idle(config: KioskConfig) -> Iterator[KioskServices]:
    # The shortest idle settings the guard counts (whole seconds): warning after 1 s, wipe 1 s later.
    quick = dataclasses.replace(config, ui=dataclasses.replace(config.ui, idle_timeout_s=2, idle_warning_s=1))
    services = build_services(quick)
    yield services
    services.close()


def make_ui(services: KioskServices, camera: str = "01_nguyen_van_an_front.png") -> KioskUi:
    ui = create_ui(services, size=PORTRAIT)
    ui.peers.card.set_camera_opener(lambda: card_camera(camera))
    ui.window.show()
    return ui


def test_paying_on_the_phone_keeps_the_session_and_the_qr_is_never_covered(
        qtbot: QtBot, quick_idle: KioskServices) -> None:
    ui = make_ui(quick_idle)
    try:
        k = ui.peers
        walk_to_review(qtbot, ui)
        k.dossier.setConsent(True)
        k.dossier.submit()
        wait_screen(qtbot, ui, "payment", 30000)
        # The code is on screen before paying starts.
        code = k.dossier.code
        assert code and find(ui, "paymentDossierCode").isVisible()
        assert any(code in t for t in visible_texts(ui))
        qtbot.waitUntil(lambda: k.payment.state == "waiting", timeout=20000)
        # Twice the idle timeout without a touch (the warning would show after 1 s, the wipe after 2 s):
        # still there, no warning, QR shown.
        qtbot.wait(2 * quick_idle.config.ui.idle_timeout_s * 1000)
        assert k.context.screen == "payment" and not k.context.idleWarning
        assert find(ui, "paymentQrImage").isVisible()
        # The generous limit runs out (shortened here): the QR goes, then the ordinary countdown.
        k.context.idle._hold.start(50)
        qtbot.waitUntil(lambda: ui.journey.paymentExpired, timeout=3000)
        assert not find(ui, "paymentQrImage").isVisible()
        qtbot.waitUntil(lambda: k.context.idleWarning, timeout=5000)
        assert not find(ui, "paymentQrImage").isVisible(), "the overlay never covers a payable QR"
        qtbot.waitUntil(lambda: k.context.screen == "attract", timeout=5000)
        wait_frame(qtbot, ui)  # the attract screen finishes loading before the engine goes
    finally:
        ui.close()
    assert_ui_idle(ui)


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trap() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, name="markup-trap", daemon=True)
    thread.start()
    _Recorder.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def markup_card(tmp_path: Path, url: str) -> Path:
    import segno

    name = f"<img src={url}/x.png><b>Nguyễn Văn An</b>"
    payload = f"001089012345|123456789|{name}|15071989|Nam|<img src={url}/a.png>, Hoàn Kiếm, Hà Nội|20052021"
    path = tmp_path / "forged.png"
    segno.make(payload, encoding="utf-8", error="m").save(str(path), scale=8, border=4)
    return path


def text_format(item: QQuickItem) -> int | None:
    """A Text item's textFormat (PySide6 cannot convert the enum through `property`: ask QML)."""
    if not item.metaObject().className().startswith("QQuickText"):
        return None
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return None
    value, undefined = QQmlExpression(context, item, "textFormat").evaluate()
    return None if undefined else int(value)


def non_plain_texts(ui: KioskUi) -> list[str]:
    """Visible Text items of the citizen's screen, step row and banner not in PlainText format (0).
    (The virtual keyboard's own key labels are not data and are left out.)"""
    root = find(ui, "screenLoader").parentItem()
    return [f"{i.objectName()} {i.property('text')!r}" for i in items(root)
            if i.isVisible() and text_format(i) not in (None, 0)]


def test_markup_in_a_card_name_is_shown_as_text_and_fetches_nothing(
        qtbot: QtBot, services: KioskServices, trap: str, tmp_path: Path) -> None:
    card = markup_card(tmp_path, trap)
    ui = create_ui(services, size=PORTRAIT)
    ui.peers.card.set_camera_opener(lambda: ImageSequenceSource([card], repeat_each=30, fps=15.0))
    ui.window.show()
    try:
        k = ui.peers
        qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
        k.visit.touchAttract()
        wait_screen(qtbot, ui, "home")
        k.dossier.start()
        wait_screen(qtbot, ui, "confirm", 30000)
        wait_frame(qtbot, ui)
        assert any("<img src=" in t for t in visible_texts(ui)), "the name is shown as the characters it has"
        assert non_plain_texts(ui) == []
        for screen, step in (("procedure", k.card.confirm),
                             ("procedureInfo", lambda: k.procedures.choose(FEE_PROCEDURE)),
                             ("form", k.form.begin)):
            step()
            wait_screen(qtbot, ui, screen)
            wait_frame(qtbot, ui)
            assert non_plain_texts(ui) == [], screen
        fill_form(ui)
        k.form.submit()
        wait_screen(qtbot, ui, "documents")
        k.dossier.documentsDone()
        wait_screen(qtbot, ui, "delivery")
        k.delivery.chooseMethod("online")
        k.dossier.deliveryDone()
        wait_screen(qtbot, ui, "review")
        qtbot.wait(500)  # time for a fetch to reach the trap, had any screen on the way started one
        assert non_plain_texts(ui) == []
        assert any("<img src=" in t for t in visible_texts(ui))
        assert _Recorder.hits == [], "the UI fetched a URL written on a card"
    finally:
        ui.close()
    assert_ui_idle(ui)


def test_call_staff_tells_the_truth_and_gives_the_helpline(qtbot: QtBot, config: KioskConfig) -> None:
    with_phone = dataclasses.replace(config, ui=dataclasses.replace(config.ui, help_phone="1900 0000"))
    services = build_services(with_phone)
    ui = make_ui(services)
    try:
        ui.peers.visit.touchAttract()
        wait_screen(qtbot, ui, "home")
        ui.peers.visit.callStaff()
        message = ui.peers.context.message
        assert "chưa tự gọi được" in message and "1900 0000" in message
        assert "Đã gọi nhân viên" not in message
        assert any("1900 0000" in t for t in visible_texts(ui))
    finally:
        ui.close()
        services.close()


def test_without_a_printer_nothing_claims_to_print_and_no_pdf_is_offered(
        qtbot: QtBot, services: KioskServices) -> None:
    assert services.config.ui.printer == "dummy"
    ui = make_ui(services)
    try:
        k = ui.peers
        walk_to_review(qtbot, ui, "1.004873.000.00.00.H26")  # free: straight to the receipt
        k.dossier.setConsent(True)
        k.dossier.submit()
        wait_screen(qtbot, ui, "receipt", 30000)
        assert not find(ui, "printReceipt").isVisible()
        assert not find(ui, "saveReceiptPdf").isVisible()
        assert any(t.startswith("Máy này không có máy in") for t in visible_texts(ui))
        printer = ui.staff.receipt_printer
        assert printer is not None
        printer.printReceipt()  # even if asked: no "printed" without a printer
        assert printer.property("state") == "failed" and printer.property("problem") == "not_connected"
        assert not any("Đã in phiếu" in t for t in visible_texts(ui))
    finally:
        ui.close()
    assert_ui_idle(ui)


def test_pickup_slots_and_receipt_time_are_vietnam_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        slot = PickupSlot(slot_id="s1", start=datetime(2026, 12, 3, 1, 0, tzinfo=UTC),
                          end=datetime(2026, 12, 3, 3, 0, tzinfo=UTC), available=True)
        assert _slot_label(slot, "vi") == "Thứ Năm 03/12, 08:00–10:00"
        from kiosk.ui.clock import now_vn

        assert now_vn().utcoffset() is not None and now_vn().utcoffset().total_seconds() == 7 * 3600  # type: ignore[union-attr]
        late = datetime(2026, 12, 3, 20, 30, tzinfo=UTC)  # 03:30 on the 4th in Hà Nội
        later = datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
        from kiosk.ui.receipt_print import receipt_delivery

        address = {"recipient_name": "Nguyễn Văn An", "phone": "0912345678", "street": "1 Tràng Tiền",
                   "commune_code": "00070", "commune_name": "Phường Hoàn Kiếm", "province_code": "01",
                   "province_name": "Thành phố Hà Nội"}
        delivery = receipt_delivery({"method": "pickup", "address": address, "pickup_slot_id": "s1",
                                     "pickup_slot": f"{late.isoformat()}/{later.isoformat()}"})
        assert delivery.pickup_slot is not None and delivery.pickup_slot[0].day == 4
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_covered_camera_is_said_within_three_seconds(qtbot: QtBot, services: KioskServices,
                                                       tmp_path: Path) -> None:
    from PIL import Image

    black = tmp_path / "covered.png"
    Image.new("RGB", (1280, 720), (3, 3, 3)).save(black)
    ui = create_ui(services, size=PORTRAIT)
    ui.peers.card.set_camera_opener(lambda: ImageSequenceSource([black], repeat_each=1000, fps=10.0))
    ui.window.show()
    try:
        k = ui.peers
        qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
        k.visit.touchAttract()
        wait_screen(qtbot, ui, "home")
        k.dossier.start()
        wait_screen(qtbot, ui, "readCard")
        started = time.monotonic()
        qtbot.waitUntil(lambda: "Camera bị che" in k.context.message, timeout=3000)
        assert time.monotonic() - started < 3.0
        assert any("Camera bị che" in t for t in visible_texts(ui))
        # Uncovered: the card is read and the message goes.
        k.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
        k.visit.back()
        wait_screen(qtbot, ui, "home")
        assert k.context.message == ""
    finally:
        ui.close()
    assert_ui_idle(ui)


def test_staff_health_reasons_carry_no_python_reprs() -> None:
    from kiosk.ui.staff import plain_reason

    assert plain_reason("Không mở được (0): RuntimeError: cannot open camera 0") == \
        "Không mở được (0): cannot open camera 0"
    refused = "Cannot connect to host:9100: ConnectionRefusedError: [Errno 111] Connection refused"
    assert plain_reason(refused) == "Cannot connect to host:9100: Connection refused"
    assert plain_reason("Cổng trả lời trạng thái 'degraded'") == "Cổng trả lời trạng thái degraded"
