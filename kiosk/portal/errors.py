"""What can go wrong talking to the portal, sorted by what the kiosk should do about it.

`retryable` tells the outbox worker whether to try again later (the dossier stays queued) or to stop and
tell a person. `user_message` is for the citizen: plain words, Vietnamese first, never technical detail.
`str(error)` is for logs and staff: technical, and free of personal data.
"""

from __future__ import annotations


class PortalError(Exception):
    retryable: bool = True
    _message_vi = "Có lỗi khi làm việc với Cổng dịch vụ công. Hồ sơ của ông/bà vẫn được lưu an toàn trên máy."
    _message_en = (
        "Something went wrong with the public service portal. Your dossier is still stored safely here."
    )

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

    def user_message(self, lang: str = "vi") -> str:
        return self._message_vi if lang.lower().startswith("vi") else self._message_en


class PortalUnavailable(PortalError):
    """No usable answer: connection refused or reset, timeout, the portal busy or failing (5xx, 429)."""

    retryable = True
    _message_vi = (
        "Không kết nối được với Cổng dịch vụ công. Hồ sơ của ông/bà vẫn được lưu an toàn "
        "và sẽ được gửi tự động khi có kết nối."
    )
    _message_en = (
        "The public service portal cannot be reached right now. Your dossier is stored safely "
        "and will be sent automatically when the connection is back."
    )


class PortalBadResponse(PortalError):
    """An answer that is not what the contract promises: not JSON, cut short, or the wrong shape.
    Usually a proxy, a captive portal or a portal mid-upgrade, so it is worth trying again later."""

    retryable = True
    _message_vi = (
        "Cổng dịch vụ công trả lời không đúng định dạng. Hồ sơ của ông/bà vẫn được lưu an toàn "
        "và sẽ được gửi lại sau."
    )
    _message_en = (
        "The public service portal sent an answer the kiosk could not understand. Your dossier is stored "
        "safely and will be sent again later."
    )


class PortalRejected(PortalError):
    """The portal understood the request and refused it (4xx with its reason). Trying again will not help;
    a person has to look at the dossier."""

    retryable = False
    _shows_portal_reason = True
    _message_vi = "Cổng dịch vụ công chưa chấp nhận hồ sơ. Vui lòng liên hệ cán bộ hỗ trợ để được hướng dẫn."
    _message_en = "The public service portal did not accept the dossier. Please ask the staff for help."

    def user_message(self, lang: str = "vi") -> str:
        base = super().user_message(lang)
        # The portal's own reason is shown only in Vietnamese and only when the portal wrote one for people.
        if self._shows_portal_reason and lang.lower().startswith("vi") and self.portal_message_vi:
            return f"{base} Lý do: {self.portal_message_vi}"
        return base


class PortalNotFound(PortalRejected):
    """The portal has no such record (404), e.g. a mistyped dossier code."""

    _shows_portal_reason = False

    _message_vi = "Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã hồ sơ trên giấy biên nhận."
    _message_en = "No dossier was found with this code. Please check the code on your receipt."


class PortalConflict(PortalRejected):
    """409: the idempotency key was already used for a dossier with different content. This is a kiosk
    fault (a key must belong to exactly one dossier), so it is never retried."""

    _shows_portal_reason = False

    _message_vi = (
        "Hồ sơ này trùng mã gửi với một hồ sơ khác đã nộp. Vui lòng liên hệ cán bộ hỗ trợ; "
        "hồ sơ của ông/bà vẫn được lưu trên máy."
    )
    _message_en = (
        "This dossier clashes with another one already sent. Please ask the staff for help; "
        "your dossier is still stored here."
    )


class PortalUnauthorized(PortalError):
    """401: the kiosk's token (or the citizen's session) is missing, unknown or expired. The client gets a
    new kiosk token once by itself; if that fails too, the kiosk's credentials need an operator."""

    retryable = True
    _message_vi = (
        "Máy kiosk tạm thời chưa kết nối được với Cổng dịch vụ công. Vui lòng liên hệ cán bộ hỗ trợ."
    )
    _message_en = "This kiosk cannot sign in to the public service portal right now. Please ask the staff."


class PortalNotReady(PortalError):
    """409 for something that is not there yet (e.g. the result of a dossier still being processed)."""

    retryable = True
    _message_vi = "Hồ sơ của ông/bà đang được xử lý, chưa có kết quả. Vui lòng quay lại sau."
    _message_en = "Your dossier is still being processed; there is no result yet. Please come back later."


class PortalExpired(PortalRejected):
    """410: a one-time code or request expired or was used up; start again."""

    _shows_portal_reason = False
    _message_vi = "Mã xác nhận đã hết hạn. Vui lòng lấy mã mới."
    _message_en = "The confirmation code has expired. Please request a new one."
