<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="23" />
        <source>Làm thủ tục hành chính
ngay tại đây</source>
        <translation>Do your paperwork
right here</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="29" />
        <source>Chỉ cần thẻ căn cước. Máy đọc thông tin từ thẻ, ông/bà không phải gõ tên.</source>
        <translation>All you need is your ID card. The kiosk reads it, so you do not have to type your name.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="40" />
        <source>Đưa thẻ căn cước vào camera</source>
        <translation>Show your ID card to the camera</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="41" />
        <source>Chọn thủ tục cần làm</source>
        <translation>Choose the procedure you need</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="42" />
        <source>Kiểm tra và gửi hồ sơ</source>
        <translation>Check and submit the dossier</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="43" />
        <source>Nhận biên nhận có mã tra cứu</source>
        <translation>Take a receipt with a tracking code</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../qml/components/Banner.qml" line="34" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="22" />
        <source>Thông tin của ông/bà</source>
        <translation>Your details</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="23" />
        <source>Xin kiểm tra lại. Chạm vào một ô để sửa nếu chưa đúng.</source>
        <translation>Please check. Touch a field to correct it.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="59" />
        <source>Thông tin đã đúng, tiếp tục</source>
        <translation>The details are correct, continue</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="24" />
        <source>Các ô có dấu ✓ đã được điền từ thẻ căn cước. Mục có dấu * là bắt buộc.</source>
        <translation>Fields marked ✓ were filled in from your ID card. Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="63" />
        <source>năm-tháng-ngày, ví dụ 1989-07-15</source>
        <translation>year-month-day, e.g. 1989-07-15</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="128" />
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="12" />
        <source>Ông/bà cần làm gì?</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="13" />
        <source>Chạm vào một nút lớn bên dưới.</source>
        <translation>Touch one of the large buttons below.</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="19" />
        <source>Nộp hồ sơ thủ tục hành chính</source>
        <translation>Submit an administrative dossier</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="20" />
        <source>Khai sinh, xác nhận tình trạng hôn nhân, lý lịch tư pháp…</source>
        <translation>Birth registration, marital status, judicial record…</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="30" />
        <source>Cần giúp đỡ? Chạm nút "Gọi nhân viên" ở góc trên, nhân viên bưu điện sẽ đến hỗ trợ.</source>
        <translation>Need help? Touch "Call staff" at the top and a member of the post office staff will come.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="28" />
        <source>Ông/bà vẫn đang sử dụng máy?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="34" />
        <source>Để bảo vệ thông tin cá nhân, máy sẽ xoá mọi dữ liệu và quay về màn hình đầu sau %1 giây.</source>
        <translation>To protect your personal data, the kiosk will erase everything and return to the start in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="46" />
        <source>Tôi cần thêm thời gian</source>
        <translation>I need more time</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="52" />
        <source>Kết thúc và xoá dữ liệu</source>
        <translation>Finish and erase my data</translation>
    </message>
</context>
<context>
    <name>KioskField</name>
    <message>
        <location filename="../qml/components/KioskField.qml" line="39" />
        <source>Đọc từ thẻ</source>
        <translation>From card</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="11" />
        <source>Kiosk Dịch vụ công</source>
        <translation>Public Service Kiosk</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="87" />
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="95" />
        <source>Làm lại từ đầu</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="104" />
        <source>Đang gửi hồ sơ…</source>
        <translation>Sending the dossier…</translation>
    </message>
</context>
<context>
    <name>ProcedureScreen</name>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="13" />
        <source>Chọn thủ tục</source>
        <translation>Choose a procedure</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="14" />
        <source>Lệ phí và thời gian giải quyết được ghi dưới tên mỗi thủ tục.</source>
        <translation>The fee and processing time are shown under each procedure.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="19" />
        <source>Đang tải danh sách thủ tục…</source>
        <translation>Loading the list of procedures…</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="28" />
        <source>Chưa tải được danh sách thủ tục từ Cổng dịch vụ công. Xin thử lại hoặc gọi nhân viên.</source>
        <translation>The list of procedures could not be loaded from the public service portal. Please try again or call staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="32" />
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="78" />
        <source>Lệ phí: %1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="79" />
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="79" />
        <source>%1 ngày làm việc</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="80" />
        <source>Nhận kết quả qua bưu điện</source>
        <translation>Result can come by post</translation>
    </message>
</context>
<context>
    <name>ReadCardScreen</name>
    <message>
        <location filename="../qml/screens/ReadCardScreen.qml" line="17" />
        <source>Đưa thẻ căn cước vào trước camera</source>
        <translation>Hold your ID card in front of the camera</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReadCardScreen.qml" line="18" />
        <source>Mặt có mã QR hướng vào camera. Máy sẽ tự đọc, ông/bà không cần bấm gì.</source>
        <translation>QR code side towards the camera. The kiosk reads it by itself; there is nothing to press.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReadCardScreen.qml" line="76" />
        <source>Không có thẻ? Nhập thông tin bằng tay</source>
        <translation>No card? Enter your details by hand</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="18" />
        <source>Hồ sơ đã được lưu, sẽ gửi khi có mạng</source>
        <translation>Dossier saved; it will be sent when the connection returns</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="19" />
        <source>Đã nộp hồ sơ thành công</source>
        <translation>Dossier submitted</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="32" />
        <source>Mã tham chiếu</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="32" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="44" />
        <source>Thời gian nộp: %1</source>
        <translation>Submitted at: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="49" />
        <source>Chụp ảnh hoặc ghi lại mã này. Dùng mã để tra cứu tình trạng hồ sơ tại bất kỳ kiosk nào hoặc trên Cổng dịch vụ công.</source>
        <translation>Take a photo of this code or write it down. Use it to check your dossier at any kiosk or on the public service portal.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="78" />
        <source>Xong — xoá thông tin và kết thúc</source>
        <translation>Done — erase my details and finish</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="21" />
        <source>Kiểm tra lần cuối</source>
        <translation>Final check</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="35" />
        <source>Lệ phí: %1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="36" />
        <source>Cơ quan giải quyết: %1</source>
        <translation>Handled by: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="37" />
        <source>Thời gian giải quyết: trong ngày</source>
        <translation>Processing time: the same day</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="38" />
        <source>Thời gian giải quyết: %1 ngày làm việc</source>
        <translation>Processing time: %1 working days</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="79" />
        <source>Khi bấm "Gửi hồ sơ", ông/bà đồng ý gửi các thông tin trên tới cơ quan giải quyết qua Cổng dịch vụ công. Máy không lưu lại thông tin sau khi gửi xong.</source>
        <translation>By pressing "Submit dossier" you agree to send the information above to the handling agency through the public service portal. The kiosk keeps nothing once it has been sent.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="91" />
        <source>Gửi hồ sơ</source>
        <translation>Submit dossier</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/components/TopBar.qml" line="35" />
        <source>Kiosk Dịch vụ công</source>
        <translation>Public Service Kiosk</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="42" />
        <source>Nộp hồ sơ trực tuyến — nhận kết quả tại nhà qua bưu điện</source>
        <translation>File online — get the result at home by post</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="58" />
        <source>Gọi nhân viên</source>
        <translation>Call staff</translation>
    </message>
</context>
</TS>