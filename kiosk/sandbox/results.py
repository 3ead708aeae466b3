"""Result documents of the sandbox portal: an A4 PDF carrying the document code as text and as a QR code.

Rendered as one page image (Pillow, DejaVu Sans for Vietnamese when installed) and wrapped as PDF by
Pillow. It is a training stand-in, not a legal document, and says so on the page.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/noto"))
_DPI = 100
_A4 = (827, 1169)  # A4 at 100 dpi


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = (
        ("DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf") if bold else ("DejaVuSans.ttf", "NotoSans-Regular.ttf")
    )
    for folder in _FONT_DIRS:
        for name in names:
            if (folder / name).exists():
                return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def render_result_pdf(
    *,
    document_code: str,
    dossier_code: str,
    procedure_name: str,
    holder_name: str,
    issued_at: datetime,
) -> bytes:
    page = Image.new("RGB", _A4, "white")
    draw = ImageDraw.Draw(page)
    draw.text((60, 50), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=_font(22, True), fill="black")
    draw.text((60, 82), "Độc lập - Tự do - Hạnh phúc", font=_font(20), fill="black")
    draw.text((60, 170), "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", font=_font(26, True), fill="black")
    lines = [
        f"Thủ tục: {procedure_name}",
        f"Người nhận kết quả: {holder_name}",
        f"Mã hồ sơ: {dossier_code}",
        f"Mã kết quả: {document_code}",
        f"Ngày cấp: {issued_at:%d/%m/%Y %H:%M}",
    ]
    for index, line in enumerate(lines):
        draw.text((60, 250 + index * 40), line, font=_font(20), fill="black")
    draw.text(
        (60, 1080),
        "BẢN MẪU CỦA CỔNG THỬ NGHIỆM (SANDBOX) — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ",
        font=_font(16, True),
        fill=(180, 0, 0),
    )
    qr = segno.make_qr(document_code, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    with Image.open(buffer) as qr_image:
        code = qr_image.convert("RGB")
    page.paste(code, (_A4[0] - code.width - 60, 230))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=_DPI, title=document_code, author="Kiosk sandbox portal")
    return out.getvalue()
