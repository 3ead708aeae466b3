"""A foreigner shows a passport to the card camera: the live scan reads its MRZ (one frame whose check digits
all pass) and the details screen opens for a foreign applicant with the passport's fields filled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.capture.frames import ImageSequenceSource
from kiosk.ui.applicant import ApplicantViewModel
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui
from tests.capture.test_foreign_documents import TD3, on_desk, render_page
from tests.ui.conftest import assert_ui_idle
from tests.ui.helpers import wait_screen


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    kiosk_ui = create_ui(services, size=PORTRAIT)
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)


def test_a_passport_shown_to_the_camera_fills_the_foreigners_details(qtbot: QtBot, ui: KioskUi,
                                                                      tmp_path: Path) -> None:
    page = tmp_path / "passport.png"
    cv2.imwrite(str(page), on_desk(render_page(TD3, 125, 88), angle=2))
    k = ui.peers
    k.card.set_camera_opener(lambda: ImageSequenceSource([page], repeat_each=3, fps=30.0, name="card"))
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    k.visit.touchAttract()
    k.dossier.start()
    wait_screen(qtbot, ui, "readCard")
    wait_screen(qtbot, ui, "confirm", timeout_ms=20000)
    vm = ui.peers.extra["applicant"]
    assert isinstance(vm, ApplicantViewModel)
    assert vm.applicant_kind.value == "foreigner"
    values = {row["name"]: row["value"] for row in vm.fields.rows()}
    assert values["passport_number"] == "L898902C3" and values["nationality"] == "UTO"
    assert values["full_name"] == "ANNA MARIA ERIKSSON"
