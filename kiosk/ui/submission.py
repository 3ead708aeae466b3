"""Filing the dossier (QML: `dossier`): from "Nộp hồ sơ mới" through the documents, the delivery choice, the
review with consent, the submission (queued first, then sent), the fee and the receipt.

The documents, delivery and payment view-models are peers of their own (QML: `docs`, `delivery`,
`payment`); this one asks each whether its step is done and moves the flow on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.dossier import DeliveryChoice, Dossier, DossierDocument, PortalSessionRef
from kiosk.portal.errors import PortalError
from kiosk.portal.service_models import CitizenSession
from kiosk.sync.component_files import MetadataSource, component_files
from kiosk.sync.submit import SubmitOutcome, components_for, submit_dossier
from kiosk.ui.applicant import metadata_source
from kiosk.ui.applicant import review_rows as applicant_review_rows
from kiosk.ui.carry_forward import delivery_defaults
from kiosk.ui.clock import now_vn
from kiosk.ui.context import KioskContext
from kiosk.ui.delivery import DeliveryViewModel, address_line, admin_units
from kiosk.ui.documents import DocumentsViewModel
from kiosk.ui.flow import Screen
from kiosk.ui.list_models import DictListModel
from kiosk.ui.payment import PaymentViewModel
from kiosk.ui.texts import applicant_label, message, plain_date, say, sex_text, word, yes_no

log = logging.getLogger(__name__)


class SubmissionPeer(QObject):
    reviewChanged = Signal()
    receiptChanged = Signal()
    submittedToPortal = Signal(str)  # dossier code; for the demo and tests

    def __init__(self, context: KioskContext, *, documents: DocumentsViewModel, delivery: DeliveryViewModel,
                 payment: PaymentViewModel) -> None:
        super().__init__(context)
        self._context = context
        self._documents = documents
        self._delivery = delivery
        self._payment = payment
        self._paid_for: tuple[str, str, int] | None = None  # (dossier id, procedure, amount) awaiting payment
        #: The portal session of the citizen who logged in (VNeID or account) during this visit, if any:
        #: set by the window to the account view-model's (the dossier is then filed under that account).
        self.citizen_session: Callable[[], CitizenSession | None] = lambda: None
        self.review = DictListModel(("label", "value"), self)
        context.holds_citizen_data(self)
        context.flow.subscribe(self._on_screen)
        context.languageChanged.connect(self._on_language)
        payment.paid.connect(self._on_paid)

    def clear(self) -> None:
        self._paid_for = None
        self.review.set_rows([])
        self.reviewChanged.emit()
        self.receiptChanged.emit()

    def _on_language(self) -> None:
        if self._context.flow.screen is Screen.REVIEW:
            self._fill_review()
        self.reviewChanged.emit()
        self.receiptChanged.emit()

    def _on_screen(self, screen: Screen) -> None:
        session, proc = self._context.flow.session, self._context.procedure()
        if screen is Screen.DOCUMENTS:
            self._documents.begin(components_for(proc, session.applicant_values()) if proc else (),
                                  session.pages, metadata=self._metadata())
        else:
            self._documents.end()
        if screen is Screen.DELIVERY:
            # Ask once: the form's phone, the card's address and the kiosk's province come forward.
            known = delivery_defaults(session, admin_units(), self._context.services.home_province)
            self._delivery.begin(post_allowed=bool(proc and proc.postal_return_allowed),
                                 pickup_allowed=bool(proc and proc.postal_submission_allowed),
                                 recipient=session.applicant_values().get("full_name") or "",
                                 previous={**known, **session.delivery})
        if screen is Screen.PAYMENT and session.dossier_code:
            self._payment.begin(session.dossier_code)
        elif screen is not Screen.PAYMENT:
            self._payment.stop()
        if screen is Screen.REVIEW:
            self._fill_review()
        self.reviewChanged.emit()
        self.receiptChanged.emit()

    # ------------------------------------------------------------------ the steps
    @Slot()
    def start(self) -> None:
        """"Nộp hồ sơ mới" on the home screen."""
        context = self._context
        limits = context.services.limits
        if limits is not None:
            # Too old or too large a queue, or a stale catalogue: refuse before the citizen starts, not
            # after they typed everything (the refusal is audited for staff).
            refusal = context.services.outbox.admission(limits, context.catalogue_fetched_at)
            if refusal is not None:
                context.tell(say(refusal.notice, context.lang))
                return
        context.flow.start_dossier()

    @Slot()
    def documentsDone(self) -> None:
        problem = self._documents.problem()
        if problem:
            self._context.tell(problem)
            return
        self._context.flow.documents_completed(self._documents.pages_by_type())

    @Slot()
    def deliveryDone(self) -> None:
        problem = self._delivery.problem()
        if problem:
            self._context.tell(problem)
            return
        self._context.flow.delivery_chosen(self._delivery.choice())

    @Slot(bool)
    def setConsent(self, consent: bool) -> None:
        self._context.flow.give_consent(consent)
        self.reviewChanged.emit()

    @Slot()
    def submit(self) -> None:
        context = self._context
        if context.busy_now or context.flow.screen is not Screen.REVIEW:
            return
        session, lang = context.flow.session, context.lang
        if not session.consent:
            context.tell(message("needs_consent", lang))
            return
        if session.idempotency_key is None:
            session.idempotency_key = str(uuid.uuid4())
        key, code = session.idempotency_key, session.procedure_code
        assert code is not None
        services = context.services
        outbox, portal, lifecycle = services.outbox, services.portal, services.lifecycle
        proc = context.procedure()
        components = components_for(proc, session.applicant_values()) if proc else ()
        pages = {type_code: list(group) for type_code, group in session.pages.items()}
        applicant = session.applicant_values()
        source = self._metadata()  # with what was typed on the documents screen
        try:
            delivery = DeliveryChoice.from_json(session.delivery)
        except ValueError:
            log.error("the delivery choice does not hold together; the citizen chooses again")
            context.tell(message("save_failed", lang))
            return
        citizen = self.citizen_session()
        base = Dossier(procedure_code=code, applicant=applicant, answers=dict(session.answers),
                       delivery=delivery, fee_vnd=proc.fee_vnd if proc else 0,
                       assisted_by=context.assisted_by,
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

        context.set_busy(True)
        context.tasks.run(queue_and_send, self._on_submitted, self._on_submit_error)

    def _on_submitted(self, submitted: SubmitOutcome) -> None:
        context = self._context
        context.set_busy(False)
        outcome = submitted.send
        if submitted.dossier_code:
            proc = context.procedure()
            # The fee, plus the postage when the citizen pays it now (VietQR) rather than to the postman.
            postage = DeliveryChoice.from_json(context.flow.session.delivery).postage_due_at_kiosk
            due = (proc.fee_vnd if proc else 0) + postage
            self._paid_for = (submitted.dossier_id, proc.code if proc else "", due) if due > 0 else None
            context.flow.submitted(submitted.dossier_code, payment_due=due > 0)
            self.submittedToPortal.emit(submitted.dossier_code)
            return
        if outcome is not None and outcome.permanent_failure and outcome.error is not None:
            context.tell(say(outcome.error.notice, context.lang))
            return
        # Queued: the outbox worker sends it when the portal is back.
        context.flow.submitted(None, offline=True)
        context.tell(message("queued_offline", context.lang))
        self.syncNow()

    def _on_submit_error(self, error: Exception) -> None:
        self._context.set_busy(False)
        log.error("dossier could not be queued: %s", type(error).__name__)
        if isinstance(error, PortalError):
            self._context.tell(say(error.notice, self._context.lang))
        else:
            self._context.tell(message("save_failed", self._context.lang))

    @Slot()
    def syncNow(self) -> None:
        """Ask the outbox worker (kiosk.app builds it; the view-models never send on their own) for a
        round now: it sends queued dossiers, pulls statuses and orders deliveries."""
        if self._context.services.worker is not None:
            self._context.services.worker.wake()

    # ------------------------------------------------------------------ the fee
    def _on_paid(self) -> None:
        lifecycle = self._context.services.lifecycle
        if self._paid_for is not None and lifecycle is not None:
            dossier_id, procedure, amount = self._paid_for
            lifecycle.record("paid", dossier_id, procedure, fee_vnd=amount)
        self._paid_for = None
        if self._context.flow.screen is Screen.PAYMENT:
            self._context.flow.payment_finished(paid=True)

    @Slot()
    def payLater(self) -> None:
        """The way out of the fee screen: pay at the counter (the receipt says so)."""
        self._payment.stop()
        self._context.flow.payment_finished(paid=False)

    @Slot()
    def paymentContinue(self) -> None:
        """Paid, or nothing to pay (the portal said so): on to the receipt."""
        if self._payment.state in ("paid", "not_required"):
            self._payment.stop()
            self._context.flow.payment_finished(paid=self._payment.state == "paid")

    def _metadata(self) -> MetadataSource:
        context = self._context
        return metadata_source(context.flow.session, self._documents,
                               kiosk_id=context.services.outbox.kiosk_id, clerk=context.assisted_by)

    # ------------------------------------------------------------------ the review
    def _fill_review(self) -> None:
        proc, lang = self._context.procedure(), self._context.lang
        session = self._context.flow.session
        rows = [*applicant_review_rows(session, lang),
                *({"label": applicant_label(n, lang), "value": _display(n, f.value, lang)}
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
                    value = next((o.label.get(lang) for o in spec.options if o.value == value), value)
                elif spec.type == "checkbox":
                    value = yes_no(bool(value), lang)
                elif spec.type == "date":
                    value = plain_date(str(value))
                rows.append({"label": spec.label.get(lang), "value": str(value)})
        for doc in proc.documents if proc else ():
            count = len(session.pages.get(doc.type_code, []))
            if count:
                rows.append({"label": word("attached_document", lang),
                             "value": f"{doc.name.get(lang)} — {word('pages', lang, count)}"})
        self.review.set_rows(rows)

    # ------------------------------------------------------------------ for QML
    def _get_consent(self) -> bool:
        return self._context.flow.session.consent

    def _get_delivery_summary(self) -> str:
        return delivery_summary(self._context.flow.session.delivery, self._context.lang)

    def _get_paid(self) -> bool:
        return self._context.flow.session.paid

    def _get_payment_due(self) -> bool:
        return self._context.flow.session.payment_due

    def _get_code(self) -> str:
        return self._context.flow.session.dossier_code or ""

    def _get_reference(self) -> str:
        key = self._context.flow.session.idempotency_key or ""
        return key.split("-")[0].upper()

    def _get_qr(self) -> str:
        code = self._context.flow.session.dossier_code or self._get_reference()
        return "image://qr/" + quote(code, safe="") if code else ""

    def _get_offline(self) -> bool:
        return self._context.flow.session.submitted_offline

    def _get_time(self) -> str:
        return now_vn().strftime("%H:%M %d/%m/%Y")  # the dossier code's date is Vietnam's too

    def _review_model(self) -> QObject:
        return self.review

    consent = Property(bool, _get_consent, notify=reviewChanged)
    deliverySummary = Property(str, _get_delivery_summary, notify=reviewChanged)
    reviewModel = Property(QObject, _review_model, constant=True)
    paid = Property(bool, _get_paid, notify=receiptChanged)
    paymentDue = Property(bool, _get_payment_due, notify=receiptChanged)
    code = Property(str, _get_code, notify=receiptChanged)
    reference = Property(str, _get_reference, notify=receiptChanged)
    receiptQr = Property(str, _get_qr, notify=receiptChanged)
    receiptTime = Property(str, _get_time, notify=receiptChanged)
    submittedOffline = Property(bool, _get_offline, notify=receiptChanged)


def _display(name: str, value: str, lang: str) -> str:
    if name == "sex":
        return sex_text(value, lang)
    return plain_date(value) if name == "date_of_birth" else value


def delivery_summary(delivery: dict[str, Any], lang: str) -> str:
    """One line for the review and the receipt: how the result comes back."""
    method = delivery.get("method", "")
    if method in ("online", "counter"):
        return word(f"delivery_{method}", lang)
    where = address_line(delivery)
    if method == "post":
        return word("delivery_express" if delivery.get("service") == "express" else "delivery_post",
                    lang).format(where=where)
    if method == "pickup":
        return word("delivery_pickup", lang).format(where=where)
    return ""
