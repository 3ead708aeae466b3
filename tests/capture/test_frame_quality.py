"""Frame quality: a sharp frame scores above its blurred copies, steadiness follows the card's motion."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.bench.synthetic_cards import place_in_scene, random_person, render_card_back
from kiosk.capture import frame_quality
from kiosk.capture.frame_quality import (
    MOTION_THRESHOLD,
    SHARPNESS_THRESHOLD,
    SHARPNESS_WIDTH,
    OcrGate,
    SteadinessTracker,
    is_sharp,
    sharpness,
)
from kiosk.capture.mrz_reader import MrzReader
from kiosk.capture.resources import sample_cards_dir


def _sample(name: str = "02_nguyen_van_an_back.png") -> np.ndarray:
    frame = cv2.imread(str(sample_cards_dir() / name), cv2.IMREAD_GRAYSCALE)
    assert frame is not None
    return frame


def _noisy(frame: np.ndarray, rng: np.random.Generator, sigma: float = 3.0) -> np.ndarray:
    """The same scene with fresh sensor noise, as consecutive camera frames are."""
    return np.clip(frame.astype(np.float32) + rng.normal(0, sigma, frame.shape), 0, 255).astype(np.uint8)


def _shifted(frame: np.ndarray, dx: float, dy: float) -> np.ndarray:
    matrix = np.array([[1, 0, dx], [0, 1, dy]], dtype=np.float32)
    out: np.ndarray = cv2.warpAffine(frame, matrix, (frame.shape[1], frame.shape[0]),
                                     borderMode=cv2.BORDER_REPLICATE)
    return out


# ------------------------------------------------------------------------------------------ sharpness


@pytest.mark.parametrize("name", ["02_nguyen_van_an_back.png", "05_dang_thi_hong_back.png",
                                  "01_nguyen_van_an_front.png"])
def test_a_sample_is_sharper_than_its_blurred_copies(name: str) -> None:
    frame = _sample(name)
    scores = [sharpness(frame if sigma == 0 else cv2.GaussianBlur(frame, (0, 0), sigma))
              for sigma in (0, 1.0, 2.0, 3.0)]
    assert scores == sorted(scores, reverse=True) and scores[0] > 3 * scores[2]
    assert is_sharp(frame) and scores[0] > SHARPNESS_THRESHOLD
    assert scores[3] < SHARPNESS_THRESHOLD  # too blurred to be worth reading


def test_the_threshold_separates_readable_from_unreadable_blur() -> None:
    """Calibration: frames the MRZ reader reads pass the gate; frames too blurred to read are held back."""
    rng = np.random.default_rng(4)
    reader = MrzReader()
    for index in range(3):
        card = render_card_back(random_person(rng), seed=index)
        for blur, readable in ((0.7, True), (3.5, False)):
            frame = place_in_scene(card, fill=0.7, angle_deg=3, blur=blur, noise=3, seed=index).frame
            grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
            assert is_sharp(grey) is readable
            assert reader.read(grey).ok is readable


def test_sharpness_in_a_region_and_of_a_blank_frame() -> None:
    frame = _sample()
    mrz = (230, 480, 820, 140)  # the MRZ of the sample, roughly
    desk = (0, 0, 150, 720)  # the left margin: desk only
    assert sharpness(frame, roi=mrz) > 5 * sharpness(frame, roi=desk)
    assert sharpness(frame, roi=(5000, 5000, 10, 10)) == 0.0
    assert sharpness(np.full((720, 1280), 128, np.uint8)) == 0.0
    assert sharpness(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)) == pytest.approx(sharpness(frame), rel=0.05)


def test_sharpness_works_at_640_px_whatever_the_camera_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap on every frame of a live camera: the Laplacian runs on the frame shrunk to 640 px wide, never
    at the camera's resolution (its speed is `kiosk bench idcard`'s business, not a timed test's)."""
    seen: list[tuple[int, ...]] = []
    laplacian = cv2.Laplacian

    def recording(image: np.ndarray, *args: object) -> np.ndarray:
        seen.append(image.shape)
        return laplacian(image, *args)

    monkeypatch.setattr(frame_quality.cv2, "Laplacian", recording)
    frame = _sample()
    big = cv2.resize(frame, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC)  # a 4K-class frame
    assert big.shape[1] > 4 * SHARPNESS_WIDTH
    sharpness(big)
    sharpness(cv2.cvtColor(big, cv2.COLOR_GRAY2BGR))
    assert [shape[1] for shape in seen] == [SHARPNESS_WIDTH, SHARPNESS_WIDTH]


# ---------------------------------------------------------------------------------------- steadiness


def test_identical_frames_become_steady_and_a_shift_breaks_it() -> None:
    rng = np.random.default_rng(1)
    frame = _sample()
    tracker = SteadinessTracker(window=3)
    assert tracker.motion is None and not tracker.steady
    assert tracker.update(_noisy(frame, rng)) is False  # one frame says nothing
    assert tracker.update(_noisy(frame, rng)) is False  # two frames: not yet `window`
    assert tracker.update(_noisy(frame, rng)) is True
    assert tracker.motion is not None and tracker.motion < MOTION_THRESHOLD / 3
    assert tracker.update(_noisy(_shifted(frame, 12, 6), rng)) is False  # the card moved
    assert tracker.motion is not None and tracker.motion > MOTION_THRESHOLD
    assert tracker.update(_noisy(_shifted(frame, 12, 6), rng)) is False  # the move is still in the window
    assert tracker.update(_noisy(_shifted(frame, 12, 6), rng)) is True  # held still again


# A hand holding a card drifts a few pixels per frame (steady enough to read); a moving card, more.
@pytest.mark.parametrize(("dx", "steady"),
                         [(0.0, True), (1.0, True), (4.0, True), (12.0, False), (16.0, False)])
def test_steadiness_threshold(dx: float, steady: bool) -> None:
    rng = np.random.default_rng(2)
    frame = _sample("05_dang_thi_hong_back.png")
    tracker = SteadinessTracker(window=2)
    tracker.update(_noisy(frame, rng))
    assert tracker.update(_noisy(_shifted(frame, dx, dx / 2), rng)) is steady


def test_a_change_of_brightness_is_not_motion() -> None:
    rng = np.random.default_rng(3)
    frame = _sample()
    tracker = SteadinessTracker(window=2)
    tracker.update(frame)
    brighter = np.clip(frame.astype(np.int16) + 12, 0, 255).astype(np.uint8)  # auto-exposure step
    assert tracker.update(_noisy(brighter, rng)) is True


def test_a_new_frame_size_or_reset_restarts_the_history() -> None:
    frame = _sample()
    tracker = SteadinessTracker(window=2)
    tracker.update(frame)
    assert tracker.update(frame) is True
    assert tracker.update(frame[:600]) is False  # another camera mode: compare from scratch
    assert tracker.motion is None
    tracker.reset()
    assert tracker.motion is None and not tracker.steady
    with pytest.raises(ValueError):
        SteadinessTracker(window=1)


def test_ocr_gate_needs_sharp_and_steady() -> None:
    rng = np.random.default_rng(5)
    frame = _sample()
    gate = OcrGate(window=2)
    first = gate.check(_noisy(frame, rng))
    assert first.sharp and not first.steady and not first.ready and first.motion is None
    second = gate.check(_noisy(frame, rng))
    assert second.ready and second.sharpness > SHARPNESS_THRESHOLD
    blurred = gate.check(cv2.GaussianBlur(frame, (0, 0), 4))
    assert not blurred.sharp and not blurred.ready
    gate.reset()
    assert not gate.check(frame).steady
