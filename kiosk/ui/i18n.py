"""The interface language: Qt translators for QML (qsTr) and Qt's own dialogs, and the same catalogue for
the texts Python builds (`translate`, used by kiosk.ui.texts)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtQml import QQmlEngine

from kiosk.capture.resources import resources_dir
from kiosk.ui.pseudo import PseudoTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR: Path = resources_dir() / "translations"


_catalogues: dict[str, QTranslator | None] = {}


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks `source` for lupdate (it reads the call, whatever module defines it); returns it unchanged.
    PySide6's own marker is typed as returning `object`; this one keeps the text a `str` for mypy."""
    return source


def translate(context: str, source: str, lang: str) -> str:
    """`source` (Vietnamese, the source language) in `lang`, from kiosk_<lang>.qm — the catalogue QML's qsTr
    reads too. By the language asked rather than the translator installed, so a view-model's text follows
    the session's language even where no window installed one (tests, a view-model without QML)."""
    if lang.startswith("vi"):
        return source
    if lang not in _catalogues:
        translator = QTranslator()
        loaded = translator.load(str(TRANSLATIONS_DIR / f"kiosk_{lang}.qm"))
        if not loaded:
            log.warning("no compiled translation for %s in %s", lang, TRANSLATIONS_DIR)
        _catalogues[lang] = translator if loaded else None
    catalogue = _catalogues[lang]
    return (catalogue.translate(context, source) if catalogue is not None else "") or source


class LanguageSwitcher(QObject):
    """Vietnamese is the source language of every string; English is a translation."""

    def __init__(self, engine: QQmlEngine, parent: QObject | None = None, *, pseudo: bool = False) -> None:
        super().__init__(parent)
        self._engine = engine
        self._installed: list[QTranslator] = []
        self.language = "vi"
        #: Pseudo-translation (kiosk.ui.pseudo): every string, Vietnamese or English, lengthened.
        self.pseudo = pseudo
        if pseudo:
            self._installed.append(PseudoTranslator(parent=self))
            QCoreApplication.installTranslator(self._installed[0])

    def apply(self, language: str) -> None:
        if language == self.language:
            return
        app = QCoreApplication.instance()
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
        if self.pseudo:
            self._installed.append(PseudoTranslator(parent=self))
        if language != "vi" and app is not None:
            ours = QTranslator(self)
            if ours.load(str(TRANSLATIONS_DIR / f"kiosk_{language}.qm")):
                if self.pseudo:
                    self._installed[0] = PseudoTranslator(ours, self)
                else:
                    self._installed.append(ours)
            else:
                log.warning("no compiled translation for %s in %s", language, TRANSLATIONS_DIR)
            qt = QTranslator(self)
            if qt.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._installed.append(qt)
        for translator in self._installed:
            QCoreApplication.installTranslator(translator)
        self.language = language
        self._engine.retranslate()

    def uninstall(self) -> None:
        """The UI is closing: leave the application without this UI's translators (a pseudo one above all)."""
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
