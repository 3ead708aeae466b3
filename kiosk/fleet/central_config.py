"""What the fleet service pushes to a kiosk, cached on the kiosk: central staff accounts (with their PIN's
scrypt hash, never the PIN) and its group's settings. The cache lets staff log in with their PIN while the
kiosk is offline; it is refreshed whenever the kiosk reaches the service (`kiosk fleet send`, the reporter).

The cache is one JSON file, owner-only (0600), written atomically. The kiosk's own staff registry
(kiosk/staff) stays the authority for local accounts; `verify_cached_pin` is what a login screen asks
when the id is not a local one.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.staff.registry import StaffError, pin_matches

CACHE_NAME = "fleet-config.json"


@dataclass(frozen=True)
class CentralStaff:
    id: str
    name: str
    role: str  # clerk, operator, province_admin


def write_cache(path: Path, config: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    kept = {
        "group": config.get("group"),
        "settings": config.get("settings", {}),
        "staff": config.get("staff", []),
        "hotline_after_s": config.get("hotline_after_s"),
    }
    fd, temporary = tempfile.mkstemp(prefix=".fleet-config-", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as handle:
            json.dump(kept, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_cache(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError):
        return {"settings": {}, "staff": []}
    return data


def settings(path: Path) -> dict[str, Any]:
    return dict(read_cache(path).get("settings") or {})


def verify_cached_pin(path: Path, staff_id: str, pin: str) -> CentralStaff | None:
    """The central staff member when `pin` is theirs, else None (unknown id, wrong PIN, no cache)."""
    for member in read_cache(path).get("staff", []):
        if member.get("id") != staff_id:
            continue
        try:
            ok = pin_matches(pin, member.get("pin") or {})
        except (StaffError, KeyError, ValueError):
            return None
        return CentralStaff(member["id"], member.get("name", ""), member.get("role", "clerk")) if ok else None
    return None
