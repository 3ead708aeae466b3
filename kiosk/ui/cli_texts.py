"""The words of the operator's command line (kiosk.commands) and of the storage errors it reports: part of
the one catalogue (kiosk.ui.notice_texts merges this table), Vietnamese source marked for lupdate, English in
resources/translations/kiosk_en.ts. kiosk.commands.words says them: `say` in the CLI's language
(KIOSK_CLI_LANG), `both` as "Vietnamese / English" where an operator line has always carried both.
"""

from __future__ import annotations

from typing import Final

from kiosk.ui.i18n import QT_TRANSLATE_NOOP

#: The kiosk's own storage and settings refused (kiosk.store, kiosk.app, kiosk.portal.auth): `.notice`.
STORAGE: Final[dict[str, str]] = {
    "storage.failed": QT_TRANSLATE_NOOP("Texts", "Máy không lưu được hồ sơ vào bộ nhớ. Các hồ sơ đã lưu "
                                                 "trước đó vẫn an toàn. Vui lòng báo cán bộ hỗ trợ."),
    "storage.full": QT_TRANSLATE_NOOP("Texts", "Bộ nhớ của máy đã đầy nên chưa lưu được hồ sơ mới. Các hồ "
                                               "sơ đã lưu trước đó vẫn an toàn. Vui lòng báo cán bộ hỗ trợ."),
    "storage.database_unusable": QT_TRANSLATE_NOOP("Texts", "Không mở được cơ sở dữ liệu của máy (tệp bị "
                                                            "hỏng hoặc không đọc được). Vui lòng báo cán "
                                                            "bộ kỹ thuật; không xóa thư mục dữ liệu."),
    "portal.insecure_url": QT_TRANSLATE_NOOP("Texts", "Địa chỉ Cổng dịch vụ công phải dùng https:// (chỉ "
                                                      "cho phép http:// với máy này, 127.0.0.1 hoặc "
                                                      "localhost)."),
}

#: `kiosk outbox`, `keys rotate`, `dossier create`, `portal enrol`, `staff`, `run`.
COMMANDS: Final[dict[str, str]] = {
    "cli.outbox.empty": QT_TRANSLATE_NOOP("Texts", "(hàng đợi trống)"),
    "cli.outbox.no_entry": QT_TRANSLATE_NOOP("Texts", "không có mục {entry}"),
    # {reason} is the store's own (English) explanation, for the technician.
    "cli.outbox.no_retry": QT_TRANSLATE_NOOP("Texts", "mục này không cần gửi lại ({reason})"),
    "cli.outbox.queued_again": QT_TRANSLATE_NOOP("Texts", "mục {entry}: đã đưa lại vào hàng đợi (số lần đã "
                                                          "thử: {attempts})"),
    "cli.outbox.would_purge": QT_TRANSLATE_NOOP("Texts", "sẽ xóa: {dossiers} hồ sơ, {events} sự kiện nhật "
                                                         "ký quá hạn lưu"),
    "cli.outbox.purged": QT_TRANSLATE_NOOP("Texts", "đã xóa: {dossiers} hồ sơ, {events} sự kiện nhật ký "
                                                    "quá hạn lưu, {files} tệp"),
    "cli.keys.rotated": QT_TRANSLATE_NOOP("Texts", "khóa dữ liệu mới: {key_id} (khóa cũ vẫn giữ trong "
                                                   "keyring: {old}); đã mã hóa lại {payloads} hồ sơ, "
                                                   "{records} bản ghi giấy tờ, {files} tệp"),
    "cli.dossier.no_catalogue": QT_TRANSLATE_NOOP("Texts", "chưa có danh mục thủ tục trên máy (chạy máy "
                                                           "hoặc `kiosk worker` khi có mạng)."),
    # {error} is the address parser's own (English) reason.
    "cli.dossier.bad_address": QT_TRANSLATE_NOOP("Texts", "địa chỉ nhận kết quả chưa dùng được ({error}); "
                                                          "hãy ghi --address \"số nhà đường, xã/phường, "
                                                          "tỉnh/thành\"."),
    "cli.dossier.queued": QT_TRANSLATE_NOOP("Texts", "đã xếp hàng: mục {entry}, hồ sơ {dossier}, khóa {key}"),
    "cli.portal.no_secret": QT_TRANSLATE_NOOP("Texts", "chưa có mã bí mật"),
    "cli.portal.enrol_failed": QT_TRANSLATE_NOOP("Texts", "không đăng ký được máy với Cổng: {error}"),
    "cli.portal.enrolled": QT_TRANSLATE_NOOP("Texts", "máy {kiosk} đã đăng ký với Cổng {url}"),
    "cli.staff.pin_again": QT_TRANSLATE_NOOP("Texts", "PIN (nhập lại): "),
    "cli.run.no_display": QT_TRANSLATE_NOOP("Texts", "không có màn hình để mở cửa sổ kiosk (chưa đặt "
                                                     "DISPLAY hay WAYLAND_DISPLAY)."),
    "cli.run.try_demo": QT_TRANSLATE_NOOP("Texts", "Chạy thử toàn bộ quy trình không cần màn hình:"),
    "cli.run.try_xvfb": QT_TRANSLATE_NOOP("Texts", "Hoặc mở cửa sổ trên màn hình ảo:"),
}

CLI_TEXTS: Final[dict[str, str]] = {**STORAGE, **COMMANDS}
