"""The citizen's postal chain in the window, with the production wiring (kiosk.app.build_services: the
real worker, the real sandbox over HTTP): choose post → the postage joins the VietQR payment → pay →
the portal marks the dossier `done` → the worker orders the delivery → the tracking number and its
events appear on the check screen."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.config import KioskConfig
from kiosk.domain.postal import parse_tracking_number
from kiosk.ui.check import CheckViewModel
from kiosk.ui.window import KioskUi
from tests.ui.helpers import drive_to, wait_screen


@pytest.fixture
def config(config: KioskConfig) -> KioskConfig:
    """The kiosk asks whether the fee was paid every 0.2 s (2 s on a kiosk): the payment shows sooner."""
    return dataclasses.replace(config, ui=dataclasses.replace(config.ui, payment_poll_s=0.2))


def choose_post(qtbot: QtBot, ui: KioskUi) -> None:
    d = ui.peers.delivery
    d.chooseMethod("post")
    d.setField("phone", "0912345678")
    d.chooseProvince("01")
    d.searchCommunes("nghia do")
    d.chooseCommune(d.communes.rows()[0]["code"])
    d.setField("street", "Số 12 ngõ 34 Hoàng Quốc Việt")
    qtbot.waitUntil(lambda: "16.500" in d.property("quoteText"), timeout=15000)
    assert d.property("postagePayment") == "vietqr"


def test_post_pay_done_worker_orders_and_the_check_screen_tracks_it(
    qtbot: QtBot, ui: KioskUi, services: KioskServices
) -> None:
    k = ui.peers
    drive_to(qtbot, ui, "delivery")
    choose_post(qtbot, ui)
    k.dossier.deliveryDone()
    wait_screen(qtbot, ui, "review")
    k.dossier.setConsent(True)
    k.dossier.submit()
    # A procedure without a fee: the postage alone makes a payment due, in the same VietQR transfer.
    wait_screen(qtbot, ui, "payment", 30000)
    code = k.dossier.code
    qtbot.waitUntil(lambda: k.payment.state == "waiting", timeout=15000)
    payment = services.portal.get_payment(code)
    assert [item.code for item in payment.items] == ["CUOC_BUU_CHINH"] and payment.amount_vnd == 16_500
    admin = f"{services.portal_url}/sandbox/admin"
    requests.post(f"{admin}/payments/{quote(code, safe='')}/pay", timeout=10).raise_for_status()
    wait_screen(qtbot, ui, "receipt", 30000)

    requests.post(f"{admin}/dossiers/{quote(code, safe='')}/status", json={"status": "done"},
                  timeout=10).raise_for_status()
    worker = services.worker
    assert worker is not None and k.context.services.worker is worker, \
        "the window runs on the composition root's worker"
    worker.start()
    try:
        k.dossier.syncNow()  # a round now; the first status pull is not due yet, so pull like `worker --once`
        summary = worker.run_once(pull_all=True)
    finally:
        worker.stop()
    assert summary.deliveries == 1
    [entry] = services.outbox.entries()
    assert entry.delivery_ref is not None and parse_tracking_number(entry.delivery_ref).check_digit_ok

    k.visit.finish()
    wait_screen(qtbot, ui, "feedback")
    k.visit.skipFeedback()
    wait_screen(qtbot, ui, "attract")
    k.visit.touchAttract()
    k.visit.chooseLanguage("vi")
    k.visit.checkDossier()
    wait_screen(qtbot, ui, "check")
    [check] = k.context.findChildren(CheckViewModel)
    check.lookup(code)
    qtbot.waitUntil(lambda: check.property("state") == "found", timeout=15000)
    assert check.property("trackingNumber") == entry.delivery_ref
    assert check.property("byPost") and check.property("status") == "done"
    events = [row for row in check.tracking.rows()]
    assert events and "Bưu cục đã nhận" in str(events[0])


def test_an_offline_receipt_code_is_found_on_this_kiosk_then_by_its_portal_code(
    qtbot: QtBot, ui: KioskUi, services: KioskServices
) -> None:
    import dataclasses

    k = ui.peers
    drive_to(qtbot, ui, "review")
    real_portal = services.portal.base_url
    services.portal.base_url = "http://127.0.0.1:9"  # a pulled cable
    services.portal.retry = dataclasses.replace(services.portal.retry, attempts=1)
    k.dossier.setConsent(True)
    k.dossier.submit()
    wait_screen(qtbot, ui, "receipt", 30000)
    reference = k.dossier.reference
    assert k.dossier.submittedOffline and len(reference) == 8
    k.visit.finish()
    wait_screen(qtbot, ui, "feedback")
    k.visit.skipFeedback()
    wait_screen(qtbot, ui, "attract")

    k.visit.touchAttract()
    k.visit.chooseLanguage("vi")
    k.visit.checkDossier()
    wait_screen(qtbot, ui, "check")
    [check] = k.context.findChildren(CheckViewModel)
    check.lookup(reference)
    qtbot.waitUntil(lambda: check.property("state") == "found", timeout=15000)
    assert check.property("status") == "queued" and "chờ gửi" in check.property("statusText")

    services.portal.base_url = real_portal  # the network is back; the worker sends it
    worker = services.worker
    assert worker is not None
    with services.outbox._sessions.begin() as session:  # due now rather than after the back-off
        from kiosk.store.models import OutboxEntry

        entry = services.outbox.entries()[0]
        session.get(OutboxEntry, entry.id).next_attempt_at = entry.created_at  # type: ignore[union-attr]
    assert worker.run_once().sent == 1
    check.searchAgain()
    check.lookup(reference)
    qtbot.waitUntil(lambda: check.property("state") == "found" and check.property("status") == "received",
                    timeout=15000)
    assert services.outbox.entries()[0].dossier_code is not None, "sent: now the portal's status shows"
    check.searchAgain()
    check.lookup("ABCDEF12")
    qtbot.waitUntil(lambda: check.property("state") == "not_found", timeout=15000)


def test_a_reprint_from_the_check_screen_is_marked_and_shows_no_name(
    qtbot: QtBot, ui: KioskUi, services: KioskServices, tmp_path: Path
) -> None:
    from kiosk.receipts.model import DeliveryMethod, receipt_content
    from kiosk.ui.texts import say

    k = ui.peers
    drive_to(qtbot, ui, "receipt")
    code = k.dossier.code
    k.visit.finish()
    wait_screen(qtbot, ui, "feedback")
    k.visit.skipFeedback()
    wait_screen(qtbot, ui, "attract")
    k.visit.touchAttract()
    k.visit.chooseLanguage("vi")
    k.visit.checkDossier()
    wait_screen(qtbot, ui, "check")
    [check] = k.context.findChildren(CheckViewModel)
    assert check.reprint_receipt() is None, "nothing found yet: nothing to reprint"
    check.lookup(code)
    qtbot.waitUntil(lambda: check.property("state") == "found", timeout=15000)
    receipt = check.reprint_receipt()
    assert receipt is not None and receipt.reprint and receipt.dossier_code == code
    assert receipt.delivery.method is DeliveryMethod.ONLINE
    content = receipt_content(receipt, say)
    assert "BẢN IN LẠI" in content.title_vi and content.footer[0].startswith("BẢN IN LẠI")
    assert "Nguyễn" not in str(content) and "Người nộp" not in [f.label_vi for f in content.fields]
    from PySide6.QtQuick import QQuickItem

    button = ui.window.findChild(QQuickItem, "checkReprint")
    assert button is not None and not button.isVisible(), "no printer at this kiosk: no reprint offered"
    printer = check.property("reprinterModel")
    paper = tmp_path / "printer.bin"
    printer.printer_spec = f"file:{paper}"  # a printer that writes what it is sent to a file
    printer.printReceipt()
    qtbot.waitUntil(lambda: printer.property("state") in ("printed", "failed"), timeout=15000)
    assert printer.property("state") == "printed"
    assert paper.stat().st_size > 1000, "the ESC/POS bytes of the reprint reached the printer"
