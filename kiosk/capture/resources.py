"""Where the kiosk's bundled resources live (QML, samples, seed data, fonts).

One function so that packaging (PyInstaller, a wheel with data files) has a single place to change.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.paths import bundled_dir


def resources_dir() -> Path:
    """The `resources/` folder: inside the installed package, or at the repository root in a checkout."""
    return bundled_dir("resources")


def sample_cards_dir() -> Path:
    """Synthetic ID-card frames of fictitious people, for demos, training mode and tests."""
    return resources_dir() / "samples" / "cards"
