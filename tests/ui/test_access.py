"""Made for everyone: larger text, high contrast, speech, the tone row, pseudo-translation, the soak."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices
from kiosk.bench.soak import format_soak
from kiosk.bench.soak_window import soak_kiosk
from kiosk.cli import build_parser
from kiosk.config import KioskConfig
from kiosk.ui.access import Accessibility, mark_word_before_cursor
from kiosk.ui.pseudo import PseudoTranslator, pseudo
from kiosk.ui.speech import instruction
from kiosk.ui.window import LANDSCAPE, PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle, card_camera
from tests.ui.helpers import drive_to, items, resize_to, visible_texts
from tests.ui.test_screens import SCREENS, small_buttons


@pytest.fixture
def config(config: KioskConfig) -> KioskConfig:
    """Qt's mock text-to-speech engine: it "speaks" (state, words) without a sound card or a voice."""
    return dataclasses.replace(config, ui=dataclasses.replace(config.ui, speech_engine="mock"))


def open_ui(services: KioskServices, pseudo: bool | None = None) -> KioskUi:
    kiosk_ui = create_ui(services, size=PORTRAIT, pseudo=pseudo)
    kiosk_ui.peers.card.set_camera_opener(lambda: card_camera("01_nguyen_van_an_front.png"))
    kiosk_ui.window.show()
    return kiosk_ui


@pytest.fixture
def ui(qtbot: QtBot, services: KioskServices) -> Iterator[KioskUi]:
    kiosk_ui = open_ui(services)
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)


def access(ui: KioskUi) -> Accessibility:
    return ui.peers.accessibility


def scene_rect(item: QQuickItem) -> tuple[float, float, float, float]:
    top_left = item.mapToScene(item.boundingRect().topLeft())
    return top_left.x(), top_left.y(), item.width(), item.height()


def named(ui: KioskUi, name: str) -> QQuickItem:
    found = [i for i in items(ui.window.contentItem()) if i.objectName() == name]
    assert found, f"no item {name!r}"
    return found[0]


def click(ui: KioskUi, item: QQuickItem) -> None:
    x, y, w, h = scene_rect(item)
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(x + w / 2), int(y + h / 2)))


# ---------------------------------------------------------------------------------- text size, contrast
@pytest.mark.parametrize("screen", SCREENS)
def test_screens_render_at_150_percent_and_in_high_contrast(qtbot: QtBot, ui: KioskUi, screen: str,
                                                            tmp_path: Path) -> None:
    """No QML warning (pytest fails on any), buttons still 20 mm, the top bar's buttons all on screen."""
    if screen == "readCard":
        ui.peers.card.set_camera_opener(lambda: card_camera("91_empty_desk.png"))
    drive_to(qtbot, ui, screen)
    for scale, contrast in ((1.5, False), (1.0, True), (1.5, True)):
        access(ui).setProperty("textScale", scale)
        access(ui).setProperty("highContrast", contrast)
        access(ui).setProperty("speechOn", True)  # the widest top bar: the volume button shows too
        for size in (PORTRAIT, LANDSCAPE):
            resize_to(qtbot, ui, size)
            image = ui.window.grabWindow()
            assert image.save(str(tmp_path / f"{screen}_{scale}_{contrast}_{size[0]}.png"))
            assert small_buttons(ui) == []
            x, _, w, _ = scene_rect(named(ui, "callStaffButton"))
            assert x + w <= size[0] + 0.5, "the top bar's last button is cut off"
    assert named(ui, "textSizeButton").property("checked") is True
    assert named(ui, "contrastButton").property("checked") is True


def test_top_bar_buttons_cycle_text_size_and_contrast_and_the_wipe_resets_them(qtbot: QtBot,
                                                                              ui: KioskUi) -> None:
    drive_to(qtbot, ui, "home")
    a = access(ui)
    seen = []
    for _ in range(3):
        click(ui, named(ui, "textSizeButton"))
        qtbot.wait(20)
        seen.append(a.property("textScale"))
    assert seen == [1.25, 1.5, 1.0]
    click(ui, named(ui, "contrastButton"))
    click(ui, named(ui, "textSizeButton"))
    click(ui, named(ui, "speechButton"))
    def state() -> tuple[bool, float, bool]:
        return a.property("highContrast"), a.property("textScale"), a.property("speechOn")

    assert state() == (True, 1.25, True)
    ui.peers.visit.startOver()
    assert state() == (False, 1.0, False)
    assert named(ui, "contrastButton").property("checked") is False


# ---------------------------------------------------------------------------------- speech
def test_speech_is_off_by_default_and_reads_each_screen_once_on(qtbot: QtBot, ui: KioskUi) -> None:
    a = access(ui)
    ui.peers.card.set_camera_opener(lambda: card_camera("91_empty_desk.png"))  # stay on readCard
    drive_to(qtbot, ui, "home")
    assert a.property("speechOn") is False
    assert not a.speaker.active, "no speech engine is even started while speech is off"

    said: list[str] = []
    a.speaker.spoken.connect(said.append)
    tts = a.speaker.tts
    states: list[QTextToSpeech.State] = []
    tts.stateChanged.connect(states.append)
    click(ui, named(ui, "speechButton"))  # the citizen turns it on: the current screen is read at once
    assert said == [instruction("home", "vi")]
    assert tts.engine() == "mock"
    qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=10000)

    assert said[-1] == instruction("home", "vi") == a.property("lastSpoken")
    assert said[-1].startswith("Ông bà cần làm gì?")
    ui.peers.visit.switchLanguage("en")
    drive_to(qtbot, ui, "readCard")
    assert said[-1] == instruction("readCard", "en")

    click(ui, named(ui, "volumeButton"))  # 75 % → 100 %, and the sentence again at the new volume
    assert tts.volume() == pytest.approx(1.0)
    assert said[-1] == instruction("readCard", "en")

    ui.peers.visit.startOver()  # the next citizen starts in silence
    assert a.property("speechOn") is False
    qtbot.waitUntil(lambda: tts.state() == QTextToSpeech.State.Ready, timeout=10000)
    count = len(said)
    drive_to(qtbot, ui, "home")
    assert len(said) == count


def test_every_screen_has_a_sentence_in_both_languages() -> None:
    from kiosk.ui.flow import Screen

    for screen in Screen:
        assert instruction(screen.value, "vi") and instruction(screen.value, "en"), screen


# ---------------------------------------------------------------------------------- tone row
@pytest.mark.parametrize(("text", "cursor", "mark", "expected"), [
    ("Nguyen", 6, "ê", "Nguyên"),
    ("Nguyên", 6, "ngã", "Nguyễn"),
    ("Nguyen Van", 6, "ê", "Nguyên Van"),  # the word before the cursor, not the last word
    ("pho Hoang Quoc Viet", 9, "huyền", "pho Hoàng Quoc Viet"),
    ("nguoi", 5, "ơ", "ngươi"),
    ("dong", 4, "đ", "đong"),
    ("Ha ", 3, "sắc", "Ha "),  # nothing right before the cursor: unchanged
    ("", 0, "ê", ""),
])
def test_tone_row_marks_the_word_before_the_cursor(text: str, cursor: int, mark: str, expected: str) -> None:
    assert mark_word_before_cursor(text, cursor, mark) == expected


def test_tone_row_shows_with_the_keyboard_and_marks_the_focused_field(qtbot: QtBot, ui: KioskUi) -> None:
    drive_to(qtbot, ui, "form")
    loader = ui.window.findChild(QQuickItem, "screenLoader")
    assert loader is not None
    fields = [i for i in items(loader) if "TextField" in i.metaObject().className() and i.isVisible()]
    assert fields, "the form has a text field"
    field = fields[0]
    tone_row = named(ui, "toneRow")
    assert not tone_row.isVisible()
    field.forceActiveFocus()
    qtbot.waitUntil(tone_row.isVisible, timeout=5000)
    field.setProperty("text", "Nguyen")
    field.setProperty("cursorPosition", 6)
    click(ui, named(ui, "toneRow_ê"))
    click(ui, named(ui, "toneRow_ngã"))
    assert field.property("text") == "Nguyễn"
    assert field.property("cursorPosition") == 6
    assert field.hasActiveFocus(), "the tone row never takes the focus (the keyboard would close)"
    # The form heard about it as if typed.
    assert "Nguyễn" in [row["value"] for row in ui.peers.form.model.rows()]


# ---------------------------------------------------------------------------------- pseudo-translation
def test_pseudo_lengthens_accents_and_brackets_and_keeps_placeholders() -> None:
    assert pseudo("Chụp ngay") == "⟦Ĉĥụp ñĝåÿ~~~~⟧"
    for source in ("Chụp ngay", "Thời gian nộp: %1", "%n trang", "Xong — xoá thông tin và kết thúc"):
        out = pseudo(source)
        assert out.startswith("⟦") and out.endswith("⟧")
        assert len(out) >= 1.4 * len(source)
    assert "%1" in pseudo("Thời gian nộp: %1") and "%n" in pseudo("%n trang")


def test_pseudo_translator_translates_every_source_string(qtbot: QtBot) -> None:
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("DocumentsScreen", "Chụp ngay") == pseudo("Chụp ngay")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("DocumentsScreen", "Chụp ngay") == "Chụp ngay"


def test_pseudo_mode_brackets_the_screens_and_leaves_no_translator_behind(qtbot: QtBot,
                                                                         services: KioskServices) -> None:
    kiosk_ui = open_ui(services, pseudo=True)
    try:
        drive_to(qtbot, kiosk_ui, "home")
        texts = visible_texts(kiosk_ui)
        assert pseudo("Ông/bà cần làm gì?") in texts
        assert pseudo("Gọi nhân viên") in texts
        kiosk_ui.peers.visit.switchLanguage("en")  # English, pseudo-translated too
        qtbot.wait(50)
        assert pseudo("What would you like to do?") in visible_texts(kiosk_ui)
    finally:
        kiosk_ui.close()
    assert QCoreApplication.translate("HomeScreen", "Ông/bà cần làm gì?") == "Ông/bà cần làm gì?"


def test_demo_options_parse() -> None:
    args = build_parser().parse_args(["demo", "--screenshots", "out", "--all", "--pseudo"])
    assert args.all_variants and args.pseudo
    args = build_parser().parse_args(["bench", "soak", "--journeys", "5"])
    assert args.journeys == 5


# ---------------------------------------------------------------------------------- soak
def test_soak_runs_journeys_and_reports_memory(qtbot: QtBot, config: KioskConfig) -> None:
    # Three journeys are enough to prove it runs and measures (growth needs two after the warm-up);
    # `kiosk bench soak` runs hundreds.
    result = soak_kiosk(config, 3, warmup=1)
    assert (result.journeys, result.failures) == (3, 0)
    assert result.rss_warm and result.rss_end and result.growth is not None
    assert [s.journey for s in result.samples][-1] == 3
    report = format_soak(result)
    assert "RSS" in report and "warm-up" in report and "3 journeys" in report


def test_pseudo_mode_reaches_texts_built_in_python_and_ends_with_the_window(
    qtbot: QtBot, services: KioskServices
) -> None:
    from kiosk.ui.texts import MESSAGES, pick

    ui = open_ui(services, pseudo=True)
    try:
        text = pick(MESSAGES["needs_consent"], "vi")
        assert text.startswith("⟦") and len(text) > len(MESSAGES["needs_consent"])
    finally:
        ui.close()
    assert pick(MESSAGES["needs_consent"], "vi") == MESSAGES["needs_consent"]
