"""The audit trail: what happened on which kiosk and to which dossier, never to whom.

`record` refuses details that look like personal data instead of redacting them: an audit event is
written on purpose, so personal data in it is a bug to fix, not noise to clean.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.logs import find_personal_data
from kiosk.store.models import AuditEvent, utc_now

DetailValue = str | int | float | bool | None

# "dossier.queued", "outbox.send_failed", "kiosk.started": lower-case words joined by dots.
_KIND = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+")
# Detail keys that can only hold personal data, whatever their values look like (names and addresses
# have no recognisable shape, so the key is the only thing that can be checked).
_PERSONAL_KEYS = frozenset(
    {
        "name", "full_name", "first_name", "last_name", "citizen", "applicant",
        "address", "street", "phone", "phone_number", "email", "e_mail",
        "id_number", "cccd", "cmnd", "passport", "date_of_birth", "dob", "birth_date",
    }
)  # fmt: skip


class PersonalDataError(ValueError):
    """An audit detail looks like personal data. The message names the key, never the value."""


def record(
    session: Session,
    kind: str,
    kiosk_id: str,
    dossier_id: str | None = None,
    *,
    at: datetime | None = None,
    **detail: DetailValue,
) -> AuditEvent:
    """Add an audit event to `session` (committed with the caller's transaction, or not at all).

    Details are flat JSON scalars, so they stay readable in any database and easy to check.
    """
    if not _KIND.fullmatch(kind):
        raise ValueError(f"audit kind {kind!r} must look like 'area.event' (lower case, dot separated)")
    for key, value in detail.items():
        _check_detail(kind, key, value)
    event = AuditEvent(
        at=at or utc_now(), kind=kind, kiosk_id=kiosk_id, dossier_id=dossier_id, detail=dict(detail)
    )
    session.add(event)
    return event


def _check_detail(kind: str, key: str, value: object) -> None:
    if key.lower() in _PERSONAL_KEYS:
        raise PersonalDataError(f"audit event {kind!r}: detail {key!r} would hold personal data")
    if value is not None and not isinstance(value, str | int | float | bool):
        raise TypeError(f"audit event {kind!r}: detail {key!r} must be text, a number, a boolean or None")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"audit event {kind!r}: detail {key!r} must be a finite number")
    kinds = find_personal_data(str(value)) if isinstance(value, str | int) else []
    if kinds:
        raise PersonalDataError(
            f"audit event {kind!r}: detail {key!r} looks like personal data ({', '.join(sorted(set(kinds)))})"
        )
