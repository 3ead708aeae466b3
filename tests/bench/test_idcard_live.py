"""The time-to-read bench: sequences are deterministic and move, the virtual clock counts frames and CPU,
the live session reads a card held in view, and the table says what it measured (real specimens skipped
without the snapshot, see conftest)."""

from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pytest

from kiosk.bench import idcard_live
from kiosk.bench.idcard_corpus import EASY
from kiosk.bench.idcard_live import (
    FPS,
    LiveResult,
    Play,
    SequenceTruth,
    format_live,
    judge_reading,
    play,
    run_live,
    synthetic_sequences,
)
from kiosk.capture.card_scan import CardScanSession
from kiosk.domain.idcard import IdentityReading, Sex


@pytest.fixture(scope="module")
def easy_qr() -> idcard_live.LiveSequence:
    return synthetic_sequences(1, seed=5, conditions=[EASY], mrz_count=0)[0]


def test_a_sequence_is_deterministic_and_the_card_moves(easy_qr: idcard_live.LiveSequence) -> None:
    again = synthetic_sequences(1, seed=5, conditions=[EASY], mrz_count=0)[0]
    assert again.truth == easy_qr.truth
    assert np.array_equal(again.frame(12), easy_qr.frame(12))
    assert easy_qr.frame(12).shape == (720, 1280, 3)
    # Brought into view: the card starts far from where it is held, then stays within a few pixels.
    first, held, later = (np.array(easy_qr.motion.pose(t)[:2]) for t in (0.0, 1.0, 1.2))
    assert np.linalg.norm(first - held) > 200
    assert np.linalg.norm(held - later) < 30
    other = synthetic_sequences(1, seed=6, conditions=[EASY], mrz_count=0)[0]
    assert other.truth.id_number != easy_qr.truth.id_number


def test_the_kiosk_session_reads_a_card_held_in_view_and_the_clock_counts(
        easy_qr: idcard_live.LiveSequence) -> None:
    ours = play(easy_qr, "ours")
    assert ours.outcome == "read" and ours.seconds is not None
    # Not before the card is in view (0.6 s), and never before the frame it accepted was captured.
    assert 0.5 <= ours.seconds < idcard_live.DURATION_S
    assert ours.frames_read >= 2 and ours.cpu_ms > 0  # two frames must agree
    baseline = play(easy_qr, "zxing", CardScanSession(idcard_live.IdCardReader(
        decoders=("zxing",), rescues=False, mrz=False)))
    assert baseline.outcome == "read"


def test_a_still_card_is_read_within_the_agreement_frames() -> None:
    still = synthetic_sequences(1, seed=5, conditions=[EASY], mrz_count=0)[0]
    held = still.frame(15)
    still._frames = {j: held for j in range(still.length)}  # the card already in view, motionless
    result = play(still, "ours")
    assert result.outcome == "read" and result.seconds is not None
    assert result.seconds < 3 / FPS + result.cpu_ms / 1000 + 1e-6


def _reading(**fields: object) -> IdentityReading:
    values: dict[str, object] = {"source": "qr", "id_number": "001099012345", "full_name": "Lê Thị Hoa",
                                 "date_of_birth": date(1999, 5, 1), "sex": Sex.FEMALE}
    values.update(fields)
    return IdentityReading(**values)  # type: ignore[arg-type]


def test_judging_needs_every_field_and_the_mrz_spelling_for_an_mrz_reading() -> None:
    truth = SequenceTruth("x", "qr", "easy", "steady", id_number="001099012345", full_name="Lê Thị Hoa",
                          mrz_name="LE THI HOA", date_of_birth=date(1999, 5, 1))
    assert judge_reading(truth, _reading())
    assert not judge_reading(truth, None)
    assert not judge_reading(truth, _reading(id_number="001099012346"))
    assert not judge_reading(truth, _reading(date_of_birth=date(1999, 5, 2)))
    assert judge_reading(truth, _reading(source="mrz", full_name="LE THI HOA"))
    assert not judge_reading(truth, _reading(source="mrz"))
    real = SequenceTruth("p.jpg", "real", "easy", "steady", expect_format="TD3")
    assert not judge_reading(real, _reading())  # a Vietnamese card where a passport was shown


def _plays() -> tuple[Play, ...]:
    def p(method: str, outcome: str, seconds: float | None, n: int) -> Play:
        return Play(f"s{n}", "qr", "easy", "steady", method, outcome, seconds, 10, 50.0)  # type: ignore[arg-type]

    return (p("zxing", "read", 1.0, 1), p("zxing", "read", 2.0, 2), p("zxing", "unread", None, 3),
            p("ours", "read", 0.7, 1), p("ours", "read", 0.8, 2), p("ours", "misread", 0.9, 3))


def test_never_read_sequences_count_as_never_in_the_percentiles() -> None:
    result = LiveResult(seed=3, fps=FPS, duration_s=4.0, plays=_plays())
    zxing, ours = result.rows()
    assert (zxing.method, zxing.read, zxing.misread) == ("zxing", 2, 0)
    assert (zxing.median_s, zxing.p90_s) == (2.0, None)
    assert (ours.read, ours.misread, ours.median_s, ours.p90_s) == (2, 1, 0.8, None)
    assert ours.cpu_ms_per_frame == pytest.approx(5.0)
    table = format_live(result)
    assert "never" in table and "2/3" in table and "seed 3" in table
    assert "skipped" in table  # no real specimen in it
    data = json.loads(json.dumps(result.to_json_dict()))
    assert data["rows"][0]["read"] == 2 and len(data["plays"]) == 6


def test_run_live_without_the_snapshot_skips_the_real_specimens(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting_play(sequence: idcard_live.LiveSequence, method: str, session: object = None) -> Play:
        calls.append(method)  # which sequences and methods run; reading them is tested above
        t = sequence.truth
        return Play(t.name, t.source, t.condition, t.pattern, method, "unread", None, 1, 1.0)  # type: ignore[arg-type]

    monkeypatch.setattr(idcard_live, "play", counting_play)
    result = run_live(1, seed=4, conditions=[EASY])
    assert result.skipped and all(p.source != "real" for p in result.plays)
    assert sorted(calls) == ["ours", "ours", "zxing", "zxing"]  # one QR + one MRZ sequence, both methods
    assert math.isclose(result.fps, FPS)


def test_rows_group_the_sources_whatever_order_they_were_played_in() -> None:
    def p(source: str, condition: str) -> Play:
        return Play("s", source, condition, "steady", "ours", "read", 1.0, 3, 9.0)  # type: ignore[arg-type]

    result = LiveResult(seed=1, fps=FPS, duration_s=4.0,
                        plays=(p("qr", "easy"), p("mrz", "easy"), p("qr", "hard"), p("real", "easy")))
    assert [(r.source, r.condition) for r in result.rows()] == [
        ("qr", "easy"), ("qr", "hard"), ("mrz", "easy"), ("real", "easy")]
