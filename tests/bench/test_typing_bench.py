from __future__ import annotations

import io

import pytest

from kiosk.bench.typing_bench import (
    format_bench,
    long_press_cost,
    measure,
    print_bench,
    run_bench,
    telex_cost,
    tone_row_cost,
    tone_row_marks,
)
from kiosk.domain.telex import Tone


def test_name_counts_by_hand() -> None:
    name = "Nguyễn Thị Hồng Nhung"
    # 18 letters, 3 of them accented (ễ ị ồ); 4 capitals and 3 spaces cost 7 on every keyboard.
    lp = long_press_cost(name)
    assert (lp.taps, lp.holds, lp.hold_seconds, lp.tap_equivalents) == (15 + 3 * 2 + 7, 3, 3.0, 31)
    assert telex_cost(name).taps == len("NguyeenxThijHoongfNhung") + 7
    assert tone_row_cost(name).taps == 18 + 5 + 7  # ê+ngã, nặng, ô+huyền


def test_digits_pay_layout_switches() -> None:
    assert long_press_cost("12").taps == 2 + 2
    assert long_press_cost("1 2").taps == 3 + 1 + 3


def test_tone_row_marks_horn_both_with_one_tap() -> None:
    assert tone_row_marks("phường") == ["ơ", Tone.HUYEN]
    assert sorted(map(str, tone_row_marks("Đô"))) == ["ô", "đ"]


def test_run_bench_defaults_and_output() -> None:
    results = run_bench()
    assert [r.label for r in results] == ["name", "address"]
    address = results[1]
    assert address.cost("long-press").holds == 13
    # Telex and the tone row never hold a key; long-press needs a second per accented letter.
    assert address.cost("telex").hold_seconds == 0
    assert address.cost("long-press").tap_equivalents > address.cost("tone row").taps
    out = io.StringIO()
    print_bench(results, file=out)
    assert out.getvalue().strip() == format_bench(results)
    assert "tone row" in out.getvalue() and "Nguyễn Thị Hồng Nhung" in out.getvalue()


def test_measure_refuses_untypeable_text() -> None:
    with pytest.raises(ValueError):
        measure("x", "北京")
