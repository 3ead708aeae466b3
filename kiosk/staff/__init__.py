"""Staff members and their PINs (assisted mode): pure Python, no Qt."""

from kiosk.staff.registry import (
    Outcome,
    Role,
    ScryptParams,
    StaffAuditEvent,
    StaffError,
    StaffMember,
    StaffRegistry,
    VerifyResult,
)

__all__ = [
    "Outcome",
    "Role",
    "ScryptParams",
    "StaffAuditEvent",
    "StaffError",
    "StaffMember",
    "StaffRegistry",
    "VerifyResult",
]
