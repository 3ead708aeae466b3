"""One citizen's visit (QML: `visit`): from the attract screen through the home menu and the language, back
and start over, to the survey at the end of any journey and the wipe that follows it."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.store.feedback import record_feedback
from kiosk.ui.context import KioskContext
from kiosk.ui.flow import Screen
from kiosk.ui.texts import message

log = logging.getLogger(__name__)

#: The SIPAS criteria the kiosk's survey asks besides the overall face (kiosk.fleet.events.CRITERIA).
SURVEY_CRITERIA = frozenset({"access", "procedure", "staff", "time"})


class VisitPeer(QObject):
    staffCalledChanged = Signal()

    def __init__(self, context: KioskContext) -> None:
        super().__init__(context)
        self._context = context
        self._staff_called = False
        context.holds_citizen_data(self)

    def clear(self) -> None:
        self._staff_called = False
        self.staffCalledChanged.emit()

    # ------------------------------------------------------------------ the menu
    @Slot()
    def touchAttract(self) -> None:
        self._context.flow.touch_attract()

    @Slot(str)
    def chooseLanguage(self, language: str) -> None:
        self._context.flow.choose_language(language)
        self._context.languageChanged.emit()

    @Slot(str)
    def switchLanguage(self, language: str) -> None:
        """The language button in the top bar: any screen, any time, nothing typed is lost."""
        self._context.flow.set_language(language)
        self._context.languageChanged.emit()

    @Slot()
    def openAccount(self) -> None:
        self._context.flow.open_account()

    @Slot()
    def checkDossier(self) -> None:
        self._context.flow.check_dossier()

    @Slot()
    def openGuides(self) -> None:
        self._context.flow.open_guides()

    @Slot()
    def back(self) -> None:
        if self._context.flow.can_go_back() and not self._context.busy_now:
            self._context.flow.back()

    # ------------------------------------------------------------------ the end
    @Slot()
    def journeyDone(self) -> None:
        """The end of a journey (receipt taken, status seen, account made, guide read): the survey."""
        self._context.flow.journey_done()

    @Slot()
    def finish(self) -> None:
        """"Done" on the receipt (or any journey's end): the short survey, which then wipes."""
        if self._context.flow.screen in (Screen.RECEIPT, Screen.CHECK, Screen.ACCOUNT, Screen.GUIDES):
            self._context.flow.journey_done()
        else:
            self.startOver()

    @Slot()
    def startOver(self) -> None:
        """Timeout, "start over" and "finish": forget this citizen completely."""
        self._context.end_session()

    @Slot(int, str)
    def giveFeedback(self, score: int, comment: str) -> None:
        self.giveSurvey(score, {}, comment)

    @Slot(int, "QVariantMap", str)
    def giveSurvey(self, score: int, criteria: dict[str, Any], comment: str) -> None:
        """The survey after the receipt: the overall face (kept in this kiosk's monthly report), the SIPAS
        criteria the citizen chose to answer, and an optional comment (withheld if it looks personal). The
        province's report gets the scores with the procedure and unit, never the comment."""
        context = self._context
        journey = context.flow.session.journey.value
        outbox, lifecycle = context.services.outbox, context.services.lifecycle
        kiosk_id = outbox.kiosk_id
        procedure = context.flow.session.procedure_code
        scores = {str(k): int(v) for k, v in (criteria or {}).items() if str(k) in SURVEY_CRITERIA
                  and isinstance(v, int | float) and 1 <= int(v) <= 5}

        def save() -> bool:
            kept_comment = record_feedback(outbox.session_factory, kiosk_id, journey, score, comment)
            if procedure and lifecycle is not None:
                lifecycle.satisfaction(procedure, {"overall": score, **scores})
            return kept_comment

        def failed(error: Exception) -> None:
            log.warning("feedback not stored: %s", type(error).__name__)

        context.tasks.run(save, lambda _: None, failed)
        self.startOver()

    @Slot()
    def skipFeedback(self) -> None:
        self.startOver()

    # ------------------------------------------------------------------ help
    @Slot()
    def callStaff(self) -> None:
        # The request is logged (no personal data) so the dashboard can show it, and the citizen is told
        # that help is coming (kiosk.ui.journey's pager replaces the sentence when the fleet answers).
        log.info("citizen asked for staff on screen %s", self._context.flow.screen.value)
        self._staff_called = True
        self.staffCalledChanged.emit()
        self._context.tell(message("staff_called", self._context.lang))

    def _get_staff_called(self) -> bool:
        return self._staff_called

    staffCalled = Property(bool, _get_staff_called, notify=staffCalledChanged)
