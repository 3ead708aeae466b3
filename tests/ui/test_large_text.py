"""150 % text, high contrast, English, portrait and landscape: on every screen the actions a citizen
needs are on screen, uncovered and unclipped. Found from the rendered item tree, not by eye."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.capture.card_scan import HINTS
from kiosk.capture.frames import ImageSequenceSource
from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import fill_form, items, resize_to, wait_frame, wait_screen

FEE_PROCEDURE = "2.000488.000.00.00.H26"  # a fee, optional documents, result by post allowed
SCROLLERS = ("QQuickListView", "QQuickFlickable", "QQuickGridView")


def scene_rect(item: QQuickItem) -> QRectF:
    top_left = item.mapToScene(QPointF(0, 0))
    return QRectF(top_left.x(), top_left.y(), item.width(), item.height())


def ancestors(item: QQuickItem) -> Iterator[QQuickItem]:
    parent = item.parentItem()
    while parent is not None:
        yield parent
        parent = parent.parentItem()


def shown(item: QQuickItem) -> bool:
    return item.isVisible() and item.width() > 0 and item.height() > 0 and item.opacity() > 0


def fixed_buttons(ui: KioskUi) -> list[QQuickItem]:
    """Visible kiosk buttons that do not scroll (inside a list they may lie below the fold by design)."""
    out = []
    for item in items(ui.window.contentItem()):
        if not item.metaObject().className().startswith("BigButton") or not shown(item):
            continue
        chain = list(ancestors(item))
        if any(a.metaObject().className().startswith(SCROLLERS) for a in chain):
            continue
        if any(a.objectName() in ("staffLayer",) or a.metaObject().className().startswith("QQuickInputPanel")
               for a in chain):
            continue
        out.append(item)
    return out


def problems(ui: KioskUi) -> list[str]:
    window = QRectF(0, 0, ui.window.width(), ui.window.height())
    buttons = fixed_buttons(ui)
    found = []
    for button in buttons:
        rect = scene_rect(button)
        label = f"{button.objectName() or button.property('text')!r}"
        if not window.adjusted(-1, -1, 1, 1).contains(rect):
            found.append(f"{label} is outside the window ({rect.getRect()})")
        label_item = button.property("contentItem")
        if isinstance(label_item, QQuickItem) and label_item.implicitHeight() > button.height() + 1:
            needed = label_item.implicitHeight()
            found.append(f"{label} clips its label ({needed:.0f} > {button.height():.0f})")
        for other in buttons:
            if other is button or other in ancestors(button) or button in ancestors(other):
                continue
            overlap = rect.intersected(scene_rect(other))
            if overlap.width() > 1 and overlap.height() > 1 and id(other) > id(button):
                found.append(f"{label} overlaps {other.objectName() or other.property('text')!r}")
    return found


def in_view(ui: KioskUi, name: str) -> bool:
    """The named item is wholly on screen: inside the window and inside every scroller around it."""
    item = next(i for i in items(ui.window.contentItem()) if i.objectName() == name)
    rect = scene_rect(item).adjusted(1, 1, -1, -1)
    frames = [QRectF(0, 0, ui.window.width(), ui.window.height())]
    frames += [scene_rect(a) for a in ancestors(item) if a.metaObject().className().startswith(SCROLLERS)]
    return shown(item) and all(frame.contains(rect) for frame in frames)


def check_in_view(qtbot: QtBot, ui: KioskUi, names: tuple[str, ...], seen: dict[str, list[str]]) -> None:
    """What the citizen must not lose (the dossier code, the QR) is in view without scrolling."""
    for size in (PORTRAIT, LANDSCAPE):
        resize_to(qtbot, ui, size)
        ui.window.grabWindow()  # renders now: layouts are polished before a frame, so positions are final
        missing = [n for n in names if not in_view(ui, n)]
        if missing:
            seen[f"{ui.peers.context.screen}_{size[0]}x{size[1]} in view"] = missing
    resize_to(qtbot, ui, PORTRAIT)
    wait_frame(qtbot, ui)  # laid out again before the next step


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    kiosk_ui = create_ui(services, size=PORTRAIT)
    kiosk_ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    kiosk_ui.peers.accessibility.setProperty("textScale", 1.5)
    kiosk_ui.peers.accessibility.setProperty("highContrast", True)
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)


def check_here(qtbot: QtBot, ui: KioskUi, shots: Path, seen: dict[str, list[str]]) -> None:
    for size in (PORTRAIT, LANDSCAPE):
        resize_to(qtbot, ui, size)
        # Rendering polishes the layouts, so positions are final; the picture is kept when something is
        # wrong (to look at), not otherwise (saving 32 PNGs cost ~2.5 s).
        picture = ui.window.grabWindow()
        name = f"{ui.peers.context.screen}_{size[0]}x{size[1]}"
        found = problems(ui)
        if found:
            picture.save(str(shots / f"{name}.png"))
            seen[name] = found
    resize_to(qtbot, ui, PORTRAIT)
    wait_frame(qtbot, ui)  # laid out again before the next step


def test_every_screen_at_150_percent_keeps_its_actions_on_screen(
        qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    k = ui.peers
    k.visit.switchLanguage("en")
    seen: dict[str, list[str]] = {}

    def at(screen: str, action: Callable[[], object] | None = None, timeout_ms: int = 20000) -> None:
        if action is not None:
            action()
        wait_screen(qtbot, ui, screen, timeout_ms)
        check_here(qtbot, ui, tmp_path, seen)

    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    at("attract")
    at("home", k.visit.touchAttract)
    for screen, open_it in (("check", k.visit.checkDossier), ("guides", k.visit.openGuides)):
        at(screen, open_it)
        k.visit.startOver()
        k.visit.switchLanguage("en")
        k.accessibility.setProperty("textScale", 1.5)
        k.accessibility.setProperty("highContrast", True)
        k.visit.touchAttract()
        wait_screen(qtbot, ui, "home")
    at("readCard", k.dossier.start)
    wait_screen(qtbot, ui, "confirm", 30000)
    check_here(qtbot, ui, tmp_path, seen)
    at("procedure", k.card.confirm)
    at("procedureInfo", lambda: k.procedures.choose(FEE_PROCEDURE))
    at("form", k.form.begin)
    k.form.submit()  # nothing filled in: the error summary and the banner show
    qtbot.wait(200)
    check_here(qtbot, ui, tmp_path, seen)
    fill_form(ui)
    at("documents", k.form.submit)
    at("delivery", k.dossier.documentsDone)
    k.delivery.chooseMethod("post")  # the address form, the longest delivery screen
    qtbot.wait(200)
    check_here(qtbot, ui, tmp_path, seen)
    k.delivery.chooseMethod("online")
    at("review", k.dossier.deliveryDone)
    k.dossier.setConsent(True)
    at("payment", k.dossier.submit, 30000)
    qtbot.waitUntil(lambda: k.payment.state == "waiting", timeout=20000)
    check_here(qtbot, ui, tmp_path, seen)
    check_in_view(qtbot, ui, ("paymentDossierCode", "paymentQrImage"), seen)
    at("receipt", k.dossier.payLater)
    check_in_view(qtbot, ui, ("dossierCode",), seen)
    at("feedback", k.visit.finish)
    report = [f"{screen}: {problem}" for screen, found in seen.items() for problem in found]
    assert seen == {}, "\n".join(report)


def test_the_card_screen_at_150_percent_keeps_type_instead_on_screen_whatever_the_hint(
        qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    """The camera sees no card, so the screen stays (in the walk above a fast read may leave it before the
    landscape check). Each hint, in both languages: at 150 % in landscape, "type instead" once fell below
    the bottom bar (the hint and the subtitle took the height); now the hint goes under the picture."""
    desk = tmp_path / "desk.png"
    cv2.imwrite(str(desk), np.full((720, 1280, 3), 90, np.uint8))
    k = ui.peers
    k.card.set_camera_opener(lambda: ImageSequenceSource([desk], repeat_each=1000, fps=10.0))
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    seen: dict[str, list[str]] = {}
    for lang in ("vi", "en"):
        k.visit.switchLanguage(lang)
        k.accessibility.setProperty("textScale", 1.5)
        k.visit.touchAttract()
        wait_screen(qtbot, ui, "home")
        k.dossier.start()
        wait_screen(qtbot, ui, "readCard")
        for hint in HINTS:
            k.card._hint = hint  # what the camera would say; set here so that every hint is seen
            k.card.changed.emit()
            check_here(qtbot, ui, tmp_path, seen)
            if seen:
                raise AssertionError(f"{lang}/{hint}: {seen}")
        k.visit.startOver()
