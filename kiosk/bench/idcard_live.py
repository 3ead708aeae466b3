"""Time to read over live frame sequences: the `kiosk bench idcard` table beside the per-frame one.

A per-frame read rate says little about what a citizen lives through: a card is brought into view (moving,
motion-blurred, small), shaken, then held more or less still; the kiosk reads the newest frame whenever it
is done with the previous one, and a reading counts only when the session (`CardScanSession`, the live
path the kiosk's camera worker runs, frame-quality gate and 2-of-3 agreement included) accepts it.

A sequence is 4 s of camera at `FPS` frames per second, one card, one of two motion patterns (alternating):

- `steady`: brought into view (0–0.6 s: slides in from outside the frame, grows from 55 % of its size,
  turns by up to 15°), held (0.6–2.4 s: hand tremor of a few pixels and ±0.4°), shaken (2.4–4 s: ±2.5 %
  of the frame width at 2.5 Hz, ±3°);
- `shaky`:  brought into view, shaken (0.6–1.8 s), then held (1.8–4 s).

Motion blur follows the card's own displacement during a 1/30 s exposure; on top come the camera condition's
defocus, sensor noise, uneven light and JPEG (`idcard_corpus.EASY / MEDIUM / HARD`, glare left out). Cards
are the synthetic corpus's (fictitious people; QR sides, and 2021 backs that carry only an MRZ), and the real
passport / foreign-ID specimens (`resources/real_photos/passports.json`) moved, blurred and jittered the
same way.

The clock is virtual and counts CPU time, so a loaded machine does not change the figures: frame j is captured
at j / FPS; the reader takes the newest frame captured by now (or waits for the next one), and the clock
advances by the process CPU time `session.feed` took (all threads: OpenCV may use several). *Time to read* is
the clock when the session accepted a reading (a foreign document: from one frame when nothing was repaired,
else when a second frame agreed; for an MRZ-only side: when its MRZ agreed and
the session asked for the QR side, after which it would settle for the MRZ 2 s later). A sequence that ends
unread counts as never read: the median and 90th percentile are taken over all sequences with those as
infinite ("never" when the percentile falls on one).

Methods, in the same run, on the same frames (rendered once, shared):
- `zxing`: the same session around a reader that is zxing-cpp alone (no rescue, no MRZ);
- `ours`:  the session as the kiosk builds it (`CardScanSession()`).

Judging: a synthetic card's acceptance is *read* when id_number, full_name (the MRZ spelling for an MRZ
reading) and date_of_birth are right, else a *misread*. A real specimen is read when every field of the
document equals our annotation of its MRZ (`resources/real_photos/passports.json`); anything else accepted
is a misread, and so is accepting a specimen printed with wrong check digits.
"""

from __future__ import annotations

import math
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np

from kiosk.bench.idcard_corpus import CONDITIONS, Condition, mrz_name_words
from kiosk.bench.report import format_table
from kiosk.bench.synthetic_cards import (
    desk_background,
    mrz_lines,
    random_person,
    render_card_back,
    render_card_front,
)
from kiosk.capture.card_scan import CardScanSession, ScanFeedback
from kiosk.capture.idcard_reader import IdCardReader
from kiosk.domain.idcard import ForeignDocument, IdentityReading

FPS = 15.0
DURATION_S = 4.0
EXPOSURE_S = 1 / 30
FRAME_SIZE = (1280, 720)
DEFAULT_SEQUENCES = 6  # synthetic QR sequences per condition; MRZ-only ones are a third of that
Pattern = Literal["steady", "shaky"]
PATTERNS: tuple[Pattern, ...] = ("steady", "shaky")
LiveMethod = Literal["zxing", "ours"]
LIVE_METHODS: tuple[LiveMethod, ...] = ("zxing", "ours")
Source = Literal["qr", "mrz", "real"]
SOURCE_LABELS = {"qr": "synthetic, QR side", "mrz": "synthetic, MRZ-only side (2021 back)",
                 "real": "real passports / foreign IDs"}


# ------------------------------------------------------------------------------------------- truth


@dataclass(frozen=True)
class SequenceTruth:
    """What a sequence shows. Synthetic: the person's fields; real: the expected format (and the still
    photo's reading)."""

    name: str
    source: Source
    condition: str
    pattern: Pattern
    id_number: str | None = None
    full_name: str | None = None  # as the QR spells it
    mrz_name: str | None = None  # as the MRZ spells it
    date_of_birth: date | None = None
    expect_format: str | None = None  # real: "TD1" / "TD3"
    still_number: str | None = None  # real: what the kiosk reads from the still photo, when it does
    still_birth: date | None = None
    expected: ForeignDocument | None = None  # real: the annotated MRZ's document (judged field by field)
    must_refuse: bool = False  # real: a specimen printed with wrong check digits


def judge_reading(truth: SequenceTruth, reading: IdentityReading | None) -> bool:
    """True when an accepted reading is right for this sequence."""
    if reading is None:
        return False
    if truth.source == "real":
        doc = reading.document
        if truth.must_refuse or doc is None or doc.format != truth.expect_format:
            return False
        if truth.expected is not None:
            from kiosk.bench.real_photos import wrong_fields

            return not wrong_fields(doc, truth.expected)
        if truth.still_number is not None:
            return doc.document_number == truth.still_number and reading.date_of_birth == truth.still_birth
        return True
    name = truth.mrz_name if reading.source == "mrz" else truth.full_name
    return (reading.id_number == truth.id_number and reading.full_name == name
            and reading.date_of_birth == truth.date_of_birth)


# ------------------------------------------------------------------------------------------- motion


def _ease(p: float) -> float:
    return 1 - (1 - p) ** 3


@dataclass(frozen=True)
class Motion:
    """The card's pose over time: centre (px), width (px), angle (degrees), per a pattern."""

    pattern: Pattern
    centre: tuple[float, float]
    width: float
    angle: float
    enter_from: tuple[float, float]  # unit direction the card comes from
    enter_turn: float
    tremor_phase: tuple[float, float, float, float]
    shake_dir: float  # radians
    shake_phase: float
    frame_width: int

    def pose(self, t: float) -> tuple[float, float, float, float]:
        cx, cy = self.centre
        width, angle = self.width, self.angle
        fw = self.frame_width
        if t < 0.6:  # brought into view
            p = _ease(max(t, 0.0) / 0.6)
            dx, dy = self.enter_from
            cx += (1 - p) * dx * 0.55 * fw
            cy += (1 - p) * dy * 0.55 * fw
            return cx, cy, width * (0.55 + 0.45 * p), angle + (1 - p) * self.enter_turn
        shaking = (0.6 <= t < 1.8) if self.pattern == "shaky" else t >= 2.4
        a, b, c, d = self.tremor_phase  # hand tremor: two slow sinusoids per axis, a few pixels
        cx += 0.003 * fw * (math.sin(2 * math.pi * 1.1 * t + a) + 0.5 * math.sin(2 * math.pi * 3.7 * t + b))
        cy += 0.003 * fw * (math.sin(2 * math.pi * 0.9 * t + c) + 0.5 * math.sin(2 * math.pi * 4.3 * t + d))
        angle += 0.4 * math.sin(2 * math.pi * 0.7 * t + a)
        if shaking:
            s = math.sin(2 * math.pi * 2.5 * t + self.shake_phase)
            cx += 0.025 * fw * s * math.cos(self.shake_dir)
            cy += 0.025 * fw * s * math.sin(self.shake_dir)
            angle += 3 * s
        return cx, cy, width, angle


def _corners(pose: tuple[float, float, float, float], aspect: float) -> np.ndarray:
    cx, cy, width, angle = pose
    height = width / aspect
    half = np.array([[-width, -height], [width, -height], [width, height], [-width, height]]) / 2
    theta = math.radians(angle)
    rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    return np.asarray(half @ rot.T + (cx, cy), dtype=np.float32)


def _max_width(angle: float, aspect: float, frame_size: tuple[int, int]) -> float:
    fw, fh = frame_size
    c, s = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    return min(0.92 * fw / (c + s / aspect), 0.92 * fh / (s + c / aspect))


def _motion_kernel(dx: float, dy: float) -> np.ndarray | None:
    length = math.hypot(dx, dy)
    if length < 1.0:
        return None
    size = math.ceil(length) | 1
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    ux, uy = dx / length, dy / length
    cv2.line(kernel, (round(c - ux * length / 2), round(c - uy * length / 2)),
             (round(c + ux * length / 2), round(c + uy * length / 2)), 1.0, 1, cv2.LINE_AA)
    total = float(kernel.sum())
    return kernel / total if total > 0 else None


# ----------------------------------------------------------------------------------------- sequence


class LiveSequence:
    """One card's frames over DURATION_S at FPS, rendered on first use and kept (every method sees the same
    frames). Frame j depends only on the sequence's seed and j."""

    def __init__(self, truth: SequenceTruth, card: np.ndarray, condition: Condition, seed: int,
                 frame_size: tuple[int, int] = FRAME_SIZE) -> None:
        self.truth = truth
        self.condition = condition
        self.frame_size = frame_size
        self.seed = seed
        rng = np.random.default_rng(seed)
        card = card if card.ndim == 3 else cv2.cvtColor(card, cv2.COLOR_GRAY2BGR)
        h, w = card.shape[:2]
        alpha = np.full((h, w, 1), 255, np.uint8)
        self._card = np.concatenate([card, alpha], axis=2)  # colour and coverage, premultiplied (alpha 1)
        self._aspect = w / h
        fw, fh = frame_size
        angle = float(rng.uniform(-condition.rotation_deg, condition.rotation_deg))
        size = float(rng.uniform(*condition.size))
        direction = float(rng.uniform(0, math.tau))
        self.motion = Motion(
            pattern=truth.pattern, centre=(fw / 2 + float(rng.uniform(-0.02, 0.02)) * fw,
                                           fh / 2 + float(rng.uniform(-0.02, 0.02)) * fh),
            width=0.93 * size * _max_width(angle, self._aspect, frame_size), angle=angle,
            enter_from=(math.cos(direction), math.sin(direction)), enter_turn=float(rng.uniform(-15, 15)),
            tremor_phase=tuple(float(v) for v in rng.uniform(0, math.tau, 4)),  # type: ignore[arg-type]
            shake_dir=float(rng.uniform(0, math.pi)), shake_phase=float(rng.uniform(0, math.tau)),
            frame_width=fw)
        self._background = desk_background(frame_size, rng).astype(np.float32)
        coarse = rng.normal(0, 1, (3, 5)).astype(np.float32)
        light = np.asarray(cv2.resize(coarse, frame_size, interpolation=cv2.INTER_CUBIC), dtype=np.float32)
        self._gain = (1 + condition.light * light / max(float(np.abs(light).max()), 1e-6))[:, :, None]
        self._perspective = rng.uniform(-1, 1, (4, 2)).astype(np.float32) * condition.perspective
        self._frames: dict[int, np.ndarray] = {}

    @property
    def length(self) -> int:
        return int(DURATION_S * FPS)

    def frame(self, j: int) -> np.ndarray:
        if j not in self._frames:
            self._frames[j] = self._render(j)
        return self._frames[j]

    def _render(self, j: int) -> np.ndarray:
        rng = np.random.default_rng([self.seed, j])
        c = self.condition
        t = j / FPS
        pose = self.motion.pose(t)
        dst = _corners(pose, self._aspect) + self._perspective * pose[2]
        before = _corners(self.motion.pose(t - EXPOSURE_S), self._aspect) + self._perspective * pose[2]
        h, w = self._card.shape[:2]
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
        matrix = cv2.getPerspectiveTransform(src, dst)
        layer = cv2.warpPerspective(self._card, matrix, self.frame_size, flags=cv2.INTER_AREA
                                    if pose[2] < w else cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                    borderValue=(0, 0, 0, 0))
        shift = (dst - before).mean(axis=0)
        kernel = _motion_kernel(float(shift[0]), float(shift[1]))
        if kernel is not None:
            layer = cv2.filter2D(layer, -1, kernel)
        alpha = layer[:, :, 3:4].astype(np.float32) / 255
        frame: np.ndarray = self._background * (1 - alpha) + layer[:, :, :3].astype(np.float32)
        blur = float(rng.uniform(*c.blur_sigma))
        if blur > 0:
            frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), blur))
        frame *= self._gain
        noise = float(rng.uniform(*c.noise_sigma))
        if noise > 0:
            grain = np.empty(frame.shape, np.float32)
            cv2.setRNGSeed(int(rng.integers(0, 2**31)))  # cv2.randn: 5× faster than numpy's normal here
            cv2.randn(grain, np.zeros(1), np.full(1, noise))
            frame += grain
        out: np.ndarray = np.clip(frame, 0, 255).astype(np.uint8)
        if c.jpeg_quality is not None:
            quality = int(rng.integers(c.jpeg_quality[0], c.jpeg_quality[1] + 1))
            ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
            decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
            if decoded is not None:
                out = np.asarray(decoded)
        return out


def synthetic_sequences(count: int, seed: int, conditions: Iterable[Condition] = CONDITIONS,
                        *, mrz_count: int | None = None) -> list[LiveSequence]:
    """`count` QR-side sequences and `mrz_count` (default count // 3) 2021-back sequences per condition."""
    mrz_count = max(1, count // 3) if mrz_count is None else mrz_count
    out: list[LiveSequence] = []
    for ci, condition in enumerate(conditions):
        for source, n in (("qr", count), ("mrz", mrz_count)):
            for i in range(n):
                rng = np.random.default_rng([seed, 7001, ci, 0 if source == "qr" else 1, i])
                if source == "qr":
                    generation = "2021" if i % 2 == 0 else "2024"
                    side = "front" if generation == "2021" else "back"
                else:
                    generation, side = "2021", "back"
                person = random_person(rng, generation=generation)  # type: ignore[arg-type]
                render = render_card_front if side == "front" else render_card_back
                card = render(person, seed=int(rng.integers(0, 2**31)))
                pattern = PATTERNS[i % 2]
                truth = SequenceTruth(
                    name=f"{condition.name}-{source}-{i:02d}", source=source,  # type: ignore[arg-type]
                    condition=condition.name, pattern=pattern, id_number=person.id_number,
                    full_name=person.full_name, mrz_name=mrz_name_words(mrz_lines(person)[2]),
                    date_of_birth=person.date_of_birth)
                out.append(LiveSequence(truth, card, condition, int(rng.integers(0, 2**31))))
    return out


def real_sequences(seed: int, *, limit: int | None = None,
                   progress: Callable[[str], None] | None = None) -> tuple[list[LiveSequence], list[str]]:
    """One sequence per expected specimen (TD1 / TD3), camera condition easy and medium alternating;
    ([], [why]) when the snapshot is absent."""
    from kiosk.bench.real_photos import expected_document, load_manifest, read_blob

    manifest = load_manifest("passports.json")
    reader = IdCardReader()
    out: list[LiveSequence] = []
    skipped: list[str] = []
    entries = [e for e in manifest["documents"] if e["expect"] in ("TD1", "TD3")][:limit]
    with tempfile.TemporaryDirectory(prefix="kiosk-live-") as tmp:
        for i, entry in enumerate(entries):
            blob = read_blob(entry.get("repo", manifest["repo"]), entry.get("commit", manifest["commit"]),
                             entry["path"])
            if blob is None:
                skipped.append(entry["path"])
                continue
            name = entry["path"].rsplit("/", 1)[-1]
            file = Path(tmp) / f"{i:03d}{Path(name).suffix}"
            file.write_bytes(blob)
            image = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_COLOR)
            if image is None:
                skipped.append(entry["path"])
                continue
            if progress is not None and i % 10 == 0:
                progress(f"live: preparing real specimen {i + 1}/{len(entries)}")
            still = reader.read_image_file(file).reading
            doc = still.document if still is not None else None
            condition = CONDITIONS[i % 2]
            truth = SequenceTruth(name=name, source="real", condition=condition.name, pattern=PATTERNS[i % 2],
                                  expect_format=entry["expect"],
                                  still_number=doc.document_number if doc is not None else None,
                                  still_birth=still.date_of_birth if doc is not None and still else None,
                                  expected=expected_document(entry),
                                  must_refuse=entry.get("check_digits_valid") is False)
            scale = min(1.0, 1400 / image.shape[1])
            if scale < 1:
                image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            out.append(LiveSequence(truth, image, condition, int(np.random.default_rng([seed, 7002, i])
                                                                 .integers(0, 2**31))))
    return out, skipped


# --------------------------------------------------------------------------------------------- play


@dataclass(frozen=True)
class Play:
    """One method through one sequence."""

    sequence: str
    source: Source
    condition: str
    pattern: Pattern
    method: LiveMethod
    outcome: Literal["read", "misread", "unread"]
    seconds: float | None  # virtual time to the acceptance (None: never)
    frames_read: int  # frames the method actually took (the others went by while it worked)
    cpu_ms: float  # total CPU time it spent


def session_for(method: LiveMethod) -> CardScanSession:
    """The live session of a method: the kiosk's own, or the same around zxing-cpp alone."""
    if method == "ours":
        return CardScanSession()
    return CardScanSession(IdCardReader(decoders=("zxing",), rescues=False, mrz=False))


def play(sequence: LiveSequence, method: LiveMethod, session: CardScanSession | None = None) -> Play:
    """Run one session over a sequence on the virtual CPU-time clock (see the module docstring)."""
    session = session or session_for(method)
    truth = sequence.truth
    now, j, taken, cpu = 0.0, 0, 0, 0.0
    outcome: Literal["read", "misread", "unread"] = "unread"
    seconds: float | None = None
    while True:
        j = max(j, math.floor(now * FPS + 1e-9))  # the newest frame captured by now
        if j >= sequence.length:
            break
        now = max(now, j / FPS)
        frame = sequence.frame(j)
        t0 = time.process_time()
        feedback: ScanFeedback = session.feed(frame)
        spent = time.process_time() - t0
        now, cpu, taken, j = now + spent, cpu + spent, taken + 1, j + 1
        reading: IdentityReading | None = None
        if feedback.state == "accepted":
            reading = feedback.reading
        elif feedback.hint_code == "turn_to_qr" and feedback.result is not None:
            reading = feedback.result.reading  # an MRZ-only side read and agreed: "turn the card over"
        else:
            continue
        outcome = "read" if judge_reading(truth, reading) else "misread"
        seconds = now
        break
    return Play(truth.name, truth.source, truth.condition, truth.pattern, method, outcome, seconds, taken,
                cpu * 1000)


# -------------------------------------------------------------------------------------------- result


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (values may hold math.inf for never)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class LiveRow:
    source: Source
    condition: str
    method: LiveMethod
    sequences: int
    read: int
    misread: int
    median_s: float | None  # None: the median sequence was never read
    p90_s: float | None
    cpu_ms_per_frame: float | None  # median over sequences of CPU ms per frame taken

    def to_json_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LiveResult:
    seed: int
    fps: float
    duration_s: float
    plays: tuple[Play, ...]
    skipped: tuple[str, ...] = field(default=())
    elapsed_s: float = 0.0

    def rows(self) -> list[LiveRow]:
        keys: list[tuple[Source, str]] = []
        for p in self.plays:
            if (p.source, p.condition) not in keys:
                keys.append((p.source, p.condition))
        sources: list[Source] = ["qr", "mrz", "real"]
        keys.sort(key=lambda k: sources.index(k[0]))  # stable: conditions stay in the order played
        rows = []
        for source, condition in keys:
            for method in LIVE_METHODS:
                group = [p for p in self.plays if (p.source, p.condition, p.method) == (source, condition,
                                                                                        method)]
                if not group:
                    continue
                times = [p.seconds if p.outcome == "read" and p.seconds is not None else math.inf
                         for p in group]
                median, p90 = _percentile(times, 0.5), _percentile(times, 0.9)
                per_frame = [p.cpu_ms / p.frames_read for p in group if p.frames_read]
                rows.append(LiveRow(source, condition, method, len(group),
                                    sum(p.outcome == "read" for p in group),
                                    sum(p.outcome == "misread" for p in group),
                                    None if math.isinf(median) else median, None if math.isinf(p90) else p90,
                                    statistics.median(per_frame) if per_frame else None))
        return rows

    def to_json_dict(self) -> dict[str, Any]:
        return {"seed": self.seed, "fps": self.fps, "duration_s": self.duration_s,
                "rows": [r.to_json_dict() for r in self.rows()], "plays": [asdict(p) for p in self.plays],
                "skipped": list(self.skipped), "elapsed_s": round(self.elapsed_s, 1)}


def run_live(count: int = DEFAULT_SEQUENCES, seed: int = 2, *, real: bool = True,
             real_limit: int | None = None, conditions: Iterable[Condition] = CONDITIONS,
             progress: Callable[[str], None] | None = None) -> LiveResult:
    """Every sequence through both methods (the order alternates); frames rendered once and shared."""
    started = time.perf_counter()
    sequences = synthetic_sequences(count, seed, conditions) if count > 0 else []
    skipped: list[str] = []
    if real:
        found, skipped = real_sequences(seed, limit=real_limit, progress=progress)
        sequences += found
    plays: list[Play] = []
    for n, sequence in enumerate(sequences):
        if progress is not None and n % 10 == 0:
            progress(f"live: sequence {n + 1}/{len(sequences)}")
        order = LIVE_METHODS if n % 2 == 0 else LIVE_METHODS[::-1]
        for method in order:
            plays.append(play(sequence, method))
    return LiveResult(seed, FPS, DURATION_S, tuple(plays), tuple(skipped), time.perf_counter() - started)


def format_live(result: LiveResult) -> str:
    headers = ("sequences", "condition", "n", "method", "read", "misread", "median s", "p90 s",
               "CPU ms/frame")
    table: list[list[Any] | None] = []
    last: Source | None = None
    for row in result.rows():
        if last is not None and row.source != last:
            table.append(None)
        lead = row.method == LIVE_METHODS[0]
        table.append([SOURCE_LABELS[row.source] if lead and row.source != last else "",
                      row.condition if lead else "", row.sequences if lead else "", row.method,
                      f"{row.read}/{row.sequences}", row.misread,
                      "never" if row.median_s is None else f"{row.median_s:.2f}",
                      "never" if row.p90_s is None else f"{row.p90_s:.2f}",
                      row.cpu_ms_per_frame])
        last = row.source
    lines = [f"Time to read, live sequences (seed {result.seed}; {DURATION_S:g} s at {FPS:g} fps: brought "
             "into view, held, shaken; virtual clock in CPU time; CardScanSession as the kiosk runs it)", "",
             format_table(headers, table, align="llrlrrrrr"), "",
             "  read = the session accepted the right card (a foreign document: every field as our "
             "annotation of its MRZ); median / p90 over all sequences, a never-read sequence counts as never",
             "  zxing = the same session around zxing-cpp alone (no rescue, no MRZ)"]
    if result.skipped:
        lines.append(f"  real specimens skipped (snapshot absent): {len(result.skipped)}")
    if not any(p.source == "real" for p in result.plays):
        lines.append("  real specimens: skipped — no snapshot of konstantint/PassportEye (set "
                     "DVC_REAL_PHOTOS_MIRRORS)")
    return "\n".join(lines)


def read_share(result: LiveResult, source: Source, method: LiveMethod) -> float | None:
    group = [p for p in result.plays if p.source == source and p.method == method]
    return sum(p.outcome == "read" for p in group) / len(group) if group else None


__all__ = [
    "DEFAULT_SEQUENCES", "FPS", "LIVE_METHODS", "LiveResult", "LiveRow", "LiveSequence", "Motion", "Play",
    "SequenceTruth", "format_live", "judge_reading", "play", "read_share", "real_sequences",
    "run_live", "session_for", "synthetic_sequences",
]
