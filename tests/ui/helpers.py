"""Driving the real UI from tests: wait for screens, walk the journey, read what is on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.sandbox.samples import sample_answers
from kiosk.ui.window import KioskUi

PROCEDURE = "1.004873.000.00.00.H26"


def wait_screen(qtbot: QtBot, ui: KioskUi, name: str, timeout_ms: int = 15000) -> None:
    qtbot.waitUntil(lambda: ui.peers.context.screen == name, timeout=timeout_ms)
    wait_frame(qtbot, ui)  # the new screen drawn once (a fixed 50 ms pause before)


def wait_frame(qtbot: QtBot, ui: KioskUi) -> None:
    """Until the window has drawn a frame asked for now: what is on screen is laid out, its lists filled."""
    with qtbot.waitSignal(ui.window.frameSwapped, timeout=5000):
        ui.window.update()


def resize_to(qtbot: QtBot, ui: KioskUi, size: tuple[int, int]) -> None:
    """Resize the window and wait until its content has the new size (the resize reaches the scene through
    the event loop). A `grabWindow()` after this renders the final layout: rendering polishes layouts."""
    ui.resize(*size)
    content = ui.window.contentItem()
    qtbot.waitUntil(lambda: (round(content.width()), round(content.height())) == size, timeout=5000)


def drive_to(qtbot: QtBot, ui: KioskUi, target: str) -> None:
    """Walk the "file a dossier" journey up to `target`, as a citizen would."""
    k = ui.peers
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    steps: list[tuple[str, Any]] = [
        ("home", k.visit.touchAttract),  # Vietnamese at once: no language screen
        ("readCard", k.dossier.start),
        ("confirm", None),  # the camera reads the card by itself
        ("procedure", k.card.confirm),
        ("procedureInfo", lambda: k.procedures.choose(PROCEDURE)),
        ("form", k.form.begin),
        ("documents", lambda: (fill_form(ui), k.form.submit())),
        ("delivery", k.dossier.documentsDone),  # the marital-status procedure's documents are all optional
        ("review", lambda: (k.delivery.chooseMethod("online"), k.dossier.deliveryDone())),
        ("receipt", lambda: (k.dossier.setConsent(True), k.dossier.submit())),  # no fee for this procedure
    ]
    if k.context.screen == target:
        return
    order = ["attract"] + [screen for screen, _ in steps]
    start = order.index(k.context.screen)
    for screen, action in steps[start:]:
        if action is not None:
            action()
        wait_screen(qtbot, ui, screen, 30000)
        if screen == target:
            return
    raise AssertionError(f"unknown screen {target!r}")


def fill_form(ui: KioskUi) -> None:
    k = ui.peers
    catalogue = k.context.catalogue
    assert catalogue is not None
    procedure = catalogue.find(k.context.flow.session.procedure_code or "")
    assert procedure is not None
    answers = sample_answers(procedure)
    for row in k.form.model.rows():
        if row["value"] in ("", None):
            if row["type"] == "checkbox":
                k.form.setChecked(row["name"], bool(answers[row["name"]]))
            else:
                k.form.setAnswer(row["name"], str(answers[row["name"]]))


def items(root: QQuickItem) -> list[QQuickItem]:
    out = [root]
    for child in root.childItems():
        out.extend(items(child))
    return out


def visible_texts(ui: KioskUi) -> list[str]:
    """Every text the citizen can see right now (Text, TextField, TextArea items)."""
    texts = []
    for item in items(ui.window.contentItem()):
        if not item.isVisible():
            continue
        value = item.property("text")
        if isinstance(value, str) and value:
            texts.append(value)
    return texts
