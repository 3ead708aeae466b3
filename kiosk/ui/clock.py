"""Vietnam time for everything a citizen reads (receipt time, pickup slots): the machine's own timezone
may be UTC, and a receipt dated a day before its dossier code would look forged."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_vn() -> datetime:
    return datetime.now(VN_TZ)


def in_vn(moment: datetime) -> datetime:
    """`moment` on Vietnamese clocks (a naive time is taken as the machine's local time)."""
    return moment.astimezone(VN_TZ)
