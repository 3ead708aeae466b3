"""Where the kiosk's data folders are: inside the installed package, or beside it in a checkout.

A built wheel (and so the Debian package) carries `resources/` and `migrations/` inside the package as
`kiosk/_resources` and `kiosk/_migrations` (see setup.py); a source checkout or an editable install has
them at the repository root, next to `kiosk/`. Pure: no imports beyond the standard library.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """`resources` or `migrations`: the copy inside the package if there is one, else the checkout's."""
    inside = _PACKAGE / f"_{name}"
    return inside if inside.is_dir() else _PACKAGE.parent / name
