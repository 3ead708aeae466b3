"""Whole journeys through the real UI, the real outbox and the sandbox portal over HTTP."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices, build_services, run_demo
from kiosk.config import KioskConfig
from kiosk.store.feedback import monthly_report
from kiosk.store.fleet_outbox import FleetOutbox
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import drive_to, visible_texts, wait_screen

NAME, ID_NUMBER = "Nguyễn Văn An", "001089012345"


def make_ui(services: KioskServices) -> KioskUi:
    ui = create_ui(services, size=PORTRAIT)
    ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    ui.window.show()
    return ui


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    kiosk_ui = make_ui(services)
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)


def admin_dossiers(services: KioskServices) -> list[dict[str, object]]:
    response = requests.get(f"{services.portal_url}/sandbox/admin/dossiers", timeout=5)
    response.raise_for_status()
    body = response.json()
    assert isinstance(body, list)
    return body


def test_card_to_receipt_reaches_the_portal_once(qtbot: QtBot, ui: KioskUi, services: KioskServices) -> None:
    drive_to(qtbot, ui, "confirm")
    texts = visible_texts(ui)
    assert NAME in texts and ID_NUMBER in texts  # prefilled from the card, diacritics intact
    drive_to(qtbot, ui, "receipt")
    code = ui.peers.dossier.code
    assert code.startswith("000.00.00.H26-")
    dossiers = admin_dossiers(services)
    assert [d["dossier_code"] for d in dossiers] == [code]
    assert services.portal.get_dossier(code).status == "received"
    assert services.outbox.counts()["sent"] == 1
    assert code in visible_texts(ui)


def test_finish_wipes_everything_the_citizen_entered(qtbot: QtBot, ui: KioskUi) -> None:
    drive_to(qtbot, ui, "receipt")
    ui.peers.visit.finish()
    wait_screen(qtbot, ui, "feedback")  # the survey comes first; it shows nothing of the citizen
    assert not any(NAME in t or ID_NUMBER in t for t in visible_texts(ui))
    # The survey: the overall face, two SIPAS criteria (one unknown, dropped), a comment with a phone
    # number (withheld).
    ui.peers.visit.giveSurvey(4, {"staff": 5, "bogus": 9}, "Nhân viên nhiệt tình, gọi 0912345678")
    wait_screen(qtbot, ui, "attract")
    k = ui.peers
    qtbot.waitUntil(lambda: k.context.tasks.pool.activeThreadCount() == 0)
    vietnam_month = datetime.now(UTC).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).timetuple()[:2]
    report = monthly_report(k.context.services.outbox.session_factory, *vietnam_month)
    assert report.answers == 1 and report.by_score[4] == 1 and report.comments == []
    # The province hears the score with the procedure, never the comment nor the person.
    fleet = FleetOutbox(k.context.services.outbox.session_factory)
    told = [e.data for e in fleet.pending(1000) if e.type == "feedback"]
    assert [d["scores"] for d in told] == [{"overall": 4, "staff": 5}] and "0912345678" not in str(told)
    leftovers = [t for t in visible_texts(ui) if NAME in t or ID_NUMBER in t]
    assert leftovers == []
    assert k.context.flow.session.reading is None and k.context.flow.session.applicant == {}
    assert k.card.applicant.rows() == [] and k.form.model.rows() == [] and k.dossier.review.rows() == []
    assert k.dossier.code == "" and k.dossier.receiptQr == ""
    # Walking the journey again shows empty fields until a card is read, never the old citizen.
    k.card.set_camera_opener(lambda: card_camera("91_empty_desk.png"))
    k.visit.touchAttract()
    k.visit.chooseLanguage("vi")
    k.dossier.start()
    k.card.typeInstead()
    wait_screen(qtbot, ui, "confirm")
    assert [r["value"] for r in k.card.applicant.rows()] == ["", "", "", "", ""]
    assert not any(NAME in t or ID_NUMBER in t for t in visible_texts(ui))


def test_idle_timeout_warns_then_wipes(qtbot: QtBot, config: KioskConfig) -> None:
    # The shortest idle settings the guard counts (whole seconds): warning after 1 s, wipe 1 s later.
    quick = dataclasses.replace(config, ui=dataclasses.replace(config.ui, idle_timeout_s=2, idle_warning_s=1))
    services = build_services(quick)
    ui = make_ui(services)
    try:
        drive_to(qtbot, ui, "confirm")
        k = ui.peers
        qtbot.waitUntil(lambda: k.context.idleWarning, timeout=5000)
        k.context.moreTime()  # "I need more time" restarts the wait
        assert not k.context.idleWarning and k.context.screen == "confirm"
        qtbot.waitUntil(lambda: k.context.idleWarning, timeout=5000)
        qtbot.waitUntil(lambda: k.context.screen == "attract", timeout=5000)
        assert not k.context.idleWarning
        assert k.card.applicant.rows() == []
        assert not any(NAME in t for t in visible_texts(ui))
    finally:
        ui.close()
        services.close()


def test_portal_down_queues_the_dossier_and_sync_sends_it_later(qtbot: QtBot, ui: KioskUi,
                                                                 services: KioskServices) -> None:
    drive_to(qtbot, ui, "review")
    assert services.sandbox is not None
    real_portal = services.portal.base_url
    services.portal.base_url = "http://127.0.0.1:9"  # nothing listens there: a pulled cable
    services.portal.retry = dataclasses.replace(services.portal.retry, attempts=1)
    ui.peers.dossier.setConsent(True)
    ui.peers.dossier.submit()
    wait_screen(qtbot, ui, "receipt")
    k = ui.peers
    assert k.dossier.submittedOffline and k.dossier.code == "" and k.dossier.reference
    assert services.outbox.counts()["queued"] == 1
    assert admin_dossiers(services) == []
    # The network returns; the outbox worker sends the queued dossier.
    services.portal.base_url = real_portal
    entry = services.outbox.entries()[0]
    with services.outbox._sessions.begin() as session:  # make it due now instead of after the back-off
        from kiosk.store.models import OutboxEntry
        session.get(OutboxEntry, entry.id).next_attempt_at = entry.created_at  # type: ignore[union-attr]
    worker = services.worker  # the real outbox worker, as the window runs it
    assert worker is not None and k.context.services.worker is worker
    worker.start()
    try:
        k.dossier.syncNow()  # wakes the worker (the controller never sends on its own)
        qtbot.waitUntil(lambda: services.outbox.counts()["sent"] == 1, timeout=10000)
    finally:
        worker.stop()
    assert len(admin_dossiers(services)) == 1


def test_language_switch_mid_journey_keeps_answers(qtbot: QtBot, ui: KioskUi) -> None:
    drive_to(qtbot, ui, "form")
    k = ui.peers
    k.visit.switchLanguage("en")
    qtbot.wait(100)
    labels = [r["label"] for r in k.form.model.rows()]
    assert "Full name" in labels
    assert NAME in [r["value"] for r in k.form.model.rows()]
    texts = visible_texts(ui)
    assert "Continue" in texts and "‹  Back" in texts and "Tiếp tục" not in texts  # QML retranslated


@pytest.mark.slow
def test_demo_writes_a_screenshot_per_screen(tmp_path: Path, config: KioskConfig) -> None:
    out = tmp_path / "shots"
    # The kiosk asks whether the fee was paid every 0.2 s (2 s on a kiosk).
    config = dataclasses.replace(config, ui=dataclasses.replace(config.ui, payment_poll_s=0.2))
    assert run_demo(config, screenshots=out, orientations=["portrait"], card_camera_speed=3.0) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert len(names) == 15  # the short journey of issue 14: no language, list or info screen
    assert names[0] == "portrait_01_attract.png" and names[-1] == "portrait_15_after_finish.png"
    for step in ("documents_low_dpi", "delivery", "payment", "receipt", "feedback"):
        assert any(step in name for name in names), step  # every step of the story is in the pictures


def test_back_of_the_card_only_is_accepted_with_a_name_warning(qtbot: QtBot, ui: KioskUi) -> None:
    k = ui.peers
    k.card.set_camera_opener(lambda: card_camera("02_nguyen_van_an_back.png", repeat_each=100))
    drive_to(qtbot, ui, "readCard")
    qtbot.waitUntil(lambda: k.context.screen == "confirm", timeout=30000)  # MRZ agreed, no QR came: accepted
    assert k.context.flow.session.reading is not None and k.context.flow.session.reading.source == "mrz"
    warnings = k.card.property("warnings")
    assert any("không có dấu" in w for w in warnings)
    assert any("không có dấu" in t for t in visible_texts(ui))


def test_a_full_queue_refuses_new_dossiers_before_the_citizen_starts(qtbot: QtBot, ui: KioskUi,
                                                                     services: KioskServices) -> None:
    from datetime import timedelta

    from kiosk.store.outbox import QueueLimits

    k = ui.peers
    drive_to(qtbot, ui, "home")
    qtbot.waitUntil(lambda: k.context.tasks.pool.activeThreadCount() == 0)  # the start-up sync has run
    for n in range(2):  # two dossiers waiting (as if the portal had been down all morning)
        services.outbox.enqueue(f"00000000-0000-4000-8000-00000000000{n}", "1.004873.000.00.00.H26",
                                {"applicant": {}, "answers": {}})
    k.context.services.limits = QueueLimits(max_queue_age=timedelta(hours=48), max_queue_size=1,
                           max_catalogue_age=timedelta(hours=168))
    k.dossier.start()
    assert k.context.screen == "home" and k.context.message  # refused, with the reason on screen
    k.context.services.limits = None
    k.dossier.start()
    wait_screen(qtbot, ui, "readCard")


def test_procedures_are_found_without_diacritics_and_by_category(qtbot: QtBot, ui: KioskUi) -> None:
    k = ui.peers
    drive_to(qtbot, ui, "procedure")
    everything = k.procedures.model.rowCount()
    # A citizen types and taps at human speed: the list (and its QML delegates) settles between changes.
    k.procedures.search("dang ky khai sinh")
    qtbot.wait(100)
    names = [r["name"] for r in k.procedures.model.rows()]
    assert "Đăng ký khai sinh" in names and len(names) < everything
    k.procedures.search("1.004873")  # the code printed on a guide
    qtbot.wait(100)
    assert [r["code"] for r in k.procedures.model.rows()] == ["1.004873.000.00.00.H26"]
    k.procedures.search("")
    qtbot.wait(100)
    field = k.procedures.property("fields")[0]
    k.procedures.chooseField(field)
    qtbot.wait(100)
    assert {r["field"] for r in k.procedures.model.rows()} == {field}
    k.procedures.chooseField(field)  # the same chip again: everything
    qtbot.wait(100)
    assert k.procedures.model.rowCount() == everything


def test_a_printed_guides_qr_opens_its_procedure(qtbot: QtBot, ui: KioskUi, tmp_path: Path) -> None:
    import segno

    from kiosk.capture.frames import ImageSequenceSource

    guide = tmp_path / "guide.png"
    segno.make("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"
               ).save(str(guide), scale=10, border=4)
    k = ui.peers
    drive_to(qtbot, ui, "procedure")
    k.card.set_camera_opener(lambda: ImageSequenceSource([guide], repeat_each=50, fps=20.0))
    k.visit.back()  # reopen the list with the guide in front of the camera
    wait_screen(qtbot, ui, "confirm")
    k.card.confirm()
    wait_screen(qtbot, ui, "procedureInfo", 20000)
    assert k.context.flow.session.procedure_code == "1.001193.000.00.00.H26"


def test_the_survey_is_answered_by_touch_and_reaches_the_fleet_report(qtbot: QtBot, ui: KioskUi) -> None:
    from tests.ui.test_staff import tap

    k = ui.peers
    drive_to(qtbot, ui, "receipt")
    procedure = k.context.flow.session.procedure_code
    k.visit.finish()
    wait_screen(qtbot, ui, "feedback")
    tap(qtbot, ui, "face_5")  # overall: very satisfied
    tap(qtbot, ui, "face_staff_4")
    tap(qtbot, ui, "face_time_2")
    tap(qtbot, ui, "face_time_3")  # changed one's mind: the last touch counts
    tap(qtbot, ui, "sendFeedback")
    wait_screen(qtbot, ui, "attract")
    qtbot.waitUntil(lambda: k.context.tasks.pool.activeThreadCount() == 0)
    fleet = FleetOutbox(k.context.services.outbox.session_factory)
    told = [e.data for e in fleet.pending(1000) if e.type == "feedback"]
    [event] = told
    assert event["procedure"] == procedure and event["unit"] == "000.00.00.H26"  # the config's unit code
    assert event["scores"] == {"overall": 5, "staff": 4, "time": 3}
