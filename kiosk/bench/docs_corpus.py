"""Synthetic photos of Vietnamese administrative documents, with known corners and known text.

For `kiosk bench docscan` and the tests. Every page is an invented administrative letter (people, wards,
numbers all fictitious, and a "MẪU" stamp): the national heading "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
the issuing body and number, a title, body paragraphs, a table, a red round stamp over a signature scribble.
It is rendered on A4 at 300 dpi (`render_page`), and its words are kept as ground truth.

The page is then "photographed" (`photograph`) as a document camera or phone would: on a background
(light or dark wood, a grey or beige desk, a dark mat, a patterned cloth or tiles), in a frame of 8–13 MP,
in a true perspective view (a pinhole camera; the page turned, tilted and off the axis), with a drop
shadow, a soft shadow across the page (an arm or the camera stand), uneven light (a gradient and
vignetting) with a colour cast, optical blur, sensor noise and the camera's JPEG compression. The page
lies wholly inside the frame; its corners are known to sub-pixel precision (`DocPhoto.corners`, the
page's own top-left, top-right, bottom-right, bottom-left). One page in ten lies upside down and one in ten
sideways (landscape in the frame).

Photo i depends only on (seed, i): a short corpus is a prefix of a longer one with the same seed.

    photo = document_photo(index, seed)                # full size, ~1–2 s
    photo = document_photo(index, seed, scale=0.25)    # a small photo for tests
    python -m kiosk.bench.docs_corpus --out DIR --count N   # JPEG photos + manifest.json
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

A4_MM = (210.0, 297.0)
RENDER_DPI = 300
MANIFEST = "manifest.json"

# (width, height) of the camera frames, cycled: 8 MP, 12 MP, 13 MP, a 12 MP phone held upright.
FRAME_SIZES: tuple[tuple[int, int], ...] = ((3264, 2448), (4000, 3000), (4160, 3120), (3024, 4032))
BACKGROUNDS: tuple[str, ...] = ("wood", "desk", "dark", "patterned")

INK = (22, 22, 28)
STAMP_RED = (205, 32, 40)
SIGNATURE_BLUE = (30, 45, 140)


# ------------------------------------------------------------------------------------------ fonts

_FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"),
              Path("/usr/share/fonts"))
_FONT_FILES = {
    "serif": ("NotoSerif-Regular.ttf", "DejaVuSerif.ttf"),
    "serif-bold": ("NotoSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
    "serif-italic": ("NotoSerif-Italic.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif.ttf"),
    "sans-bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
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
    return ImageFont.truetype(str(_font_path(kind)), max(6, size_px))


# ---------------------------------------------------------------------------------------- content

_WARDS = ("Bến Nghé", "Hàng Bạc", "Tràng Tiền", "Phú Hội", "Thạch Thang", "An Hòa", "Hải Châu",
          "Ninh Kiều", "Lê Lợi", "Quang Trung", "Đông Ba", "Vĩnh Ninh")
_CITIES = ("Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng")
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương")
_MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Quốc", "Thanh", "Hữu", "Kim")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nga", "Phúc", "Quang",
          "Sơn", "Thắng", "Trâm", "Tuấn", "Uyên", "Việt", "Yến", "Hằng")
_STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
            "Phạm Ngũ Lão", "Quang Trung", "Hùng Vương", "Nguyễn Trãi")
_RELATIONS = ("Chủ hộ", "Vợ", "Chồng", "Con", "Con", "Mẹ", "Cha", "Cháu")

_TITLES = (
    ("GIẤY XÁC NHẬN", "Về việc xác nhận thông tin về cư trú", "XN"),
    ("THÔNG BÁO", "Về việc tiếp nhận hồ sơ thủ tục hành chính", "TB"),
    ("QUYẾT ĐỊNH", "Về việc công nhận thông tin hộ gia đình", "QĐ"),
)
_GROUNDS = (
    "Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 62/2021/NĐ-CP ngày 29 tháng 6 năm 2021 của Chính phủ quy định chi tiết một số "
    "điều của Luật Cư trú;",
    "Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ về thực hiện thủ tục hành "
    "chính theo cơ chế một cửa, một cửa liên thông;",
)
_SENTENCES = (
    "Giấy này có giá trị trong thời hạn sáu tháng kể từ ngày ký và được dùng để bổ sung hồ sơ thủ tục "
    "hành chính theo quy định.",
    "Người được xác nhận chịu trách nhiệm về tính chính xác của các thông tin đã kê khai trong đơn đề nghị.",
    "Cơ quan, tổ chức tiếp nhận giấy này có trách nhiệm sử dụng thông tin đúng mục đích và bảo vệ dữ liệu "
    "cá nhân của công dân.",
    "Trường hợp có thay đổi thông tin về cư trú, công dân có trách nhiệm thông báo cho cơ quan đăng ký cư "
    "trú trong thời hạn mười ngày.",
    "Đề nghị các cơ quan, đơn vị có liên quan tạo điều kiện để công dân hoàn thành thủ tục hành chính theo "
    "quy định của pháp luật.",
    "Hồ sơ được tiếp nhận tại Bộ phận Một cửa và được trả kết quả qua dịch vụ bưu chính công ích khi công "
    "dân có yêu cầu.",
    "Công dân có thể tra cứu tình trạng giải quyết hồ sơ trên Cổng Dịch vụ công quốc gia bằng mã hồ sơ ghi "
    "trên giấy tiếp nhận.",
    "Thời hạn giải quyết là năm ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, không kể thời gian bổ sung "
    "giấy tờ.",
    "Văn phòng Ủy ban nhân dân phường, công chức tư pháp hộ tịch và các cá nhân có liên quan chịu trách "
    "nhiệm thi hành văn bản này.",
)


def _person(rng: np.random.Generator) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _date_vi(rng: np.random.Generator, years: tuple[int, int]) -> tuple[int, int, int]:
    return int(rng.integers(1, 29)), int(rng.integers(1, 13)), int(rng.integers(years[0], years[1]))


@dataclass(frozen=True)
class PageContent:
    """The words of one invented document, in blocks the renderer lays out."""

    ward: str
    city: str
    number: str
    date_line: str
    title: str
    subtitle: str
    paragraphs: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]  # header row first
    closing: tuple[str, ...]
    signer_titles: tuple[str, ...]
    signer: str

    def text_lines(self) -> list[str]:
        """Every black word printed on the page, block by block (the legibility ground truth)."""
        lines = ["ỦY BAN NHÂN DÂN", f"PHƯỜNG {self.ward.upper()}", f"Số: {self.number}",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", self.date_line,
                 self.title, self.subtitle, *self.paragraphs]
        lines += [" ".join(row) for row in self.table]
        lines += [*self.closing, *self.signer_titles, self.signer, "Nơi nhận:", "- Như trên;", "- Lưu: VT."]
        return lines


def page_content(rng: np.random.Generator) -> PageContent:
    ward, city = str(rng.choice(_WARDS)), str(rng.choice(_CITIES))
    title, subtitle, kind = _TITLES[int(rng.integers(len(_TITLES)))]
    number = f"{int(rng.integers(1, 999))}/{kind}-UBND"
    d, m, y = _date_vi(rng, (2022, 2026))
    owner = _person(rng)
    bd, bm, by = _date_vi(rng, (1950, 2004))
    id_number = f"0{int(rng.integers(1, 96)):02d}{int(rng.integers(0, 4))}{by % 100:02d}" \
                f"{int(rng.integers(0, 1_000_000)):06d}"
    address = f"số {int(rng.integers(1, 300))} đường {rng.choice(_STREETS)}, phường {ward}, {city}"
    grounds = [g for g in _GROUNDS if rng.random() < 0.7] or [_GROUNDS[0]]
    intro = (f"Xét đơn đề nghị của ông (bà) {owner}, sinh ngày {bd:02d}/{bm:02d}/{by}, số định danh cá "
             f"nhân {id_number}, Ủy ban nhân dân phường {ward} xác nhận: hộ gia đình ông (bà) {owner} hiện "
             f"đang cư trú tại {address}. Thông tin về các thành viên trong hộ như sau:")
    picks = rng.permutation(len(_SENTENCES))[: int(rng.integers(3, 6))]
    after = [_SENTENCES[i] for i in picks]
    rows: list[tuple[str, ...]] = [("STT", "Họ và tên", "Ngày sinh", "Quan hệ với chủ hộ")]
    family = owner.split()[0]
    for n in range(int(rng.integers(3, 6))):
        name = owner if n == 0 else f"{family} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
        fd, fm, fy = _date_vi(rng, (1950, 2020))
        rows.append((str(n + 1), name, f"{fd:02d}/{fm:02d}/{fy}", "Chủ hộ" if n == 0
                     else str(rng.choice(_RELATIONS[1:]))))
    return PageContent(
        ward=ward, city=city, number=number, date_line=f"{city}, ngày {d:02d} tháng {m:02d} năm {y}",
        title=title, subtitle=subtitle, paragraphs=(*grounds, intro), table=tuple(rows),
        closing=tuple(after), signer_titles=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer=_person(rng),
    )


def words_of(lines: Sequence[str]) -> tuple[str, ...]:
    return tuple(w for line in lines for w in line.split())


# -------------------------------------------------------------------------------------------- page


def _wrap(draw: ImageDraw.ImageDraw, text: str, fnt: ImageFont.FreeTypeFont, width: float,
          first_indent: float = 0) -> list[str]:
    lines: list[str] = []
    current = ""
    limit = width - first_indent
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=fnt) <= limit or not current:
            current = trial
        else:
            lines.append(current)
            current, limit = word, width
    if current:
        lines.append(current)
    return lines


def _stamp(size: int, ward: str, rng: np.random.Generator) -> Image.Image:
    """A red round seal (RGBA): two rings, the body's name around, a star; slightly uneven ink."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c, r = size / 2, size / 2 - 4
    colour = (*STAMP_RED, 255)
    ring = max(3, size // 60)
    draw.ellipse((c - r, c - r, c + r, c + r), outline=colour, width=ring)
    inner = r * 0.68
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=colour, width=max(2, ring // 2))
    text = f"ỦY BAN NHÂN DÂN * PHƯỜNG {ward.upper()} *"
    fnt = font("sans-bold", int(r * 0.2))
    radius = (r + inner) / 2
    span = 2 * math.pi * 0.94
    for k, char in enumerate(text):
        angle = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(text)
        glyph = Image.new("RGBA", (int(r * 0.3), int(r * 0.3)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), char, font=fnt, fill=colour,
                                   anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        img.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    star = []
    for i in range(10):
        rad = inner * (0.5 if i % 2 == 0 else 0.2)
        ang = -math.pi / 2 + i * math.pi / 5
        star.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
    draw.polygon(star, fill=colour)
    draw.text((c, c + inner * 0.62), "MẪU", font=font("sans-bold", int(r * 0.16)), fill=colour, anchor="mm")
    alpha = np.asarray(img)[:, :, 3].astype(np.float32)
    blotch = cv2.resize(rng.uniform(0.55, 1.0, (8, 8)).astype(np.float32), (size, size),
                        interpolation=cv2.INTER_CUBIC)
    rgba = np.asarray(img).copy()
    rgba[:, :, 3] = np.clip(alpha * blotch, 0, 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")


def _signature(width: int, height: int, rng: np.random.Generator) -> Image.Image:
    """A scribbled signature: a few smooth random strokes in blue ink (RGBA)."""
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    x = width * 0.08
    for _ in range(int(rng.integers(2, 4))):
        pts = []
        t = np.linspace(0, 1, 60)
        w = width * rng.uniform(0.25, 0.4)
        amp = height * rng.uniform(0.2, 0.35)
        freq = rng.uniform(2, 4)
        for ti in t:
            pts.append((x + w * ti + 0.05 * width * math.sin(ti * 9),
                        height / 2 + amp * math.sin(freq * math.pi * ti + rng.uniform(0, 0.2))
                        - height * 0.15 * ti))
        draw.line(pts, fill=(*SIGNATURE_BLUE, 235), width=max(2, width // 160), joint="curve")
        x += w * 0.8
    tail = [(width * 0.1, height * 0.7), (width * 0.5, height * 0.62), (width * 0.9, height * 0.58)]
    draw.line(tail, fill=(*SIGNATURE_BLUE, 235), width=max(2, width // 200), joint="curve")
    return img


class PageOverflow(ValueError):
    """The content does not fit on one A4 page."""


def fit_content(content: PageContent) -> PageContent:
    """Drop closing sentences, then grounds, until the page fits (measured by a quick low-dpi render)."""
    while True:
        try:
            render_page(content, dpi=72, bottom_mm=28, measure_only=True)  # slack: wrapping differs by dpi
            return content
        except PageOverflow:
            if len(content.closing) > 1:
                content = dataclasses.replace(content, closing=content.closing[:-1])
            elif len(content.paragraphs) > 2:
                content = dataclasses.replace(content, paragraphs=content.paragraphs[1:])
            else:
                raise


def render_page(content: PageContent, *, dpi: int = RENDER_DPI, seed: int = 0,
                paper: tuple[int, int, int] = (248, 247, 242), bottom_mm: float = 12,
                measure_only: bool = False) -> np.ndarray:
    """The document as an RGB uint8 A4 page at `dpi`: text, table, stamp and signature.
    PageOverflow when it does not fit (see `fit_content`); `measure_only` skips stamp, signature and
    paper texture (a quick check that the text fits)."""
    rng = np.random.default_rng(seed)
    px = dpi / 25.4

    def mm(value: float) -> int:
        return round(value * px)

    def pt(size: float) -> int:
        return round(size * dpi / 72)

    w, h = mm(A4_MM[0]), mm(A4_MM[1])
    page = Image.new("RGBA", (w, h), (*paper, 255))
    draw = ImageDraw.Draw(page)

    def put(*args: Any, **kwargs: Any) -> None:  # drawing text is the slow part; measuring needs none
        if not measure_only:
            draw.text(*args, **kwargs)

    left, right = mm(30), w - mm(18)
    y = mm(18)
    col_l = (left + mm(45)) // 1
    col_r = (left + right) // 2 + mm(30)
    bold, regular = font("serif-bold", pt(12.5)), font("serif", pt(13))
    italic = font("serif-italic", pt(13))
    line_h = round(pt(13) * 1.45)
    put((col_l - mm(12), y), "ỦY BAN NHÂN DÂN", font=bold, fill=INK, anchor="ma")
    put((col_r, y), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill=INK, anchor="ma")
    y += line_h
    put((col_l - mm(12), y), f"PHƯỜNG {content.ward.upper()}", font=bold, fill=INK, anchor="ma")
    motto = "Độc lập - Tự do - Hạnh phúc"
    put((col_r, y), motto, font=font("serif-bold", pt(13)), fill=INK, anchor="ma")
    mw = draw.textlength(motto, font=font("serif-bold", pt(13)))
    draw.line((col_r - mw / 2, y + line_h * 0.92, col_r + mw / 2, y + line_h * 0.92), fill=INK,
              width=max(1, pt(0.8)))
    y += round(line_h * 1.5)
    put((col_l - mm(12), y), f"Số: {content.number}", font=regular, fill=INK, anchor="ma")
    put((col_r, y), content.date_line, font=italic, fill=INK, anchor="ma")
    y += round(line_h * 2.2)
    centre = (left + right) // 2
    put((centre, y), content.title, font=font("serif-bold", pt(15)), fill=INK, anchor="ma")
    y += round(line_h * 1.25)
    put((centre, y), content.subtitle, font=font("serif-bold", pt(13)), fill=INK, anchor="ma")
    y += round(line_h * 1.8)

    def paragraph(text: str, y: int) -> int:
        for k, line in enumerate(_wrap(draw, text, regular, right - left, first_indent=mm(10))):
            put((left + (mm(10) if k == 0 else 0), y), line, font=regular, fill=INK)
            y += line_h
        return y + round(line_h * 0.3)

    for text in content.paragraphs:
        y = paragraph(text, y)
    # The table: fixed column shares, borders, the header row in bold.
    shares = (0.09, 0.4, 0.22, 0.29)
    xs = [left]
    for s in shares:
        xs.append(xs[-1] + round(s * (right - left)))
    row_h = round(line_h * 1.3)
    top = y + mm(2)
    small, small_bold = font("serif", pt(12)), font("serif-bold", pt(12))
    for r, row in enumerate(content.table):
        ry = top + r * row_h
        for c, cell in enumerate(row):
            put(((xs[c] + xs[c + 1]) // 2, ry + row_h // 2), cell, font=small_bold if r == 0 else small,
                      fill=INK, anchor="mm")
    bottom = top + len(content.table) * row_h
    stroke = max(1, pt(0.8))
    for r in range(len(content.table) + 1):
        draw.line((xs[0], top + r * row_h, xs[-1], top + r * row_h), fill=INK, width=stroke)
    for x in xs:
        draw.line((x, top, x, bottom), fill=INK, width=stroke)
    y = bottom + mm(5)
    for text in content.closing:
        y = paragraph(text, y)
    # Signature block on the right, "Nơi nhận" on the left.
    y += mm(4)
    sx = (left + right) // 2 + mm(32)
    ny = y
    for title in content.signer_titles:
        put((sx, y), title, font=bold, fill=INK, anchor="ma")
        y += line_h
    sig_top = y
    y += mm(30)
    put((sx, y), content.signer, font=bold, fill=INK, anchor="ma")
    if y + line_h > h - mm(bottom_mm):
        raise PageOverflow(f"the page overflows by {(y + line_h - (h - mm(bottom_mm))) / px:.0f} mm")
    put((left, ny), "Nơi nhận:", font=font("serif-bold", pt(11)), fill=INK)
    for k, line in enumerate(("- Như trên;", "- Lưu: VT.")):
        put((left, ny + round(line_h * 0.85) * (k + 1)), line, font=font("serif", pt(11)), fill=INK)
    if measure_only:
        return np.asarray(page.convert("RGB"))
    sig = _signature(mm(50), mm(22), rng)
    page.alpha_composite(sig, (sx - mm(20), sig_top + mm(4)))
    stamp = _stamp(mm(34), content.ward, rng)
    page.alpha_composite(stamp, (sx - mm(42), sig_top - mm(4)))
    rgb = np.asarray(page.convert("RGB")).astype(np.float32)
    # Paper is not perfectly even: faint low-frequency tone and fibre noise.
    tone = cv2.resize(rng.normal(0, 1, (6, 4)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    rgb *= (1 + 0.01 * tone)[:, :, None]
    rgb += rng.normal(0, 1.2, rgb.shape[:2]).astype(np.float32)[:, :, None]
    return np.clip(rgb, 0, 255).astype(np.uint8)


def document_page(seed: int, dpi: int = RENDER_DPI) -> tuple[np.ndarray, tuple[str, ...]]:
    """A flat page (RGB, A4 at `dpi`) of an invented document and its words, without any photograph."""
    rng = np.random.default_rng([seed, 1_000_003])
    content = fit_content(page_content(rng))
    return render_page(content, dpi=dpi, seed=seed), words_of(content.text_lines())


# ---------------------------------------------------------------------------------------- scenes


def _background(kind: str, size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A background as RGB float32 (0–255), drawn at a quarter of the frame and scaled up (smooth
    structures) plus full-resolution grain."""
    fw, fh = size
    sw, sh = max(8, fw // 4), max(8, fh // 4)
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    low = cv2.resize(rng.normal(0, 1, (5, 7)).astype(np.float32), (sw, sh), interpolation=cv2.INTER_CUBIC)
    if kind == "wood":
        light = rng.random() < 0.5
        base = np.array((196, 150, 100) if light else (110, 66, 40), np.float32)
        angle = rng.uniform(-0.15, 0.15) + (math.pi / 2 if rng.random() < 0.5 else 0)
        u = xs * math.cos(angle) + ys * math.sin(angle)
        v = -xs * math.sin(angle) + ys * math.cos(angle)
        warp = cv2.resize(rng.normal(0, 1, (4, 30)).astype(np.float32), (sw, sh),
                          interpolation=cv2.INTER_CUBIC)
        grain = np.sin(v / rng.uniform(3, 7) + 2.5 * warp + 0.002 * u)
        planks = np.floor(v / (sh / rng.uniform(3, 6)))
        plank_tone = (np.sin(planks * 12.9898) * 43758.5453) % 1.0
        shade = 1 + 0.12 * grain + 0.1 * (plank_tone - 0.5) + 0.05 * low
        img = base[None, None, :] * shade[:, :, None]
        gaps = (np.abs((v / (sh / 4.5)) % 1.0 - 0.5) > 0.495).astype(np.float32)
        img *= (1 - 0.35 * gaps)[:, :, None]
    elif kind == "desk":
        palettes = ((190, 190, 186), (214, 204, 182), (172, 180, 190), (205, 200, 196))
        base = np.array(palettes[int(rng.integers(len(palettes)))], np.float32)
        img = base[None, None, :] * (1 + 0.04 * low)[:, :, None]
    elif kind == "dark":
        palettes = ((38, 38, 42), (30, 44, 36), (52, 46, 58), (22, 24, 30))
        base = np.array(palettes[int(rng.integers(len(palettes)))], np.float32)
        img = base[None, None, :] * (1 + 0.1 * low)[:, :, None]
    else:  # patterned: a gingham cloth or square tiles with grout
        if rng.random() < 0.5:
            colour = np.array(((60, 90, 170), (170, 50, 50), (60, 130, 80))[int(rng.integers(3))], np.float32)
            period = sw / rng.uniform(10, 18)
            angle = rng.uniform(-0.3, 0.3)
            u = xs * math.cos(angle) + ys * math.sin(angle)
            v = -xs * math.sin(angle) + ys * math.cos(angle)
            a = ((u / period) % 1.0 < 0.5).astype(np.float32)
            b = ((v / period) % 1.0 < 0.5).astype(np.float32)
            mix = (a + b) / 2  # 0, 0.5 or 1: white, light, full colour
            white = np.array((232, 228, 220), np.float32)
            img = white[None, None, :] * (1 - mix[:, :, None]) + colour[None, None, :] * mix[:, :, None]
        else:
            tones = ((150, 120, 100), (120, 130, 140), (90, 110, 120))
            tile = np.array(tones[int(rng.integers(3))], np.float32)
            period = sw / rng.uniform(4, 8)
            tone = (np.sin(np.floor(xs / period) * 7.1 + np.floor(ys / period) * 3.3) * 0.5 + 0.5)
            img = tile[None, None, :] * (0.85 + 0.25 * tone)[:, :, None]
            grout = ((xs % period < period * 0.04) | (ys % period < period * 0.04)).astype(np.float32)
            img = img * (1 - grout[:, :, None]) + 215 * grout[:, :, None]
        img *= (1 + 0.05 * low)[:, :, None]
    big = cv2.resize(img, (fw, fh), interpolation=cv2.INTER_LINEAR)
    return big


def _page_quad(frame: tuple[int, int], page_mm: tuple[float, float], quarter_turns: int,
               rng: np.random.Generator) -> tuple[np.ndarray, dict[str, float]]:
    """Where the page's corners (its own TL, TR, BR, BL) land in the frame, through a pinhole camera.

    The page lies in front of the camera turned in its plane (quarter turns plus up to ±9°), tilted up to
    ±12° about its horizontal axis and ±10° about its vertical one, a little off the optical axis; the
    camera's focal length is 0.75–1.0 × the frame's longer side, its principal point the frame's centre.
    The view is then scaled about that centre (a longer focal length: still a true perspective view) so the
    page fills 74–92 % of the frame, and shrunk further if a corner would leave it.
    """
    fw, fh = frame
    w, h = page_mm
    corners = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]])
    roll = math.radians(90 * quarter_turns + rng.uniform(-9, 9))  # clockwise on screen (y down)
    pitch, yaw = math.radians(rng.uniform(-12, 12)), math.radians(rng.uniform(-10, 10))
    r_roll = np.array([[math.cos(roll), -math.sin(roll), 0], [math.sin(roll), math.cos(roll), 0], [0, 0, 1]])
    r_pitch = np.array([[1, 0, 0], [0, math.cos(pitch), -math.sin(pitch)],
                        [0, math.sin(pitch), math.cos(pitch)]])
    r_yaw = np.array([[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]])
    offset = np.array([rng.uniform(-0.08, 0.08) * h, rng.uniform(-0.08, 0.08) * h, 600.0])
    cam = corners @ (r_yaw @ r_pitch @ r_roll).T + offset
    focal = rng.uniform(0.75, 1.0) * max(fw, fh)
    uv = focal * cam[:, :2] / cam[:, 2:3]  # relative to the principal point
    centre = np.array([fw / 2, fh / 2])
    margin = 0.02 * min(fw, fh)
    fill = rng.uniform(0.74, 0.92)
    span = uv.max(axis=0) - uv.min(axis=0)
    scale = fill * min(fw / span[0], fh / span[1])
    # Keep every corner inside the frame, with a margin: shrink about the centre while one is out.
    limits = np.array([[margin - centre[0], fw - margin - centre[0]],
                       [margin - centre[1], fh - margin - centre[1]]])
    for axis in (0, 1):
        lo, hi = uv[:, axis].min(), uv[:, axis].max()
        if lo < 0:
            scale = min(scale, limits[axis][0] / lo)
        if hi > 0:
            scale = min(scale, limits[axis][1] / hi)
    facts = {"roll_deg": round(math.degrees(roll), 2), "pitch_deg": round(math.degrees(pitch), 2),
             "yaw_deg": round(math.degrees(yaw), 2), "focal_px": round(focal * scale, 1)}
    return centre + scale * uv, facts


def _shadow_mask(size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A soft shadow (0–1) reaching in from one edge: an arm, a phone or the camera's stand."""
    fw, fh = size
    sw, sh = fw // 8, fh // 8
    mask = np.zeros((sh, sw), np.float32)
    edge = int(rng.integers(4))
    depth = rng.uniform(0.15, 0.45)
    width = rng.uniform(0.2, 0.45)
    centre = rng.uniform(0.2, 0.8)
    if edge in (0, 2):  # from the left or right
        y0, y1 = int((centre - width / 2) * sh), int((centre + width / 2) * sh)
        x_reach = int(depth * sw)
        pts = np.array([[0, y0], [x_reach, y0 + (y1 - y0) // 4], [x_reach, y1 - (y1 - y0) // 4], [0, y1]])
        if edge == 2:
            pts[:, 0] = sw - 1 - pts[:, 0]
    else:  # from the top or bottom
        x0, x1 = int((centre - width / 2) * sw), int((centre + width / 2) * sw)
        y_reach = int(depth * sh)
        pts = np.array([[x0, 0], [x0 + (x1 - x0) // 4, y_reach], [x1 - (x1 - x0) // 4, y_reach], [x1, 0]])
        if edge == 3:
            pts[:, 1] = sh - 1 - pts[:, 1]
    cv2.fillPoly(mask, [pts.astype(np.int32)], 1.0)
    soft = cv2.GaussianBlur(mask, (0, 0), rng.uniform(0.02, 0.05) * sw)
    return np.asarray(cv2.resize(soft, size, interpolation=cv2.INTER_LINEAR), np.float32)


def photograph(page_rgb: np.ndarray, *, frame_size: tuple[int, int], background: str, quarter_turns: int,
               seed: int, jpeg_quality: int | None = None) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Put a page into a camera frame. Returns (BGR uint8 frame, corners float32 (4, 2), scene facts)."""
    rng = np.random.default_rng(seed)
    fw, fh = frame_size
    ph, pw = page_rgb.shape[:2]
    quad, view = _page_quad(frame_size, A4_MM, quarter_turns, rng)
    # Bring the page near its size in the frame first (area averaging: no aliasing), then warp.
    long_in_frame = max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2]))
    scale = min(1.0, 1.05 * long_in_frame / ph)
    if scale < 1:
        page_rgb = cv2.resize(page_rgb, (round(pw * scale), round(ph * scale)), interpolation=cv2.INTER_AREA)
    sh, sw = page_rgb.shape[:2]
    src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    warped = cv2.warpPerspective(page_rgb, matrix, frame_size, flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    alpha8 = cv2.warpPerspective(np.full((sh, sw), 255, np.uint8), matrix, frame_size, flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha = alpha8.astype(np.float32) / 255
    frame = _background(background, frame_size, rng)
    # Drop shadow: the page lifted a little off the surface.
    offset = rng.uniform(-1, 1, 2) * 0.004 * max(fw, fh)
    shift = np.array([[1, 0, offset[0]], [0, 1, offset[1]]], np.float32)
    drop = cv2.warpAffine(alpha, shift, frame_size)
    drop = cv2.GaussianBlur(drop, (0, 0), 0.004 * max(fw, fh))
    frame *= (1 - rng.uniform(0.2, 0.45) * drop)[:, :, None]
    # In place (the same float32 operations in the same order as `frame * (1 - a) + warped * a`, so the
    # same bytes): a full-frame temporary less.
    frame *= 1 - alpha[:, :, None]
    frame += warped.astype(np.float32) * alpha[:, :, None]
    # Light: a gradient, vignetting, a soft shadow across the page, a colour cast.
    ys, xs = np.mgrid[0:fh:8, 0:fw:8].astype(np.float32)
    direction = rng.uniform(0, math.tau)
    ramp = ((xs - fw / 2) * math.cos(direction) + (ys - fh / 2) * math.sin(direction)) / max(fw, fh)
    radius = np.hypot(xs - fw / 2, ys - fh / 2) / math.hypot(fw / 2, fh / 2)
    gain_strength = rng.uniform(0.1, 0.35)
    coarse = (1 + gain_strength * ramp) * (1 - rng.uniform(0.1, 0.3) * radius**2)
    light = np.asarray(cv2.resize(coarse.astype(np.float32), frame_size, interpolation=cv2.INTER_LINEAR))
    shadow_strength = rng.uniform(0.25, 0.5) if rng.random() < 0.8 else 0.0
    if shadow_strength:
        light *= 1 - shadow_strength * _shadow_mask(frame_size, rng)
    cast = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.84, 0.98)], np.float32)
    if rng.random() < 0.3:  # cool light instead of warm
        cast = cast[::-1].copy()
    frame *= light[:, :, None]
    frame *= cast[None, None, :]
    blur = rng.uniform(0.5, 1.1)
    frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), blur))
    noise = rng.uniform(1.5, 3.5)
    frame += rng.normal(0, noise, (fh, fw)).astype(np.float32)[:, :, None]
    out = cv2.cvtColor(np.clip(frame, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
        if decoded is not None:
            out = np.asarray(decoded)
    facts = {**view, "gradient": round(gain_strength, 3), "shadow": round(shadow_strength, 3),
             "blur_sigma": round(blur, 2), "noise_sigma": round(noise, 2),
             "cast": [round(float(c), 3) for c in cast]}
    return out, quad.astype(np.float32), facts


# ---------------------------------------------------------------------------------------- photos


@dataclass(frozen=True)
class DocPhoto:
    """One synthetic document photo and its ground truth."""

    index: int
    seed: int
    image: np.ndarray  # BGR uint8
    corners: np.ndarray  # float32 (4, 2): the page's own top-left, top-right, bottom-right, bottom-left
    lines: tuple[str, ...]  # the page's black text, block by block
    background: str
    quarter_turns: int  # 0 upright, 1 sideways (page top at the frame's right), 2 upside down
    page_dpi: float  # pixels per inch of the page in the frame (mean over its sides)
    scene: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> tuple[str, ...]:
        return words_of(self.lines)

    @property
    def frame_size(self) -> tuple[int, int]:
        return self.image.shape[1], self.image.shape[0]

    def truth_json(self, file: str) -> dict[str, Any]:
        return {"file": file, "index": self.index, "seed": self.seed,
                "frame_size": list(self.frame_size), "background": self.background,
                "quarter_turns": self.quarter_turns, "page_dpi": round(self.page_dpi, 1),
                "corners": [[round(float(v), 2) for v in p] for p in self.corners],
                "lines": list(self.lines), "scene": self.scene}


def quarter_turns_for(index: int) -> int:
    """One photo in ten upside down (index 7, 17, …), one in ten sideways (3, 13, …)."""
    return {3: 1, 7: 2}.get(index % 10, 0)


def document_photo(index: int, seed: int = 1, *, scale: float = 1.0) -> DocPhoto:
    """Photo `index` of the corpus with `seed`. `scale` shrinks the frame (and the page's render dpi)
    for quick tests; the scene is otherwise the same."""
    rng = np.random.default_rng([seed, index])
    content = fit_content(page_content(rng))
    render_dpi = max(50, round(RENDER_DPI * min(1.0, scale * 1.15)))
    page = render_page(content, dpi=render_dpi, seed=int(rng.integers(1 << 31)))
    fw, fh = FRAME_SIZES[index % len(FRAME_SIZES)]
    frame_size = (max(64, round(fw * scale)), max(64, round(fh * scale)))
    background = BACKGROUNDS[(index // len(FRAME_SIZES) + index) % len(BACKGROUNDS)]
    turns = quarter_turns_for(index)
    image, corners, facts = photograph(page, frame_size=frame_size, background=background,
                                       quarter_turns=turns, seed=int(rng.integers(1 << 31)),
                                       jpeg_quality=int(rng.integers(86, 95)))
    sides = [float(np.linalg.norm(corners[i] - corners[(i + 1) % 4])) for i in range(4)]
    dpi = ((sides[0] + sides[2]) / 2 / (A4_MM[0] / 25.4) + (sides[1] + sides[3]) / 2 / (A4_MM[1] / 25.4)) / 2
    return DocPhoto(index=index, seed=seed, image=image, corners=corners, lines=tuple(content.text_lines()),
                    background=background, quarter_turns=turns, page_dpi=dpi, scene=facts)


def iter_photos(count: int, seed: int = 1, *, scale: float = 1.0) -> Iterator[DocPhoto]:
    for index in range(count):
        yield document_photo(index, seed, scale=scale)


def write_corpus(out_dir: Path, count: int, seed: int = 1, *, scale: float = 1.0,
                 jpeg_quality: int = 92) -> list[Path]:
    """Write the photos as JPEG (as a camera would) and a manifest.json with their ground truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    manifest: list[dict[str, Any]] = []
    for photo in iter_photos(count, seed, scale=scale):
        name = f"doc_{photo.index:03d}_{photo.background}.jpg"
        path = out_dir / name
        ok, buf = cv2.imencode(".jpg", photo.image, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        if not ok:
            raise OSError(f"cannot encode {name}")
        path.write_bytes(buf.tobytes())
        written.append(path)
        manifest.append(photo.truth_json(name))
    (out_dir / MANIFEST).write_text(json.dumps({"seed": seed, "count": count, "photos": manifest},
                                               ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic document photos (known corners and text).")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--count", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="frame scale (1 = 8–13 MP)")
    args = parser.parse_args(argv)
    for path in write_corpus(args.out, args.count, args.seed, scale=args.scale):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


__all__ = [
    "A4_MM", "BACKGROUNDS", "FRAME_SIZES", "MANIFEST", "RENDER_DPI", "DocPhoto", "PageContent",
    "PageOverflow", "document_page", "document_photo", "fit_content", "iter_photos", "page_content",
    "photograph", "quarter_turns_for", "render_page", "words_of", "write_corpus",
]

if __name__ == "__main__":
    raise SystemExit(main())
