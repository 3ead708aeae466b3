"""A scanner whose driver stops answering, seen from the documents screen's view-model (no QML): within the
page deadline the citizen reads "Máy quét không phản hồi…", the pages already scanned stay, and the next
scan works (the service started a fresh driver process)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.capture.frames import ImageSequenceSource
from kiosk.capture.scanner_service import ScannerService
from kiosk.portal.models import LocalizedText, RequiredDocument
from kiosk.ui.camera import LatestFrameProvider
from kiosk.ui.documents import DocumentsViewModel, PageImageProvider
from kiosk.ui.tasks import TaskRunner

DEADLINE_S = 3.0
PAPER = RequiredDocument("GCS", LocalizedText("Giấy chứng sinh", "Birth certificate"), True, 1)


@pytest.fixture
def stuck_scanner(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScannerService]:
    """SANE's test scanner behind a driver that hangs on the third sheet of a feeder batch."""
    monkeypatch.setenv("KIOSK_TEST_STUCK_AFTER", "2")
    with ScannerService(page_deadline=DEADLINE_S, sane_module="tests.capture.stuck_sane") as service:
        yield service


@pytest.fixture
def docs(qtbot: QtBot, stuck_scanner: ScannerService, small_documents: Path) -> Iterator[DocumentsViewModel]:
    tasks = TaskRunner()
    pages = sorted(small_documents.glob("*.jpg"))
    vm = DocumentsViewModel(
        tasks=tasks, open_camera=lambda: ImageSequenceSource(pages, repeat_each=1000, fps=5.0, name="desk"),
        frames=LatestFrameProvider(), thumbnails=PageImageProvider(), scanner_device="test:0",
        language=lambda: "vi", scanner_service=stuck_scanner)
    vm.begin([PAPER], {})
    vm.setAutoCapture(False)  # only the scanner adds pages here
    yield vm
    vm.clear()
    qtbot.waitUntil(lambda: tasks.pool.activeThreadCount() == 0, timeout=30000)
    tasks.deleteLater()


def test_a_stuck_scanner_shows_a_message_within_the_deadline_and_keeps_the_pages(
        qtbot: QtBot, docs: DocumentsViewModel, stuck_scanner: ScannerService) -> None:
    started = time.monotonic()
    docs.scanFeeder()
    assert docs.property("scanning")
    qtbot.waitUntil(lambda: not docs.property("scanning"), timeout=int((DEADLINE_S + 30) * 1000))
    shown_after = time.monotonic() - started
    assert docs.property("status").startswith("Máy quét không phản hồi")
    # The deadline counts from the last page; the two real pages and their processing come before it.
    assert shown_after < DEADLINE_S + 20, f"the message came after {shown_after:.1f} s"
    assert [row["source"] for row in docs.pages.rows()] == ["scanner", "scanner"]  # nothing scanned is lost
    assert stuck_scanner.restarts == 1

    # The kiosk keeps working: one sheet on the glass scans with the fresh driver (it hangs only from the
    # third sheet of a batch).
    docs.scanOne()
    qtbot.waitUntil(lambda: not docs.property("scanning"), timeout=int((DEADLINE_S + 30) * 1000))
    assert docs.property("status") == "Đã quét 1 trang."
    assert len(docs.pages.rows()) == 3
