"""The documents screen against real parts: sample document photos played as the document camera, SANE's
`test` scanner, the page pipeline, and the outbox + sandbox receiving one PDF per component."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
import requests
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices, build_services
from kiosk.capture.frames import ImageSequenceSource
from kiosk.config import KioskConfig
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import fill_form, wait_screen

BIRTH = "1.001193.000.00.00.H26"  # the hospital's birth certificate (GCS) is mandatory


@pytest.fixture
def scanner_services(config: KioskConfig) -> Iterator[KioskServices]:
    camera = dataclasses.replace(config.camera, scanner_device="test:0")
    svc = build_services(dataclasses.replace(config, camera=camera))
    yield svc
    svc.close()


@pytest.fixture
def ui(qtbot: QtBot, scanner_services: KioskServices, small_documents: Path) -> Iterator[KioskUi]:
    kiosk_ui = create_ui(scanner_services, size=PORTRAIT)
    kiosk_ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    # Each page lies under the camera for a while, as it would on a real desk.
    pages = sorted(small_documents.glob("*.jpg"))
    kiosk_ui.peers.documents.set_camera_opener(
        lambda: ImageSequenceSource(pages, repeat_each=40, fps=20.0, name="desk"))
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)


def to_documents(qtbot: QtBot, ui: KioskUi) -> None:
    k = ui.peers
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    k.visit.touchAttract()
    k.visit.chooseLanguage("vi")
    k.dossier.start()
    wait_screen(qtbot, ui, "confirm", 30000)
    k.card.confirm()
    k.procedures.choose(BIRTH)
    k.form.begin()
    fill_form(ui)
    k.form.submit()
    wait_screen(qtbot, ui, "documents")


def test_mandatory_paper_and_low_resolution_block_the_way_on(qtbot: QtBot, ui: KioskUi) -> None:
    to_documents(qtbot, ui)
    docs = ui.peers.documents
    assert "Giấy chứng sinh" in docs.problem()  # nothing captured yet
    qtbot.waitUntil(lambda: docs.pages.rowCount() >= 1 and not docs.property("processing"), timeout=60000)
    docs.setAutoCapture(False)
    qtbot.waitUntil(lambda: not docs.property("processing"), timeout=30000)
    rows = docs.pages.rows()
    assert all(r["lowDpi"] for r in rows)  # a third of a document camera's resolution: under 200 dpi
    assert "chưa đủ rõ" in docs.problem() and "dpi" not in docs.problem()  # no jargon (issue 14)
    ui.peers.dossier.documentsDone()
    assert ui.peers.context.screen == "documents" and "chưa đủ rõ" in ui.peers.context.message
    # The scanner replaces them: retake page 1 on the flatbed, delete the rest.
    docs.retakePage(0)
    docs.scanOne()
    qtbot.waitUntil(lambda: not docs.property("scanning") and docs.pages.rows()[0]["source"] == "scanner",
                    timeout=60000)
    while docs.pages.rowCount() > 1:
        docs.deletePage(docs.pages.rowCount() - 1)
    assert docs.pages.rows()[0]["dpi"] == 200 and docs.problem() == ""
    ui.peers.dossier.documentsDone()
    wait_screen(qtbot, ui, "delivery")


def test_corners_can_be_dragged_and_pages_reordered(qtbot: QtBot, ui: KioskUi) -> None:
    to_documents(qtbot, ui)
    docs = ui.peers.documents
    qtbot.waitUntil(lambda: docs.pages.rowCount() >= 2, timeout=60000)
    docs.setAutoCapture(False)
    qtbot.waitUntil(lambda: not docs.property("processing"), timeout=30000)
    first, second = (r["pageId"] for r in docs.pages.rows()[:2])
    docs.movePage(1, 0)
    assert [r["pageId"] for r in docs.pages.rows()[:2]] == [second, first]
    docs.beginAdjust(0)
    assert docs.property("adjusting") and docs.property("adjustSource").endswith("-photo")
    corners = list(docs.property("adjustCorners"))
    assert len(corners) == 8 and all(0 <= v <= 1 for v in corners)
    inset = [0.2, 0.2, 0.8, 0.2, 0.8, 0.8, 0.2, 0.8]  # the citizen drags the dots inwards
    docs.applyCorners(inset)
    qtbot.waitUntil(lambda: docs.pages.rows()[0]["pageId"] not in (first, second), timeout=30000)
    assert not docs.property("adjusting")
    assert docs.pages.rows()[1]["pageId"] == first  # the other page is untouched


def test_the_dossier_reaches_the_portal_with_one_pdf_per_component(qtbot: QtBot, ui: KioskUi,
                                                                   scanner_services: KioskServices) -> None:
    to_documents(qtbot, ui)
    docs = ui.peers.documents
    docs.setAutoCapture(False)
    docs.scanFeeder()  # the test scanner's feeder holds 10 sheets
    qtbot.waitUntil(lambda: not docs.property("scanning") and docs.pages.rowCount() >= 10, timeout=120000)
    pages = docs.pages.rowCount()
    k = ui.peers
    k.dossier.documentsDone()
    wait_screen(qtbot, ui, "delivery")
    k.delivery.chooseMethod("counter")
    k.dossier.deliveryDone()
    wait_screen(qtbot, ui, "review")
    assert any("Giấy tờ đính kèm" in r["label"] for r in k.dossier.review.rows())
    k.dossier.setConsent(True)
    k.dossier.submit()
    wait_screen(qtbot, ui, "receipt", 60000)
    received = requests.get(f"{scanner_services.portal_url}/sandbox/admin/dossiers", timeout=5).json()
    (dossier,) = received
    (file,) = dossier["files"]
    pdf = requests.get(f"{scanner_services.portal_url}/sandbox/admin/files/{file['sha256']}", timeout=5)
    with pikepdf.open(io.BytesIO(pdf.content)) as doc:
        assert len(doc.pages) == pages
        assert "GCS" in str(doc.open_metadata()) + str(doc.docinfo)
