"""Every screen loads without a QML warning and renders in portrait and landscape, with large targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi
from tests.ui.conftest import card_camera
from tests.ui.helpers import drive_to, items, resize_to

SCREENS = ["attract", "home", "readCard", "confirm", "procedure", "form", "review", "receipt"]


def small_buttons(ui: KioskUi) -> list[str]:
    """Visible kiosk buttons shorter than 20 mm (80 px on a 1080-px short side)."""
    window = ui.window
    u = min(window.width(), window.height()) / 1080
    found = []
    for item in items(window.contentItem()):
        name = item.metaObject().className()
        if name.startswith("BigButton") and item.isVisible() and item.height() < 80 * u - 0.5:
            found.append(f"{item.property('text')!r} {item.height():.0f}px")
    return found


@pytest.mark.parametrize("screen", SCREENS)
def test_screen_renders_in_both_orientations(qtbot: QtBot, ui: KioskUi, screen: str, tmp_path: Path) -> None:
    if screen == "readCard":  # no card in view: the screen stays and shows its guidance
        ui.peers.card.set_camera_opener(lambda: card_camera("91_empty_desk.png"))
    drive_to(qtbot, ui, screen)
    assert ui.peers.context.screen == screen
    loader = ui.window.findChild(type(ui.window.contentItem()), "screenLoader")
    for size in (PORTRAIT, LANDSCAPE):
        resize_to(qtbot, ui, size)
        assert loader is not None and loader.property("item") is not None
        image = ui.window.grabWindow()
        assert (image.width(), image.height()) == size
        assert image.save(str(tmp_path / f"{screen}_{size[0]}x{size[1]}.png"))
        assert small_buttons(ui) == []
