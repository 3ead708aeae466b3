"""Synthetic ID-card images of FICTITIOUS people, for demos, training mode, tests and benchmarks.

Nothing here reproduces a real card: the people are invented, the emblem is a placeholder and every image
carries the watermark "MẪU – SAMPLE – KHÔNG CÓ GIÁ TRỊ". What *is* faithful is what the readers depend on:
the QR payload format (DOMAIN.md §1), the TD1 MRZ (§2), the card size (85.6 × 54 mm, rendered at 300 dpi)
and the two layouts (2021 CCCD: QR on the front; 2024 Căn cước: QR and MRZ on the back).

Payload and MRZ strings come from the domain builders; the tests pin them to the literal vectors of
DOMAIN.md, so a builder bug cannot hide behind a parser that shares it.

    python -m kiosk.bench.synthetic_cards --out resources/samples/cards
"""

from __future__ import annotations

import argparse
import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

import cv2
import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

from kiosk.domain.idcard import Sex, build_qr_payload
from kiosk.domain.mrz import build_td1
from kiosk.domain.text import fold

Generation = Literal["2021", "2024"]
SexText = Literal["Nam", "Nữ"]

DPI = 300
CARD_MM = (85.6, 54.0)
WATERMARK = "MẪU – SAMPLE – KHÔNG CÓ GIÁ TRỊ"


def mm(value: float) -> int:
    """Millimetres on the card to pixels at the render resolution."""
    return round(value * DPI / 25.4)


CARD_SIZE = (mm(CARD_MM[0]), mm(CARD_MM[1]))  # (width, height) = (1011, 638)


# --------------------------------------------------------------------------------------------- people


@dataclass(frozen=True)
class FictitiousPerson:
    id_number: str
    full_name: str
    date_of_birth: date
    sex: SexText
    residence: str  # "Nơi thường trú" (2021) / "Nơi cư trú" (2024); the QR's address field
    issue_date: date
    old_id_number: str = ""
    place_of_origin: str = ""  # "Quê quán" (2021) / "Nơi đăng ký khai sinh" (2024)
    expiry_date: date | None = None  # None: no expiry (card issued at 60 or older)
    generation: Generation = "2021"

    @property
    def slug(self) -> str:
        return "_".join(fold(self.full_name).split())


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_expiry(date_of_birth: date, issue_date: date, generation: Generation) -> date | None:
    """The card expires on the birthday at the next renewal age; issued within 2 years of it, the one after.

    Renewal ages are 25, 40 and 60 (2014 law); the 2024 law adds 14. After 60: no expiry.
    """
    ages = (14, 25, 40, 60) if generation == "2024" else (25, 40, 60)
    for age in ages:
        due = _add_years(date_of_birth, age)
        if due > _add_years(issue_date, 2):
            return due
    return None


SAMPLE_PEOPLE: tuple[FictitiousPerson, ...] = (
    FictitiousPerson(
        id_number="001089012345", old_id_number="123456789", full_name="Nguyễn Văn An",
        date_of_birth=date(1989, 7, 15), sex="Nam", residence="Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
        place_of_origin="Thanh Trì, Hà Nội", issue_date=date(2021, 5, 20), expiry_date=date(2029, 7, 15),
    ),
    FictitiousPerson(
        id_number="079305001234", full_name="Trần Thị Bích Ngọc", date_of_birth=date(2005, 3, 2), sex="Nữ",
        residence="12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh", place_of_origin="Mỹ Tho, Tiền Giang",
        issue_date=date(2021, 8, 10), expiry_date=date(2030, 3, 2),
    ),
    FictitiousPerson(
        id_number="048156000777", old_id_number="201234567", full_name="Đặng Thị Hồng",
        date_of_birth=date(1956, 1, 1), sex="Nữ", residence="Hải Châu, Đà Nẵng",
        place_of_origin="Hải Châu, Đà Nẵng", issue_date=date(2024, 12, 12), expiry_date=None,
        generation="2024",
    ),
)

# Common Vietnamese name parts, for random fictitious people.
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
             "Hồ", "Ngô", "Dương", "Lý", "Lâm", "Trịnh", "Đinh", "Mai")
_MIDDLE = {"Nam": ("Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Xuân", ""),
           "Nữ": ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng", "")}
_GIVEN = {"Nam": ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khoa", "Long", "Nghĩa", "Phúc",
                  "Quang", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Ân", "Lâm"),
          "Nữ": ("Anh", "Châu", "Diệp", "Giang", "Hà", "Hằng", "Hương", "Lan", "Linh", "Mai", "Nga",
                 "Ngọc", "Nhung", "Oanh", "Phượng", "Quyên", "Thư", "Trâm", "Uyên", "Yến")}
_PLACES = (("001", "Hà Nội", ("Ba Đình", "Hoàn Kiếm", "Đống Đa", "Cầu Giấy", "Long Biên")),
           ("031", "Hải Phòng", ("Hồng Bàng", "Lê Chân", "Ngô Quyền")),
           ("038", "Thanh Hóa", ("Sầm Sơn", "Đông Sơn")),
           ("046", "Thừa Thiên Huế", ("Phú Hội", "Vĩnh Ninh")),
           ("048", "Đà Nẵng", ("Hải Châu", "Sơn Trà", "Ngũ Hành Sơn")),
           ("079", "TP. Hồ Chí Minh", ("Bến Nghé", "Quận 3", "Bình Thạnh", "Thủ Đức")),
           ("092", "Cần Thơ", ("Ninh Kiều", "Cái Răng")))
_STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
            "Phạm Ngũ Lão", "Quang Trung")


def random_person(rng: np.random.Generator, generation: Generation | None = None) -> FictitiousPerson:
    """An invented person whose ID number agrees with their birth year and sex (DOMAIN.md §3)."""
    gen: Generation = generation or ("2024" if rng.random() < 0.5 else "2021")
    sex: SexText = "Nam" if rng.random() < 0.5 else "Nữ"
    middle = str(rng.choice(_MIDDLE[sex]))
    parts = [str(rng.choice(_SURNAMES)), middle, str(rng.choice(_GIVEN[sex]))]
    name = " ".join(p for p in parts if p)
    issue = date(2021, 1, 1) if gen == "2021" else date(2024, 7, 1)
    issue = date.fromordinal(issue.toordinal() + int(rng.integers(0, 1000 if gen == "2021" else 500)))
    dob = date.fromordinal(date(1940, 1, 1).toordinal() + int(rng.integers(0, 365 * 66)))
    code, province, wards = _PLACES[int(rng.integers(len(_PLACES)))]
    century_sex = 2 * ((dob.year - 1900) // 100) + (1 if sex == "Nữ" else 0)
    id_number = f"{code}{century_sex}{dob.year % 100:02d}{int(rng.integers(0, 1_000_000)):06d}"
    ward = str(rng.choice(wards))
    residence = f"{int(rng.integers(1, 300))} {rng.choice(_STREETS)}, {ward}, {province}"
    _, origin_province, origin_wards = _PLACES[int(rng.integers(len(_PLACES)))]
    old_id = f"{int(rng.integers(0, 10**9)):09d}" if dob.year < 2000 and rng.random() < 0.6 else ""
    return FictitiousPerson(
        id_number=id_number, old_id_number=old_id, full_name=name, date_of_birth=dob, sex=sex,
        residence=residence, place_of_origin=f"{rng.choice(origin_wards)}, {origin_province}",
        issue_date=issue, expiry_date=default_expiry(dob, issue, gen), generation=gen,
    )


# ------------------------------------------------------------------------------------- payload and MRZ


def _sex(person: FictitiousPerson) -> Sex:
    return Sex.MALE if person.sex == "Nam" else Sex.FEMALE


def qr_payload(person: FictitiousPerson) -> str:
    """The card QR's text: 7 `|`-separated fields; the 2024 card adds 4 (seen empty) for 11 in all."""
    return build_qr_payload(id_number=person.id_number, full_name=person.full_name,
                            date_of_birth=person.date_of_birth, sex=_sex(person), address=person.residence,
                            issue_date=person.issue_date, old_id_number=person.old_id_number or None,
                            extra_fields=("", "", "", "") if person.generation == "2024" else ())


def mrz_lines(person: FictitiousPerson) -> tuple[str, str, str]:
    """TD1 MRZ as printed on the back of Vietnamese cards (DOMAIN.md §2)."""
    return build_td1(person.id_number, person.full_name, person.date_of_birth, _sex(person),
                     person.expiry_date)


# ------------------------------------------------------------------------------------------ drawing


_FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"),
              Path("/usr/share/fonts"))
_FONT_FILES = {
    "regular": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    "bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    # OCR-B (Debian fonts-ocr-b) is the real MRZ font; a monospaced sans is close enough for synthetic cards.
    "mono": ("OCRB*.[ot]tf", "OCR-B*.[ot]tf", "ocrb*.[ot]tf", "NotoSansMono-Regular.ttf",
             "DejaVuSansMono.ttf"),
}


@functools.cache
def _font_path(kind: str) -> Path:
    for name in _FONT_FILES[kind]:
        for folder in _FONT_DIRS:
            hits = sorted(folder.rglob(name)) if folder.is_dir() else []
            if hits:
                return hits[0]
    raise FileNotFoundError(f"no {kind} font with Vietnamese coverage found (install fonts-noto-core)")


@functools.cache
def font(kind: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_font_path(kind)), size_px)


def _fit(draw: ImageDraw.ImageDraw, text: str, kind: str, size_px: int,
         max_width: int) -> ImageFont.FreeTypeFont:
    """The largest font up to `size_px` in which `text` fits `max_width` (long addresses, long names)."""
    while size_px > 8 and draw.textlength(text, font=font(kind, size_px)) > max_width:
        size_px -= 1
    return font(kind, size_px)


RED = (200, 30, 35)
DARK = (25, 30, 45)
LABEL = (60, 70, 90)


@functools.cache
def _gradient(generation: Generation) -> Image.Image:
    """The background's soft gradient (the same on every card of a generation: computed once)."""
    w, h = CARD_SIZE
    if generation == "2021":
        top, bottom = np.array([214, 236, 240]), np.array([242, 236, 222])
    else:
        top, bottom = np.array([222, 234, 246]), np.array([246, 230, 232])
    t = np.linspace(0, 1, h)[:, None, None]
    diag = np.linspace(0, 0.25, w)[None, :, None]
    rgb = top * (1 - t - diag) + bottom * (t + diag)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB").convert("RGBA")


def _background(generation: Generation, rng: np.random.Generator) -> Image.Image:
    """Pale security-print background: a soft gradient and guilloche waves."""
    w, h = CARD_SIZE
    img = _gradient(generation).copy()
    draw = ImageDraw.Draw(img)
    phase = rng.uniform(0, math.tau)
    for k in range(0, 26):
        colour = (150, 185, 200, 55) if k % 2 else (215, 170, 160, 45)
        pts = [(x, h * (k / 25) + 14 * math.sin(x / 37 + k * 0.6 + phase) + 6 * math.sin(x / 11 + k))
               for x in range(0, w + 8, 8)]
        draw.line(pts, fill=colour, width=2)
    return img


def _emblem(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int) -> None:
    """A generic placeholder (red disc, gold star, gold rim): deliberately not the state emblem."""
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(205, 40, 40), outline=(220, 175, 40), width=5)
    pts = []
    for i in range(10):
        rad = r * (0.62 if i % 2 == 0 else 0.25)
        ang = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    draw.polygon(pts, fill=(250, 215, 40))


def _photo_placeholder(card: Image.Image, box: tuple[int, int, int, int]) -> None:
    """A grey head-and-shoulders silhouette where the portrait goes, marked MẪU."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    photo = Image.new("RGBA", (w, h), (205, 214, 226, 255))
    draw = ImageDraw.Draw(photo)
    draw.ellipse((w * 0.08, h * 0.62, w * 0.92, h * 1.35), fill=(130, 142, 165))  # shoulders, cut off
    draw.ellipse((w * 0.28, h * 0.18, w * 0.72, h * 0.58), fill=(130, 142, 165))
    draw.text((w / 2, h * 0.05), "MẪU", font=font("bold", max(12, w // 6)), fill=(200, 30, 35), anchor="mt")
    draw.rectangle((0, 0, w - 1, h - 1), outline=(120, 130, 150), width=2)
    card.alpha_composite(photo, (x0, y0))


def _chip(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    w, h = mm(11), mm(9)
    draw.rounded_rectangle((x, y, x + w, y + h), radius=mm(1.5), fill=(214, 180, 90), outline=(150, 115, 40),
                           width=3)
    for fx in (0.33, 0.67):
        draw.line((x + w * fx, y, x + w * fx, y + h), fill=(150, 115, 40), width=2)
    draw.line((x, y + h / 2, x + w, y + h / 2), fill=(150, 115, 40), width=2)


def _header(draw: ImageDraw.ImageDraw, left: int, right: int, title_vi: str, title_en: str) -> int:
    """The republic header and the card title, centred between `left` and `right`; returns the next y."""
    cx, y = (left + right) // 2, mm(3)
    lines = (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 25, DARK),
             ("Độc lập - Tự do - Hạnh phúc", "bold", 23, DARK),
             ("SOCIALIST REPUBLIC OF VIET NAM", "regular", 19, LABEL),
             ("Independence - Freedom - Happiness", "regular", 19, LABEL))
    for text, kind, size, colour in lines:
        f = _fit(draw, text, kind, size, right - left)
        draw.text((cx, y), text, font=f, fill=colour, anchor="mt")
        y += size + 6
    y += 6
    f = _fit(draw, title_vi, "bold", 44, right - left)
    draw.text((cx, y), title_vi, font=f, fill=RED, anchor="mt")
    y += 50
    draw.text((cx, y), title_en, font=font("bold", 22), fill=RED, anchor="mt")
    return y + 32


def _field(draw: ImageDraw.ImageDraw, x: int, y: int, label: str, value: str, max_width: int,
           *, value_size: int = 28, inline: bool = True) -> int:
    """A bilingual label followed by its value (same line when it fits); returns the next y."""
    label_font = font("regular", 20)
    draw.text((x, y), label + ":", font=label_font, fill=LABEL)
    label_w = int(draw.textlength(label + ": ", font=label_font))
    if inline and label_w + draw.textlength(value, font=font("bold", value_size)) <= max_width:
        draw.text((x + label_w, y - (value_size - 20) + 2), value, font=font("bold", value_size), fill=DARK)
        return y + value_size + 12
    f = _fit(draw, value, "bold", value_size, max_width)
    draw.text((x, y + 26), value, font=f, fill=DARK)
    return y + 26 + value_size + 12


def _qr_image(text: str, target_px: int) -> tuple[Image.Image, int]:
    """The QR on a white patch, integer pixels per module (as printed); returns it and its side in px."""
    qr = segno.make(text, encoding="utf-8", error="m", micro=False, boost_error=False)
    modules = np.array([list(row) for row in qr.matrix], dtype=bool)
    quiet = 2  # cards print a narrow quiet zone; zxing and zbar both cope with 2 modules
    scale = max(3, target_px // (modules.shape[0] + 2 * quiet))
    grey = np.where(np.pad(modules, quiet), 0, 255).astype(np.uint8)
    grey = np.kron(grey, np.ones((scale, scale), dtype=np.uint8))
    return Image.fromarray(grey, "L").convert("RGBA"), grey.shape[0]


def _mrz(draw: ImageDraw.ImageDraw, lines: Sequence[str]) -> tuple[int, int, int, int]:
    """Print the TD1 lines on the 2.54 mm pitch of OCR-B, bottom of the card; returns the zone's box."""
    w, h = CARD_SIZE
    pitch = 25.4 / 10 * DPI / 25.4  # 10 characters per inch
    f = font("mono", 100)
    _, cap_top, _, cap_bottom = f.getbbox("H")
    f = font("mono", round(100 * mm(2.4) / (cap_bottom - cap_top)))  # OCR-B size 1: 2.4 mm capitals
    x0 = (w - pitch * 30) / 2
    line_gap = mm(4.0)
    top = h - mm(3) - 3 * line_gap
    box = (int(x0) - mm(1.5), top - mm(1.2), int(x0 + pitch * 30) + mm(1.5), h - mm(1.5))
    draw.rounded_rectangle(box, radius=mm(1), fill=(250, 250, 246, 235))
    for row, line in enumerate(lines):
        for col, ch in enumerate(line):
            draw.text((x0 + col * pitch + pitch / 2, top + row * line_gap), ch, font=f, fill=(10, 10, 10),
                      anchor="mt")
    return box


@functools.cache
def _diagonal_watermark(w: int, h: int) -> Image.Image:
    """The rotated watermark text on a clear card-sized layer. It depends on the card size only, and the
    rotation is a third of a card's rendering time: drawn once, copied per card."""
    layer = Image.new("RGBA", (w * 2, h * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    f = _fit(draw, WATERMARK, "bold", 64, int(w * 0.95))
    draw.text((w, h * 1.02), WATERMARK, font=f, fill=(215, 25, 25, 110), anchor="mm")
    # Descending to the right: clear of the top-right QR; whatever still crosses a code is masked below.
    layer = layer.rotate(-10, resample=Image.Resampling.BICUBIC)
    return layer.crop((w // 2, h // 2, w // 2 + w, h // 2 + h))


def _watermark(card: Image.Image, keep_clear: Sequence[tuple[int, int, int, int]]) -> Image.Image:
    """Translucent red diagonal watermark, masked out over the QR and MRZ so readers still work."""
    w, h = card.size
    layer = _diagonal_watermark(w, h).copy()
    alpha = np.array(layer.getchannel("A"))
    for x0, y0, x1, y1 in keep_clear:
        alpha[max(0, y0):y1, max(0, x0):x1] = 0
    layer.putalpha(Image.fromarray(alpha))
    small = ImageDraw.Draw(layer)
    small.text((w - mm(2), h - mm(0.8)), "SAMPLE · MẪU", font=font("bold", 18), fill=(215, 25, 25, 200),
               anchor="rd")
    return Image.alpha_composite(card, layer)


def _finish(card: Image.Image, keep_clear: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
    """Watermark, round the corners (radius 3.18 mm, ISO/IEC 7810) and return BGRA."""
    card = _watermark(card, keep_clear)
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, card.width - 1, card.height - 1), radius=mm(3.18), fill=255)
    card.putalpha(mask)
    rgba = np.array(card)
    return cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA)


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "Không thời hạn"


def render_card_front(person: FictitiousPerson, *, seed: int = 0) -> np.ndarray:
    """The card's front as BGRA at 300 dpi (alpha is 0 outside the rounded corners).

    2021 CCCD: QR top-right, full field set. 2024 Căn cước: no QR on the front, fewer fields.
    """
    rng = np.random.default_rng(seed)
    card = _background(person.generation, rng)
    draw = ImageDraw.Draw(card)
    w, _ = CARD_SIZE
    _emblem(draw, mm(10), mm(10), mm(6.5))
    keep_clear: list[tuple[int, int, int, int]] = []
    right = w - mm(3)
    if person.generation == "2021":
        qr, side = _qr_image(qr_payload(person), mm(19))
        qx, qy = w - mm(2.5) - side, mm(2.5)
        card.alpha_composite(qr, (qx, qy))
        keep_clear.append((qx - 4, qy - 4, qx + side + 4, qy + side + 4))
        right = qx - mm(1)
        title = ("CĂN CƯỚC CÔNG DÂN", "Citizen Identity Card")
    else:
        title = ("CĂN CƯỚC", "IDENTITY CARD")
    y = _header(draw, mm(18), right, *title)
    photo = (mm(3.5), y + mm(1), mm(3.5) + mm(20), y + mm(1) + mm(25))
    _photo_placeholder(card, photo)
    x = photo[2] + mm(3)
    y = max(y, keep_clear[0][3] + mm(0.5)) if keep_clear else y
    width = w - mm(3) - x
    name = person.full_name.upper()
    y = _field(draw, x, y, "Số định danh cá nhân / Personal identification number", person.id_number, width,
               value_size=34, inline=False)
    y = _field(draw, x, y - 6, "Họ, chữ đệm và tên / Full name", name, width, value_size=32, inline=False)
    dob = f"Ngày sinh / Date of birth: {_fmt(person.date_of_birth)}"
    draw.text((x, y), dob, font=font("regular", 22), fill=DARK)
    y += 34
    draw.text((x, y), f"Giới tính / Sex: {person.sex}", font=font("regular", 22), fill=DARK)
    draw.text((x + width // 2, y), "Quốc tịch / Nationality: Việt Nam", font=font("regular", 22), fill=DARK)
    y += 36
    if person.generation == "2021":
        y = _field(draw, x, y, "Quê quán / Place of origin", person.place_of_origin, width, value_size=24)
        _field(draw, x, y, "Nơi thường trú / Place of residence", person.residence, width, value_size=24)
        expiry = f"Có giá trị đến: {_fmt(person.expiry_date)}"
        draw.text((mm(3), photo[3] + mm(1.5)), expiry, font=font("regular", 17), fill=DARK)
        draw.text((mm(3), photo[3] + mm(3.3)), "Date of expiry", font=font("regular", 15), fill=LABEL)
    else:
        _chip(draw, x, CARD_SIZE[1] - mm(13))
    return _finish(card, keep_clear)


def render_card_back(person: FictitiousPerson, *, seed: int = 0) -> np.ndarray:
    """The card's back as BGRA at 300 dpi: issue data and the MRZ; the 2024 card also carries the QR."""
    rng = np.random.default_rng(seed + 1)
    card = _background(person.generation, rng)
    draw = ImageDraw.Draw(card)
    w, _ = CARD_SIZE
    keep_clear = [_mrz(draw, mrz_lines(person))]
    x, y = mm(4), mm(4)
    if person.generation == "2024":
        qr, side = _qr_image(qr_payload(person), mm(19))
        qx, qy = w - mm(2.5) - side, mm(2.5)
        card.alpha_composite(qr, (qx, qy))
        keep_clear.append((qx - 4, qy - 4, qx + side + 4, qy + side + 4))
        _chip(draw, qx - mm(15), mm(4))
        width = qx - mm(20) - x
        y = _field(draw, x, y, "Nơi cư trú / Place of residence", person.residence, width, inline=False,
                   value_size=24)
        y = _field(draw, x, y, "Nơi đăng ký khai sinh / Place of birth", person.place_of_origin, width,
                   inline=False, value_size=24)
        y = max(y, qy + side + mm(1))
        y = _field(draw, x, y, "Ngày, tháng, năm cấp / Date of issue", _fmt(person.issue_date), w - 2 * x)
        _field(draw, x, y, "Ngày, tháng, năm hết hạn / Date of expiry", _fmt(person.expiry_date), w - 2 * x)
        issuer_x = qx - mm(9.5)
        draw.text((issuer_x, mm(14)), "BỘ CÔNG AN", font=font("bold", 20), fill=RED, anchor="mt")
        draw.text((issuer_x, mm(16.2)), "MINISTRY OF", font=font("regular", 13), fill=RED, anchor="mt")
        draw.text((issuer_x, mm(17.6)), "PUBLIC SECURITY", font=font("regular", 13), fill=RED, anchor="mt")
    else:
        _chip(draw, w - mm(17), mm(4))
        for i, finger in enumerate(("Ngón trỏ trái", "Ngón trỏ phải")):
            fx = w - mm(40) + i * mm(19)
            draw.rounded_rectangle((fx, mm(15), fx + mm(17), mm(31)), radius=mm(2), outline=(120, 130, 150),
                                   width=2, fill=(236, 238, 242))
            for k in range(6):
                draw.arc((fx + mm(2) + k * 6, mm(17) + k * 6, fx + mm(15) - k * 6, mm(29) - k * 6), 200, 340,
                         fill=(150, 150, 165), width=2)
            draw.text((fx + mm(8.5), mm(31.5)), finger, font=font("regular", 14), fill=LABEL,
                      anchor="mt")
        width = w - mm(44) - x
        y = _field(draw, x, y, "Đặc điểm nhân dạng / Personal identification", "Nốt ruồi C:1cm trên mày trái",
                   width, inline=False, value_size=22)
        y = _field(draw, x, y, "Ngày, tháng, năm / Date, month, year", _fmt(person.issue_date), width,
                   value_size=24)
        lines = ("CỤC TRƯỞNG CỤC CẢNH SÁT", "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI",
                 "DIRECTOR GENERAL OF THE POLICE DEPARTMENT", "FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER")
        for i, text in enumerate(lines):
            f = _fit(draw, text, "bold" if i < 2 else "regular", 17 if i < 2 else 13, width)
            draw.text((x + width // 2, y + i * 23), text, font=f, fill=DARK, anchor="mt")
        stamp_cx, stamp_cy = x + width // 2 - mm(8), y + mm(12)
        draw.ellipse((stamp_cx - mm(5), stamp_cy - mm(5), stamp_cx + mm(5), stamp_cy + mm(5)),
                     outline=(210, 40, 40, 200), width=4)
        draw.text((stamp_cx, stamp_cy), "MẪU", font=font("bold", 24), fill=(210, 40, 40, 220), anchor="mm")
        draw.text((stamp_cx + mm(12), stamp_cy), "(chữ ký mẫu)", font=font("regular", 18), fill=LABEL,
                  anchor="mm")
    return _finish(card, keep_clear)


# -------------------------------------------------------------------------------------------- scenes


class Scene(NamedTuple):
    frame: np.ndarray  # BGR uint8, the camera frame
    corners: np.ndarray  # float32 (4, 2): the card's top-left, top-right, bottom-right, bottom-left


def desk_background(frame_size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A plausible desk top (wood, laminate or mat) under uneven light, BGR uint8."""
    fw, fh = frame_size
    palettes = ((62, 105, 150), (150, 152, 150), (168, 188, 204), (66, 66, 72), (120, 140, 120))
    base = np.array(palettes[int(rng.integers(len(palettes)))], dtype=np.float32)
    low = cv2.resize(rng.normal(0, 1, (6, 10)).astype(np.float32), (fw, fh), interpolation=cv2.INTER_CUBIC)
    # A column and a row, broadcast: the same float32 values and operations as a full np.mgrid, without
    # two frame-sized grids.
    ys, xs = np.arange(fh, dtype=np.float32)[:, None], np.arange(fw, dtype=np.float32)[None, :]
    angle = rng.uniform(-0.3, 0.3)
    grain = np.sin((ys * math.cos(angle) + xs * math.sin(angle)) / rng.uniform(5, 14) + 3 * low)
    shade = 1.0 + 0.06 * low + 0.04 * grain
    img = base[None, None, :] * shade[:, :, None]
    return np.clip(img, 0, 255).astype(np.uint8)


def _as_bgra(card_img: np.ndarray) -> np.ndarray:
    if card_img.ndim == 2:
        card_img = cv2.cvtColor(card_img, cv2.COLOR_GRAY2BGR)
    if card_img.shape[2] == 4:
        return card_img
    h, w = card_img.shape[:2]
    alpha = np.zeros((h, w), np.uint8)
    radius = max(2, round(w * 3.18 / 85.6))  # a card's corner radius, when the image has no alpha
    cv2.rectangle(alpha, (radius, 0), (w - 1 - radius, h - 1), 255, -1)
    cv2.rectangle(alpha, (0, radius), (w - 1, h - 1 - radius), 255, -1)
    for cx, cy in ((radius, radius), (w - 1 - radius, radius), (radius, h - 1 - radius),
                   (w - 1 - radius, h - 1 - radius)):
        cv2.circle(alpha, (cx, cy), radius, 255, -1, cv2.LINE_AA)
    return np.dstack([card_img, alpha])


def place_in_scene(card_img: np.ndarray, frame_size: tuple[int, int] = (1280, 720), fill: float = 0.7,
                   angle_deg: float = 0, perspective: float = 0.0, blur: float = 0, noise: float = 0,
                   jpeg_quality: int | None = None, glare: bool = False, seed: int = 0) -> Scene:
    """Put a card image into a camera-like frame on a desk.

    fill: card width as a fraction of the frame width (capped so the card fits the frame height);
    perspective: corner jitter as a fraction of the card width (0.05 is a noticeable tilt);
    blur: Gaussian sigma in pixels; noise: sensor noise sigma in grey levels;
    glare: a bright reflection and a stronger light gradient. Same seed, same frame.
    """
    rng = np.random.default_rng(seed)
    fw, fh = frame_size
    card = _as_bgra(card_img)
    ch, cw = card.shape[:2]
    width = min(fill * fw, 0.94 * fh * cw / ch)
    height = width * ch / cw
    centre = np.array([fw / 2, fh / 2]) + rng.uniform(-0.02, 0.02, 2) * (fw, fh)
    half = np.array([[-width, -height], [width, -height], [width, height], [-width, height]]) / 2
    theta = math.radians(angle_deg)
    rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    dst = half @ rot.T + centre + rng.uniform(-1, 1, (4, 2)) * perspective * width
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))

    frame: np.ndarray = desk_background(frame_size, rng).astype(np.float32)
    warped = cv2.warpPerspective(card, matrix, (fw, fh), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
    alpha = warped[:, :, 3:4].astype(np.float32) / 255
    shadow = cv2.GaussianBlur(np.roll(alpha[:, :, 0], (8, 6), axis=(0, 1)), (0, 0), 7)[:, :, None]
    frame *= 1 - 0.35 * shadow
    frame *= 1 - alpha  # in place: the same float32 operations as frame * (1 - alpha) + …, same bytes
    frame += warped[:, :, :3].astype(np.float32) * alpha

    # A column and a row, broadcast: the same float32 values and operations as a full np.mgrid, without
    # two frame-sized grids.
    ys, xs = np.arange(fh, dtype=np.float32)[:, None], np.arange(fw, dtype=np.float32)[None, :]
    direction = rng.uniform(0, math.tau)
    ramp = ((xs - fw / 2) * math.cos(direction) + (ys - fh / 2) * math.sin(direction)) / max(fw, fh)
    frame *= (1 + (0.25 if glare else 0.08) * ramp)[:, :, None]
    if glare:
        gx, gy = dst.mean(axis=0) + rng.uniform(-0.3, 0.3, 2) * (width, height)
        spot = np.exp(-(((xs - gx) / (0.18 * width)) ** 2 + ((ys - gy) / (0.09 * width)) ** 2))
        frame += 110 * spot[:, :, None]
    if blur > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), blur)
    if noise > 0:
        frame += rng.normal(0, noise, frame.shape).astype(np.float32)
    out: np.ndarray = np.clip(frame, 0, 255).astype(np.uint8)
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)])
        decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
        out = out if decoded is None else decoded
    return Scene(out, dst.astype(np.float32))


def label_frame(frame: np.ndarray, text: str = WATERMARK) -> np.ndarray:
    """Stamp a small watermark in a frame's corner (frames with no card in them are samples too)."""
    img = Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).convert("RGBA")
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((12, img.height - 10), text, font=font("bold", 22), fill=(230, 30, 30, 190),
                               anchor="ld")
    return cv2.cvtColor(np.array(Image.alpha_composite(img, layer).convert("RGB")), cv2.COLOR_RGB2BGR)


def not_an_id_card(text: str = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html") -> np.ndarray:
    """A sheet of paper with an ordinary URL QR code, the same size as a card (negative sample)."""
    w, h = CARD_SIZE
    sheet = Image.new("RGBA", (w, h), (248, 248, 244, 255))
    draw = ImageDraw.Draw(sheet)
    qr, side = _qr_image(text, mm(30))
    sheet.alpha_composite(qr, (mm(4), (h - side) // 2))
    x = mm(4) + side + mm(4)
    draw.text((x, mm(12)), "Cổng Dịch vụ công quốc gia", font=font("bold", 34), fill=DARK)
    draw.text((x, mm(20)), "Quét mã để truy cập", font=font("regular", 28), fill=LABEL)
    draw.text((x, mm(26)), "Scan to visit the portal", font=font("regular", 28), fill=LABEL)
    return _finish(sheet, [(mm(4) - 4, (h - side) // 2 - 4, mm(4) + side + 4, (h + side) // 2 + 4)])


# ------------------------------------------------------------------------------------------- samples


@dataclass(frozen=True)
class SampleSpec:
    file_name: str
    person: FictitiousPerson | None
    side: Literal["front", "back", "none"]
    angle_deg: float
    seed: int

    @property
    def has_qr(self) -> bool:
        if self.person is None:
            return False
        return (self.side == "front") == (self.person.generation == "2021")


def sample_specs() -> list[SampleSpec]:
    an, ngoc, hong = SAMPLE_PEOPLE
    return [
        SampleSpec(f"01_{an.slug}_front.png", an, "front", -3.0, 11),
        SampleSpec(f"02_{an.slug}_back.png", an, "back", 2.0, 12),
        SampleSpec(f"03_{ngoc.slug}_front.png", ngoc, "front", 4.0, 13),
        SampleSpec(f"04_{hong.slug}_front.png", hong, "front", -2.0, 14),
        SampleSpec(f"05_{hong.slug}_back.png", hong, "back", 3.0, 15),
        SampleSpec("90_not_an_id_card.png", None, "none", -4.0, 90),
    ]


def _save_small_png(frame: np.ndarray, path: Path) -> None:
    """PNG with an adaptive 256-colour palette: keeps samples ~200-350 KB, text and QR stay crisp."""
    img = Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    img = img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(path, optimize=True)


def write_samples(out_dir: Path) -> list[Path]:
    """Render the bundled samples and a manifest of what each one should read as."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    manifest: list[dict[str, object]] = []
    for spec in sample_specs():
        if spec.person is None:
            card = not_an_id_card()
        elif spec.side == "front":
            card = render_card_front(spec.person, seed=spec.seed)
        else:
            card = render_card_back(spec.person, seed=spec.seed)
        scene = place_in_scene(card, fill=0.7, angle_deg=spec.angle_deg, perspective=0.025, blur=0.7,
                               glare=False, seed=spec.seed)
        path = out_dir / spec.file_name
        _save_small_png(label_frame(scene.frame), path)
        written.append(path)
        entry: dict[str, object] = {"file": spec.file_name, "side": spec.side, "has_qr": spec.has_qr,
                                    "corners": [[round(float(v), 1) for v in p] for p in scene.corners]}
        if spec.person is not None:
            entry.update(id_number=spec.person.id_number, full_name=spec.person.full_name,
                         generation=spec.person.generation, qr_payload=qr_payload(spec.person) if spec.has_qr
                         else None, mrz=list(mrz_lines(spec.person)) if spec.side == "back" else None)
        manifest.append(entry)
    empty = label_frame(desk_background((1280, 720), np.random.default_rng(91)))
    path = out_dir / "91_empty_desk.png"
    _save_small_png(empty, path)
    written.append(path)
    manifest.append({"file": path.name, "side": "none", "has_qr": False})
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic ID-card sample frames (fictitious people).")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    for path in write_samples(args.out):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


__all__ = [
    "CARD_SIZE", "SAMPLE_PEOPLE", "WATERMARK", "FictitiousPerson", "SampleSpec", "Scene", "default_expiry",
    "desk_background", "label_frame", "mrz_lines", "not_an_id_card",
    "place_in_scene", "qr_payload", "random_person", "render_card_back", "render_card_front",
    "sample_specs", "write_samples",
]

if __name__ == "__main__":
    raise SystemExit(main())
