"""Words the view-models put on screen that do not come from the portal or the card reader: the one text
pipeline of the UI.

Python and QML share one catalogue: resources/translations/kiosk_<lang>.ts (compiled to .qm). QML marks its
strings with qsTr; Python marks them with ``QT_TRANSLATE_NOOP(CONTEXT, "…")`` (lupdate finds both), and
`tr(source, lang)` / `pick(source, lang)` look them up for the session's language (kiosk.ui.i18n). The
Vietnamese is the source text (NFC, with its diacritics); English is a translation, and
tests/ui/test_translations.py fails when a source string has none.

The lower layers (domain, capture, portal, sync) choose no words: they return a code and its parameters
(kiosk.domain.notice.Notice) and `say(notice, lang)` puts it in words from kiosk.ui.notice_texts — for the
screen, the CLI (kiosk.commands) and speech alike.

A ``(vi, en)`` pair (`Bilingual`) is still accepted by `pick` for text that arrives as data in both
languages — the portal's catalogue, the guides' JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from kiosk.capture.card_scan import hint_notice
from kiosk.domain.notice import Notice
from kiosk.ui.i18n import QT_TRANSLATE_NOOP, translate
from kiosk.ui.notice_texts import NOTICE_TEXTS

log = logging.getLogger(__name__)

Bilingual = tuple[str, str]
#: What `pick` takes: a catalogue source string, or a pair (data, lower layers, modules not moved yet).
Text = Bilingual | str
#: The catalogue context of every string marked in Python (QML's contexts are its file names).
CONTEXT = "Texts"


APPLICANT_LABELS: dict[str, str] = {
    "full_name": QT_TRANSLATE_NOOP("Texts", "Họ, chữ đệm và tên"),
    "id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh cá nhân"),
    "date_of_birth": QT_TRANSLATE_NOOP("Texts", "Ngày sinh"),
    "sex": QT_TRANSLATE_NOOP("Texts", "Giới tính"),
    "address": QT_TRANSLATE_NOOP("Texts", "Nơi thường trú"),
}

SEX_TEXT: dict[str, str] = {"M": QT_TRANSLATE_NOOP("Texts", "Nam"), "F": QT_TRANSLATE_NOOP("Texts", "Nữ")}

MESSAGES: dict[str, str] = {
    "needs_consent": QT_TRANSLATE_NOOP("Texts", "Xin đánh dấu ô đồng ý trước khi gửi hồ sơ."),
    "missing_fields": QT_TRANSLATE_NOOP("Texts", "Xin điền đủ các mục còn trống."),
    "form_has_errors": QT_TRANSLATE_NOOP("Texts", "Một số mục cần sửa. Chạm vào tên mục trong khung đỏ ở "
                                                  "đầu trang để tới ô đó."),
    "catalogue_loading": QT_TRANSLATE_NOOP("Texts", "Đang tải danh sách thủ tục…"),
    "queued_offline": QT_TRANSLATE_NOOP("Texts", "Chưa kết nối được Cổng dịch vụ công. Hồ sơ đã được lưu an "
                                                 "toàn và sẽ tự động "
                       "gửi khi có mạng."),
    "staff_called": QT_TRANSLATE_NOOP("Texts", "Máy này chưa tự gọi được nhân viên đến. Xin nhờ nhân viên "
                                               "tại quầy gần nhất."),
    "save_failed": QT_TRANSLATE_NOOP("Texts", "Không lưu được hồ sơ trên máy. Xin báo nhân viên hỗ trợ; "
                                              "không có gì được gửi đi."),
    "no_fee": QT_TRANSLATE_NOOP("Texts", "Miễn phí"),
    "amount": QT_TRANSLATE_NOOP("Texts", "{amount} đồng"),
}

#: Single words and short phrases the view-models build lines from.
WORDS: dict[str, str] = {
    "if_any": QT_TRANSLATE_NOOP("Texts", " (nếu có)"),
    "yes": QT_TRANSLATE_NOOP("Texts", "Có"),
    "no": QT_TRANSLATE_NOOP("Texts", "Không"),
    "attached_document": QT_TRANSLATE_NOOP("Texts", "Giấy tờ đính kèm"),
    "one_page": QT_TRANSLATE_NOOP("Texts", "1 trang"),
    "pages": QT_TRANSLATE_NOOP("Texts", "{count} trang"),
    "delivery_online": QT_TRANSLATE_NOOP("Texts", "Nhận kết quả trực tuyến (trên Cổng dịch vụ công)"),
    "delivery_counter": QT_TRANSLATE_NOOP("Texts", "Nhận tại bộ phận một cửa"),
    "delivery_post": QT_TRANSLATE_NOOP("Texts", "Gửi qua bưu điện tới: {where}"),
    "delivery_express": QT_TRANSLATE_NOOP("Texts", "Gửi qua chuyển phát nhanh tới: {where}"),
    "delivery_pickup": QT_TRANSLATE_NOOP("Texts", "Bưu điện đến nhận hồ sơ tại: {where}"),
}


# Pseudo-translation of the texts built in Python (QML strings go through Qt's translator): set by the
# window while pseudo mode is on, so overflow from these texts shows in screenshots too.
_pseudo: Callable[[str], str] | None = None


def set_pseudo(transform: Callable[[str], str] | None) -> None:
    global _pseudo
    _pseudo = transform


def tr(source: str, lang: str) -> str:
    """`source` (Vietnamese, marked with QT_TRANSLATE_NOOP(CONTEXT, …)) in `lang`, from the catalogue."""
    text = translate(CONTEXT, source, lang)
    return _pseudo(text) if _pseudo is not None else text


def pick(text: Text, lang: str) -> str:
    """A catalogue source string (see `tr`), or a (vi, en) pair that came as data or from a lower layer."""
    if isinstance(text, str):
        return tr(text, lang)
    chosen = text[0] if lang.startswith("vi") else text[1]
    return _pseudo(chosen) if _pseudo is not None else chosen


class _Params(dict[str, object]):
    """A missing parameter shows as its name rather than failing: a wrong sentence beats no sentence."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def say(notice: Notice, lang: str) -> str:
    """What a lower layer reported (a code and its parameters, kiosk.domain.notice) in `lang`: the one
    place codes become words, for the screen, the CLI and speech alike. An unknown code (a newer lower
    layer than this catalogue) says the generic "something went wrong" rather than the code."""
    source = NOTICE_TEXTS.get(notice.code)
    if source is None:
        log.warning("no words for notice %s", notice.code)
        source = NOTICE_TEXTS["portal.error" if notice.code.startswith("portal.") else "scanner.error"
                              if notice.code.startswith("scanner.") else "unknown"]
    return tr(source, lang).format_map(_Params(notice.params))


def say_all(notices: Iterable[Notice], lang: str) -> str:
    return " ".join(say(notice, lang) for notice in notices)


def message(key: str, lang: str) -> str:
    """A sentence for the citizen (kiosk.ui.context.KioskContext.tell shows it)."""
    return tr(MESSAGES[key], lang)


def word(key: str, lang: str, count: int | None = None) -> str:
    """A word or phrase from WORDS; `count` picks the singular or plural and fills ``{count}``."""
    if count is not None:
        return tr(WORDS["one_page" if count == 1 else key], lang).format(count=count)
    return tr(WORDS[key], lang)


def if_any(lang: str) -> str:
    return word("if_any", lang)


def yes_no(value: bool, lang: str) -> str:
    return word("yes" if value else "no", lang)


def applicant_label(name: str, lang: str) -> str:
    return tr(APPLICANT_LABELS[name], lang)


def sex_text(value: str, lang: str) -> str:
    """"M"/"F" as people say it; anything else unchanged."""
    return tr(SEX_TEXT[value], lang) if value in SEX_TEXT else value


def card_hint(code: str, lang: str) -> str:
    """What the card reader tells the citizen (kiosk.capture.card_scan's hint codes)."""
    return say(hint_notice(code), lang)


def plain_date(value: str) -> str:
    """An ISO date (1989-07-15) as people write it (15/07/1989); anything else unchanged."""
    parts = value.split("-") if isinstance(value, str) else []
    if len(parts) == 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return value


def money(vnd: int, lang: str) -> str:
    if vnd <= 0:
        return tr(MESSAGES["no_fee"], lang)
    grouped = f"{vnd:,}".replace(",", ".")  # Vietnamese groups thousands with dots
    return tr(MESSAGES["amount"], lang).format(amount=grouped)
