"""The kiosk's view-models, built as peers over one shared context and published to QML by name.

Every peer is a QObject that takes the `KioskContext` (kiosk.ui.context): the flow with the citizen's
session, the services, the language, the error channel (`context.tell`) and the wipe list. QML sees each
one as a context property under its name (the one way view-models reach QML; no registered types):

    kiosk       the context: screen, language, message (the one error banner), busy, idle countdown
    visit       attract, the home menu, language, back, start over, the survey at the end, call staff
    card        the ID card camera, its hints and warnings, the details read or typed (confirm screen)
    procedures  the catalogue, its search and field chips, the chosen procedure's facts
    form        the procedure's form: answers, checks
    dossier     documents done, delivery done, review and consent, submit, fee, receipt
    docs, delivery, payment, access   the documents, delivery, fee and accessibility view-models
    applicant   who files (kiosk.ui.applicant): the applicant type and its own fields

Adding a peer (as kiosk.ui.applicant's view-model is) is ONE line in `EXTRA_PEERS` below: its QML
name and a factory taking the context. The peer subscribes to `context.flow` / `context.languageChanged`
for what it needs, shows problems with `context.tell(text)`, and — if it holds anything of the
citizen's — calls `context.holds_citizen_data(self)` in its constructor (its `clear()` is then its part
of the wipe; tests/ui/test_wipe.py checks every holder is empty after a session).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtQml import QQmlContext

from kiosk.capture.frames import FrameSource
from kiosk.ui.access import Accessibility
from kiosk.ui.applicant import ApplicantViewModel
from kiosk.ui.camera import LatestFrameProvider
from kiosk.ui.card import CardPeer
from kiosk.ui.context import KioskContext, PeerServices
from kiosk.ui.delivery import DeliveryViewModel
from kiosk.ui.documents import DocumentsViewModel, PageImageProvider
from kiosk.ui.flow import Screen
from kiosk.ui.form import FormPeer
from kiosk.ui.payment import POLL_MS as PAYMENT_POLL_MS
from kiosk.ui.payment import PaymentViewModel
from kiosk.ui.procedures import ProceduresPeer
from kiosk.ui.submission import SubmissionPeer
from kiosk.ui.visit import VisitPeer

PeerFactory = Callable[[KioskContext], QObject]


def applicant_peer(context: KioskContext) -> ApplicantViewModel:
    """The applicant-type view-model (kiosk.ui.applicant); its values live in the flow's session, its
    rows and reasons are wiped with the other holders."""
    peer = ApplicantViewModel(flow=context.flow, language=lambda: context.lang, message=context.tell,
                              parent=context)
    context.holds_citizen_data(peer)
    context.languageChanged.connect(peer.relabel)
    return peer


#: Peers beyond the core ones: (QML name, factory). One line each.
EXTRA_PEERS: list[tuple[str, PeerFactory]] = [
    ("applicant", applicant_peer),  # who files: citizen, foreigner, organisation, no ID, representative
]


@dataclass
class KioskPeers:
    context: KioskContext
    visit: VisitPeer
    card: CardPeer
    procedures: ProceduresPeer
    form: FormPeer
    dossier: SubmissionPeer
    documents: DocumentsViewModel
    delivery: DeliveryViewModel
    payment: PaymentViewModel
    accessibility: Accessibility
    #: The `EXTRA_PEERS`, by QML name.
    extra: dict[str, QObject] = field(default_factory=dict)

    def published(self) -> dict[str, QObject]:
        """Every view-model QML sees, by the name it sees it under."""
        return {"kiosk": self.context, "visit": self.visit, "card": self.card, "procedures": self.procedures,
                "form": self.form, "dossier": self.dossier, "docs": self.documents, "delivery": self.delivery,
                "payment": self.payment, "access": self.accessibility, **self.extra}

    def publish(self, root: QQmlContext) -> None:
        for name, peer in self.published().items():
            root.setContextProperty(name, peer)

    def start(self) -> None:
        self.procedures.load()
        self.dossier.syncNow()

    def shutdown(self) -> None:
        self.accessibility.stop()
        self.context.idle.stop()
        self.card.stop()
        self.documents.end()
        self.context.tasks.wait()


def build_peers(services: PeerServices, *, open_camera: Callable[[], FrameSource],
                frames: LatestFrameProvider | None = None,
                open_document_camera: Callable[[], FrameSource] | None = None,
                document_frames: LatestFrameProvider | None = None,
                page_thumbnails: PageImageProvider | None = None, scanner_device: str = "none",
                idle_s: int = 90, idle_warning_s: int = 30, default_language: str = "vi",
                payment_poll_ms: int = PAYMENT_POLL_MS, parent: QObject | None = None) -> KioskPeers:
    context = KioskContext(services, idle_s=idle_s, idle_warning_s=idle_warning_s,
                           default_language=default_language, parent=parent)
    lang = context.language_now
    # The order of construction is the order of the wipe and of reacting to a new screen: the camera
    # stops first, the accessibility choices are reset last.
    card = CardPeer(context, open_camera=open_camera, frames=frames or LatestFrameProvider())
    documents = DocumentsViewModel(
        tasks=context.tasks, open_camera=open_document_camera or open_camera,
        frames=document_frames or LatestFrameProvider(), thumbnails=page_thumbnails or PageImageProvider(),
        scanner_device=scanner_device, language=lang, parent=context)
    documents.activity.connect(context.idle.poke)
    context.holds_citizen_data(documents)
    delivery = DeliveryViewModel(tasks=context.tasks, portal=services.portal, language=lang, parent=context)
    context.holds_citizen_data(delivery)
    payment = PaymentViewModel(tasks=context.tasks, portal=services.portal, language=lang,
                               poll_ms=payment_poll_ms, parent=context)
    context.holds_citizen_data(payment)
    peers = KioskPeers(
        context=context, card=card, procedures=ProceduresPeer(context), form=FormPeer(context),
        dossier=SubmissionPeer(context, documents=documents, delivery=delivery, payment=payment),
        visit=VisitPeer(context), documents=documents, delivery=delivery, payment=payment,
        #: Text size, contrast, speech and the tone row: one citizen's choices, reset by the wipe.
        accessibility=Accessibility(context))
    peers.extra = {name: factory(context) for name, factory in EXTRA_PEERS}
    access = peers.accessibility
    context.holds_citizen_data(access, access.reset)
    context.flow.subscribe(lambda screen: access.screen_entered(screen.value, context.lang))
    context.languageChanged.connect(
        lambda: documents.relabel() if context.flow.screen is Screen.DOCUMENTS else None)
    card.guideQrRead.connect(peers.procedures.choose)
    # Last: the screen changes for QML once every peer has filled its rows for it.
    context.flow.subscribe(lambda _screen: context.announce_screen())
    return peers
