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
