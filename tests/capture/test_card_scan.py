"""CardScanSession: accept only agreeing frames, guide the citizen, forget everything on reset."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.bench.synthetic_cards import SAMPLE_PEOPLE, place_in_scene, render_card_back
from kiosk.capture.card_scan import HINTS, CardScanSession
from kiosk.capture.frames import open_frame_source
from kiosk.capture.idcard_reader import CardReadResult, IdCardReader
from kiosk.capture.resources import sample_cards_dir
from kiosk.ui.texts import say


def _frame(name: str) -> np.ndarray:
    frame = cv2.imread(str(sample_cards_dir() / name))
    assert frame is not None
    return frame


@pytest.fixture(scope="module")
def frames() -> dict[str, np.ndarray]:
    return {
        "an": _frame("01_nguyen_van_an_front.png"),
        "an_back": _frame("02_nguyen_van_an_back.png"),
        "ngoc": _frame("03_tran_thi_bich_ngoc_front.png"),
        "hong": _frame("05_dang_thi_hong_back.png"),
        "url": _frame("90_not_an_id_card.png"),
        "empty": _frame("91_empty_desk.png"),
    }


@pytest.fixture(scope="module")
def reader() -> IdCardReader:
    return IdCardReader()


def test_accepts_only_after_two_agreeing_frames(frames: dict[str, np.ndarray], reader: IdCardReader) -> None:
    session = CardScanSession(reader)
    first = session.feed(frames["an"])
    assert (first.state, first.hint_code, first.reading) == ("hold_still", "hold_still", None)
    assert first.quad is not None and not session.accepted
    second = session.feed(frames["an"])
    assert second.state == "accepted" and second.hint_code == "accepted"
    assert second.reading is not None and second.reading.full_name == "Nguyễn Văn An"
    assert session.reading == second.reading
    assert second.notice.code == "card.hint.accepted"
    assert say(second.notice, "en") == "Your ID card has been read."


def test_two_different_cards_do_not_agree(frames: dict[str, np.ndarray], reader: IdCardReader) -> None:
    session = CardScanSession(reader)
    assert session.feed(frames["an"]).state == "hold_still"
    assert session.feed(frames["ngoc"]).state == "hold_still"
    accepted = session.feed(frames["ngoc"])
    assert accepted.state == "accepted"
    assert accepted.reading is not None and accepted.reading.id_number == "079305001234"


def test_two_reads_within_the_window_agree(frames: dict[str, np.ndarray], reader: IdCardReader) -> None:
    session = CardScanSession(reader, window=3)
    session.feed(frames["hong"])
    missed = session.feed(frames["empty"])  # a blurred frame between two good ones
    assert (missed.state, missed.hint_code) == ("hold_still", "hold_still")  # no flicker back to "show card"
    assert session.feed(frames["hong"]).state == "accepted"

    strict = CardScanSession(reader, window=2)
    strict.feed(frames["hong"])
    strict.feed(frames["empty"])
    assert strict.feed(frames["hong"]).state == "hold_still"


def test_accepted_is_sticky_until_reset(frames: dict[str, np.ndarray], reader: IdCardReader) -> None:
    session = CardScanSession(reader)
    session.feed(frames["an"])
    session.feed(frames["an"])
    later = session.feed(frames["ngoc"])
    assert later.state == "accepted"
    assert later.reading is not None and later.reading.full_name == "Nguyễn Văn An"


def test_reset_forgets_the_citizen(frames: dict[str, np.ndarray], reader: IdCardReader) -> None:
    session = CardScanSession(reader)
    session.feed(frames["an"])
    session.feed(frames["an"])
    assert session.accepted
    session.reset()
    assert not session.accepted and session.reading is None
    after = session.feed(frames["empty"])
    assert (after.state, after.hint_code, after.reading) == ("searching", "show_card", None)
    # The earlier frames are gone too: one new frame of the same card is not enough.
    session.feed(frames["an"])
    session.reset()
    assert session.feed(frames["an"]).state == "hold_still"


@pytest.mark.parametrize(("name", "hint"), [("empty", "show_card"), ("url", "not_an_id_card"),
                                            ("an_back", "show_other_side")])
def test_hints_for_the_citizen(frames: dict[str, np.ndarray], reader: IdCardReader, name: str,
                               hint: str) -> None:
    feedback = CardScanSession(reader).feed(frames[name])
    assert feedback.state == "searching" and feedback.hint_code == hint
    assert hint in HINTS and feedback.notice.code == f"card.hint.{hint}"
    assert feedback.reading is None


def test_a_far_away_card_means_move_closer(reader: IdCardReader) -> None:
    far = place_in_scene(render_card_back(SAMPLE_PEOPLE[0]), fill=0.25, seed=3).frame
    feedback = CardScanSession(reader).feed(far)
    assert feedback.hint_code == "move_closer" and feedback.quad is not None


def test_a_code_too_small_to_decode_means_move_closer_and_a_big_one_hold_still() -> None:
    def unreadable(width: float) -> CardReadResult:
        end = 100.0 + width
        quad = [(100.0, 100.0), (end, 100.0), (end, end), (100.0, end)]
        return CardReadResult(None, "code_unreadable", decoder=None, elapsed_ms=1.0, quad=quad,
                              frame_size=(1280, 720))

    assert CardScanSession().feed_result(unreadable(40)).hint_code == "move_closer"
    big = CardScanSession().feed_result(unreadable(220))
    assert (big.state, big.hint_code) == ("hold_still", "hold_still")


def test_a_broken_camera_frame_is_reported(reader: IdCardReader) -> None:
    feedback = CardScanSession(reader).feed(np.zeros((4, 4), np.float64))
    assert feedback.hint_code == "camera_problem" and feedback.state == "searching"


def test_session_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        CardScanSession(agree=3, window=2)


def test_scanning_the_sample_source_end_to_end(reader: IdCardReader) -> None:
    session = CardScanSession(reader)
    states = []
    with open_frame_source("samples", repeat_each=2, fps=None) as source:
        for _ in range(4):
            frame = source.read()
            assert frame is not None
            feedback = session.feed(frame)
            states.append(feedback.state)
            if session.accepted:
                break
    assert states == ["hold_still", "accepted"]
    assert session.reading is not None and session.reading.id_number == "001089012345"


# --- both sides: MRZ first, then the QR -------------------------------------------------------------

def _frame(name: str) -> np.ndarray:
    import cv2

    from kiosk.capture.resources import sample_cards_dir

    image = cv2.imread(str(sample_cards_dir() / name))
    assert image is not None
    return image


def test_mrz_side_then_qr_side_merges_both_and_cross_checks() -> None:
    from kiosk.capture.card_scan import CardScanSession

    session = CardScanSession(qr_wait_frames=10)
    back, front = _frame("02_nguyen_van_an_back.png"), _frame("01_nguyen_van_an_front.png")
    hints = [session.feed(back).hint_code for _ in range(4)]
    assert "turn_to_qr" in hints and not session.accepted
    for _ in range(3):
        fb = session.feed(front)
    assert fb.state == "accepted" and fb.reading is not None
    assert fb.reading.full_name == "Nguyễn Văn An"  # diacritics from the QR
    assert fb.reading.expiry_date is not None and fb.reading.expiry_date.isoformat() == "2029-07-15"
    assert not [w for w in fb.reading.warnings if w.code.startswith("crosscheck")]


def test_mrz_only_is_accepted_after_waiting_with_a_name_warning() -> None:
    from kiosk.capture.card_scan import CardScanSession

    session = CardScanSession(qr_wait_frames=3)
    back = _frame("02_nguyen_van_an_back.png")
    feedbacks = [session.feed(back) for _ in range(10)]
    assert feedbacks[-1].state == "accepted"
    reading = feedbacks[-1].reading
    assert reading is not None and reading.source == "mrz" and reading.full_name == "NGUYEN VAN AN"
    assert "name_without_diacritics" in {w.code for w in reading.warnings}
    session.reset()
    assert session.reading is None and not session.accepted


def test_ocr_is_skipped_on_a_moving_card() -> None:
    from kiosk.capture.card_scan import CardScanSession

    session = CardScanSession()
    back = _frame("02_nguyen_van_an_back.png")
    # Every frame shifted 12 px from the last: never steady, so the MRZ is never read.
    feedbacks = [session.feed(np.roll(back, 12 * i, axis=1)) for i in range(6)]
    assert all(fb.result is None or fb.result.decoder != "mrz" for fb in feedbacks)
    assert not session.accepted
