"""`journey` in QML: what keeps an elderly citizen oriented and told the truth on every screen.

The step indicator ("Bước 3/7"), the consent sentence generated from this kiosk's real retention
settings, what "Gọi nhân viên" really does here and how help arrives, the six procedures on the home
screen, whether the portal answers (known before the citizen starts) and whether the payment wait ran
out. Kept apart from the peers so the journey's words and orientation live in one place.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.ui.camera_health import CameraHealth
from kiosk.ui.carry_forward import locality
from kiosk.ui.delivery import admin_units
from kiosk.ui.flow import Screen
from kiosk.ui.payment_wait import keep_session_while_paying
from kiosk.ui.staff_call import CallsStaff, StaffPager
from kiosk.ui.texts import MESSAGES, QT_TRANSLATE_NOOP, pick, tr

log = logging.getLogger(__name__)

#: The steps of filing a dossier as the citizen counts them (the documents step only when paper is asked).
_STEPS: tuple[tuple[Screen, ...], ...] = (
    (Screen.READ_CARD, Screen.CONFIRM),
    (Screen.PROCEDURE, Screen.PROCEDURE_INFO),
    (Screen.FORM,),
    (Screen.DOCUMENTS,),
    (Screen.DELIVERY,),
    (Screen.REVIEW,),
    (Screen.PAYMENT,),
    (Screen.RECEIPT,),
)

#: The procedures most often filed at kiosks (civil status and residence first); the home screen shows
#: the ones the catalogue has, in this order, at most six.
TOP_PROCEDURES: dict[str, str] = {  # national code prefix → a short name for a big button
    "1.004194": QT_TRANSLATE_NOOP("Texts", "Đăng ký thường trú"),
    "1.001022": QT_TRANSLATE_NOOP("Texts", "Đăng ký tạm trú"),
    "1.001193": QT_TRANSLATE_NOOP("Texts", "Đăng ký khai sinh"),
    "1.004873": QT_TRANSLATE_NOOP("Texts", "Xác nhận tình trạng hôn nhân"),
    "2.000488": QT_TRANSLATE_NOOP("Texts", "Phiếu lý lịch tư pháp"),
    "2.000815": QT_TRANSLATE_NOOP("Texts", "Chứng thực bản sao"),
}
HOME_PROCEDURES = 6


def step_of(screen: Screen, *, needs_documents: bool, payment_due: bool | None) -> tuple[int, int]:
    """(step, total) for a screen of the dossier journey, (0, 0) outside it.

    Steps the citizen will not see are not counted: no documents step for a procedure without paper,
    no payment step for a free one (`payment_due` None: not known yet, counted by the fee)."""
    steps = [s for s in _STEPS
             if not (s == (Screen.DOCUMENTS,) and not needs_documents)
             and not (s == (Screen.PAYMENT,) and payment_due is False)]
    for i, group in enumerate(steps):
        if screen in group:
            return i + 1, len(steps)
    return 0, 0


#: The consent sentence, filled with the retention settings the purge job applies.
CONSENT = QT_TRANSLATE_NOOP("Texts", "Tôi đồng ý gửi thông tin và giấy tờ trên tới cơ quan giải quyết qua "
                                     "Cổng dịch vụ công. Máy giữ bản mã hoá {sent_days} ngày sau khi gửi "
                                     "(nếu bị từ chối: {failed_days} ngày), rồi tự xoá.")
STAFF_HELP_PHONE = QT_TRANSLATE_NOOP("Texts", "Máy này chưa tự gọi được nhân viên đến. Để được giúp ngay, "
                                              "xin gọi đường dây hỗ trợ {phone}, hoặc nhờ nhân viên tại quầy "
                                              "gần nhất. Hồ sơ của ông/bà vẫn được giữ trên màn hình.")
STAFF_HELP = QT_TRANSLATE_NOOP("Texts", "Máy này chưa tự gọi được nhân viên đến. Để được giúp, xin nhờ nhân "
                                        "viên tại quầy gần nhất hoặc người quản lý toà nhà. Hồ sơ của ông/bà "
                                        "vẫn được giữ trên màn hình.")
STEP = QT_TRANSLATE_NOOP("Texts", "Bước {step}/{total}")


def consent_text(sent_days: int, failed_days: int, lang: str) -> str:
    """The consent sentence, true to the retention settings the purge job applies."""
    return tr(CONSENT, lang).format(sent_days=sent_days, failed_days=failed_days)


def staff_help_text(help_phone: str, lang: str) -> str:
    """What "Gọi nhân viên" really does at this kiosk: no paging exists yet, so say so and give a way."""
    if help_phone:
        return tr(STAFF_HELP_PHONE, lang).format(phone=help_phone)
    return tr(STAFF_HELP, lang)


class JourneyViewModel(QObject):
    changed = Signal()

    def __init__(self, peers: Any, *, sent_days: int, failed_days: int, help_phone: str = "",
                 province: str = "", commune: str = "", staff_calls: CallsStaff | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locality = locality(admin_units(), province, commune)
        # kiosk.ui.peers.KioskPeers: the journey's words come from the context and the peers' public parts.
        self._peers = peers
        self._k = context = peers.context
        self._sent_days, self._failed_days = sent_days, failed_days
        self.help_phone = help_phone.strip()
        self._payment_expired = False
        self._portal = "checking"  # checking, up, down
        self.portal_timer: QTimer | None = None
        for signal in (context.screenChanged, context.languageChanged, context.catalogueChanged,
                       peers.dossier.receiptChanged):
            signal.connect(self.changed)
        context.screenChanged.connect(self._on_screen)
        context.messageChanged.connect(self._on_message)
        for signal in (peers.form.model.dataChanged, peers.form.model.modelReset):
            signal.connect(self.changed)
        keep_session_while_paying(context, peers.payment, self._on_payment_gave_up)
        self.camera_health = CameraHealth(context, peers.card, frames=peers.card.frames, parent=self)
        # "Gọi nhân viên" reaches a person through the fleet service when the kiosk is enrolled with one.
        self.pager = StaffPager(staff_calls, show=context.tell, lang=self._lang,
                                helpline=self._get_staff_help, parent=self)

    # ------------------------------------------------------------------ properties
    def _lang(self) -> str:
        return str(self._k.lang)

    def _get_step(self) -> str:
        flow = self._k.flow
        proc = self._k.procedure()
        # Before the procedure is known, count every step it may have: the total never grows later.
        due = None if proc is None else proc.fee_vnd > 0
        needs = True if proc is None else flow.session.needs_documents
        step, total = step_of(flow.screen, needs_documents=needs, payment_due=due)
        if not step:
            return ""
        return tr(STEP, self._lang()).format(step=step, total=total)

    def _get_consent(self) -> str:
        return consent_text(self._sent_days, self._failed_days, self._lang())

    def _get_staff_help(self) -> str:
        return staff_help_text(self.help_phone, self._lang())

    def _get_payment_expired(self) -> bool:
        return self._payment_expired

    def _get_portal(self) -> str:
        return self._portal

    def _get_home_procedures(self) -> list[dict[str, Any]]:
        catalogue = self._k.catalogue
        if catalogue is None:
            return []
        lang = self._lang()
        found = []
        for prefix, short in TOP_PROCEDURES.items():
            proc = next((p for p in catalogue.procedures if p.code.startswith(prefix + ".")), None)
            if proc is not None:
                found.append({"code": proc.code, "name": pick(short, lang)})
        return found[:HOME_PROCEDURES]

    def _get_form_problems(self) -> list[dict[str, Any]]:
        rows = enumerate(self._peers.form.model.rows())
        return [{"index": i, "label": row["label"]} for i, row in rows if row["error"]]

    def _get_preselected(self) -> bool:
        return bool(self._k.flow.session.preselected)

    step = Property(str, _get_step, notify=changed)
    preselected = Property(bool, _get_preselected, notify=changed)
    formProblems = Property("QVariantList", _get_form_problems, notify=changed)  # type: ignore[arg-type]
    consentText = Property(str, _get_consent, notify=changed)
    staffHelp = Property(str, _get_staff_help, notify=changed)
    helpPhone = Property(str, lambda self: self.help_phone, constant=True)
    #: The kiosk's own commune and province, offered as one tap at the end of an address on the form.
    locality = Property(str, lambda self: self._locality, constant=True)
    paymentExpired = Property(bool, _get_payment_expired, notify=changed)
    portalState = Property(str, _get_portal, notify=changed)
    homeProcedures = Property("QVariantList", _get_home_procedures, notify=changed)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ slots
    @Slot(str)
    def startWith(self, code: str) -> None:
        """A procedure button on the home screen: the card, then straight to that procedure."""
        k = self._k
        proc = k.catalogue.find(code) if k.catalogue else None
        if proc is None:
            return
        self._peers.dossier.start()
        if k.flow.screen is Screen.READ_CARD:
            k.flow.preselect(code, needs_documents=bool(proc.documents))
            self.changed.emit()

    # ------------------------------------------------------------------ reactions
    def _on_screen(self) -> None:
        if self._k.flow.screen is Screen.ATTRACT:
            self.pager.reset()  # the session was wiped: the next citizen starts without a pending call
        if self._k.flow.screen is not Screen.PAYMENT and self._payment_expired:
            self._payment_expired = False
            self.changed.emit()

    def _on_message(self) -> None:
        # "Gọi nhân viên": the visit peer's short sentence becomes the full truth for this kiosk (no
        # paging yet) with the helpline, when one is configured.
        message = str(self._k.message)
        if message == pick(MESSAGES["staff_called"], self._lang()):
            if not self.pager.page():  # no fleet service to page: say so, and give the helpline
                self._k.tell(self._get_staff_help())
            return
        # Every instruction is spoken when speech is on: the screen's sentence on arrival (access.py),
        # and each message the citizen is shown (an error, help, "stored, will be sent").
        access = self._peers.accessibility
        if message and access.speechOn:
            access.speaker.say(message, self._lang())

    def _on_payment_gave_up(self) -> None:
        self._payment_expired = True
        self.changed.emit()

    def stop(self) -> None:
        self.pager.stop()
        self.camera_health.stop()
        if self.portal_timer is not None:
            self.portal_timer.stop()

    def set_portal_state(self, state: str) -> None:
        if state != self._portal:
            self._portal = state
            self.changed.emit()


def watch_portal(journey: JourneyViewModel, peers: Any, interval_ms: int = 60_000) -> QTimer:
    """Portal reachability, known before a citizen starts: the catalogue fetch at start-up answers
    first; then a light health call every minute while the attract screen shows."""
    def on_catalogue() -> None:
        state = peers.procedures.state
        if state == "ready":
            journey.set_portal_state("up")
        elif state == "error":
            journey.set_portal_state("down")

    peers.procedures.stateChanged.connect(on_catalogue)
    context = peers.context

    def probe() -> None:
        if context.flow.screen is not Screen.ATTRACT:
            return
        portal = context.services.portal

        context.tasks.run(portal.health, lambda _: journey.set_portal_state("up"),
                             lambda _e: journey.set_portal_state("down"))

    timer = QTimer(journey, interval=interval_ms)
    timer.timeout.connect(probe)
    timer.start()
    journey.portal_timer = timer
    return timer
