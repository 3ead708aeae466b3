"""A reproducible corpus of synthetic ID-card camera frames (fictitious people) for `kiosk bench idcard`.

Every frame is a 1280×720 camera picture of one side of a card: a 2021 CCCD (QR on the front, MRZ on the
back) or a 2024 Căn cước (QR and MRZ on the back; its front carries neither code and serves as a negative
frame). People come from `random_person` with a seeded generator: varied Vietnamese names, addresses,
dates, both sexes, ID numbers that agree with birth year and sex.

Three camera conditions, each a `Condition` constant (so a note can quote the exact numbers):

- size: the card's width as a fraction of the widest card that lies wholly inside the frame at that
  frame's rotation and perspective (1.0 = the card fills the frame as far as it can);
- rotation: uniform in ±`rotation_deg`; perspective: corner jitter as a fraction of the card width
  (`place_in_scene`); blur: Gaussian sigma in pixels; noise: Gaussian sensor noise, sigma in grey levels;
- uneven light: the frame is multiplied by 1 + `light` × a smooth random field in [-1, 1] (on top of the
  ±8 % light ramp `place_in_scene` always adds); glare: with probability `glare_probability`, 1–N soft
  white spots on the card (peak added grey levels, radius as a fraction of the card width);
- compression: PNG (lossless) or JPEG at a quality drawn from `jpeg_quality`.

Frame kinds repeat in a cycle of ten (`KIND_CYCLE`): six with a QR (three 2021 fronts, three 2024 backs,
the latter with an MRZ too), three MRZ-only 2021 backs, one code-less 2024 front. Frame i of a condition
depends only on (seed, condition, i), so a small corpus is a prefix of a larger one with the same seed.

    generate(out_dir, count_per_condition=50, seed=1) -> Corpus   # writes frames + manifest.json
    iter_corpus(out_dir) -> (CorpusFrame, BGR image) pairs
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np

from kiosk.bench.synthetic_cards import (
    CARD_SIZE,
    FictitiousPerson,
    Generation,
    mrz_lines,
    place_in_scene,
    qr_payload,
    random_person,
    render_card_back,
    render_card_front,
)

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
FRAME_SIZE = (1280, 720)
CARD_ASPECT = CARD_SIZE[0] / CARD_SIZE[1]
# place_in_scene moves the card centre by up to 2 % of the frame: keep that much room on each side.
_CENTRE_JITTER = 0.02

Side = Literal["front", "back"]
Code = Literal["qr", "mrz"]


@dataclass(frozen=True)
class Condition:
    """One camera condition. Ranges are (low, high), drawn uniformly per frame."""

    name: str
    size: tuple[float, float]  # card width ÷ widest card that fits the frame at this rotation/perspective
    rotation_deg: float  # rotation uniform in ±rotation_deg
    perspective: float  # corner jitter, fraction of the card width
    blur_sigma: tuple[float, float]  # Gaussian blur sigma, pixels
    noise_sigma: tuple[float, float]  # sensor noise sigma, grey levels
    jpeg_quality: tuple[int, int] | None  # None: lossless PNG
    light: float  # uneven light: gain 1 ± light over a smooth random field
    glare_probability: float  # chance that a frame has glare spots at all
    glare_spots: tuple[int, int]  # how many spots when it does
    glare_peak: tuple[float, float]  # grey levels added at a spot's centre
    glare_radius: tuple[float, float]  # spot radius (long axis), fraction of the card width

    def describe(self) -> str:
        """One line for notes and the bench header."""
        jpeg = "PNG" if self.jpeg_quality is None else f"JPEG q{self.jpeg_quality[0]}–{self.jpeg_quality[1]}"
        glare = ("no glare" if self.glare_probability == 0 else
                 f"glare {self.glare_probability:.0%} of frames, {_span(self.glare_spots)} "
                 f"spot(s) +{self.glare_peak[0]:g}–{self.glare_peak[1]:g} grey, "
                 f"r {self.glare_radius[0]:.0%}–{self.glare_radius[1]:.0%} of card")
        return (f"{self.name}: size {self.size[0]:.0%}–{self.size[1]:.0%}, rotation ±{self.rotation_deg:g}°, "
                f"perspective {self.perspective:g}, blur σ {self.blur_sigma[0]:g}–{self.blur_sigma[1]:g} px, "
                f"noise σ {self.noise_sigma[0]:g}–{self.noise_sigma[1]:g}, {jpeg}, "
                f"uneven light ±{self.light:.0%}, {glare}")


def _span(bounds: tuple[int, int]) -> str:
    return str(bounds[0]) if bounds[0] == bounds[1] else f"{bounds[0]}–{bounds[1]}"


EASY = Condition(
    name="easy", size=(0.85, 1.0), rotation_deg=3, perspective=0.01, blur_sigma=(0.3, 0.6),
    noise_sigma=(1.0, 2.0), jpeg_quality=None, light=0.05, glare_probability=0.0, glare_spots=(0, 0),
    glare_peak=(0, 0), glare_radius=(0, 0),
)
MEDIUM = Condition(
    name="medium", size=(0.7, 1.0), rotation_deg=10, perspective=0.03, blur_sigma=(0.6, 1.0),
    noise_sigma=(2.0, 4.0), jpeg_quality=(80, 90), light=0.15, glare_probability=0.3, glare_spots=(1, 1),
    glare_peak=(30, 60), glare_radius=(0.08, 0.15),
)
HARD = Condition(
    name="hard", size=(0.6, 1.0), rotation_deg=20, perspective=0.06, blur_sigma=(1.0, 1.6),
    noise_sigma=(4.0, 7.0), jpeg_quality=(60, 75), light=0.3, glare_probability=0.6, glare_spots=(1, 2),
    glare_peak=(60, 120), glare_radius=(0.08, 0.2),
)
CONDITIONS: tuple[Condition, ...] = (EASY, MEDIUM, HARD)
CONDITION_NAMES = tuple(c.name for c in CONDITIONS)


@dataclass(frozen=True)
class FrameKind:
    generation: Generation
    side: Side

    @property
    def codes(self) -> tuple[Code, ...]:
        """The machine-readable codes this side of this card generation carries."""
        if self.generation == "2021":
            return ("qr",) if self.side == "front" else ("mrz",)
        return ("qr", "mrz") if self.side == "back" else ()


_F21, _B21 = FrameKind("2021", "front"), FrameKind("2021", "back")
_F24, _B24 = FrameKind("2024", "front"), FrameKind("2024", "back")
# Six QR frames, three MRZ-only, one without a code, interleaved so a short prefix has every kind.
KIND_CYCLE: tuple[FrameKind, ...] = (_F21, _B24, _B21, _F21, _B24, _B21, _F24, _F21, _B24, _B21)


@dataclass(frozen=True)
class CorpusFrame:
    """One frame's file and its ground truth (all people are fictitious)."""

    file: str
    condition: str
    index: int
    generation: Generation
    side: Side
    codes: tuple[Code, ...]
    id_number: str
    full_name: str  # as on the card and in the QR (NFC, with diacritics)
    mrz_name: str  # the name as the MRZ spells it, in words: "NGUYEN VAN AN" (cut at 30 characters)
    date_of_birth: date
    sex: Literal["M", "F"]
    address: str
    old_id_number: str | None = None
    issue_date: date | None = None
    expiry_date: date | None = None
    qr_payload: str | None = None
    mrz: tuple[str, str, str] | None = None
    scene: dict[str, Any] = field(default_factory=dict)  # the parameters actually drawn for this frame

    @property
    def has_qr(self) -> bool:
        return "qr" in self.codes

    @property
    def group(self) -> Literal["qr", "mrz", "none"]:
        """Bench group: QR frames (maybe with an MRZ too), MRZ-only frames, frames with no code."""
        return "qr" if self.has_qr else "mrz" if "mrz" in self.codes else "none"

    def to_json_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("date_of_birth", "issue_date", "expiry_date"):
            data[key] = data[key].isoformat() if data[key] is not None else None
        data["codes"] = list(self.codes)
        data["mrz"] = list(self.mrz) if self.mrz is not None else None
        return data

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> CorpusFrame:
        values = dict(data)
        for key in ("date_of_birth", "issue_date", "expiry_date"):
            values[key] = date.fromisoformat(values[key]) if values.get(key) else None
        values["codes"] = tuple(values["codes"])
        values["mrz"] = tuple(values["mrz"]) if values.get("mrz") else None
        return cls(**values)


@dataclass(frozen=True)
class Corpus:
    directory: Path
    seed: int
    count_per_condition: int
    frame_size: tuple[int, int]
    conditions: tuple[Condition, ...]
    frames: tuple[CorpusFrame, ...]

    def path(self, frame: CorpusFrame) -> Path:
        return self.directory / frame.file


# --------------------------------------------------------------------------------------------- drawing


def mrz_name_words(line3: str) -> str:
    """`NGUYEN<<VAN<AN<<<…` → `NGUYEN VAN AN` (what an MRZ reading's full_name holds)."""
    return " ".join(re.findall(r"[A-Z]+", line3))


def _uniform(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    return float(rng.uniform(bounds[0], bounds[1])) if bounds[1] > bounds[0] else float(bounds[0])


def _max_card_width(angle_deg: float, perspective: float, frame_size: tuple[int, int]) -> float:
    """The widest card (pixels) whose rotated, jittered outline stays inside the frame."""
    fw, fh = frame_size
    c, s = abs(math.cos(math.radians(angle_deg))), abs(math.sin(math.radians(angle_deg)))
    room = 1 - 2 * _CENTRE_JITTER
    by_width = fw * room / (c + s / CARD_ASPECT + 2 * perspective)
    by_height = fh * room / (s + c / CARD_ASPECT + 2 * perspective)
    return min(by_width, by_height)


def _relight(frame: np.ndarray, corners: np.ndarray, condition: Condition,
             rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Uneven light and glare spots on a float frame; returns it and the number of spots."""
    fh, fw = frame.shape[:2]
    coarse = rng.normal(0, 1, (3, 5)).astype(np.float32)
    light = np.asarray(cv2.resize(coarse, (fw, fh), interpolation=cv2.INTER_CUBIC), dtype=np.float32)
    smooth = light / max(float(np.abs(light).max()), 1e-6)
    frame *= (1 + condition.light * smooth)[:, :, None]
    spots = 0
    if condition.glare_probability > 0 and rng.random() < condition.glare_probability:
        spots = int(rng.integers(condition.glare_spots[0], condition.glare_spots[1] + 1))
    card_width = float(np.linalg.norm(corners[1] - corners[0]))
    # A column and a row, broadcast: the same float32 values and operations as a full np.mgrid, without
    # two frame-sized grids.
    ys, xs = np.arange(fh, dtype=np.float32)[:, None], np.arange(fw, dtype=np.float32)[None, :]
    for _ in range(spots):
        u, v = rng.uniform(0.1, 0.9, 2)
        top = corners[0] + u * (corners[1] - corners[0])
        bottom = corners[3] + u * (corners[2] - corners[3])
        cx, cy = top + v * (bottom - top)
        radius = _uniform(rng, condition.glare_radius) * card_width
        ratio = rng.uniform(1.5, 3.0)  # reflections on a laminate are elongated
        theta = rng.uniform(0, math.pi)
        dx, dy = xs - cx, ys - cy
        along = dx * math.cos(theta) + dy * math.sin(theta)
        across = -dx * math.sin(theta) + dy * math.cos(theta)
        spot = np.exp(-((along / radius) ** 2 + (across * ratio / radius) ** 2))
        frame += (_uniform(rng, condition.glare_peak) * spot)[:, :, None]
    return frame, spots


def render_frame(person: FictitiousPerson, side: Side, condition: Condition, rng: np.random.Generator,
                 frame_size: tuple[int, int] = FRAME_SIZE) -> tuple[np.ndarray, dict[str, Any]]:
    """One BGR camera frame of `person`'s card, before compression; and the parameters drawn."""
    render_seed = int(rng.integers(0, 2**31))
    card = (render_card_front if side == "front" else render_card_back)(person, seed=render_seed)
    angle = _uniform(rng, (-condition.rotation_deg, condition.rotation_deg))
    size = _uniform(rng, condition.size)
    width = size * _max_card_width(angle, condition.perspective, frame_size)
    blur = _uniform(rng, condition.blur_sigma)
    noise = _uniform(rng, condition.noise_sigma)
    scene = place_in_scene(card, frame_size, fill=width / frame_size[0], angle_deg=angle,
                           perspective=condition.perspective, blur=blur, noise=0, jpeg_quality=None,
                           glare=False, seed=int(rng.integers(0, 2**31)))
    frame, spots = _relight(scene.frame.astype(np.float32), scene.corners, condition, rng)
    if noise > 0:
        frame += rng.normal(0, noise, frame.shape).astype(np.float32)
    out = np.clip(frame, 0, 255).astype(np.uint8)
    params = {
        "size": round(size, 3),
        "card_width_px": round(float(np.linalg.norm(scene.corners[1] - scene.corners[0])), 1),
        "angle_deg": round(angle, 2), "perspective": condition.perspective, "blur_sigma": round(blur, 2),
        "noise_sigma": round(noise, 2), "glare_spots": spots,
        "corners": [[round(float(v), 1) for v in p] for p in scene.corners],
    }
    return out, params


def _frame_truth(file: str, condition: Condition, index: int, kind: FrameKind, person: FictitiousPerson,
                 scene: dict[str, Any]) -> CorpusFrame:
    mrz = mrz_lines(person)
    return CorpusFrame(
        file=file, condition=condition.name, index=index, generation=kind.generation, side=kind.side,
        codes=kind.codes, id_number=person.id_number, full_name=person.full_name,
        mrz_name=mrz_name_words(mrz[2]), date_of_birth=person.date_of_birth,
        sex="M" if person.sex == "Nam" else "F", address=person.residence,
        old_id_number=person.old_id_number or None, issue_date=person.issue_date,
        expiry_date=person.expiry_date,
        qr_payload=qr_payload(person) if "qr" in kind.codes else None,
        mrz=mrz if "mrz" in kind.codes else None, scene=scene,
    )


def generate_frame(condition: Condition, index: int, seed: int,
                   frame_size: tuple[int, int] = FRAME_SIZE) -> tuple[CorpusFrame, np.ndarray, int | None]:
    """Frame `index` of `condition`: truth, BGR image, JPEG quality (None: save as PNG). Pure function."""
    rng = np.random.default_rng([seed, CONDITION_NAMES.index(condition.name), index])
    kind = KIND_CYCLE[index % len(KIND_CYCLE)]
    person = random_person(rng, generation=kind.generation)
    image, scene = render_frame(person, kind.side, condition, rng, frame_size)
    quality: int | None = None
    if condition.jpeg_quality is not None:
        quality = int(rng.integers(condition.jpeg_quality[0], condition.jpeg_quality[1] + 1))
    scene["jpeg_quality"] = quality
    ext = "png" if quality is None else "jpg"
    file = f"{condition.name}_{index:04d}_{kind.generation}_{kind.side}.{ext}"
    return _frame_truth(file, condition, index, kind, person, scene), image, quality


def _write_image(path: Path, image: np.ndarray, quality: int | None) -> None:
    if quality is None:
        ok, buf = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    else:
        ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise OSError(f"cannot encode {path.name}")
    path.write_bytes(buf.tobytes())


def generate(out_dir: str | Path, count_per_condition: int = 50, seed: int = 1,
             conditions: Sequence[Condition] = CONDITIONS) -> Corpus:
    """Write `count_per_condition` frames per condition and manifest.json into `out_dir`; same seed, same
    bytes. Existing files of the same names are overwritten."""
    if count_per_condition < 1:
        raise ValueError("count_per_condition must be at least 1")
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    frames: list[CorpusFrame] = []
    for condition in conditions:
        for index in range(count_per_condition):
            truth, image, quality = generate_frame(condition, index, seed)
            _write_image(directory / truth.file, image, quality)
            frames.append(truth)
    manifest = {
        "version": MANIFEST_VERSION,
        "note": "Synthetic frames of FICTITIOUS people (kiosk.bench.idcard_corpus).",
        "seed": seed,
        "count_per_condition": count_per_condition,
        "frame_size": list(FRAME_SIZE),
        "conditions": [asdict(c) for c in conditions],
        "frames": [f.to_json_dict() for f in frames],
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    return load_corpus(directory)


def _condition_from_json(data: dict[str, Any]) -> Condition:
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return Condition(**values)


def load_corpus(directory: str | Path) -> Corpus:
    """Read a corpus's manifest.json (raises FileNotFoundError / ValueError on a missing or foreign one)."""
    directory = Path(directory)
    data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        raise ValueError(f"{directory / MANIFEST} is not an ID-card corpus manifest "
                         f"(version {MANIFEST_VERSION})")
    return Corpus(
        directory=directory, seed=int(data["seed"]), count_per_condition=int(data["count_per_condition"]),
        frame_size=(int(data["frame_size"][0]), int(data["frame_size"][1])),
        conditions=tuple(_condition_from_json(c) for c in data["conditions"]),
        frames=tuple(CorpusFrame.from_json_dict(f) for f in data["frames"]),
    )


def iter_corpus(directory: str | Path | Corpus) -> Iterator[tuple[CorpusFrame, np.ndarray]]:
    """Each frame's truth and its BGR image, decoded from disk (as a camera would deliver it), in order."""
    corpus = directory if isinstance(directory, Corpus) else load_corpus(directory)
    for frame in corpus.frames:
        image = cv2.imdecode(np.fromfile(str(corpus.path(frame)), dtype=np.uint8), cv2.IMREAD_COLOR)
        if image is None:
            raise OSError(f"cannot decode {corpus.path(frame)}")
        yield frame, image


__all__ = [
    "CONDITIONS", "CONDITION_NAMES", "EASY", "FRAME_SIZE", "HARD", "KIND_CYCLE", "MANIFEST", "MEDIUM",
    "Condition", "Corpus", "CorpusFrame", "FrameKind", "generate", "generate_frame", "iter_corpus",
    "load_corpus", "mrz_name_words", "render_frame",
]
