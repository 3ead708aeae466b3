"""Frame sources: files and videos must behave like a camera, so the scanner cannot tell them apart."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.capture.frames import (
    CameraNotAnswering,
    CameraUnavailable,
    FrameSource,
    FrameSourceError,
    ImageSequenceSource,
    OpenCvCameraSource,
    VideoFileSource,
    open_frame_source,
)
from kiosk.capture.resources import resources_dir, sample_cards_dir


def _solid(path: Path, value: int, size: tuple[int, int] = (64, 48)) -> Path:
    cv2.imwrite(str(path), np.full((size[1], size[0], 3), value, np.uint8))
    return path


def _values(source: FrameSource, n: int) -> list[int | None]:
    out: list[int | None] = []
    for _ in range(n):
        frame = source.read()
        out.append(None if frame is None else int(frame[0, 0, 0]))
    return out


@pytest.fixture
def three_images(tmp_path: Path) -> list[Path]:
    return [_solid(tmp_path / f"{i}.png", v) for i, v in enumerate((10, 20, 30))]


def test_image_sequence_repeats_each_image_and_loops(three_images: list[Path]) -> None:
    with ImageSequenceSource(three_images, repeat_each=2) as source:
        assert _values(source, 8) == [10, 10, 20, 20, 30, 30, 10, 10]


def test_image_sequence_without_loop_ends_with_none(three_images: list[Path]) -> None:
    with ImageSequenceSource(three_images, loop=False) as source:
        assert _values(source, 5) == [10, 20, 30, None, None]


def test_unreadable_files_are_skipped_with_one_warning(three_images: list[Path], tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not an image", encoding="utf-8")
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(three_images[0].read_bytes()[:40])
    paths = [text, three_images[0], truncated, three_images[1], tmp_path / "missing.png"]
    with caplog.at_level(logging.WARNING, logger="kiosk.capture.frames"), \
            ImageSequenceSource(paths) as source:
        assert _values(source, 6) == [10, 20, 10, 20, 10, 20]
    skipped = [r.getMessage() for r in caplog.records if "skipping" in r.getMessage()]
    assert len(skipped) == 3  # once per bad file, not once per loop
    assert any("notes.png" in m for m in skipped)


def test_no_readable_image_fails_at_open(tmp_path: Path) -> None:
    bad = tmp_path / "a.jpg"
    bad.write_bytes(b"\xff\xd8garbage")
    with pytest.raises(FrameSourceError):
        ImageSequenceSource([bad, tmp_path / "missing.png"]).open()
    with pytest.raises(FrameSourceError):
        ImageSequenceSource([]).open()


def test_frames_are_read_only_and_closed_source_gives_none(three_images: list[Path]) -> None:
    source = ImageSequenceSource(three_images[:1], repeat_each=2)
    assert source.read() is None  # not opened yet
    with source:
        first = source.read()
        assert first is not None
        with pytest.raises(ValueError, match="read-only"):
            first[:] = 255  # whoever wants to draw on a frame copies it first
        overlay = first.copy()
        overlay[:] = 255
        second = source.read()
        assert second is not None and int(second[0, 0, 0]) == 10
    assert source.read() is None


def test_frames_are_bgr_even_from_grey_or_alpha_images(tmp_path: Path) -> None:
    grey = tmp_path / "grey.png"
    cv2.imwrite(str(grey), np.full((10, 12), 77, np.uint8))
    rgba = tmp_path / "rgba.png"
    cv2.imwrite(str(rgba), np.full((10, 12, 4), 99, np.uint8))
    with ImageSequenceSource([grey, rgba], loop=False) as source:
        for _ in range(2):
            frame = source.read()
            assert frame is not None and frame.shape == (10, 12, 3) and frame.dtype == np.uint8


def test_fps_paces_reads_like_a_camera(three_images: list[Path]) -> None:
    with ImageSequenceSource(three_images, fps=50) as source:
        start = time.monotonic()
        _values(source, 6)
        assert time.monotonic() - start >= 5 / 50 * 0.9


def test_samples_spec_plays_the_bundled_cards_in_a_loop() -> None:
    samples = sorted(p for p in sample_cards_dir().iterdir() if p.suffix == ".png")
    assert len(samples) >= 7
    source = open_frame_source("samples", repeat_each=1, fps=None)
    assert isinstance(source, FrameSource)
    frames: list[np.ndarray] = []
    with source:
        for _ in range(len(samples) + 1):
            frame = source.read()
            assert frame is not None and frame.shape == (720, 1280, 3)
            frames.append(frame)
    assert np.array_equal(frames[0], frames[-1])  # looped back to the first card
    assert not np.array_equal(frames[0], frames[1])


def test_resources_dir_is_the_repository_resources_folder() -> None:
    assert resources_dir().name == "resources"
    assert (resources_dir() / "samples" / "cards").is_dir()


def test_folder_glob_and_single_image_specs(three_images: list[Path], tmp_path: Path) -> None:
    with open_frame_source(str(tmp_path), repeat_each=1, fps=None) as folder:
        assert _values(folder, 4) == [10, 20, 30, 10]
    with open_frame_source(str(tmp_path / "[12].png"), repeat_each=1, fps=None) as matched:
        assert _values(matched, 3) == [20, 30, 20]
    with open_frame_source(str(three_images[2]), fps=None) as single:
        assert _values(single, 3) == [30, 30, 30]
    with pytest.raises(FrameSourceError):
        open_frame_source(str(tmp_path / "*.nothing"))
    with pytest.raises(FrameSourceError):
        open_frame_source(str(tmp_path / "no-such-file.mp4"))
    with pytest.raises(FrameSourceError):
        open_frame_source("camera:front")


def test_opencv_image_sequence_pattern(tmp_path: Path) -> None:
    for i, value in enumerate((40, 50, 60)):
        _solid(tmp_path / f"frame_{i:04d}.png", value)
    source = open_frame_source(str(tmp_path / "frame_%04d.png"), fps=None)
    assert isinstance(source, VideoFileSource)
    with source:
        assert _values(source, 4) == [40, 50, 60, None]
    with VideoFileSource(tmp_path / "frame_%04d.png", loop=True) as looping:
        assert _values(looping, 4) == [40, 50, 60, 40]


def test_video_file(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (64, 48))
    assert writer.isOpened()
    for value in (0, 128, 255):
        writer.write(np.full((48, 64, 3), value, np.uint8))
    writer.release()
    with open_frame_source(str(path), fps=None) as source:
        values = _values(source, 4)
    assert values[3] is None  # the clip ended
    decoded = [v for v in values[:3] if v is not None]
    assert len(decoded) == 3
    assert all(abs(v - expected) < 8 for v, expected in zip(decoded, (0, 128, 255), strict=True))  # MJPEG


def test_unplayable_video_fails_at_open(tmp_path: Path) -> None:
    path = tmp_path / "broken.mp4"
    path.write_bytes(b"definitely not a video")
    with pytest.raises(FrameSourceError):
        VideoFileSource(path).open()


def test_missing_camera_is_a_clear_error() -> None:
    source = open_frame_source("camera:63")
    assert isinstance(source, OpenCvCameraSource) and source.name == "camera:63"
    with pytest.raises(CameraUnavailable, match="camera 63"):
        source.open()
    assert source.read() is None
    source.close()  # closing a source that never opened is harmless


# -- a camera whose driver stops answering


class _FakeCapture:
    """cv2.VideoCapture's interface; `hang_open` / `hang_read` block inside the call until `release_hang`
    is set, as a stuck USB camera blocks inside OpenCV's C++."""

    def __init__(self, *, hang_open: bool = False) -> None:
        self.hang_open = hang_open
        self.hang_read = threading.Event()
        self.release_hang = threading.Event()
        self.reads = 0
        self.released = False

    def __call__(self, index: int) -> _FakeCapture:
        if self.hang_open:
            self.release_hang.wait(30)
        return self

    def isOpened(self) -> bool:
        return True

    def set(self, prop: int, value: float) -> bool:
        return True

    def read(self) -> tuple[bool, np.ndarray]:
        self.reads += 1
        if self.hang_read.is_set():
            self.release_hang.wait(30)
        return True, np.full((4, 6, 3), 7, np.uint8)

    def release(self) -> None:
        self.released = True


def test_a_camera_that_stops_answering_gives_no_frame_after_the_deadline_then_recovers() -> None:
    fake = _FakeCapture()
    source = OpenCvCameraSource(5, read_deadline=0.3, capture_factory=fake)
    with source:
        frame = source.read()
        assert frame is not None and frame.shape == (4, 6, 3)
        fake.hang_read.set()
        started = time.monotonic()
        assert source.read() is None  # the live loop gets control back at the deadline
        assert time.monotonic() - started < 5 and source.stalled
        assert source.read() is None and fake.reads == 2  # no pile-up behind the stuck call
        fake.hang_read.clear()
        fake.release_hang.set()  # the driver answers again
        deadline = time.monotonic() + 10
        while source.stalled and time.monotonic() < deadline:
            time.sleep(0.01)
        assert source.read() is not None
    assert fake.released


def test_a_camera_that_never_opens_is_unavailable_after_the_open_deadline() -> None:
    fake = _FakeCapture(hang_open=True)
    source = OpenCvCameraSource(6, open_deadline=0.3, capture_factory=fake)
    started = time.monotonic()
    with pytest.raises(CameraNotAnswering, match="opening did not return") as caught:
        source.open()
    assert time.monotonic() - started < 5
    assert isinstance(caught.value, CameraUnavailable)  # what the camera workers already handle
    assert source.read() is None
    source.close()
    fake.release_hang.set()


def test_closing_a_stuck_camera_returns_after_its_deadline() -> None:
    fake = _FakeCapture()
    source = OpenCvCameraSource(7, read_deadline=0.2, close_deadline=0.2, capture_factory=fake)
    source.open()
    fake.hang_read.set()
    assert source.read() is None
    started = time.monotonic()
    source.close()  # the release waits behind the stuck read: given up after the close deadline
    assert time.monotonic() - started < 5
    assert not fake.released  # close() did not wait for the stuck read
    fake.release_hang.set()
    deadline = time.monotonic() + 10
    while not fake.released and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake.released  # once the read came back, its thread released the camera
