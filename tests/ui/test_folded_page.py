"""A folded page on the documents screen (view-model, no QML): the photo of a sheet folded across is taken
by the real capture path, comes back marked "Bị gấp?", the citizen cannot go on until they answer, and
"Đúng, chỉ nửa này" keeps the page as it was taken (issue 13: ask, never file a folded half as if flat)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import QMetaObject
from pytestqt.qtbot import QtBot

from kiosk.capture.frames import ImageSequenceSource
from kiosk.portal.models import LocalizedText, RequiredDocument
from kiosk.ui.camera import LatestFrameProvider
from kiosk.ui.documents import DocumentsViewModel, PageImageProvider
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.window import KioskUi
from tests.capture.test_page_fold import folded_photo
from tests.ui.helpers import drive_to, items, visible_texts

PAPER = RequiredDocument("GCS", LocalizedText("Giấy chứng sinh", "Birth certificate"), True, 1)


@pytest.fixture
def docs(qtbot: QtBot, tmp_path: Path) -> Iterator[DocumentsViewModel]:
    photo = tmp_path / "folded.png"
    cv2.imwrite(str(photo), folded_photo()[0])
    tasks = TaskRunner()
    vm = DocumentsViewModel(
        tasks=tasks, open_camera=lambda: ImageSequenceSource([photo], repeat_each=1000, fps=5.0, name="desk"),
        frames=LatestFrameProvider(), thumbnails=PageImageProvider(), scanner_device="none",
        language=lambda: "vi")
    vm.begin([PAPER], {})
    vm.setAutoCapture(False)
    yield vm
    vm.clear()
    qtbot.waitUntil(lambda: tasks.pool.activeThreadCount() == 0, timeout=30000)
    tasks.deleteLater()


def test_a_folded_page_is_asked_about_and_kept_only_when_the_citizen_says_so(
        qtbot: QtBot, docs: DocumentsViewModel) -> None:
    qtbot.waitUntil(lambda: docs.property("frameTick") > 0, timeout=30000)  # the camera is playing
    docs.captureNow()
    qtbot.waitUntil(lambda: len(docs.pages.rows()) == 1 and not docs.property("processing"), timeout=60000)
    (row,) = docs.pages.rows()
    assert row["folded"] and "gấp" in row["warning"]
    assert docs.property("foldedIndex") == 0
    problem = docs.property("problemText")
    assert "gấp" in problem and "giữ nửa này" in problem  # "Xong" stays disabled with the reason
    assert docs.components.rows()[0]["lowDpi"]  # the component is marked ⚠ too

    docs.keepHalf(0)  # "Đúng, chỉ nửa này"
    (row,) = docs.pages.rows()
    assert not row["folded"] and docs.property("foldedIndex") == -1
    # The fold question is answered; what is left is this small photo's own resolution (80 dpi), asked as
    # for any page.
    problem = docs.property("problemText")
    assert "gấp" not in problem and "chưa đủ rõ" in problem
    assert len(docs.pages_by_type()["GCS"]) == 1

    docs.keepHalf(0)  # a second tap (or a stale index) changes nothing
    docs.keepHalf(5)
    assert len(docs.pages.rows()) == 1 and docs.property("problemText") == problem


def test_the_documents_screen_shows_the_question_and_the_answer_lets_the_citizen_go_on(
        qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    photo = tmp_path / "folded.png"
    cv2.imwrite(str(photo), folded_photo()[0])
    docs = ui.peers.documents
    docs.set_camera_opener(lambda: ImageSequenceSource([photo], repeat_each=1000, fps=5.0, name="desk"))
    drive_to(qtbot, ui, "documents")
    docs.setAutoCapture(False)
    qtbot.waitUntil(lambda: docs.property("frameTick") > 0, timeout=30000)
    docs.captureNow()
    qtbot.waitUntil(lambda: docs.property("foldedIndex") == 0, timeout=60000)
    named = {item.objectName(): item for item in items(ui.window.contentItem()) if item.objectName()}
    question, keep = named["foldedQuestion"], named["keepHalf"]
    qtbot.waitUntil(lambda: bool(question.isVisible()), timeout=5000)
    assert any("Bị gấp?" in text for text in visible_texts(ui))
    assert "Đúng, chỉ nửa này" in visible_texts(ui)
    QMetaObject.invokeMethod(keep, "clicked")  # the citizen taps "Đúng, chỉ nửa này"
    qtbot.waitUntil(lambda: not question.isVisible(), timeout=5000)
    assert docs.property("foldedIndex") == -1
