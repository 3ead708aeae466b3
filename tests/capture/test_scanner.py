"""Scanners through SANE, tested against SANE's real `test` backend (devices test:0 and test:1).

Setup enables the backend in /etc/sane.d/dll.conf. Its options let a test choose the picture, inject a
status on every read (jam, cover open, busy, empty feeder) and slow the reads down. Its feeder holds 10
sheets. Scans stay small (50-75 dpi, a few centimetres) so the whole file runs in a few seconds.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pytest

from kiosk.capture.scanner import (
    NOTICE_CODES,
    CoverOpen,
    FeederEmpty,
    InvalidScanSettings,
    Mode,
    OptionValue,
    ScanCancelled,
    ScannedPage,
    Scanner,
    ScannerBusy,
    ScannerError,
    ScannerInfo,
    ScannerJam,
    ScannerNotResponding,
    ScannerUnavailable,
    ScanSettings,
    error_from_sane_status,
    list_scanners,
    pages_to_pdf,
)
from kiosk.capture.scanner_service import LIST_DEADLINE_S, ScanJob, ScannerService, _Cancels, scan_to_pdf
from kiosk.commands.scanner import cli_list, cli_scan

DEVICE = "test:0"
SMALL = (40.0, 50.0)  # mm
FEEDER_SHEETS = 10  # the test backend's feeder runs empty after 10 sheets
# About one second per 40×50 mm grey page at 50 dpi: the reader sleeps 0.1 s before each chunk it writes.
SLOW: dict[str, OptionValue] = {"test-picture": "Color pattern", "read-delay": True,
                                "read-delay-duration": 100_000}
# The test backend keeps its options across close and reopen for the life of the process: put back the ones
# tests change, so an injected fault cannot leak into the next test.
BACKEND_DEFAULTS: dict[str, OptionValue] = {"read-return-value": "Default", "read-delay": False,
                                            "test-picture": "Solid black"}


def _reset_test_backend() -> None:
    for device in ("test:0", "test:1"):
        with Scanner(device, options=BACKEND_DEFAULTS):
            pass


@pytest.fixture(scope="module")
def service() -> Iterator[ScannerService]:
    """One scanner service (child process) for the file's tests, as a kiosk keeps one."""
    with ScannerService(page_deadline=30) as running:
        yield running


@pytest.fixture(scope="module", autouse=True)
def network_search() -> Iterator[Future[list[ScannerInfo]]]:
    """The full search, network backends included, mostly waits on the network (~3 s): it runs from the
    file's start in a scanner service child of its own, while the other tests run, and only its test waits
    for the answer."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="network-search")
    searcher = ScannerService()
    future = pool.submit(searcher.list_scanners, local_only=False)
    try:
        yield future
    finally:
        with contextlib.suppress(Exception):  # its own test reports what went wrong
            future.result(timeout=LIST_DEADLINE_S + 30)
        searcher.close()
        pool.shutdown()


@pytest.fixture(autouse=True)
def clean_test_backend() -> Iterator[None]:
    _reset_test_backend()
    yield
    _reset_test_backend()


def expected_px(mm: float, dpi: int) -> int:
    return int(mm / 25.4 * dpi)  # the backend truncates, as most do


# -- listing and capabilities


def test_capabilities_map_kiosk_words_to_device_values() -> None:
    with Scanner(DEVICE) as scanner:
        caps = scanner.capabilities()
    assert caps.sources == {"flatbed": "Flatbed", "feeder": "Automatic Document Feeder"}
    assert caps.modes["color"] == "Color" and caps.modes["gray"] == "Gray"
    assert caps.bw_as_one_bit_gray  # the test backend has no Lineart mode: bw is grey at depth 1
    assert caps.dpi_range == (1, 1200, 1)
    assert caps.allows_dpi(200) and not caps.allows_dpi(1201)


def test_a_second_open_of_the_same_device_is_busy() -> None:
    with Scanner(DEVICE), pytest.raises(ScannerBusy) as caught, Scanner(DEVICE):
        pass
    assert "Device busy" in caught.value.detail
    with Scanner("test:1") as other:  # the other device is free
        assert other.capabilities().sources


def test_unknown_device_is_unavailable_and_names_the_ones_found() -> None:
    with pytest.raises(ScannerUnavailable) as caught, Scanner("test:9"):
        pass
    assert "test:0" in caught.value.detail
    assert caught.value.notice.code == "scanner.unavailable"


# -- one page


@pytest.mark.parametrize(("mode", "pil_mode"), [("color", "RGB"), ("gray", "L"), ("bw", "1")])
@pytest.mark.parametrize("dpi", [50, 75])
def test_flatbed_page_has_the_mode_and_the_pixel_size_of_area_and_dpi(mode: Mode, pil_mode: str,
                                                                        dpi: int) -> None:
    width_mm, height_mm = 60.0, 80.0
    with Scanner(DEVICE, options={"test-picture": "Color pattern"}) as scanner:
        page = scanner.scan_page(ScanSettings(mode=mode, dpi=dpi, area_mm=(width_mm, height_mm)))
    assert page.image.mode == pil_mode
    assert (page.width_px, page.height_px) == (expected_px(width_mm, dpi), expected_px(height_mm, dpi))
    assert (page.dpi, page.source, page.mode, page.number) == (dpi, "flatbed", mode, 1)
    assert page.size_mm[0] == pytest.approx(width_mm, abs=25.4 / dpi)
    bgr = page.bgr()
    assert bgr.shape == (page.height_px, page.width_px, 3) and bgr.dtype == np.uint8
    assert np.array_equal(bgr[:, :, ::-1], np.asarray(page.image.convert("RGB")))


def test_color_pages_are_in_colour_and_gray_pages_are_not() -> None:
    with Scanner(DEVICE, options={"test-picture": "Color pattern"}) as scanner:
        color = np.asarray(scanner.scan_page(ScanSettings(mode="color", dpi=50, area_mm=SMALL)).image)
        gray = scanner.scan_page(ScanSettings(mode="gray", dpi=50, area_mm=SMALL)).image
    color = color.astype(int)
    assert np.abs(color[:, :, 0] - color[:, :, 2]).max() > 100  # real red/blue stripes
    assert gray.mode == "L"


def test_without_an_area_the_whole_glass_is_scanned() -> None:
    with Scanner(DEVICE) as scanner:
        page = scanner.scan_page(ScanSettings(mode="gray", dpi=50))
    assert (page.width_px, page.height_px) == (expected_px(200, 50), expected_px(200, 50))  # 200×200 mm


def test_black_and_white_keeps_black_as_black() -> None:
    with Scanner(DEVICE, options={"test-picture": "Grid"}) as scanner:
        gray = np.asarray(scanner.scan_page(ScanSettings(mode="gray", dpi=50, area_mm=SMALL)).image)
        bw = scanner.scan_page(ScanSettings(mode="bw", dpi=50, area_mm=SMALL)).image
    assert set(np.unique(gray)) == {0, 255}  # 10 mm black and white squares
    assert np.array_equal(np.asarray(bw.convert("L")), gray)


def test_one_page_from_the_feeder() -> None:
    with Scanner(DEVICE) as scanner:
        page = scanner.scan_page(ScanSettings(source="feeder", mode="gray", dpi=50, area_mm=SMALL))
    assert page.source == "feeder" and page.number == 1


# -- the feeder


def test_feeder_gives_its_sheets_in_order_then_stops_cleanly() -> None:
    seen: list[int] = []
    settings = ScanSettings(source="feeder", mode="gray", dpi=50, area_mm=SMALL)
    with Scanner(DEVICE) as scanner:
        pages = scanner.scan_feeder(settings, on_page=lambda page: seen.append(page.number))
        assert [p.number for p in pages] == list(range(1, FEEDER_SHEETS + 1))
        assert seen == [p.number for p in pages]
        assert all(p.source == "feeder" and p.width_px == expected_px(SMALL[0], 50) for p in pages)
        # The backend refills its feeder after reporting it empty: the same open device scans a second batch.
        assert len(scanner.scan_feeder(settings)) == FEEDER_SHEETS
        assert len(scanner.scan_feeder(settings, max_pages=3)) == 3


def test_feeder_empty_from_the_start_is_an_error_the_citizen_can_act_on() -> None:
    options = {"read-return-value": "SANE_STATUS_NO_DOCS"}
    with Scanner(DEVICE, options=options) as scanner, pytest.raises(FeederEmpty) as caught:
        scanner.scan_feeder(ScanSettings(source="feeder", dpi=50, area_mm=SMALL))
    assert caught.value.pages == []
    assert caught.value.notice.code == "scanner.feeder_empty"


def test_a_jam_mid_feeder_keeps_the_pages_already_scanned() -> None:
    with Scanner(DEVICE) as scanner:
        def jam_after_third(page: ScannedPage) -> None:
            if page.number == 3:  # between sheets: the next sheet jams
                scanner.set_option("read-return-value", "SANE_STATUS_JAMMED")

        with pytest.raises(ScannerJam) as caught:
            scanner.scan_feeder(ScanSettings(source="feeder", dpi=50, area_mm=SMALL), on_page=jam_after_third)
    assert [p.number for p in caught.value.pages] == [1, 2, 3]
    assert caught.value.detail == "Document feeder jammed"
    assert caught.value.notice.code == "scanner.jam" and "jammed" in str(caught.value)


@pytest.mark.parametrize(("status", "error"), [
    ("SANE_STATUS_JAMMED", ScannerJam),
    ("SANE_STATUS_COVER_OPEN", CoverOpen),
    ("SANE_STATUS_DEVICE_BUSY", ScannerBusy),
    ("SANE_STATUS_NO_DOCS", FeederEmpty),
    ("SANE_STATUS_IO_ERROR", ScannerUnavailable),
    ("SANE_STATUS_CANCELLED", ScanCancelled),
    ("SANE_STATUS_INVAL", ScannerError),
])
def test_device_faults_raise_typed_errors(status: str, error: type[ScannerError]) -> None:
    """The backend returns `status` from every read, as a real device reports a fault mid-page."""
    with Scanner(DEVICE, options={"read-return-value": status}) as scanner:
        with pytest.raises(error) as caught:
            scanner.scan_page(ScanSettings(dpi=50, area_mm=SMALL))
        assert type(caught.value) is error
        assert caught.value.device == DEVICE
        # The same open device works again once the fault is cleared.
        scanner.set_option("read-return-value", "Default")
        assert scanner.scan_page(ScanSettings(dpi=50, area_mm=SMALL)).number == 1


# -- SANE status texts


@pytest.mark.parametrize(("status", "error"), [
    # sane_strstatus() texts, as python-sane raises them
    ("Document feeder jammed", ScannerJam),
    ("Document feeder out of documents", FeederEmpty),
    ("Scanner cover is open", CoverOpen),
    ("Device busy", ScannerBusy),
    ("Lamp not ready, please retry", ScannerBusy),
    ("Operation was canceled", ScanCancelled),
    ("Error during device I/O", ScannerUnavailable),
    ("Access to resource has been denied", ScannerUnavailable),
    ("Scanner mechanism locked for transport", ScannerUnavailable),
    ("Invalid argument", ScannerError),
    ("Operation not supported", ScannerError),
    # other wordings some backends and versions use
    ("Paper jam in ADF", ScannerJam),
    ("ADF cover open", CoverOpen),
    ("No documents in ADF", FeederEmpty),
])
def test_status_texts_map_to_errors(status: str, error: type[ScannerError]) -> None:
    mapped = error_from_sane_status(status, device="x:0")
    assert type(mapped) is error
    assert mapped.detail == status and mapped.device == "x:0"


@pytest.mark.parametrize("error", [ScannerJam, FeederEmpty, CoverOpen, ScannerBusy, ScannerUnavailable,
                                   ScanCancelled, ScannerNotResponding, ScannerError])
def test_every_error_has_its_own_code_and_an_english_line_for_staff(error: type[ScannerError]) -> None:
    """The words are the catalogue's (tests/ui/test_notice_texts.py checks each code has both languages)."""
    instance = error("detail for staff", device="test:0")
    assert instance.notice.code == error.notice_code and error.notice_code in NOTICE_CODES
    assert "detail for staff" in str(instance) and error.summary in str(instance)
    assert str(instance).isascii()


# -- invalid settings


@pytest.mark.parametrize(("settings", "words"), [
    ({"dpi": 5000}, "1–1200"),
    ({"area_mm": (250.0, 50.0)}, "200×200 mm"),
])
def test_settings_the_device_refuses_name_what_it_offers(settings: dict[str, Any], words: str) -> None:
    with Scanner(DEVICE) as scanner, pytest.raises(InvalidScanSettings) as caught:
        scanner.scan_page(ScanSettings(**settings))
    assert words in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert caught.value.notice.code == "scanner.invalid_settings"
    assert caught.value.notice.params["detail"] == caught.value.detail


@pytest.mark.parametrize(("settings", "words"), [
    ({"source": "tray"}, "flatbed, feeder"),
    ({"mode": "sepia"}, "color, gray, bw"),
    ({"dpi": 0}, "positive"),
    ({"dpi": 150.5}, "whole number"),
])
def test_settings_outside_the_kiosks_vocabulary_fail_at_once(settings: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidScanSettings, match=words):
        ScanSettings(**settings)


def test_feeder_scan_needs_the_feeder_source() -> None:
    with Scanner(DEVICE) as scanner, pytest.raises(InvalidScanSettings, match="feeder"):
        scanner.scan_feeder(ScanSettings(source="flatbed", dpi=50))


def test_unknown_device_option_is_refused_clearly() -> None:
    with pytest.raises(InvalidScanSettings, match="no option 'lamp-colour'"), \
            Scanner(DEVICE, options={"lamp-colour": "blue"}):
        pass
    with pytest.raises(InvalidScanSettings, match="Grid"), Scanner(DEVICE, options={"test-picture": "Stars"}):
        pass


# -- slow devices, threads and cancelling


def test_a_slow_device_still_delivers_its_page() -> None:
    with Scanner(DEVICE, options=SLOW) as scanner:
        started = time.monotonic()
        page = scanner.scan_page(ScanSettings(mode="gray", dpi=50, area_mm=SMALL), cancel=threading.Event())
        elapsed = time.monotonic() - started
    assert elapsed >= 0.8  # the backend really was slow
    assert (page.width_px, page.height_px) == (expected_px(SMALL[0], 50), expected_px(SMALL[1], 50))


def test_cancelling_a_slow_page_stops_mid_page() -> None:
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    with Scanner(DEVICE, options=SLOW) as scanner:
        timer.start()
        started = time.monotonic()
        with pytest.raises(ScanCancelled):
            scanner.scan_page(ScanSettings(mode="gray", dpi=50, area_mm=(80.0, 100.0)), cancel=cancel)
        # The whole page would take ~4 s: stopping well before shows the cancel acted mid-page (a generous
        # bound, not a speed check: SANE cancels within a line, ~0.1 s here).
        assert time.monotonic() - started < 3.0
        timer.join()
        # The same open device scans again normally.
        scanner.set_option("read-delay", False)
        assert scanner.scan_page(ScanSettings(dpi=50, area_mm=SMALL)).number == 1


def test_cancelling_mid_feeder_raises_with_the_finished_pages(service: ScannerService) -> None:
    """Cancelling raises ScanCancelled; the sheets finished before it are in `error.pages`."""
    first_page = threading.Event()
    finished: list[tuple[list[ScannedPage], ScannerError | None]] = []
    job = ScanJob(DEVICE, ScanSettings(source="feeder", mode="gray", dpi=50, area_mm=SMALL), feeder=True,
                  on_page=lambda page: first_page.set(), on_done=lambda p, e: finished.append((p, e)),
                  options=SLOW, service=service).start()
    assert first_page.wait(10)
    time.sleep(0.2)  # well into sheet 2
    cancelled_at = time.monotonic()
    job.cancel()
    with pytest.raises(ScanCancelled) as caught:
        job.wait(timeout=10)
    assert time.monotonic() - cancelled_at < 5.0  # mid-sheet 2, not after the remaining 8 s of sheets
    assert [p.number for p in caught.value.pages] == [1]
    assert job.done
    [(pages, error)] = finished
    assert [p.number for p in pages] == [1] and isinstance(error, ScanCancelled)
    # The service's child closed the device and is ready for the next job, without the slow options.
    again = ScanJob(DEVICE, ScanSettings(dpi=50, area_mm=SMALL), feeder=False, service=service).start()
    assert [p.number for p in again.wait(timeout=10)] == [1]


def test_cancel_before_the_first_sheet_scans_nothing() -> None:
    cancel = threading.Event()
    cancel.set()
    with Scanner(DEVICE) as scanner, pytest.raises(ScanCancelled) as caught:
        scanner.scan_feeder(ScanSettings(source="feeder", dpi=50, area_mm=SMALL), cancel=cancel)
    assert caught.value.pages == []


def test_scan_job_delivers_pages_off_the_calling_thread(service: ScannerService) -> None:
    threads: list[str] = []
    job = ScanJob(DEVICE, ScanSettings(source="feeder", mode="color", dpi=50, area_mm=SMALL), feeder=True,
                  on_page=lambda page: threads.append(threading.current_thread().name),
                  service=service).start()
    pages = job.wait(timeout=10)
    assert len(pages) == FEEDER_SHEETS
    assert set(threads) == {"scan test:0"}


def test_a_second_scan_on_a_busy_scanner_is_refused() -> None:
    with Scanner(DEVICE, options=SLOW) as scanner:
        stop = threading.Event()
        worker = threading.Thread(target=lambda: _scan_ignoring_cancel(scanner, stop))
        worker.start()
        try:
            time.sleep(0.2)
            with pytest.raises(ScannerBusy, match="another scan"):
                scanner.scan_page(ScanSettings(dpi=50, area_mm=SMALL))
        finally:
            stop.set()
            worker.join(5)
    assert not worker.is_alive()


def _scan_ignoring_cancel(scanner: Scanner, cancel: threading.Event) -> None:
    with contextlib.suppress(ScanCancelled):
        scanner.scan_page(ScanSettings(mode="gray", dpi=50, area_mm=SMALL), cancel=cancel)


# -- the scanner service: a driver that stops answering cannot hang the kiosk

# The test backend made to block: a whole-glass colour page at 300 dpi (16.7 MB) handed over one byte per
# read, with the backend's longest delay (0.2 s) before each chunk it produces: minutes inside SANE's C read
# calls, however idle the machine (a small page at this pace can finish in 2 s: it did once).
BLOCKING: dict[str, OptionValue] = {"test-picture": "Color pattern", "read-limit": True, "read-limit-size": 1,
                                    "read-delay": True, "read-delay-duration": 200_000}
# Page deadlines (a kiosk: 60 s). A blocked page never comes, so any deadline proves the kill; where real
# pages must come first, one of these tiny test pages takes ~0.05 s on an idle machine.
BLOCKED_DEADLINE_S = 0.5
DEADLINE_S = 1.0


def test_a_page_that_does_not_come_in_time_kills_the_driver_and_the_next_scan_works() -> None:
    with ScannerService(page_deadline=BLOCKED_DEADLINE_S) as service:
        service.list_scanners(local_only=True)  # the child is up: what follows measures the page only
        first_pid = service.pid
        started = time.monotonic()
        with pytest.raises(ScannerNotResponding) as caught:
            service.scan(DEVICE, ScanSettings(mode="color", dpi=300), feeder=False, options=BLOCKING)
        elapsed = time.monotonic() - started
        assert BLOCKED_DEADLINE_S <= elapsed < BLOCKED_DEADLINE_S + 5  # the deadline, then the kill
        assert caught.value.device == DEVICE and caught.value.pages == []
        assert caught.value.notice.code == "scanner.not_responding"
        assert service.restarts == 1 and service.pid is None
        # A fresh child, and the stuck job's options did not follow it.
        page = service.scan(DEVICE, ScanSettings(mode="gray", dpi=50, area_mm=SMALL), feeder=False)[0]
        assert page.number == 1 and service.pid not in (None, first_pid)


def test_a_driver_stuck_mid_feeder_keeps_the_pages_already_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_TEST_STUCK_AFTER", "2")  # the child's driver hangs on the third sheet
    seen: list[int] = []
    with ScannerService(page_deadline=DEADLINE_S, sane_module="tests.capture.stuck_sane") as service:
        started = time.monotonic()
        with pytest.raises(ScannerNotResponding) as caught:
            service.scan(DEVICE, ScanSettings(source="feeder", mode="gray", dpi=50, area_mm=SMALL),
                         feeder=True, on_page=lambda page: seen.append(page.number))
        assert time.monotonic() - started < DEADLINE_S + 10
        assert [p.number for p in caught.value.pages] == seen == [1, 2]
        assert all(p.width_px == expected_px(SMALL[0], 50) for p in caught.value.pages)
        assert service.scan(DEVICE, ScanSettings(dpi=50, area_mm=SMALL), feeder=False)[0].number == 1


def test_a_cancel_right_after_the_start_stops_the_scan(service: ScannerService) -> None:
    """The cancel reaches the child right behind its request, before the child has begun: it still stops
    that scan (it was once cleared as a stale cancel, and the page ran to its end)."""
    job = ScanJob(DEVICE, ScanSettings(mode="gray", dpi=50, area_mm=SMALL), feeder=False, options=SLOW,
                  service=service).start()
    job.cancel()
    with pytest.raises(ScanCancelled) as caught:
        job.wait(timeout=10)
    assert caught.value.pages == []
    assert [p.number for p in service.scan(DEVICE, ScanSettings(dpi=50, area_mm=SMALL), feeder=False)] == [1]


def test_the_child_matches_each_cancel_to_its_request() -> None:
    cancels = _Cancels()
    first = cancels.request_read()
    cancels.cancel_read()  # overtook its request on the way to the child's main thread
    cancels.starting(first)
    assert cancels.event.is_set()
    second = cancels.request_read()
    cancels.starting(second)
    assert not cancels.event.is_set()
    cancels.cancel_read()  # while it runs
    assert cancels.event.is_set()
    third = cancels.request_read()
    cancels.starting(third)  # the second's cancel does not stop the third
    assert not cancels.event.is_set()


def test_a_second_request_while_the_service_scans_is_busy(service: ScannerService) -> None:
    job = ScanJob(DEVICE, ScanSettings(mode="gray", dpi=50, area_mm=SMALL), feeder=False, options=SLOW,
                  service=service).start()
    try:
        deadline = time.monotonic() + 10
        while not service._busy.locked() and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(ScannerBusy, match="another scan"):
            service.scan(DEVICE, ScanSettings(dpi=50, area_mm=SMALL), feeder=False)
    finally:
        job.cancel()
        with contextlib.suppress(ScanCancelled):
            job.wait(timeout=10)


def test_device_faults_in_the_child_are_the_same_typed_errors(service: ScannerService) -> None:
    with pytest.raises(ScannerJam) as caught:
        service.scan(DEVICE, ScanSettings(dpi=50, area_mm=SMALL), feeder=False,
                     options={"read-return-value": "SANE_STATUS_JAMMED"})
    assert caught.value.detail == "Document feeder jammed" and caught.value.device == DEVICE
    with pytest.raises(InvalidScanSettings, match="1–1200"):
        service.scan(DEVICE, ScanSettings(dpi=5000), feeder=False)
    assert service.restarts == 0  # faults are answers, not hangs: the same child goes on
    assert service.scan(DEVICE, ScanSettings(dpi=50, area_mm=SMALL), feeder=False)[0].number == 1


# -- PDF


def _media_box(page: pikepdf.Page) -> tuple[float, float]:
    box = [float(v) for v in page.MediaBox]
    return box[2] - box[0], box[3] - box[1]


def _only_image(page: pikepdf.Page) -> tuple[pikepdf.Object, list[str]]:
    """The page's one image and its filters (a name or an array of names in the PDF)."""
    [image] = [x for x in page.Resources.XObject.values() if x.Subtype == "/Image"]
    filters = image.Filter
    return image, [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]


def test_scan_to_pdf_writes_every_feeder_page_at_its_true_size(tmp_path: Path,
                                                               service: ScannerService) -> None:
    out = tmp_path / "hồ sơ.pdf"
    dpi = 50
    report = scan_to_pdf(DEVICE, out, ScanSettings(source="feeder", mode="color", dpi=dpi, area_mm=SMALL),
                         feeder=True, options={"test-picture": "Color pattern"}, service=service)
    assert report.pages == FEEDER_SHEETS and report.dpi == dpi
    assert report.pdf_bytes == out.stat().st_size
    assert not list(tmp_path.glob("*.part"))
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version >= "1.4"
        assert len(pdf.pages) == FEEDER_SHEETS
        for page, (width_px, height_px) in zip(pdf.pages, report.page_sizes_px, strict=True):
            assert _media_box(page) == pytest.approx((width_px / dpi * 72, height_px / dpi * 72), abs=0.01)
            image, filters = _only_image(page)
            assert filters == ["/DCTDecode"] and image.ColorSpace == "/DeviceRGB"  # JPEG, not re-encoded
            assert (int(image.Width), int(image.Height)) == (width_px, height_px)
    assert report.to_json() == {"output": str(out), "pages": FEEDER_SHEETS, "pdf_bytes": report.pdf_bytes,
                                "dpi": dpi, "mode": "color"}


@pytest.mark.parametrize(("mode", "pdf_filter", "colour_space"), [
    ("gray", "/DCTDecode", "/DeviceGray"),
    ("bw", "/CCITTFaxDecode", "/DeviceGray"),
])
def test_gray_and_bw_pages_stay_compact(tmp_path: Path, mode: Mode, pdf_filter: str,
                                        colour_space: str, service: ScannerService) -> None:
    out = tmp_path / f"{mode}.pdf"
    report = scan_to_pdf(DEVICE, out, ScanSettings(mode=mode, dpi=75, area_mm=(80.0, 100.0)), feeder=False,
                         options={"test-picture": "Grid"}, service=service)
    assert report.pages == 1
    with pikepdf.open(out) as pdf:
        image, filters = _only_image(pdf.pages[0])
        assert filters == [pdf_filter] and image.ColorSpace == colour_space
        assert int(image.BitsPerComponent) == (1 if mode == "bw" else 8)
        assert _media_box(pdf.pages[0]) == pytest.approx(
            (expected_px(80, 75) / 75 * 72, expected_px(100, 75) / 75 * 72), abs=0.01)


def test_pages_to_pdf_needs_pages(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no pages"):
        pages_to_pdf([], tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()


# -- command line


def test_cli_list_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_list(as_json=True, local_only=True) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"device": "test:0", "vendor": "Noname", "model": "frontend-tester",
            "kind": "virtual device"} in listed
    assert all(set(row) == {"device", "vendor", "model", "kind"} for row in listed)
    assert cli_list(as_json=False, local_only=True) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["DEVICE", "VENDOR", "MODEL", "KIND"]
    assert any(line.startswith("test:0 ") and "frontend-tester" in line for line in table[1:])


def test_cli_scan_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scan.pdf"
    assert cli_scan(DEVICE, str(out), "feeder", "gray", 50, as_json=True) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == {"output": str(out), "pages": FEEDER_SHEETS, "pdf_bytes": out.stat().st_size,
                       "dpi": 50, "mode": "gray"}
    assert cli_scan(DEVICE, str(out), "flatbed", "bw", 50, as_json=False) == 0
    assert "1 page(s)" in capsys.readouterr().out


@pytest.mark.parametrize(("device", "dpi", "words"), [
    ("test:9", 50, "cannot be reached"),
    (DEVICE, 5000, "1–1200"),
])
def test_cli_scan_errors_exit_1_with_the_message_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           device: str, dpi: int, words: str) -> None:
    out = tmp_path / "scan.pdf"
    assert cli_scan(device, str(out), "flatbed", "color", dpi, as_json=True) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err
    assert "máy quét" in captured.err.lower()  # the Vietnamese sentence too
    assert not out.exists()


def test_cli_scan_to_an_unwritable_place_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no such folder" / "scan.pdf"
    assert cli_scan(DEVICE, str(out), "flatbed", "color", 50, as_json=True) == 1
    assert "cannot write" in capsys.readouterr().err


# -- last in the file, so that the full search started with the file's first test has had its ~3 s


def test_list_finds_the_test_backend(network_search: Future[list[ScannerInfo]]) -> None:
    """The full search, network backends included (~3 s, in the child of a scanner service, as the kiosk
    lists), then the local one (instant, in this process)."""
    for scanners in (network_search.result(timeout=LIST_DEADLINE_S + 30), list_scanners(local_only=True)):
        found = {s.device: s for s in scanners}
        assert {"test:0", "test:1"} <= found.keys()
        info = found[DEVICE]
        assert info == ScannerInfo("test:0", "Noname", "frontend-tester", "virtual device")
        assert info.to_json() == {"device": "test:0", "vendor": "Noname", "model": "frontend-tester",
                                  "kind": "virtual device"}
