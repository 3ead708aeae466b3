"""The live card-scanning loop's brain: frames in, one feedback per frame out.

A single decode can be wrong (a half-read frame, a code from another card sliding out of view), so a
reading is accepted only when at least `agree` of the last `window` frames carry the same payload. Between
frames the session tells the citizen what to do: show the card, hold still, move closer, turn it over.

The session holds one citizen's data; `reset()` forgets all of it (and payloads are kept only as digests).
No Qt here: the UI runs `feed` on a worker thread and binds the feedback to the screen.
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Literal

import cv2
import numpy as np

from kiosk.capture.frame_quality import OcrGate
from kiosk.capture.idcard_reader import CardReadResult, IdCardReader, Quad
from kiosk.capture.mrz_reader import (
    FOREIGN_CARD_NAME_UNSURE,
    GLARE,
    OUT_OF_FRAME,
    PASSPORT_NAME_UNSURE,
    TOO_BLURRED,
)
from kiosk.domain.crosscheck import cross_check
from kiosk.domain.idcard import IdentityReading, ReadingWarning
from kiosk.domain.notice import Notice

NAME_FROM_MRZ = ReadingWarning("name_without_diacritics")
_MRZ_HINTS = {OUT_OF_FRAME: "fit_in_frame", TOO_BLURRED: "hold_still", GLARE: "glare"}
_FOREIGN_UNSURE = {PASSPORT_NAME_UNSURE: "foreign_passport", FOREIGN_CARD_NAME_UNSURE: "foreign_document"}


def merge_sides(qr: IdentityReading, mrz: IdentityReading) -> IdentityReading:
    """Both sides of one card: the QR's text (with diacritics) plus what only the MRZ has (expiry), and a
    warning for every field on which the two sides disagree."""
    return replace(qr, expiry_date=qr.expiry_date or mrz.expiry_date,
                   warnings=qr.warnings + tuple(cross_check(qr, mrz)))

ScanState = Literal["searching", "hold_still", "accepted"]

# Warnings that say the MRZ reader changed what it saw (check-digit repair, look-alike flips) or is unsure of
# the name: such a foreign reading waits for a second frame that agrees.
_NEEDS_SECOND_FRAME = frozenset({"mrz_repaired", "mrz_name_uncertain", "unknown_state_code"})


def read_in_one_frame(reading: IdentityReading) -> bool:
    """True for a passport (TD3) that one frame may decide.

    Safe by the check digits: the characters as read pass every check digit (number, birth, expiry,
    optional data and the composite over all of them) with nothing repaired, and a single wrong digit
    always fails its field's check digit (weights 7, 3, 1 are prime to 10); the code letter is P, both
    countries are ICAO codes, and no name cell was a close call (the reader refuses those). Measured on
    552 perturbed copies (blur, noise, JPEG, turn) of the real specimens: 68 such passport/ID readings, one
    wrong — a TD1 card's optional data, which only the composite check digit covers (letters 10 apart,
    I/S, pass it). So a TD1 card, and anything the reader had to repair, waits for a second agreeing frame.
    The Vietnamese card is never decided by one frame (its QR may belong to a card sliding out of view).
    """
    return (reading.document is not None and reading.document.format == "TD3"
            and reading.document.kind == "passport" and reading.document.known_states
            and not any(w.code in _NEEDS_SECOND_FRAME for w in reading.warnings))

#: What the citizen is told between frames; the words are the notice ``card.hint.<code>`` (`hint_notice`,
#: kiosk.ui.notice_texts). A foreigner files with a passport or another country's ID card
#: (ApplicantKind.FOREIGNER): the scan says what it sees and reads it, instead of "hold still".
HINTS: tuple[str, ...] = ("show_card", "hold_still", "move_closer", "show_other_side", "not_an_id_card",
                          "camera_problem", "fit_in_frame", "glare", "turn_to_qr", "accepted",
                          "foreign_passport", "foreign_document", "accepted_foreign")
NOTICE_CODES = frozenset(f"card.hint.{hint}" for hint in HINTS)


def hint_notice(hint: str) -> Notice:
    """The words for a hint code; an unknown one says "show the card"."""
    return Notice(f"card.hint.{hint if hint in HINTS else 'show_card'}")


@dataclass(frozen=True)
class ScanFeedback:
    state: ScanState
    hint_code: str  # one of HINTS
    reading: IdentityReading | None = field(default=None, repr=False)  # set once accepted
    quad: Quad | None = None  # the QR code (or card) outline in the frame, for a UI overlay
    result: CardReadResult | None = field(default=None, repr=False)  # this frame's read, for diagnostics

    @property
    def notice(self) -> Notice:
        return hint_notice(self.hint_code)


def _width(quad: Quad) -> float:
    (x0, y0), (x1, y1) = quad[0], quad[1]
    return float(np.hypot(x1 - x0, y1 - y0))


class CardScanSession:
    """Feed frames; get feedback; stop when `state == "accepted"`. Then `reset()` for the next citizen.

    Once accepted the session stays accepted (and stops decoding) until reset, so a late frame of another
    card can never replace a reading the citizen is already looking at.
    """

    def __init__(self, reader: IdCardReader | None = None, *, agree: int = 2, window: int = 3,
                 min_card_width: float = 0.35, min_code_width: float = 0.08,
                 gate: OcrGate | None = None, qr_wait_frames: int = 30) -> None:
        if not 1 <= agree <= window:
            raise ValueError("need 1 <= agree <= window")
        self.reader = reader or IdCardReader()
        self.agree = agree
        self.window = window
        # Below these fractions of the frame width a card / an unreadable code is too far away to read.
        self.min_card_width = min_card_width
        self.min_code_width = min_code_width
        self._recent: deque[bytes | None] = deque(maxlen=window)
        self._accepted: ScanFeedback | None = None
        # OCR is slow and unreliable on a moving or blurred card: run it only when the frame allows.
        self.gate = gate or OcrGate()
        # After the MRZ side agreed twice, wait this many frames for the QR side before settling for it.
        self.qr_wait_frames = qr_wait_frames
        self._mrz: IdentityReading | None = None
        self._waited = 0
        self._foreign: str | None = None  # "foreign_passport" / "foreign_document" once one was read

    @property
    def accepted(self) -> bool:
        return self._accepted is not None

    @property
    def reading(self) -> IdentityReading | None:
        return self._accepted.reading if self._accepted else None

    def reset(self) -> None:
        """Forget everything about the current citizen."""
        self._recent.clear()
        self._accepted = None
        self._mrz = None
        self._waited = 0
        self._foreign = None
        self.gate.reset()

    def feed(self, frame: np.ndarray) -> ScanFeedback:
        if self._accepted is not None:
            return self._accepted
        try:
            ready = self.gate.check(frame).ready
        except (cv2.error, ValueError, TypeError, AttributeError):
            ready = False  # a broken frame: the reader reports it as a camera problem below
        return self.feed_result(self.reader.read_frame(frame, mrz=ready and self._mrz is None))

    def feed_result(self, result: CardReadResult) -> ScanFeedback:
        """The same as `feed`, for a frame already read (by a worker thread, or a test)."""
        if self._accepted is not None:
            return self._accepted
        if self._mrz is not None:
            return self._waiting_for_qr(result)
        foreign = result.reading is not None and result.reading.document is not None
        if foreign:
            assert result.reading is not None and result.reading.document is not None
            self._foreign = ("foreign_passport" if result.reading.document.kind == "passport"
                             else "foreign_document")
            if result.reading.document.kind not in ("passport", "id_card"):
                # A visa (or another travel document) says who may enter, not who the holder is: its
                # number is not a passport number. Say what it is; the citizen shows the passport instead.
                return self._feedback("searching", "foreign_document", result)
            if read_in_one_frame(result.reading):
                return self._accept(result, result.reading, hint="accepted_foreign")
        digest = hashlib.sha256(result.payload.encode()).digest() if result.ok and result.payload else None
        self._recent.append(digest)
        if digest is not None:
            if foreign:  # repaired: a second frame must agree; meanwhile say what it is, not "hold still"
                assert self._foreign is not None
                if sum(d == digest for d in self._recent) >= self.agree:
                    return self._accept(result, result.reading, hint="accepted_foreign")
                return self._feedback("hold_still", self._foreign, result)
            if sum(d == digest for d in self._recent) >= self.agree:
                self._recent.clear()  # the digests are not needed any more
                if result.decoder == "mrz" and result.reading is not None and self.qr_wait_frames > 0:
                    self._mrz, self._waited = result.reading, 0
                    return self._feedback("hold_still", "turn_to_qr", result)
                return self._accept(result, result.reading)
            return self._feedback("hold_still", "hold_still", result)
        return self._hint_for_failure(result)

    def _waiting_for_qr(self, result: CardReadResult) -> ScanFeedback:
        assert self._mrz is not None
        self._waited += 1
        qr = result.reading if result.ok and result.decoder != "mrz" else None
        digest = hashlib.sha256(result.payload.encode()).digest() if qr and result.payload else None
        self._recent.append(digest)
        if digest is not None and sum(d == digest for d in self._recent) >= self.agree:
            assert qr is not None
            return self._accept(result, merge_sides(qr, self._mrz))
        if self._waited >= self.qr_wait_frames:
            mrz = self._mrz
            return self._accept(result, replace(mrz, warnings=(*mrz.warnings, NAME_FROM_MRZ)))
        return self._feedback("hold_still", "turn_to_qr", result)

    def _accept(self, result: CardReadResult, reading: IdentityReading | None, *,
                hint: str = "accepted") -> ScanFeedback:
        self._recent.clear()
        self._mrz = None
        self._accepted = self._feedback("accepted", hint, result, reading=reading)
        return self._accepted

    def _hint_for_failure(self, result: CardReadResult) -> ScanFeedback:
        frame_width = result.frame_size[0] if result.frame_size else None
        if result.error_code == "not_an_id_card":
            return self._feedback("searching", "not_an_id_card", result)
        if result.error_code == "unreadable_image":
            return self._feedback("searching", "camera_problem", result)
        if result.error_code == "mrz_unreadable" and result.detail in _FOREIGN_UNSURE:
            # Every check digit passed; only a name character was a close call: say what it is.
            self._foreign = _FOREIGN_UNSURE[result.detail or ""]
            return self._feedback("hold_still", self._foreign, result)
        if self._foreign is not None and result.error_code in ("mrz_unreadable", "no_code_found",
                                                               "code_unreadable"):
            # A passport was read a moment ago and this frame was not (moving, or OCR skipped on it): say
            # what it is, not "hold still" — unless the MRZ runs out of the frame or has glare, which the
            # citizen can fix.
            hint = _MRZ_HINTS.get(result.detail or "", self._foreign)
            return self._feedback("hold_still", self._foreign if hint == "hold_still" else hint, result)
        if result.error_code == "mrz_unreadable":
            return self._feedback("hold_still", _MRZ_HINTS.get(result.detail or "", "hold_still"), result)
        if result.error_code == "code_unreadable" and result.quad:
            if frame_width and _width(result.quad) < self.min_code_width * frame_width:
                return self._feedback("searching", "move_closer", result)
            return self._feedback("hold_still", "hold_still", result)
        if any(d is not None for d in self._recent):  # a card was read a frame ago: do not flicker
            return self._feedback("hold_still", "hold_still", result)
        if result.card_quad:
            if frame_width and _width(result.card_quad) < self.min_card_width * frame_width:
                return self._feedback("searching", "move_closer", result, quad=result.card_quad)
            return self._feedback("searching", "show_other_side", result, quad=result.card_quad)
        return self._feedback("searching", "show_card", result)

    def _feedback(self, state: ScanState, hint: str, result: CardReadResult, *,
                  reading: IdentityReading | None = None, quad: Quad | None = None) -> ScanFeedback:
        return ScanFeedback(state, hint, reading=reading, quad=quad or result.quad, result=result)
