"""The peers over their shared context, without QML: the error channel, the wipe list, and what QML may
call on each published object."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.capture.resources import resources_dir
from kiosk.ui.context import PeerServices
from kiosk.ui.peers import KioskPeers, build_peers
from kiosk.ui.texts import message
from tests.ui.conftest import card_camera

QML = resources_dir() / "qml"
PEER_NAMES = ("kiosk", "visit", "card", "procedures", "form", "dossier", "docs", "delivery", "payment",
              "access")


@pytest.fixture
def peers(qtbot: QtBot, services: KioskServices) -> Iterator[KioskPeers]:
    built = build_peers(PeerServices(outbox=services.outbox, portal=services.portal),
                        open_camera=lambda: card_camera("91_empty_desk.png"))
    built.start()
    qtbot.waitUntil(lambda: built.procedures.state == "ready", timeout=15000)
    yield built
    built.context.end_session()
    built.shutdown()
    built.context.deleteLater()


def test_problems_reach_the_citizen_through_the_one_channel(qtbot: QtBot, peers: KioskPeers) -> None:
    context, told = peers.context, []
    context.messageChanged.connect(lambda: told.append(context.message))
    peers.visit.touchAttract()
    peers.dossier.start()
    peers.card.typeInstead()  # no card: the details are typed, and none is typed yet
    peers.card.confirm()
    assert context.message == message("missing_fields", "vi")
    peers.visit.switchLanguage("en")
    peers.visit.callStaff()
    assert context.message == message("staff_called", "en") != message("staff_called", "vi")
    peers.visit.back()  # a new screen takes the banner down
    assert context.screen != "confirm" and context.message == ""
    assert told[-1] == "" and message("missing_fields", "vi") in told


def test_every_holder_of_citizen_data_is_on_the_wipe_list(qtbot: QtBot, peers: KioskPeers) -> None:
    holders = peers.context.citizen_data_holders()
    for name, peer in peers.published().items():
        if name != "kiosk":
            assert peer in holders, f"{name} is published but never wiped"
    peers.visit.touchAttract()
    peers.dossier.start()
    peers.card.typeInstead()
    peers.card.setField("full_name", "Nguyễn Thị Bình")
    peers.procedures.search("khai sinh")
    peers.context.end_session()
    assert peers.card.applicant.rows() == [] and peers.procedures.field == ""
    assert len(peers.procedures.model.rows()) == len(peers.context.catalogue.procedures)  # type: ignore[union-attr]
    assert peers.context.flow.session.applicant_values().get("full_name") in (None, "")


def qml_uses() -> dict[str, set[str]]:
    """`name.member` for every published name, across all QML files."""
    uses: dict[str, set[str]] = {name: set() for name in PEER_NAMES}
    pattern = re.compile(r"(?<![\w.])(" + "|".join(PEER_NAMES) + r")\.([A-Za-z_]\w*)")
    for path in QML.rglob("*.qml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line).split("//")[0]  # no strings, no comments
            for name, member in pattern.findall(code):
                uses[name].add(member)
    return uses


def members(obj: QObject) -> set[str]:
    meta = obj.metaObject()
    names = {meta.property(i).name() for i in range(meta.propertyCount())}
    names |= {bytes(meta.method(i).name().data()).decode() for i in range(meta.methodCount())}
    return names


def test_qml_calls_only_what_each_peer_publishes(qtbot: QtBot, peers: KioskPeers) -> None:
    published = peers.published()
    for name, used in qml_uses().items():
        missing = used - members(published[name])
        lacks = type(published[name]).__name__
        assert missing == set(), f"QML reads {name}.{sorted(missing)}, which {lacks} does not publish"


def test_the_citizen_sees_messages_in_one_place() -> None:
    shown = [path.name for path in QML.rglob("*.qml")
             for line in path.read_text(encoding="utf-8").splitlines() if "kiosk.message" in line]
    assert shown == ["Main.qml"]
