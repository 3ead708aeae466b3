"""The procedure catalogue (QML: `procedures`): loading it, the list with its search and field chips, the
chosen procedure's facts (fee, days, documents) on the "what it needs" screen."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.text import matches, vi_sort_key
from kiosk.portal.models import Catalogue
from kiosk.ui.context import KioskContext
from kiosk.ui.flow import Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.texts import if_any, money

log = logging.getLogger(__name__)


class ProceduresPeer(QObject):
    stateChanged = Signal()
    chosenChanged = Signal()
    filterChanged = Signal()

    def __init__(self, context: KioskContext) -> None:
        super().__init__(context)
        self._context = context
        self._state = "loading"
        self._query = ""
        self._field = ""
        self._fields: list[str] = []
        self.model = DictListModel(
            ("code", "name", "field", "fee", "days", "available", "note", "byPost"), self)
        # The search words and the chosen chip are the citizen's: wiped with the rest.
        context.holds_citizen_data(self)
        context.flow.subscribe(self._on_screen)
        context.languageChanged.connect(self._on_language)

    def clear(self) -> None:
        self._query = self._field = ""
        self.filterChanged.emit()
        self._refresh()
        self.chosenChanged.emit()

    def _on_language(self) -> None:
        self._refresh()
        self.chosenChanged.emit()

    def _on_screen(self, screen: Screen) -> None:
        if screen is Screen.PROCEDURE and self._context.catalogue is None and self._state == "error":
            self.load()
        self.chosenChanged.emit()

    # ------------------------------------------------------------------ loading
    @Slot()
    def load(self) -> None:
        self._state = "loading"
        self.stateChanged.emit()
        self._context.tasks.run(self._context.services.portal.get_catalogue, self._on_catalogue,
                                self._on_catalogue_error)

    def _on_catalogue(self, catalogue: Catalogue) -> None:
        self._state = "ready"
        self._context.set_catalogue(catalogue)
        self._refresh()
        self.stateChanged.emit()

    def _on_catalogue_error(self, error: Exception) -> None:
        log.warning("catalogue not loaded: %s", error)
        self._state = "error"
        self.stateChanged.emit()

    # ------------------------------------------------------------------ the list
    @Slot(str)
    def search(self, query: str) -> None:
        self._query = query
        self._refresh()

    @Slot(str)
    def chooseField(self, field: str) -> None:
        """A category chip (lĩnh vực); the same chip again, or "", shows every procedure."""
        self._field = "" if field == self._field else field
        self.filterChanged.emit()
        self._refresh()

    @Slot(str)
    def choose(self, code: str) -> None:
        catalogue = self._context.catalogue
        proc = catalogue.find(code) if catalogue else None
        if proc is None:
            return
        self._context.flow.choose_procedure(code, needs_documents=bool(proc.documents))

    def _refresh(self) -> None:
        catalogue, lang = self._context.catalogue, self._context.lang
        if catalogue is None:
            return
        procs = sorted(catalogue.procedures, key=lambda p: vi_sort_key(p.name.get(lang)))
        fields = sorted({p.field.get(lang) for p in procs}, key=vi_sort_key)
        if fields != self._fields:
            self._fields = fields
            self.filterChanged.emit()
        if self._field:
            procs = [p for p in procs if p.field.get(lang) == self._field]
        query = self._query
        if query.strip():
            # Without diacritics and in any tone placement: "dang ky khai sinh", "hoà"/"hòa" alike; the
            # code works too (from a printed guide).
            procs = [p for p in procs if matches(query, p.name.get(lang)) or matches(query, p.name.get("vi"))
                     or query.strip() in p.code]
        self.model.set_rows([{
            "code": p.code, "name": p.name.get(lang), "field": p.field.get(lang),
            "fee": money(p.fee_vnd, lang), "days": p.processing_days,
            # Every catalogue procedure can be filed here now that paper is captured at the kiosk; the
            # roles stay so a portal can one day mark a procedure counter-only with a note.
            "available": True, "byPost": p.postal_return_allowed, "note": "",
        } for p in procs])

    # ------------------------------------------------------------------ for QML
    def _get_state(self) -> str:
        return self._state

    def _get_fields(self) -> list[str]:
        return list(self._fields)

    def _get_field(self) -> str:
        return self._field

    def _get_chosen_name(self) -> str:
        proc = self._context.procedure()
        return proc.name.get(self._context.lang) if proc else ""

    def _get_facts(self) -> dict[str, Any]:
        proc, lang = self._context.procedure(), self._context.lang
        if proc is None:
            return {}
        return {
            "code": proc.code,
            "fee": money(proc.fee_vnd, lang),
            "days": proc.processing_days,
            "agency": proc.agency.get(lang),
            "byPost": proc.postal_return_allowed,
            "documents": [d.name.get(lang) for d in proc.documents],
            "documentLines": [d.name.get(lang) + ("" if d.mandatory else if_any(lang))
                              for d in proc.documents],
            "field": proc.field.get(lang),
            "online": proc.online_level,
        }

    def _model(self) -> QObject:
        return self.model

    state = Property(str, _get_state, notify=stateChanged)
    fields = Property("QStringList", _get_fields, notify=filterChanged)  # type: ignore[arg-type]
    field = Property(str, _get_field, notify=filterChanged)
    chosenName = Property(str, _get_chosen_name, notify=chosenChanged)
    facts = Property("QVariantMap", _get_facts, notify=chosenChanged)  # type: ignore[arg-type]
    listModel = Property(QObject, _model, constant=True)
