"""Pseudo-translation: every qsTr string comes out ~40 % longer, accented and bracketed.

A screenshot taken in this mode shows at a glance which texts would overflow in a longer language (the
closing ``⟧`` is missing where a text is cut) and which texts are not translatable at all (no brackets).
Switched on by ``[ui] pseudo_translation = true``, ``KIOSK_PSEUDO=1`` or ``kiosk demo --pseudo``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTranslator

from kiosk.config import ENV_PSEUDO, KioskConfig

#: How much longer each string gets (German and Russian run 30-40 % longer than English).
GROWTH = 0.4
OPEN, CLOSE, PAD = "⟦", "⟧", "~"

_ACCENTED = str.maketrans({
    "A": "Å", "C": "Ĉ", "E": "Ë", "G": "Ĝ", "H": "Ĥ", "I": "Ï", "K": "Ķ", "N": "Ñ", "S": "Š", "T": "Ţ",
    "a": "å", "c": "ĉ", "e": "ë", "g": "ĝ", "h": "ĥ", "k": "ķ", "n": "ñ", "s": "š", "t": "ţ", "y": "ÿ",
})
# Placeholders and markup that must reach the screen unchanged: %1, %L1, %n, %Ln, <b>, &amp;, and the
# {name} fields of Python's str.format (texts built in Python are pseudo-translated before formatting).
_KEEP = re.compile(r"%L?(?:\d+|n)|<[^>]*>|&\w+;|\{\w*\}")


def pseudo(text: str) -> str:
    """``"Chụp ngay"`` → ``"⟦Ĉĥụp ñĝåÿ~~~~⟧"``: accented, padded by `GROWTH`, bracketed."""
    if not text:
        return text
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last:match.start()].translate(_ACCENTED))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENTED))
    pad = PAD * max(1, math.ceil(len(text) * GROWTH))
    # Long padding in runs of 8 with spaces between, so it wraps like words instead of running out of a box.
    pad = " ".join(pad[i:i + 8] for i in range(0, len(pad), 8))
    return OPEN + "".join(out) + pad + CLOSE


class PseudoTranslator(QTranslator):
    """Pseudo-translates the source string, or what `base` (the real translation, if any) makes of it."""

    def __init__(self, base: QTranslator | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base = base

    def translate(self, context: str, sourceText: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        text = self._base.translate(context, sourceText, disambiguation, n) if self._base else ""
        return pseudo(text or sourceText)

    def isEmpty(self) -> bool:
        return False


def pseudo_enabled(config: KioskConfig, environ: Mapping[str, str] = os.environ) -> bool:
    """`[ui] pseudo_translation`, or KIOSK_PSEUDO=1 for a single run."""
    flag = environ.get(ENV_PSEUDO, "").strip().lower()
    return config.ui.pseudo_translation or flag in ("1", "true", "yes", "on")
