"""CODE128 for dossier codes: a compact encoding that fits an 80 mm receipt.

A dossier code such as ``000.00.53.H48-220921-0099`` is 25 characters. In code set B alone that is
11 modules per character, 310 modules with start, check and stop: at the narrowest module a thermal printer
reliably prints (2 dots, 0.25 mm at 203 dpi) that is 620 dots, wider than the 576 dots of 80 mm paper.
Packing runs of digits two per symbol in code set C brings it to 288 modules = 576 dots, and the paper's
unprinted 4 mm margins serve as the quiet zones.

`escpos_data` writes the symbols the way ESC/POS ``GS k`` (m = 73) takes them: ``{B`` / ``{C`` select a
code set, a code set C symbol is one byte 0–99, a literal ``{`` is ``{{``. `modules` gives the bar
pattern (``1`` = bar) for rendering it as an image or a PDF drawing.
"""

from __future__ import annotations

from barcode.charsets import code128 as _tables

_START = {"B": 104, "C": 105}
_TO_B, _TO_C = 100, 99
_STOP_MODULES = _tables.STOP + "11"  # the stop pattern plus its final two-module bar


def _runs(text: str) -> list[tuple[str, str]]:
    """Split into (code set, text) runs: a digit run goes to C when that takes fewer symbols.

    A run of d digits costs d symbols in B; in C it costs d/2 plus a switch into C (free when it opens
    the code) and a switch back to B (free when it ends the code). An odd run keeps its first digit in B.
    """
    runs: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        j = i
        while j < n and text[j].isdigit():
            j += 1
        digits = j - i
        if digits >= 2:
            odd = digits % 2
            cost_c = (digits - odd) // 2 + odd + (0 if i == 0 and not odd else 1) + (0 if j == n else 1)
            if cost_c < digits:
                if odd:
                    runs.append(("B", text[i]))
                runs.append(("C", text[i + odd:j]))
                i = j
                continue
        k = max(j, i + 1)
        while k < n and not text[k].isdigit():
            k += 1
        runs.append(("B", text[i:k]))
        i = k
    merged: list[tuple[str, str]] = []
    for code_set, chunk in runs:
        if merged and merged[-1][0] == code_set:
            merged[-1] = (code_set, merged[-1][1] + chunk)
        else:
            merged.append((code_set, chunk))
    return merged


def _check(text: str) -> None:
    if not text:
        raise ValueError("CODE128 needs at least one character")
    bad = [c for c in text if not 32 <= ord(c) <= 126]
    if bad:
        raise ValueError(f"CODE128 here takes printable ASCII only, not {bad[0]!r}")


def symbol_values(text: str) -> list[int]:
    """Start, data (with code set switches) and check symbol values, without the stop symbol."""
    _check(text)
    runs = _runs(text)
    values = [_START[runs[0][0]]]
    for n, (code_set, chunk) in enumerate(runs):
        if n:
            values.append(_TO_C if code_set == "C" else _TO_B)
        if code_set == "C":
            values.extend(int(chunk[p:p + 2]) for p in range(0, len(chunk), 2))
        else:
            values.extend(ord(c) - 32 for c in chunk)
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return [*values, check]


def modules(text: str) -> str:
    """The bar pattern, ``1`` for a dark module, ``0`` for a light one (no quiet zones)."""
    return "".join(_tables.CODES[v] for v in symbol_values(text)) + _STOP_MODULES


def module_count(text: str) -> int:
    return len(modules(text))


def escpos_data(text: str) -> str:
    """Data for ESC/POS ``GS k`` CODE128: python-escpos ``barcode(data, "CODE128", function_type="B")``."""
    _check(text)
    parts: list[str] = []
    for code_set, chunk in _runs(text):
        parts.append("{" + code_set)
        if code_set == "C":
            parts.extend(chr(int(chunk[p:p + 2])) for p in range(0, len(chunk), 2))
        else:
            parts.append(chunk.replace("{", "{{"))
    return "".join(parts)
