"""Receipts as PDF: for an office printer (A6) or a roll printer driven by CUPS (80 mm wide).

Noto Sans is embedded (subset), so diacritics are exact whatever the viewer has installed, and the text
extracts as NFC. The QR code (segno's matrix) and the CODE128 barcode are drawn as vector rectangles,
sharp at any printer resolution.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import segno
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.notice import Notice, Say
from kiosk.receipts import code128
from kiosk.receipts.fonts import font_path
from kiosk.receipts.model import Receipt, receipt_content

PageFormat = Literal["a6", "80mm"]

_REGULAR, _BOLD = "KioskNotoSans", "KioskNotoSans-Bold"
ROLL_WIDTH = 80 * mm


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    if _REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(_REGULAR, str(font_path(bold=False))))
    if _BOLD not in registered:
        pdfmetrics.registerFont(TTFont(_BOLD, str(font_path(bold=True))))


@dataclass(frozen=True)
class _Style:
    margin: float
    title: float
    label: float
    value: float
    code: float
    small: float
    qr_size: float
    bar_module: float
    bar_height: float


_STYLES: dict[PageFormat, _Style] = {
    "a6": _Style(margin=7 * mm, title=13, label=7.5, value=9.5, code=13, small=7, qr_size=28 * mm,
                 bar_module=0.3 * mm, bar_height=10 * mm),
    "80mm": _Style(margin=4 * mm, title=12.5, label=7.5, value=9.5, code=12.5, small=7, qr_size=30 * mm,
                   bar_module=0.25 * mm, bar_height=10 * mm),
}

_Op = Callable[[Canvas, float], None]  # draws given the page height


def _layout(receipt: Receipt, page_width: float, style: _Style, say: Say) -> tuple[list[_Op], float]:
    """Drawing operations and the height they take from the top of the page."""
    content = receipt_content(receipt, say)
    ops: list[_Op] = []
    width = page_width - 2 * style.margin
    y = style.margin  # distance from the top of the page

    def text(line: str, font: str, size: float, *, center: bool = False, gap: float = 0) -> None:
        nonlocal y
        y += gap
        for part in simpleSplit(line, font, size, width):
            y += size * 1.25
            baseline = y - size * 0.25

            def draw(c: Canvas, h: float, part: str = part, baseline: float = baseline) -> None:
                c.setFont(font, size)
                if center:
                    c.drawCentredString(page_width / 2, h - baseline, part)
                else:
                    c.drawString(style.margin, h - baseline, part)

            ops.append(draw)

    def rule(gap: float = 2 * mm) -> None:
        nonlocal y
        y += gap / 2
        at = y

        def draw(c: Canvas, h: float) -> None:
            c.setLineWidth(0.6)
            c.line(style.margin, h - at, page_width - style.margin, h - at)

        ops.append(draw)
        y += gap / 2

    text(content.title_vi, _BOLD, style.title, center=True)
    text(content.title_en, _REGULAR, style.label, center=True)
    rule()
    for field in content.fields:
        text(f"{field.label_vi} / {field.label_en}", _REGULAR, style.label, gap=1.2 * mm)
        text(field.value, _BOLD if field.big else _REGULAR, style.code if field.big else style.value)
    rule(3 * mm)

    # The QR: segno's matrix as squares, with its quiet zone.
    qr = segno.make(receipt.dossier_code, error="m")
    rows = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
    module = style.qr_size / len(rows)
    qr_top = y
    qr_left = (page_width - style.qr_size) / 2

    def draw_qr(c: Canvas, h: float) -> None:
        c.setFillGray(0)
        for r, row in enumerate(rows):
            for col, dark in enumerate(row):
                if dark:
                    x, y = qr_left + col * module, h - qr_top - (r + 1) * module
                    c.rect(x, y, module, module, stroke=0, fill=1)

    ops.append(draw_qr)
    y += style.qr_size

    # The barcode: narrow it to the page when the code is long (it stays decodable down to ~0.17 mm).
    bars = code128.modules(receipt.dossier_code)
    bar_module = min(style.bar_module, (width - 4 * mm) / len(bars))
    bar_left = (page_width - len(bars) * bar_module) / 2
    bar_top = y + 2 * mm

    def draw_bars(c: Canvas, h: float) -> None:
        c.setFillGray(0)
        for i, bar in enumerate(bars):
            if bar == "1":
                x = bar_left + i * bar_module
                c.rect(x, h - bar_top - style.bar_height, bar_module, style.bar_height, stroke=0, fill=1)

    ops.append(draw_bars)
    y = bar_top + style.bar_height + 0.8 * mm
    text(receipt.dossier_code, _REGULAR, style.small, center=True)
    for line in content.status_help:
        text(line, _REGULAR, style.small, center=True, gap=0.8 * mm)
    for line in content.footer:
        text(line, _BOLD, style.small, center=True, gap=1.5 * mm)
    return ops, y + style.margin


def render_pdf(receipt: Receipt, page: PageFormat = "a6", *, say: Say) -> bytes:
    """The receipt as a one-page PDF: A6 (105 × 148 mm), or 80 mm wide and as long as the content; `say`
    puts its notices in words (kiosk.ui.texts.say)."""
    _register_fonts()
    style = _STYLES[page]
    page_width = A6[0] if page == "a6" else ROLL_WIDTH
    ops, needed = _layout(receipt, page_width, style, say)
    height = A6[1] if page == "a6" else needed
    if needed > height:
        # Long procedure names on A6: shrink everything rather than lose the bottom lines.
        scale = height / needed
        style = _Style(**{k: v * scale for k, v in vars(style).items()})
        ops, _ = _layout(receipt, page_width, style, say)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_width, height), invariant=True, initialFontName=_REGULAR)
    canvas.setTitle(f"{say(Notice('receipt.title'), 'vi')} {receipt.dossier_code}")
    canvas.setAuthor(receipt.kiosk_id)
    for op in ops:
        op(canvas, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_pdf(receipt: Receipt, path: Path, page: PageFormat = "a6", *, say: Say) -> Path:
    path.write_bytes(render_pdf(receipt, page, say=say))
    return path
