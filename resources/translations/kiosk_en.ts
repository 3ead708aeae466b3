<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountScreen</name>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="43"/>
        <source>Đọc từ thẻ</source>
        <translation>From card</translation>
    </message>
    <message>
        <source>Số định danh: %1</source>
        <translation type="vanished">ID number: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="52"/>
        <source>Ngày sinh: %1</source>
        <translation>Date of birth: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="75"/>
        <source>Xoá hết</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="116"/>
        <source>Tài khoản Cổng Dịch vụ công</source>
        <translation>Public service portal account</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="117"/>
        <source>Chọn một cách bên dưới. Thông tin của ông/bà đã được đọc từ thẻ, không cần gõ lại.</source>
        <translation>Choose one way below. Your details were read from your card; there is nothing to retype.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="134"/>
        <location filename="../qml/screens/AccountScreen.qml" line="251"/>
        <source>Đăng nhập bằng VNeID</source>
        <translation>Log in with VNeID</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="135"/>
        <source>Quét mã QR bằng ứng dụng VNeID trên điện thoại. Cách được khuyên dùng.</source>
        <translation>Scan a QR code with the VNeID app on your phone. The recommended way.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="142"/>
        <location filename="../qml/screens/AccountScreen.qml" line="368"/>
        <source>Tạo tài khoản mới</source>
        <translation>Create a new account</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="143"/>
        <source>Chỉ cần số điện thoại di động để nhận mã xác nhận.</source>
        <translation>All you need is a mobile phone to receive a code.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="150"/>
        <source>Đã có tài khoản</source>
        <translation>I have an account</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="151"/>
        <source>Liên kết bằng số điện thoại đã đăng ký với Cổng.</source>
        <translation>Link it with the phone number registered on the portal.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="162"/>
        <source>Không có điện thoại hoặc VNeID?</source>
        <translation>No phone or no VNeID?</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="188"/>
        <source>Không có điện thoại hoặc tài khoản VNeID?</source>
        <translation>No phone or no VNeID account?</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="192"/>
        <source>Chưa có tài khoản VNeID mức 2</source>
        <translation>No level 2 VNeID account yet</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="193"/>
        <source>Tài khoản định danh điện tử mức 2 chỉ được cấp trực tiếp tại cơ quan Công an (Công an xã, phường nơi ông/bà cư trú). Mang theo thẻ Căn cước và điện thoại của mình.</source>
        <translation>A level 2 electronic identification account is only issued in person by the police (the commune or ward police where you live). Bring your ID card and your own phone.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="194"/>
        <source>Không có điện thoại di động</source>
        <translation>No mobile phone</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="196"/>
        <source>Không nhận được tin nhắn</source>
        <translation>No text message arrived</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="198"/>
        <source>Thông tin của ông/bà được giữ an toàn</source>
        <translation>Your information is kept safe</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="199"/>
        <source>Kiosk không lưu mật khẩu, mã xác nhận hay phiên đăng nhập. Mọi thứ được xoá khi ông/bà kết thúc.</source>
        <translation>The kiosk keeps no passwords, codes or logins. Everything is deleted when you finish.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="225"/>
        <source>Gọi nhân viên</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="232"/>
        <source>Chọn cách đăng nhập</source>
        <translation>Choose how to log in</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="268"/>
        <source>Mã còn hiệu lực: %1</source>
        <translation>Code valid for: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="269"/>
        <source>Đang lấy mã đăng nhập…</source>
        <translation>Getting a login code…</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="270"/>
        <source>Đăng nhập đã bị từ chối trên điện thoại.</source>
        <translation>The login was refused on the phone.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="195"/>
        <source>Ông/bà vẫn nộp được hồ sơ: nhân viên tại quầy sẽ giúp nộp hồ sơ giấy hoặc nộp thay. Chạm nút “Gọi nhân viên” ở góc trên.</source>
        <translation>You can still file your dossier: the staff at the counter will help you file on paper or file it for you. Touch “Call staff” at the top.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="197"/>
        <source>Số điện thoại phải là số đang dùng, đăng ký đứng tên ông/bà. Chờ 60 giây rồi chạm “Gửi lại mã”.</source>
        <translation>The phone number must be in use and registered in your name. Wait 60 seconds, then touch “Send a new code”.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="256"/>
        <source>Mở ứng dụng VNeID trên điện thoại.</source>
        <translation>Open the VNeID app on your phone.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="257"/>
        <source>Chạm “Quét mã QR”.</source>
        <translation>Tap “Scan QR code”.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="258"/>
        <source>Hướng camera điện thoại vào mã trên màn hình này.</source>
        <translation>Point the phone&apos;s camera at the code on this screen.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="259"/>
        <source>Chạm “Xác nhận” trên điện thoại.</source>
        <translation>Tap “Confirm” on the phone.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="271"/>
        <source>Mã đã hết hạn. Chạm “Tạo mã mới” để thử lại.</source>
        <translation>The code has expired. Touch “New code” to try again.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="272"/>
        <source>Chưa lấy được mã đăng nhập.</source>
        <translation>No login code could be obtained.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="285"/>
        <source>Tạo mã mới</source>
        <translation>New code</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="293"/>
        <location filename="../qml/screens/AccountScreen.qml" line="341"/>
        <source>Chọn cách khác</source>
        <translation>Choose another way</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="368"/>
        <source>Liên kết tài khoản đã có</source>
        <translation>Link an existing account</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="370"/>
        <source>Nhập số điện thoại di động đứng tên ông/bà. Mã xác nhận sẽ được gửi bằng tin nhắn.</source>
        <translation>Enter the mobile number registered in your name. A confirmation code will be sent by text message.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="373"/>
        <source>Số điện thoại di động</source>
        <translation>Mobile phone number</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="389"/>
        <source>Ví dụ: 0912 345 678</source>
        <translation>For example: 0912 345 678</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="398"/>
        <source>E-mail (không bắt buộc)</source>
        <translation>E-mail (optional)</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="413"/>
        <source>Có thể để trống</source>
        <translation>May be left empty</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="468"/>
        <location filename="../qml/screens/AccountScreen.qml" line="655"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="485"/>
        <source>Đã có tài khoản — liên kết</source>
        <translation>I have an account — link it</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="503"/>
        <source>Cách khác</source>
        <translation>Another way</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="511"/>
        <source>Gửi mã xác nhận</source>
        <translation>Send the code</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="531"/>
        <source>Nhập mã xác nhận</source>
        <translation>Enter the confirmation code</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="532"/>
        <source>Mã gồm 6 chữ số vừa được gửi bằng tin nhắn đến số %1.</source>
        <translation>A 6-digit code was just sent by text message to %1.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="572"/>
        <source>Gửi lại mã</source>
        <translation>Send a new code</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="573"/>
        <source>sau %1 giây</source>
        <translation>in %1 seconds</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="582"/>
        <source>Đổi số điện thoại</source>
        <translation>Change the phone number</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="597"/>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="612"/>
        <source>Đã tạo tài khoản thành công</source>
        <translation>Your account has been created</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="613"/>
        <source>Đã liên kết tài khoản thành công</source>
        <translation>Your account has been linked</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="614"/>
        <source>Đã đăng nhập thành công</source>
        <translation>You are logged in</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="645"/>
        <source>Phiên đăng nhập chỉ dùng trong lần sử dụng kiosk này. Khi ông/bà chạm “Xong”, mọi thông tin sẽ được xoá khỏi máy.</source>
        <translation>The login lasts only for this visit to the kiosk. When you touch “Done”, everything is deleted from this machine.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AccountScreen.qml" line="665"/>
        <source>Đang làm việc với Cổng dịch vụ công…</source>
        <translation>Talking to the public service portal…</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="24"/>
        <source>Làm thủ tục hành chính
ngay tại đây</source>
        <translation>Do your paperwork
right here</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="31"/>
        <source>Chỉ cần thẻ căn cước. Máy đọc thông tin từ thẻ, ông/bà không phải gõ tên.</source>
        <translation>All you need is your ID card. The kiosk reads it, so you do not have to type your name.</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="47"/>
        <source>Đưa thẻ căn cước vào camera</source>
        <translation>Show your ID card to the camera</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="48"/>
        <source>Chọn thủ tục cần làm</source>
        <translation>Choose the procedure you need</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="49"/>
        <source>Kiểm tra và gửi hồ sơ</source>
        <translation>Check and submit the dossier</translation>
    </message>
    <message>
        <location filename="../qml/screens/AttractScreen.qml" line="50"/>
        <source>Nhận biên nhận có mã tra cứu</source>
        <translation>Take a receipt with a tracking code</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../qml/components/Banner.qml" line="35"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CheckScreen</name>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="34"/>
        <source>Tra cứu hồ sơ</source>
        <translation>Check a dossier</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="35"/>
        <source>Đưa mã QR trên giấy biên nhận vào trước camera, hoặc nhập mã hồ sơ.</source>
        <translation>Hold the QR code on your receipt up to the camera, or type the dossier code.</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="79"/>
        <location filename="../qml/screens/CheckScreen.qml" line="174"/>
        <source>Đang tra cứu…</source>
        <translation>Looking it up…</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="118"/>
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="125"/>
        <source>Nhập hoặc quét mã khác</source>
        <translation>Type or scan another code</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="138"/>
        <source>Hoặc nhập mã hồ sơ (in trên giấy biên nhận)</source>
        <translation>Or type the dossier code (printed on the receipt)</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="148"/>
        <source>Ví dụ: %1</source>
        <translation>For example: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="174"/>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="224"/>
        <source>Mã hồ sơ: %1</source>
        <translation>Dossier code: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="241"/>
        <source>Tình trạng hiện nay</source>
        <translation>Status now</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="264"/>
        <source>Ghi chú của cơ quan: %1</source>
        <translation>Note from the office: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="292"/>
        <source>Đã có kết quả</source>
        <translation>The result is ready</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="292"/>
        <source>Chưa có kết quả</source>
        <translation>No result yet</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="319"/>
        <source>Số hiệu bưu gửi</source>
        <translation>Postal tracking number</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="335"/>
        <source>Bưu điện chưa nhận kết quả để phát.</source>
        <translation>The post office has not received the result for delivery yet.</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="373"/>
        <source>Các bước đã qua</source>
        <translation>Steps so far</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="453"/>
        <source>Đang in lại biên nhận…</source>
        <translation>Printing the receipt again…</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="454"/>
        <source>Đã in lại biên nhận. Xin nhận giấy ở khe máy in.</source>
        <translation>Receipt printed again. Please take it from the printer.</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="455"/>
        <source>Không in lại được biên nhận. Xin nhờ nhân viên.</source>
        <translation>The receipt could not be printed again. Please ask staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="470"/>
        <source>In lại biên nhận</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="478"/>
        <source>Tra cứu hồ sơ khác</source>
        <translation>Check another dossier</translation>
    </message>
    <message>
        <location filename="../qml/screens/CheckScreen.qml" line="485"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="22"/>
        <source>Thông tin của ông/bà</source>
        <translation>Your details</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="23"/>
        <source>Xin kiểm tra lại. Chạm vào một ô để sửa nếu chưa đúng.</source>
        <translation>Please check. Touch a field to correct it.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="98"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="100"/>
        <source>Giấy tờ cần mang theo (máy sẽ chụp lại):</source>
        <translation>Papers to bring (the kiosk photographs them):</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="102"/>
        <source>Không cần giấy tờ bản giấy.</source>
        <translation>No paper documents needed.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="169"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="169"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../qml/screens/ConfirmScreen.qml" line="191"/>
        <source>Thông tin đã đúng, tiếp tục</source>
        <translation>The details are correct, continue</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../qml/components/DateField.qml" line="56"/>
        <source>Đọc từ thẻ</source>
        <translation>From card</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="70"/>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="78"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="78"/>
        <source>Đổi ngày</source>
        <translation>Change date</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="91"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="91"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="91"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
</context>
<context>
    <name>DeliveryScreen</name>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="22"/>
        <source>Ông/bà muốn nhận kết quả thế nào?</source>
        <translation>How would you like to receive the result?</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="48"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="48"/>
        <source>xem trên Cổng dịch vụ công</source>
        <translation>on the public-service portal</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="49"/>
        <source>Tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="49"/>
        <source>bộ phận một cửa</source>
        <translation>one-stop counter</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="50"/>
        <source>Qua bưu điện</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="50"/>
        <source>gửi kết quả về nhà</source>
        <translation>result sent to your home</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="51"/>
        <source>Hẹn bưu tá</source>
        <translation>Postman visit</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="51"/>
        <source>đến nhà nhận hồ sơ gốc</source>
        <translation>collects the originals at home</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="70"/>
        <source>Thủ tục này chưa nhận trả kết quả qua bưu điện.</source>
        <translation>This procedure does not return results by post yet.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="85"/>
        <source>Người nhận</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="93"/>
        <source>Số điện thoại di động</source>
        <translation>Mobile phone number</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="101"/>
        <source>Tỉnh / thành phố</source>
        <translation>Province / city</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="102"/>
        <location filename="../qml/screens/DeliveryScreen.qml" line="109"/>
        <source>Chạm để chọn</source>
        <translation>Tap to choose</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="107"/>
        <source>Xã / phường</source>
        <translation>Commune / ward</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="116"/>
        <source>Số nhà, đường / thôn, xóm</source>
        <translation>House number, street / village</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="132"/>
        <source>Thường</source>
        <translation>Economy</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="139"/>
        <source>Nhanh</source>
        <translation>Express</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="148"/>
        <location filename="../qml/screens/DeliveryScreen.qml" line="235"/>
        <source>Cước phí: %1</source>
        <translation>Postage: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="188"/>
        <source>Gõ vài chữ để tìm (không cần dấu)</source>
        <translation>Type a few letters to search (no accents needed)</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="224"/>
        <source>Đóng danh sách</source>
        <translation>Close the list</translation>
    </message>
    <message>
        <location filename="../qml/screens/DeliveryScreen.qml" line="234"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="26"/>
        <location filename="../qml/screens/DocumentsScreen.qml" line="41"/>
        <source>Chụp giấy tờ</source>
        <translation>Photograph your documents</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="29"/>
        <source>Đặt từng trang giấy dưới camera, mặt chữ lên trên. Máy tự chụp khi trang nằm yên.</source>
        <translation>Lay each page under the camera, text up. The kiosk takes the picture when the page lies still.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="97"/>
        <source>Đang xử lý trang…</source>
        <translation>Processing the page…</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="119"/>
        <source>Tự chụp: BẬT</source>
        <translation>Auto: ON</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="119"/>
        <source>Tự chụp: TẮT</source>
        <translation>Auto: OFF</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="141"/>
        <location filename="../qml/screens/DocumentsScreen.qml" line="331"/>
        <source>Chụp lại</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="141"/>
        <source>Chụp ngay</source>
        <translation>Take picture</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="151"/>
        <source>Ẩn cách khác</source>
        <translation>Fewer ways</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="151"/>
        <source>Cách khác…</source>
        <translation>Other ways…</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="161"/>
        <source>Máy quét: 1 trang</source>
        <translation>Scanner: 1 page</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="170"/>
        <source>Máy quét: cả xấp</source>
        <translation>Scanner: whole stack</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="303"/>
        <source>Bị gấp?</source>
        <translation>Folded?</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="334"/>
        <source>Sửa mép giấy</source>
        <translation>Fix page edges</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="350"/>
        <source>Chụp lại trang %1</source>
        <translation>Retake page %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="353"/>
        <source>Đúng, chỉ nửa này</source>
        <translation>Yes, only this half</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="385"/>
        <source>Sửa mép trang giấy</source>
        <translation>Fix the page&apos;s edges</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="170"/>
        <source>Dừng quét</source>
        <translation>Stop scan</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="218"/>
        <source>(bắt buộc)</source>
        <translation>(required)</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="218"/>
        <source>(nếu có)</source>
        <translation>(if any)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/screens/DocumentsScreen.qml" line="251"/>
        <source>%n trang</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="302"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="304"/>
        <source>Chưa rõ</source>
        <translation>Not clear</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="304"/>
        <source>Rõ</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="317"/>
        <source>Chưa có trang nào của giấy tờ này.</source>
        <translation>No pages of this document yet.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="337"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="386"/>
        <source>Kéo bốn chấm tròn vào đúng bốn góc của tờ giấy.</source>
        <translation>Drag the four dots onto the four corners of the page.</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="458"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="464"/>
        <source>Áp dụng</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../qml/screens/DocumentsScreen.qml" line="361"/>
        <source>Xong, tiếp tục</source>
        <translation>Done, continue</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="65"/>
        <source>Ông/bà có hài lòng không?</source>
        <translation>Are you satisfied?</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="66"/>
        <source>Chạm một khuôn mặt. Câu trả lời không ghi tên.</source>
        <translation>Tap a face. Answers are anonymous.</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="76"/>
        <source>Rất không hài lòng</source>
        <translation>Very unhappy</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="79"/>
        <source>Rất hài lòng</source>
        <translation>Very happy</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="86"/>
        <source>Đánh giá thêm (không bắt buộc):</source>
        <translation>A little more, if you like:</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="92"/>
        <source>Dễ tìm đến và dễ dùng</source>
        <translation>Easy to find and to use</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="93"/>
        <source>Thủ tục, giấy tờ rõ ràng</source>
        <translation>Clear procedure and papers</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="94"/>
        <source>Được hướng dẫn, giúp đỡ</source>
        <translation>Guidance and help</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="95"/>
        <source>Thời gian làm thủ tục</source>
        <translation>Time it took</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="120"/>
        <source>Góp ý thêm (không bắt buộc)</source>
        <translation>Any comments (optional)</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="135"/>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../qml/screens/FeedbackScreen.qml" line="142"/>
        <source>Gửi đánh giá</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="34"/>
        <source>Thông tin trên thẻ không phải khai lại. Mục có dấu * là bắt buộc.</source>
        <translation>What your ID card says is not asked again. Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="71"/>
        <source>Cần sửa %1 mục:</source>
        <translation>%1 answers need attention:</translation>
    </message>
    <message>
        <location filename="../qml/screens/FormScreen.qml" line="210"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>GuideLoop</name>
    <message>
        <location filename="../qml/screens/GuideLoop.qml" line="53"/>
        <source>Bước %1 · %2</source>
        <translation>Step %1 · %2</translation>
    </message>
</context>
<context>
    <name>GuidesScreen</name>
    <message>
        <location filename="../qml/screens/GuidesScreen.qml" line="26"/>
        <source>Hướng dẫn từng bước</source>
        <translation>Step-by-step guides</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuidesScreen.qml" line="27"/>
        <source>Chọn thủ tục để xem cách làm.</source>
        <translation>Choose a procedure to see how it is done.</translation>
    </message>
    <message>
        <location filename="../qml/screens/GuidesScreen.qml" line="149"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="19"/>
        <source>Ông/bà cần làm gì?</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="20"/>
        <source>Chạm vào tên thủ tục. Sau đó đưa thẻ căn cước vào camera.</source>
        <translation>Touch the procedure&apos;s name. Then show your ID card to the camera.</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="42"/>
        <location filename="../qml/screens/HomeScreen.qml" line="56"/>
        <source>Thủ tục khác…</source>
        <translation>Other procedures…</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="72"/>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="80"/>
        <source>Hướng dẫn</source>
        <translation>Guides</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="91"/>
        <source>Hiện chưa kết nối được Cổng dịch vụ công. Ông/bà vẫn nộp được hồ sơ: máy lưu an toàn và tự gửi khi có mạng.</source>
        <translation>The portal cannot be reached right now. You can still file: the kiosk stores your dossier safely and sends it when the connection returns.</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="92"/>
        <source>Chưa kết nối được Cổng dịch vụ công nên chưa nộp được hồ sơ lúc này. Xin thử lại sau ít phút.</source>
        <translation>The portal cannot be reached, so no dossier can be filed right now. Please try again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../qml/screens/HomeScreen.qml" line="64"/>
        <source>Tra cứu hồ sơ</source>
        <translation>Check a dossier</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="29"/>
        <source>Ông/bà vẫn đang sử dụng máy?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="36"/>
        <source>Để bảo vệ thông tin cá nhân, máy sẽ xoá mọi dữ liệu và quay về màn hình đầu sau %1 giây.</source>
        <translation>To protect your personal data, the kiosk will erase everything and return to the start in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="49"/>
        <source>Tôi cần thêm thời gian</source>
        <translation>I need more time</translation>
    </message>
    <message>
        <location filename="../qml/components/IdleOverlay.qml" line="55"/>
        <source>Kết thúc và xoá dữ liệu</source>
        <translation>Finish and erase my data</translation>
    </message>
</context>
<context>
    <name>KioskField</name>
    <message>
        <location filename="../qml/components/KioskField.qml" line="41"/>
        <source>Đọc từ thẻ</source>
        <translation>From card</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="16"/>
        <source>Kiosk Dịch vụ công</source>
        <translation>Public Service Kiosk</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="103"/>
        <source>Hỗ trợ: %1</source>
        <translation>Assisted by: %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="149"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="157"/>
        <source>Làm lại từ đầu</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="166"/>
        <source>Đang gửi hồ sơ…</source>
        <translation>Sending the dossier…</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../qml/screens/PaymentScreen.qml" line="30"/>
        <source>Nộp lệ phí</source>
        <translation>Pay the fee</translation>
    </message>
    <message>
        <location filename="../qml/screens/PaymentScreen.qml" line="31"/>
        <source>Hồ sơ đã được nộp. Quét mã QR bằng ứng dụng ngân hàng trên điện thoại; máy chờ ông/bà, không cần chạm vào màn hình.</source>
        <translation>Your dossier has been filed. Scan the QR code with the banking app on your phone; the kiosk waits for you, no need to touch the screen.</translation>
    </message>
    <message>
        <location filename="../qml/screens/PaymentScreen.qml" line="50"/>
        <source>Mã hồ sơ của ông/bà (xin ghi lại hoặc chụp ảnh):</source>
        <translation>Your dossier code (write it down or take a photo):</translation>
    </message>
    <message>
        <location filename="../qml/screens/PaymentScreen.qml" line="128"/>
        <source>Đã hết thời gian chờ thanh toán. Ông/bà có thể nộp lệ phí sau tại quầy; hồ sơ đã được nộp.</source>
        <translation>The time to pay has run out. You can pay the fee later at the counter; your dossier has been filed.</translation>
    </message>
    <message>
        <location filename="../qml/screens/PaymentScreen.qml" line="147"/>
        <source>Nộp sau tại quầy</source>
        <translation>Pay later at the counter</translation>
    </message>
    <message>
        <location filename="../qml/screens/PaymentScreen.qml" line="154"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="13"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="15"/>
        <source>Sai mã PIN. Còn %1 lần thử.</source>
        <translation>Wrong PIN. %1 attempts left.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="17"/>
        <source>Tạm khoá do nhập sai nhiều lần. Thử lại sau %1.</source>
        <translation>Locked after too many wrong PINs. Try again after %1.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="18"/>
        <source>Tạm khoá do nhập sai nhiều lần.</source>
        <translation>Locked after too many wrong PINs.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="19"/>
        <source>Không tìm thấy nhân viên này.</source>
        <translation>This staff member was not found.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="20"/>
        <source>Không kiểm tra được mã PIN. Xin thử lại.</source>
        <translation>The PIN could not be checked. Please try again.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="23"/>
        <source>Chưa có nhân viên nào. Thêm bằng lệnh: kiosk staff add</source>
        <translation>No staff members yet. Add one with: kiosk staff add</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="24"/>
        <source>Nhập mã PIN rồi nhấn OK.</source>
        <translation>Enter your PIN, then press OK.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="24"/>
        <source>Chọn tên của bạn.</source>
        <translation>Choose your name.</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="54"/>
        <source>Đăng nhập nhân viên</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="62"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="95"/>
        <source>tạm khoá</source>
        <translation>locked</translation>
    </message>
</context>
<context>
    <name>ProcedureInfoScreen</name>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="32"/>
        <source>Trước khi bắt đầu, ông/bà cần biết:</source>
        <translation>Before you start:</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="46"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="47"/>
        <source>Thời gian giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="48"/>
        <source>trong ngày</source>
        <translation>the same day</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="48"/>
        <source>%1 ngày làm việc</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="49"/>
        <source>Cơ quan giải quyết</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="50"/>
        <source>Nhận kết quả qua bưu điện</source>
        <translation>Result by post</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="51"/>
        <source>có thể</source>
        <translation>available</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="51"/>
        <source>không</source>
        <translation>not available</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="69"/>
        <source>Giấy tờ cần mang theo (máy sẽ chụp lại):</source>
        <translation>Papers to bring (the kiosk photographs them):</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="70"/>
        <source>Không cần giấy tờ bản giấy.</source>
        <translation>No paper documents needed.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureInfoScreen.qml" line="92"/>
        <source>Bắt đầu khai hồ sơ</source>
        <translation>Start the application</translation>
    </message>
</context>
<context>
    <name>ProcedureScreen</name>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="13"/>
        <source>Chọn thủ tục</source>
        <translation>Choose a procedure</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="14"/>
        <source>Lệ phí và thời gian giải quyết được ghi dưới tên mỗi thủ tục.</source>
        <translation>The fee and processing time are shown under each procedure.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="20"/>
        <source>Đang tải danh sách thủ tục…</source>
        <translation>Loading the list of procedures…</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="30"/>
        <source>Chưa tải được danh sách thủ tục từ Cổng dịch vụ công. Xin thử lại hoặc gọi nhân viên.</source>
        <translation>The list of procedures could not be loaded from the public service portal. Please try again or call staff.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="34"/>
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="41"/>
        <source>Tìm thủ tục (gõ không dấu cũng được)</source>
        <translation>Find a procedure (accents not needed)</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="42"/>
        <source>Ví dụ: khai sinh, tam tru, chung thuc</source>
        <translation>For example: birth, residence, certified copy</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="66"/>
        <source>Có tờ hướng dẫn in mã QR? Đưa mã vào camera, máy sẽ mở đúng thủ tục.</source>
        <translation>Have a printed guide with a QR code? Show it to the camera to open its procedure.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="150"/>
        <source>Lệ phí: %1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="151"/>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="151"/>
        <source>%1 ngày làm việc</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../qml/screens/ProcedureScreen.qml" line="152"/>
        <source>Nhận kết quả qua bưu điện</source>
        <translation>Result can come by post</translation>
    </message>
</context>
<context>
    <name>ReadCardScreen</name>
    <message>
        <source>Đưa thẻ căn cước vào trước camera</source>
        <translation type="vanished">Hold your ID card in front of the camera</translation>
    </message>
    <message>
        <source>Mặt có mã QR hướng vào camera. Máy sẽ tự đọc, ông/bà không cần bấm gì.</source>
        <translation type="vanished">QR code side towards the camera. The kiosk reads it by itself; there is nothing to press.</translation>
    </message>
    <message>
        <source>Không có thẻ? Nhập thông tin bằng tay</source>
        <translation type="vanished">No card? Enter your details by hand</translation>
    </message>
</context>
<context>
    <name>ReceiptPrint</name>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="15"/>
        <source>Đang in phiếu…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="16"/>
        <source>Đã in phiếu. Xin nhận phiếu ở khe máy in.</source>
        <translation>Receipt printed. Please take it from the printer slot.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="17"/>
        <source>Đang lưu phiếu PDF…</source>
        <translation>Saving the PDF receipt…</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="18"/>
        <source>Đã lưu phiếu PDF trên máy; nhân viên có thể in lại cho ông/bà.</source>
        <translation>The PDF receipt is saved on the kiosk; staff can print it for you.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="21"/>
        <source>Máy in hết giấy. Xin chụp ảnh mã hồ sơ ở trên hoặc gọi nhân viên.</source>
        <translation>The printer is out of paper. Please take a photo of the dossier code above or call staff.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="22"/>
        <source>Máy in chưa sẵn sàng (chưa kết nối). Xin chụp ảnh mã hồ sơ ở trên hoặc gọi nhân viên.</source>
        <translation>The printer is not ready (not connected). Please take a photo of the dossier code above or call staff.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="23"/>
        <source>Không lưu được phiếu PDF. Xin chụp ảnh mã hồ sơ ở trên.</source>
        <translation>The PDF receipt could not be saved. Please take a photo of the dossier code above.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="25"/>
        <source>Không in được phiếu. Xin chụp ảnh mã hồ sơ ở trên hoặc gọi nhân viên.</source>
        <translation>The receipt could not be printed. Please take a photo of the dossier code above or call staff.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="27"/>
        <source>Máy này không có máy in. Xin chụp ảnh hoặc ghi lại mã hồ sơ ở trên; dùng mã này để tra cứu hồ sơ tại bất kỳ kiosk nào.</source>
        <translation>This kiosk has no printer. Please take a photo of the dossier code above or write it down; use it to check your dossier at any kiosk.</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="41"/>
        <source>In lại phiếu</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="41"/>
        <source>In phiếu</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../qml/receipt/ReceiptPrint.qml" line="52"/>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="35"/>
        <source>Hồ sơ đã được lưu, sẽ gửi khi có mạng</source>
        <translation>Dossier saved; it will be sent when the connection returns</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="36"/>
        <source>Đã nộp hồ sơ thành công</source>
        <translation>Dossier submitted</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="44"/>
        <source>Mã tham chiếu</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="44"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="68"/>
        <source>Thời gian nộp: %1</source>
        <translation>Submitted at: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="70"/>
        <source>Lệ phí: đã thanh toán</source>
        <translation>Fee: paid</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="71"/>
        <source>Lệ phí: nộp tại quầy khi nhận kết quả</source>
        <translation>Fee: pay at the counter when you collect the result</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="78"/>
        <source>Chụp ảnh hoặc ghi lại mã này. Dùng mã để tra cứu tình trạng hồ sơ tại bất kỳ kiosk nào hoặc trên Cổng dịch vụ công.</source>
        <translation>Take a photo of this code or write it down. Use it to check your dossier at any kiosk or on the public service portal.</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="120"/>
        <source>Ông/bà hài lòng không? Chạm một khuôn mặt để kết thúc:</source>
        <translation>Were you satisfied? Touch a face to finish:</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReceiptScreen.qml" line="142"/>
        <source>Xong — xoá thông tin và kết thúc</source>
        <translation>Done — erase my details and finish</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="33"/>
        <source>Kiểm tra lần cuối</source>
        <translation>Final check</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="50"/>
        <source>Lệ phí: %1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="51"/>
        <source>Cơ quan giải quyết: %1</source>
        <translation>Handled by: %1</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="52"/>
        <source>Thời gian giải quyết: trong ngày</source>
        <translation>Processing time: the same day</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="53"/>
        <source>Thời gian giải quyết: %1 ngày làm việc</source>
        <translation>Processing time: %1 working days</translation>
    </message>
    <message>
        <location filename="../qml/screens/ReviewScreen.qml" line="141"/>
        <source>Gửi hồ sơ</source>
        <translation>Submit dossier</translation>
    </message>
</context>
<context>
    <name>StaffDashboard</name>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="18"/>
        <source>Chờ gửi</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="19"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="20"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="21"/>
        <source>Đã gửi (trùng)</source>
        <translation>Sent (duplicate)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="22"/>
        <source>Lỗi, cần xử lý</source>
        <translation>Failed, needs action</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="31"/>
        <source>Camera đọc thẻ</source>
        <translation>ID card camera</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="32"/>
        <source>Camera tài liệu</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="33"/>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="34"/>
        <location filename="../qml/staff/StaffDashboard.qml" line="398"/>
        <source>Máy in phiếu</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="35"/>
        <location filename="../qml/staff/StaffDashboard.qml" line="400"/>
        <source>Cổng dịch vụ công</source>
        <translation>Public service portal</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="36"/>
        <source>Ổ đĩa</source>
        <translation>Disk</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="37"/>
        <source>Đồng hồ</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="61"/>
        <source>Khách tại kiosk đang gọi nhân viên hỗ trợ.</source>
        <translation>The citizen at the kiosk is calling for staff.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="87"/>
        <source>Chế độ nhân viên</source>
        <translation>Staff mode</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="105"/>
        <source>Chế độ hỗ trợ: BẬT</source>
        <translation>Assisted mode: ON</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="105"/>
        <source>Chế độ hỗ trợ: TẮT</source>
        <translation>Assisted mode: OFF</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="106"/>
        <source>Hồ sơ ghi tên bạn là người hỗ trợ</source>
        <translation>Dossiers record you as the assistant</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="107"/>
        <source>Bật khi bạn giúp người dân nộp hồ sơ</source>
        <translation>Turn on while you help a citizen</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="115"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="116"/>
        <source>Về màn hình người dân</source>
        <translation>Back to the citizen&apos;s screen</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="128"/>
        <source>Hồ sơ chờ gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="128"/>
        <source>Thiết bị</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="128"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="128"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="171"/>
        <source>Chờ gửi: %1 · Đang gửi: %2 · Đã gửi: %3 · Lỗi: %4</source>
        <translation>Waiting: %1 · Sending: %2 · Sent: %3 · Failed: %4</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="183"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="190"/>
        <source>Chưa có hồ sơ nào trên máy.</source>
        <translation>No dossiers on this kiosk yet.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="245"/>
        <source>%1 · lúc %2 · %3 lần gửi</source>
        <translation>%1 · at %2 · %3 attempts</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="246"/>
        <source>hỗ trợ: %1</source>
        <translation>assisted by: %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="255"/>
        <source>Lý do: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="266"/>
        <source>Gửi lại</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="266"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="282"/>
        <source>Đang kiểm tra thiết bị…</source>
        <translation>Checking devices…</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="282"/>
        <source>Tình trạng thiết bị</source>
        <translation>Device health</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="291"/>
        <source>Kiểm tra lại</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="353"/>
        <source>Hồ sơ tiếp nhận hôm nay</source>
        <translation>Dossiers taken today</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="354"/>
        <source>Đã gửi lên Cổng hôm nay</source>
        <translation>Sent to the portal today</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="355"/>
        <source>Lỗi cần xử lý (hôm nay)</source>
        <translation>Failed, need action (today)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="356"/>
        <source>Có nhân viên hỗ trợ</source>
        <translation>Assisted by staff</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="394"/>
        <source>Mã kiosk</source>
        <translation>Kiosk id</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="395"/>
        <source>Ngôn ngữ mặc định</source>
        <translation>Default language</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="396"/>
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="397"/>
        <source>Hướng màn hình</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="399"/>
        <source>Thời gian chờ (giây)</source>
        <translation>Idle timeout (seconds)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="428"/>
        <source>Thay đổi cài đặt trong tệp kiosk.toml rồi khởi động lại kiosk.</source>
        <translation>Change settings in kiosk.toml, then restart the kiosk.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="444"/>
        <source>Thoát chương trình kiosk? Người dân sẽ không dùng được máy.</source>
        <translation>Quit the kiosk program? Citizens will not be able to use the kiosk.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="445"/>
        <source>Phiên nhân viên tự kết thúc sau 2 phút không thao tác.</source>
        <translation>The staff session ends after 2 minutes without a touch.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="454"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="461"/>
        <source>Thoát ngay</source>
        <translation>Quit now</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffDashboard.qml" line="461"/>
        <source>Thoát chương trình</source>
        <translation>Quit the program</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/ui/camera_health.py" line="20"/>
        <source>Camera chưa có hình. Xin nhờ nhân viên, hoặc chạm nút nhập thông tin bằng tay ở dưới.</source>
        <translation>The camera shows no picture. Please ask staff, or touch the button below to type your details instead.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_health.py" line="22"/>
        <source>Camera bị che hoặc quá tối. Xin bỏ vật che trước camera rồi đưa thẻ vào.</source>
        <translation>The camera is covered or too dark. Please uncover it, then show your card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="42"/>
        <source>Đã tiếp nhận</source>
        <extracomment>The portal&apos;s statuses in plain words, and what the citizen should do about each.</extracomment>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="43"/>
        <source>Cơ quan đã nhận hồ sơ và sẽ sớm xem xét.</source>
        <translation>The office has your dossier and will look at it soon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="44"/>
        <source>Đang giải quyết</source>
        <translation>Being processed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="45"/>
        <source>Cán bộ đang xử lý hồ sơ. Ông/bà chưa cần làm gì thêm.</source>
        <translation>An official is working on it. Nothing to do for now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="46"/>
        <source>Cần bổ sung thông tin</source>
        <translation>More information needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="47"/>
        <source>Cơ quan cần ông/bà bổ sung giấy tờ hoặc thông tin. Xem ghi chú bên dưới hoặc nhờ nhân viên hỗ trợ.</source>
        <translation>The office needs more documents or details from you. See the note below or ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="50"/>
        <source>Đang chờ gửi lên Cổng</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="51"/>
        <source>Hồ sơ đã được lưu an toàn trên máy này và sẽ tự gửi lên Cổng dịch vụ công khi có mạng. Khi gửi xong, hồ sơ có mã riêng để tra cứu ở bất kỳ đâu.</source>
        <translation>The dossier is stored safely on this kiosk and is sent to the portal by itself when the network is back. Once sent, it gets a code you can check anywhere.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="54"/>
        <source>Đã có kết quả</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="55"/>
        <source>Hồ sơ đã giải quyết xong.</source>
        <translation>Your dossier has been dealt with.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="56"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="57"/>
        <source>Hồ sơ không được chấp nhận. Xem lý do bên dưới hoặc nhờ nhân viên hỗ trợ.</source>
        <translation>The dossier was not accepted. See the reason below or ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="63"/>
        <source>Mã hồ sơ chưa đúng. Xin chép lại đúng mã in trên giấy biên nhận, ví dụ {example}, hoặc đưa mã QR trên biên nhận vào camera.</source>
        <translation>This is not a dossier code. Please copy the code printed on your receipt, e.g. {example}, or show the receipt&apos;s QR code to the camera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="65"/>
        <source>Mã hồ sơ chưa đúng (phần ngày nộp). Xin chép lại đúng mã in trên giấy biên nhận.</source>
        <translation>The dossier code is not right (the filing date part). Please copy it from your receipt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="67"/>
        <source>Xin nhập mã hồ sơ in trên giấy biên nhận.</source>
        <translation>Please type the dossier code from your receipt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="68"/>
        <source>Không tìm thấy hồ sơ có mã {code}. Xin kiểm tra lại mã trên giấy biên nhận.</source>
        <translation>No dossier has the code {code}. Please check the code on your receipt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="70"/>
        <source>Không kết nối được với Cổng dịch vụ công. Xin thử lại sau ít phút, hoặc nhờ nhân viên hỗ trợ.</source>
        <translation>The public service portal cannot be reached. Please try again in a few minutes, or ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="72"/>
        <source>Không mở được camera. Xin nhập mã hồ sơ bằng bàn phím.</source>
        <translation>The camera cannot be opened. Please type the dossier code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="73"/>
        <source>Đưa mã QR trên giấy biên nhận vào trước camera.</source>
        <translation>Hold the QR code on your receipt up to the camera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="74"/>
        <source>Chưa có kết quả.</source>
        <translation>No result yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="75"/>
        <source>Kết quả đã có và được gửi qua bưu điện đến địa chỉ ông/bà đã đăng ký.</source>
        <translation>The result is ready and is being sent by post to the address you gave.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="77"/>
        <source>Kết quả đã có: xem bản điện tử trên Cổng dịch vụ công (trực tuyến) hoặc nhận tại quầy tiếp nhận.</source>
        <translation>The result is ready: see the electronic copy on the public service portal (online) or collect it at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="79"/>
        <source>Khi có kết quả, bưu điện sẽ gửi đến địa chỉ ông/bà đã đăng ký.</source>
        <translation>When the result is ready, the post office will bring it to the address you gave.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="80"/>
        <source>Khi có kết quả, ông/bà xem bản điện tử trên Cổng dịch vụ công (trực tuyến) hoặc nhận tại quầy tiếp nhận.</source>
        <translation>When the result is ready, see it on the public service portal (online) or collect it at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="82"/>
        <source>Hồ sơ bị từ chối nên không có kết quả.</source>
        <translation>The dossier was rejected, so there is no result.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="86"/>
        <source>Bưu cục đã nhận để phát</source>
        <translation>Accepted by the post office</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="87"/>
        <source>Đang vận chuyển</source>
        <translation>In transit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="88"/>
        <source>Bưu tá đang đi phát</source>
        <translation>Out for delivery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="89"/>
        <source>Đã phát thành công</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/check.py" line="90"/>
        <source>Phát không thành công, chuyển hoàn</source>
        <translation>Not delivered, returned</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="41"/>
        <source>Hãy chọn cách nhận kết quả.</source>
        <translation>Choose how to receive the result.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="42"/>
        <source>Thiếu tên người nhận.</source>
        <translation>The recipient&apos;s name is missing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="43"/>
        <source>Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.</source>
        <translation>A mobile number has 10 digits and starts with 03, 05, 07, 08 or 09.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="45"/>
        <source>Hãy chọn tỉnh/thành phố.</source>
        <translation>Choose the province or city.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="46"/>
        <source>Hãy chọn xã/phường.</source>
        <translation>Choose the commune or ward.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="47"/>
        <source>Hãy nhập số nhà, tên đường hoặc thôn/xóm.</source>
        <translation>Type the house number and street or village.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="48"/>
        <source>Hãy chọn giờ nhân viên bưu điện đến nhận hồ sơ.</source>
        <translation>Choose when the postman should come.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="49"/>
        <source>Chưa lấy được cước phí; sẽ báo khi gửi hồ sơ.</source>
        <translation>The postage could not be fetched yet; it will be shown with the dossier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="50"/>
        <source>Chưa lấy được lịch hẹn. Thử lại hoặc chọn cách khác.</source>
        <translation>The pickup times could not be loaded. Try again or choose another way.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="173"/>
        <source>khoảng 1 ngày</source>
        <translation>about 1 day</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="174"/>
        <source>khoảng {days} ngày</source>
        <translation>about {days} days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="395"/>
        <source>Thứ Hai</source>
        <extracomment>&quot;vietqr&quot; (postage paid with the fee at the kiosk) or &quot;cash_on_delivery&quot; (to the postman).</extracomment>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="395"/>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="396"/>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="396"/>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="397"/>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="397"/>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/delivery.py" line="398"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="41"/>
        <source>Đăng ký thường trú</source>
        <extracomment>The steps of filing a dossier as the citizen counts them (the documents step only when paper is asked). The procedures most often filed at kiosks (civil status and residence first); the home screen shows the ones the catalogue has, in this order, at most six.</extracomment>
        <translation>Permanent residence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="42"/>
        <source>Đăng ký tạm trú</source>
        <translation>Temporary residence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="43"/>
        <source>Đăng ký khai sinh</source>
        <translation>Birth registration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="44"/>
        <source>Xác nhận tình trạng hôn nhân</source>
        <translation>Marital status certificate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="45"/>
        <source>Phiếu lý lịch tư pháp</source>
        <translation>Criminal record certificate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="46"/>
        <source>Chứng thực bản sao</source>
        <translation>Certified copies</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="66"/>
        <source>Tôi đồng ý gửi thông tin và giấy tờ trên tới cơ quan giải quyết qua Cổng dịch vụ công. Máy giữ bản mã hoá {sent_days} ngày sau khi gửi (nếu bị từ chối: {failed_days} ngày), rồi tự xoá.</source>
        <extracomment>The consent sentence, filled with the retention settings the purge job applies.</extracomment>
        <translation>I agree to send the details and documents above to the handling agency through the portal. The kiosk keeps an encrypted copy {sent_days} days after sending ({failed_days} if refused), then deletes it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="69"/>
        <source>Máy này chưa tự gọi được nhân viên đến. Để được giúp ngay, xin gọi đường dây hỗ trợ {phone}, hoặc nhờ nhân viên tại quầy gần nhất. Hồ sơ của ông/bà vẫn được giữ trên màn hình.</source>
        <translation>This kiosk cannot page staff yet. For help now, please call the helpline {phone} or ask at the nearest counter. Your dossier stays on the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="72"/>
        <source>Máy này chưa tự gọi được nhân viên đến. Để được giúp, xin nhờ nhân viên tại quầy gần nhất hoặc người quản lý toà nhà. Hồ sơ của ông/bà vẫn được giữ trên màn hình.</source>
        <translation>This kiosk cannot page staff yet. For help, please ask at the nearest counter or the building&apos;s manager. Your dossier stays on the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/journey.py" line="75"/>
        <source>Bước {step}/{total}</source>
        <translation>Step {step} of {total}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/payment.py" line="25"/>
        <source>Đang lấy thông tin lệ phí…</source>
        <translation>Getting the fee…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/payment.py" line="26"/>
        <source>Mở ứng dụng ngân hàng, quét mã QR và xác nhận. Máy tự chuyển khi nhận được tiền.</source>
        <translation>Open your banking app, scan the QR code and confirm. The kiosk moves on when it is paid.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/payment.py" line="28"/>
        <source>Đã thanh toán. Cảm ơn ông/bà!</source>
        <translation>Paid. Thank you!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/payment.py" line="29"/>
        <source>Hồ sơ này không phải nộp lệ phí.</source>
        <translation>No fee is due for this dossier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/payment.py" line="30"/>
        <source>Chưa lấy được thông tin lệ phí. Ông/bà có thể nộp sau tại quầy.</source>
        <translation>The fee could not be fetched. You can pay later at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/payment.py" line="31"/>
        <source>Mã thanh toán không hợp lệ. Vui lòng nộp tại quầy.</source>
        <translation>The payment code is not valid. Please pay at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="28"/>
        <source>Làm thủ tục hành chính ngay tại đây. Chạm vào màn hình để bắt đầu.</source>
        <extracomment>Title and instruction of each screen, as spoken (keys are `kiosk.ui.flow.Screen` values).</extracomment>
        <translation>Do your paperwork right here. Touch the screen to begin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="30"/>
        <source>Ông bà cần làm gì? Chạm vào tên thủ tục, rồi đưa thẻ căn cước vào camera.</source>
        <translation>What would you like to do? Touch the procedure&apos;s name, then show your ID card to the camera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="32"/>
        <source>Đưa thẻ căn cước vào trước camera, mặt có mã QR hướng vào camera. Máy sẽ tự đọc.</source>
        <translation>Hold your ID card in front of the camera, QR code facing it. The kiosk reads it itself.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="34"/>
        <source>Thông tin của ông bà. Xin kiểm tra lại, chạm vào một ô để sửa nếu chưa đúng.</source>
        <translation>Your details. Please check them; touch a field to correct it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="36"/>
        <source>Chọn thủ tục. Lệ phí và thời gian giải quyết được ghi dưới tên mỗi thủ tục.</source>
        <translation>Choose a procedure. The fee and the processing time are under each name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="38"/>
        <source>Thông tin về thủ tục. Xin đọc các giấy tờ cần có, rồi chạm Tiếp tục.</source>
        <translation>About this procedure. Read which documents you need, then touch Continue.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="40"/>
        <source>Điền tờ khai. Các ô có dấu tích đã được điền từ thẻ căn cước.</source>
        <translation>Fill in the form. Fields with a tick were filled from your ID card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="41"/>
        <source>Chụp giấy tờ. Đặt từng trang giấy dưới camera, mặt chữ lên trên. Máy tự chụp khi trang nằm yên.</source>
        <translation>Photograph your documents. Lay each page under the camera, text up. The kiosk takes the picture when the page lies still.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="43"/>
        <source>Chọn cách nhận kết quả: trực tuyến, tại quầy, hoặc qua bưu điện về tận nhà.</source>
        <translation>Choose how to receive the result: online, at the counter, or by post to your home.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="45"/>
        <source>Kiểm tra lần cuối. Nếu mọi thông tin đã đúng, chạm Gửi hồ sơ.</source>
        <translation>Final check. If everything is right, touch Send dossier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="46"/>
        <source>Thanh toán lệ phí. Quét mã QR bằng ứng dụng ngân hàng.</source>
        <translation>Pay the fee. Scan the QR code with your banking app.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="47"/>
        <source>Đã nộp hồ sơ. Xin giữ biên nhận; dùng mã hồ sơ để tra cứu tình trạng.</source>
        <translation>Your dossier has been filed. Keep the receipt; use its code to check the status.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="49"/>
        <source>Ông bà có hài lòng không? Chạm vào một mặt cười.</source>
        <translation>Were you satisfied? Touch one of the faces.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="50"/>
        <source>Tra cứu hồ sơ. Đưa mã QR trên biên nhận vào camera, hoặc nhập mã hồ sơ.</source>
        <translation>Check a dossier. Show the QR code of your receipt to the camera, or type the dossier code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="52"/>
        <source>Tài khoản Cổng dịch vụ công. Chọn đăng ký, liên kết hoặc đăng nhập bằng VNeID.</source>
        <translation>Portal account. Choose register, link, or log in with VNeID.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="54"/>
        <source>Hướng dẫn. Chọn một thủ tục để xem từng bước.</source>
        <translation>Guides. Choose a procedure to see it step by step.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_call.py" line="22"/>
        <source>Đã gửi yêu cầu đến nhân viên. Xin ông/bà chờ trong giây lát; hồ sơ vẫn được giữ trên màn hình.</source>
        <translation>Your call has gone to the staff. Please wait a moment; your dossier stays on the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_call.py" line="24"/>
        <source>Nhân viên đã nhận — đang đến. Xin ông/bà chờ tại máy.</source>
        <translation>A staff member has taken your call and is on the way. Please wait at the kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="38"/>
        <source>Họ, chữ đệm và tên</source>
        <extracomment>What `pick` takes: a catalogue source string, or a pair (data, lower layers, modules not moved yet). The catalogue context of every string marked in Python (QML&apos;s contexts are its file names).</extracomment>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="39"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="40"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="41"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="42"/>
        <source>Nơi thường trú</source>
        <translation>Place of residence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="45"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="45"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="48"/>
        <source>Xin đánh dấu ô đồng ý trước khi gửi hồ sơ.</source>
        <translation>Please tick the consent box before sending the dossier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="49"/>
        <source>Xin điền đủ các mục còn trống.</source>
        <translation>Please fill in the empty fields.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="50"/>
        <source>Một số mục cần sửa. Chạm vào tên mục trong khung đỏ ở đầu trang để tới ô đó.</source>
        <translation>Some answers need attention. Touch a name in the red box at the top to go to it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="52"/>
        <source>Đang tải danh sách thủ tục…</source>
        <translation>Loading the list of procedures…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="53"/>
        <source>Chưa kết nối được Cổng dịch vụ công. Hồ sơ đã được lưu an toàn và sẽ tự động gửi khi có mạng.</source>
        <translation>The portal cannot be reached right now. Your dossier is stored safely and will be sent automatically when the connection returns.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="56"/>
        <source>Máy này chưa tự gọi được nhân viên đến. Xin nhờ nhân viên tại quầy gần nhất.</source>
        <translation>This kiosk cannot page staff yet. Please ask at the nearest counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="58"/>
        <source>Không lưu được hồ sơ trên máy. Xin báo nhân viên hỗ trợ; không có gì được gửi đi.</source>
        <translation>The dossier could not be saved on this kiosk. Please call staff; nothing was sent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="60"/>
        <source>Miễn phí</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="61"/>
        <source>{amount} đồng</source>
        <translation>{amount} VND</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="66"/>
        <source> (nếu có)</source>
        <extracomment>Single words and short phrases the view-models build lines from.</extracomment>
        <translation> (if any)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="67"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="68"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="69"/>
        <source>Giấy tờ đính kèm</source>
        <translation>Attached document</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="70"/>
        <source>1 trang</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="71"/>
        <source>{count} trang</source>
        <translation>{count} pages</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="72"/>
        <source>Nhận kết quả trực tuyến (trên Cổng dịch vụ công)</source>
        <translation>Online (on the portal)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="73"/>
        <source>Nhận tại bộ phận một cửa</source>
        <translation>At the one-stop counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="74"/>
        <source>Gửi qua bưu điện tới: {where}</source>
        <translation>By post to: {where}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="75"/>
        <source>Gửi qua chuyển phát nhanh tới: {where}</source>
        <translation>By express post to: {where}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="76"/>
        <source>Bưu điện đến nhận hồ sơ tại: {where}</source>
        <translation>The postman collects it at: {where}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="63"/>
        <source>Xin nhập số điện thoại di động của ông/bà.</source>
        <extracomment>Vietnamese mobile numbers after the 2018 renumbering: 10 digits, 03x/05x/07x/08x/09x. How long past the QR&apos;s end the kiosk still asks the portal before calling it expired itself. A QR lifetime the kiosk believes when its clock and the portal&apos;s disagree wildly.</extracomment>
        <translation>Please enter your mobile phone number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="64"/>
        <source>Số điện thoại chưa đúng: cần đủ 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.</source>
        <translation>This number is not right: it needs 10 digits and starts with 03, 05, 07, 08 or 09.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="66"/>
        <source>Địa chỉ e-mail chưa đúng (ví dụ: ten@gmail.com). Có thể để trống.</source>
        <translation>This e-mail address is not right (for example: name@gmail.com). You may leave it empty.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="68"/>
        <source>Thẻ không có ngày sinh nên không tạo được tài khoản ở đây. Xin nhờ nhân viên hỗ trợ.</source>
        <translation>The card has no date of birth, so no account can be made here. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="70"/>
        <source>Xin nhập đủ 6 chữ số trong tin nhắn.</source>
        <translation>Please enter all 6 digits from the text message.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="71"/>
        <source>Mã chưa đúng. Xin xem lại tin nhắn và nhập lại.</source>
        <translation>That code is not right. Please check the text message and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="72"/>
        <source>Mã chưa đúng. Xin xem lại tin nhắn và nhập lại (còn {n} lần thử).</source>
        <translation>That code is not right. Please check the text message and try again ({n} tries left).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="74"/>
        <source>Mã đã hết hạn hoặc đã nhập sai quá nhiều lần. Chạm “Gửi lại mã” để nhận mã mới.</source>
        <translation>The code has expired or was entered wrongly too many times. Tap “Send a new code”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="76"/>
        <source>Số định danh này đã có tài khoản. Chạm “Đã có tài khoản” để liên kết.</source>
        <translation>This ID number already has an account. Tap “I have an account” to link it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="78"/>
        <source>Không tìm thấy tài khoản với số định danh và số điện thoại này. Xin kiểm tra lại số điện thoại, hoặc tạo tài khoản mới.</source>
        <translation>No account was found with this ID number and phone number. Please check the number, or create a new account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="81"/>
        <source>Chưa kết nối được Cổng dịch vụ công. Xin thử lại sau ít phút hoặc gọi nhân viên.</source>
        <translation>The public service portal cannot be reached. Please try again in a few minutes or call staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="83"/>
        <source>Cổng dịch vụ công chưa chấp nhận yêu cầu. Xin nhờ nhân viên hỗ trợ.</source>
        <translation>The public service portal did not accept the request. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="85"/>
        <source>Tài khoản VNeID vừa xác nhận không phải của người có thẻ này. Xin dùng điện thoại của chính chủ thẻ.</source>
        <translation>The VNeID account that confirmed is not the card holder&apos;s. Please use the card holder&apos;s own phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="90"/>
        <source>Tài khoản định danh điện tử VNeID</source>
        <translation>VNeID electronic identification account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="91"/>
        <source>Tài khoản Cổng Dịch vụ công</source>
        <translation>Public service portal account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="307"/>
        <location filename="../../kiosk/ui/applicant.py" line="49"/>
        <location filename="../../kiosk/ui/applicant.py" line="82"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="439"/>
        <source>Số hộ chiếu</source>
        <extracomment>The fields each kind types (the citizen&apos;s come from the card), in display order.</extracomment>
        <translation>Passport number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="308"/>
        <location filename="../../kiosk/ui/applicant.py" line="50"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="440"/>
        <source>Mã số doanh nghiệp</source>
        <translation>Enterprise code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/account.py" line="309"/>
        <location filename="../../kiosk/ui/applicant.py" line="48"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="438"/>
        <source>Số định danh</source>
        <extracomment>What the identifier is called on the identity line.</extracomment>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="40"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="433"/>
        <source>Công dân Việt Nam</source>
        <extracomment>Plain words for the kind, on the review and the identity line (the paper receipt prints the same words, notices applicant.kind.&lt;kind&gt;, both languages at once).</extracomment>
        <translation>Vietnamese citizen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="41"/>
        <location filename="../../kiosk/ui/applicant.py" line="61"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="434"/>
        <source>Người nước ngoài</source>
        <translation>Foreign national</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="42"/>
        <location filename="../../kiosk/ui/applicant.py" line="63"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="435"/>
        <source>Tổ chức / doanh nghiệp</source>
        <translation>Organisation / business</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="43"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="436"/>
        <source>Người chưa có số định danh</source>
        <translation>Person without an ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="44"/>
        <location filename="../../kiosk/ui/applicant.py" line="59"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="437"/>
        <source>Nộp thay người thân</source>
        <translation>Filing for a relative</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="51"/>
        <location filename="../../kiosk/ui/applicant.py" line="87"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="441"/>
        <source>Năm sinh</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="52"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="442"/>
        <source>Số định danh người nộp</source>
        <translation>Representative&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="57"/>
        <source>Tôi là công dân Việt Nam</source>
        <extracomment>The choice, in the order shown; the second line says plainly what each one means.</extracomment>
        <translation>I am a Vietnamese citizen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="58"/>
        <source>Có thẻ căn cước</source>
        <translation>With a chip ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="60"/>
        <source>Ví dụ cho cha, mẹ già</source>
        <translation>For example an elderly parent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="62"/>
        <source>Dùng hộ chiếu</source>
        <translation>With a passport</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="64"/>
        <source>Có mã số doanh nghiệp / mã số thuế</source>
        <translation>With an enterprise / tax code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="65"/>
        <source>Chưa có số định danh</source>
        <translation>No personal ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="66"/>
        <source>Nhập họ tên, năm sinh, giấy tờ đang có</source>
        <translation>Name, birth year, the paper you hold</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="83"/>
        <source>Quốc tịch (mã trên hộ chiếu, ví dụ USA, KOR, D)</source>
        <translation>Nationality (the code in the passport, e.g. USA, KOR, D)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="84"/>
        <source>Mã số doanh nghiệp / mã số thuế</source>
        <translation>Enterprise / tax code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="85"/>
        <source>Họ tên người đại diện của tổ chức</source>
        <translation>Name of the organisation&apos;s representative</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="86"/>
        <source>Số định danh của người đại diện (12 chữ số)</source>
        <translation>Representative&apos;s personal ID number (12 digits)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="88"/>
        <source>Ngày cấp giấy tờ đang có (ví dụ giấy khai sinh)</source>
        <translation>Issue date of the paper you hold (e.g. birth certificate)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="89"/>
        <source>Nơi cấp giấy tờ đó</source>
        <translation>Who issued that paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="90"/>
        <source>Họ tên người được nộp thay</source>
        <translation>Name of the person you file for</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="91"/>
        <source>Số định danh của người được nộp thay (12 chữ số)</source>
        <translation>Their personal ID number (12 digits)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="92"/>
        <source>Quan hệ với người đó (ví dụ: con)</source>
        <translation>Your relationship to them (e.g. child)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="96"/>
        <source>Họ tên như trên hộ chiếu (chữ in hoa)</source>
        <extracomment>Labels that read differently for one kind.</extracomment>
        <translation>Name as in the passport (capital letters)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="98"/>
        <source>Tên tổ chức / doanh nghiệp</source>
        <translation>Name of the organisation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="99"/>
        <source>Địa chỉ trụ sở</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="100"/>
        <source>Họ tên người đi nộp (ông/bà)</source>
        <translation>Your full name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="101"/>
        <source>Số định danh của người đi nộp</source>
        <translation>Your personal ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="113"/>
        <source>Đưa thẻ căn cước vào trước camera</source>
        <extracomment>How each field is typed: the on-screen keyboard and the widget follow it. Where the details screen is reached without a card (nothing to read for these kinds).</extracomment>
        <translation>Hold your ID card up to the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="114"/>
        <source>Đưa thẻ căn cước của người đi nộp vào trước camera</source>
        <translation>Hold your own ID card up to the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="116"/>
        <source>Đưa trang có ảnh của hộ chiếu vào trước camera</source>
        <translation>Hold the passport&apos;s photo page up to the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="119"/>
        <source>Nhập số hộ chiếu bằng tay</source>
        <translation>Type the passport number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="135"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="269"/>
        <source>Không có thẻ? Nhập thông tin bằng tay</source>
        <translation>No card? Type your details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="279"/>
        <source>Ai nộp hồ sơ?</source>
        <translation>Who is filing?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="283"/>
        <source>Trang có ảnh và hai dòng mã ở cuối trang hướng vào camera. Máy sẽ tự đọc.</source>
        <translation>The photo page with the two code lines at its foot towards the camera. It is read by itself.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="285"/>
        <source>Mặt có mã QR hướng vào camera. Máy sẽ tự đọc, ông/bà không cần bấm gì.</source>
        <translation>QR code side towards the camera. It is read by itself; no need to tap anything.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="354"/>
        <source>Vui lòng điền ô này.</source>
        <translation>Please fill in this field.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/applicant.py" line="357"/>
        <source>Xin kiểm tra các ô được đánh dấu đỏ.</source>
        <translation>Please check the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="48"/>
        <source>Không mở được camera tài liệu. Hãy dùng máy quét hoặc gọi nhân viên.</source>
        <translation>The document camera cannot be opened. Use the scanner or call staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="50"/>
        <source>Đang xử lý trang…</source>
        <translation>Processing the page…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="51"/>
        <source>Đang quét… (bấm Dừng để hủy)</source>
        <translation>Scanning… (tap Stop to cancel)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="52"/>
        <source>Kiosk này không có máy quét.</source>
        <translation>This kiosk has no scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="53"/>
        <source>Còn thiếu giấy tờ bắt buộc: {names}</source>
        <translation>Required documents still missing: {names}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="54"/>
        <source>Có trang chụp chưa đủ rõ (đánh dấu ⚠). Hãy chụp lại gần hơn hoặc dùng máy quét.</source>
        <translation>A page is not sharp enough (marked ⚠). Retake it closer or use the scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="56"/>
        <source>Trang ⚠ có vẻ bị gấp: trải phẳng và chụp lại, hoặc giữ nửa này.</source>
        <translation>Page ⚠ looks folded: flatten and retake it, or keep this half.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="57"/>
        <source>Không xử lý được ảnh này. Hãy chụp lại.</source>
        <translation>This picture could not be processed. Retake it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="58"/>
        <source>Đã quét {n} trang.</source>
        <translation>{n} page(s) scanned.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="59"/>
        <source>Trang quét bằng máy quét không cần sửa mép giấy.</source>
        <translation>A scanned page has no corners to adjust.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="60"/>
        <source>{name}: xin điền {what}.</source>
        <translation>{name}: please fill in the {what}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="283"/>
        <source>Trích yếu</source>
        <extracomment>The document-code pattern from the configuration (portal.document_code_pattern).</extracomment>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="284"/>
        <source>Hiệu lực</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="291"/>
        <source>Thông tin giấy tờ</source>
        <translation>About this paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="292"/>
        <source>Nhập số, ngày của giấy tờ (cần điền)</source>
        <translation>Enter the paper&apos;s number and dates (needed)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="293"/>
        <source>Nhập số, ngày của giấy tờ</source>
        <translation>Enter the paper&apos;s number and dates</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="294"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="295"/>
        <source>✎ Số, ngày</source>
        <translation>✎ No., dates</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/documents.py" line="297"/>
        <source>Ghi như trên giấy. Nhân viên có thể điền giúp.</source>
        <translation>As written on the paper. The staff can fill this in for you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="19"/>
        <source>Vui lòng nhập họ và tên.</source>
        <translation>Please enter the full name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="20"/>
        <source>Vui lòng nhập số định danh cá nhân (12 chữ số).</source>
        <translation>Please enter the personal ID number (12 digits).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="21"/>
        <source>Vui lòng nhập số hộ chiếu.</source>
        <translation>Please enter the passport number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="22"/>
        <source>Vui lòng nhập quốc tịch (mã 3 chữ cái trên hộ chiếu).</source>
        <translation>Please enter the nationality (the 3-letter code in the passport).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="23"/>
        <source>Vui lòng nhập mã số doanh nghiệp / mã số thuế.</source>
        <translation>Please enter the enterprise / tax code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="24"/>
        <source>Vui lòng nhập họ tên người đại diện.</source>
        <translation>Please enter the representative&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="25"/>
        <source>Vui lòng nhập số định danh của người đại diện.</source>
        <translation>Please enter the representative&apos;s ID number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="26"/>
        <source>Vui lòng nhập năm sinh.</source>
        <translation>Please enter the year of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="27"/>
        <source>Vui lòng nhập ngày cấp giấy tờ.</source>
        <translation>Please enter the paper&apos;s issue date.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="28"/>
        <source>Vui lòng nhập cơ quan cấp giấy tờ.</source>
        <translation>Please enter the issuing body.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="29"/>
        <source>Vui lòng nhập họ tên người được nộp thay.</source>
        <translation>Please enter the name of the person you file for.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="30"/>
        <source>Vui lòng nhập số định danh của người được nộp thay.</source>
        <translation>Please enter the ID number of the person you file for.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="34"/>
        <source>Số định danh phải gồm đúng 12 chữ số.</source>
        <translation>The personal ID number must be exactly 12 digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="35"/>
        <source>Số định danh của người được nộp thay phải gồm đúng 12 chữ số.</source>
        <translation>The represented person&apos;s ID number must be exactly 12 digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="37"/>
        <source>Số định danh của người đại diện phải gồm đúng 12 chữ số.</source>
        <translation>The representative&apos;s ID number must be exactly 12 digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="42"/>
        <source>Loại người nộp không hợp lệ.</source>
        <translation>The kind of applicant is not valid.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="43"/>
        <source>Thông tin này không thuộc loại người nộp đã chọn.</source>
        <translation>This detail does not belong to the kind of applicant chosen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="44"/>
        <source>Họ tên quá dài.</source>
        <translation>The name is too long.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="45"/>
        <source>Quá dài.</source>
        <translation>Too long.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="46"/>
        <source>Ngày không hợp lệ (năm-tháng-ngày, không sau hôm nay).</source>
        <translation>The date is not valid (year-month-day, not after today).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="48"/>
        <source>Người được nộp thay phải là người khác với người nộp.</source>
        <translation>The person you file for must be someone other than yourself.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="50"/>
        <source>Số hộ chiếu chỉ gồm chữ cái không dấu và chữ số (5–20 ký tự).</source>
        <translation>The passport number has only letters A–Z and digits (5–20 characters).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="52"/>
        <source>Quốc tịch phải là mã quốc gia trên hộ chiếu (ví dụ USA, KOR, D).</source>
        <translation>The nationality must be the country code in the passport (for example USA, KOR, D).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="54"/>
        <source>Họ tên ghi như trên hộ chiếu: chữ in hoa không dấu (ví dụ JOHN SMITH).</source>
        <translation>Write the name as in the passport: capital letters without accents (for example JOHN SMITH).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="56"/>
        <source>Mã số doanh nghiệp / mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng 0123456789-001.</source>
        <translation>The enterprise / tax code is 10 digits, or 13 written as 0123456789-001.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="59"/>
        <source>Năm sinh không hợp lệ (4 chữ số).</source>
        <translation>The year of birth is not valid (4 digits).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="65"/>
        <source>Có lỗi khi làm việc với Cổng dịch vụ công. Hồ sơ của ông/bà vẫn được lưu an toàn trên máy.</source>
        <translation>Something went wrong with the public service portal. Your dossier is still stored safely here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="67"/>
        <source>Không kết nối được với Cổng dịch vụ công. Hồ sơ của ông/bà vẫn được lưu an toàn và sẽ được gửi tự động khi có kết nối.</source>
        <translation>The public service portal cannot be reached right now. Your dossier is stored safely and will be sent automatically when the connection is back.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="70"/>
        <source>Cổng dịch vụ công trả lời không đúng định dạng. Hồ sơ của ông/bà vẫn được lưu an toàn và sẽ được gửi lại sau.</source>
        <translation>The public service portal sent an answer the kiosk could not understand. Your dossier is stored safely and will be sent again later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="73"/>
        <source>Cổng dịch vụ công chưa chấp nhận hồ sơ. Vui lòng liên hệ cán bộ hỗ trợ để được hướng dẫn.</source>
        <translation>The public service portal did not accept the dossier. Please ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="76"/>
        <source>Cổng dịch vụ công chưa chấp nhận hồ sơ. Vui lòng liên hệ cán bộ hỗ trợ để được hướng dẫn. Lý do: {reason}</source>
        <translation>The public service portal did not accept the dossier. Please ask the staff for help. The portal&apos;s reason (in Vietnamese): {reason}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="79"/>
        <source>Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã hồ sơ trên giấy biên nhận.</source>
        <translation>No dossier was found with this code. Please check the code on your receipt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="82"/>
        <source>Hồ sơ này trùng mã gửi với một hồ sơ khác đã nộp. Vui lòng liên hệ cán bộ hỗ trợ; hồ sơ của ông/bà vẫn được lưu trên máy.</source>
        <translation>This dossier clashes with another one already sent. Please ask the staff for help; your dossier is still stored here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="86"/>
        <source>Máy kiosk tạm thời chưa kết nối được với Cổng dịch vụ công. Vui lòng liên hệ cán bộ hỗ trợ.</source>
        <translation>This kiosk cannot sign in to the public service portal right now. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="88"/>
        <source>Hồ sơ của ông/bà đang được xử lý, chưa có kết quả. Vui lòng quay lại sau.</source>
        <translation>Your dossier is still being processed; there is no result yet. Please come back later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="90"/>
        <source>Mã xác nhận đã hết hạn. Vui lòng lấy mã mới.</source>
        <translation>The confirmation code has expired. Please request a new one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="94"/>
        <source>Thủ tục {procedure} không có trong danh mục của Cổng dịch vụ công.</source>
        <translation>Procedure {procedure} is not in the public service portal&apos;s catalogue.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="96"/>
        <source>Thủ tục {procedure} không có loại giấy tờ {type_code}.</source>
        <translation>Procedure {procedure} has no document type {type_code}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="98"/>
        <source>Cổng dịch vụ công không nhận tệp {filename} ({content_type}); chỉ nhận PDF, JPEG hoặc PNG.</source>
        <translation>The public service portal does not take the file {filename} ({content_type}); only PDF, JPEG or PNG.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="100"/>
        <source>Còn thiếu giấy tờ bắt buộc: {type_codes}.</source>
        <translation>Required documents still missing: {type_codes}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="101"/>
        <source>Thủ tục {procedure} không trả kết quả qua bưu chính.</source>
        <translation>Procedure {procedure} does not return results by post.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="103"/>
        <source>Thủ tục {procedure} không nhận hồ sơ giấy qua bưu chính (không hẹn bưu tá được).</source>
        <translation>Procedure {procedure} does not take the paper dossier by post (no postman visit).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="108"/>
        <source>Máy quét gặp lỗi. Vui lòng thử lại hoặc nhờ nhân viên hỗ trợ.</source>
        <translation>The scanner reported a problem. Please try again or ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="110"/>
        <source>Giấy bị kẹt trong máy quét. Vui lòng mở nắp, nhẹ nhàng lấy giấy ra rồi thử lại.</source>
        <translation>Paper is jammed in the scanner. Open the cover, gently remove the paper and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="112"/>
        <source>Khay nạp giấy đang trống. Vui lòng đặt giấy tờ vào khay rồi thử lại.</source>
        <translation>The document feeder is empty. Put the pages in the feeder and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="114"/>
        <source>Nắp máy quét đang mở. Vui lòng đóng nắp rồi thử lại.</source>
        <translation>The scanner cover is open. Close it and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="115"/>
        <source>Máy quét đang bận. Vui lòng đợi một lát rồi thử lại.</source>
        <translation>The scanner is busy. Please wait a moment and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="116"/>
        <source>Không kết nối được với máy quét. Vui lòng nhờ nhân viên hỗ trợ.</source>
        <translation>The scanner cannot be reached. Please ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="118"/>
        <source>Đã hủy quét.</source>
        <translation>Scanning was cancelled.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="119"/>
        <source>Máy quét không phản hồi. Các trang đã quét vẫn được giữ. Vui lòng thử lại hoặc nhờ nhân viên hỗ trợ.</source>
        <translation>The scanner is not responding. The pages already scanned are kept. Please try again or ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="123"/>
        <source>Máy quét không hỗ trợ thiết lập này: {detail}</source>
        <translation>The scanner does not support these settings: {detail}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="127"/>
        <source>Có lỗi xảy ra. Xin nhờ nhân viên hỗ trợ.</source>
        <translation>Something went wrong. Please ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="132"/>
        <source>Thiếu trường bắt buộc.</source>
        <extracomment>Decree 107 metadata problems of a document (kiosk.domain.documents).</extracomment>
        <translation>A required field is missing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="133"/>
        <source>Thiếu mã loại giấy tờ.</source>
        <translation>The document-type code is missing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="134"/>
        <source>Thiếu tên giấy tờ.</source>
        <translation>The document name is missing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="135"/>
        <source>Thiếu trích yếu nội dung.</source>
        <translation>The summary is missing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="136"/>
        <source>Giá trị không hợp lệ.</source>
        <translation>The value is not valid.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="137"/>
        <source>Mã loại giấy tờ chỉ gồm chữ cái không dấu, chữ số, &apos;-&apos; và &apos;_&apos; (tối đa 50 ký tự).</source>
        <translation>The document-type code may hold only letters A–Z, digits, &apos;-&apos; and &apos;_&apos; (50 at most).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="140"/>
        <location filename="../../kiosk/ui/notice_texts.py" line="354"/>
        <source>Số định danh cá nhân phải gồm đúng 12 chữ số.</source>
        <translation>The personal ID number must be exactly 12 digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="142"/>
        <source>Thời hạn hiệu lực phải là một ngày hoặc &apos;vĩnh viễn&apos; (permanent).</source>
        <translation>The validity must be an end date or &apos;permanent&apos;.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="144"/>
        <source>Mã băm SHA-256 phải gồm 64 chữ số hệ 16.</source>
        <translation>The SHA-256 must be 64 hexadecimal digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="145"/>
        <source>Thiếu tên chủ giấy tờ (người nước ngoài hoặc tổ chức).</source>
        <translation>The owner&apos;s name is missing (a foreigner or an organisation).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="147"/>
        <source>Chủ giấy tờ không có số định danh: cần họ tên, năm sinh, ngày cấp và cơ quan cấp.</source>
        <translation>The owner has no personal ID number: their full name and year of birth, the issue date and the issuing body are then required.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="149"/>
        <source>Năm sinh không hợp lệ.</source>
        <translation>The year of birth is not valid.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="150"/>
        <source>Số trang phải từ 1 trở lên.</source>
        <translation>The page count must be at least 1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="151"/>
        <source>Số thứ tự giấy tờ phải từ 1 đến {max}.</source>
        <translation>The document sequence number must be between 1 and {max}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="152"/>
        <source>Ngày hết hiệu lực trước ngày cấp.</source>
        <translation>The validity ends before the issue date.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="153"/>
        <source>Thời điểm số hóa phải có múi giờ.</source>
        <translation>The digitisation time must carry a time zone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="154"/>
        <source>Ngày cấp sau ngày số hóa.</source>
        <translation>The issue date is after the day the document was digitised.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="155"/>
        <source>Quá dài (tối đa {limit} ký tự).</source>
        <translation>Too long ({limit} characters at most).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="156"/>
        <source>Có ký tự điều khiển không hợp lệ.</source>
        <translation>Contains control characters.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="157"/>
        <source>Trường không được hỗ trợ.</source>
        <translation>Unknown field.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="158"/>
        <source>Chưa có ngày để tính thời hạn hiệu lực của giấy tờ.</source>
        <translation>The date the document&apos;s validity depends on is missing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="164"/>
        <source>Máy đang có quá nhiều hồ sơ chưa gửi được nên tạm ngừng nhận hồ sơ mới. Cán bộ hỗ trợ đã được báo. Xin ông/bà vui lòng quay lại sau.</source>
        <extracomment>Why the kiosk takes no new dossier now (kiosk.store.admission).</extracomment>
        <translation>This kiosk has too many dossiers it could not send yet, so it is not taking new ones for now. The staff have been told. Please come back later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="167"/>
        <source>Máy chưa gửi được hồ sơ lên Cổng dịch vụ công trong thời gian dài nên tạm ngừng nhận hồ sơ mới. Cán bộ hỗ trợ đã được báo. Xin ông/bà vui lòng quay lại sau.</source>
        <translation>This kiosk has not been able to send dossiers to the portal for a long time, so it is not taking new ones for now. The staff have been told. Please come back later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="171"/>
        <source>Danh mục thủ tục trên máy đã cũ, chưa cập nhật được từ Cổng dịch vụ công nên tạm ngừng nhận hồ sơ mới. Cán bộ hỗ trợ đã được báo. Xin ông/bà vui lòng quay lại sau.</source>
        <translation>The list of procedures on this kiosk is out of date and could not be refreshed from the portal, so it is not taking new dossiers for now. The staff have been told. Please come back later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="179"/>
        <source>Không mở được ({spec}): {error}</source>
        <extracomment>The staff&apos;s device and readiness checks (kiosk.health, kiosk.doctor): the staff screen, `kiosk doctor`.</extracomment>
        <translation>Cannot open ({spec}): {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="180"/>
        <source>Mở được ({spec}) nhưng không có hình</source>
        <translation>Opens ({spec}) but gives no picture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="181"/>
        <source>Hoạt động ({spec}, {width}×{height})</source>
        <translation>Working ({spec}, {width}×{height})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="182"/>
        <source>Không dùng máy quét tại kiosk này</source>
        <translation>No scanner at this kiosk (configured)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="183"/>
        <source>Không dùng được SANE: {error}</source>
        <translation>SANE unusable: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="184"/>
        <source>Không thấy máy quét nào được cắm</source>
        <translation>No scanner attached</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="185"/>
        <source>Không thấy {device}; có: {found}</source>
        <translation>{device} not found; found: {found}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="186"/>
        <source>Sẵn sàng: {device}</source>
        <translation>Ready: {device}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="187"/>
        <source>Máy in thử (dummy): phiếu không in ra giấy</source>
        <translation>Dummy printer: receipts are not printed on paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="188"/>
        <source>Sẵn sàng ({spec})</source>
        <translation>Ready ({spec})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="189"/>
        <source>Không ghi được vào {path} (chưa cắm máy in?)</source>
        <translation>Cannot write to {path} (printer not connected?)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="190"/>
        <source>Không kết nối được {target}: {error}</source>
        <translation>Cannot connect to {target}: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="191"/>
        <source>Kết nối được ({spec})</source>
        <translation>Reachable ({spec})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="192"/>
        <source>Cấu hình máy in không hợp lệ: {spec}</source>
        <translation>Invalid printer setting: {spec}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="193"/>
        <source>Không thấy máy in ({spec}): {error}</source>
        <translation>Printer not found ({spec}): {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="194"/>
        <source>Hết giấy</source>
        <translation>Out of paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="195"/>
        <source>Sắp hết giấy</source>
        <translation>Paper running low</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="196"/>
        <source>Không kết nối được: {error}</source>
        <translation>Unreachable: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="197"/>
        <source>Kết nối tốt</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="198"/>
        <source>Cổng trả lời trạng thái {status}</source>
        <translation>Portal reports status {status}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="199"/>
        <source>Không đọc được ổ đĩa: {error}</source>
        <translation>Cannot read the disk: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="200"/>
        <source>Sắp đầy: còn trống {free}</source>
        <translation>Nearly full: {free} free</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="201"/>
        <source>Còn ít chỗ: còn trống {free}</source>
        <translation>Low: {free} free</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="202"/>
        <source>Còn trống {free}</source>
        <translation>{free} free</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="203"/>
        <source>{time}, đồng bộ NTP</source>
        <translation>{time}, NTP synchronised</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="204"/>
        <source>{time}, CHƯA đồng bộ NTP: kiểm tra giờ</source>
        <translation>{time}, NOT NTP synchronised: check the time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="205"/>
        <source>{time}, không rõ đồng bộ NTP (timedatectl không trả lời)</source>
        <translation>{time}, NTP status unknown (timedatectl does not answer)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="207"/>
        <source>Máy chưa được đăng ký (kiosk enrol)</source>
        <translation>Not enrolled (kiosk enrol)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="208"/>
        <source>Chế độ thử: {why}</source>
        <translation>Training mode: {why}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="209"/>
        <source>Đã đăng ký: {kiosk_id}</source>
        <translation>Enrolled: {kiosk_id}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="210"/>
        <source>Chưa có khóa dữ liệu trong {keyring} (kiosk enrol hoặc kiosk keys init)</source>
        <translation>No data key in the {keyring} (kiosk enrol or kiosk keys init)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="212"/>
        <source>Khóa dữ liệu lỗi: {error}</source>
        <translation>Data key problem: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="213"/>
        <source>Tệp khóa {path} để người khác đọc được</source>
        <translation>The keyring file {path} is readable by others</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="214"/>
        <source>Khóa dữ liệu {key_id}</source>
        <translation>Data key {key_id}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="215"/>
        <source>Không mở được cơ sở dữ liệu: {error}</source>
        <translation>Cannot open the database: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="216"/>
        <source>Lược đồ {schema}</source>
        <translation>Schema {schema}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="217"/>
        <source>Lược đồ {schema}, cần {head} (kiosk db upgrade)</source>
        <translation>Schema {schema}, needs {head} (kiosk db upgrade)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="219"/>
        <source>Hàng đợi lỗi: {error}</source>
        <translation>Queue problem: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="220"/>
        <source>{count} hồ sơ không đọc được (mất khóa?); {summary}</source>
        <translation>{count} dossiers cannot be opened (lost key?); {summary}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="222"/>
        <source>{count} hồ sơ lỗi cần xử lý; {summary}</source>
        <translation>{count} failed dossiers need a person; {summary}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="223"/>
        <source>Hồ sơ chờ gửi đã {days} ngày; {summary}</source>
        <translation>The oldest waiting dossier is {days} days old; {summary}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="224"/>
        <source>Hàng đợi: {summary}</source>
        <translation>Queue: {summary}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="225"/>
        <source>trống</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="231"/>
        <source>Báo cáo sẵn sàng</source>
        <extracomment>Image files refused before decoding (kiosk.capture.image_limits); {source} is the file&apos;s name as shown. The readiness report&apos;s headings and verdict (kiosk.doctor), printed ``Vietnamese / English``.</extracomment>
        <translation>Readiness report</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="232"/>
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="233"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="234"/>
        <source>SẴN SÀNG</source>
        <translation>READY</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="235"/>
        <source>CHƯA SẴN SÀNG</source>
        <translation>NOT READY</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="239"/>
        <source>Tên tệp quá dài ({length} ký tự).</source>
        <translation>The file name is too long ({length} characters).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="240"/>
        <source>Tên tệp chứa ký tự điều khiển.</source>
        <translation>The file name contains control characters.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="241"/>
        <source>Tên tệp chứa ký tự đánh dấu (&lt;, &gt;, &amp;…;).</source>
        <translation>The file name contains markup (&lt;, &gt;, &amp;…;).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="242"/>
        <source>Không tìm thấy tệp ảnh: {source}</source>
        <translation>Image file not found: {source}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="244"/>
        <source>Không đọc được tệp: {source} ({error})</source>
        <translation>Cannot read the file: {source} ({error})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="245"/>
        <source>Đây là thư mục, không phải tệp ảnh: {source}</source>
        <translation>This is a folder, not an image file: {source}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="246"/>
        <source>Không đọc được ảnh (tệp rỗng): {source}</source>
        <translation>Cannot read the image (an empty file, not an image): {source}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="247"/>
        <source>Tệp quá lớn ({mb} MB, tối đa {limit} MB).</source>
        <translation>The file is too large ({mb} MB; at most {limit} MB).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="249"/>
        <source>Ảnh quá lớn: {source} ({detail})</source>
        <translation>The image is too large: {source} ({detail})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="250"/>
        <source>Không đọc được ảnh (tệp hỏng hoặc không phải ảnh): {source}</source>
        <translation>Cannot read the image (a damaged file or not an image): {source}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="252"/>
        <source>Ảnh không có điểm ảnh nào.</source>
        <translation>The image has no pixels.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="253"/>
        <source>Ảnh quá lớn ({width}×{height} điểm ảnh; mỗi cạnh tối đa {max_side}).</source>
        <translation>The image is too large ({width}×{height} pixels; at most {max_side} per side).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="255"/>
        <source>Ảnh quá nhỏ ({width}×{height} điểm ảnh; mỗi cạnh tối thiểu {min_side}).</source>
        <translation>The image is too small ({width}×{height} pixels; at least {min_side} per side).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="257"/>
        <source>Ảnh quá dài và hẹp ({width}×{height}): không phải ảnh chụp giấy tờ.</source>
        <translation>The image is too long and narrow ({width}×{height}) to be a photo of a document.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="259"/>
        <source>Ảnh quá lớn ({width}×{height} = {megapixels} triệu điểm ảnh).</source>
        <translation>The image is too large ({width}×{height} = {megapixels} megapixels).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="261"/>
        <source>Không giải mã được ảnh: {source} ({error})</source>
        <translation>Cannot decode the image: {source} ({error})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="262"/>
        <source>Tệp ảnh bị cắt cụt (không trọn vẹn): {source}</source>
        <translation>The image file is truncated: {source}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="263"/>
        <source>Ảnh không khớp với phần đầu tệp: {source}</source>
        <translation>The image does not match its header: {source}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="269"/>
        <source>Chưa có ảnh nào để số hóa.</source>
        <extracomment>`kiosk docscan` and the documents screen (kiosk.capture.docscan, doc_capture): errors, page warnings, and the live camera&apos;s hints.</extracomment>
        <translation>No images to digitise.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="270"/>
        <source>Không có thư mục để ghi tệp: {folder}</source>
        <translation>The output folder does not exist: {folder}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="271"/>
        <source>Không xử lý được ảnh: {source} ({error})</source>
        <translation>Cannot process the image: {source} ({error})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="272"/>
        <source>Không ghi được tệp {source}: {reason}</source>
        <translation>Cannot write {source}: {reason}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="273"/>
        <source>Không tìm thấy mép trang giấy: dùng toàn bộ ảnh.</source>
        <translation>No page edges found: the whole image is used.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="274"/>
        <source>Độ phân giải dưới 200 dpi: nên chụp lại gần hơn hoặc dùng máy quét.</source>
        <translation>Resolution below 200 dpi: retake closer or use the scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="276"/>
        <source>Trang này có vẻ để trống.</source>
        <translation>This page looks blank.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="277"/>
        <source>Không chắc chiều của trang: hãy kiểm tra lại.</source>
        <translation>The page&apos;s orientation is uncertain: please check it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="278"/>
        <source>Trang giấy có vẻ bị gấp hoặc chỉ chụp được một phần: hãy trải phẳng và chụp lại, hoặc xác nhận chỉ cần một nửa trang.</source>
        <translation>The page looks folded, or only part of it is in the picture: flatten it and retake, or confirm that one half is what you mean.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="281"/>
        <source>Đặt trang giấy dưới camera, mặt chữ lên trên.</source>
        <translation>Place the page under the camera, text up.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="282"/>
        <source>Đã thấy trang giấy. Giữ yên…</source>
        <translation>Page found. Hold still…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="283"/>
        <source>Đang chụp…</source>
        <translation>Taking the picture…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="284"/>
        <source>Đã chụp. Đặt trang tiếp theo, hoặc bấm Xong.</source>
        <translation>Captured. Lay down the next page, or tap Done.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="290"/>
        <source>Chưa thấy mã QR. Hãy đưa mặt có mã QR của thẻ căn cước vào khung hình.</source>
        <extracomment>The card readers (kiosk.capture.idcard_reader, mrz_reader, card_scan; kiosk.domain.idcard, mrz): what a frame gave, and the live scan&apos;s hints between frames.</extracomment>
        <translation>No QR code in view. Show the side of the ID card that has the QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="292"/>
        <source>Đã thấy mã QR nhưng chưa đọc được. Hãy giữ yên thẻ và đưa lại gần hơn.</source>
        <translation>A QR code is in view but could not be read. Hold the card still and a bit closer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="294"/>
        <source>Mã QR này không phải mã trên thẻ căn cước. Hãy đưa mã QR in trên thẻ căn cước.</source>
        <translation>This QR code is not from an ID card. Show the QR code printed on the ID card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="296"/>
        <source>Đã thấy dòng chữ máy đọc (MRZ) nhưng chưa đọc chắc chắn được. Hãy giữ yên thẻ.</source>
        <translation>The machine-readable lines were found but not read with certainty. Hold the card still.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="298"/>
        <source>Ảnh này không được nhận (quá lớn, sai kích thước hoặc tên tệp không hợp lệ).</source>
        <translation>This image is refused (too large, an impossible size, or an invalid file name).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="300"/>
        <source>Không mở được ảnh này (không phải ảnh hoặc tệp bị hỏng).</source>
        <translation>This image could not be opened (not an image, or a damaged file).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="302"/>
        <source>Đã đọc được thẻ căn cước.</source>
        <translation>ID card read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="303"/>
        <source>Đã đọc hộ chiếu (giấy tờ nước ngoài).</source>
        <translation>Passport read (a foreign document).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="304"/>
        <source>Đã đọc giấy tờ nước ngoài.</source>
        <translation>Foreign document read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="305"/>
        <source>Mã này không phải mã của thẻ căn cước.</source>
        <translation>This code is not the code of an ID card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="306"/>
        <source>Mã QR không đúng dạng mã trên thẻ căn cước (sai số trường): hãy quét lại.</source>
        <translation>The QR code is not shaped like an ID card&apos;s (wrong number of fields): please scan again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="308"/>
        <source>Các trường trong mã QR bị lệch chỗ: hãy quét lại.</source>
        <translation>The fields in the QR code are out of place: please scan again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="309"/>
        <source>Đặt thẻ căn cước vào khung hình, mặt có mã QR hướng về camera.</source>
        <translation>Place your ID card in the frame with the QR code facing the camera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="311"/>
        <source>Giữ yên thẻ trong giây lát…</source>
        <translation>Hold the card still for a moment…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="312"/>
        <source>Đưa thẻ lại gần camera hơn.</source>
        <translation>Move the card closer to the camera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="313"/>
        <source>Hãy lật thẻ: mã QR nằm ở mặt bên kia.</source>
        <translation>Please turn the card over: the QR code is on the other side.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="314"/>
        <source>Mã QR này không phải của thẻ căn cước. Hãy đưa mã QR in trên thẻ căn cước.</source>
        <translation>This QR code is not from an ID card. Show the QR code printed on the ID card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="316"/>
        <source>Camera đang gặp sự cố. Vui lòng báo nhân viên hỗ trợ.</source>
        <translation>The camera is not working. Please ask a member of staff for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="318"/>
        <source>Đưa cả thẻ vào trong khung hình.</source>
        <translation>Move the whole card inside the frame.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="319"/>
        <source>Hơi nghiêng thẻ để tránh bị loá sáng.</source>
        <translation>Tilt the card a little to avoid the glare.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="320"/>
        <source>Đã đọc mặt sau. Xin lật thẻ để máy đọc mặt có mã QR (tên có dấu).</source>
        <translation>The back has been read. Please turn the card over so the QR code side can be read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="322"/>
        <source>Đã đọc xong thẻ căn cước.</source>
        <translation>Your ID card has been read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="323"/>
        <source>Đây là hộ chiếu (giấy tờ nước ngoài). Máy đang đọc dải ký tự máy đọc…</source>
        <translation>This is a passport (a foreign document). Reading its machine-readable lines…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="325"/>
        <source>Đây là giấy tờ tùy thân nước ngoài. Máy đang đọc dải ký tự máy đọc…</source>
        <translation>This is a foreign identity document. Reading its machine-readable lines…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="327"/>
        <source>Đã đọc xong giấy tờ nước ngoài.</source>
        <translation>The foreign document has been read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="328"/>
        <source>Chưa thấy dải ký tự ở mặt sau thẻ. Hãy đưa mặt sau của thẻ căn cước vào khung hình.</source>
        <translation>No MRZ in view. Show the back of the ID card (the side with the three lines of characters).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="330"/>
        <source>Đã thấy dải ký tự nhưng chưa đọc được. Hãy giữ yên thẻ, đưa lại gần và tránh lóa.</source>
        <translation>The MRZ is in view but could not be read. Hold the card still, a bit closer, without glare.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="332"/>
        <source>Đã đọc được dải ký tự mặt sau thẻ.</source>
        <translation>MRZ read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="333"/>
        <source>Không đọc được dải ký tự ở mặt sau thẻ. Hãy lau sạch thẻ và thử lại.</source>
        <translation>The lines of characters on the back of the card could not be read. Please wipe the card and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="335"/>
        <source>Không đọc được dải ký tự máy đọc của giấy tờ.</source>
        <translation>The document&apos;s machine-readable lines could not be read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="340"/>
        <source>Mã QR được giải mã sai bảng mã và đã được sửa lại; hãy kiểm tra họ tên.</source>
        <extracomment>Things to check on a card that was read (kiosk.domain.identity_parts.ReadingWarning): never personal data.</extracomment>
        <translation>The QR text was decoded with the wrong encoding and was repaired; check the name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="342"/>
        <source>Số CMND cũ trên thẻ không đúng dạng 9 chữ số.</source>
        <translation>The old ID (CMND) number is not 9 digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="343"/>
        <source>Giới tính trên thẻ không đọc được.</source>
        <translation>The sex is unreadable.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="344"/>
        <source>Ngày cấp trên thẻ không đọc được.</source>
        <translation>The issue date is unreadable.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="345"/>
        <source>Ngày cấp trên thẻ sớm hơn ngày sinh.</source>
        <translation>The issue date is before the date of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="346"/>
        <source>Họ tên hoặc địa chỉ có ký tự lạ; có thể mã QR bị giải mã sai.</source>
        <translation>The name or address has unexpected characters; the QR may be mis-decoded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="348"/>
        <source>Thẻ chỉ ghi năm sinh, không có ngày tháng.</source>
        <translation>The card gives only the year of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="349"/>
        <source>Ngày sinh trên thẻ không đọc được.</source>
        <translation>The date of birth is unreadable.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="350"/>
        <source>Ba số đầu của số định danh không phải mã tỉnh hay mã nước ngoài đã biết.</source>
        <translation>The first three digits of the ID number are not a known province or abroad code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="352"/>
        <source>Giới tính trong số định danh không khớp với giới tính trên thẻ.</source>
        <translation>The sex encoded in the ID number does not match the sex on the card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="355"/>
        <source>Chữ số thế kỷ trong số định danh không khớp với năm sinh.</source>
        <translation>The century digit of the ID number does not match the year of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="357"/>
        <source>Hai số năm sinh trong số định danh không khớp với năm sinh.</source>
        <translation>The two year digits of the ID number do not match the year of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="359"/>
        <source>Dải ký tự mặt sau thẻ bị đọc sai một vài ký tự và đã được sửa nhờ số kiểm tra.</source>
        <translation>Some MRZ characters were misread and were corrected using the check digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="361"/>
        <source>Họ tên ở mặt sau thẻ có thể bị đọc sai; hãy đối chiếu với mặt trước.</source>
        <translation>The MRZ name may be misread (it has no check digit); compare it with the card&apos;s front.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="363"/>
        <source>Không đọc được giới tính ở mặt sau thẻ; đã lấy theo số định danh.</source>
        <translation>The sex in the MRZ is unreadable; it was taken from the ID number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="365"/>
        <source>Ngày sinh ở mặt sau thẻ không hợp lệ.</source>
        <translation>The MRZ date of birth is not a valid date.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="366"/>
        <source>Thẻ đã hết hạn sử dụng.</source>
        <translation>The card has expired.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="367"/>
        <source>Mã quốc gia trên giấy tờ không có trong danh mục.</source>
        <translation>The document&apos;s country code is not an ICAO / ISO 3166 code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="369"/>
        <source>Số định danh ở hai mặt thẻ không khớp nhau.</source>
        <translation>The ID number differs between the two sides of the card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="370"/>
        <source>Ngày sinh ở hai mặt thẻ không khớp nhau.</source>
        <translation>The date of birth differs between the two sides of the card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="372"/>
        <source>Giới tính ở hai mặt thẻ không khớp nhau.</source>
        <translation>The sex differs between the two sides of the card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="373"/>
        <source>Họ tên ở hai mặt thẻ không khớp nhau.</source>
        <translation>The name differs between the two sides of the card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="374"/>
        <source>Họ tên trong dải ký tự có thể bị đọc sai; hãy đối chiếu với trang thông tin.</source>
        <translation>The MRZ name may be misread (it has no check digit); compare it with the data page.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="377"/>
        <source>Tên được đọc từ mặt sau của thẻ nên không có dấu. Xin sửa lại tên cho đúng.</source>
        <translation>The name was read from the back of the card, without diacritics. Please correct it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="384"/>
        <source>{file}: KHÔNG ĐỌC ĐƯỢC — {message} ({elapsed})</source>
        <extracomment>The operator&apos;s lines of `kiosk idcard read` and `kiosk docscan` (kiosk.commands.capture), in the CLI&apos;s language (KIOSK_CLI_LANG). {message} is a notice already in words; the rest is data.</extracomment>
        <translation>{file}: NOT READ — {message} ({elapsed})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="385"/>
        <source>{file}: đọc được ({source}, {elapsed}) — {fields}</source>
        <translation>{file}: read ({source}, {elapsed}) — {fields}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="386"/>
        <source>{file}: {message} ({format}, {elapsed}) — Số giấy tờ {number} · Nơi cấp {state} · Quốc tịch {nationality} · Họ tên {name} · Ngày sinh {birth} · Có giá trị đến {expiry}</source>
        <translation>{file}: {message} ({format}, {elapsed}) — Document number {number} · Issued by {state} · Nationality {nationality} · Name {name} · Date of birth {birth} · Valid until {expiry}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="390"/>
        <source>Số định danh {value}</source>
        <translation>ID number {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="391"/>
        <source>Họ tên {value}</source>
        <translation>Name {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="392"/>
        <source>Ngày sinh {value}</source>
        <translation>Date of birth {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="393"/>
        <source>Giới tính {value}</source>
        <translation>Sex {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="394"/>
        <source>CMND {value}</source>
        <translation>Old ID (CMND) {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="395"/>
        <source>Nơi thường trú {value}</source>
        <translation>Permanent address {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="396"/>
        <source>Ngày cấp {value}</source>
        <translation>Issued on {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="397"/>
        <source>Có giá trị đến {value}</source>
        <translation>Valid until {value}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="398"/>
        <source>trang {number}: {source} → {width}×{height} px, {dpi} dpi thực, {kb} KB, {ms} ms</source>
        <translation>page {number}: {source} → {width}×{height} px, {dpi} dpi effective, {kb} KB, {ms} ms</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="400"/>
        <source> (trống)</source>
        <translation> (blank)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="401"/>
        <source>    ! bỏ qua {source}: {message}</source>
        <translation>    ! left out {source}: {message}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="402"/>
        <source>{output}: {pages} trang, {kb} KB</source>
        <translation>{output}: {pages} pages, {kb} KB</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="408"/>
        <source>PHIẾU TIẾP NHẬN HỒ SƠ</source>
        <extracomment>The paper receipt (kiosk.receipts.model), printed in both languages, Vietnamese first; the kinds of applicant and their identifiers (kiosk.domain.applicant), as the review screen says them.</extracomment>
        <translation>Dossier receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="409"/>
        <source>BẢN IN LẠI</source>
        <translation>reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="410"/>
        <source>BẢN IN LẠI lúc {when}</source>
        <translation>Reprinted {when}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="411"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="412"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="413"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="414"/>
        <source>Loại người nộp</source>
        <translation>Applicant type</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="415"/>
        <source>Nộp thay cho</source>
        <translation>Filed for</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="416"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="417"/>
        <source>Nhận kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="418"/>
        <source>Cước chuyển phát</source>
        <translation>Postage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="419"/>
        <source>Thời gian</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="420"/>
        <source>Nhân viên hỗ trợ</source>
        <translation>Assisted by</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="421"/>
        <source>miễn phí</source>
        <translation>free</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="422"/>
        <source>Trực tuyến, trong tài khoản Cổng Dịch vụ công</source>
        <translation>Online, in your portal account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="423"/>
        <source>Tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="424"/>
        <source>Tại quầy: {counter}</source>
        <translation>At the counter: {counter}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="425"/>
        <source>Bưu điện chuyển phát tận nhà</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="426"/>
        <source>Bưu điện đến nhận hồ sơ tại nhà</source>
        <translation>Home pickup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="427"/>
        <source>theo giá bưu điện</source>
        <translation>at the post&apos;s rate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="428"/>
        <source>trả bưu tá khi nhận (COD)</source>
        <translation>paid to the postman on delivery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="429"/>
        <source>đã nộp cùng lệ phí (VietQR)</source>
        <translation>paid with the fee (VietQR)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="430"/>
        <source>Tra cứu hồ sơ: quét mã QR này tại bất kỳ kiosk nào, hoặc nhập mã hồ sơ tại {portal}.</source>
        <translation>Check status: scan this QR at any kiosk, or enter the dossier code at {portal}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="432"/>
        <source>Giữ phiếu này đến khi nhận kết quả.</source>
        <translation>Keep this receipt until you get the result.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="447"/>
        <source>Xin điền mục này.</source>
        <extracomment>Under a form field: what is wrong with the answer (kiosk.portal.forms reason codes).</extracomment>
        <translation>Please fill in this field.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="448"/>
        <source>Xin nhập một số.</source>
        <translation>Please enter a number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="449"/>
        <source>Số này nhỏ quá.</source>
        <translation>This number is too small.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="450"/>
        <source>Số này lớn quá.</source>
        <translation>This number is too large.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="451"/>
        <source>Ngày chưa đúng (ngày/tháng/năm).</source>
        <translation>The date is not valid (day/month/year).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="452"/>
        <source>Xin chọn một mục trong danh sách.</source>
        <translation>Please choose one of the options.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="453"/>
        <source>Nội dung dài quá.</source>
        <translation>This is too long.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="454"/>
        <source>Nội dung chưa đúng định dạng.</source>
        <translation>This is not in the expected format.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="455"/>
        <source>Số điện thoại chưa đúng (10 chữ số, bắt đầu bằng 0).</source>
        <translation>The phone number is not valid (10 digits starting with 0).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="461"/>
        <source>Số, ký hiệu của giấy tờ</source>
        <extracomment>A document&apos;s own details the documents screen asks for, and how long it is valid (kiosk.sync.component_files).</extracomment>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="462"/>
        <source>Ngày cấp / ngày ký</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="463"/>
        <source>Cơ quan cấp</source>
        <translation>Issuing body</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="464"/>
        <source>Người ký</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="465"/>
        <source>Có hiệu lực đến ngày</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="466"/>
        <source>chưa rõ (cần ngày)</source>
        <translation>unknown (a date is needed)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="467"/>
        <source>vĩnh viễn</source>
        <translation>permanent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice_texts.py" line="468"/>
        <source>đến {date}</source>
        <translation>until {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="15"/>
        <source>Máy không lưu được hồ sơ vào bộ nhớ. Các hồ sơ đã lưu trước đó vẫn an toàn. Vui lòng báo cán bộ hỗ trợ.</source>
        <translation>The kiosk could not save the dossier to its storage. Dossiers saved before are safe. Please tell the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="17"/>
        <source>Bộ nhớ của máy đã đầy nên chưa lưu được hồ sơ mới. Các hồ sơ đã lưu trước đó vẫn an toàn. Vui lòng báo cán bộ hỗ trợ.</source>
        <translation>The kiosk&apos;s storage is full, so the new dossier was not saved. Dossiers saved before are safe. Please tell the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="19"/>
        <source>Không mở được cơ sở dữ liệu của máy (tệp bị hỏng hoặc không đọc được). Vui lòng báo cán bộ kỹ thuật; không xóa thư mục dữ liệu.</source>
        <translation>The kiosk&apos;s database cannot be opened (the file is damaged or unreadable). Please call the technician; do not delete the data folder.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="22"/>
        <source>Địa chỉ Cổng dịch vụ công phải dùng https:// (chỉ cho phép http:// với máy này, 127.0.0.1 hoặc localhost).</source>
        <translation>The portal URL must use https:// (http:// only for this machine: 127.0.0.1 or localhost).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="29"/>
        <source>(hàng đợi trống)</source>
        <extracomment>`kiosk outbox`, `keys rotate`, `dossier create`, `portal enrol`, `staff`, `run`.</extracomment>
        <translation>(the outbox is empty)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="30"/>
        <source>không có mục {entry}</source>
        <translation>no outbox entry {entry}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="32"/>
        <source>mục này không cần gửi lại ({reason})</source>
        <translation>this entry needs no resending ({reason})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="33"/>
        <source>mục {entry}: đã đưa lại vào hàng đợi (số lần đã thử: {attempts})</source>
        <translation>entry {entry}: queued again (attempts so far: {attempts})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="35"/>
        <source>sẽ xóa: {dossiers} hồ sơ, {events} sự kiện nhật ký quá hạn lưu</source>
        <translation>would purge: {dossiers} dossiers, {events} audit events older than retention</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="37"/>
        <source>đã xóa: {dossiers} hồ sơ, {events} sự kiện nhật ký quá hạn lưu, {files} tệp</source>
        <translation>purged: {dossiers} dossiers, {events} audit events older than retention, {files} files</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="39"/>
        <source>khóa dữ liệu mới: {key_id} (khóa cũ vẫn giữ trong keyring: {old}); đã mã hóa lại {payloads} hồ sơ, {records} bản ghi giấy tờ, {files} tệp</source>
        <translation>new data key: {key_id} (old key kept in the keyring: {old}); re-encrypted {payloads} dossiers, {records} document records, {files} files</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="42"/>
        <source>chưa có danh mục thủ tục trên máy (chạy máy hoặc `kiosk worker` khi có mạng).</source>
        <translation>no procedure catalogue on this kiosk yet (run the kiosk or `kiosk worker` online once).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="45"/>
        <source>địa chỉ nhận kết quả chưa dùng được ({error}); hãy ghi --address &quot;số nhà đường, xã/phường, tỉnh/thành&quot;.</source>
        <translation>no usable postal address ({error}); give --address &quot;street, commune, province&quot;.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="48"/>
        <source>đã xếp hàng: mục {entry}, hồ sơ {dossier}, khóa {key}</source>
        <translation>queued: entry {entry}, dossier {dossier}, key {key}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="49"/>
        <source>chưa có mã bí mật</source>
        <translation>no secret given</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="50"/>
        <source>không đăng ký được máy với Cổng: {error}</source>
        <translation>enrolment failed: {error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="51"/>
        <source>máy {kiosk} đã đăng ký với Cổng {url}</source>
        <translation>kiosk {kiosk} enrolled on {url}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="52"/>
        <source>PIN (nhập lại): </source>
        <translation>PIN (again): </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="53"/>
        <source>không có màn hình để mở cửa sổ kiosk (chưa đặt DISPLAY hay WAYLAND_DISPLAY).</source>
        <translation>there is no display to open the kiosk window on (neither DISPLAY nor WAYLAND_DISPLAY is set).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="55"/>
        <source>Chạy thử toàn bộ quy trình không cần màn hình:</source>
        <translation>Run the whole flow without a display:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cli_texts.py" line="56"/>
        <source>Hoặc mở cửa sổ trên màn hình ảo:</source>
        <translation>Or open the window on a virtual display:</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/components/TopBar.qml" line="54"/>
        <source>Kiosk Dịch vụ công</source>
        <translation>Public Service Kiosk</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="65"/>
        <source>Nộp hồ sơ trực tuyến — nhận kết quả tại nhà qua bưu điện</source>
        <translation>File online — get the result at home by post</translation>
    </message>
    <message>
        <location filename="../qml/components/TopBar.qml" line="103"/>
        <source>Gọi nhân viên</source>
        <translation>Call staff</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../qml/TrainingBanner.qml" line="22"/>
        <source>CHẾ ĐỘ THỬ — KHÔNG CÓ GIÁ TRỊ</source>
        <translation>TRAINING MODE — NO LEGAL EFFECT</translation>
    </message>
</context>
</TS>
