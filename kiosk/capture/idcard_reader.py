"""Read a chip ID card (CCCD / Căn cước) from a camera frame or an image file, by its QR code.

zxing-cpp is the decoder: it is fast (~1 ms on a 720p grey frame) and gets UTF-8 right; a text that still
looks garbled is dropped — a wrong name must never be accepted. When zxing-cpp's plain decode reads no card,
cheap rescues (`qr_rescue.QrRescuer`: the code and the card's QR corner, upscaled and sharpened; 15 ms of
CPU) run; `CardReadResult.rescue` says which one read the code. Then the MRZ (`mrz_reader`); the result also
says where a card is (`card_quad`) so the session can say "turn the card over".

pyzbar was a second opinion after all that until it was measured: on 300 synthetic frames (seeds 1 and 5,
50 per condition) it read none that zxing-cpp, the rescues and the MRZ had missed, and cost 17–21 ms more
median CPU per hard frame; alone it reads fewer (medium 23/30 vs zxing-cpp 29/30, hard 0/30 vs 6/30) and
turns short Vietnamese UTF-8 into Shift-JIS mojibake. It is gone, with libzbar0.

Privacy: results hold personal data; their repr leaves it out, and nothing here logs payloads.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np
import zxingcpp

from kiosk.capture.image_limits import ImageRefused, load_checked_image
from kiosk.capture.mrz_reader import MrzReader, MrzReadResult
from kiosk.capture.ocrb_glyphs import OcrbFontMissing
from kiosk.capture.qr_rescue import DEFAULT_BUDGET_MS, READER_ENHANCEMENTS, READER_REGIONS, QrRescuer
from kiosk.domain.idcard import IdentityReading, NotAnIdCard, parse_qr_payload
from kiosk.domain.notice import Notice

log = logging.getLogger(__name__)

Decoder = Literal["zxing", "mrz"]
Point = tuple[float, float]
Quad = list[Point]  # top-left, top-right, bottom-right, bottom-left, in frame pixels

#: Why a frame gave no card (`CardReadResult.error_code`); the citizen is told ``card.<code>`` (notice).
ERROR_CODES: tuple[str, ...] = ("no_code_found", "code_unreadable", "not_an_id_card", "mrz_unreadable",
                                "image_refused", "unreadable_image")
#: The notices a reading can carry: a failure (above) or what was read (a card, a passport, another document).
NOTICE_CODES = frozenset({*(f"card.{code}" for code in ERROR_CODES), "card.read", "card.read_passport",
                          "card.read_foreign"})


@dataclass(frozen=True)
class CardReadResult:
    reading: IdentityReading | None = field(repr=False)
    error_code: str | None  # None on success; else one of ERROR_CODES
    decoder: Decoder | None
    elapsed_ms: float
    quad: Quad | None  # where the QR code is (also for an unreadable or foreign code)
    payload: str | None = field(default=None, repr=False)  # the card's QR text, NFC; only on success
    detail: str | None = None  # technical reason for staff and logs; never personal data
    card_quad: Quad | None = None  # a card-shaped region when no code was read, for "turn it over" hints
    frame_size: tuple[int, int] | None = None  # (width, height) of the frame the quads refer to
    # Which QR rescue (kiosk.capture.qr_rescue) read the code, e.g. "card+sharpen"; None for a plain decode.
    # The decoder is then "zxing": every rescue decodes with zxing-cpp.
    rescue: str | None = None

    @property
    def ok(self) -> bool:
        return self.reading is not None

    @property
    def notice(self) -> Notice:
        """What to tell the citizen (kiosk.ui.texts.say puts it in words)."""
        if self.error_code is not None or self.reading is None:
            return Notice(f"card.{self.error_code or 'no_code_found'}")
        document = self.reading.document
        if document is None:
            return Notice("card.read")
        return Notice("card.read_passport" if document.kind == "passport" else "card.read_foreign")


# ------------------------------------------------------------------------------------ garbled text


def _is_cjk_or_control(ch: str) -> bool:
    code = ord(ch)
    return (0x80 <= code <= 0x9F or 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or code == 0xFFFD or 0x20000 <= code <= 0x2FFFF)


def looks_garbled(text: str) -> bool:
    """True for text that is probably UTF-8 decoded with the wrong codec.

    Vietnamese text (all the kiosk reads) has no CJK, kana, half-width forms or C1 controls; and Latin-1
    (or Windows-1252) text that is secretly valid UTF-8 (`Ã¢`, `á»…`) is mojibake, not Vietnamese.
    """
    if any(_is_cjk_or_control(ch) for ch in text):
        return True
    for single_byte in ("latin-1", "cp1252"):
        try:
            raw = text.encode(single_byte)
        except UnicodeEncodeError:
            continue
        if raw.isascii():
            return False
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


# --------------------------------------------------------------------------------------- geometry


def _order_quad(points: Iterable[Sequence[float]]) -> Quad:
    """Any 4+ points to a TL, TR, BR, BL quadrilateral."""
    pts = np.array([[float(p[0]), float(p[1])] for p in points], dtype=np.float32)
    if len(pts) != 4:
        pts = cv2.boxPoints(cv2.minAreaRect(pts)).astype(np.float32)
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    ordered = [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]]
    return [(float(p[0]), float(p[1])) for p in ordered]


def _zxing_quad(barcode: Any) -> Quad:
    pos = barcode.position
    corners = (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
    return [(float(p.x), float(p.y)) for p in corners]


def locate_card(grey: np.ndarray) -> Quad | None:
    """A large card-shaped quadrilateral (aspect ~1.59) in the frame, or None. Cheap: ~2 ms at 720p.

    Only a hint for citizen feedback ("turn the card over", "move closer"); nothing is read from it.
    """
    scale = 480 / max(grey.shape[:2])
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    scale = min(scale, 1.0)
    edges = cv2.Canny(cv2.GaussianBlur(small, (5, 5), 0), 30, 90)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    frame_area = small.shape[0] * small.shape[1]
    best: tuple[float, np.ndarray] | None = None
    for contour in contours:
        area = cv2.contourArea(contour)
        if area < 0.03 * frame_area:
            continue
        (_, _), (w, h), _ = rect = cv2.minAreaRect(contour)
        if min(w, h) == 0:
            continue
        aspect = max(w, h) / min(w, h)
        solidity = area / (w * h)
        if 1.35 <= aspect <= 1.85 and solidity > 0.85 and (best is None or area > best[0]):
            hull = cv2.convexHull(contour)
            corners = cv2.approxPolyDP(hull, 0.03 * cv2.arcLength(hull, True), True)
            # The true corners under perspective when the outline is clean; else the bounding rectangle.
            best = (area, corners.reshape(4, 2) if len(corners) == 4 else cv2.boxPoints(rect))
    if best is None:
        return None
    return _order_quad(best[1] / scale)


# ----------------------------------------------------------------------------------------- reader


_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def _zxing_text(barcode: Any) -> str:
    """The code's text, trusting its bytes as UTF-8 (what the card uses) over zxing's charset guess."""
    try:
        return bytes(barcode.bytes).decode("utf-8")
    except UnicodeDecodeError:
        return str(barcode.text)


def _to_grey(frame: Any) -> np.ndarray | None:
    if not isinstance(frame, np.ndarray) or frame.dtype != np.uint8 or frame.size == 0:
        return None
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[:, :, 0]
    if frame.ndim == 2:
        return np.ascontiguousarray(frame)
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return None


class IdCardReader:
    """Frame (or file) in, `CardReadResult` out. Stateless and cheap to share between sessions."""

    def __init__(self, *, decoders: Sequence[Decoder] = ("zxing",),
                 locate_cards: bool = True, rescues: bool = True,
                 rescue_budget_ms: float = DEFAULT_BUDGET_MS, mrz: bool = True) -> None:
        """rescues: when zxing-cpp's plain decode reads no ID card, try `QrRescuer` (the code zxing saw and
        the card's QR corner, upscaled and sharpened: the attempts with measured value, see
        qr_rescue.READER_REGIONS) within `rescue_budget_ms` of CPU time. `decoders` is ("zxing",), the only
        QR decoder left (see the module docstring for why pyzbar went)."""
        if tuple(decoders) != ("zxing",):
            raise ValueError(f"decoders must be ('zxing',); got {list(decoders)}")
        self.decoders = tuple(decoders)
        self.locate_cards = locate_cards
        self.rescuer = QrRescuer(rescue_budget_ms, regions=READER_REGIONS,
                                 enhancements=READER_ENHANCEMENTS) if rescues else None
        self.mrz_reader: MrzReader | None = None
        if mrz:
            try:
                self.mrz_reader = MrzReader()
            except OcrbFontMissing as exc:  # the QR path still works; the operator sees why MRZ does not
                log.warning("MRZ reading disabled: %s", exc)

    def read_image_file(self, path: str | Path) -> CardReadResult:
        """The file's name, size and header are checked before decoding (image_limits): a bad file gives a
        failure with the reason in `detail`, never an exception."""
        start = time.perf_counter()
        try:
            frame = load_checked_image(path)
        except ImageRefused as refused:
            unreadable = ("not_found", "unreadable", "not_an_image", "truncated")
            code = "unreadable_image" if refused.code in unreadable else "image_refused"
            return self._failure(code, start, detail=f"{refused.code}: {refused}")
        try:
            return self._read(frame, start)
        except (cv2.error, MemoryError, ValueError) as exc:  # a decodable image the pipeline cannot take
            return self._failure("unreadable_image", start, detail=f"processing failed: {type(exc).__name__}")

    def read_frame(self, frame: np.ndarray, *, mrz: bool = True) -> CardReadResult:
        """mrz=False skips the MRZ (the live loop runs OCR only on sharp, steady frames)."""
        return self._read(frame, time.perf_counter(), mrz=mrz)

    def _read(self, frame: np.ndarray, start: float, *, mrz: bool = True) -> CardReadResult:
        grey = _to_grey(frame)
        if grey is None:
            shape = getattr(frame, "shape", None)
            dtype = getattr(frame, "dtype", type(frame).__name__)
            return self._failure("unreadable_image", start, detail=f"unsupported frame {shape} {dtype}")
        size = (int(grey.shape[1]), int(grey.shape[0]))
        foreign: tuple[Decoder, Quad, str] | None = None  # a decoded QR that is not an ID card
        unreadable: Quad | None = None  # a QR found but not decoded
        garbled: Quad | None = None  # an ID-card QR whose text no repair could make right
        card: Quad | None = None
        located = False  # locate_card ran (for the rescues); reuse its answer for the hint
        mrz_failure: MrzReadResult | None = None  # an MRZ band was found but not read with certainty
        for decoder in self.decoders:
            missed: list[Quad] = []
            for text, quad in self._decode(decoder, grey):
                if text is None:
                    unreadable = unreadable or quad
                    missed.append(quad)
                    continue
                try:
                    reading = parse_qr_payload(text)
                except NotAnIdCard as exc:
                    foreign = foreign or (decoder, quad, exc.reason_en)
                    continue
                if looks_garbled(reading.full_name) or looks_garbled(reading.address or ""):
                    # A card, but the text was mis-decoded beyond repair: a wrong name is worse than a retry.
                    garbled = garbled or quad
                    continue
                return CardReadResult(reading, None, decoder=decoder, elapsed_ms=_ms(start),
                                      quad=quad, payload=unicodedata.normalize("NFC", text), frame_size=size)
            if foreign:  # the rescues will not turn a foreign code into a card
                break
            if decoder == "zxing" and self.rescuer is not None:
                card, located = locate_card(grey), True
                rescued = self.rescuer.rescue(grey, code_quads=missed, card_quad=card, accept=_is_card_text)
                if rescued.ok:
                    code = rescued.codes[0]
                    return CardReadResult(parse_qr_payload(code.text), None, decoder="zxing",
                                          elapsed_ms=_ms(start), quad=code.quad, frame_size=size,
                                          payload=unicodedata.normalize("NFC", code.text),
                                          rescue=rescued.rescue)
            if decoder == "zxing" and mrz and self.mrz_reader is not None and not unreadable:
                # An MRZ-only side (2021 card back) is the common reason for no QR.
                if not located and self.locate_cards:
                    card, located = locate_card(grey), True
                mrz_result = self.mrz_reader.read(grey, card_quad=card)
                if mrz_result.ok:
                    return _mrz_success(mrz_result, start, size)
                if mrz_result.error_code == "mrz_unreadable":
                    mrz_failure = mrz_result
        if foreign:
            decoder, quad, reason = foreign
            return self._failure("not_an_id_card", start, decoder=decoder, quad=quad, detail=reason,
                                 frame_size=size)
        if unreadable or garbled:
            detail = "the ID-card text was mis-decoded" if garbled else None
            return self._failure("code_unreadable", start, quad=unreadable or garbled, frame_size=size,
                                 detail=detail)
        if mrz_failure is not None:
            return self._failure("mrz_unreadable", start, quad=mrz_failure.quad, detail=mrz_failure.detail,
                                 frame_size=size)
        if self.locate_cards and not located:
            card = locate_card(grey)
        return self._failure("no_code_found", start, card_quad=card if self.locate_cards else None,
                             frame_size=size)

    def _decode(self, decoder: Decoder, grey: np.ndarray) -> list[tuple[str | None, Quad]]:
        """(text, quad) per QR code found; text None when a code was seen but not decoded."""
        return [(_zxing_text(barcode) if barcode.valid else None, _zxing_quad(barcode))
                for barcode in zxingcpp.read_barcodes(grey, formats=_QR_ONLY, return_errors=True)]

    @staticmethod
    def _failure(code: str, start: float, *, decoder: Decoder | None = None, quad: Quad | None = None,
                 detail: str | None = None, card_quad: Quad | None = None,
                 frame_size: tuple[int, int] | None = None) -> CardReadResult:
        return CardReadResult(None, code, decoder=decoder, elapsed_ms=_ms(start), quad=quad,
                              detail=detail, card_quad=card_quad, frame_size=frame_size)


def _mrz_success(result: MrzReadResult, start: float, size: tuple[int, int]) -> CardReadResult:
    reading = result.reading
    assert reading is not None
    if reading.document is not None:  # a passport or another country's card: its own number and countries
        doc = reading.document
        payload = "MRZ|" + "|".join((doc.format, doc.issuing_state, doc.document_number, doc.surname,
                                     doc.given_names, str(doc.date_of_birth), str(doc.expiry_date)))
        return CardReadResult(reading, None, decoder="mrz", elapsed_ms=_ms(start), quad=result.quad,
                              payload=payload, frame_size=size)
    # Two frames "agree" when their repaired readings agree, whatever the raw OCR said.
    fields = reading.to_json_dict()
    payload = "MRZ|" + "|".join(str(fields[k]) for k in ("id_number", "full_name", "date_of_birth", "sex",
                                                         "expiry_date"))
    return CardReadResult(reading, None, decoder="mrz", elapsed_ms=_ms(start), quad=result.quad,
                          payload=payload, frame_size=size)


def _is_card_text(text: str) -> bool:
    """What a QR rescue may stop at: an ID-card payload whose text is not mis-decoded."""
    try:
        reading = parse_qr_payload(text)
    except NotAnIdCard:
        return False
    return not (looks_garbled(reading.full_name) or looks_garbled(reading.address or ""))


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000
