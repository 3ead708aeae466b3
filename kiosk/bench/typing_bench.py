"""Typing bench (`kiosk bench typing`): taps to type Vietnamese with three on-screen keyboards.

- **long-press**: Qt Virtual Keyboard's vi_VN layout; a letter with a diacritic is press, hold (about a
  second) until the accent popup opens, then a tap on the accented letter: 2 taps and 1 s of holding.
  Counted as 3 tap-equivalents (the hold takes about as long as a tap and a finger move, and elderly users
  often miss the popup).
- **Telex**: every key of the Telex spelling (`kiosk.domain.telex.telex_spelling`) is a tap.
- **tone row**: the plain letters, then one tap per mark on a row of mark buttons above the keyboard
  (â ă ê ô ơ ư đ and the five tones); ``ươ`` is a single tap of ơ (`kiosk.domain.telex.apply_mark`).

Shared costs, the same in all three: a shift tap per capital letter (no auto-capitalisation assumed),
space and punctuation one tap, a run of digits costs its digits plus two layout switches (?123 and back),
since the vi_VN letter layout has no digit row.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from kiosk.bench.report import format_table
from kiosk.domain.telex import LETTER_MARKS, Tone, apply_mark, base_letters, place_tone, telex_spelling

LONG_PRESS_TAPS = 2
LONG_PRESS_HOLD_S = 1.0
LONG_PRESS_TAP_EQUIVALENTS = 3

DEFAULT_SAMPLES: tuple[tuple[str, str], ...] = (
    ("name", "Nguyễn Thị Hồng Nhung"),
    ("address", "Số 12 ngõ 34 phố Hoàng Quốc Việt, phường Nghĩa Đô, Hà Nội"),
)

METHODS = ("long-press", "telex", "tone row")


@dataclass(frozen=True)
class TypingCost:
    method: str
    taps: int
    holds: int  # long presses
    hold_seconds: float

    @property
    def tap_equivalents(self) -> float:
        """Taps with each long press counted as `LONG_PRESS_TAP_EQUIVALENTS` instead of its 2 taps."""
        return self.taps + self.holds * (LONG_PRESS_TAP_EQUIVALENTS - LONG_PRESS_TAPS)


@dataclass(frozen=True)
class SampleResult:
    label: str
    text: str
    characters: int
    costs: tuple[TypingCost, ...]

    def cost(self, method: str) -> TypingCost:
        return next(c for c in self.costs if c.method == method)


def _is_marked(char: str) -> bool:
    return char.isalpha() and base_letters(char) != char


def _shared_taps(text: str) -> int:
    """Shift, space, punctuation and digits: the same for every keyboard."""
    taps = 0
    previous_digit = False
    for char in text:
        if char.isdigit():
            taps += 1 + (0 if previous_digit else 2)
            previous_digit = True
            continue
        previous_digit = False
        if char.isalpha():
            taps += 1 if char != char.lower() else 0
        else:
            taps += 1
    return taps


def _words(text: str) -> list[str]:
    words, word = [], ""
    for char in text + " ":
        if char.isalpha():
            word += char
        elif word:
            words.append(word)
            word = ""
    return words


def long_press_cost(text: str) -> TypingCost:
    letters = [c for c in unicodedata.normalize("NFC", text) if c.isalpha()]
    holds = sum(1 for c in letters if _is_marked(c))
    taps = (len(letters) - holds) + holds * LONG_PRESS_TAPS + _shared_taps(text)
    return TypingCost("long-press", taps, holds, holds * LONG_PRESS_HOLD_S)


def telex_cost(text: str) -> TypingCost:
    keys = telex_spelling(text)
    letter_keys = sum(1 for k in keys if k.isalpha())
    return TypingCost("telex", letter_keys + _shared_taps(text), 0, 0.0)


def tone_row_marks(word: str) -> list[str | Tone]:
    """The mark taps that turn the plain letters of `word` into `word` (verified, in tap order)."""
    tone_values = {t.value for t in Tone if t.value}
    decomposed = unicodedata.normalize("NFD", word)
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone_values)).lower()
    marks: list[str | Tone] = []
    for mark in LETTER_MARKS:
        marks.extend([mark] * toneless.count(mark))
    if "ươ" in toneless:
        marks.remove("ư")  # one tap of ơ horns both
    tone = next((t for t in Tone if t.value and t.value in decomposed), None)
    if tone is not None:
        marks.append(tone)
    typed = base_letters(word)
    for mark in marks:
        typed = apply_mark(typed, mark)
    if typed != place_tone(word):
        raise ValueError(f"the tone row cannot type {word!r} (got {typed!r})")
    return marks


def tone_row_cost(text: str) -> TypingCost:
    letters = sum(1 for c in text if c.isalpha())
    marks = sum(len(tone_row_marks(word)) for word in _words(unicodedata.normalize("NFC", text)))
    return TypingCost("tone row", letters + marks + _shared_taps(text), 0, 0.0)


def measure(label: str, text: str) -> SampleResult:
    text = unicodedata.normalize("NFC", text)
    costs = (long_press_cost(text), telex_cost(text), tone_row_cost(text))
    return SampleResult(label, text, len(text), costs)


def run_bench(samples: Sequence[tuple[str, str]] = DEFAULT_SAMPLES) -> list[SampleResult]:
    """Taps per keyboard for each (label, text) sample."""
    return [measure(label, text) for label, text in samples]


def format_bench(results: Sequence[SampleResult]) -> str:
    rows: list[list[str | int | float | None] | None] = []
    for n, result in enumerate(results):
        if n:
            rows.append(None)
        for cost in result.costs:
            rows.append(
                [result.label, cost.method, cost.taps, cost.holds, cost.hold_seconds, cost.tap_equivalents]
            )
    table = format_table(["sample", "keyboard", "taps", "long presses", "hold s", "tap-equivalents"], rows)
    texts = "\n".join(f"{r.label}: {r.text} ({r.characters} characters)" for r in results)
    return f"{texts}\n\n{table}"


def print_bench(results: Sequence[SampleResult], file: TextIO | None = None) -> None:
    print(format_bench(results), file=file or sys.stdout)
