"""Staff mode on the real UI: the hidden gesture, the PIN pad and its lockout, the dashboard (outbox with
Retry, device health, assisted mode, exit behind the PIN), and printing the receipt to a file printer."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.config import KioskConfig
from kiosk.staff import ScryptParams, StaffRegistry
from kiosk.staff.cli import staff_file
from kiosk.store.models import ClientStatus
from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import PROCEDURE, drive_to, items, resize_to, visible_texts, wait_frame

PIN = "739152"
CLERK = "lan.nt"
OPERATOR, OPERATOR_PIN = "minh.tv", "258013"
GESTURE_HOLD_S = 1.0  # the emblem's long press here (a kiosk's default is 3 s)


@pytest.fixture
def config(config: KioskConfig, tmp_path: Path) -> KioskConfig:
    ui = dataclasses.replace(config.ui, printer=f"file:{tmp_path / 'printer.bin'}",
                             staff_gesture_hold_s=GESTURE_HOLD_S)
    return dataclasses.replace(config, ui=ui)


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    # Cheap scrypt for the test's own members (the parameters are stored with each hash).
    registry = StaffRegistry(staff_file(services.config.data_dir), params=ScryptParams(n=2**10))
    registry.add(CLERK, "Nguyễn Thị Lan", "clerk", PIN)
    registry.add(OPERATOR, "Trần Văn Minh", "operator", OPERATOR_PIN)
    kiosk_ui = create_ui(services, size=PORTRAIT)
    kiosk_ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)
    assert kiosk_ui.staff.tasks.pool.activeThreadCount() == 0, "staff task left running"


def find(ui: KioskUi, name: str) -> QQuickItem:
    found = [i for i in items(ui.window.contentItem()) if i.objectName() == name and i.isVisible()]
    assert found, f"no visible item {name!r}"
    return found[0]


def tap(qtbot: QtBot, ui: KioskUi, name: str) -> None:
    item = find(ui, name)
    centre = item.mapToScene(item.boundingRect().center()).toPoint()
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.wait(30)


def type_pin(qtbot: QtBot, ui: KioskUi, pin: str) -> None:
    for digit in pin:
        tap(qtbot, ui, f"key_{digit}")
    tap(qtbot, ui, "key_OK")
    qtbot.waitUntil(lambda: not ui.staff.checking, timeout=10000)


def open_pin_pad(qtbot: QtBot, ui: KioskUi) -> None:
    ui.staff.open()
    qtbot.wait(100)  # laid out before the first tap


def sign_in(qtbot: QtBot, ui: KioskUi, member: str = CLERK, pin: str = PIN) -> None:
    open_pin_pad(qtbot, ui)
    tap(qtbot, ui, f"member_{member}")
    type_pin(qtbot, ui, pin)
    qtbot.waitUntil(lambda: ui.staff.mode == "dashboard", timeout=10000)
    qtbot.waitUntil(lambda: not ui.staff.healthBusy, timeout=30000)


def test_long_press_on_the_emblem_opens_the_pin_pad(qtbot: QtBot, ui: KioskUi) -> None:
    area = find(ui, "staffGestureArea")
    assert area.property("pressAndHoldInterval") == GESTURE_HOLD_S * 1000, "the hold is the configured one"
    centre = area.mapToScene(area.boundingRect().center()).toPoint()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.wait(round(GESTURE_HOLD_S * 1000 / 3))
    assert ui.staff.mode == "closed", "a short press must not open staff mode"
    qtbot.waitUntil(lambda: ui.staff.mode == "pin", timeout=4000)
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert find(ui, "pinPad").isVisible()
    tap(qtbot, ui, "pinCancel")
    assert ui.staff.mode == "closed"


def test_wrong_pins_lock_out_and_no_pin_is_logged(qtbot: QtBot, ui: KioskUi,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    open_pin_pad(qtbot, ui)
    tap(qtbot, ui, f"member_{CLERK}")
    assert ui.staff.selectedId == CLERK
    type_pin(qtbot, ui, "111000")
    assert ui.staff.pinState == "wrong"
    assert any("Sai mã PIN. Còn 4 lần thử." in t for t in visible_texts(ui))
    for _ in range(4):
        type_pin(qtbot, ui, "111000")
    assert ui.staff.pinState == "locked"
    assert any(t.startswith("Tạm khoá do nhập sai nhiều lần") for t in visible_texts(ui))
    # Locked: even the right PIN does not open the dashboard now.
    type_pin(qtbot, ui, PIN)
    assert ui.staff.mode == "pin" and ui.staff.pinState == "locked"
    assert ui.staff.pinLength == 0
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert PIN not in logged and "111000" not in logged
    assert "staff.verify.locked_out" in logged


def test_right_pin_opens_the_dashboard_with_device_health(qtbot: QtBot, ui: KioskUi) -> None:
    sign_in(qtbot, ui)
    assert find(ui, "staffDashboard").isVisible()
    assert find(ui, "staffName").property("text") == "Nguyễn Thị Lan (lan.nt)"
    levels = {row["key"]: row["level"] for row in ui.staff.health.rows()}
    assert set(levels) == {"camera", "document_camera", "scanner", "printer", "portal", "disk", "clock"}
    assert levels["portal"] == "ok" and levels["camera"] == "ok" and levels["printer"] == "ok"
    tap(qtbot, ui, "staffClose")
    assert ui.staff.mode == "closed" and ui.staff.memberName == ""


def test_failed_entry_shows_its_reason_and_retry_requeues_it(qtbot: QtBot, ui: KioskUi,
                                                             services: KioskServices) -> None:
    outbox = services.outbox
    entry = outbox.for_dossier(outbox.enqueue("test-key-1", PROCEDURE, {"answers": {}}))
    outbox.mark_sending(entry.id)
    outbox.mark_failed(entry.id, "422 invalid_form: date_of_birth must be in the past", permanent=True)
    sign_in(qtbot, ui, OPERATOR, OPERATOR_PIN)  # retry is an operator's action
    assert ui.staff.counts["failed"] == 1
    assert any("date_of_birth must be in the past" in t for t in visible_texts(ui))
    assert any("Lỗi, cần xử lý" in t for t in visible_texts(ui))
    tap(qtbot, ui, f"retry_{entry.id}")
    item = outbox.get(entry.id)
    assert item.client_status is ClientStatus.QUEUED
    assert item.attempts == 1  # kept for the record
    assert ui.staff.counts["failed"] == 0


def test_exit_only_from_the_dashboard(qtbot: QtBot, ui: KioskUi) -> None:
    exits: list[bool] = []
    ui.staff.exitRequested.connect(lambda: exits.append(True))
    ui.staff.exitApp()  # citizen screens: nothing happens
    ui.staff.open()
    ui.staff.exitApp()  # PIN pad, not signed in: nothing happens
    assert exits == []
    ui.staff.close()
    # No citizen screen or component can quit the program.
    qml = Path(__file__).parents[2] / "resources" / "qml"
    for path in qml.rglob("*.qml"):
        if path.parent.name != "staff":
            assert "Qt.quit" not in path.read_text(encoding="utf-8"), path
    sign_in(qtbot, ui)  # a clerk may not quit the program
    ui.staff.exitApp()
    assert exits == []
    ui.staff.close()
    sign_in(qtbot, ui, OPERATOR, OPERATOR_PIN)
    tap(qtbot, ui, "exitApp")
    assert exits == [], "the first tap only asks to confirm"
    tap(qtbot, ui, "exitApp")
    assert exits == [True]


def test_staff_session_ends_by_itself_when_idle(qtbot: QtBot, ui: KioskUi) -> None:
    sign_in(qtbot, ui)
    ui.staff._idle.setInterval(300)
    ui.staff._idle.start()
    qtbot.waitUntil(lambda: ui.staff.mode == "closed", timeout=3000)
    assert ui.staff.memberName == ""
    ui.staff.open()
    assert ui.staff.mode == "pin", "the next visit asks for the PIN again"
    ui.staff.close()


def test_assisted_dossier_records_the_clerk_and_the_receipt_prints(
        qtbot: QtBot, ui: KioskUi, services: KioskServices, tmp_path: Path) -> None:
    sign_in(qtbot, ui)
    tap(qtbot, ui, "assistedToggle")
    assert ui.staff.assisted and ui.peers.context.assisted_by == CLERK
    tap(qtbot, ui, "staffClose")
    assert any("Hỗ trợ: Nguyễn Thị Lan" in t for t in visible_texts(ui))
    drive_to(qtbot, ui, "receipt")
    assert services.outbox.entries()[0].assisted_by == CLERK

    tap(qtbot, ui, "printReceipt")
    printer = ui.staff.receipt_printer
    assert printer is not None
    qtbot.waitUntil(lambda: printer.property("state") in ("printed", "failed"), timeout=20000)
    assert printer.property("state") == "printed"
    sent = (tmp_path / "printer.bin").read_bytes()
    assert sent.startswith(b"\x1b@") and len(sent) > 2000  # ESC @, then raster text, QR, barcode
    assert any("Đã in phiếu" in t for t in visible_texts(ui))

    # The printer goes away: the citizen is told, and the receipt stays on screen.
    printer.printer_spec = f"file:{tmp_path / 'unplugged' / 'lp0'}"  # type: ignore[attr-defined]
    tap(qtbot, ui, "printReceipt")
    qtbot.waitUntil(lambda: printer.property("state") == "failed", timeout=20000)
    assert printer.property("problem") == "not_connected"
    assert any(t.startswith("Máy in chưa sẵn sàng") for t in visible_texts(ui))
    assert ui.peers.context.screen == "receipt"
    assert find(ui, "dossierCode").property("text") == ui.peers.dossier.code != ""

    tap(qtbot, ui, "saveReceiptPdf")
    qtbot.waitUntil(lambda: printer.property("state") == "saved", timeout=20000)
    pdfs = list((services.config.data_dir / "receipts").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")

    # Nobody at the kiosk any more: assisted mode ends with the timeout.
    ui.peers.context.idle.expired.emit()
    assert not ui.staff.assisted and ui.peers.context.assisted_by is None


def small_targets(ui: KioskUi) -> list[str]:
    u = min(ui.window.width(), ui.window.height()) / 1080
    return [f"{i.objectName() or i.property('text')!r} {i.height():.0f}px"
            for i in items(ui.window.contentItem())
            if i.isVisible() and i.metaObject().className().startswith("BigButton")
            and i.height() < 80 * u - 0.5]


@pytest.mark.slow
def test_pin_pad_and_dashboard_render_in_both_orientations(qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    open_pin_pad(qtbot, ui)
    tap(qtbot, ui, f"member_{CLERK}")
    for size in (PORTRAIT, LANDSCAPE):
        resize_to(qtbot, ui, size)
        assert ui.window.grabWindow().save(str(tmp_path / f"pin_{size[0]}x{size[1]}.png"))
        assert small_targets(ui) == []
    resize_to(qtbot, ui, PORTRAIT)
    wait_frame(qtbot, ui)  # laid out again before the next step
    type_pin(qtbot, ui, PIN)
    qtbot.waitUntil(lambda: ui.staff.mode == "dashboard", timeout=10000)
    qtbot.waitUntil(lambda: not ui.staff.healthBusy, timeout=30000)
    dashboard = find(ui, "staffDashboard")
    for tab in range(4):
        dashboard.setProperty("tab", tab)
        for size in (PORTRAIT, LANDSCAPE):
            resize_to(qtbot, ui, size)
            image = ui.window.grabWindow()
            assert (image.width(), image.height()) == size
            assert image.save(str(tmp_path / f"dashboard{tab}_{size[0]}x{size[1]}.png"))
            assert small_targets(ui) == []


def test_the_dashboard_says_when_a_citizen_called_for_staff(qtbot: QtBot, ui: KioskUi) -> None:
    from tests.ui.helpers import items

    found = {i.objectName(): i for i in items(ui.window.contentItem())}
    alert, dashboard = found["staffCallAlert"], found["staffDashboard"]
    dashboard.setProperty("visible", True)  # as if staff had signed in (the PIN is tested above)
    assert not alert.property("visible")
    ui.peers.visit.touchAttract()
    ui.peers.visit.callStaff()
    qtbot.waitUntil(lambda: bool(alert.property("visible")))
