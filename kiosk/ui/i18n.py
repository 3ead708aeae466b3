"""Switching the interface language: Qt translators for QML (qsTr) and Qt's own dialogs."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtQml import QQmlEngine

from kiosk.capture.resources import resources_dir

log = logging.getLogger(__name__)

TRANSLATIONS_DIR: Path = resources_dir() / "translations"


class LanguageSwitcher(QObject):
    """Vietnamese is the source language of every string; English is a translation."""

    def __init__(self, engine: QQmlEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._installed: list[QTranslator] = []
        self.language = "vi"

    def apply(self, language: str) -> None:
        if language == self.language:
            return
        app = QCoreApplication.instance()
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
        if language != "vi" and app is not None:
            ours = QTranslator(self)
            if ours.load(str(TRANSLATIONS_DIR / f"kiosk_{language}.qm")):
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
