"""Vietnamese typing without long-presses: a Telex composer and a "tone row" helper (DOMAIN.md §8).

Qt Virtual Keyboard's vi_VN layout gives diacritics only by long-pressing a key, which elderly users find
hard. Two alternatives, both pure functions over text so the UI can drive them from any keyboard:

- **Telex** (`TelexComposer`, `compose`): ``aa`` â, ``aw`` ă, ``ee`` ê, ``oo`` ô, ``ow`` ơ, ``uw`` ư,
  ``dd`` đ, ``w`` alone ư; tones ``s`` sắc, ``f`` huyền, ``r`` hỏi, ``x`` ngã, ``j`` nặng; ``z`` removes
  the tone.
  Typing a modifier or tone key a second time undoes it and types the letter (``ass`` → ``as``), which is
  how to type a literal ``s`` after a vowel.
- **Tone row** (`apply_mark`): the citizen types the plain letters and taps a mark (â ă ê ô ơ ư đ or a tone)
  in a row above the keyboard; the mark lands on the right letter of the word.

The composer works on the text itself, not on a key log: the word being composed is the run of letters at
the end of the text, so backspace simply deletes a character and composing resumes on what is left.

Tone placement follows the modern rules (``hoà``, ``khoẻ``, ``thuỷ``; `ToneStyle.OLD` gives ``hòa``, ``khỏe``,
``thủy``): a vowel with a letter mark takes the tone (``ươ`` → on ``ơ``); else the middle of three vowels;
of two, the second when a final consonant follows, or for ``oa``/``oe``/``uy`` in the modern style, else
the first. The ``u`` of ``qu`` and the ``i`` of ``gi`` before another vowel belong to the onset.
Output is always NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Final


class Tone(StrEnum):
    """The six tones; the value is the combining mark (empty for thanh ngang)."""

    NGANG = ""
    SAC = "\u0301"
    HUYEN = "\u0300"
    HOI = "\u0309"
    NGA = "\u0303"
    NANG = "\u0323"


class ToneStyle(Enum):
    NEW = "new"  # hoà, khoẻ, thuỷ (the style of current official spelling guidance and most new text)
    OLD = "old"  # hòa, khỏe, thủy


TONE_KEYS: Final = {"s": Tone.SAC, "f": Tone.HUYEN, "r": Tone.HOI, "x": Tone.NGA, "j": Tone.NANG}
_KEY_OF_TONE: Final = {tone: key for key, tone in TONE_KEYS.items()}
_TONE_BY_MARK: Final = {tone.value: tone for tone in Tone if tone.value}

VOWELS: Final = frozenset("aăâeêioôơuưy")
_CIRCUMFLEX: Final = {"a": "â", "e": "ê", "o": "ô"}
_BREVE_HORN: Final = {"a": "ă", "o": "ơ", "u": "ư"}
_PLAIN: Final = {"â": "a", "ă": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}
_MARKED: Final = frozenset("ăâêôơư")
#: Vowel clusters with a circumflex that Vietnamese spelling has (ô in "ôe" is not one).
_CIRCUMFLEX_NUCLEI: Final = frozenset(
    {"â", "âu", "ây", "ê", "êu", "iê", "iêu", "yê", "yêu", "uâ", "uây", "uê", "uyê", "ô", "ôi", "uô", "uôi"}
)
VALID_FINALS: Final = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})

#: Keys that spell each marked letter after its plain letter.
_MODIFIER_KEYS: Final = {"â": "a", "ă": "w", "ê": "e", "ô": "o", "ơ": "w", "ư": "w", "đ": "d"}


@dataclass(frozen=True)
class _Letter:
    base: str  # lower case, with its letter mark (ă â ê ô ơ ư đ) but no tone
    tone: Tone = Tone.NGANG
    upper: bool = False

    @staticmethod
    def of(char: str) -> _Letter:
        decomposed = unicodedata.normalize("NFD", char)
        base, tone = decomposed[0], Tone.NGANG
        for mark in decomposed[1:]:
            if mark in _TONE_BY_MARK:
                tone = _TONE_BY_MARK[mark]
            else:
                base += mark
        base = unicodedata.normalize("NFC", base)
        return _Letter(base.lower(), tone, base != base.lower())

    def text(self) -> str:
        composed = unicodedata.normalize("NFC", self.base + self.tone.value)
        return composed.upper() if self.upper else composed


def _letters(word: str) -> list[_Letter]:
    return [_Letter.of(c) for c in unicodedata.normalize("NFC", word)]


def _text(letters: list[_Letter]) -> str:
    return "".join(letter.text() for letter in letters)


def _nucleus(letters: list[_Letter]) -> tuple[int, int] | None:
    """[start, end) of the vowel cluster, the qu/gi onset excluded; None without a vowel."""
    bases = [letter.base for letter in letters]
    start = next((i for i, b in enumerate(bases) if b in VOWELS), None)
    if start is None:
        return None
    end = start
    while end < len(bases) and bases[end] in VOWELS:
        end += 1
    onset = "".join(bases[:start])
    if end - start > 1 and (
        (onset == "q" and bases[start] == "u") or (onset == "g" and bases[start] == "i")
    ):
        start += 1
    return start, end


def _final(letters: list[_Letter], nucleus: tuple[int, int]) -> str:
    return "".join(letter.base for letter in letters[nucleus[1]:])


def _tone_index(letters: list[_Letter], style: ToneStyle) -> int | None:
    """Which letter carries the tone, by the rules in the module docstring."""
    nucleus = _nucleus(letters)
    if nucleus is None:
        return None
    start, end = nucleus
    vowels = [letter.base for letter in letters[start:end]]
    joined = "".join(vowels)
    if "ươ" in joined:
        return start + joined.index("ươ") + 1
    marked = [i for i, v in enumerate(vowels) if v in _MARKED]
    if marked:
        return start + marked[-1]
    if len(vowels) == 1:
        return start
    if len(vowels) >= 3:
        return start + 1
    if _final(letters, nucleus):
        return start + 1
    if style is ToneStyle.NEW and joined in ("oa", "oe", "uy"):
        return start + 1
    return start


def _tone_of(letters: list[_Letter]) -> Tone:
    return next((letter.tone for letter in letters if letter.tone is not Tone.NGANG), Tone.NGANG)


def _with_tone(letters: list[_Letter], tone: Tone, style: ToneStyle) -> list[_Letter]:
    bare = [replace(letter, tone=Tone.NGANG) for letter in letters]
    if tone is Tone.NGANG:
        return bare
    index = _tone_index(bare, style)
    if index is None:
        return letters
    bare[index] = replace(bare[index], tone=tone)
    return bare


def place_tone(word: str, style: ToneStyle = ToneStyle.NEW) -> str:
    """The word with its tone moved to the vowel the rules choose: ``hòa`` → ``hoà`` (NEW)."""
    letters = _letters(word)
    return _text(_with_tone(letters, _tone_of(letters), style))


def _fix_uo_horn(letters: list[_Letter]) -> list[_Letter]:
    """``uơ`` followed by more letters is ``ươ`` (``trương``, ``người``); ``thuở`` keeps its plain u."""
    nucleus = _nucleus(letters)
    if nucleus is None:
        return letters
    start, end = nucleus
    for i in range(start, end - 1):
        if letters[i].base == "u" and letters[i + 1].base == "ơ" and i + 2 < len(letters):
            letters = list(letters)
            letters[i] = replace(letters[i], base="ư")
    return letters


def _can_take_tone(letters: list[_Letter]) -> bool:
    nucleus = _nucleus(letters)
    return nucleus is not None and _final(letters, nucleus) in VALID_FINALS


def _key_letter(key: str) -> _Letter:
    return _Letter(key.lower(), Tone.NGANG, key != key.lower())


def _apply_key(letters: list[_Letter], key: str, style: ToneStyle) -> list[_Letter]:
    """One Telex key on the word being composed."""
    k = key.lower()
    tone = _tone_of(letters)
    nucleus = _nucleus(letters)
    out: list[_Letter] | None = None

    if k in TONE_KEYS and _can_take_tone(letters):
        if tone is TONE_KEYS[k]:  # the same tone again: undo it and type the letter
            out = [*_with_tone(letters, Tone.NGANG, style), _key_letter(key)]
        else:
            out = _with_tone(letters, TONE_KEYS[k], style)
        return out
    if k == "z" and tone is not Tone.NGANG:
        return _with_tone(letters, Tone.NGANG, style)
    if k in _CIRCUMFLEX and nucleus is not None:
        target = _CIRCUMFLEX[k]
        for i in range(nucleus[1] - 1, nucleus[0] - 1, -1):
            base = letters[i].base
            if base == target:  # â + a → aa
                out = list(letters)
                out[i] = replace(out[i], base=k)
                out.append(_key_letter(key))
                break
            if _PLAIN.get(base, base) == k:
                candidate = [letter.base for letter in letters[nucleus[0]:nucleus[1]]]
                candidate[i - nucleus[0]] = target
                if "".join(candidate) not in _CIRCUMFLEX_NUCLEI:
                    break  # e.g. the second o of "oeo" is a letter, not a circumflex on the first
                out = list(letters)
                out[i] = replace(out[i], base=target)
                break
    elif k == "w":
        out = _apply_w(letters, key, nucleus)
    elif k == "d" and letters and letters[0].base in ("d", "đ"):
        out = list(letters)
        if letters[0].base == "d":
            out[0] = replace(out[0], base="đ")
        else:  # đ + d → dd
            out[0] = replace(out[0], base="d")
            out.append(_key_letter(key))
    if out is None:
        out = [*letters, _key_letter(key)]
    out = _fix_uo_horn(out)
    return _with_tone(out, _tone_of(out), style)


def _apply_w(letters: list[_Letter], key: str, nucleus: tuple[int, int] | None) -> list[_Letter] | None:
    if nucleus is None:
        # w alone types ư (``nhw`` → ``như``), as in common Telex input methods.
        return [*letters, _Letter("ư", Tone.NGANG, key != key.lower())]
    start, end = nucleus
    bases = [letter.base for letter in letters[start:end]]
    joined = "".join(_PLAIN.get(b, b) for b in bases)
    out = list(letters)

    def horn(i: int, base: str) -> None:
        out[start + i] = replace(out[start + i], base=base)

    if "uo" in joined:
        i = joined.index("uo")
        if bases[i] == "ư" and bases[i + 1] == "ơ":  # ươ + w → uow
            horn(i, "u")
            horn(i + 1, "o")
            return [*out, _key_letter(key)]
        at_end = start + i + 2 >= len(letters)
        horn(i + 1, "ơ")
        if not at_end or bases[i] == "ư":
            horn(i, "ư")
        return out
    if "oa" in joined:
        i = joined.index("oa")
        if bases[i + 1] == "ă":
            horn(i + 1, "a")
            return [*out, _key_letter(key)]
        horn(i + 1, "ă")
        return out
    for i, plain in enumerate(joined):
        if plain in _BREVE_HORN:
            if bases[i] == _BREVE_HORN[plain]:  # ư + w → uw
                horn(i, plain)
                return [*out, _key_letter(key)]
            horn(i, _BREVE_HORN[plain])
            return out
    return None


class TelexComposer:
    """Incremental Telex: feed keys, read `text`; `backspace` deletes one character."""

    def __init__(self, text: str = "", style: ToneStyle = ToneStyle.NEW) -> None:
        self._text = unicodedata.normalize("NFC", text)
        self.style = style

    @property
    def text(self) -> str:
        return self._text

    def _split(self) -> tuple[str, str]:
        i = len(self._text)
        while i > 0 and self._text[i - 1].isalpha():
            i -= 1
        return self._text[:i], self._text[i:]

    def feed(self, key: str) -> str:
        """Type one key (a character); returns the new text."""
        if len(key) != 1:
            raise ValueError(f"feed one character at a time, got {key!r}")
        if not key.isalpha() or not key.isascii():
            self._text = unicodedata.normalize("NFC", self._text + key)
            return self._text
        head, word = self._split()
        self._text = head + _text(_apply_key(_letters(word), key, self.style))
        return self._text

    def feed_all(self, keys: str) -> str:
        for key in keys:
            self.feed(key)
        return self._text

    def backspace(self) -> str:
        self._text = self._text[:-1]
        return self._text

    def clear(self) -> None:
        self._text = ""


def compose(keys: str, style: ToneStyle = ToneStyle.NEW) -> str:
    """The text a sequence of Telex keys types: ``compose("Nguyeenx")`` → ``Nguyễn``."""
    return TelexComposer(style=style).feed_all(keys)


def _canonical(text: str) -> str:
    """Text with every word's tone on the modern position, for comparing typed text with a target."""
    out, word = [], ""
    for char in unicodedata.normalize("NFC", text) + " ":
        if char.isalpha():
            word += char
            continue
        out.append(place_tone(word) if word else "")
        out.append(char)
        word = ""
    return "".join(out)[:-1]


def telex_spelling(text: str) -> str:
    """The Telex keys that type `text`: the marked letter's modifier right after it, the tone key at the end
    of the word (``Nguyễn`` → ``Nguyeenx``). A letter that Telex would take as a command is doubled
    (``Ksor`` → ``Ksorr``). The tone lands where the modern rules put it (``hòa`` types as ``hoà``).

    ValueError when some character cannot be typed with Telex (it is not on a Latin keyboard).
    """
    target = unicodedata.normalize("NFC", text)
    composer = TelexComposer()
    keys: list[str] = []

    def feed(seq: str) -> None:
        for key in seq:
            composer.feed(key)
            keys.append(key)

    word_tone = Tone.NGANG
    for n, char in enumerate(target):
        letter = _Letter.of(char)
        if not char.isalpha():
            if word_tone is not Tone.NGANG:
                feed(_KEY_OF_TONE[word_tone])
                word_tone = Tone.NGANG
            feed(char)
            continue
        plain = _PLAIN.get(letter.base, letter.base)
        if not plain.isascii():
            raise ValueError(f"{char!r} cannot be typed with Telex")
        feed(plain.upper() if letter.upper else plain)
        if letter.base in _MODIFIER_KEYS:
            feed(_MODIFIER_KEYS[letter.base])
        if letter.tone is not Tone.NGANG:
            word_tone = letter.tone
        expected = _canonical(_strip_pending_tone(target[: n + 1]))
        if _canonical(_strip_pending_tone(composer.text)) != expected:
            feed(keys[-1])  # the key was taken as a command: type it again for the letter
            if _canonical(_strip_pending_tone(composer.text)) != expected:
                raise ValueError(f"cannot type {text!r} with Telex (at {char!r})")
    if word_tone is not Tone.NGANG:
        feed(_KEY_OF_TONE[word_tone])
    if _canonical(composer.text) != _canonical(target):
        raise ValueError(f"cannot type {text!r} with Telex")
    return "".join(keys)


def _strip_pending_tone(text: str) -> str:
    """The text with the tone of its last word removed (the tone key comes at the end of the word)."""
    i = len(text)
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    letters = _letters(text[i:])
    return text[:i] + _text([replace(letter, tone=Tone.NGANG) for letter in letters])


# -- tone row ------------------------------------------------------------------------------------------

LETTER_MARKS: Final = ("â", "ă", "ê", "ô", "ơ", "ư", "đ")
TONE_NAMES: Final = {
    "sắc": Tone.SAC, "huyền": Tone.HUYEN, "hỏi": Tone.HOI, "ngã": Tone.NGA, "nặng": Tone.NANG,
}


def apply_mark(word: str, mark: str | Tone, style: ToneStyle = ToneStyle.NEW) -> str:
    """The word with a tapped mark applied at the right letter; tapping the same mark again removes it.

    `mark` is a letter mark (``â ă ê ô ơ ư đ``), a `Tone`, or a tone's name (``sắc``, ``huyền``, ``hỏi``,
    ``ngã``, ``nặng``). ``ơ`` or ``ư`` on a ``uo`` followed by more letters gives ``ươ`` in one tap
    (``nguoi`` + ơ → ``ngươi``). A mark that fits no letter of the word leaves it unchanged.
    """
    letters = _letters(word)
    if isinstance(mark, Tone) or mark in TONE_NAMES:
        tone = mark if isinstance(mark, Tone) else TONE_NAMES[mark]
        if not _can_take_tone(letters):
            return _text(letters)
        current = _tone_of(letters)
        return _text(_with_tone(letters, Tone.NGANG if current is tone else tone, style))
    if mark not in LETTER_MARKS:
        raise ValueError(f"unknown mark {mark!r}: use one of {', '.join(LETTER_MARKS)} or a tone")
    if mark == "đ":
        if letters and letters[0].base in ("d", "đ"):
            letters[0] = replace(letters[0], base="d" if letters[0].base == "đ" else "đ")
        return _text(letters)
    nucleus = _nucleus(letters)
    if nucleus is None:
        return _text(letters)
    start, end = nucleus
    plain = _PLAIN[mark]
    tone = _tone_of(letters)
    bases = [letter.base for letter in letters]
    if mark in ("ơ", "ư"):
        joined = "".join(_PLAIN.get(b, b) for b in bases[start:end])
        if "uo" in joined:
            i = start + joined.index("uo")
            if bases[i + 1] == "ơ":  # tapping again takes the horns off
                letters[i] = replace(letters[i], base="u")
                letters[i + 1] = replace(letters[i + 1], base="o")
            else:
                letters[i + 1] = replace(letters[i + 1], base="ơ")
                if i + 2 < len(letters) or mark == "ư":
                    letters[i] = replace(letters[i], base="ư")
            return _text(_with_tone(letters, tone, style))
    # ư always opens its cluster (ưu, ưa, ươi); the other marks sit on the last matching vowel.
    order = range(start, end) if mark == "ư" else range(end - 1, start - 1, -1)
    for i in order:
        if bases[i] == mark:
            letters[i] = replace(letters[i], base=plain)
            break
        if _PLAIN.get(bases[i], bases[i]) == plain:
            letters[i] = replace(letters[i], base=mark)
            break
    return _text(_with_tone(letters, tone, style))


def base_letters(text: str) -> str:
    """The text with every letter mark and tone removed, đ → d, case kept: what one types before marking."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        letter = _Letter.of(char)
        plain = _PLAIN.get(letter.base, letter.base)
        out.append(plain.upper() if letter.upper else plain)
    return "".join(out)
