"""The sandbox portal's one error type: every non-2xx answer is ``{"error": {...}}`` (wire.ErrorBody)."""

from __future__ import annotations

from kiosk.sandbox import wire_models as wire


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        message_vi: str | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = wire.ErrorBody(
            error=wire.ErrorDetail(code=code, message=message, message_vi=message_vi, fields=fields)
        )
