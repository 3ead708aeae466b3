"""The view-model behind the guides: per-procedure, illustrated, step-by-step help, also played slowly on
the attract screen.

The content lives in resources/guides/guides.json (texts in Vietnamese and English, one picture per
step), so a new procedure's guide needs no code: `load_guides` checks the file's shape and that every
picture exists, and says exactly what is wrong when it does not.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot

from kiosk.capture.resources import resources_dir
from kiosk.ui.flow import KioskFlow, Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.texts import Bilingual, pick

log = logging.getLogger(__name__)

GUIDES_DIR: Path = resources_dir() / "guides"
GUIDES_FILE: Path = GUIDES_DIR / "guides.json"


@dataclass(frozen=True)
class GuideStep:
    title: Bilingual
    text: Bilingual
    image: Path


@dataclass(frozen=True)
class Guide:
    code: str
    name: Bilingual
    summary: Bilingual
    steps: tuple[GuideStep, ...]


def _bilingual(value: Any, where: str) -> Bilingual:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value[k].strip()
                                              for k in ("vi", "en")):
        raise ValueError(f"{where}: expected {{\"vi\": \"…\", \"en\": \"…\"}}, both non-empty")
    return value["vi"].strip(), value["en"].strip()


def load_guides(path: Path = GUIDES_FILE) -> tuple[Guide, ...]:
    """The guides in file order; ValueError naming the place when the file is not as described."""
    data = json.loads(path.read_text(encoding="utf-8"))
    procedures = data.get("procedures") if isinstance(data, dict) else None
    if not isinstance(procedures, list) or not procedures:
        raise ValueError(f"{path.name}: expected {{\"procedures\": [ … ]}} with at least one guide")
    guides, seen = [], set()
    for i, raw in enumerate(procedures):
        where = f"{path.name}: procedures[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("code"), str) or not raw["code"]:
            raise ValueError(f"{where}: a guide needs a \"code\"")
        if raw["code"] in seen:
            raise ValueError(f"{where}: code {raw['code']!r} appears twice")
        seen.add(raw["code"])
        steps_raw = raw.get("steps")
        if not isinstance(steps_raw, list) or not steps_raw:
            raise ValueError(f"{where}: a guide needs at least one step")
        steps = []
        for j, step in enumerate(steps_raw):
            at = f"{where}.steps[{j}]"
            if not isinstance(step, dict) or not isinstance(step.get("image"), str):
                raise ValueError(f"{at}: a step needs an \"image\" file name")
            image = path.parent / step["image"]
            if not image.is_file():
                raise ValueError(f"{at}: image {step['image']!r} is not in {path.parent}")
            steps.append(GuideStep(_bilingual(step.get("title"), f"{at}.title"),
                                   _bilingual(step.get("text"), f"{at}.text"), image))
        guides.append(Guide(raw["code"], _bilingual(raw.get("name"), f"{where}.name"),
                            _bilingual(raw.get("summary"), f"{where}.summary"), tuple(steps)))
    return tuple(guides)


def _url(path: Path) -> str:
    return QUrl.fromLocalFile(str(path)).toString()


class GuidesViewModel(QObject):
    """`guides` in QML: the list of guides, the chosen guide's steps, and the attract screen's slides."""

    changed = Signal()

    def __init__(self, *, flow: KioskFlow, language: Callable[[], str],
                 guides: tuple[Guide, ...] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        try:
            self._guides = guides if guides is not None else load_guides()
        except (OSError, ValueError) as error:  # the kiosk still works without its guides
            log.error("guides not loaded: %s", error)
            self._guides = ()
        self._selected = ""
        self.list = DictListModel(("code", "name", "summary", "steps", "image"), self)
        self.steps = DictListModel(("number", "title", "text", "image"), self)
        # The attract loop: every step of every guide, in Vietnamese with English underneath (the
        # citizen has not chosen a language yet).
        self.slides = DictListModel(("code", "guide", "guideEn", "number", "title", "titleEn", "image"), self)
        self.slides.set_rows([
            {"code": g.code, "guide": g.name[0], "guideEn": g.name[1], "number": n, "title": s.title[0],
             "titleEn": s.title[1], "image": _url(s.image)}
            for g in self._guides for n, s in enumerate(g.steps, start=1)
        ])
        self._fill()
        flow.subscribe(self._on_screen)

    @property
    def lang(self) -> str:
        return self._language()

    def guides(self) -> tuple[Guide, ...]:
        return self._guides

    def _on_screen(self, screen: Screen) -> None:
        if screen is Screen.GUIDES and not self._selected and self._guides:
            self.select(self._guides[0].code)
        elif screen is Screen.ATTRACT:
            self.clear()

    @Slot()
    def clear(self) -> None:
        """The wipe: no trace of which guide this citizen looked at."""
        self._selected = ""
        self._fill()

    @Slot(str)
    def select(self, code: str) -> None:
        if any(g.code == code for g in self._guides):
            self._selected = code
            self._fill()

    @Slot()
    def relabel(self) -> None:
        self._fill()

    def _fill(self) -> None:
        lang = self.lang
        self.list.set_rows([{"code": g.code, "name": pick(g.name, lang), "summary": pick(g.summary, lang),
                             "steps": len(g.steps), "image": _url(g.steps[0].image)} for g in self._guides])
        guide = next((g for g in self._guides if g.code == self._selected), None)
        self.steps.set_rows([] if guide is None else [
            {"number": n, "title": pick(s.title, lang), "text": pick(s.text, lang), "image": _url(s.image)}
            for n, s in enumerate(guide.steps, start=1)])
        self.changed.emit()

    def _get_selected(self) -> str:
        return self._selected

    def _get_selected_name(self) -> str:
        guide = next((g for g in self._guides if g.code == self._selected), None)
        return pick(guide.name, self.lang) if guide else ""

    def _get_list(self) -> QObject:
        return self.list

    def _get_steps(self) -> QObject:
        return self.steps

    def _get_slides(self) -> QObject:
        return self.slides

    selected = Property(str, _get_selected, notify=changed)
    selectedName = Property(str, _get_selected_name, notify=changed)
    guideModel = Property(QObject, _get_list, constant=True)
    stepModel = Property(QObject, _get_steps, constant=True)
    slideModel = Property(QObject, _get_slides, constant=True)


def attach_guides(engine: Any, context: Any) -> GuidesViewModel:
    """Make the guides view-model and expose it to QML as `guides` (before the QML loads). `context` is the
    kiosk.ui.context.KioskContext; the guide a citizen opened is wiped with the rest."""
    guides = GuidesViewModel(flow=context.flow, language=context.language_now, parent=context)
    context.holds_citizen_data(guides)
    context.languageChanged.connect(guides.relabel)
    engine.rootContext().setContextProperty("guides", guides)
    return guides
