"""One wipe list: after a citizen's session every peer and view-model is as the next citizen must find it.

The test reads what QML can read (every property of every published object, every row of every list model
they own) before a citizen arrives and after their session ends, and compares: a value left over from the
first citizen shows up as a difference, whichever object holds it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.ui.list_models import DictListModel
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import drive_to, wait_screen

#: Properties that change with time or with the camera, not with the citizen; and the country's province
#: list, loaded once on the first delivery screen and the same for everyone.
MOVING = {"receiptTime", "frameTick", "idleSecondsLeft", "provinceModel"}


def readable(obj: QObject) -> dict[str, Any]:
    """Every property QML can read on `obj` (its own, not QObject's), models as their rows."""
    meta, out = obj.metaObject(), {}
    # From QObject's own count: PySide's propertyOffset() may already count the class's properties.
    for i in range(QObject.staticMetaObject.propertyCount(), meta.propertyCount()):
        name = meta.property(i).name()
        if name in MOVING:
            continue
        value = obj.property(name)
        out[name] = rows(value) if isinstance(value, QAbstractItemModel) else value
    return out


def rows(model: QAbstractItemModel) -> list[Any]:
    if isinstance(model, DictListModel):
        return model.rows()
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def snapshot(ui: KioskUi) -> dict[str, Any]:
    peers = ui.peers
    seen: dict[str, Any] = {name: readable(peer) for name, peer in peers.published().items()}
    for holder in peers.context.citizen_data_holders():
        name = holder.objectName() or type(holder).__name__
        seen[f"holder:{name}"] = readable(holder)
        meta = holder.metaObject()
        published = {meta.property(i).name() for i in range(meta.propertyCount())}
        shown = {id(holder.property(p)) for p in published if isinstance(holder.property(p), QObject)}
        for model in holder.findChildren(DictListModel):
            if id(model) not in shown:  # a model QML reads is compared with its property above
                seen[f"holder:{name}:{model.objectName() or id(model)}"] = model.rows()
    return seen


def test_after_a_session_every_peer_and_view_model_is_empty(qtbot: QtBot, ui: KioskUi) -> None:
    peers = ui.peers
    qtbot.waitUntil(lambda: peers.procedures.state == "ready", timeout=15000)
    before = snapshot(ui)
    holders = {type(h).__name__ for h in peers.context.citizen_data_holders()}
    # Each object that can hold a citizen's data is on the one list.
    assert {"CardPeer", "FormPeer", "SubmissionPeer", "VisitPeer", "ProceduresPeer", "DocumentsViewModel",
            "DeliveryViewModel", "PaymentViewModel", "Accessibility", "AccountViewModel", "CheckViewModel",
            "GuidesViewModel"} <= holders

    drive_to(qtbot, ui, "review")
    peers.visit.switchLanguage("en")  # choices of this citizen: the language, the text size, staff called
    peers.accessibility.setProperty("textScale", 1.5)
    peers.visit.callStaff()
    peers.procedures.search("khai sinh")
    drive_to(qtbot, ui, "receipt")
    during = snapshot(ui)
    assert during["dossier"]["code"] and during["card"]["applicantModel"], "the session held citizen data"

    peers.visit.finish()  # "Xong": the survey, then the wipe
    wait_screen(qtbot, ui, "feedback")
    peers.visit.skipFeedback()
    wait_screen(qtbot, ui, "attract")
    after = snapshot(ui)
    left = {f"{key}.{name}": (before[key].get(name), value) if isinstance(before.get(key), dict) else value
            for key, values in after.items() if before.get(key) != values
            for name, value in (values.items() if isinstance(values, dict) else [("rows", values)])
            if not isinstance(before.get(key), dict) or before[key].get(name) != value}
    assert left == {}, f"left over from the last citizen: {left}"


def test_the_window_closing_wipes_too(qtbot: QtBot, services: KioskServices) -> None:
    ui = create_ui(services, size=PORTRAIT)
    ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    ui.window.show()
    drive_to(qtbot, ui, "confirm")
    assert ui.peers.card.applicant.rows()
    ui.close()
    assert_ui_idle(ui)
    assert ui.peers.card.applicant.rows() == [] and ui.peers.context.flow.session.reading is None
