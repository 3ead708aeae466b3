"""Where camera frames come from: a real camera, or files that behave like one.

Everything downstream (the card scanner, the document camera, the UI preview) takes a `FrameSource`, so
demos, training mode and tests run the same code as a kiosk with a webcam: `open_frame_source("samples")`
plays the bundled synthetic cards, `"camera:0"` opens a device.

Frames are BGR uint8 arrays (H×W×3), OpenCV's native layout. `read()` returns None when no frame is ready
or the source has ended; it never raises for one bad frame, because a live loop must keep going.
"""

from __future__ import annotations

import glob
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar, runtime_checkable

import cv2
import numpy as np

from kiosk.capture.resources import sample_cards_dir

log = logging.getLogger(__name__)

T = TypeVar("T")

DOCCAM_ASK = (9999, 9999)
# A V4L2 camera opens in well under a second and delivers a frame every 33-200 ms; a USB camera that stops
# answering blocks inside OpenCV's C++ for ever. Past these the camera counts as not answering.
OPEN_DEADLINE_S = 10.0
READ_DEADLINE_S = 2.0
CLOSE_DEADLINE_S = 2.0
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"})


class FrameSourceError(RuntimeError):
    """A frame source cannot be opened (bad spec, no readable files, a video OpenCV cannot play)."""


class CameraUnavailable(FrameSourceError):
    """The camera device is missing, busy or not permitted; say so instead of showing a black preview."""


@runtime_checkable
class FrameSource(Protocol):
    """A camera or something that plays like one. `with source:` opens it and always closes it."""

    name: str

    def open(self) -> None: ...

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


class _ContextManaged:
    """`with source:` opens and always closes (a camera left open stays locked for the next process)."""

    def open(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class _Pacer:
    """Sleeps so that reads come no faster than `fps`: file sources then load the CPU like a camera."""

    def __init__(self, fps: float | None) -> None:
        self.interval = 1.0 / fps if fps else 0.0
        self.next_at = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


def _as_bgr(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    return frame


class CameraNotAnswering(CameraUnavailable):
    """A native camera call did not come back within its deadline (the driver is stuck)."""


class _DeadlineCalls:
    """A camera's native calls, run one at a time on a thread of their own, each awaited at most a deadline.

    Nothing can interrupt a C call, so a call past its deadline is abandoned: its thread stays with it, the
    camera counts as `stalled` and later calls fail at once (rather than queueing behind the stuck one)
    until it comes back, if it ever does. The caller (a live loop, the GUI) is never blocked longer than
    the deadline."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], dict[str, Any], threading.Event] | None] = (
            queue.SimpleQueue())
        self._thread = threading.Thread(target=self._run, name=f"camera-io {name}", daemon=True)
        self._stalled = threading.Event()
        self._lock = threading.Lock()  # a call returning just as its caller gives up is not a stall
        self._thread.start()

    @property
    def stalled(self) -> bool:
        return self._stalled.is_set()

    def call(self, fn: Callable[[], T], deadline: float, what: str) -> T:
        if self._stalled.is_set():
            raise CameraNotAnswering(f"{self.name}: still waiting for an earlier call to return")
        box: dict[str, Any] = {}
        done = threading.Event()
        self._jobs.put((fn, box, done))
        if not done.wait(deadline):
            with self._lock:
                if not done.is_set():
                    self._stalled.set()
            if self._stalled.is_set():
                log.error("%s: %s did not return within %g s", self.name, what, deadline)
                raise CameraNotAnswering(f"{self.name}: {what} did not return within {deadline:g} s")
        if "error" in box:
            raise box["error"]
        return box["value"]

    def stop(self, last: Callable[[], Any] | None, deadline: float) -> None:
        """Run `last` (the release) after any call still running, then end the thread; wait at most
        `deadline` for it (a stuck call keeps both for as long as it stays stuck)."""
        done = threading.Event()
        if last is not None:
            self._jobs.put((last, {}, done))
        self._jobs.put(None)
        if last is not None and not done.wait(deadline):
            log.error("%s: not released within %g s (a call is stuck); left to its thread", self.name,
                      deadline)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, box, done = job
            try:
                box["value"] = fn()
            except Exception as error:  # handed to the caller, on its thread
                box["error"] = error
            finally:
                with self._lock:
                    self._stalled.clear()  # it came back: the camera answers again
                    done.set()


class OpenCvCameraSource(_ContextManaged):
    """A V4L2 / DirectShow / AVFoundation camera through cv2.VideoCapture.

    OpenCV's calls run on a thread of the source's own with deadlines (`open_deadline`, `read_deadline`,
    `close_deadline`): a camera that stops answering makes `open()` raise CameraNotAnswering and `read()`
    return None (the `stalled` property says why), and `close()` give up on it, instead of freezing the
    live loop or the screen that waits for it.
    `capture_factory` stands in for cv2.VideoCapture in tests."""

    def __init__(self, index: int = 0, width: int = 1280, height: int = 720, *, mjpeg: bool = False,
                 open_deadline: float = OPEN_DEADLINE_S, read_deadline: float = READ_DEADLINE_S,
                 close_deadline: float = CLOSE_DEADLINE_S,
                 capture_factory: Callable[[int], Any] = cv2.VideoCapture) -> None:
        self.index = index
        self.width = width
        self.height = height
        self.mjpeg = mjpeg
        self.name = f"camera:{index}"
        self.open_deadline = open_deadline
        self.read_deadline = read_deadline
        self.close_deadline = close_deadline
        self._factory = capture_factory
        self._capture: Any = None
        self._calls: _DeadlineCalls | None = None

    @property
    def stalled(self) -> bool:
        """A native call has not come back within its deadline (frames read as None meanwhile)."""
        return self._calls is not None and self._calls.stalled

    def _open_capture(self) -> Any:
        capture = self._factory(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable(
                f"camera {self.index} cannot be opened (not connected, busy, or no permission)")
        if self.mjpeg:  # USB 2 document cameras deliver 8–13 MP only as MJPEG (raw YUV would be ~1 fps)
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not one queued a second ago
        return capture

    def open(self) -> None:
        if self._capture is not None:
            return
        calls = _DeadlineCalls(self.name)
        try:
            self._capture = calls.call(self._open_capture, self.open_deadline, "opening")
        except BaseException:
            calls.stop(None, 0)
            raise
        self._calls = calls

    def read(self) -> np.ndarray | None:
        capture, calls = self._capture, self._calls
        if capture is None or calls is None:
            return None
        try:
            ok, frame = calls.call(capture.read, self.read_deadline, "reading a frame")
        except CameraNotAnswering:
            return None
        return _as_bgr(frame) if ok and frame is not None else None

    def close(self) -> None:
        capture, calls = self._capture, self._calls
        self._capture = self._calls = None
        if calls is not None:
            calls.stop(capture.release if capture is not None else None, self.close_deadline)


def _load_image(path: Path) -> np.ndarray | None:
    """The image as a read-only BGR array (it is played many times; see ImageSequenceSource.read)."""
    try:
        # Not cv2.imread: it cannot open non-ASCII paths on Windows (Vietnamese folder names).
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError:
        return None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is not None:
        image.flags.writeable = False
    return image


class ImageSequenceSource(_ContextManaged):
    """Image files played as a camera: each image `repeat_each` times, then the next; loops by default.

    Repeating an image lets a scanner that wants "two frames agree" accept it, like a card held still.
    Images are decoded when reached (a folder of many photos does not fill memory at open); an unreadable
    file is skipped with one warning. `open()` fails only when no file at all can be read.
    """

    def __init__(self, paths: Sequence[Path], *, repeat_each: int = 1, loop: bool = True,
                 fps: float | None = None, name: str | None = None) -> None:
        if repeat_each < 1:
            raise ValueError("repeat_each must be at least 1")
        self.paths = [Path(p) for p in paths]
        self.repeat_each = repeat_each
        self.loop = loop
        self.name = name or (f"images:{self.paths[0].parent}" if self.paths else "images:(none)")
        self._pacer = _Pacer(fps)
        self._bad: set[int] = set()
        self._opened = False
        self._index = 0
        self._repeats_left = 0
        self._frame: np.ndarray | None = None

    def open(self) -> None:
        if self._opened:
            return
        self._bad.clear()
        self._index, self._repeats_left, self._frame = 0, 0, None
        # Find the first readable image now, so a source with nothing to show fails at open, not later.
        for i, path in enumerate(self.paths):
            frame = _load_image(path)
            if frame is not None:
                self._index, self._frame, self._repeats_left = i, frame, self.repeat_each
                self._opened = True
                return
            self._skip(i)
        raise FrameSourceError(f"none of the {len(self.paths)} image files could be read")

    @property
    def current_path(self) -> Path | None:
        """The file the last frame came from (for logs and tests)."""
        return self.paths[self._index] if self._frame is not None else None

    def read(self) -> np.ndarray | None:
        if not self._opened:
            return None
        if self._repeats_left == 0 and not self._advance():
            return None
        self._pacer.wait()
        self._repeats_left -= 1
        assert self._frame is not None
        # The cached image itself, read-only: a copy of a 12 MP photo per frame cost ~35 MB of memcpy
        # (a tenth of the demo's CPU), and a caller that wants to draw copies it first (numpy refuses
        # writes to a read-only array, so the cache cannot be spoiled by mistake).
        return self._frame

    def _advance(self) -> bool:
        """Move to the next readable image; False when the sequence has ended (loop=False)."""
        i = self._index
        for _ in range(len(self.paths)):
            i += 1
            if i >= len(self.paths):
                if not self.loop:
                    self._frame = None
                    return False
                i = 0
            if i in self._bad:
                continue
            if i == self._index and self._frame is not None:  # a single good image: no need to decode again
                self._repeats_left = self.repeat_each
                return True
            frame = _load_image(self.paths[i])
            if frame is None:
                self._skip(i)
                continue
            self._index, self._frame, self._repeats_left = i, frame, self.repeat_each
            return True
        self._frame = None  # every file went bad while playing (deleted, say)
        return False

    def _skip(self, i: int) -> None:
        if i not in self._bad:
            self._bad.add(i)
            log.warning("frame source %s: skipping unreadable image %s", self.name, self.paths[i].name)

    def close(self) -> None:
        self._opened = False
        self._frame = None


class VideoFileSource(_ContextManaged):
    """A video file, or an OpenCV image-sequence pattern such as `frames/frame_%04d.png`."""

    def __init__(self, path: str | Path, *, loop: bool = False, fps: float | None = None) -> None:
        self.path = str(path)
        self.loop = loop
        self.name = f"video:{Path(self.path).name}"
        self._pacer = _Pacer(fps)
        self._capture: cv2.VideoCapture | None = None

    def _new_capture(self) -> cv2.VideoCapture:
        capture = cv2.VideoCapture(self.path)
        if not capture.isOpened():
            capture.release()
            raise FrameSourceError(f"OpenCV cannot play {self.path!r}")
        return capture

    def open(self) -> None:
        if self._capture is None:
            self._capture = self._new_capture()

    def read(self) -> np.ndarray | None:
        if self._capture is None:
            return None
        self._pacer.wait()
        ok, frame = self._capture.read()
        if (not ok or frame is None) and self.loop:
            # Reopen rather than seek: image-sequence captures do not all support rewinding.
            self._capture.release()
            self._capture = self._new_capture()
            ok, frame = self._capture.read()
        return _as_bgr(frame) if ok and frame is not None else None

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def _images_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def open_frame_source(spec: str, *, repeat_each: int | None = None, fps: float | None = 10.0) -> FrameSource:
    """A frame source from a config / command-line spec. The source is returned unopened: use `with`.

    - "samples": the bundled synthetic cards, looped, each held for `repeat_each` frames (default 10)
    - "documents": the shipped sample document-camera photos (resources/samples/documents), held 30 frames
    - "camera" or "camera:N": camera device N (default 0)
    - "doccam" or "doccam:N": a document camera: device N at its highest resolution, MJPEG
    - a folder of images, or a glob such as "shots/*.jpg": played in name order, looped
    - an OpenCV sequence pattern ("frame_%04d.png") or a video file
    - a single image file: that image, repeated forever

    `fps` paces file sources like a camera (None: as fast as they decode, for tests and benchmarks).
    """
    hold = repeat_each if repeat_each is not None else 10
    if spec == "samples":
        return ImageSequenceSource(_images_in(sample_cards_dir()), repeat_each=hold, fps=fps, name="samples")
    if spec == "documents":
        from kiosk.capture.doc_samples import sample_documents_dir

        # Held longer than cards: a page lies still under the camera while it is captured.
        return ImageSequenceSource(_images_in(sample_documents_dir()), repeat_each=repeat_each or 30,
                                   fps=fps, name="documents")
    if spec == "doccam" or spec.startswith("doccam:"):
        index = spec.partition(":")[2] or "0"
        if not index.isdigit():
            raise FrameSourceError(f"document camera index must be a number: {spec!r}")
        # Ask for far more than any camera offers: the driver answers with its highest resolution.
        return OpenCvCameraSource(int(index), DOCCAM_ASK[0], DOCCAM_ASK[1], mjpeg=True)
    if spec == "camera" or spec.startswith("camera:"):
        index = spec.partition(":")[2] or "0"
        if not index.isdigit():
            raise FrameSourceError(f"camera index must be a number: {spec!r}")
        return OpenCvCameraSource(int(index))
    path = Path(spec).expanduser()
    if path.is_dir():
        return ImageSequenceSource(_images_in(path), repeat_each=hold, fps=fps, name=f"images:{path}")
    if glob.has_magic(spec):
        matches = sorted(Path(p) for p in glob.glob(str(path)) if Path(p).suffix.lower() in IMAGE_SUFFIXES)
        if not matches:
            raise FrameSourceError(f"no image files match {spec!r}")
        return ImageSequenceSource(matches, repeat_each=hold, fps=fps, name=f"images:{spec}")
    if "%" in path.name:
        return VideoFileSource(path, fps=fps)
    if path.is_file():
        if path.suffix.lower() in IMAGE_SUFFIXES:
            return ImageSequenceSource([path], repeat_each=1, loop=True, fps=fps, name=f"image:{path.name}")
        return VideoFileSource(path, fps=fps)
    raise FrameSourceError(
        f"unknown frame source {spec!r}: not 'samples', 'camera:N', a folder, a glob or a file")
