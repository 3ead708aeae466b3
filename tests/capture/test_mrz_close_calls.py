"""Close calls in a foreign MRZ, settled without guessing: the look-alike pair test that confirms (never
replaces) a close name cell, country codes settled by the code list, a printed rule along the MRZ, and
rows that drift along a line of fillers. Each was found on a real specimen (see the README's real table)."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from kiosk.bench.synthetic_cards import font
from kiosk.capture.idcard_reader import IdCardReader
from kiosk.capture.mrz_reader import (
    _LineRead,
    _pair_wins,
    _row_drift,
    _settled_by_state_code,
    _unsure_name_cells,
    _without_rules,
)
from kiosk.capture.ocrb_glyphs import CAP_HEIGHT, MARGIN, MRZ_ALPHABET, blurred_templates

NAME = "P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<"
LINE2 = "XA00000148NLD7110195F0604121123456782<<<<<02"


def _read(best: str, second: str, margins: dict[int, float], pair_choice: str = "",
          rows: np.ndarray | None = None) -> _LineRead:
    best_scores = np.full(len(best), 0.9)
    second_scores = best_scores - np.array([margins.get(i, 0.5) for i in range(len(best))])
    return _LineRead(best, second, best_scores, second_scores, float(best_scores.sum()), 1.0,
                     np.full(len(best), 100.0), np.full(len(best), 100.0), pair_choice,
                     np.zeros(len(best)) if rows is None else rows)


def test_the_pair_test_confirms_a_plain_letter_and_not_a_washed_out_one() -> None:
    templates = blurred_templates(1.0)
    e, f = templates[MRZ_ALPHABET.index("E")], templates[MRZ_ALPHABET.index("F")]
    assert _pair_wins(e.copy(), e, f) and _pair_wins(f.copy(), f, e)
    assert not _pair_wins(e.copy(), f, e) and not _pair_wins(f.copy(), e, f)
    # An E whose bottom bar glare washed out is not plainly an E (nor plainly an F: its stem is as long).
    washed = e.copy()
    washed[MARGIN + CAP_HEIGHT - 5:, :] = 255.0
    assert not _pair_wins(washed, e, f)


def test_a_close_name_cell_counts_unless_the_pair_test_confirms_the_best_letter() -> None:
    second = NAME[:6] + "C" + NAME[7:]  # E/C at cell 6
    assert _unsure_name_cells(_read(NAME, second, {6: 0.02})) == 1  # no pair test (a coded line's read)
    assert _unsure_name_cells(_read(NAME, second, {6: 0.02}, pair_choice=NAME)) == 0
    unsure = NAME[:6] + "?" + NAME[7:]
    assert _unsure_name_cells(_read(NAME, second, {6: 0.02}, pair_choice=unsure)) == 1
    # The pair test never replaces the best letter: a runner-up it prefers still leaves the cell unsure.
    assert _unsure_name_cells(_read(NAME, second, {6: 0.02}, pair_choice=second)) == 1
    assert _unsure_name_cells(_read(NAME, second, {6: 0.02}, pair_choice=unsure), frozenset({6})) == 0


def test_a_country_code_close_call_is_settled_only_when_one_side_is_no_code() -> None:
    line2_second = LINE2[:10] + "M" + LINE2[11:]  # NLD read, MLD the runner-up: MLD is no state
    reads = [_read(NAME, NAME, {}), _read(LINE2, line2_second, {10: 0.009})]
    assert (1, 10) in _settled_by_state_code(reads)
    # AUS and AUT are both states: the code list cannot tell them apart, the cell stays a close call.
    aus = "PA09404097AUS8406077F1903212<17331334P<<<<08"
    reads = [_read(NAME, NAME, {}), _read(aus, aus[:12] + "T" + aus[13:], {12: 0.01})]
    assert (1, 12) not in _settled_by_state_code(reads)


def test_a_rule_along_the_line_is_painted_out_and_glyphs_are_not() -> None:
    templates = blurred_templates(1.0)
    strip = np.full((38, 25 * 46), 255.0, np.float32)
    for k, char in enumerate("P<AUSCITIZEN<<JANE<<<EEEE<<"):
        strip[3:35, 25 + 25 * k:50 + 25 * k] = templates[MRZ_ALPHABET.index(char)]
    assert np.array_equal(_without_rules(strip), strip)  # bars of `EEEE` do not run on for four cells
    ruled = strip.copy()
    ruled[6:8, 300:] = 140.0  # a thin grey rule over the last cells' tops
    cleaned = _without_rules(ruled)
    assert cleaned[6:8, 300:].min() == 255.0
    assert np.array_equal(cleaned[20:, :], strip[20:, :])  # the glyphs below it untouched


def test_rows_that_drift_along_the_line_are_measured() -> None:
    drifting = _read(NAME, NAME, {}, rows=np.linspace(0, 5, len(NAME)).round())
    drift = _row_drift(drifting)
    assert drift is not None and abs(float(drift(np.array([44.0]))[0]) - 5) < 1
    assert _row_drift(_read(NAME, NAME, {})) is None


def _page_with_a_rule() -> np.ndarray:
    """A passport data page whose MRZ has a printed rule slanting into the top of its first line's last
    cells (as on the real Australian specimen), on a desk."""
    lines = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    px = 200 / 25.4
    w, h = round(125 * px), round(88 * px)
    page = Image.new("RGB", (w, h), (244, 242, 236))
    draw = ImageDraw.Draw(page)
    mono = font("mono", 100)
    _, top, _, bottom = mono.getbbox("H")
    mono = font("mono", round(100 * 2.4 * px / (bottom - top)))
    pitch = 2.54 * px
    x0 = (w - pitch * 44) / 2
    y0 = h - (2 * 4.2 + 3) * px
    for row, line in enumerate(lines):
        for col, ch in enumerate(line):
            draw.text((x0 + col * pitch + pitch / 2, y0 + row * 4.2 * px), ch, font=mono, fill=(15, 15, 15),
                      anchor="mt")
    draw.line([(x0, y0 - 0.9 * px), (x0 + 44 * pitch, y0 + 0.2 * px)], fill=(90, 90, 100), width=2)
    frame = np.full((h + 200, w + 200, 3), (70, 80, 90), np.uint8)
    frame[100:100 + h, 100:100 + w] = cv2.cvtColor(np.asarray(page), cv2.COLOR_RGB2BGR)
    return frame


def test_a_passport_with_a_rule_touching_its_mrz_is_read() -> None:
    # The rule joins the glyphs it touches into one long blob: the line is measured without it.
    result = IdCardReader().read_frame(_page_with_a_rule())
    assert result.reading is not None, result.detail
    document = result.reading.document
    assert document is not None
    assert (document.surname, document.given_names, document.document_number, document.nationality) == (
        "ERIKSSON", "ANNA MARIA", "L898902C3", "UTO")
