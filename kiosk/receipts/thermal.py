"""Receipts on an ESC/POS thermal printer (80 mm paper, 576 dots, 48 columns of font A).

Most thermal printers have no Vietnamese code page (TCVN3/VISCII are rare, and stacked diacritics like
``ệ`` do not exist in any single-byte page they have), so the text is rendered with Pillow and a Noto font
and sent as a raster image (``GS v 0``). The dossier code goes out as the printer's own QR code
(``GS ( k``) and CODE128 barcode (``GS k``): crisp at any density and tiny on the wire.

`print_receipt` drives any python-escpos printer: `open_printer` makes one from a spec string (USB,
network, device file); tests use `escpos.printer.File` or `Dummy`. `render_preview` draws the same
receipt as one PNG, which is what the paper will look like (for the screen and for review).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import segno
from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos
from PIL import Image, ImageDraw, ImageFont

from kiosk.domain.notice import Say
from kiosk.receipts import code128
from kiosk.receipts.fonts import font_path
from kiosk.receipts.model import Receipt, ReceiptContent, receipt_content


@dataclass(frozen=True)
class ThermalLayout:
    #: Printable width: 576 dots = 72 mm at 203 dpi on 80 mm paper (512 on some older 80 mm models).
    width_dots: int = 576
    margin: int = 8
    title_px: int = 34
    label_px: int = 21
    value_px: int = 27
    code_px: int = 38
    small_px: int = 21
    #: QR module size in dots (ESC/POS allows 1–16); 8 dots = 1 mm modules, easy for any camera.
    qr_module: int = 8
    #: CODE128 module width in dots (ESC/POS allows 2–6) and bar height in dots.
    barcode_module: int = 2
    barcode_height: int = 80


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold=bold)), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if font.getlength(current + char) > width and current:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines or [""]


@dataclass(frozen=True)
class _Line:
    text: str
    size: int
    bold: bool = False
    center: bool = False
    gap_before: int = 0


def _draw_lines(lines: Sequence[_Line], layout: ThermalLayout, *,
                rule_after: Sequence[int] = ()) -> Image.Image:
    """Lines top to bottom on a white strip `width_dots` wide, as a 1-bit image."""
    width = layout.width_dots
    heights = [round(line.size * 1.38) + line.gap_before for line in lines]
    total = sum(heights) + 12 * len(rule_after) + 8
    image = Image.new("L", (width, total), 255)
    draw = ImageDraw.Draw(image)
    y = 4
    for n, (line, height) in enumerate(zip(lines, heights, strict=True)):
        y += line.gap_before
        font = _font(line.size, line.bold)
        x = layout.margin
        if line.center:
            x = max(layout.margin, round((width - font.getlength(line.text)) / 2))
        draw.text((x, y), line.text, font=font, fill=0)
        y += height - line.gap_before
        if n in rule_after:
            draw.line((layout.margin, y + 5, width - layout.margin, y + 5), fill=0, width=2)
            y += 12
    # Thermal heads print dots, not greys: threshold the anti-aliased text.
    return image.point(lambda v: 255 if v >= 140 else 0).convert("1")


def _wrapped(text: str, size: int, layout: ThermalLayout, **kw: bool | int) -> list[_Line]:
    bold = bool(kw.get("bold", False))
    center = bool(kw.get("center", False))
    gap = int(kw.get("gap_before", 0))
    width = layout.width_dots - 2 * layout.margin
    parts = wrap(text, _font(size, bold), width)
    return [
        _Line(part, size, bold=bold, center=center, gap_before=gap if i == 0 else 0)
        for i, part in enumerate(parts)
    ]


def header_image(content: ReceiptContent, layout: ThermalLayout = ThermalLayout()) -> Image.Image:
    """Title and every field, above the codes."""
    lines: list[_Line] = []
    lines += _wrapped(content.title_vi, layout.title_px, layout, bold=True, center=True)
    lines += _wrapped(content.title_en, layout.label_px, layout, center=True)
    rules = [len(lines) - 1]
    for field in content.fields:
        lines += _wrapped(f"{field.label_vi} / {field.label_en}", layout.label_px, layout, gap_before=6)
        size = layout.code_px if field.big else layout.value_px
        lines += _wrapped(field.value, size, layout, bold=field.big or False)
    rules.append(len(lines) - 1)
    return _draw_lines(lines, layout, rule_after=rules)


def footer_image(content: ReceiptContent, layout: ThermalLayout = ThermalLayout()) -> Image.Image:
    """How to follow the dossier, and the closing note, under the codes."""
    lines: list[_Line] = []
    for text in content.status_help:
        lines += _wrapped(text, layout.small_px, layout, center=True)
    for text in content.footer:
        lines += _wrapped(text, layout.small_px, layout, bold=True, center=True, gap_before=10)
    return _draw_lines(lines, layout)


def barcode_fits(dossier_code: str, layout: ThermalLayout = ThermalLayout()) -> bool:
    """True when the CODE128 fits the printable width at `barcode_module` dots per module."""
    return code128.module_count(dossier_code) * layout.barcode_module <= layout.width_dots


def print_receipt(receipt: Receipt, printer: Escpos, layout: ThermalLayout = ThermalLayout(), *,
                  say: Say, cut: bool = True) -> None:
    """Print `receipt`: text as raster images, the dossier code as a native QR and a native CODE128.

    A dossier code too long for a CODE128 across the paper (unit codes longer than the usual 13
    characters) gets the QR only: a barcode that runs off the paper is worse than none.
    `say` puts the receipt's notices in words (kiosk.ui.texts.say).
    """
    content = receipt_content(receipt, say)
    media = printer.profile.profile_data.setdefault("media", {}).setdefault("width", {})
    if media.get("pixels") in (None, "Unknown"):
        media["pixels"] = layout.width_dots
    # python-escpos print()s chatter ("Using hardware barcode renderer") to stdout; keep stdout clean
    # for the `kiosk` command's JSON output.
    with contextlib.redirect_stdout(io.StringIO()):
        printer.hw("INIT")
        printer.image(header_image(content, layout), center=False)
        printer.set(align="center")
        printer.qr(receipt.dossier_code, ec=QR_ECLEVEL_M, size=layout.qr_module, native=True)
        if barcode_fits(receipt.dossier_code, layout):
            printer.barcode(
                code128.escpos_data(receipt.dossier_code),
                "CODE128",
                height=layout.barcode_height,
                width=layout.barcode_module,
                pos="BELOW",
                font="B",
                function_type="B",
            )
        printer.set(align="left")
        printer.ln()
        printer.image(footer_image(content, layout), center=False)
        if cut:
            printer.cut()


def _qr_image(data: str, module: int) -> Image.Image:
    qr = segno.make(data, error="m")
    matrix = [list(row) for row in qr.matrix_iter(scale=module, border=4)]
    image = Image.new("1", (len(matrix[0]), len(matrix)), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    return image


def _barcode_image(text: str, layout: ThermalLayout) -> Image.Image:
    bars = code128.modules(text)
    width = len(bars) * layout.barcode_module
    hri_font = _font(layout.small_px, False)
    image = Image.new("1", (layout.width_dots, layout.barcode_height + layout.small_px + 12), 1)
    draw = ImageDraw.Draw(image)
    x0 = (layout.width_dots - width) // 2
    for i, bar in enumerate(bars):
        if bar == "1":
            x = x0 + i * layout.barcode_module
            draw.rectangle((x, 0, x + layout.barcode_module - 1, layout.barcode_height - 1), fill=0)
    hri_x = (layout.width_dots - hri_font.getlength(text)) / 2
    draw.text((hri_x, layout.barcode_height + 4), text, font=hri_font, fill=0)
    return image


def render_preview(receipt: Receipt, layout: ThermalLayout = ThermalLayout(), *, say: Say) -> Image.Image:
    """The printed receipt as one 1-bit image `width_dots` wide (what the paper will show)."""
    content = receipt_content(receipt, say)
    parts = [header_image(content, layout)]
    qr = _qr_image(receipt.dossier_code, layout.qr_module)
    strip = Image.new("1", (layout.width_dots, qr.height), 1)
    strip.paste(qr, ((layout.width_dots - qr.width) // 2, 0))
    parts.append(strip)
    if barcode_fits(receipt.dossier_code, layout):
        parts.append(_barcode_image(receipt.dossier_code, layout))
    parts.append(footer_image(content, layout))
    height = sum(p.height for p in parts) + 24
    page = Image.new("1", (layout.width_dots, height), 1)
    y = 0
    for part in parts:
        page.paste(part, (0, y))
        y += part.height + 6
    return page


def open_printer(spec: str) -> Escpos:
    """A python-escpos printer from a spec string.

    - ``usb:VID:PID`` (hex, e.g. ``usb:04b8:0202``),
    - ``tcp:HOST[:PORT]`` (raw port 9100 by default),
    - ``file:/dev/usb/lp0`` (a device file, or any file: the bytes are written to it),
    - ``dummy`` (keeps the bytes in memory: `printer.output`).
    """
    from escpos import printer as devices

    kind, _, rest = spec.partition(":")
    if kind == "usb":
        vid, _, pid = rest.partition(":")
        try:
            return devices.Usb(int(vid, 16), int(pid, 16))
        except ValueError:
            raise ValueError(f"printer spec {spec!r}: expected usb:VID:PID, e.g. usb:04b8:0202") from None
    if kind == "tcp":
        host, _, port = rest.partition(":")
        if not host:
            raise ValueError(f"printer spec {spec!r}: expected tcp:HOST[:PORT]")
        return devices.Network(host, int(port or 9100))
    if kind == "file":
        if not rest:
            raise ValueError(f"printer spec {spec!r}: expected file:PATH")
        return devices.File(rest)
    if kind == "dummy":
        return devices.Dummy()
    raise ValueError(f"unknown printer spec {spec!r}: use usb:VID:PID, tcp:HOST[:PORT], file:PATH or dummy")
