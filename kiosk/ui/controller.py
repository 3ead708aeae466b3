"""The view-model behind every screen: QML binds to its properties and calls its slots.

It holds no business rules of its own: the flow decides which screen comes next, the form module checks
answers, the sender queues and sends. This class translates between those and Qt: properties, signals,
the camera thread, background tasks, the idle timer and the wipe.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.capture.card_scan import HINTS, CardScanSession, ScanFeedback
from kiosk.capture.frames import FrameSource
from kiosk.domain.dossier import DeliveryChoice, Dossier, DossierDocument, PortalSessionRef
from kiosk.domain.text import matches, vi_sort_key
from kiosk.portal import forms
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError
from kiosk.portal.models import Catalogue, Procedure
from kiosk.portal.service_models import CitizenSession
from kiosk.store.feedback import record_feedback
from kiosk.store.outbox import Outbox, QueueLimits
from kiosk.sync.component_files import component_files
from kiosk.sync.lifecycle import DossierLifecycle
from kiosk.sync.submit import SubmitOutcome, components_for, submit_dossier
from kiosk.sync.worker import OutboxWorker
from kiosk.ui.access import Accessibility
from kiosk.ui.account import AccountViewModel, clear_accounts
from kiosk.ui.applicant import ApplicantViewModel, metadata_source
from kiosk.ui.applicant import review_rows as applicant_review_rows
from kiosk.ui.camera import CameraWorker, FrameLoopWorker, GuideQrWorker, LatestFrameProvider
from kiosk.ui.carry_forward import delivery_defaults
from kiosk.ui.check import clear_check
from kiosk.ui.clock import now_vn
from kiosk.ui.delivery import DeliveryViewModel, address_line, admin_units
from kiosk.ui.documents import DocumentsViewModel, PageImageProvider
from kiosk.ui.flow import APPLICANT_FIELDS, KioskFlow, Screen
from kiosk.ui.idle import IdleGuard
from kiosk.ui.list_models import DictListModel
from kiosk.ui.payment import PaymentViewModel
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import APPLICANT_LABELS, MESSAGES, SEX_TEXT, money, pick, plain_date

log = logging.getLogger(__name__)



#: The SIPAS criteria the kiosk's survey asks besides the overall face (kiosk.fleet.events.CRITERIA).
SURVEY_CRITERIA = frozenset({"access", "procedure", "staff", "time"})


class KioskController(QObject):
    screenChanged = Signal()
    languageChanged = Signal()
    busyChanged = Signal()
    messageChanged = Signal()
    cardChanged = Signal()
    frameTickChanged = Signal()
    catalogueChanged = Signal()
    procedureChanged = Signal()
    receiptChanged = Signal()
    staffCalledChanged = Signal()
    idleChanged = Signal()
    reviewChanged = Signal()
    procedureFilterChanged = Signal()
    submittedToPortal = Signal(str)  # dossier code; for the demo and tests

    def __init__(
        self,
        *,
        outbox: Outbox,
        portal: PortalClient,
        open_camera: Callable[[], FrameSource],
        frame_provider: LatestFrameProvider,
        open_document_camera: Callable[[], FrameSource] | None = None,
        document_frames: LatestFrameProvider | None = None,
        page_thumbnails: PageImageProvider | None = None,
        scanner_device: str = "none",
        idle_s: int = 90,
        idle_warning_s: int = 30,
        default_language: str = "vi",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._portal = portal
        self._open_camera = open_camera
        self._frames = frame_provider
        self.flow = KioskFlow(default_language)
        self.flow.subscribe(self._on_screen)
        self.tasks = TaskRunner(self)
        self.idle = IdleGuard(idle_s, idle_warning_s, self)
        self.idle.expired.connect(self.startOver)
        self.idle.warningChanged.connect(self.idleChanged)
        self.idle.secondsLeftChanged.connect(self.idleChanged)

        self._busy = False
        self._message = ""
        self._card_state = "searching"
        self._card_hint = "show_card"
        self._frame_tick = 0
        self._camera: FrameLoopWorker | None = None
        self._scan = CardScanSession()
        self._catalogue: Catalogue | None = None
        self._catalogue_state = "loading"
        self._staff_called = False
        #: The clerk's staff id while assisted mode is on (set by staff mode); recorded on each dossier.
        self.assisted_by: str | None = None
        # The outbox worker built by the composition root (kiosk.app.KioskRuntime): the one thing that
        # sends queued dossiers, pulls statuses and orders deliveries. The controller only wakes it.
        self.worker: OutboxWorker | None = None
        #: What the province's fleet hears about a dossier filed here (kiosk.app builds it; None in tests
        #: that do not care): filed online or queued, delivery chosen, paid.
        self.lifecycle: DossierLifecycle | None = None
        self._paid_for: tuple[str, str, int] | None = None  # (dossier id, procedure, amount) awaiting payment
        # Queue and catalogue limits for new dossiers (None: no limits, as in most tests).
        self.limits: QueueLimits | None = None
        #: This kiosk's province code (config ui.province): first for a delivery address.
        self.home_province = ""
        self._catalogue_fetched_at: datetime | None = None
        self._procedure_query = ""
        self._procedure_field = ""
        self._procedure_fields: list[str] = []

        self.applicant = DictListModel(("name", "label", "value", "fromCard"), self)
        self.procedures = DictListModel(
            ("code", "name", "field", "fee", "days", "available", "note", "byPost"), self)
        self.form = DictListModel(
            ("name", "type", "label", "value", "error", "required", "options", "fromCard", "help"), self)
        self.review = DictListModel(("label", "value"), self)
        self.documents = DocumentsViewModel(
            tasks=self.tasks, open_camera=open_document_camera or open_camera,
            frames=document_frames or LatestFrameProvider(),
            thumbnails=page_thumbnails or PageImageProvider(),
            scanner_device=scanner_device, language=lambda: self.lang, parent=self)
        self.documents.activity.connect(self.idle.poke)
        # Who files (citizen, foreigner, organisation, no ID number, representative): a peer view-model.
        self.applicant_vm = ApplicantViewModel(flow=self.flow, language=lambda: self.lang,
                                               message=self._set_message, parent=self)
        self.languageChanged.connect(self.applicant_vm.relabel)
        #: Text size, contrast, speech and the tone row: one citizen's choices, reset by the wipe.
        self.accessibility = Accessibility(self)
        lang = self._language_now
        self.delivery = DeliveryViewModel(tasks=self.tasks, portal=portal, language=lang, parent=self)
        self.payment = PaymentViewModel(tasks=self.tasks, portal=portal, language=lang, parent=self)
        self.payment.paid.connect(self._on_paid)


    def set_camera_opener(self, open_camera: Callable[[], FrameSource]) -> None:
        """Swap the camera (staff choosing another device; the demo playing its own images)."""
        self._open_camera = open_camera

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        self.loadCatalogue()
        self.syncNow()

    def shutdown(self) -> None:
        self.accessibility.stop()
        self.idle.stop()
        self._stop_camera()
        self.documents.end()
        self.tasks.wait()

    # ------------------------------------------------------------------ properties
    def _get_screen(self) -> str:
        return self.flow.screen.value

    def _get_language(self) -> str:
        return self.flow.session.language

    def _get_busy(self) -> bool:
        return self._busy

    def _get_message(self) -> str:
        return self._message

    def _get_card_hint(self) -> str:
        return pick(HINTS.get(self._card_hint, HINTS["show_card"]), self.lang)

    def _get_card_state(self) -> str:
        return self._card_state

    def _get_frame_tick(self) -> int:
        return self._frame_tick

    def _get_catalogue_state(self) -> str:
        return self._catalogue_state

    def _get_can_go_back(self) -> bool:
        return self.flow.can_go_back()

    def _get_procedure_name(self) -> str:
        proc = self._procedure()
        return proc.name.get(self.lang) if proc else ""

    def _get_procedure_facts(self) -> dict[str, Any]:
        proc = self._procedure()
        if proc is None:
            return {}
        if_any = " (nếu có)" if self.lang == "vi" else " (if any)"
        return {
            "code": proc.code,
            "fee": money(proc.fee_vnd, self.lang),
            "days": proc.processing_days,
            "agency": proc.agency.get(self.lang),
            "byPost": proc.postal_return_allowed,
            "documents": [d.name.get(self.lang) for d in proc.documents],
            "documentLines": [d.name.get(self.lang) + ("" if d.mandatory else if_any)
                              for d in proc.documents],
            "field": proc.field.get(self.lang),
            "online": proc.online_level,
        }

    def _get_dossier_code(self) -> str:
        return self.flow.session.dossier_code or ""

    def _get_receipt_reference(self) -> str:
        key = self.flow.session.idempotency_key or ""
        return key.split("-")[0].upper()

    def _get_receipt_qr(self) -> str:
        code = self.flow.session.dossier_code or self._get_receipt_reference()
        return "image://qr/" + quote(code, safe="") if code else ""

    def _get_submitted_offline(self) -> bool:
        return self.flow.session.submitted_offline

    def _get_receipt_time(self) -> str:
        return now_vn().strftime("%H:%M %d/%m/%Y")  # the dossier code's date is Vietnam's too

    def _get_card_warnings(self) -> list[str]:
        reading = self.flow.session.reading
        return [w.message(self.lang) for w in reading.warnings] if reading else []

    def _get_staff_called(self) -> bool:
        return self._staff_called

    def _get_idle_warning(self) -> bool:
        return self.idle.warning

    def _get_idle_seconds(self) -> int:
        return self.idle.seconds_left

    screen = Property(str, _get_screen, notify=screenChanged)
    language = Property(str, _get_language, notify=languageChanged)
    busy = Property(bool, _get_busy, notify=busyChanged)
    message = Property(str, _get_message, notify=messageChanged)
    cardHint = Property(str, _get_card_hint, notify=cardChanged)
    cardState = Property(str, _get_card_state, notify=cardChanged)
    frameTick = Property(int, _get_frame_tick, notify=frameTickChanged)
    catalogueState = Property(str, _get_catalogue_state, notify=catalogueChanged)
    canGoBack = Property(bool, _get_can_go_back, notify=screenChanged)
    procedureName = Property(str, _get_procedure_name, notify=procedureChanged)
    procedureFacts = Property("QVariantMap", _get_procedure_facts, notify=procedureChanged)  # type: ignore[arg-type]
    dossierCode = Property(str, _get_dossier_code, notify=receiptChanged)
    receiptReference = Property(str, _get_receipt_reference, notify=receiptChanged)
    receiptQr = Property(str, _get_receipt_qr, notify=receiptChanged)
    receiptTime = Property(str, _get_receipt_time, notify=receiptChanged)
    submittedOffline = Property(bool, _get_submitted_offline, notify=receiptChanged)
    staffCalled = Property(bool, _get_staff_called, notify=staffCalledChanged)
    cardWarnings = Property("QStringList", _get_card_warnings, notify=cardChanged)  # type: ignore[arg-type]
    idleWarning = Property(bool, _get_idle_warning, notify=idleChanged)
    idleSecondsLeft = Property(int, _get_idle_seconds, notify=idleChanged)

    def _models(self) -> dict[str, DictListModel]:
        return {"applicant": self.applicant, "procedures": self.procedures, "form": self.form,
                "review": self.review}

    @property
    def lang(self) -> str:
        return self.flow.session.language

    def _language_now(self) -> str:
        return self.flow.session.language

    # ------------------------------------------------------------------ steps (slots for QML)
    @Slot()
    def touchAttract(self) -> None:
        self.flow.touch_attract()

    @Slot(str)
    def chooseLanguage(self, language: str) -> None:
        self.flow.choose_language(language)
        self.languageChanged.emit()
        self._refresh_procedures()

    @Slot(str)
    def switchLanguage(self, language: str) -> None:
        """The language button in the top bar: any screen, any time, nothing typed is lost."""
        self.flow.set_language(language)
        self.languageChanged.emit()
        self._refresh_procedures()
        if self.flow.screen is Screen.CONFIRM:
            for i, row in enumerate(self.applicant.rows()):
                self.applicant.update_row(i, label=pick(APPLICANT_LABELS[row["name"]], self.lang))
        if self.flow.screen is Screen.FORM:
            self._relabel_form()
        if self.flow.screen is Screen.REVIEW:
            self._fill_review()
        if self.flow.screen is Screen.DOCUMENTS:
            self.documents.relabel()
        self.procedureChanged.emit()
        self.cardChanged.emit()
        self.reviewChanged.emit()

    @Slot()
    def startDossier(self) -> None:
        if self.limits is not None:
            # Too old or too large a queue, or a stale catalogue: refuse before the citizen starts, not
            # after they typed everything (the refusal is audited for staff).
            refusal = self._outbox.admission(self.limits, self._catalogue_fetched_at)
            if refusal is not None:
                self._set_message(refusal.message_vi if self.lang == "vi" else refusal.message_en)
                return
        self.flow.start_dossier()

    @Slot()
    def openAccount(self) -> None:
        self.flow.open_account()

    @Slot()
    def checkDossier(self) -> None:
        self.flow.check_dossier()

    @Slot()
    def openGuides(self) -> None:
        self.flow.open_guides()

    @Slot()
    def journeyDone(self) -> None:
        """The end of a journey (receipt taken, status seen, account made, guide read): the survey."""
        self.flow.journey_done()

    @Slot()
    def typeInstead(self) -> None:
        self.flow.type_instead()

    @Slot(str, str)
    def setApplicantField(self, name: str, value: str) -> None:
        self.flow.edit_field(name, value)
        row = self.applicant.find("name", name)
        field = self.flow.session.applicant[name]
        self.applicant.update_row(row, value=field.value, fromCard=field.from_card)

    @Slot()
    def confirmDetails(self) -> None:
        if self.flow.missing_fields():
            self._set_message(pick(MESSAGES["missing_fields"], self.lang))
            return
        self.flow.confirm_details()

    @Slot(str)
    def chooseProcedure(self, code: str) -> None:
        proc = self._catalogue.find(code) if self._catalogue else None
        if proc is None:
            return
        self.flow.choose_procedure(code, needs_documents=bool(proc.documents))

    @Slot(str, str)
    def setAnswer(self, name: str, value: str) -> None:
        row = self.form.find("name", name)
        if row >= 0:
            self.form.update_row(row, value=value, error="", fromCard=False)

    @Slot(str, bool)
    def setChecked(self, name: str, value: bool) -> None:
        row = self.form.find("name", name)
        if row >= 0:
            self.form.update_row(row, value=value, error="")

    @Slot()
    def submitForm(self) -> None:
        proc = self._procedure()
        if proc is None:
            return
        answers = {row["name"]: row["value"] for row in self.form.rows()}
        problems = forms.check(proc.form, answers)
        for i, row in enumerate(self.form.rows()):
            reason = problems.get(row["name"])
            self.form.update_row(i, error=forms.reason_text(reason, self.lang) if reason else "")
        if problems:
            self._set_message(pick(MESSAGES["form_has_errors"], self.lang))
            return
        self.flow.form_completed(forms.final_answers(proc.form, answers))

    @Slot(str)
    def searchProcedures(self, query: str) -> None:
        self._procedure_query = query
        self._refresh_procedures()

    @Slot(str)
    def chooseProcedureField(self, field: str) -> None:
        """A category chip (lĩnh vực); the same chip again, or "", shows every procedure."""
        self._procedure_field = "" if field == self._procedure_field else field
        self.procedureFilterChanged.emit()
        self._refresh_procedures()

    def _get_procedure_fields(self) -> list[str]:
        return list(self._procedure_fields)

    def _get_procedure_field(self) -> str:
        return self._procedure_field

    procedureFields = Property("QStringList", _get_procedure_fields, notify=procedureFilterChanged)  # type: ignore[arg-type]
    procedureField = Property(str, _get_procedure_field, notify=procedureFilterChanged)

    @Slot()
    def beginForm(self) -> None:
        self.flow.begin_form()

    @Slot()
    def deliveryDone(self) -> None:
        problem = self.delivery.problem()
        if problem:
            self._set_message(problem)
            return
        self.flow.delivery_chosen(self.delivery.choice())

    @Slot(bool)
    def setConsent(self, consent: bool) -> None:
        self.flow.give_consent(consent)
        self.reviewChanged.emit()

    @Slot()
    def payLater(self) -> None:
        """The way out of the fee screen: pay at the counter (the receipt says so)."""
        self.payment.stop()
        self.flow.payment_finished(paid=False)

    @Slot()
    def paymentContinue(self) -> None:
        """Paid, or nothing to pay (the portal said so): on to the receipt."""
        if self.payment.state in ("paid", "not_required"):
            self.payment.stop()
            self.flow.payment_finished(paid=self.payment.state == "paid")

    @Slot(int, str)
    def giveFeedback(self, score: int, comment: str) -> None:
        self.giveSurvey(score, {}, comment)

    @Slot(int, "QVariantMap", str)
    def giveSurvey(self, score: int, criteria: dict[str, Any], comment: str) -> None:
        """The survey after the receipt: the overall face (kept in this kiosk's monthly report), the SIPAS
        criteria the citizen chose to answer, and an optional comment (withheld if it looks personal). The
        province's report gets the scores with the procedure and unit, never the comment."""
        journey = self.flow.session.journey.value
        outbox = self._outbox
        kiosk_id = outbox.kiosk_id
        procedure, lifecycle = self.flow.session.procedure_code, self.lifecycle
        scores = {str(k): int(v) for k, v in (criteria or {}).items() if str(k) in SURVEY_CRITERIA
                  and isinstance(v, int | float) and 1 <= int(v) <= 5}

        def save() -> bool:
            kept_comment = record_feedback(outbox.session_factory, kiosk_id, journey, score, comment)
            if procedure and lifecycle is not None:
                lifecycle.satisfaction(procedure, {"overall": score, **scores})
            return kept_comment

        def failed(error: Exception) -> None:
            log.warning("feedback not stored: %s", type(error).__name__)

        self.tasks.run(save, lambda _: None, failed)
        self.startOver()

    @Slot()
    def skipFeedback(self) -> None:
        self.startOver()

    @Slot()
    def documentsDone(self) -> None:
        problem = self.documents.problem()
        if problem:
            self._set_message(problem)
            return
        self.flow.documents_completed(self.documents.pages_by_type())

    @Slot()
    def submitDossier(self) -> None:
        if self._busy or self.flow.screen is not Screen.REVIEW:
            return
        session = self.flow.session
        if not session.consent:
            self._set_message(pick(MESSAGES["needs_consent"], self.lang))
            return
        if session.idempotency_key is None:
            session.idempotency_key = str(uuid.uuid4())
        key, code = session.idempotency_key, session.procedure_code
        assert code is not None
        outbox, portal = self._outbox, self._portal
        proc = self._procedure()
        components = components_for(proc, session.applicant_values()) if proc else ()
        pages = {type_code: list(group) for type_code, group in session.pages.items()}
        applicant = session.applicant_values()
        source = metadata_source(self)  # with what was typed on the documents screen
        try:
            delivery = DeliveryChoice.from_json(session.delivery)
        except ValueError:
            log.error("the delivery choice does not hold together; the citizen chooses again")
            self._set_message(pick(MESSAGES["save_failed"], self.lang))
            return
        citizen = citizen_session(self)
        base = Dossier(procedure_code=code, applicant=applicant, answers=dict(session.answers),
                       delivery=delivery, fee_vnd=proc.fee_vnd if proc else 0, assisted_by=self.assisted_by,
                       portal_session=None if citizen is None else PortalSessionRef(
                           citizen.session_token, citizen.account.account_id))

        def queue_and_send() -> SubmitOutcome:
            files = component_files(pages, components, source)
            dossier = replace(base, documents=tuple(
                DossierDocument(f.type_code, f.filename, f.content_type, f.content, f.metadata)
                for f in files))
            # Queued (encrypted, fsynced) before any attempt to send: nothing is lost if the power or
            # the network goes while the citizen waits.
            return submit_dossier(outbox, portal, dossier, key, lifecycle=lifecycle)

        lifecycle = self.lifecycle
        self._set_busy(True)
        self.tasks.run(queue_and_send, self._on_submitted, self._on_submit_error)

    @Slot()
    def back(self) -> None:
        if self.flow.can_go_back() and not self._busy:
            self.flow.back()

    @Slot()
    def startOver(self) -> None:
        """Timeout, "start over" and "finish": forget this citizen completely."""
        self._stop_camera()
        self._scan.reset()
        self._frames.clear()
        self.documents.clear()
        clear_accounts(self)
        clear_check(self)
        self.delivery.clear()
        self.payment.clear()
        self._paid_for = None
        self._procedure_query = self._procedure_field = ""
        self.procedureFilterChanged.emit()
        for model in self._models().values():
            model.set_rows([])
        self._card_state, self._card_hint = "searching", "show_card"
        self._staff_called = False
        self.staffCalledChanged.emit()
        self._set_message("")
        self.accessibility.reset()
        self.flow.wipe()
        self.languageChanged.emit()
        self._refresh_procedures()
        self.procedureChanged.emit()
        self.receiptChanged.emit()
        self.cardChanged.emit()

    @Slot()
    def finish(self) -> None:
        """"Done" on the receipt (or any journey's end): the short survey, which then wipes."""
        if self.flow.screen in (Screen.RECEIPT, Screen.CHECK, Screen.ACCOUNT, Screen.GUIDES):
            self.flow.journey_done()
        else:
            self.startOver()

    @Slot()
    def moreTime(self) -> None:
        self.idle.poke()

    @Slot()
    def callStaff(self) -> None:
        # Staff paging arrives with the staff issue; the request is logged (no personal data) so the
        # dashboard can show it, and the citizen is told that help is coming.
        log.info("citizen asked for staff on screen %s", self.flow.screen.value)
        self._staff_called = True
        self.staffCalledChanged.emit()
        self._set_message(pick(MESSAGES["staff_called"], self.lang))

    @Slot()
    def dismissMessage(self) -> None:
        self._set_message("")

    @Slot()
    def loadCatalogue(self) -> None:
        self._catalogue_state = "loading"
        self.catalogueChanged.emit()
        self.tasks.run(self._portal.get_catalogue, self._on_catalogue, self._on_catalogue_error)

    @Slot()
    def syncNow(self) -> None:
        """Ask the outbox worker (kiosk.app builds it; the controller never sends on its own) for a round
        now: it sends queued dossiers, pulls statuses and orders deliveries."""
        if self.worker is not None:
            self.worker.wake()

    # ------------------------------------------------------------------ reactions
    def _on_screen(self, screen: Screen) -> None:
        self._set_message("")
        self.accessibility.screen_entered(screen.value, self.lang)
        self.idle.arm(screen is not Screen.ATTRACT)
        if screen is Screen.READ_CARD:
            self._start_camera()
        elif screen is Screen.PROCEDURE and self._catalogue is not None:
            self._start_guide_camera()
        else:
            self._stop_camera()
        if screen is Screen.DOCUMENTS:
            proc = self._procedure()
            self.documents.begin(components_for(proc, self.flow.session.applicant_values()) if proc else (),
                                 self.flow.session.pages, metadata=metadata_source(self))
        else:
            self.documents.end()
        if screen is Screen.DELIVERY:
            proc = self._procedure()
            session = self.flow.session
            # Ask once: the form's phone, the card's address and the kiosk's province come forward.
            known = delivery_defaults(session, admin_units(), self.home_province)
            self.delivery.begin(post_allowed=bool(proc and proc.postal_return_allowed),
                                pickup_allowed=bool(proc and proc.postal_submission_allowed),
                                recipient=session.applicant_values().get("full_name") or "",
                                previous={**known, **session.delivery})
        if screen is Screen.PAYMENT and self.flow.session.dossier_code:
            self.payment.begin(self.flow.session.dossier_code)
        elif screen is not Screen.PAYMENT:
            self.payment.stop()
        self.reviewChanged.emit()
        if screen is Screen.CONFIRM:
            self._fill_applicant()
            self.cardChanged.emit()
        if screen is Screen.PROCEDURE and self._catalogue is None and self._catalogue_state == "error":
            self.loadCatalogue()
        if screen is Screen.FORM:
            self._fill_form()
        if screen is Screen.REVIEW:
            self._fill_review()
        self.procedureChanged.emit()
        self.receiptChanged.emit()
        self.screenChanged.emit()

    def _start_camera(self) -> None:
        self._stop_camera()
        self._scan.reset()
        self._card_state, self._card_hint = "searching", "show_card"
        self.cardChanged.emit()
        worker = CameraWorker(self._open_camera, self._scan, self._frames)
        worker.feedback.connect(self._on_feedback)
        worker.frameReady.connect(self._on_frame)
        worker.failed.connect(self._on_camera_failed)
        self._camera = worker
        worker.start()

    def _start_guide_camera(self) -> None:
        """The procedure list also answers to a printed guide's QR shown to the card camera."""
        self._stop_camera()
        assert self._catalogue is not None
        worker = GuideQrWorker(self._open_camera, self._frames, [p.code for p in self._catalogue.procedures])
        worker.procedureFound.connect(self._on_guide_qr)
        worker.frameReady.connect(self._on_frame)
        self._camera = worker
        worker.start()

    def _on_guide_qr(self, code: str) -> None:
        if self.flow.screen is Screen.PROCEDURE and self.sender() is self._camera:
            self.chooseProcedure(code)

    def _stop_camera(self) -> None:
        worker, self._camera = self._camera, None
        if worker is not None:
            worker.retire()

    def _on_frame(self) -> None:
        self._frame_tick += 1
        self.frameTickChanged.emit()

    def _on_feedback(self, fb: ScanFeedback) -> None:
        if self.flow.screen is not Screen.READ_CARD or self.sender() is not self._camera:
            return  # a late frame from a camera that was already stopped
        self._card_state, self._card_hint = fb.state, fb.hint_code
        self.cardChanged.emit()
        if fb.state == "accepted" and fb.reading is not None:
            self.flow.card_accepted(fb.reading)

    def _on_camera_failed(self, hint: str) -> None:
        self._card_state, self._card_hint = "searching", hint
        self.cardChanged.emit()

    def _fill_applicant(self) -> None:
        rows = []
        for name in APPLICANT_FIELDS:
            field = self.flow.session.applicant[name]
            rows.append({"name": name, "label": pick(APPLICANT_LABELS[name], self.lang),
                         "value": field.value, "fromCard": field.from_card})
        self.applicant.set_rows(rows)

    def _fill_form(self) -> None:
        proc = self._procedure()
        if proc is None:
            return
        session = self.flow.session
        card = session.applicant_values()
        initial = forms.prefill(proc.form, card)
        initial.update(session.answers)  # coming back from review keeps what was typed
        rows = []
        for spec in proc.form.fields:
            value = initial.get(spec.name, "")
            from_card = bool(spec.prefill) and spec.name not in session.answers and bool(value)
            rows.append({
                "name": spec.name, "type": spec.type, "label": spec.label.get(self.lang),
                "value": value if spec.type == "checkbox" else ("" if value is None else str(value)),
                "error": "", "required": spec.required, "fromCard": from_card,
                "options": [{"value": o.value, "label": o.label.get(self.lang)} for o in spec.options],
                "help": spec.help.get(self.lang) if spec.help else "",
            })
        self.form.set_rows(rows)

    def _relabel_form(self) -> None:
        proc = self._procedure()
        if proc is None:
            return
        for i, row in enumerate(self.form.rows()):
            spec = proc.form.field(row["name"])
            if spec is not None:
                self.form.update_row(
                    i, label=spec.label.get(self.lang), help=spec.help.get(self.lang) if spec.help else "",
                    options=[{"value": o.value, "label": o.label.get(self.lang)} for o in spec.options])

    def _fill_review(self) -> None:
        proc = self._procedure()
        session = self.flow.session
        rows = [*applicant_review_rows(session, self.lang),
                *({"label": pick(APPLICANT_LABELS[n], self.lang), "value": self._display(n, f.value)}
                  for n, f in session.applicant.items() if f.value)]
        if proc is not None:
            card = session.applicant_values()
            for spec in proc.form.fields:
                if spec.name not in session.answers:
                    continue
                value = session.answers[spec.name]
                if spec.prefill and card.get(spec.prefill.removeprefix("card.")) == value:
                    continue  # already shown once among the card details above
                if spec.type == "select":
                    value = next((o.label.get(self.lang) for o in spec.options if o.value == value), value)
                elif spec.type == "checkbox":
                    value = ("Có" if value else "Không") if self.lang == "vi" else ("Yes" if value else "No")
                elif spec.type == "date":
                    value = plain_date(str(value))
                rows.append({"label": spec.label.get(self.lang), "value": str(value)})
        for doc in proc.documents if proc else ():
            count = len(session.pages.get(doc.type_code, []))
            if count:
                label = "Giấy tờ đính kèm" if self.lang == "vi" else "Attached document"
                pages = f"{count} trang" if self.lang == "vi" else f"{count} page{'s' if count > 1 else ''}"
                rows.append({"label": label, "value": f"{doc.name.get(self.lang)} — {pages}"})
        self.review.set_rows(rows)

    def _display(self, name: str, value: str) -> str:
        if name == "sex" and value in SEX_TEXT:
            return pick(SEX_TEXT[value], self.lang)
        return plain_date(value) if name == "date_of_birth" else value

    def _on_catalogue(self, catalogue: Catalogue) -> None:
        first = self._catalogue is None
        self._catalogue = catalogue
        self._catalogue_fetched_at = datetime.now(UTC)
        if first and self.flow.screen is Screen.PROCEDURE:
            self._start_guide_camera()
        self._catalogue_state = "ready"
        self._refresh_procedures()
        self.catalogueChanged.emit()

    def _on_catalogue_error(self, error: Exception) -> None:
        log.warning("catalogue not loaded: %s", error)
        self._catalogue_state = "error"
        self.catalogueChanged.emit()

    def _refresh_procedures(self) -> None:
        if self._catalogue is None:
            return
        procs = sorted(self._catalogue.procedures, key=lambda p: vi_sort_key(p.name.get(self.lang)))
        fields = sorted({p.field.get(self.lang) for p in procs}, key=vi_sort_key)
        if fields != self._procedure_fields:
            self._procedure_fields = fields
            self.procedureFilterChanged.emit()
        if self._procedure_field:
            procs = [p for p in procs if p.field.get(self.lang) == self._procedure_field]
        if self._procedure_query.strip():
            # Without diacritics and in any tone placement: "dang ky khai sinh", "hoà"/"hòa" alike; the
            # code works too (from a printed guide).
            procs = [p for p in procs if matches(self._procedure_query, p.name.get(self.lang))
                     or matches(self._procedure_query, p.name.get("vi"))
                     or self._procedure_query.strip() in p.code]
        self.procedures.set_rows([{
            "code": p.code, "name": p.name.get(self.lang), "field": p.field.get(self.lang),
            "fee": money(p.fee_vnd, self.lang), "days": p.processing_days,
            # Every catalogue procedure can be filed here now that paper is captured at the kiosk; the
            # roles stay so a portal can one day mark a procedure counter-only with a note.
            "available": True, "byPost": p.postal_return_allowed, "note": "",
        } for p in procs])

    def _on_submitted(self, submitted: SubmitOutcome) -> None:
        self._set_busy(False)
        outcome = submitted.send
        if submitted.dossier_code:
            proc = self._procedure()
            # The fee, plus the postage when the citizen pays it now (VietQR) rather than to the postman.
            postage = DeliveryChoice.from_json(self.flow.session.delivery).postage_due_at_kiosk
            due = (proc.fee_vnd if proc else 0) + postage
            self._paid_for = (submitted.dossier_id, proc.code if proc else "", due) if due > 0 else None
            self.flow.submitted(submitted.dossier_code, payment_due=due > 0)
            self.submittedToPortal.emit(submitted.dossier_code)
            return
        if outcome is not None and outcome.permanent_failure and outcome.error is not None:
            self._set_message(outcome.error.user_message(self.lang))
            return
        # Queued: the outbox worker sends it when the portal is back.
        self.flow.submitted(None, offline=True)
        self._set_message(pick(MESSAGES["queued_offline"], self.lang))
        if self.worker is not None:
            self.worker.wake()

    def _on_paid(self) -> None:
        if self._paid_for is not None and self.lifecycle is not None:
            dossier_id, procedure, amount = self._paid_for
            self.lifecycle.record("paid", dossier_id, procedure, fee_vnd=amount)
        self._paid_for = None
        if self.flow.screen is Screen.PAYMENT:
            self.flow.payment_finished(paid=True)

    def _on_submit_error(self, error: Exception) -> None:
        self._set_busy(False)
        log.error("dossier could not be queued: %s", type(error).__name__)
        if isinstance(error, PortalError):
            self._set_message(error.user_message(self.lang))
        else:
            self._set_message(pick(MESSAGES["save_failed"], self.lang))

    # ------------------------------------------------------------------ helpers
    def _procedure(self) -> Procedure | None:
        code = self.flow.session.procedure_code
        return self._catalogue.find(code) if (self._catalogue and code) else None

    def _set_busy(self, busy: bool) -> None:
        if self._busy != busy:
            self._busy = busy
            self.busyChanged.emit()

    def _set_message(self, text: str) -> None:
        if self._message != text:
            self._message = text
            self.messageChanged.emit()

    # Models as QML properties (constant: the objects never change, only their rows).
    def _applicant_model(self) -> QObject:
        return self.applicant

    def _procedures_model(self) -> QObject:
        return self.procedures

    def _form_model(self) -> QObject:
        return self.form

    def _review_model(self) -> QObject:
        return self.review

    def _access_vm(self) -> QObject:
        return self.accessibility

    def _documents_vm(self) -> QObject:
        return self.documents

    def _get_consent(self) -> bool:
        return self.flow.session.consent

    def _get_delivery_summary(self) -> str:
        return delivery_summary(self.flow.session.delivery, self.lang)

    def _get_paid(self) -> bool:
        return self.flow.session.paid

    def _get_payment_due(self) -> bool:
        return self.flow.session.payment_due

    def _delivery_vm(self) -> QObject:
        return self.delivery

    def _payment_vm(self) -> QObject:
        return self.payment

    consent = Property(bool, _get_consent, notify=reviewChanged)
    deliverySummary = Property(str, _get_delivery_summary, notify=reviewChanged)
    paid = Property(bool, _get_paid, notify=receiptChanged)
    paymentDue = Property(bool, _get_payment_due, notify=receiptChanged)
    deliveryVm = Property(QObject, _delivery_vm, constant=True)
    paymentVm = Property(QObject, _payment_vm, constant=True)
    applicantModel = Property(QObject, _applicant_model, constant=True)
    procedureModel = Property(QObject, _procedures_model, constant=True)
    formModel = Property(QObject, _form_model, constant=True)
    reviewModel = Property(QObject, _review_model, constant=True)
    docs = Property(QObject, _documents_vm, constant=True)
    applicantVm = Property(QObject, lambda self: self.applicant_vm, constant=True)
    access = Property(QObject, _access_vm, constant=True)


def citizen_session(controller: QObject) -> CitizenSession | None:
    """The portal session of the citizen who logged in (VNeID or account) during this visit, if any."""
    for account in controller.findChildren(AccountViewModel):
        if account.citizen_session is not None:
            return account.citizen_session
    return None


def delivery_summary(delivery: dict[str, Any], lang: str) -> str:
    """One line for the review and the receipt: how the result comes back."""
    method = delivery.get("method", "")
    vi = lang == "vi"
    if method == "online":
        return "Nhận kết quả trực tuyến (trên Cổng dịch vụ công)" if vi else "Online (on the portal)"
    if method == "counter":
        return "Nhận tại bộ phận một cửa" if vi else "At the one-stop counter"
    where = address_line(delivery)
    if method == "post":
        service = delivery.get("service") == "express"
        if vi:
            return f"Gửi qua {'chuyển phát nhanh' if service else 'bưu điện'} tới: {where}"
        return f"By {'express post' if service else 'post'} to: {where}"
    if method == "pickup":
        return f"Bưu điện đến nhận hồ sơ tại: {where}" if vi else f"The postman collects it at: {where}"
    return ""
