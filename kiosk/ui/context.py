"""What the kiosk's view-models share (QML: `kiosk`): the session, the services, the language, the one error
channel and the one wipe list.

The screens' view-models are peers (kiosk.ui.peers lists them): none owns another, none reads another's
private attributes; each gets this context and talks to the others only through the flow (the citizen's
session and the screen) and the context's signals.

The wipe list: every object that holds a citizen's data says so with `holds_citizen_data(obj)` when it is
built; `end_session()` (idle timeout, "Kết thúc" after the survey, "Làm lại", the window closing) clears
every one of them and the flow's session, so one citizen's data never reaches the next.

The error channel: `tell(text)` puts a sentence in front of the citizen (QML shows `kiosk.message` in one
banner, Main.qml); a new screen, `dismissMessage()` or the wipe takes it away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.portal.client import PortalClient
from kiosk.portal.models import Catalogue, Procedure
from kiosk.store.outbox import Outbox, QueueLimits
from kiosk.sync.lifecycle import DossierLifecycle
from kiosk.sync.worker import OutboxWorker
from kiosk.ui.flow import KioskFlow, Screen
from kiosk.ui.idle import IdleGuard
from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass
class PeerServices:
    """What the view-models use below the UI (kiosk.app builds the real ones; tests pass what they need)."""

    outbox: Outbox
    portal: PortalClient
    #: The outbox worker (kiosk.app builds it): the one thing that sends queued dossiers; peers only wake it.
    worker: OutboxWorker | None = None
    #: What the province's fleet hears about a dossier filed here (None in tests that do not care).
    lifecycle: DossierLifecycle | None = None
    #: Queue and catalogue limits for new dossiers (None: no limits, as in most tests).
    limits: QueueLimits | None = None
    #: This kiosk's province code (config ui.province): first for a delivery address.
    home_province: str = ""


@dataclass
class _CitizenData:
    holder: QObject
    clear: Callable[[], None]


class KioskContext(QObject):
    screenChanged = Signal()
    languageChanged = Signal()
    messageChanged = Signal()
    busyChanged = Signal()
    idleChanged = Signal()
    catalogueChanged = Signal()
    #: After the wipe: every holder is cleared and the flow shows the attract screen.
    sessionEnded = Signal()

    def __init__(self, services: PeerServices, *, idle_s: int = 90, idle_warning_s: int = 30,
                 default_language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.flow = KioskFlow(default_language)
        self.tasks = TaskRunner(self)
        self.idle = IdleGuard(idle_s, idle_warning_s, self)
        self.idle.expired.connect(self.end_session)
        self.idle.warningChanged.connect(self.idleChanged)
        self.idle.secondsLeftChanged.connect(self.idleChanged)
        #: The clerk's staff id while assisted mode is on (set by staff mode); recorded on each dossier.
        self.assisted_by: str | None = None
        #: The portal's catalogue (shared, not personal): set by the procedures peer when it arrives.
        self.catalogue: Catalogue | None = None
        self.catalogue_fetched_at: datetime | None = None
        self._message = ""
        self._busy = False
        self._citizen_data: list[_CitizenData] = []
        self.flow.subscribe(self._on_screen)

    # ------------------------------------------------------------------ the language
    @property
    def lang(self) -> str:
        return self.flow.session.language

    def language_now(self) -> str:
        """For view-models that take a `language` callable."""
        return self.flow.session.language

    # ------------------------------------------------------------------ the catalogue
    def set_catalogue(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.catalogue_fetched_at = datetime.now(UTC)
        self.catalogueChanged.emit()

    def procedure(self) -> Procedure | None:
        """The catalogue entry of the procedure this citizen chose, if any."""
        code = self.flow.session.procedure_code
        return self.catalogue.find(code) if (self.catalogue and code) else None

    # ------------------------------------------------------------------ the error channel
    def tell(self, text: str) -> None:
        """Show `text` to the citizen (in the session's language already); "" hides the banner."""
        if self._message != text:
            self._message = text
            self.messageChanged.emit()

    @Slot()
    def dismissMessage(self) -> None:
        self.tell("")

    def set_busy(self, busy: bool) -> None:
        if self._busy != busy:
            self._busy = busy
            self.busyChanged.emit()

    @property
    def busy_now(self) -> bool:
        return self._busy

    # ------------------------------------------------------------------ the wipe list
    def holds_citizen_data(self, holder: QObject, clear: Callable[[], None] | None = None) -> None:
        """Register `holder` for the wipe: `clear` (default `holder.clear`) forgets everything it holds."""
        wipe = clear if clear is not None else getattr(holder, "clear")  # noqa: B009 - a clear error if absent
        self._citizen_data.append(_CitizenData(holder, wipe))

    def citizen_data_holders(self) -> list[QObject]:
        """Every object on the wipe list (the wipe test checks each one is empty after a session)."""
        return [entry.holder for entry in self._citizen_data]

    @Slot()
    def end_session(self) -> None:
        """Timeout, "finish", "start over", the window closing: forget this citizen; show attract."""
        language = self.lang
        for entry in self._citizen_data:
            entry.clear()
        self.tell("")
        self.set_busy(False)
        self.flow.wipe()
        if self.lang != language:  # back to the kiosk's default language for the next citizen
            self.languageChanged.emit()
        self.sessionEnded.emit()

    # ------------------------------------------------------------------ for QML
    def _on_screen(self, screen: Screen) -> None:
        self.tell("")
        self.idle.arm(screen is not Screen.ATTRACT)

    def announce_screen(self) -> None:
        """Called last among the screen's listeners (kiosk.ui.peers), once every peer has filled its rows."""
        self.screenChanged.emit()

    def _get_screen(self) -> str:
        return self.flow.screen.value

    def _get_language(self) -> str:
        return self.flow.session.language

    def _get_message(self) -> str:
        return self._message

    def _get_busy(self) -> bool:
        return self._busy

    def _get_can_go_back(self) -> bool:
        return self.flow.can_go_back()

    def _get_idle_warning(self) -> bool:
        return self.idle.warning

    def _get_idle_seconds(self) -> int:
        return self.idle.seconds_left

    @Slot()
    def moreTime(self) -> None:
        self.idle.poke()

    screen = Property(str, _get_screen, notify=screenChanged)
    language = Property(str, _get_language, notify=languageChanged)
    message = Property(str, _get_message, notify=messageChanged)
    busy = Property(bool, _get_busy, notify=busyChanged)
    canGoBack = Property(bool, _get_can_go_back, notify=screenChanged)
    idleWarning = Property(bool, _get_idle_warning, notify=idleChanged)
    idleSecondsLeft = Property(int, _get_idle_seconds, notify=idleChanged)
