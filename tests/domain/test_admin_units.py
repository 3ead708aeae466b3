from __future__ import annotations

import json
import unicodedata

import pytest

from kiosk.domain.admin_units import DATA_FILE, AdminUnits, load_admin_units
from kiosk.domain.text import vi_sort_key


@pytest.fixture(scope="module")
def units() -> AdminUnits:
    return load_admin_units()


def test_counts_after_the_2025_reform(units: AdminUnits) -> None:
    assert len(units.provinces) == 34
    assert len(units.communes()) == 3321
    types = {c.type for c in units.communes()}
    assert types == {"xã", "phường", "đặc khu"}
    assert sum(p.type == "thành phố trung ương" for p in units.provinces) == 6


def test_codes_are_official_and_unique(units: AdminUnits) -> None:
    assert all(len(p.code) == 2 and p.code.isdigit() for p in units.provinces)
    codes = [c.code for c in units.communes()]
    assert all(len(c) == 5 and c.isdigit() for c in codes)
    assert len(set(codes)) == len(codes)
    assert units.province("01").short_name == "Hà Nội"
    assert units.province("79").short_name == "Hồ Chí Minh"
    assert units.commune("00004").name == "Phường Ba Đình"
    with pytest.raises(KeyError):
        units.province("99")


def test_names_are_nfc_and_sorted_vietnamese(units: AdminUnits) -> None:
    names = [p.short_name for p in units.provinces]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert names == sorted(names, key=vi_sort_key)
    # Vietnamese order: Cà Mau, Cao Bằng, Cần Thơ … Đà Nẵng after every D-less C; Python's order differs.
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    assert names != sorted(names)
    for province in units.provinces:
        short = [c.short_name for c in province.communes]
        assert short == sorted(short, key=vi_sort_key)
        assert all(unicodedata.is_normalized("NFC", c.name) for c in province.communes)
        assert all(c.province_code == province.code for c in province.communes)


def test_search_without_diacritics(units: AdminUnits) -> None:
    assert [p.short_name for p in units.search_provinces("ha noi")] == ["Hà Nội"]
    assert [p.short_name for p in units.search_provinces("HO CHI MINH")] == ["Hồ Chí Minh"]
    found = units.search_communes("nghia do")
    assert found[0].name == "Phường Nghĩa Đô" and found[0].province_code == "01"
    in_hanoi = units.search_communes("hoan kiem", province_code="01")
    assert [c.name for c in in_hanoi] == ["Phường Hoàn Kiếm"]
    assert len(units.search_communes("an", limit=5)) == 5
    assert units.search_communes("khong co dau nao nhu vay") == []


def test_file_records_its_source() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    source = data["source"]
    assert "vietnam-provinces" in source["via"] and "2026.9.0" in source["via"]
    assert source["package_license"] == "GPL-3.0-or-later"
    assert "nso.gov.vn" in source["origin"]
    assert data["province_count"] == 34 and data["commune_count"] == 3321


def test_from_json_is_pure_and_sorts() -> None:
    units = AdminUnits.from_json({
        "provinces": [
            {"code": "02", "name": "Tỉnh Đắk Lắk", "short_name": "Đắk Lắk", "type": "tỉnh", "communes": []},
            {"code": "01", "name": "Tỉnh Zeta", "short_name": "Zeta", "type": "tỉnh", "communes": []},
            {"code": "03", "name": "Tỉnh Dương", "short_name": "Dương", "type": "tỉnh", "communes": [
                {"code": "00002", "name": "Xã Ấp", "short_name": "Ấp", "type": "xã"},
                {"code": "00001", "name": "Xã Bến", "short_name": "Bến", "type": "xã"},
                {"code": "00003", "name": "Xã An", "short_name": "An", "type": "xã"},
            ]},
        ],
    })
    assert [p.short_name for p in units.provinces] == ["Dương", "Đắk Lắk", "Zeta"]
    assert [c.short_name for c in units.communes("03")] == ["An", "Ấp", "Bến"]
