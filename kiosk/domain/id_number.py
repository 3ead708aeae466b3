"""The 12-digit personal ID number (số định danh cá nhân), DOMAIN.md §3.

Layout `PPP G YY RRRRRR`: place code where the birth was registered, century+sex digit, last two digits of the
birth year, six random digits. There is no checksum, so the only checks are consistency with what the card
says: they produce warnings, never rejections (data errors and legal changes exist).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Final

from kiosk.domain.identity_parts import ReadingWarning, Sex

# The 63 pre-2025 provinces (GSO code, zero-padded). IDs keep these codes after the 2025 merger into
# 34 provinces, so this table validates IDs; addresses need the current table, kept elsewhere.
PROVINCE_CODES: Final[Mapping[str, str]] = MappingProxyType({
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "TP. Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
})

# Births registered abroad (at a Vietnamese representative mission).
ABROAD_CODES: Final = range(101, 296)

_ID_SHAPE: Final = re.compile(r"[0-9]{12}")


@dataclass(frozen=True)
class IdNumberInfo:
    """What a 12-digit ID number says about its holder."""

    id_number: str
    place_code: str
    place_name: str | None  # None for unknown codes and births registered abroad
    is_abroad: bool
    century_digit: int
    birth_year: int
    sex: Sex

    @property
    def is_known_place(self) -> bool:
        return self.place_name is not None or self.is_abroad


def is_id_number(text: str) -> bool:
    """True when `text` has the shape of a personal ID number: exactly 12 ASCII digits."""
    return _ID_SHAPE.fullmatch(text) is not None


def century_digit_for(birth_year: int, sex: Sex) -> int:
    """The G digit for a birth year and sex (0/1 = 1900s, 2/3 = 2000s …; odd = female)."""
    century = (birth_year - 1900) // 100
    if not 0 <= century <= 4:
        raise ValueError(f"no century digit for birth year {birth_year}")
    return 2 * century + (1 if sex is Sex.FEMALE else 0)


def decode_id_number(text: str) -> IdNumberInfo:
    """Decode a personal ID number; ValueError unless it is exactly 12 ASCII digits."""
    if not is_id_number(text):
        raise ValueError("a personal ID number is exactly 12 digits")
    place_code, century_digit, yy = text[:3], int(text[3]), int(text[4:6])
    return IdNumberInfo(
        id_number=text,
        place_code=place_code,
        place_name=PROVINCE_CODES.get(place_code),
        is_abroad=int(place_code) in ABROAD_CODES,
        century_digit=century_digit,
        birth_year=1900 + 100 * (century_digit // 2) + yy,
        sex=Sex.FEMALE if century_digit % 2 else Sex.MALE,
    )


def check_id_number(
    id_number: str,
    date_of_birth: date | None = None,
    sex: Sex | None = None,
    *,
    birth_year: int | None = None,
) -> list[ReadingWarning]:
    """Warnings about an ID number that disagrees with itself or with the card's birth date and sex.

    `birth_year` serves cards that show only a year of birth; `date_of_birth` wins when both are given.
    Warnings are codes (words in kiosk.ui.notice_texts) and carry no personal data.
    """
    try:
        info = decode_id_number(id_number)
    except ValueError:
        return [ReadingWarning("id_number_format")]
    warnings: list[ReadingWarning] = []
    if not info.is_known_place:
        warnings.append(ReadingWarning("id_unknown_place_code"))
    year = date_of_birth.year if date_of_birth is not None else birth_year
    if year is not None:
        if year // 100 != info.birth_year // 100:
            warnings.append(ReadingWarning("id_century_mismatch"))
        if year % 100 != info.birth_year % 100:
            warnings.append(ReadingWarning("id_year_mismatch"))
    if sex is not None and sex is not info.sex:
        warnings.append(ReadingWarning("id_sex_mismatch"))
    return warnings
