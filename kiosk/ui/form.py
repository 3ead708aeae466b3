"""The procedure's form (QML: `form`): its fields filled from the card where the portal says so, the answers,
and the check before going on (kiosk.portal.forms decides what is wrong; this peer shows it)."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Slot

from kiosk.portal import forms
from kiosk.ui.context import KioskContext
from kiosk.ui.flow import Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.texts import message, say


class FormPeer(QObject):
    def __init__(self, context: KioskContext) -> None:
        super().__init__(context)
        self._context = context
        self.model = DictListModel(
            ("name", "type", "label", "value", "error", "required", "options", "fromCard", "help"), self)
        context.holds_citizen_data(self)
        context.flow.subscribe(self._on_screen)
        context.languageChanged.connect(self._relabel)

    def clear(self) -> None:
        self.model.set_rows([])

    def _on_screen(self, screen: Screen) -> None:
        if screen is Screen.FORM:
            self._fill()

    def _fill(self) -> None:
        proc, lang = self._context.procedure(), self._context.lang
        if proc is None:
            return
        session = self._context.flow.session
        initial = forms.prefill(proc.form, session.applicant_values())
        initial.update(session.answers)  # coming back from review keeps what was typed
        rows = []
        for spec in proc.form.fields:
            value = initial.get(spec.name, "")
            from_card = bool(spec.prefill) and spec.name not in session.answers and bool(value)
            rows.append({
                "name": spec.name, "type": spec.type, "label": spec.label.get(lang),
                "value": value if spec.type == "checkbox" else ("" if value is None else str(value)),
                "error": "", "required": spec.required, "fromCard": from_card,
                "options": [{"value": o.value, "label": o.label.get(lang)} for o in spec.options],
                "help": spec.help.get(lang) if spec.help else "",
            })
        self.model.set_rows(rows)

    def _relabel(self) -> None:
        proc, lang = self._context.procedure(), self._context.lang
        if proc is None or self._context.flow.screen is not Screen.FORM:
            return
        for i, row in enumerate(self.model.rows()):
            spec = proc.form.field(row["name"])
            if spec is not None:
                self.model.update_row(
                    i, label=spec.label.get(lang), help=spec.help.get(lang) if spec.help else "",
                    options=[{"value": o.value, "label": o.label.get(lang)} for o in spec.options])

    @Slot()
    def begin(self) -> None:
        """"Bắt đầu" on the procedure's "what it needs" screen."""
        self._context.flow.begin_form()

    @Slot(str, str)
    def setAnswer(self, name: str, value: str) -> None:
        row = self.model.find("name", name)
        if row >= 0:
            self.model.update_row(row, value=value, error="", fromCard=False)

    @Slot(str, bool)
    def setChecked(self, name: str, value: bool) -> None:
        row = self.model.find("name", name)
        if row >= 0:
            self.model.update_row(row, value=value, error="")

    @Slot()
    def submit(self) -> None:
        proc, lang = self._context.procedure(), self._context.lang
        if proc is None:
            return
        answers = {row["name"]: row["value"] for row in self.model.rows()}
        problems = forms.check(proc.form, answers)
        for i, row in enumerate(self.model.rows()):
            reason = problems.get(row["name"])
            self.model.update_row(i, error=say(forms.reason_notice(reason), lang) if reason else "")
        if problems:
            self._context.tell(message("form_has_errors", lang))
            return
        self._context.flow.form_completed(forms.final_answers(proc.form, answers))

    def _model(self) -> QObject:
        return self.model

    fieldModel = Property(QObject, _model, constant=True)
