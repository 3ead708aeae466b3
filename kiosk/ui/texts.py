"""Words the view-models put on screen that do not come from the portal or the card reader.

QML's own strings go through qsTr and the .ts files; these are chosen by the session's language.
"""

from __future__ import annotations

from collections.abc import Callable

Bilingual = tuple[str, str]

APPLICANT_LABELS: dict[str, Bilingual] = {
    "full_name": ("Họ, chữ đệm và tên", "Full name"),
    "id_number": ("Số định danh cá nhân", "Personal ID number"),
    "date_of_birth": ("Ngày sinh (năm-tháng-ngày)", "Date of birth (year-month-day)"),
    "sex": ("Giới tính (M = Nam, F = Nữ)", "Sex (M = male, F = female)"),
    "address": ("Nơi thường trú", "Place of residence"),
}

SEX_TEXT: dict[str, Bilingual] = {"M": ("Nam", "Male"), "F": ("Nữ", "Female")}

MESSAGES: dict[str, Bilingual] = {
    "needs_consent": ("Xin đánh dấu ô đồng ý trước khi gửi hồ sơ.",
                      "Please tick the consent box before sending the dossier."),
    "missing_fields": ("Xin điền đủ các mục còn trống.", "Please fill in the empty fields."),
    "form_has_errors": ("Một số mục chưa đúng, xin xem các dòng màu đỏ.",
                        "Some answers need attention: see the lines in red."),
    "catalogue_loading": ("Đang tải danh sách thủ tục…", "Loading the list of procedures…"),
    "queued_offline": ("Chưa kết nối được Cổng dịch vụ công. Hồ sơ đã được lưu an toàn và sẽ tự động "
                       "gửi khi có mạng.",
                       "The portal cannot be reached right now. Your dossier is stored safely and will "
                       "be sent automatically when the connection returns."),
    "staff_called": ("Đã gọi nhân viên. Xin vui lòng chờ trong giây lát.",
                     "A member of staff has been called. Please wait a moment."),
    "save_failed": ("Không lưu được hồ sơ trên máy. Xin báo nhân viên hỗ trợ; không có gì được gửi đi.",
                    "The dossier could not be saved on this kiosk. Please call staff; nothing was sent."),
    "no_fee": ("Miễn phí", "Free of charge"),
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


def money(vnd: int, lang: str) -> str:
    if vnd <= 0:
        return pick(MESSAGES["no_fee"], lang)
    grouped = f"{vnd:,}".replace(",", ".")  # Vietnamese groups thousands with dots
    return f"{grouped} đồng" if lang.startswith("vi") else f"{grouped} VND"
