"""Check a dossier (receipt QR or typed code → status, history, result, tracking) and the guides, against
the real sandbox portal over HTTP and the real QML."""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import requests
import segno
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.capture.frames import ImageSequenceSource
from kiosk.capture.receipt_qr import read_dossier_code
from kiosk.portal.service_models import Address, DeliveryRequest
from kiosk.sandbox.samples import sample_submission
from kiosk.ui.check import CheckViewModel, check_code
from kiosk.ui.guides import GuidesViewModel, load_guides
from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import drive_to, items, resize_to, visible_texts, wait_frame, wait_screen

MARITAL = "1.004873.000.00.00.H26"
ADDRESS = Address(recipient_name="Nguyễn Văn An", phone="0912345678", street="Số 1 Tràng Tiền",
                  commune_code="00070", commune_name="Phường Hoàn Kiếm", province_code="01",
                  province_name="Hà Nội", postcode="11000")


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    kiosk_ui = create_ui(services, size=PORTRAIT)
    kiosk_ui.peers.card.set_camera_opener(lambda: card_camera("91_empty_desk.png"))
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)
    assert not check_vm(kiosk_ui).camera_running, "check camera left running"


def check_vm(ui: KioskUi) -> CheckViewModel:
    found = ui.peers.context.findChildren(CheckViewModel)
    assert len(found) == 1
    return found[0]


def guides_vm(ui: KioskUi) -> GuidesViewModel:
    found = ui.peers.context.findChildren(GuidesViewModel)
    assert len(found) == 1
    return found[0]


def submit(services: KioskServices, procedure: str = MARITAL) -> str:
    proc = services.portal.get_catalogue().find(procedure)
    assert proc is not None
    return services.portal.submit_dossier(sample_submission(proc)).dossier_code


def admin(services: KioskServices, path: str, body: dict[str, object]) -> dict[str, object]:
    response = requests.post(f"{services.portal_url}/sandbox/admin{path}", json=body, timeout=10)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def receipt_photo(code: str, folder: Path) -> Path:
    """A receipt lying in front of the camera: its QR code on white paper, on a dark desk."""
    qr = segno.make(code, error="m")
    qr_path = folder / "qr.png"
    qr.save(str(qr_path), scale=8, border=4)
    frame = Image.new("RGB", (1280, 720), (40, 48, 60))
    paper = Image.new("RGB", (420, 640), (250, 250, 245))
    paper.paste(Image.open(qr_path).convert("RGB").resize((320, 320)), (50, 60))
    frame.paste(paper, (430, 40))
    path = folder / "receipt.png"
    frame.save(path)
    return path


def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KIOSK_SHOTS", str(tmp_path)))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(qtbot: QtBot, ui: KioskUi, name: str, folder: Path) -> None:
    """Render in both orientations; every visible button stays at least 80 u tall."""
    for size in (PORTRAIT, LANDSCAPE):
        resize_to(qtbot, ui, size)
        image = ui.window.grabWindow()
        assert image.save(str(folder / f"{name}_{size[0]}x{size[1]}.png"))
        u = min(size) / 1080
        small = [item.property("text") for item in items(ui.window.contentItem())
                 if item.metaObject().className().startswith("BigButton") and item.isVisible()
                 and item.height() < 80 * u - 0.5]
        assert small == []
    resize_to(qtbot, ui, PORTRAIT)
    wait_frame(qtbot, ui)  # laid out again before the next step


def type_code(qtbot: QtBot, ui: KioskUi, code: str) -> None:
    check_vm(ui).lookup(code)


def go_check(qtbot: QtBot, ui: KioskUi) -> None:
    drive_to(qtbot, ui, "home")
    ui.peers.visit.checkDossier()
    wait_screen(qtbot, ui, "check")


# ---------------------------------------------------------------------------------------------- pure parts


def test_code_shape_is_checked_with_a_clear_reason() -> None:
    assert check_code(" 000.00.00.h26-250714-0001 ") == ("000.00.00.H26-250714-0001", None)
    assert check_code("") == (None, "empty")
    assert check_code("12345") == (None, "bad_code")
    assert check_code("000.00.00.H26-251399-0001") == (None, "bad_date")


def test_receipt_qr_is_read_and_other_qr_codes_are_ignored(tmp_path: Path) -> None:
    def photo(text: str, folder: Path) -> np.ndarray:
        folder.mkdir(exist_ok=True)
        return np.asarray(Image.open(receipt_photo(text, folder)).convert("L"))

    assert read_dossier_code(photo("000.00.00.H26-250714-0042", tmp_path)) == "000.00.00.H26-250714-0042"
    assert read_dossier_code(photo("https://dichvucong.gov.vn", tmp_path / "other")) is None
    assert read_dossier_code(np.zeros((10, 10), np.uint8)) is None


def test_guides_file_is_complete() -> None:
    guides = load_guides()
    codes = {g.code for g in guides}
    assert {"1.001193", "1.004873", "2.000488"} <= codes
    for guide in guides:
        assert len(guide.steps) >= 2
        assert all(step.image.is_file() and step.image.suffix == ".png" for step in guide.steps)


def test_a_broken_guides_file_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "guides.json"
    bad.write_text('{"procedures": [{"code": "x", "name": {"vi": "A", "en": "A"}, '
                   '"summary": {"vi": "B", "en": "B"}, "steps": [{"image": "nope.png"}]}]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"procedures\[0\]\.steps\[0\]: image 'nope.png'"):
        load_guides(bad)


# ---------------------------------------------------------------------------------------------- the screens


def test_typed_code_shows_status_and_history_grows(qtbot: QtBot, ui: KioskUi, services: KioskServices,
                                                   tmp_path: Path) -> None:
    code = submit(services)
    go_check(qtbot, ui)
    check = check_vm(ui)
    qtbot.waitUntil(lambda: check.camera_running, timeout=5000)

    check.lookup("not a code")
    assert check.state == "input" and "Mã hồ sơ chưa đúng" in check.property("codeError")
    assert any("Mã hồ sơ chưa đúng" in t for t in visible_texts(ui))

    type_code(qtbot, ui, code.lower())
    qtbot.waitUntil(lambda: check.state == "found", timeout=15000)
    assert not check.camera_running  # the camera stops once the dossier is found
    texts = visible_texts(ui)
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in texts
    assert "Đã tiếp nhận" in texts
    assert check.history.rowCount() == 1
    assert not check.resultReady

    admin(services, f"/dossiers/{code}/status",
          {"status": "needs_more_information", "note": "Bổ sung bản án ly hôn"})
    check.searchAgain()
    qtbot.waitUntil(lambda: check.camera_running, timeout=5000)
    check.lookup(code)
    qtbot.waitUntil(lambda: check.state == "found", timeout=15000)
    assert check.history.rowCount() == 2
    texts = visible_texts(ui)
    assert "Cần bổ sung thông tin" in texts
    assert any("Bổ sung bản án ly hôn" in t for t in texts)
    shoot(qtbot, ui, "check_needs_info", shots_dir(tmp_path))

    ui.peers.visit.switchLanguage("en")
    qtbot.wait(50)
    assert check.property("statusText") == "More information needed"
    assert "Marital status certificate" in check.property("procedureName")


def test_receipt_qr_as_camera_then_result_by_post_with_tracking(qtbot: QtBot, ui: KioskUi,
                                                                services: KioskServices,
                                                                tmp_path: Path) -> None:
    code = submit(services)
    order = services.portal.order_delivery(code, DeliveryRequest(ADDRESS), str(uuid.uuid4()))
    admin(services, f"/dossiers/{code}/status", {"status": "done", "note": "Đã ký"})
    admin(services, f"/tracking/{order.tracking_number}/events", {"code": "in_transit", "location": "Hà Nội"})
    photo = receipt_photo(code, tmp_path)
    ui.peers.card.set_camera_opener(lambda: ImageSequenceSource([photo], repeat_each=1, fps=15.0))

    go_check(qtbot, ui)
    check = check_vm(ui)
    qtbot.waitUntil(lambda: check.state == "found", timeout=20000)
    assert check.code == code
    assert check.resultReady and check.byPost
    assert check.trackingNumber == order.tracking_number
    texts = visible_texts(ui)
    assert "Đã có kết quả" in texts
    assert order.tracking_number in texts
    assert any(t.startswith("● Đang vận chuyển") and "Hà Nội" in t for t in texts)
    assert any("bưu điện" in t for t in texts)
    shoot(qtbot, ui, "check_done_post", shots_dir(tmp_path))

    ui.peers.visit.journeyDone()
    wait_screen(qtbot, ui, "feedback")
    assert not check.camera_running


def test_unknown_code_and_unreachable_portal(qtbot: QtBot, ui: KioskUi, services: KioskServices,
                                             tmp_path: Path) -> None:
    go_check(qtbot, ui)
    check = check_vm(ui)
    shoot(qtbot, ui, "check_input", shots_dir(tmp_path))
    check.lookup("000.00.00.H26-200101-9999")
    qtbot.waitUntil(lambda: check.state == "not_found", timeout=15000)
    assert any("Không tìm thấy hồ sơ có mã 000.00.00.H26-200101-9999" in t for t in visible_texts(ui))
    shoot(qtbot, ui, "check_not_found", shots_dir(tmp_path))

    check.searchAgain()
    assert services.sandbox is not None
    services.sandbox.stop()
    # All three tries still happen, 50 ms apart instead of 0.5 s then 1 s.
    services.portal.retry = dataclasses.replace(services.portal.retry, first_delay=0.05)
    check.lookup("000.00.00.H26-200101-0001")
    qtbot.waitUntil(lambda: check.state == "offline", timeout=60000)
    assert any("Không kết nối được với Cổng dịch vụ công" in t for t in visible_texts(ui))
    shoot(qtbot, ui, "check_offline", shots_dir(tmp_path))
    ui.peers.visit.back()  # the way back
    wait_screen(qtbot, ui, "home")
    assert not check.camera_running


def test_wipe_leaves_nothing_of_the_citizen(qtbot: QtBot, ui: KioskUi, services: KioskServices) -> None:
    code = submit(services)
    go_check(qtbot, ui)
    check = check_vm(ui)
    check.lookup(code)
    qtbot.waitUntil(lambda: check.state == "found", timeout=15000)
    guides_vm(ui).select("2.000488")

    ui.peers.visit.startOver()
    wait_screen(qtbot, ui, "attract")
    assert not check.camera_running
    names = ("state", "code", "procedureName", "statusText", "trackingNumber")
    shown = [check.property(name) for name in names]
    assert shown == ["input", "", "", "", ""]
    assert check.history.rowCount() == 0 and check.tracking.rowCount() == 0
    assert guides_vm(ui).selected == "" and guides_vm(ui).steps.rowCount() == 0
    assert not any(code in t for t in visible_texts(ui))


def test_a_lookup_answered_after_the_wipe_is_dropped(qtbot: QtBot, ui: KioskUi,
                                                     services: KioskServices) -> None:
    code = submit(services)
    go_check(qtbot, ui)
    check = check_vm(ui)
    check.lookup(code)
    ui.peers.visit.startOver()  # the citizen walks away while the portal is being asked
    ui.peers.context.tasks.wait(15000)
    qtbot.wait(100)
    assert check.state == "input" and check.code == "" and check.history.rowCount() == 0


def test_guides_screen_lists_steps(qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    drive_to(qtbot, ui, "home")
    ui.peers.visit.openGuides()
    wait_screen(qtbot, ui, "guides")
    guides = guides_vm(ui)
    assert guides.selected == "1.001193"  # the first guide opens by itself
    texts = visible_texts(ui)
    assert "Đăng ký khai sinh" in texts and "Cấp Phiếu lý lịch tư pháp" in texts
    assert "Đưa thẻ căn cước vào camera" in texts
    shoot(qtbot, ui, "guides_birth", shots_dir(tmp_path))
    guides.select("2.000488")
    qtbot.wait(50)
    assert guides.steps.rowCount() == 6
    assert any("200.000 đồng" in row["text"] for row in guides.steps.rows())
    assert "Chọn \"Phiếu lý lịch tư pháp\"" in visible_texts(ui)
    ui.peers.visit.switchLanguage("en")
    qtbot.wait(50)
    assert "Judicial record certificate" in visible_texts(ui)
    ui.peers.visit.journeyDone()
    wait_screen(qtbot, ui, "feedback")


def test_attract_screen_loops_guides_and_a_touch_opens_one(qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    guides = guides_vm(ui)
    assert guides.slides.rowCount() >= 18
    qtbot.waitUntil(lambda: any(t.startswith("Bước 1 · ") for t in visible_texts(ui)), timeout=5000)
    shoot(qtbot, ui, "attract_guides", shots_dir(tmp_path))
    loop = next(i for i in items(ui.window.contentItem()) if i.objectName() == "guideLoop")
    centre = loop.mapToScene(QPointF(loop.width() / 2, loop.height() / 2)).toPoint()
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    wait_screen(qtbot, ui, "guides")
    assert guides.selected == "1.001193"  # the slide on show: the first guide's first step
    assert guides.steps.rowCount() == 6
