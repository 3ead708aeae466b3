"""Words the view-models put on screen that do not come from the portal or the card reader.

QML's own strings go through qsTr and the .ts files; these are chosen by the session's language.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.capture.card_scan import HINTS

Bilingual = tuple[str, str]

APPLICANT_LABELS: dict[str, Bilingual] = {
    "full_name": ("Họ, chữ đệm và tên", "Full name"),
    "id_number": ("Số định danh cá nhân", "Personal ID number"),
    "date_of_birth": ("Ngày sinh", "Date of birth"),
    "sex": ("Giới tính", "Sex"),
    "address": ("Nơi thường trú", "Place of residence"),
}

SEX_TEXT: dict[str, Bilingual] = {"M": ("Nam", "Male"), "F": ("Nữ", "Female")}

MESSAGES: dict[str, Bilingual] = {
    "needs_consent": ("Xin đánh dấu ô đồng ý trước khi gửi hồ sơ.",
                      "Please tick the consent box before sending the dossier."),
    "missing_fields": ("Xin điền đủ các mục còn trống.", "Please fill in the empty fields."),
    "form_has_errors": ("Một số mục cần sửa. Chạm vào tên mục trong khung đỏ ở đầu trang để tới ô đó.",
                        "Some answers need attention. Touch a name in the red box at the top to go to it."),
    "catalogue_loading": ("Đang tải danh sách thủ tục…", "Loading the list of procedures…"),
    "queued_offline": ("Chưa kết nối được Cổng dịch vụ công. Hồ sơ đã được lưu an toàn và sẽ tự động "
                       "gửi khi có mạng.",
                       "The portal cannot be reached right now. Your dossier is stored safely and will "
                       "be sent automatically when the connection returns."),
    "staff_called": ("Máy này chưa tự gọi được nhân viên đến. Xin nhờ nhân viên tại quầy gần nhất.",
                     "This kiosk cannot page staff yet. Please ask at the nearest counter."),
    "save_failed": ("Không lưu được hồ sơ trên máy. Xin báo nhân viên hỗ trợ; không có gì được gửi đi.",
                    "The dossier could not be saved on this kiosk. Please call staff; nothing was sent."),
    "no_fee": ("Miễn phí", "Free of charge"),
}

#: Single words and short phrases the view-models build lines from.
WORDS: dict[str, Bilingual] = {
    "if_any": (" (nếu có)", " (if any)"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "attached_document": ("Giấy tờ đính kèm", "Attached document"),
    "one_page": ("{count} trang", "{count} page"),
    "pages": ("{count} trang", "{count} pages"),
    "delivery_online": ("Nhận kết quả trực tuyến (trên Cổng dịch vụ công)", "Online (on the portal)"),
    "delivery_counter": ("Nhận tại bộ phận một cửa", "At the one-stop counter"),
    "delivery_post": ("Gửi qua bưu điện tới: {where}", "By post to: {where}"),
    "delivery_express": ("Gửi qua chuyển phát nhanh tới: {where}", "By express post to: {where}"),
    "delivery_pickup": ("Bưu điện đến nhận hồ sơ tại: {where}", "The postman collects it at: {where}"),
}


# Pseudo-translation of the texts built in Python (QML strings go through Qt's translator): set by the
# window while pseudo mode is on, so overflow from these texts shows in screenshots too.
_pseudo: Callable[[str], str] | None = None


def set_pseudo(transform: Callable[[str], str] | None) -> None:
    global _pseudo
    _pseudo = transform


def pick(text: Bilingual, lang: str) -> str:
    chosen = text[0] if lang.startswith("vi") else text[1]
    return _pseudo(chosen) if _pseudo is not None else chosen


def message(key: str, lang: str) -> str:
    """A sentence for the citizen (kiosk.ui.context.KioskContext.tell shows it)."""
    return pick(MESSAGES[key], lang)


def word(key: str, lang: str, count: int | None = None) -> str:
    """A word or phrase from WORDS; `count` picks the singular or plural and fills ``{count}``."""
    if count is not None:
        return pick(WORDS["one_page" if count == 1 else key], lang).format(count=count)
    return pick(WORDS[key], lang)


def if_any(lang: str) -> str:
    return word("if_any", lang)


def yes_no(value: bool, lang: str) -> str:
    return word("yes" if value else "no", lang)


def applicant_label(name: str, lang: str) -> str:
    return pick(APPLICANT_LABELS[name], lang)


def sex_text(value: str, lang: str) -> str:
    """"M"/"F" as people say it; anything else unchanged."""
    return pick(SEX_TEXT[value], lang) if value in SEX_TEXT else value


def card_hint(code: str, lang: str) -> str:
    """What the card reader tells the citizen (kiosk.capture.card_scan's hint codes)."""
    return pick(HINTS.get(code, HINTS["show_card"]), lang)


def plain_date(value: str) -> str:
    """An ISO date (1989-07-15) as people write it (15/07/1989); anything else unchanged."""
    parts = value.split("-") if isinstance(value, str) else []
    if len(parts) == 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return value


def money(vnd: int, lang: str) -> str:
    if vnd <= 0:
        return pick(MESSAGES["no_fee"], lang)
    grouped = f"{vnd:,}".replace(",", ".")  # Vietnamese groups thousands with dots
    return f"{grouped} đồng" if lang.startswith("vi") else f"{grouped} VND"
