"""Where the kiosk's bundled resources live (QML, samples, seed data, fonts).

One function so that packaging (PyInstaller, a wheel with data files) has a single place to change.
"""

from __future__ import annotations

from pathlib import Path

import kiosk


def resources_dir() -> Path:
    """The `resources/` folder next to the `kiosk` package (the repository root in a checkout)."""
    return Path(kiosk.__file__).resolve().parent.parent / "resources"


def sample_cards_dir() -> Path:
    """Synthetic ID-card frames of fictitious people, for demos, training mode and tests."""
    return resources_dir() / "samples" / "cards"
