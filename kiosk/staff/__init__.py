"""Staff members and their PINs (assisted mode): pure Python, no Qt."""

from kiosk.staff.registry import (
    Action,
    Outcome,
    PermissionDeniedError,
    Role,
    ScryptParams,
    StaffAuditEvent,
    StaffError,
    StaffMember,
    StaffRegistry,
    VerifyResult,
)

__all__ = [
    "Action",
    "Outcome",
    "PermissionDeniedError",
    "Role",
    "ScryptParams",
    "StaffAuditEvent",
    "StaffError",
    "StaffMember",
    "StaffRegistry",
    "VerifyResult",
]
