"""Which screen comes next: the citizen's journey as a small state machine, with no Qt in it.

The view-models call these methods when the citizen taps something; the flow checks that the step makes
sense where the citizen is, updates the in-memory session and names the next screen. Keeping it free of
Qt means every journey can be tested quickly without rendering anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from kiosk.domain.applicant import OPTIONAL_KEYS, REQUIRED_KEYS, ApplicantKind
from kiosk.domain.idcard import IdentityReading


class Screen(StrEnum):
    ATTRACT = "attract"
    HOME = "home"
    READ_CARD = "readCard"
    CONFIRM = "confirm"
    PROCEDURE = "procedure"
    PROCEDURE_INFO = "procedureInfo"
    FORM = "form"
    DOCUMENTS = "documents"
    DELIVERY = "delivery"
    REVIEW = "review"
    PAYMENT = "payment"
    RECEIPT = "receipt"
    FEEDBACK = "feedback"
    # The other journeys from the home screen.
    CHECK = "check"  # check a dossier: receipt QR or typed code → status, result, tracking
    ACCOUNT = "account"  # portal account: register with OTP, link, or e-ID login by QR
    GUIDES = "guides"  # illustrated step-by-step guides per procedure


class Journey(StrEnum):
    DOSSIER = "dossier"
    ACCOUNT = "account"
    CHECK = "check"
    GUIDES = "guides"


class FlowError(RuntimeError):
    """A step was asked for where it does not belong (a bug in a view-model, not a citizen mistake)."""


# The applicant fields the kiosk collects, in display order. A card reading fills them; the citizen
# may correct them, which clears their "read from card" mark.
APPLICANT_FIELDS: tuple[str, ...] = ("full_name", "id_number", "date_of_birth", "sex", "address")


@dataclass
class ApplicantField:
    name: str
    value: str
    from_card: bool


@dataclass
class CitizenSession:
    """Everything one citizen has told the kiosk. Lives in memory only and is dropped on wipe."""

    language: str = "vi"
    reading: IdentityReading | None = None
    applicant: dict[str, ApplicantField] = field(default_factory=dict)
    procedure_code: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    idempotency_key: str | None = None
    dossier_code: str | None = None
    submitted_offline: bool = False
    # The procedure asks for paper: the documents screen sits between the form and the review.
    needs_documents: bool = False
    # Captured pages per document type code, in order (CapturedPage objects: images in memory only).
    pages: dict[str, list[Any]] = field(default_factory=dict)
    journey: Journey = Journey.DOSSIER
    # How the citizen gets the result: {"method": "online"|"counter"|"post"|"pickup", ...address/slot}.
    delivery: dict[str, Any] = field(default_factory=dict)
    consent: bool = False
    payment_due: bool = False
    paid: bool = False
    # Chosen on the home screen before the card: the confirm screen then shows what the procedure needs
    # and leads straight to the form (no list, no separate info screen).
    preselected: bool = False
    # Who files (kiosk.domain.applicant.ApplicantKind value) and what the card cannot give: a foreigner's
    # passport, an organisation's code, the represented person… (kiosk.ui.applicant fills them).
    applicant_kind: str = ApplicantKind.CITIZEN.value
    applicant_extra: dict[str, str] = field(default_factory=dict)

    def applicant_values(self) -> dict[str, str | None]:
        """The contract's applicant object: the card's fields for a citizen or a representative (plus
        the represented person), the typed fields for the other kinds; `applicant_type` always."""
        kind = ApplicantKind.parse(self.applicant_kind) or ApplicantKind.CITIZEN
        values: dict[str, str | None] = {"applicant_type": kind.value}
        if kind in (ApplicantKind.CITIZEN, ApplicantKind.REPRESENTATIVE):
            values.update({name: (f.value or None) for name, f in self.applicant.items()})
        if kind is not ApplicantKind.CITIZEN:
            allowed = (*REQUIRED_KEYS[kind], *OPTIONAL_KEYS[kind])
            values.update({k: v for k, v in self.applicant_extra.items() if v and k in allowed})
        return values


def applicant_from_reading(reading: IdentityReading | None) -> dict[str, ApplicantField]:
    values: dict[str, str] = dict.fromkeys(APPLICANT_FIELDS, "")
    if reading is not None:
        values.update(
            full_name=reading.full_name,
            id_number=reading.id_number,
            date_of_birth=reading.date_of_birth.isoformat() if reading.date_of_birth else "",
            sex=reading.sex.value if reading.sex else "",
            address=reading.address or "",
        )
    return {
        name: ApplicantField(name, value, from_card=reading is not None and bool(value))
        for name, value in values.items()
    }


_BACK: dict[Screen, Screen] = {
    Screen.READ_CARD: Screen.HOME,
    # Not back to the card reader: the card still lies there and would be read again at once.
    Screen.CONFIRM: Screen.HOME,
    Screen.PROCEDURE: Screen.CONFIRM,
    Screen.PROCEDURE_INFO: Screen.PROCEDURE,
    Screen.FORM: Screen.PROCEDURE_INFO,
    Screen.DOCUMENTS: Screen.FORM,
    Screen.DELIVERY: Screen.FORM,  # or DOCUMENTS, see back()
    Screen.REVIEW: Screen.DELIVERY,
    Screen.CHECK: Screen.HOME,
    Screen.ACCOUNT: Screen.HOME,
    Screen.GUIDES: Screen.HOME,
}

Listener = Callable[[Screen], None]


class KioskFlow:
    """The citizen's journeys from the home screen.

    File a dossier: card → confirm → procedure → what it needs → form → (documents, when the procedure
    asks for paper) → delivery of the result → review with consent → (payment, when a fee is due) →
    receipt → feedback. Account: card → account. Check a dossier: check. Guides: guides. Every journey
    ends with the feedback screen; `wipe()` (timeout, finish, start over) drops the session and returns
    to attract."""

    def __init__(self, default_language: str = "vi") -> None:
        self._default_language = default_language
        self.screen = Screen.ATTRACT
        self.session = CitizenSession(language=default_language)
        self._listeners: list[Listener] = []

    # -- observation ----------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _go(self, screen: Screen) -> None:
        self.screen = screen
        for listener in list(self._listeners):
            listener(screen)

    def _expect(self, *screens: Screen) -> None:
        if self.screen not in screens:
            allowed = ", ".join(s.value for s in screens)
            raise FlowError(f"step not allowed on screen {self.screen.value!r} (expected {allowed})")

    # -- steps ---------------------------------------------------------------------------------------------
    def touch_attract(self) -> None:
        """Vietnamese at once: no language screen, the top bar's EN button is on every screen."""
        self._expect(Screen.ATTRACT)
        self._go(Screen.HOME)

    def choose_language(self, language: str) -> None:
        """The language on the home screen (kept for callers of the old language screen)."""
        self._expect(Screen.HOME)
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Switch language mid-journey (the top-bar button); the screen and answers stay."""
        if language not in ("vi", "en"):
            raise FlowError(f"unsupported language {language!r}")
        self.session.language = language

    def start_dossier(self) -> None:
        self._expect(Screen.HOME)
        self.session.journey = Journey.DOSSIER
        self.session.preselected = False
        self._go(Screen.READ_CARD)

    def preselect(self, code: str, *, needs_documents: bool = False) -> None:
        """One of the home screen's procedures: chosen before the card is read."""
        self._expect(Screen.READ_CARD)
        self.session.procedure_code = code
        self.session.needs_documents = needs_documents
        self.session.preselected = True

    def open_account(self) -> None:
        """Home → "account": the card is read first, so nobody types their ID number or name."""
        self._expect(Screen.HOME)
        self.session.journey = Journey.ACCOUNT
        self._go(Screen.READ_CARD)

    def check_dossier(self) -> None:
        self._expect(Screen.HOME)
        self.session.journey = Journey.CHECK
        self._go(Screen.CHECK)

    def open_guides(self) -> None:
        self._expect(Screen.HOME, Screen.ATTRACT)
        self.session.journey = Journey.GUIDES
        self._go(Screen.GUIDES)

    def journey_done(self) -> None:
        """The end of any journey: a short satisfaction survey, then the attract screen (wipe)."""
        self._expect(Screen.RECEIPT, Screen.CHECK, Screen.ACCOUNT, Screen.GUIDES)
        self._go(Screen.FEEDBACK)

    def choose_applicant_kind(self, kind: str) -> None:
        """Who files: chosen at the start of the identify step (and changeable on the details screen).
        Another kind starts its typed fields afresh; the card's fields stay."""
        self._expect(Screen.READ_CARD, Screen.CONFIRM)
        chosen = ApplicantKind.parse(kind)
        if chosen is None:
            raise FlowError(f"unknown applicant kind {kind!r}")
        if chosen.value != self.session.applicant_kind:
            self.session.applicant_kind = chosen.value
            self.session.applicant_extra = {}
            self.session.idempotency_key = None

    def edit_extra(self, name: str, value: str) -> None:
        """A typed applicant field of a kind other than the citizen's (passport, organisation code…)."""
        self._expect(Screen.CONFIRM)
        kind = ApplicantKind(self.session.applicant_kind)
        if name not in (*REQUIRED_KEYS[kind], *OPTIONAL_KEYS[kind]):
            raise FlowError(f"{name!r} is not a field of a {kind.value} applicant")
        self.session.applicant_extra[name] = value

    def card_accepted(self, reading: IdentityReading) -> None:
        self._expect(Screen.READ_CARD)
        self.session.reading = reading
        self.session.applicant = applicant_from_reading(reading)
        if reading.document is not None:  # a passport or a foreign card: a foreigner files
            document = reading.document
            self.session.applicant_kind = ApplicantKind.FOREIGNER.value
            self.session.applicant_extra = {
                "full_name": " ".join(f"{document.given_names} {document.surname}".split()),
                "passport_number": document.document_number, "nationality": document.nationality,
                "date_of_birth": document.date_of_birth.isoformat() if document.date_of_birth else "",
                "sex": document.sex.value if document.sex else "",
            }
        self._go(Screen.ACCOUNT if self.session.journey is Journey.ACCOUNT else Screen.CONFIRM)

    def type_instead(self) -> None:
        """The citizen has no card at hand or the camera cannot read it: same screen, empty fields."""
        self._expect(Screen.READ_CARD)
        self.session.reading = None
        self.session.applicant = applicant_from_reading(None)
        self._go(Screen.CONFIRM)

    def edit_field(self, name: str, value: str) -> None:
        self._expect(Screen.CONFIRM)
        if name not in self.session.applicant:
            raise FlowError(f"unknown applicant field {name!r}")
        current = self.session.applicant[name]
        if value != current.value:
            self.session.applicant[name] = replace(current, value=value, from_card=False)

    def missing_fields(self) -> list[str]:
        """Required applicant fields still empty (address is optional: not every card has one); the
        kinds without a card need their own typed fields instead."""
        kind = ApplicantKind.parse(self.session.applicant_kind) or ApplicantKind.CITIZEN
        missing: list[str] = []
        if kind in (ApplicantKind.CITIZEN, ApplicantKind.REPRESENTATIVE):
            required = ("full_name", "id_number", "date_of_birth", "sex")
            missing = [n for n in required
                       if not self.session.applicant.get(n, ApplicantField(n, "", False)).value]
        if kind is not ApplicantKind.CITIZEN:
            card = self.session.applicant if kind is ApplicantKind.REPRESENTATIVE else {}
            typed = [n for n in REQUIRED_KEYS[kind] if n not in card]
            missing += [n for n in typed if not self.session.applicant_extra.get(n, "").strip()]
        return missing

    def confirm_details(self) -> None:
        self._expect(Screen.CONFIRM)
        missing = self.missing_fields()
        if missing:
            raise FlowError(f"required fields are empty: {', '.join(missing)}")
        if self.session.journey is Journey.ACCOUNT:  # typed details (a passport, an organisation code)
            self._go(Screen.ACCOUNT)
            return
        self._go(Screen.FORM if self.session.preselected else Screen.PROCEDURE)

    def choose_procedure(self, code: str, *, needs_documents: bool = False) -> None:
        self._expect(Screen.PROCEDURE)
        self.session.preselected = False
        if self.session.procedure_code != code:
            # A different procedure is a different dossier: never reuse the old key, answers or pages.
            self.session.idempotency_key = None
            self.session.answers = {}
            self.session.pages = {}
        self.session.procedure_code = code
        self.session.needs_documents = needs_documents
        self._go(Screen.PROCEDURE_INFO)

    def begin_form(self) -> None:
        """The citizen has seen what the procedure needs (documents, fee, time, post) and starts."""
        self._expect(Screen.PROCEDURE_INFO)
        self._go(Screen.FORM)

    def form_completed(self, answers: dict[str, Any]) -> None:
        """The view-model has validated the answers against the procedure's form spec."""
        self._expect(Screen.FORM)
        if answers != self.session.answers:
            self.session.idempotency_key = None  # changed content is a new submission
        self.session.answers = dict(answers)
        if self.session.applicant_kind == ApplicantKind.REPRESENTATIVE.value:
            self.session.needs_documents = True  # the authorisation goes with any procedure's dossier
        self._go(Screen.DOCUMENTS if self.session.needs_documents else Screen.DELIVERY)

    def documents_completed(self, pages: dict[str, list[Any]]) -> None:
        """The view-model has checked that every mandatory component has readable pages."""
        self._expect(Screen.DOCUMENTS)
        if pages != self.session.pages:
            self.session.idempotency_key = None
        self.session.pages = {code: list(p) for code, p in pages.items() if p}
        self._go(Screen.DELIVERY)

    def delivery_chosen(self, delivery: dict[str, Any]) -> None:
        """How the result comes back: online, at the counter, by post to an address, or home pickup."""
        self._expect(Screen.DELIVERY)
        if delivery.get("method") not in ("online", "counter", "post", "pickup"):
            raise FlowError(f"unknown delivery method {delivery.get('method')!r}")
        if delivery != self.session.delivery:
            self.session.idempotency_key = None
        self.session.delivery = dict(delivery)
        self._go(Screen.REVIEW)

    def give_consent(self, consent: bool) -> None:
        self._expect(Screen.REVIEW)
        self.session.consent = consent

    def submitted(self, dossier_code: str | None, *, offline: bool = False,
                  payment_due: bool = False) -> None:
        """The dossier is safe: either the portal gave it a code, or it is queued in the outbox. A fee
        can only be paid for a dossier the portal knows (it computes the amount)."""
        self._expect(Screen.REVIEW)
        if not self.session.consent:
            raise FlowError("a dossier is submitted only with the citizen's consent")
        self.session.dossier_code = dossier_code
        self.session.submitted_offline = offline
        self.session.payment_due = payment_due and dossier_code is not None
        self._go(Screen.PAYMENT if self.session.payment_due else Screen.RECEIPT)

    def payment_finished(self, paid: bool) -> None:
        """Paid (the portal confirmed), or "pay later at the counter": either way on to the receipt."""
        self._expect(Screen.PAYMENT)
        self.session.paid = paid
        self._go(Screen.RECEIPT)

    def back(self) -> None:
        target = _BACK.get(self.screen)
        if self.screen is Screen.DELIVERY and self.session.needs_documents:
            target = Screen.DOCUMENTS
        if self.screen is Screen.READ_CARD and self.session.journey is Journey.ACCOUNT:
            target = Screen.HOME
        if self.screen is Screen.FORM and self.session.preselected:
            target = Screen.CONFIRM
        if target is None:
            raise FlowError(f"no way back from {self.screen.value!r}")
        self._go(target)

    def wipe(self) -> None:
        """Timeout, "finish" and "start over": forget the citizen entirely and show the attract screen."""
        self.session = CitizenSession(language=self._default_language)
        self._go(Screen.ATTRACT)

    def can_go_back(self) -> bool:
        return self.screen in _BACK

    def snapshot(self) -> dict[str, Any]:
        """What a test or the staff view may see of the flow: no personal data."""
        return {
            "screen": self.screen.value,
            "language": self.session.language,
            "has_reading": self.session.reading is not None,
            "procedure_code": self.session.procedure_code,
        }
