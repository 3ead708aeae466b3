r"""Rebuild admin_units_2025.json from the PyPI package `vietnam-provinces` (data from the NSO catalogue).

    pip download --no-deps --only-binary=:all: --python-version 3.12 vietnam-provinces==2026.9.0 -d /tmp/vp
    unzip -o /tmp/vp/*.whl -d /tmp/vp/x
    .venv/bin/python resources/data/build_admin_units.py \
        /tmp/vp/x/vietnam_provinces/data/nested-divisions.json

Keeps the official codes (2-digit provinces, 5-digit communes), names in NFC, the unit type and the short
name (name without its type word), sorted with the kiosk's Vietnamese collation.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from kiosk.domain.text import vi_sort_key

PACKAGE, VERSION = "vietnam-provinces", "2026.9.0"
PROVINCE_TYPES = ("thành phố trung ương", "tỉnh")
COMMUNE_TYPES = ("phường", "xã", "đặc khu")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def short(name: str, kind: str) -> str:
    prefixes = {"thành phố trung ương": "Thành phố ", "tỉnh": "Tỉnh ", "phường": "Phường ", "xã": "Xã ",
                "đặc khu": "Đặc khu "}
    return name.removeprefix(prefixes[kind])


def main(source: Path, target: Path) -> None:
    raw = json.loads(source.read_text(encoding="utf-8"))
    provinces = []
    for p in raw:
        kind = nfc(p["division_type"])
        assert kind in PROVINCE_TYPES, kind
        communes = []
        for w in p["wards"]:
            wkind = nfc(w["division_type"])
            assert wkind in COMMUNE_TYPES, wkind
            name = nfc(w["name"])
            communes.append({"code": f"{w['code']:05d}", "name": name, "short_name": short(name, wkind),
                             "type": wkind})
        communes.sort(key=lambda c: (vi_sort_key(c["short_name"]), c["code"]))
        name = nfc(p["name"])
        provinces.append({"code": f"{p['code']:02d}", "name": name, "short_name": short(name, kind),
                          "type": kind, "phone_code": p.get("phone_code"), "communes": communes})
    provinces.sort(key=lambda p: vi_sort_key(p["short_name"]))
    data = {
        "source": {
            "description": "Administrative units of Viet Nam after the reorganisation of 1 July 2025 "
                           "(34 provincial units, no district level)",
            "origin": "National Statistics Office of Viet Nam, danh mục hành chính "
                      "(danhmuchanhchinh.nso.gov.vn)",
            "via": f"PyPI package {PACKAGE} {VERSION} (data/nested-divisions.json)",
            "package_license": "GPL-3.0-or-later",
            "note": "official names and codes are public government data; see resources/data/README.md",
        },
        "province_count": len(provinces),
        "commune_count": sum(len(p["communes"]) for p in provinces),
        "provinces": provinces,
    }
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).with_name("admin_units_2025.json"))
