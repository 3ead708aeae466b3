"""Pure functions behind `kiosk staff add|list|remove|set-pin|unlock`: JSON-able results, no printing.

The command wires these to argparse and reads the PIN with `getpass` (twice, see `pins_match`), so a PIN
never appears in the shell history, the process list or the output. Errors raise `StaffError` with a
one-line message for the command to print (exit status 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.staff.registry import STAFF_FILE_NAME, AuditHook, StaffError, StaffMember, StaffRegistry


def staff_file(data_dir: Path) -> Path:
    return Path(data_dir) / STAFF_FILE_NAME


def _registry(data_dir: Path, audit: AuditHook | None) -> StaffRegistry:
    return StaffRegistry(staff_file(data_dir), audit=audit)


def _member_json(member: StaffMember) -> dict[str, Any]:
    return {"id": member.staff_id, "name": member.name, "role": member.role.value}


def pins_match(first: str, second: str) -> str:
    """The PIN when both entries agree; StaffError otherwise."""
    if first != second:
        raise StaffError("the two PINs are not the same")
    return first


def cli_staff_add(data_dir: Path, staff_id: str, name: str, role: str, pin: str, *,
                  audit: AuditHook | None = None) -> dict[str, Any]:
    """``{"added": {"id", "name", "role"}}``."""
    return {"added": _member_json(_registry(data_dir, audit).add(staff_id, name, role, pin))}


def cli_staff_list(data_dir: Path) -> dict[str, Any]:
    """``{"staff": [{"id", "name", "role", "locked_until"}]}``, sorted by id; locked_until is ISO or null."""
    registry = _registry(data_dir, None)
    rows = []
    for member in registry.members():
        until = registry.locked_until(member.staff_id)
        rows.append({**_member_json(member), "locked_until": until.isoformat() if until else None})
    return {"staff": rows}


def cli_staff_remove(data_dir: Path, staff_id: str, *, audit: AuditHook | None = None) -> dict[str, Any]:
    """``{"removed": {"id", "name", "role"}}``."""
    return {"removed": _member_json(_registry(data_dir, audit).remove(staff_id))}


def cli_staff_set_pin(data_dir: Path, staff_id: str, pin: str, *,
                      audit: AuditHook | None = None) -> dict[str, Any]:
    """An operator sets a new PIN (also clears a lockout): ``{"pin_changed": id}``."""
    _registry(data_dir, audit).change_pin(staff_id, pin)
    return {"pin_changed": staff_id}


def cli_staff_unlock(data_dir: Path, staff_id: str, *, audit: AuditHook | None = None) -> dict[str, Any]:
    """``{"unlocked": id}``."""
    _registry(data_dir, audit).unlock(staff_id)
    return {"unlocked": staff_id}
