"""Provinces and communes of Viet Nam after the 1 July 2025 reorganisation (34 provinces, no districts).

The data is `resources/data/admin_units_2025.json`: official codes (2-digit provinces, 5-digit communes)
and names in NFC from the National Statistics Office's catalogue (see the file's ``source`` block and
`resources/data/README.md`). An address is now ``<street>, <commune/ward>, <province>``.

Lists come sorted with Vietnamese collation (`kiosk.domain.text.vi_sort_key`), and search ignores
diacritics, case and tone placement (`kiosk.domain.text.matches`): ``"nghia do"`` finds ``Phường Nghĩa Đô``.
Parsing (`AdminUnits.from_json`) is pure; `load_admin_units` only reads the bundled file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from kiosk.domain.text import fold, matches, nfc, vi_sort_key
from kiosk.paths import bundled_dir

DATA_FILE = bundled_dir("resources") / "data" / "admin_units_2025.json"


@dataclass(frozen=True)
class Commune:
    """A commune-level unit: xã, phường or đặc khu."""

    code: str  # 5 digits
    name: str  # "Phường Nghĩa Đô"
    short_name: str  # "Nghĩa Đô"
    type: str  # "xã", "phường", "đặc khu"
    province_code: str


@dataclass(frozen=True)
class Province:
    code: str  # 2 digits
    name: str  # "Thành phố Hà Nội"
    short_name: str  # "Hà Nội"
    type: str  # "tỉnh", "thành phố trung ương"
    phone_code: int | None
    communes: tuple[Commune, ...]


class AdminUnits:
    def __init__(self, provinces: Iterable[Province], source: Mapping[str, str] | None = None) -> None:
        self.provinces: tuple[Province, ...] = _sorted(provinces)
        self.source: dict[str, str] = dict(source or {})
        self._provinces = {p.code: p for p in self.provinces}
        self._communes = {c.code: c for p in self.provinces for c in p.communes}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> AdminUnits:
        provinces = []
        for p in data["provinces"]:
            code = str(p["code"])
            communes = tuple(
                Commune(str(c["code"]), nfc(c["name"]), nfc(c["short_name"]), nfc(c["type"]), code)
                for c in p["communes"]
            )
            provinces.append(Province(code, nfc(p["name"]), nfc(p["short_name"]), nfc(p["type"]),
                                      p.get("phone_code"), _sorted(communes)))
        return AdminUnits(provinces, data.get("source", {}))

    def province(self, code: str) -> Province:
        """KeyError for an unknown code."""
        return self._provinces[code]

    def commune(self, code: str) -> Commune:
        """KeyError for an unknown code."""
        return self._communes[code]

    def communes(self, province_code: str | None = None) -> tuple[Commune, ...]:
        """A province's communes, or all of them (sorted by province, then commune)."""
        if province_code is not None:
            return self.province(province_code).communes
        return tuple(c for p in self.provinces for c in p.communes)

    def search_provinces(self, query: str) -> list[Province]:
        """Provinces whose name matches `query` (word starts, no diacritics needed), best first:
        an exact short-name match, then the rest in collation order."""
        return _ranked(self.provinces, query)

    def search_communes(self, query: str, province_code: str | None = None,
                        limit: int | None = None) -> list[Commune]:
        """Communes matching `query`, in one province or all; exact short-name matches first."""
        found = _ranked(self.communes(province_code), query)
        return found if limit is None else found[:limit]


_Unit = TypeVar("_Unit", Province, Commune)


def _sorted(units: Iterable[_Unit]) -> tuple[_Unit, ...]:
    return tuple(sorted(units, key=lambda u: (vi_sort_key(u.short_name), u.code)))


def _ranked(units: Iterable[_Unit], query: str) -> list[_Unit]:
    folded = " ".join(fold(query).split())
    hits = [u for u in units if matches(query, u.name)]
    return sorted(hits, key=lambda u: fold(u.short_name) != folded)  # stable: collation order otherwise


@cache
def load_admin_units(path: Path = DATA_FILE) -> AdminUnits:
    """The bundled 2025 units (read once)."""
    return AdminUnits.from_json(json.loads(path.read_text(encoding="utf-8")))
