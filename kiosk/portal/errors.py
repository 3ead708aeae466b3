"""What can go wrong talking to the portal, sorted by what the kiosk should do about it.

`retryable` tells the outbox worker whether to try again later (the dossier stays queued) or to stop and
tell a person. `notice` is what to tell the citizen, as a code (``portal.unavailable``…) that
kiosk.ui.texts puts in plain words, Vietnamese or English, never technical detail; the portal's own
reason written for people (`portal_message_vi`) travels with it as data. `str(error)` is for logs and
staff: technical, and free of personal data.
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.domain.notice import Notice


class PortalError(Exception):
    retryable: bool = True
    #: The citizen's sentence, as a code of kiosk.ui.notice_texts.
    notice_code: ClassVar[str] = "portal.error"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        code: str | None = None,
        portal_message: str | None = None,
        portal_message_vi: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status  # HTTP status when there was one
        self.code = code  # the portal's machine-readable error code, e.g. "sha256_mismatch"
        self.portal_message = portal_message
        self.portal_message_vi = portal_message_vi

    @property
    def notice(self) -> Notice:
        return Notice(self.notice_code)


class PortalUnavailable(PortalError):
    """No usable answer: connection refused or reset, timeout, the portal busy or failing (5xx, 429)."""

    retryable = True
    notice_code = "portal.unavailable"


class PortalBadResponse(PortalError):
    """An answer that is not what the contract promises: not JSON, cut short, or the wrong shape.
    Usually a proxy, a captive portal or a portal mid-upgrade, so it is worth trying again later."""

    retryable = True
    notice_code = "portal.bad_response"


class PortalRejected(PortalError):
    """The portal understood the request and refused it (4xx with its reason). Trying again will not help;
    a person has to look at the dossier."""

    retryable = False
    _shows_portal_reason = True
    notice_code = "portal.rejected"

    @property
    def notice(self) -> Notice:
        # The portal's own reason, when it wrote one for people, is shown as it came (its data, Vietnamese).
        if self._shows_portal_reason and self.portal_message_vi:
            return Notice("portal.rejected_with_reason", {"reason": self.portal_message_vi})
        return Notice(self.notice_code)


class PortalNotFound(PortalRejected):
    """The portal has no such record (404), e.g. a mistyped dossier code."""

    _shows_portal_reason = False
    notice_code = "portal.not_found"


class PortalConflict(PortalRejected):
    """409: the idempotency key was already used for a dossier with different content. This is a kiosk
    fault (a key must belong to exactly one dossier), so it is never retried."""

    _shows_portal_reason = False
    notice_code = "portal.conflict"


class PortalUnauthorized(PortalError):
    """401: the kiosk's token (or the citizen's session) is missing, unknown or expired. The client gets a
    new kiosk token once by itself; if that fails too, the kiosk's credentials need an operator."""

    retryable = True
    notice_code = "portal.unauthorized"


class PortalNotReady(PortalError):
    """409 for something that is not there yet (e.g. the result of a dossier still being processed)."""

    retryable = True
    notice_code = "portal.not_ready"


class PortalExpired(PortalRejected):
    """410: a one-time code or request expired or was used up; start again."""

    _shows_portal_reason = False
    notice_code = "portal.expired"


def _all(cls: type[PortalError]) -> list[type[PortalError]]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _all(child))]


#: Every code a portal error may say (kiosk.ui.notice_texts has words for each).
NOTICE_CODES: frozenset[str] = frozenset({cls.notice_code for cls in _all(PortalError)}
                                         | {"portal.rejected_with_reason"})
