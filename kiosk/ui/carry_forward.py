"""Ask once: what the citizen already gave (the phone on the form, the address on the card) and what the
kiosk knows (its province) prefill the delivery screen, so nobody types them twice."""

from __future__ import annotations

from typing import Any

from kiosk.domain.admin_units import AdminUnits
from kiosk.domain.text import fold


def _exact(units: list[Any], part: str) -> Any | None:
    """The unit whose short name is exactly `part` (ignoring diacritics, case and "Phường/Xã …")."""
    wanted = fold(part).strip()
    for unit in units:
        if fold(unit.short_name) == wanted or fold(unit.name) == wanted:
            return unit
    return None


def locality(units: AdminUnits, province: str, commune: str) -> str:
    """"Phường Nghĩa Đô, Thành phố Hà Nội": the kiosk's own commune and province, to end an address
    with one tap; "" unless both codes are known."""
    if not (province and commune):
        return ""
    try:
        return f"{units.commune(commune).name}, {units.province(province).name}"
    except KeyError:
        return ""


def address_from_card(address: str, units: AdminUnits) -> dict[str, str]:
    """{"street", "province", "commune"} read from an address written smallest unit first with commas
    between (a card's, or one typed on the form), as far as the current (2025) units can be
    recognised; nothing is guessed."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if not parts:
        return {}
    province = None
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i].removeprefix("TP.").removeprefix("Thành phố").removeprefix("Tỉnh").strip()
        province = _exact(list(units.provinces), part)
        if province is not None:
            parts = parts[:i]
            break
    if province is None:
        return {}
    out = {"province": province.code}
    for i, part in enumerate(parts):
        commune = _exact(list(province.communes), part.removeprefix("Phường").removeprefix("Xã").strip())
        if commune is not None:
            out["commune"] = commune.code
            street = ", ".join(parts[:i])
            if street:
                out["street"] = street
            break
    return out


def delivery_defaults(session: Any, units: AdminUnits, kiosk_province: str = "") -> dict[str, str]:
    """Prefills for the delivery screen from this session and the kiosk: the phone given on the form,
    the card's address, else the kiosk's own province first."""
    out: dict[str, str] = {}
    phones = [str(v) for k, v in session.answers.items() if "phone" in k and v]
    if phones:
        out["phone"] = phones[0]
    # The newest address first: one the form asked for (a new residence), then the card's.
    typed = [str(v) for k, v in session.answers.items()
             if "address" in k and k != "current_address" and isinstance(v, str) and v.strip()]
    reading = session.applicant.get("address")
    for address in [*typed, reading.value if reading is not None else ""]:
        found = address_from_card(address, units) if address else {}
        if found:
            out.update(found)
            break
    if "province" not in out and kiosk_province:
        out["province"] = kiosk_province
    return out
