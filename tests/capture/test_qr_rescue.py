"""QR rescues: frames a plain zxing-cpp decode cannot read but a rescue can, frames with nothing to find, the
time budget, and the rescue wiring in IdCardReader."""

from __future__ import annotations

import time
from typing import Any

import cv2
import numpy as np
import pytest
import segno
import zxingcpp

from kiosk.bench.synthetic_cards import (
    SAMPLE_PEOPLE,
    desk_background,
    place_in_scene,
    qr_payload,
    render_card_back,
    render_card_front,
)
from kiosk.capture import qr_rescue
from kiosk.capture.idcard_reader import IdCardReader, locate_card
from kiosk.capture.qr_rescue import QrRescuer, find_finder_patterns

# Tests of what a rescue can read use a generous budget, so a busy test machine cannot make them flaky;
# the budget itself is tested with a fake clock, and the real timings are the bench's business.
GENEROUS_MS = 2000.0
AN = SAMPLE_PEOPLE[0]
AN_PAYLOAD = qr_payload(AN)
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def plain_zxing_texts(grey: np.ndarray) -> list[str]:
    """What a plain zxing-cpp decode of the whole frame reads (all its default tries, inversion included)."""
    return [bytes(b.bytes).decode("utf-8") for b in zxingcpp.read_barcodes(grey, formats=QR_ONLY) if b.valid]


def small_code_frame(text: str, module_px: float, *, blur: float, contrast: float,
                     at: tuple[int, int] = (700, 300)) -> tuple[np.ndarray, tuple[float, float]]:
    """A grey 1280×720 desk with a small QR code (`module_px` pixels per module) pasted at `at` (x, y),
    softened and noisy; returns the frame and the code's centre."""
    qr = segno.make(text, encoding="utf-8", error="m", micro=False, boost_error=False)
    modules = np.pad(np.array([list(r) for r in qr.matrix], dtype=bool), 2)
    sharp = np.repeat(np.repeat(np.where(modules, 0, 255).astype(np.uint8), 8, axis=0), 8, axis=1)
    side = round(modules.shape[0] * module_px)
    code = cv2.resize(sharp, (side, side), interpolation=cv2.INTER_AREA).astype(np.float32)
    frame = cv2.cvtColor(desk_background((1280, 720), np.random.default_rng(3)), cv2.COLOR_BGR2GRAY)
    canvas = frame.astype(np.float32)
    x, y = at
    canvas[y:y + side, x:x + side] = 128 + (code - 128) * contrast
    canvas = cv2.GaussianBlur(canvas, (0, 0), blur) + np.random.default_rng(1).normal(0, 2, canvas.shape)
    return np.clip(canvas, 0, 255).astype(np.uint8), (x + side / 2, y + side / 2)


def quad_centre(quad: Any) -> np.ndarray:
    return np.array(quad, dtype=float).mean(axis=0)


# ------------------------------------------------------------------------------ rescues that work


def test_a_small_soft_low_contrast_code_is_rescued_around_its_finder_patterns() -> None:
    grey, centre = small_code_frame(AN_PAYLOAD, 2.0, blur=0.9, contrast=0.35)
    assert plain_zxing_texts(grey) == []  # the plain decode misses it …
    assert len(find_finder_patterns(grey)) >= 3
    result = QrRescuer(GENEROUS_MS).rescue(grey)  # … a rescue reads it
    assert result.ok and result.rescue is not None and result.rescue.startswith("finder+")
    assert [c.text for c in result.codes] == [AN_PAYLOAD]
    assert np.linalg.norm(quad_centre(result.codes[0].quad) - centre) < 10  # mapped back to the frame
    assert result.attempts >= 1 and not result.out_of_time


def card_frame(angle: float, fill: float, blur: float) -> np.ndarray:
    card = render_card_front(AN, seed=3)
    return place_in_scene(card, fill=fill, angle_deg=angle, perspective=0.02, blur=blur, noise=3,
                          jpeg_quality=80, seed=5).frame


@pytest.mark.parametrize(("angle", "upside_down"), [(8.0, False), (188.0, True)])
def test_a_small_blurred_card_is_read_through_its_qr_corner(angle: float, upside_down: bool) -> None:
    frame = card_frame(angle, fill=0.42, blur=1.1)
    plain = IdCardReader(rescues=False).read_frame(frame)
    assert not plain.ok
    result = IdCardReader(rescue_budget_ms=GENEROUS_MS).read_frame(frame)
    assert result.ok and result.reading is not None
    assert result.decoder == "zxing" and result.rescue == "card+sharpen"
    assert result.payload == AN_PAYLOAD
    assert result.reading.full_name == AN.full_name and result.reading.id_number == AN.id_number
    card = locate_card(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    assert card is not None and result.quad is not None
    # The QR is in the card's top-right corner; upside down, in the frame's bottom-left part of the card.
    code, middle = quad_centre(result.quad), quad_centre(card)
    assert (code[0] < middle[0]) == upside_down and (code[1] > middle[1]) == upside_down


def test_a_code_zxing_saw_but_could_not_decode_is_rescued_in_its_own_region() -> None:
    frame = card_frame(8.0, fill=0.55, blur=1.3)
    plain = IdCardReader(rescues=False).read_frame(frame)
    assert plain.error_code == "code_unreadable"
    result = IdCardReader(rescue_budget_ms=GENEROUS_MS).read_frame(frame)
    assert result.ok and result.rescue == "code+sharpen" and result.payload == AN_PAYLOAD


def test_an_inverted_code_region_is_read_by_the_invert_rescue() -> None:
    grey, _ = small_code_frame(AN_PAYLOAD, 2.0, blur=0.9, contrast=0.35)
    inverted = cv2.bitwise_not(grey)
    # Finder patterns are searched dark-on-light; hand the rescue the code's region as a seen code.
    x0, y0, side = 690, 290, round(49 * 2.0) + 20
    corners = ((x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side))
    seen = [(float(x), float(y)) for x, y in corners]
    result = QrRescuer(GENEROUS_MS, regions=("code",)).rescue(inverted, code_quads=[seen])
    assert result.ok and result.rescue == "code+invert" and result.codes[0].text == AN_PAYLOAD


# ---------------------------------------------------------------------------- nothing to rescue


def test_a_frame_without_a_code_gives_nothing_within_the_budget() -> None:
    frame = place_in_scene(render_card_back(AN, seed=1), fill=0.7, angle_deg=5, perspective=0.02, blur=0.8,
                           noise=4, seed=2).frame  # a 2021 back: an MRZ, no QR
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    card = locate_card(grey)
    assert card is not None
    # A budget a loaded CI machine can still start attempts in (the rescuer skips an attempt it predicts
    # would overrun: at 15 ms on a busy shared core it sometimes made none at all).
    rescuer = QrRescuer(budget_ms=40.0)
    rescuer.rescue(grey, card_quad=card)  # warm-up (first calls allocate)
    start = time.thread_time()
    result = rescuer.rescue(grey, card_quad=card)
    wall_ms = (time.thread_time() - start) * 1000  # CPU ms of this thread, as the budget counts
    assert not result.ok and result.codes == () and result.rescue is None
    assert result.attempts > 0
    assert result.elapsed_ms <= wall_ms + 0.5
    assert wall_ms < 40.0 + 40.0  # the budget, overrun by at most one attempt (a busy machine gets slack)
    reading = IdCardReader(mrz=False).read_frame(frame)  # the QR path alone
    assert not reading.ok and reading.error_code == "no_code_found" and reading.rescue is None
    assert reading.card_quad is not None  # the hint still says where the card is


def test_an_empty_desk_gives_no_false_positive() -> None:
    desk = desk_background((1280, 720), np.random.default_rng(91))
    result = QrRescuer().rescue(cv2.cvtColor(desk, cv2.COLOR_BGR2GRAY))
    assert not result.ok and result.rescue is None


class FakeClock:
    """Stands in for `time` in qr_rescue: only decoding takes time, a fixed 4 ms per attempt."""

    def __init__(self) -> None:
        self.now = 100.0

    def thread_time(self) -> float:  # the rescue's budget is the thread's CPU time
        return self.now


def test_the_budget_stops_the_rescue(monkeypatch: pytest.MonkeyPatch) -> None:
    grey, _ = small_code_frame("not a card", 2.0, blur=0.9, contrast=0.35)
    card = [(100.0, 100.0), (740.0, 100.0), (740.0, 504.0), (100.0, 504.0)]
    clock = FakeClock()

    def slow_nothing(image: np.ndarray) -> list[Any]:
        clock.now += 0.004
        return []

    monkeypatch.setattr(qr_rescue, "time", clock)
    monkeypatch.setattr(qr_rescue, "decode_region", slow_nothing)
    result = QrRescuer(budget_ms=10.0).rescue(grey, card_quad=card)
    # 0 ms: the first attempt starts; at 4 ms, 4 + 4 ≤ 10: a second one; at 8 ms, 8 + 4 > 10: stop.
    assert result.out_of_time and not result.ok and result.rescue is None
    assert result.attempts == 2 and result.elapsed_ms == pytest.approx(8.0)
    result = QrRescuer(budget_ms=13.0).rescue(grey, card_quad=card)
    assert result.attempts == 3 and result.elapsed_ms == pytest.approx(12.0)  # never past the budget here
    assert QrRescuer(budget_ms=0).rescue(grey, card_quad=card).attempts == 0
    everything = QrRescuer(budget_ms=1000.0).rescue(grey, card_quad=card)
    assert not everything.out_of_time  # all attempts made: 2 card corners (+ finder regions) × 4 enhancements
    assert everything.attempts >= 8 and everything.attempts % 4 == 0


def test_a_foreign_code_is_not_accepted_when_the_caller_wants_an_id_card() -> None:
    url = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?q=" + "x" * 40
    grey, _ = small_code_frame(url, 2.0, blur=0.9, contrast=0.35)
    assert plain_zxing_texts(grey) == []
    anything = QrRescuer(GENEROUS_MS).rescue(grey)
    assert anything.ok and anything.codes[0].text == url
    cards_only = QrRescuer(GENEROUS_MS).rescue(grey, accept=lambda text: text.count("|") >= 6)
    assert not cards_only.ok
    assert not IdCardReader(rescue_budget_ms=GENEROUS_MS).read_frame(grey).ok  # ID-card payloads only


def test_rescues_can_be_turned_off_and_settings_are_checked() -> None:
    grey, _ = small_code_frame(AN_PAYLOAD, 2.0, blur=0.9, contrast=0.35)
    rescued = IdCardReader(rescue_budget_ms=GENEROUS_MS).read_frame(grey)
    assert rescued.ok and rescued.decoder == "zxing" and rescued.rescue in ("code+sharpen", "finder+sharpen")
    assert not IdCardReader(rescues=False).read_frame(grey).ok
    with pytest.raises(ValueError):
        QrRescuer(regions=("everywhere",))
    with pytest.raises(ValueError):
        QrRescuer(budget_ms=-1)


def test_the_reader_runs_only_the_rescues_with_measured_value(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where there is no code (an MRZ side, an empty desk) the rescue reads nothing: it costs the two card
    # corners, sharpened, and no finder search (which read nothing on the tuning corpus).
    grey, _ = small_code_frame("not a card", 2.0, blur=0.9, contrast=0.35)
    card = [(100.0, 100.0), (740.0, 100.0), (740.0, 504.0), (100.0, 504.0)]
    searched: list[int] = []
    def finder_search(grey: np.ndarray, **_: Any) -> list[tuple[float, float, float]]:
        searched.append(1)
        return []

    monkeypatch.setattr(qr_rescue, "find_finder_patterns", finder_search)
    rescuer = IdCardReader().rescuer
    assert rescuer is not None
    result = rescuer.rescue(grey, card_quad=card)
    assert result.attempts == 2 and not result.out_of_time and searched == []
    assert QrRescuer(1000.0).rescue(grey, card_quad=card).attempts >= 8  # the full set stays available
