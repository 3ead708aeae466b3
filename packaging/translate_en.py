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
    "Đánh giá thêm (không bắt buộc):": "A little more, if you like:",
    "Dễ tìm đến và dễ dùng": "Easy to find and to use",
    "Thủ tục, giấy tờ rõ ràng": "Clear procedure and papers",
    "Được hướng dẫn, giúp đỡ": "Guidance and help",
    "Thời gian làm thủ tục": "Time it took",
    "In lại biên nhận": "Print the receipt again",
    "Đang in lại biên nhận…": "Printing the receipt again…",
    "Đã in lại biên nhận. Xin nhận giấy ở khe máy in.":
        "Receipt printed again. Please take it from the printer.",
    "Không in lại được biên nhận. Xin nhờ nhân viên.":
        "The receipt could not be printed again. Please ask staff.",
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
    # journey 2: what a procedure needs, delivery, payment, consent, feedback
    "Ông/bà muốn nhận kết quả thế nào?": "How would you like to receive the result?",
    "Trực tuyến": "Online",
    "xem trên Cổng dịch vụ công": "on the public-service portal",
    "Tại quầy": "At the counter",
    "bộ phận một cửa": "one-stop counter",
    "Qua bưu điện": "By post",
    "gửi kết quả về nhà": "result sent to your home",
    "Hẹn bưu tá": "Postman visit",
    "đến nhà nhận hồ sơ gốc": "collects the originals at home",
    "Thủ tục này chưa nhận trả kết quả qua bưu điện.": "This procedure does not return results by post yet.",
    "Người nhận": "Recipient",
    "Tỉnh / thành phố": "Province / city",
    "Chạm để chọn": "Tap to choose",
    "Xã / phường": "Commune / ward",
    "Số nhà, đường / thôn, xóm": "House number, street / village",
    "Thường": "Economy",
    "Nhanh": "Express",
    "Cước phí: %1": "Postage: %1",
    "Gõ vài chữ để tìm (không cần dấu)": "Type a few letters to search (no accents needed)",
    "Đóng danh sách": "Close the list",
    "Tiếp tục": "Continue",
    "Ông/bà có hài lòng không?": "Are you satisfied?",
    "Chạm một khuôn mặt. Câu trả lời không ghi tên.": "Tap a face. Answers are anonymous.",
    "Rất không hài lòng": "Very unhappy",
    "Không hài lòng": "Unhappy",
    "Bình thường": "Neutral",
    "Hài lòng": "Happy",
    "Rất hài lòng": "Very happy",
    "Góp ý thêm (không bắt buộc)": "Any comments (optional)",
    "Bỏ qua": "Skip",
    "Gửi đánh giá": "Send",
    "Nộp lệ phí": "Pay the fee",
    "Nộp sau tại quầy": "Pay later at the counter",
    "Trước khi bắt đầu, ông/bà cần biết:": "Before you start:",
    "Lệ phí": "Fee",
    "Thời gian giải quyết": "Processing time",
    "trong ngày": "the same day",
    "%1 ngày làm việc": "%1 working days",
    "Cơ quan giải quyết": "Handled by",
    "Nhận kết quả qua bưu điện": "Result by post",
    "có thể": "available",
    "không": "not available",
    "Giấy tờ cần mang theo (máy sẽ chụp lại):": "Papers to bring (the kiosk photographs them):",
    "Không cần giấy tờ bản giấy.": "No paper documents needed.",
    "Bắt đầu khai hồ sơ": "Start the application",
    "Lệ phí: đã thanh toán": "Fee: paid",
    "Lệ phí: nộp tại quầy khi nhận kết quả": "Fee: pay at the counter when you collect the result",
    ("Tôi đồng ý gửi các thông tin và giấy tờ trên tới cơ quan giải quyết qua Cổng dịch vụ công. "
     "Máy không giữ lại thông tin sau khi gửi xong."):
        ("I agree to send the information and documents above to the handling agency through the "
         "public-service portal. The kiosk keeps nothing once it is sent."),
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
    # Account screen (log in with VNeID, create or link an account) and its home button.
    "Số định danh: %1": "ID number: %1",
    "Ngày sinh: %1": "Date of birth: %1",
    "Xoá hết": "Clear",
    "Tài khoản Cổng Dịch vụ công": "Public service portal account",
    "Chọn một cách bên dưới. Thông tin của ông/bà đã được đọc từ thẻ, không cần gõ lại.":
        "Choose one way below. Your details were read from your card; there is nothing to retype.",
    "Đăng nhập bằng VNeID": "Log in with VNeID",
    "Quét mã QR bằng ứng dụng VNeID trên điện thoại. Cách được khuyên dùng.":
        "Scan a QR code with the VNeID app on your phone. The recommended way.",
    "Tạo tài khoản mới": "Create a new account",
    "Chỉ cần số điện thoại di động để nhận mã xác nhận.": "All you need is a mobile phone to receive a code.",
    "Đã có tài khoản": "I have an account",
    "Liên kết bằng số điện thoại đã đăng ký với Cổng.":
        "Link it with the phone number registered on the portal.",
    "Không có điện thoại hoặc VNeID?": "No phone or no VNeID?",
    "Không có điện thoại hoặc tài khoản VNeID?": "No phone or no VNeID account?",
    "Chưa có tài khoản VNeID mức 2": "No level 2 VNeID account yet",
    "Tài khoản định danh điện tử mức 2 chỉ được cấp trực tiếp tại cơ quan Công an (Công an xã, phường nơi "
    "ông/bà cư trú). Mang theo thẻ Căn cước và điện thoại của mình.":
        "A level 2 electronic identification account is only issued in person by the police (the commune or "
        "ward police where you live). Bring your ID card and your own phone.",
    "Không có điện thoại di động": "No mobile phone",
    "Không nhận được tin nhắn": "No text message arrived",
    "Thông tin của ông/bà được giữ an toàn": "Your information is kept safe",
    "Kiosk không lưu mật khẩu, mã xác nhận hay phiên đăng nhập. Mọi thứ được xoá khi ông/bà kết thúc.":
        "The kiosk keeps no passwords, codes or logins. Everything is deleted when you finish.",
    "Gọi nhân viên": "Call staff",
    "Chọn cách đăng nhập": "Choose how to log in",
    "Mã còn hiệu lực: %1": "Code valid for: %1",
    "Đang lấy mã đăng nhập…": "Getting a login code…",
    "Đăng nhập đã bị từ chối trên điện thoại.": "The login was refused on the phone.",
    "Ông/bà vẫn nộp được hồ sơ: nhân viên tại quầy sẽ giúp nộp hồ sơ giấy hoặc nộp thay. Chạm nút “Gọi nhân "
    "viên” ở góc trên.":
        "You can still file your dossier: the staff at the counter will help you file on paper or file it "
        "for you. Touch “Call staff” at the top.",
    "Số điện thoại phải là số đang dùng, đăng ký đứng tên ông/bà. Chờ 60 giây rồi chạm “Gửi lại mã”.":
        "The phone number must be in use and registered in your name. Wait 60 seconds, then touch "
        "“Send a new code”.",
    "Mở ứng dụng VNeID trên điện thoại.": "Open the VNeID app on your phone.",
    "Chạm “Quét mã QR”.": "Tap “Scan QR code”.",
    "Hướng camera điện thoại vào mã trên màn hình này.":
        "Point the phone's camera at the code on this screen.",
    "Chạm “Xác nhận” trên điện thoại.": "Tap “Confirm” on the phone.",
    "Mã đã hết hạn. Chạm “Tạo mã mới” để thử lại.": "The code has expired. Touch “New code” to try again.",
    "Chưa lấy được mã đăng nhập.": "No login code could be obtained.",
    "Tạo mã mới": "New code",
    "Chọn cách khác": "Choose another way",
    "Liên kết tài khoản đã có": "Link an existing account",
    "Nhập số điện thoại di động đứng tên ông/bà. Mã xác nhận sẽ được gửi bằng tin nhắn.":
        "Enter the mobile number registered in your name. A confirmation code will be sent by text message.",
    "Số điện thoại di động": "Mobile phone number",
    "Ví dụ: 0912 345 678": "For example: 0912 345 678",
    "E-mail (không bắt buộc)": "E-mail (optional)",
    "Có thể để trống": "May be left empty",
    "Đã có tài khoản — liên kết": "I have an account — link it",
    "Cách khác": "Another way",
    "Gửi mã xác nhận": "Send the code",
    "Nhập mã xác nhận": "Enter the confirmation code",
    "Mã gồm 6 chữ số vừa được gửi bằng tin nhắn đến số %1.":
        "A 6-digit code was just sent by text message to %1.",
    "Gửi lại mã": "Send a new code",
    "sau %1 giây": "in %1 seconds",
    "Đổi số điện thoại": "Change the phone number",
    "Xác nhận": "Confirm",
    "Đã tạo tài khoản thành công": "Your account has been created",
    "Đã liên kết tài khoản thành công": "Your account has been linked",
    "Đã đăng nhập thành công": "You are logged in",
    "Phiên đăng nhập chỉ dùng trong lần sử dụng kiosk này. Khi ông/bà chạm “Xong”, mọi thông tin sẽ được xoá "
    "khỏi máy.":
        "The login lasts only for this visit to the kiosk. When you touch “Done”, everything is "
        "deleted from this machine.",
    "Đang làm việc với Cổng dịch vụ công…": "Talking to the public service portal…",
    "Đăng nhập / tạo tài khoản": "Log in / create an account",
    "Bằng VNeID hoặc số điện thoại, không cần gõ tên": "With VNeID or your phone number, no name to type",
    "Tìm thủ tục (gõ không dấu cũng được)": "Find a procedure (accents not needed)",
    "Ví dụ: khai sinh, tam tru, chung thuc": "For example: birth, residence, certified copy",
    "Chỉnh góc": "Corners",
    "Chỉnh góc trang giấy": "Adjust the page's corners",
    "Kéo bốn chấm tròn vào đúng bốn góc của tờ giấy.":
        "Drag the four dots onto the four corners of the page.",
    "Hủy": "Cancel",
    "Áp dụng": "Apply",
    "Xóa": "Delete",
    "Khách tại kiosk đang gọi nhân viên hỗ trợ.": "The citizen at the kiosk is calling for staff.",
    "Có tờ hướng dẫn in mã QR? Đưa mã vào camera, máy sẽ mở đúng thủ tục.":
        "Have a printed guide with a QR code? Show it to the camera to open its procedure.",
}


#: lupdate keeps a `#:` comment above a marked Python string as the message's <extracomment>.
COMMENT = r"(?:<extracomment>[^<]*</extracomment>\s*)?"


def apply(text: str, translations: dict[str, str | tuple[str, str]]) -> tuple[str, int]:
    done = 0
    for source, target in translations.items():
        # lupdate writes quotes as entities.
        src = re.escape(html.escape(source, quote=False).replace("'", "&apos;").replace('"', "&quot;"))
        if isinstance(target, tuple):
            pattern = (rf"(<source>{src}</source>\s*{COMMENT})<translation type=\"unfinished\">\s*"
                       r"<numerusform></numerusform>\s*<numerusform></numerusform>\s*</translation>")
            forms = "".join(f"\n            <numerusform>{html.escape(t, quote=False)}</numerusform>"
                            for t in target)
            replacement = rf"\g<1><translation>{forms}\n        </translation>"
        else:
            # lupdate may have prefilled an unfinished entry from a same-text message elsewhere.
            pattern = (rf"(<source>{src}</source>\s*{COMMENT})<translation type=\"unfinished\">[^<]*"
                       r"</translation>")
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
