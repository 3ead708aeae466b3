"""The words for the codes the lower layers return (kiosk.domain.notice.Notice): applicant problems,
portal errors, submit refusals, scanner faults, the staff's health checks, image refusals and page warnings,
the card readers' results, hints and warnings. Vietnamese is the source text,
marked for lupdate; the English is in resources/translations/kiosk_en.ts (context "Texts"). ``{name}`` is a
parameter of the notice, filled in after translation. kiosk.ui.texts.say() is the one way to read this table.

tests/ui/test_notice_texts.py enumerates every code the lower layers can return and fails when one has
no words here, or no English.
"""

from __future__ import annotations

from typing import Final

from kiosk.ui.cli_texts import CLI_TEXTS
from kiosk.ui.i18n import QT_TRANSLATE_NOOP

_MISSING: Final = {
    "full_name": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập họ và tên."),
    "id_number": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập số định danh cá nhân (12 chữ số)."),
    "passport_number": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập số hộ chiếu."),
    "nationality": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập quốc tịch (mã 3 chữ cái trên hộ chiếu)."),
    "organisation_code": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập mã số doanh nghiệp / mã số thuế."),
    "representative_name": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập họ tên người đại diện."),
    "representative_id_number": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập số định danh của người đại diện."),
    "birth_year": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập năm sinh."),
    "issue_date": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập ngày cấp giấy tờ."),
    "issuing_body": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập cơ quan cấp giấy tờ."),
    "on_behalf_name": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập họ tên người được nộp thay."),
    "on_behalf_id_number": QT_TRANSLATE_NOOP("Texts", "Vui lòng nhập số định danh của người được nộp thay."),
}

_ID_DIGITS: Final = {
    "id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh phải gồm đúng 12 chữ số."),
    "on_behalf_id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh của người được nộp thay phải gồm đúng "
                                                      "12 chữ số."),
    "representative_id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh của người đại diện phải gồm đúng "
                                                           "12 chữ số."),
}

APPLICANT: Final[dict[str, str]] = {
    "applicant.unknown_kind": QT_TRANSLATE_NOOP("Texts", "Loại người nộp không hợp lệ."),
    "applicant.not_of_kind": QT_TRANSLATE_NOOP("Texts", "Thông tin này không thuộc loại người nộp đã chọn."),
    "applicant.name_too_long": QT_TRANSLATE_NOOP("Texts", "Họ tên quá dài."),
    "applicant.too_long": QT_TRANSLATE_NOOP("Texts", "Quá dài."),
    "applicant.bad_date": QT_TRANSLATE_NOOP("Texts", "Ngày không hợp lệ (năm-tháng-ngày, không sau hôm "
                                                     "nay)."),
    "applicant.same_person": QT_TRANSLATE_NOOP("Texts", "Người được nộp thay phải là người khác với người "
                                                        "nộp."),
    "applicant.passport_format": QT_TRANSLATE_NOOP("Texts", "Số hộ chiếu chỉ gồm chữ cái không dấu và chữ số "
                                                            "(5–20 ký tự)."),
    "applicant.nationality_code": QT_TRANSLATE_NOOP("Texts", "Quốc tịch phải là mã quốc gia trên hộ chiếu "
                                                             "(ví dụ USA, KOR, D)."),
    "applicant.mrz_name": QT_TRANSLATE_NOOP("Texts", "Họ tên ghi như trên hộ chiếu: chữ in hoa không dấu "
                                                     "(ví dụ JOHN SMITH)."),
    "applicant.organisation_code_format": QT_TRANSLATE_NOOP("Texts", "Mã số doanh nghiệp / mã số thuế gồm 10 "
                                                                     "chữ số, hoặc 13 chữ số dạng "
                                                                     "0123456789-001."),
    "applicant.birth_year": QT_TRANSLATE_NOOP("Texts", "Năm sinh không hợp lệ (4 chữ số)."),
    **{f"applicant.missing.{key}": text for key, text in _MISSING.items()},
    **{f"applicant.id_digits.{key}": text for key, text in _ID_DIGITS.items()},
}

PORTAL: Final[dict[str, str]] = {
    "portal.error": QT_TRANSLATE_NOOP("Texts", "Có lỗi khi làm việc với Cổng dịch vụ công. Hồ sơ của ông/bà "
                                               "vẫn được lưu an toàn trên máy."),
    "portal.unavailable": QT_TRANSLATE_NOOP("Texts", "Không kết nối được với Cổng dịch vụ công. Hồ sơ của "
                                                     "ông/bà vẫn được lưu an toàn và sẽ được gửi tự động khi "
                                                     "có kết nối."),
    "portal.bad_response": QT_TRANSLATE_NOOP("Texts", "Cổng dịch vụ công trả lời không đúng định dạng. Hồ sơ "
                                                      "của ông/bà vẫn được lưu an toàn và sẽ được gửi lại "
                                                      "sau."),
    "portal.rejected": QT_TRANSLATE_NOOP("Texts", "Cổng dịch vụ công chưa chấp nhận hồ sơ. Vui lòng liên hệ "
                                                  "cán bộ hỗ trợ để được hướng dẫn."),
    # The portal's own reason ({reason}) is its data, in Vietnamese: shown as it came, in both languages.
    "portal.rejected_with_reason": QT_TRANSLATE_NOOP("Texts", "Cổng dịch vụ công chưa chấp nhận hồ sơ. Vui "
                                                              "lòng liên hệ cán bộ hỗ trợ để được hướng "
                                                              "dẫn. Lý do: {reason}"),
    "portal.not_found": QT_TRANSLATE_NOOP("Texts", "Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại "
                                                   "mã "
                                                   "hồ sơ trên giấy biên nhận."),
    "portal.conflict": QT_TRANSLATE_NOOP("Texts", "Hồ sơ này trùng mã gửi với một hồ sơ khác đã nộp. Vui "
                                                  "lòng "
                                                  "liên hệ cán bộ hỗ trợ; hồ sơ của ông/bà vẫn được lưu trên "
                                                  "máy."),
    "portal.unauthorized": QT_TRANSLATE_NOOP("Texts", "Máy kiosk tạm thời chưa kết nối được với Cổng dịch vụ "
                                                      "công. Vui lòng liên hệ cán bộ hỗ trợ."),
    "portal.not_ready": QT_TRANSLATE_NOOP("Texts", "Hồ sơ của ông/bà đang được xử lý, chưa có kết quả. Vui "
                                                   "lòng quay lại sau."),
    "portal.expired": QT_TRANSLATE_NOOP("Texts", "Mã xác nhận đã hết hạn. Vui lòng lấy mã mới."),
}

SUBMIT: Final[dict[str, str]] = {
    "submit.unknown_procedure": QT_TRANSLATE_NOOP("Texts", "Thủ tục {procedure} không có trong danh mục của "
                                                           "Cổng dịch vụ công."),
    "submit.unknown_document": QT_TRANSLATE_NOOP("Texts", "Thủ tục {procedure} không có loại giấy tờ "
                                                          "{type_code}."),
    "submit.file_type": QT_TRANSLATE_NOOP("Texts", "Cổng dịch vụ công không nhận tệp {filename} "
                                                   "({content_type}); chỉ nhận PDF, JPEG hoặc PNG."),
    "submit.missing_documents": QT_TRANSLATE_NOOP("Texts", "Còn thiếu giấy tờ bắt buộc: {type_codes}."),
    "submit.no_postal_return": QT_TRANSLATE_NOOP("Texts", "Thủ tục {procedure} không trả kết quả qua bưu "
                                                          "chính."),
    "submit.no_pickup": QT_TRANSLATE_NOOP("Texts", "Thủ tục {procedure} không nhận hồ sơ giấy qua bưu chính "
                                                   "(không hẹn bưu tá được)."),
}

SCANNER: Final[dict[str, str]] = {
    "scanner.error": QT_TRANSLATE_NOOP("Texts", "Máy quét gặp lỗi. Vui lòng thử lại hoặc nhờ nhân viên hỗ "
                                                "trợ."),
    "scanner.jam": QT_TRANSLATE_NOOP("Texts", "Giấy bị kẹt trong máy quét. Vui lòng mở nắp, nhẹ nhàng lấy "
                                              "giấy ra rồi thử lại."),
    "scanner.feeder_empty": QT_TRANSLATE_NOOP("Texts", "Khay nạp giấy đang trống. Vui lòng đặt giấy tờ vào "
                                                       "khay rồi thử lại."),
    "scanner.cover_open": QT_TRANSLATE_NOOP("Texts", "Nắp máy quét đang mở. Vui lòng đóng nắp rồi thử lại."),
    "scanner.busy": QT_TRANSLATE_NOOP("Texts", "Máy quét đang bận. Vui lòng đợi một lát rồi thử lại."),
    "scanner.unavailable": QT_TRANSLATE_NOOP("Texts", "Không kết nối được với máy quét. Vui lòng nhờ nhân "
                                                      "viên hỗ trợ."),
    "scanner.cancelled": QT_TRANSLATE_NOOP("Texts", "Đã hủy quét."),
    "scanner.not_responding": QT_TRANSLATE_NOOP("Texts", "Máy quét không phản hồi. Các trang đã quét vẫn "
                                                         "được "
                                                         "giữ. Vui lòng thử lại hoặc nhờ nhân viên hỗ trợ."),
    # {detail} names the values the device does offer (option names, not words).
    "scanner.invalid_settings": QT_TRANSLATE_NOOP("Texts", "Máy quét không hỗ trợ thiết lập này: {detail}"),
}

GENERAL: Final[dict[str, str]] = {
    "unknown": QT_TRANSLATE_NOOP("Texts", "Có lỗi xảy ra. Xin nhờ nhân viên hỗ trợ."),
}

#: Decree 107 metadata problems of a document (kiosk.domain.documents).
METADATA: Final[dict[str, str]] = {
    "metadata.required": QT_TRANSLATE_NOOP("Texts", "Thiếu trường bắt buộc."),
    "metadata.required.document_type_code": QT_TRANSLATE_NOOP("Texts", "Thiếu mã loại giấy tờ."),
    "metadata.required.document_name": QT_TRANSLATE_NOOP("Texts", "Thiếu tên giấy tờ."),
    "metadata.required.summary": QT_TRANSLATE_NOOP("Texts", "Thiếu trích yếu nội dung."),
    "metadata.format": QT_TRANSLATE_NOOP("Texts", "Giá trị không hợp lệ."),
    "metadata.format.document_type_code": QT_TRANSLATE_NOOP("Texts", "Mã loại giấy tờ chỉ gồm chữ cái không "
                                                                     "dấu, chữ số, '-' và '_' (tối đa 50 ký "
                                                                     "tự)."),
    "metadata.format.owner_id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh cá nhân phải gồm đúng 12 chữ "
                                                                  "số."),
    "metadata.format.validity": QT_TRANSLATE_NOOP("Texts", "Thời hạn hiệu lực phải là một ngày hoặc 'vĩnh "
                                                           "viễn' (permanent)."),
    "metadata.format.sha256": QT_TRANSLATE_NOOP("Texts", "Mã băm SHA-256 phải gồm 64 chữ số hệ 16."),
    "metadata.required_with_identifier": QT_TRANSLATE_NOOP("Texts", "Thiếu tên chủ giấy tờ (người nước ngoài "
                                                                    "hoặc tổ chức)."),
    "metadata.required_without_id": QT_TRANSLATE_NOOP("Texts", "Chủ giấy tờ không có số định danh: cần họ "
                                                               "tên, năm sinh, ngày cấp và cơ quan cấp."),
    "metadata.range.owner_birth_year": QT_TRANSLATE_NOOP("Texts", "Năm sinh không hợp lệ."),
    "metadata.range.page_count": QT_TRANSLATE_NOOP("Texts", "Số trang phải từ 1 trở lên."),
    "metadata.range.sequence": QT_TRANSLATE_NOOP("Texts", "Số thứ tự giấy tờ phải từ 1 đến {max}."),
    "metadata.before_issue": QT_TRANSLATE_NOOP("Texts", "Ngày hết hiệu lực trước ngày cấp."),
    "metadata.naive_time": QT_TRANSLATE_NOOP("Texts", "Thời điểm số hóa phải có múi giờ."),
    "metadata.after_digitised": QT_TRANSLATE_NOOP("Texts", "Ngày cấp sau ngày số hóa."),
    "metadata.too_long": QT_TRANSLATE_NOOP("Texts", "Quá dài (tối đa {limit} ký tự)."),
    "metadata.control_characters": QT_TRANSLATE_NOOP("Texts", "Có ký tự điều khiển không hợp lệ."),
    "metadata.unknown_field": QT_TRANSLATE_NOOP("Texts", "Trường không được hỗ trợ."),
    "metadata.validity_unknown": QT_TRANSLATE_NOOP("Texts", "Chưa có ngày để tính thời hạn hiệu lực của giấy "
                                                            "tờ."),
}

#: Why the kiosk takes no new dossier now (kiosk.store.admission).
ADMISSION: Final[dict[str, str]] = {
    "admission.queue_too_large": QT_TRANSLATE_NOOP("Texts", "Máy đang có quá nhiều hồ sơ chưa gửi được nên "
                                                            "tạm ngừng nhận hồ sơ mới. Cán bộ hỗ trợ đã được "
                                                            "báo. Xin ông/bà vui lòng quay lại sau."),
    "admission.queue_too_old": QT_TRANSLATE_NOOP("Texts", "Máy chưa gửi được hồ sơ lên Cổng dịch vụ công "
                                                          "trong thời gian dài nên tạm ngừng nhận hồ sơ "
                                                          "mới. Cán bộ hỗ trợ đã được báo. Xin ông/bà vui "
                                                          "lòng quay lại sau."),
    "admission.catalogue_stale": QT_TRANSLATE_NOOP("Texts", "Danh mục thủ tục trên máy đã cũ, chưa cập nhật "
                                                            "được từ Cổng dịch vụ công nên tạm ngừng nhận hồ "
                                                            "sơ mới. Cán bộ hỗ trợ đã được báo. Xin ông/bà "
                                                            "vui lòng quay lại sau."),
}

#: The staff's device and readiness checks (kiosk.health, kiosk.doctor): the staff screen, `kiosk doctor`.
HEALTH: Final[dict[str, str]] = {
    "health.camera.cannot_open": QT_TRANSLATE_NOOP("Texts", "Không mở được ({spec}): {error}"),
    "health.camera.no_picture": QT_TRANSLATE_NOOP("Texts", "Mở được ({spec}) nhưng không có hình"),
    "health.camera.working": QT_TRANSLATE_NOOP("Texts", "Hoạt động ({spec}, {width}×{height})"),
    "health.scanner.not_used": QT_TRANSLATE_NOOP("Texts", "Không dùng máy quét tại kiosk này"),
    "health.scanner.no_sane": QT_TRANSLATE_NOOP("Texts", "Không dùng được SANE: {error}"),
    "health.scanner.none_attached": QT_TRANSLATE_NOOP("Texts", "Không thấy máy quét nào được cắm"),
    "health.scanner.not_found": QT_TRANSLATE_NOOP("Texts", "Không thấy {device}; có: {found}"),
    "health.scanner.ready": QT_TRANSLATE_NOOP("Texts", "Sẵn sàng: {device}"),
    "health.printer.dummy": QT_TRANSLATE_NOOP("Texts", "Máy in thử (dummy): phiếu không in ra giấy"),
    "health.printer.ready": QT_TRANSLATE_NOOP("Texts", "Sẵn sàng ({spec})"),
    "health.printer.cannot_write": QT_TRANSLATE_NOOP("Texts", "Không ghi được vào {path} (chưa cắm máy in?)"),
    "health.printer.cannot_connect": QT_TRANSLATE_NOOP("Texts", "Không kết nối được {target}: {error}"),
    "health.printer.reachable": QT_TRANSLATE_NOOP("Texts", "Kết nối được ({spec})"),
    "health.printer.bad_setting": QT_TRANSLATE_NOOP("Texts", "Cấu hình máy in không hợp lệ: {spec}"),
    "health.printer.not_found": QT_TRANSLATE_NOOP("Texts", "Không thấy máy in ({spec}): {error}"),
    "health.printer.out_of_paper": QT_TRANSLATE_NOOP("Texts", "Hết giấy"),
    "health.printer.paper_low": QT_TRANSLATE_NOOP("Texts", "Sắp hết giấy"),
    "health.portal.unreachable": QT_TRANSLATE_NOOP("Texts", "Không kết nối được: {error}"),
    "health.portal.connected": QT_TRANSLATE_NOOP("Texts", "Kết nối tốt"),
    "health.portal.status": QT_TRANSLATE_NOOP("Texts", "Cổng trả lời trạng thái {status}"),
    "health.disk.unreadable": QT_TRANSLATE_NOOP("Texts", "Không đọc được ổ đĩa: {error}"),
    "health.disk.nearly_full": QT_TRANSLATE_NOOP("Texts", "Sắp đầy: còn trống {free}"),
    "health.disk.low": QT_TRANSLATE_NOOP("Texts", "Còn ít chỗ: còn trống {free}"),
    "health.disk.ok": QT_TRANSLATE_NOOP("Texts", "Còn trống {free}"),
    "health.clock.synced": QT_TRANSLATE_NOOP("Texts", "{time}, đồng bộ NTP"),
    "health.clock.not_synced": QT_TRANSLATE_NOOP("Texts", "{time}, CHƯA đồng bộ NTP: kiểm tra giờ"),
    "health.clock.unknown": QT_TRANSLATE_NOOP("Texts", "{time}, không rõ đồng bộ NTP (timedatectl không trả "
                                                       "lời)"),
    "doctor.mode.not_enrolled": QT_TRANSLATE_NOOP("Texts", "Máy chưa được đăng ký (kiosk enrol)"),
    "doctor.mode.training": QT_TRANSLATE_NOOP("Texts", "Chế độ thử: {why}"),
    "doctor.mode.enrolled": QT_TRANSLATE_NOOP("Texts", "Đã đăng ký: {kiosk_id}"),
    "doctor.keys.missing": QT_TRANSLATE_NOOP("Texts", "Chưa có khóa dữ liệu trong {keyring} (kiosk enrol "
                                                      "hoặc kiosk keys init)"),
    "doctor.keys.broken": QT_TRANSLATE_NOOP("Texts", "Khóa dữ liệu lỗi: {error}"),
    "doctor.keys.file_readable": QT_TRANSLATE_NOOP("Texts", "Tệp khóa {path} để người khác đọc được"),
    "doctor.keys.ok": QT_TRANSLATE_NOOP("Texts", "Khóa dữ liệu {key_id}"),
    "doctor.database.cannot_open": QT_TRANSLATE_NOOP("Texts", "Không mở được cơ sở dữ liệu: {error}"),
    "doctor.database.ok": QT_TRANSLATE_NOOP("Texts", "Lược đồ {schema}"),
    "doctor.database.needs_upgrade": QT_TRANSLATE_NOOP("Texts", "Lược đồ {schema}, cần {head} (kiosk db "
                                                                "upgrade)"),
    "doctor.queue.broken": QT_TRANSLATE_NOOP("Texts", "Hàng đợi lỗi: {error}"),
    "doctor.queue.unreadable": QT_TRANSLATE_NOOP("Texts", "{count} hồ sơ không đọc được (mất khóa?); "
                                                          "{summary}"),
    "doctor.queue.failed": QT_TRANSLATE_NOOP("Texts", "{count} hồ sơ lỗi cần xử lý; {summary}"),
    "doctor.queue.old": QT_TRANSLATE_NOOP("Texts", "Hồ sơ chờ gửi đã {days} ngày; {summary}"),
    "doctor.queue.ok": QT_TRANSLATE_NOOP("Texts", "Hàng đợi: {summary}"),
    "doctor.queue.empty": QT_TRANSLATE_NOOP("Texts", "trống"),
}

#: Image files refused before decoding (kiosk.capture.image_limits); {source} is the file's name as shown.
#: The readiness report's headings and verdict (kiosk.doctor), printed ``Vietnamese / English``.
DOCTOR_REPORT: Final[dict[str, str]] = {
    "doctor.report.title": QT_TRANSLATE_NOOP("Texts", "Báo cáo sẵn sàng"),
    "doctor.report.check": QT_TRANSLATE_NOOP("Texts", "Kiểm tra"),
    "doctor.report.result": QT_TRANSLATE_NOOP("Texts", "Kết quả"),
    "doctor.report.ready": QT_TRANSLATE_NOOP("Texts", "SẴN SÀNG"),
    "doctor.report.not_ready": QT_TRANSLATE_NOOP("Texts", "CHƯA SẴN SÀNG"),
}

IMAGE: Final[dict[str, str]] = {
    "image.name_too_long": QT_TRANSLATE_NOOP("Texts", "Tên tệp quá dài ({length} ký tự)."),
    "image.name_control_chars": QT_TRANSLATE_NOOP("Texts", "Tên tệp chứa ký tự điều khiển."),
    "image.name_markup": QT_TRANSLATE_NOOP("Texts", "Tên tệp chứa ký tự đánh dấu (<, >, &…;)."),
    "image.not_found": QT_TRANSLATE_NOOP("Texts", "Không tìm thấy tệp ảnh: {source}"),
    # {error} is the operating system's reason (English), as it came.
    "image.unreadable": QT_TRANSLATE_NOOP("Texts", "Không đọc được tệp: {source} ({error})"),
    "image.folder": QT_TRANSLATE_NOOP("Texts", "Đây là thư mục, không phải tệp ảnh: {source}"),
    "image.empty": QT_TRANSLATE_NOOP("Texts", "Không đọc được ảnh (tệp rỗng): {source}"),
    "image.file_too_large": QT_TRANSLATE_NOOP("Texts", "Tệp quá lớn ({mb} MB, tối đa {limit} MB)."),
    # {detail} is Pillow's own reason (English), which says how many pixels the file claims.
    "image.bomb": QT_TRANSLATE_NOOP("Texts", "Ảnh quá lớn: {source} ({detail})"),
    "image.damaged": QT_TRANSLATE_NOOP("Texts", "Không đọc được ảnh (tệp hỏng hoặc không phải ảnh): "
                                                "{source}"),
    "image.no_pixels": QT_TRANSLATE_NOOP("Texts", "Ảnh không có điểm ảnh nào."),
    "image.too_large": QT_TRANSLATE_NOOP("Texts", "Ảnh quá lớn ({width}×{height} điểm ảnh; mỗi cạnh tối đa "
                                                  "{max_side})."),
    "image.too_small": QT_TRANSLATE_NOOP("Texts", "Ảnh quá nhỏ ({width}×{height} điểm ảnh; mỗi cạnh tối "
                                                  "thiểu {min_side})."),
    "image.shape": QT_TRANSLATE_NOOP("Texts", "Ảnh quá dài và hẹp ({width}×{height}): không phải ảnh chụp "
                                              "giấy tờ."),
    "image.megapixels": QT_TRANSLATE_NOOP("Texts", "Ảnh quá lớn ({width}×{height} = {megapixels} triệu điểm "
                                                   "ảnh)."),
    "image.cannot_decode": QT_TRANSLATE_NOOP("Texts", "Không giải mã được ảnh: {source} ({error})"),
    "image.truncated": QT_TRANSLATE_NOOP("Texts", "Tệp ảnh bị cắt cụt (không trọn vẹn): {source}"),
    "image.header_mismatch": QT_TRANSLATE_NOOP("Texts", "Ảnh không khớp với phần đầu tệp: {source}"),
}

#: `kiosk docscan` and the documents screen (kiosk.capture.docscan, doc_capture): errors, page warnings,
#: and the live camera's hints.
DOCSCAN: Final[dict[str, str]] = {
    "docscan.no_input": QT_TRANSLATE_NOOP("Texts", "Chưa có ảnh nào để số hóa."),
    "docscan.output_folder": QT_TRANSLATE_NOOP("Texts", "Không có thư mục để ghi tệp: {folder}"),
    "docscan.processing_failed": QT_TRANSLATE_NOOP("Texts", "Không xử lý được ảnh: {source} ({error})"),
    "docscan.write_failed": QT_TRANSLATE_NOOP("Texts", "Không ghi được tệp {source}: {reason}"),
    "page.no_page_found": QT_TRANSLATE_NOOP("Texts", "Không tìm thấy mép trang giấy: dùng toàn bộ ảnh."),
    "page.low_dpi": QT_TRANSLATE_NOOP("Texts", "Độ phân giải dưới 200 dpi: nên chụp lại gần hơn hoặc dùng "
                                               "máy quét."),
    "page.blank_page": QT_TRANSLATE_NOOP("Texts", "Trang này có vẻ để trống."),
    "page.orientation_uncertain": QT_TRANSLATE_NOOP("Texts", "Không chắc chiều của trang: hãy kiểm tra lại."),
    "page.page_folded": QT_TRANSLATE_NOOP("Texts", "Trang giấy có vẻ bị gấp hoặc chỉ chụp được một phần: hãy "
                                                   "trải phẳng và chụp lại, hoặc xác nhận chỉ cần một nửa "
                                                   "trang."),
    "page.live.no_page": QT_TRANSLATE_NOOP("Texts", "Đặt trang giấy dưới camera, mặt chữ lên trên."),
    "page.live.hold_still": QT_TRANSLATE_NOOP("Texts", "Đã thấy trang giấy. Giữ yên…"),
    "page.live.capture": QT_TRANSLATE_NOOP("Texts", "Đang chụp…"),
    "page.live.captured": QT_TRANSLATE_NOOP("Texts", "Đã chụp. Đặt trang tiếp theo, hoặc bấm Xong."),
}

#: The card readers (kiosk.capture.idcard_reader, mrz_reader, card_scan; kiosk.domain.idcard, mrz): what a
#: frame gave, and the live scan's hints between frames.
CARD: Final[dict[str, str]] = {
    "card.no_code_found": QT_TRANSLATE_NOOP("Texts", "Chưa thấy mã QR. Hãy đưa mặt có mã QR của thẻ căn "
                                                     "cước vào khung hình."),
    "card.code_unreadable": QT_TRANSLATE_NOOP("Texts", "Đã thấy mã QR nhưng chưa đọc được. Hãy giữ yên thẻ "
                                                       "và đưa lại gần hơn."),
    "card.not_an_id_card": QT_TRANSLATE_NOOP("Texts", "Mã QR này không phải mã trên thẻ căn cước. Hãy đưa "
                                                      "mã QR in trên thẻ căn cước."),
    "card.mrz_unreadable": QT_TRANSLATE_NOOP("Texts", "Đã thấy dòng chữ máy đọc (MRZ) nhưng chưa đọc chắc "
                                                      "chắn được. Hãy giữ yên thẻ."),
    "card.image_refused": QT_TRANSLATE_NOOP("Texts", "Ảnh này không được nhận (quá lớn, sai kích thước hoặc "
                                                     "tên tệp không hợp lệ)."),
    "card.unreadable_image": QT_TRANSLATE_NOOP("Texts", "Không mở được ảnh này (không phải ảnh hoặc tệp bị "
                                                        "hỏng)."),
    "card.read": QT_TRANSLATE_NOOP("Texts", "Đã đọc được thẻ căn cước."),
    "card.read_passport": QT_TRANSLATE_NOOP("Texts", "Đã đọc hộ chiếu (giấy tờ nước ngoài)."),
    "card.read_foreign": QT_TRANSLATE_NOOP("Texts", "Đã đọc giấy tờ nước ngoài."),
    "card.qr.not_an_id_card": QT_TRANSLATE_NOOP("Texts", "Mã này không phải mã của thẻ căn cước."),
    "card.qr.field_count": QT_TRANSLATE_NOOP("Texts", "Mã QR không đúng dạng mã trên thẻ căn cước (sai số "
                                                      "trường): hãy quét lại."),
    "card.qr.shifted": QT_TRANSLATE_NOOP("Texts", "Các trường trong mã QR bị lệch chỗ: hãy quét lại."),
    "card.hint.show_card": QT_TRANSLATE_NOOP("Texts", "Đặt thẻ căn cước vào khung hình, mặt có mã QR hướng "
                                                      "về camera."),
    "card.hint.hold_still": QT_TRANSLATE_NOOP("Texts", "Giữ yên thẻ trong giây lát…"),
    "card.hint.move_closer": QT_TRANSLATE_NOOP("Texts", "Đưa thẻ lại gần camera hơn."),
    "card.hint.show_other_side": QT_TRANSLATE_NOOP("Texts", "Hãy lật thẻ: mã QR nằm ở mặt bên kia."),
    "card.hint.not_an_id_card": QT_TRANSLATE_NOOP("Texts", "Mã QR này không phải của thẻ căn cước. Hãy đưa "
                                                           "mã QR in trên thẻ căn cước."),
    "card.hint.camera_problem": QT_TRANSLATE_NOOP("Texts", "Camera đang gặp sự cố. Vui lòng báo nhân viên "
                                                           "hỗ trợ."),
    "card.hint.fit_in_frame": QT_TRANSLATE_NOOP("Texts", "Đưa cả thẻ vào trong khung hình."),
    "card.hint.glare": QT_TRANSLATE_NOOP("Texts", "Hơi nghiêng thẻ để tránh bị loá sáng."),
    "card.hint.turn_to_qr": QT_TRANSLATE_NOOP("Texts", "Đã đọc mặt sau. Xin lật thẻ để máy đọc mặt có mã QR "
                                                       "(tên có dấu)."),
    "card.hint.accepted": QT_TRANSLATE_NOOP("Texts", "Đã đọc xong thẻ căn cước."),
    "card.hint.foreign_passport": QT_TRANSLATE_NOOP("Texts", "Đây là hộ chiếu (giấy tờ nước ngoài). Máy "
                                                             "đang đọc dải ký tự máy đọc…"),
    "card.hint.foreign_document": QT_TRANSLATE_NOOP("Texts", "Đây là giấy tờ tùy thân nước ngoài. Máy đang "
                                                             "đọc dải ký tự máy đọc…"),
    "card.hint.accepted_foreign": QT_TRANSLATE_NOOP("Texts", "Đã đọc xong giấy tờ nước ngoài."),
    "mrz.no_mrz_found": QT_TRANSLATE_NOOP("Texts", "Chưa thấy dải ký tự ở mặt sau thẻ. Hãy đưa mặt sau của "
                                                   "thẻ căn cước vào khung hình."),
    "mrz.mrz_unreadable": QT_TRANSLATE_NOOP("Texts", "Đã thấy dải ký tự nhưng chưa đọc được. Hãy giữ yên "
                                                     "thẻ, đưa lại gần và tránh lóa."),
    "mrz.read": QT_TRANSLATE_NOOP("Texts", "Đã đọc được dải ký tự mặt sau thẻ."),
    "mrz.error.card": QT_TRANSLATE_NOOP("Texts", "Không đọc được dải ký tự ở mặt sau thẻ. Hãy lau sạch thẻ "
                                                 "và thử lại."),
    "mrz.error.document": QT_TRANSLATE_NOOP("Texts", "Không đọc được dải ký tự máy đọc của giấy tờ."),
}

#: Things to check on a card that was read (kiosk.domain.identity_parts.ReadingWarning): never personal data.
READING: Final[dict[str, str]] = {
    "reading.text_encoding_repaired": QT_TRANSLATE_NOOP("Texts", "Mã QR được giải mã sai bảng mã và đã được "
                                                                 "sửa lại; hãy kiểm tra họ tên."),
    "reading.old_id_format": QT_TRANSLATE_NOOP("Texts", "Số CMND cũ trên thẻ không đúng dạng 9 chữ số."),
    "reading.bad_sex": QT_TRANSLATE_NOOP("Texts", "Giới tính trên thẻ không đọc được."),
    "reading.bad_issue_date": QT_TRANSLATE_NOOP("Texts", "Ngày cấp trên thẻ không đọc được."),
    "reading.issue_before_birth": QT_TRANSLATE_NOOP("Texts", "Ngày cấp trên thẻ sớm hơn ngày sinh."),
    "reading.suspect_text_encoding": QT_TRANSLATE_NOOP("Texts", "Họ tên hoặc địa chỉ có ký tự lạ; có thể mã "
                                                                "QR bị giải mã sai."),
    "reading.partial_date_of_birth": QT_TRANSLATE_NOOP("Texts", "Thẻ chỉ ghi năm sinh, không có ngày tháng."),
    "reading.bad_date_of_birth": QT_TRANSLATE_NOOP("Texts", "Ngày sinh trên thẻ không đọc được."),
    "reading.id_unknown_place_code": QT_TRANSLATE_NOOP("Texts", "Ba số đầu của số định danh không phải mã "
                                                                "tỉnh hay mã nước ngoài đã biết."),
    "reading.id_sex_mismatch": QT_TRANSLATE_NOOP("Texts", "Giới tính trong số định danh không khớp với giới "
                                                          "tính trên thẻ."),
    "reading.id_number_format": QT_TRANSLATE_NOOP("Texts", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
    "reading.id_century_mismatch": QT_TRANSLATE_NOOP("Texts", "Chữ số thế kỷ trong số định danh không khớp "
                                                              "với năm sinh."),
    "reading.id_year_mismatch": QT_TRANSLATE_NOOP("Texts", "Hai số năm sinh trong số định danh không khớp "
                                                           "với năm sinh."),
    "reading.mrz_repaired": QT_TRANSLATE_NOOP("Texts", "Dải ký tự mặt sau thẻ bị đọc sai một vài ký tự và "
                                                       "đã được sửa nhờ số kiểm tra."),
    "reading.mrz_name_uncertain": QT_TRANSLATE_NOOP("Texts", "Họ tên ở mặt sau thẻ có thể bị đọc sai; hãy "
                                                             "đối chiếu với mặt trước."),
    "reading.mrz_sex_from_id": QT_TRANSLATE_NOOP("Texts", "Không đọc được giới tính ở mặt sau thẻ; đã lấy "
                                                          "theo số định danh."),
    "reading.bad_date_of_birth_mrz": QT_TRANSLATE_NOOP("Texts", "Ngày sinh ở mặt sau thẻ không hợp lệ."),
    "reading.card_expired": QT_TRANSLATE_NOOP("Texts", "Thẻ đã hết hạn sử dụng."),
    "reading.unknown_state_code": QT_TRANSLATE_NOOP("Texts", "Mã quốc gia trên giấy tờ không có trong danh "
                                                             "mục."),
    "reading.crosscheck_id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh ở hai mặt thẻ không khớp nhau."),
    "reading.crosscheck_date_of_birth": QT_TRANSLATE_NOOP("Texts", "Ngày sinh ở hai mặt thẻ không khớp "
                                                                   "nhau."),
    "reading.crosscheck_sex": QT_TRANSLATE_NOOP("Texts", "Giới tính ở hai mặt thẻ không khớp nhau."),
    "reading.crosscheck_name": QT_TRANSLATE_NOOP("Texts", "Họ tên ở hai mặt thẻ không khớp nhau."),
    "reading.mrz_name_uncertain_foreign": QT_TRANSLATE_NOOP("Texts", "Họ tên trong dải ký tự có thể bị đọc "
                                                                     "sai; hãy đối chiếu với trang thông "
                                                                     "tin."),
    "reading.name_without_diacritics": QT_TRANSLATE_NOOP("Texts", "Tên được đọc từ mặt sau của thẻ nên "
                                                                  "không có dấu. Xin sửa lại tên cho đúng."),
}

#: The operator's lines of `kiosk idcard read` and `kiosk docscan` (kiosk.commands.capture), in the CLI's
#: language (KIOSK_CLI_LANG). {message} is a notice already in words; the rest is data.
CLI: Final[dict[str, str]] = {
    "cli.idcard.failed": QT_TRANSLATE_NOOP("Texts", "{file}: KHÔNG ĐỌC ĐƯỢC — {message} ({elapsed})"),
    "cli.idcard.read": QT_TRANSLATE_NOOP("Texts", "{file}: đọc được ({source}, {elapsed}) — {fields}"),
    "cli.idcard.document": QT_TRANSLATE_NOOP("Texts", "{file}: {message} ({format}, {elapsed}) — Số giấy "
                                                      "tờ {number} · Nơi cấp {state} · Quốc tịch "
                                                      "{nationality} · Họ tên {name} · Ngày sinh {birth} · "
                                                      "Có giá trị đến {expiry}"),
    "cli.idcard.id_number": QT_TRANSLATE_NOOP("Texts", "Số định danh {value}"),
    "cli.idcard.full_name": QT_TRANSLATE_NOOP("Texts", "Họ tên {value}"),
    "cli.idcard.date_of_birth": QT_TRANSLATE_NOOP("Texts", "Ngày sinh {value}"),
    "cli.idcard.sex": QT_TRANSLATE_NOOP("Texts", "Giới tính {value}"),
    "cli.idcard.old_id_number": QT_TRANSLATE_NOOP("Texts", "CMND {value}"),
    "cli.idcard.address": QT_TRANSLATE_NOOP("Texts", "Nơi thường trú {value}"),
    "cli.idcard.issue_date": QT_TRANSLATE_NOOP("Texts", "Ngày cấp {value}"),
    "cli.idcard.expiry_date": QT_TRANSLATE_NOOP("Texts", "Có giá trị đến {value}"),
    "cli.docscan.page": QT_TRANSLATE_NOOP("Texts", "trang {number}: {source} → {width}×{height} px, {dpi} "
                                                   "dpi thực, {kb} KB, {ms} ms"),
    "cli.docscan.blank": QT_TRANSLATE_NOOP("Texts", " (trống)"),
    "cli.docscan.left_out": QT_TRANSLATE_NOOP("Texts", "    ! bỏ qua {source}: {message}"),
    "cli.docscan.done": QT_TRANSLATE_NOOP("Texts", "{output}: {pages} trang, {kb} KB"),
}

#: The paper receipt (kiosk.receipts.model), printed in both languages, Vietnamese first; the kinds of
#: applicant and their identifiers (kiosk.domain.applicant), as the review screen says them.
RECEIPT: Final[dict[str, str]] = {
    "receipt.title": QT_TRANSLATE_NOOP("Texts", "PHIẾU TIẾP NHẬN HỒ SƠ"),
    "receipt.reprint": QT_TRANSLATE_NOOP("Texts", "BẢN IN LẠI"),
    "receipt.reprinted_at": QT_TRANSLATE_NOOP("Texts", "BẢN IN LẠI lúc {when}"),
    "receipt.label.dossier_code": QT_TRANSLATE_NOOP("Texts", "Mã hồ sơ"),
    "receipt.label.procedure": QT_TRANSLATE_NOOP("Texts", "Thủ tục"),
    "receipt.label.applicant": QT_TRANSLATE_NOOP("Texts", "Người nộp"),
    "receipt.label.applicant_kind": QT_TRANSLATE_NOOP("Texts", "Loại người nộp"),
    "receipt.label.on_behalf": QT_TRANSLATE_NOOP("Texts", "Nộp thay cho"),
    "receipt.label.fee": QT_TRANSLATE_NOOP("Texts", "Lệ phí"),
    "receipt.label.result": QT_TRANSLATE_NOOP("Texts", "Nhận kết quả"),
    "receipt.label.postage": QT_TRANSLATE_NOOP("Texts", "Cước chuyển phát"),
    "receipt.label.date": QT_TRANSLATE_NOOP("Texts", "Thời gian"),
    "receipt.label.staff": QT_TRANSLATE_NOOP("Texts", "Nhân viên hỗ trợ"),
    "receipt.free": QT_TRANSLATE_NOOP("Texts", "miễn phí"),
    "receipt.delivery.online": QT_TRANSLATE_NOOP("Texts", "Trực tuyến, trong tài khoản Cổng Dịch vụ công"),
    "receipt.delivery.counter": QT_TRANSLATE_NOOP("Texts", "Tại quầy"),
    "receipt.delivery.counter_at": QT_TRANSLATE_NOOP("Texts", "Tại quầy: {counter}"),
    "receipt.delivery.post": QT_TRANSLATE_NOOP("Texts", "Bưu điện chuyển phát tận nhà"),
    "receipt.delivery.home_pickup": QT_TRANSLATE_NOOP("Texts", "Bưu điện đến nhận hồ sơ tại nhà"),
    "receipt.postage.at_post_rate": QT_TRANSLATE_NOOP("Texts", "theo giá bưu điện"),
    "receipt.postage.cash_on_delivery": QT_TRANSLATE_NOOP("Texts", "trả bưu tá khi nhận (COD)"),
    "receipt.postage.with_fee": QT_TRANSLATE_NOOP("Texts", "đã nộp cùng lệ phí (VietQR)"),
    "receipt.status_help": QT_TRANSLATE_NOOP("Texts", "Tra cứu hồ sơ: quét mã QR này tại bất kỳ kiosk nào, "
                                                      "hoặc nhập mã hồ sơ tại {portal}."),
    "receipt.keep": QT_TRANSLATE_NOOP("Texts", "Giữ phiếu này đến khi nhận kết quả."),
    "applicant.kind.citizen": QT_TRANSLATE_NOOP("Texts", "Công dân Việt Nam"),
    "applicant.kind.foreigner": QT_TRANSLATE_NOOP("Texts", "Người nước ngoài"),
    "applicant.kind.organisation": QT_TRANSLATE_NOOP("Texts", "Tổ chức / doanh nghiệp"),
    "applicant.kind.no_id": QT_TRANSLATE_NOOP("Texts", "Người chưa có số định danh"),
    "applicant.kind.representative": QT_TRANSLATE_NOOP("Texts", "Nộp thay người thân"),
    "applicant.identifier.citizen": QT_TRANSLATE_NOOP("Texts", "Số định danh"),
    "applicant.identifier.foreigner": QT_TRANSLATE_NOOP("Texts", "Số hộ chiếu"),
    "applicant.identifier.organisation": QT_TRANSLATE_NOOP("Texts", "Mã số doanh nghiệp"),
    "applicant.identifier.no_id": QT_TRANSLATE_NOOP("Texts", "Năm sinh"),
    "applicant.identifier.representative": QT_TRANSLATE_NOOP("Texts", "Số định danh người nộp"),
}

#: Under a form field: what is wrong with the answer (kiosk.portal.forms reason codes).
FORM: Final[dict[str, str]] = {
    "form.required": QT_TRANSLATE_NOOP("Texts", "Xin điền mục này."),
    "form.number": QT_TRANSLATE_NOOP("Texts", "Xin nhập một số."),
    "form.min": QT_TRANSLATE_NOOP("Texts", "Số này nhỏ quá."),
    "form.max": QT_TRANSLATE_NOOP("Texts", "Số này lớn quá."),
    "form.date": QT_TRANSLATE_NOOP("Texts", "Ngày chưa đúng (ngày/tháng/năm)."),
    "form.choice": QT_TRANSLATE_NOOP("Texts", "Xin chọn một mục trong danh sách."),
    "form.too_long": QT_TRANSLATE_NOOP("Texts", "Nội dung dài quá."),
    "form.format": QT_TRANSLATE_NOOP("Texts", "Nội dung chưa đúng định dạng."),
    "form.phone": QT_TRANSLATE_NOOP("Texts", "Số điện thoại chưa đúng (10 chữ số, bắt đầu bằng 0)."),
}

#: A document's own details the documents screen asks for, and how long it is valid
#: (kiosk.sync.component_files).
DOCUMENT: Final[dict[str, str]] = {
    "document.entry.number_field": QT_TRANSLATE_NOOP("Texts", "Số, ký hiệu của giấy tờ"),
    "document.entry.issue_date_field": QT_TRANSLATE_NOOP("Texts", "Ngày cấp / ngày ký"),
    "document.entry.issuing_body_field": QT_TRANSLATE_NOOP("Texts", "Cơ quan cấp"),
    "document.entry.signer_field": QT_TRANSLATE_NOOP("Texts", "Người ký"),
    "document.entry.validity_field": QT_TRANSLATE_NOOP("Texts", "Có hiệu lực đến ngày"),
    "document.validity.unknown": QT_TRANSLATE_NOOP("Texts", "chưa rõ (cần ngày)"),
    "document.validity.permanent": QT_TRANSLATE_NOOP("Texts", "vĩnh viễn"),
    "document.validity.until": QT_TRANSLATE_NOOP("Texts", "đến {date}"),
}

#: Every code's source text, the table kiosk.ui.texts.say reads.
NOTICE_TEXTS: Final[dict[str, str]] = {**GENERAL, **APPLICANT, **PORTAL, **SUBMIT, **SCANNER, **METADATA,
                                       **ADMISSION, **HEALTH, **IMAGE, **DOCSCAN, **CARD,
                                       **READING, **CLI, **RECEIPT, **CLI_TEXTS, **FORM, **DOCTOR_REPORT,
                                       **DOCUMENT}
