"""A small aligned text-table printer shared by the benches (`kiosk bench ...`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

Cell = str | int | float | None
SEPARATOR = None  # a row that is None draws a rule between groups of rows

_NUMERIC = re.compile(r"^[-+]?(\d[\d,]*)?(\.\d+)?\s*(%|×|ms|s)?$|^[—-]$")


def cell_text(value: Cell, *, digits: int = 1) -> str:
    """None → "—", floats with `digits` decimals, everything else str()."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def percent(value: float | None, *, digits: int = 1) -> str:
    """0.987 → "98.7%"; None → "—"."""
    return "—" if value is None else f"{100 * value:.{digits}f}%"


def _is_numeric(text: str) -> bool:
    return bool(text) and _NUMERIC.match(text) is not None


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Cell] | None], *,
                 align: str | None = None, gap: int = 2) -> str:
    """Rows under headers in aligned columns; a `None` row is a rule.

    align: one letter per column, "l" or "r"; by default a column is right-aligned when every non-empty
    cell in it looks like a number (`12`, `3.4`, `98.7%`, `1.2×`, `—`), else left-aligned.
    """
    texts = [None if row is None else [cell_text(c) for c in row] for row in rows]
    width = len(headers)
    for row in texts:
        if row is not None and len(row) != width:
            raise ValueError(f"a row has {len(row)} cells for {width} columns")
    columns = [[row[i] for row in texts if row is not None] for i in range(width)]
    if align is None:
        align = "".join("r" if col and all(_is_numeric(t) for t in col if t) else "l" for col in columns)
    if len(align) != width or set(align) - {"l", "r"}:
        raise ValueError("align needs one 'l' or 'r' per column")
    widths = [max([len(h), *(len(t) for t in col)]) for h, col in zip(headers, columns, strict=True)]
    pad = " " * gap

    def line(cells: Sequence[str]) -> str:
        parts = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(cells, widths, align, strict=True)]
        return pad.join(parts).rstrip()

    rule = pad.join("-" * w for w in widths)
    out = [line(list(headers)), rule]
    out += [rule if row is None else line(row) for row in texts]
    return "\n".join(out)


__all__ = ["SEPARATOR", "Cell", "cell_text", "format_table", "percent"]
