"""Fill English translations into resources/translations/kiosk_en.ts for the given Vietnamese sources.

    .venv/bin/python packaging/translate_en.py  # applies TRANSLATIONS below to unfinished entries

Run `lupdate` first (see the README) so the new strings are in the file; entries already translated are
left alone. Kept as a tiny tool rather than editing XML by hand, so the file's layout stays lupdate's.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "kiosk_en.ts"

TRANSLATIONS: dict[str, str | tuple[str, str]] = {
    "Chụp giấy tờ": "Photograph your documents",
    "Đặt từng trang giấy dưới camera, mặt chữ lên trên. Máy tự chụp khi trang nằm yên.":
        "Lay each page under the camera, text up. The kiosk takes the picture when the page lies still.",
    "Đang xử lý trang…": "Processing the page…",
    "Tự chụp: BẬT": "Auto: ON",
    "Tự chụp: TẮT": "Auto: OFF",
    "Chụp lại": "Retake",
    "Chụp ngay": "Take picture",
    "Quét 1 trang": "Scan 1 page",
    "Dừng quét": "Stop scan",
    "Quét cả xấp": "Scan a stack",
    "(bắt buộc)": "(required)",
    "(nếu có)": "(if any)",
    "%n trang": ("%n page", "%n pages"),
    "Trang %1": "Page %1",
    "Chưa có trang nào của giấy tờ này.": "No pages of this document yet.",
    "Chụp lại trang %1": "Retake page %1",
    "Xóa trang %1": "Delete page %1",
    "Xong, tiếp tục": "Done, continue",
    # journeys 3 and 5: check a dossier, guides
    "Tra cứu hồ sơ": "Check a dossier",
    "Đưa mã QR trên giấy biên nhận vào trước camera, hoặc nhập mã hồ sơ.":
        "Hold the QR code on your receipt up to the camera, or type the dossier code.",
    "Đang tra cứu…": "Looking it up…",
    "Thử lại": "Try again",
    "Nhập hoặc quét mã khác": "Type or scan another code",
    "Hoặc nhập mã hồ sơ (in trên giấy biên nhận)": "Or type the dossier code (printed on the receipt)",
    "Ví dụ: %1": "For example: %1",
    "Tra cứu": "Look up",
    "Mã hồ sơ: %1": "Dossier code: %1",
    "Tình trạng hiện nay": "Status now",
    "Ghi chú của cơ quan: %1": "Note from the office: %1",
    "Đã có kết quả": "The result is ready",
    "Chưa có kết quả": "No result yet",
    "Số hiệu bưu gửi": "Postal tracking number",
    "Bưu điện chưa nhận kết quả để phát.": "The post office has not received the result for delivery yet.",
    "Các bước đã qua": "Steps so far",
    "Tra cứu hồ sơ khác": "Check another dossier",
    "Xong": "Done",
    "Bước %1 · %2": "Step %1 · %2",
    "Hướng dẫn từng bước": "Step-by-step guides",
    "Chọn thủ tục để xem cách làm.": "Choose a procedure to see how it is done.",
    "Đưa mã QR trên biên nhận vào camera": "Show your receipt's QR code to the camera",
    "Cách làm các thủ tục thường gặp": "How to do the most common procedures",
}


def apply(text: str, translations: dict[str, str | tuple[str, str]]) -> tuple[str, int]:
    done = 0
    for source, target in translations.items():
        src = re.escape(html.escape(source, quote=False))
        if isinstance(target, tuple):
            pattern = (rf"(<source>{src}</source>\s*)<translation type=\"unfinished\">\s*"
                       r"<numerusform></numerusform>\s*<numerusform></numerusform>\s*</translation>")
            forms = "".join(f"\n            <numerusform>{html.escape(t, quote=False)}</numerusform>"
                            for t in target)
            replacement = rf"\g<1><translation>{forms}\n        </translation>"
        else:
            pattern = rf"(<source>{src}</source>\s*)<translation type=\"unfinished\"></translation>"
            replacement = rf"\g<1><translation>{html.escape(target, quote=False)}</translation>"
        text, n = re.subn(pattern, lambda m, r=replacement: m.expand(r), text)
        done += n
    return text, done


def main() -> int:
    text, done = apply(TS.read_text(encoding="utf-8"), TRANSLATIONS)
    TS.write_text(text, encoding="utf-8")
    print(f"{done} translation(s) filled in {TS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
