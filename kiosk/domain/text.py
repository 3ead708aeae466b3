"""Vietnamese text rules: normalisation, search folding and collation (DOMAIN.md §8).

- Store NFC (`nfc`). Every boundary (decoders, OCR, keyboard, files) should pass text through it.
- Search folds (`fold`): diacritics and case never matter, and neither does where a tone mark sits
  (`hòa` / `hoà`).
- Sort with `vi_sort_key`: Python's code-point order puts `Đ` after `Z` and `Â` after `Z`.

Collation order (`vi_sort_key`), compared level by level like ICU/CLDR's `vi` tailoring:

1. primary: the letters, case-insensitive, in the Vietnamese alphabet
   ``a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)``;
   the foreign letters f j w z sit where the Latin alphabet puts them. Text is compared word by word
   (punctuation and spaces separate words), so ``An Bình`` < ``Anh``. Runs of digits compare as numbers,
   before letters, so ``Quận 2`` < ``Quận 10``.
2. secondary: the tone of each word (syllable): none, huyền (grave), hỏi (hook), ngã (tilde),
   sắc (acute), nặng (dot below). This is the order of Vietnamese dictionaries (Hoàng Phê's Từ điển tiếng
   Việt) and of CLDR's `vi` collation (``&̀<<̉<<̃<<́<<̣``). Unlike CLDR we attach the tone to the syllable, not
   to the vowel that carries it, so the old and new tone placements (``hòa`` / ``hoà``) tie here.
3. tertiary: lower case before upper case (CLDR's default).
4. last, the NFC text itself, so that the order is total and stable.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Combining marks that make a new letter (ă â ê ô ơ ư) rather than a tone.
_BREVE: Final = "\u0306"
_CIRCUMFLEX: Final = "\u0302"
_HORN: Final = "\u031b"
_LETTER_MARKS: Final = frozenset({_BREVE, _CIRCUMFLEX, _HORN})

# Tone marks in collation order; index + 1 is the tone's secondary weight (0 = no tone, thanh ngang).
_TONES: Final = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
TONE_MARKS: Final = frozenset(_TONES)
_TONE_RANK: Final = {mark: rank for rank, mark in enumerate(_TONES, start=1)}

_ALPHABET: Final = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)
_LETTER_RANK: Final = {letter: rank for rank, letter in enumerate(_ALPHABET)}

# Kinds of collation elements: numbers sort before letters, letters before anything else.
_NUMBER, _LETTER, _OTHER = 0, 1, 2

CollationElement = tuple[int, int]
SortKey = tuple[tuple[tuple[CollationElement, ...], ...], tuple[int, ...], tuple[int, ...], str]


def nfc(s: str) -> str:
    """The text in Unicode NFC, the form the kiosk stores and compares."""
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Fold for search: no diacritics (đ→d too), no case. `hòa`, `hoà`, `HOA` all fold to `hoa`."""
    decomposed = unicodedata.normalize("NFD", s)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    # NFD leaves đ/Đ alone: the stroke is part of the letter, not a combining mark.
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", bare.casefold())


def _words(folded: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in folded).split()


def matches(query: str, text: str) -> bool:
    """True when every word of `query` starts a word of `text`, after folding, in any order.

    Word starts rather than substrings because a kiosk search box gets a few keystrokes per word:
    ``"dang ky"`` finds ``"Đăng ký khai sinh"`` and ``"hcm"`` does not match inside unrelated words, while
    ``"khai"`` still finds ``"Đăng ký khai sinh"``. An empty query matches everything.
    """
    text_words = _words(fold(text))
    return all(any(word.startswith(q) for word in text_words) for q in _words(fold(query)))


def _split_letter(char: str) -> tuple[str, int, bool]:
    """One NFC character → (base letter folded with its letter marks, tone rank, is upper case)."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    is_upper = base != base.lower()
    base = base.lower()
    tone = 0
    for mark in marks:
        if mark in _TONE_RANK:
            tone = tone or _TONE_RANK[mark]
        elif mark in _LETTER_MARKS:
            base += mark
    return unicodedata.normalize("NFC", base), tone, is_upper


def vi_sort_key(s: str) -> SortKey:
    """A key for `sorted()` that orders Vietnamese text the way a Vietnamese reader expects.

    See the module docstring for the levels and the tone order.
    """
    text = nfc(s)
    words: list[tuple[CollationElement, ...]] = []
    tones: list[int] = []
    cases: list[int] = []
    current: list[CollationElement] = []
    word_tone = 0
    digits = ""

    def end_number() -> None:
        nonlocal digits
        if digits:
            # Length first, then the digits: numeric order without int() (no size limit, no leading zeros).
            significant = digits.lstrip("0") or "0"
            current.append((_NUMBER, len(significant)))
            current.extend((_NUMBER, int(d)) for d in significant)
            digits = ""

    def end_word() -> None:
        nonlocal word_tone
        end_number()
        if current:
            words.append(tuple(current))
            tones.append(word_tone)
            current.clear()
        word_tone = 0

    for char in text:
        if "0" <= char <= "9":
            digits += char
            continue
        end_number()
        if not char.isalnum():
            end_word()
            continue
        letter, tone, is_upper = _split_letter(char)
        word_tone = word_tone or tone
        cases.append(1 if is_upper else 0)
        rank = _LETTER_RANK.get(letter)
        current.append((_LETTER, rank) if rank is not None else (_OTHER, ord(letter[0])))
    end_word()
    return tuple(words), tuple(tones), tuple(cases), text
