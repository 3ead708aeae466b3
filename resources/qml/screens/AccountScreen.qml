import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard.Settings
import "../components"

// Portal account for the citizen whose card was just read: log in with VNeID (QR), create a portal
// account, or link an existing one. The steps live in `account` (Python); this file only shows them.
Item {
    id: screen
    readonly property var steps: ["choose", "help", "eid", "phone", "otp", "done"]
    readonly property bool wide: !Theme.portrait
    // Landscape has little height: keypad keys are a little shorter there (still above 80 u).
    readonly property real keyHeight: (wide ? 88 : 92) * Theme.u

    function clock(seconds) {
        var s = Math.max(0, seconds)
        return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60)
    }

    // --- small pieces shared by the steps ------------------------------------------------------------
    component CardSummary: Card {
        Layout.fillWidth: true
        Layout.preferredHeight: summary.implicitHeight + 2 * Theme.gap
        border.color: Theme.fromCard
        ColumnLayout {
            id: summary
            anchors.fill: parent
            anchors.margins: Theme.gap
            spacing: 4 * Theme.u
            RowLayout {
                Layout.fillWidth: true
                Text {
                    textFormat: Text.PlainText
                    objectName: "accountFullName"
                    Layout.fillWidth: true
                    text: account.fullName
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    text: "✓ " + qsTr("Đọc từ thẻ")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.fromCard
                }
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: account.identityLine
                      + (account.birthDate ? "   ·   " + qsTr("Ngày sinh: %1").arg(account.birthDate) : "")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }
    }

    component DigitPad: GridLayout {
        id: pad
        columns: 3
        rowSpacing: Theme.gap * 0.6
        columnSpacing: Theme.gap * 0.6
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
            BigButton {
                required property string modelData
                objectName: "key_" + modelData
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: screen.keyHeight
                implicitWidth: 100 * Theme.u
                primary: false
                enabled: !account.busy
                text: modelData === "back" ? "⌫" : modelData === "clear" ? qsTr("Xoá hết") : modelData
                onClicked: {
                    if (modelData === "back") account.eraseDigit()
                    else if (modelData === "clear") account.eraseAll()
                    else account.typeDigit(modelData)
                }
            }
        }
    }

    component Problem: Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: text.length > 0
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
        color: Theme.error; wrapMode: Text.WordWrap
    }

    component Label: Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
        color: Theme.text; wrapMode: Text.WordWrap
    }

    StackLayout {
        id: stack
        anchors.fill: parent
        anchors.margins: Theme.margin
        currentIndex: Math.max(0, screen.steps.indexOf(account.step))

        // --- 0: three choices --------------------------------------------------------------------------
        GridLayout {
            objectName: "accountChoose"
            columns: screen.wide ? 2 : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.margin
            ScreenTitle {
                Layout.row: 0; Layout.column: 0
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                title: qsTr("Tài khoản Cổng Dịch vụ công")
                subtitle: qsTr("Chọn một cách bên dưới. Thông tin của ông/bà đã được đọc từ thẻ, không cần gõ lại.")
            }
            CardSummary {
                Layout.row: 1; Layout.column: 0
                Layout.preferredWidth: 1
            }
            ColumnLayout {
                Layout.row: screen.wide ? 0 : 2
                Layout.column: screen.wide ? 1 : 0
                Layout.rowSpan: screen.wide ? 4 : 1
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                BigButton {
                    objectName: "chooseEid"
                    Layout.fillWidth: true
                    text: qsTr("Đăng nhập bằng VNeID")
                    subtitle: qsTr("Quét mã QR bằng ứng dụng VNeID trên điện thoại. Cách được khuyên dùng.")
                    onClicked: account.choose("eid")
                }
                BigButton {
                    objectName: "chooseRegister"
                    Layout.fillWidth: true
                    primary: false
                    text: qsTr("Tạo tài khoản mới")
                    subtitle: qsTr("Chỉ cần số điện thoại di động để nhận mã xác nhận.")
                    onClicked: account.choose("register")
                }
                BigButton {
                    objectName: "chooseLink"
                    Layout.fillWidth: true
                    primary: false
                    text: qsTr("Đã có tài khoản")
                    subtitle: qsTr("Liên kết bằng số điện thoại đã đăng ký với Cổng.")
                    onClicked: account.choose("link")
                }
            }
            BigButton {
                objectName: "chooseHelp"
                Layout.row: screen.wide ? 2 : 3
                Layout.column: 0
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                text: "?  " + qsTr("Không có điện thoại hoặc VNeID?")
                onClicked: account.choose("help")
            }
            Item { Layout.row: screen.wide ? 3 : 4; Layout.column: 0; Layout.fillHeight: true }
        }

        // --- 1: plain-language help --------------------------------------------------------------------
        GridLayout {
            objectName: "accountHelp"
            columns: screen.wide ? 2 : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.margin
            Flickable {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                contentHeight: helpText.implicitHeight
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
                ColumnLayout {
                    id: helpText
                    width: parent.width - 24 * Theme.u
                    spacing: Theme.gap
                    ScreenTitle {
                        Layout.fillWidth: true
                        title: qsTr("Không có điện thoại hoặc tài khoản VNeID?")
                    }
                    Repeater {
                        model: [
                            [qsTr("Chưa có tài khoản VNeID mức 2"),
                             qsTr("Tài khoản định danh điện tử mức 2 chỉ được cấp trực tiếp tại cơ quan Công an (Công an xã, phường nơi ông/bà cư trú). Mang theo thẻ Căn cước và điện thoại của mình.")],
                            [qsTr("Không có điện thoại di động"),
                             qsTr("Ông/bà vẫn nộp được hồ sơ: nhân viên tại quầy sẽ giúp nộp hồ sơ giấy hoặc nộp thay. Chạm nút “Gọi nhân viên” ở góc trên.")],
                            [qsTr("Không nhận được tin nhắn"),
                             qsTr("Số điện thoại phải là số đang dùng, đăng ký đứng tên ông/bà. Chờ 60 giây rồi chạm “Gửi lại mã”.")],
                            [qsTr("Thông tin của ông/bà được giữ an toàn"),
                             qsTr("Kiosk không lưu mật khẩu, mã xác nhận hay phiên đăng nhập. Mọi thứ được xoá khi ông/bà kết thúc.")]
                        ]
                        ColumnLayout {
                            required property var modelData
                            Layout.fillWidth: true
                            spacing: 4 * Theme.u
                            Label { text: modelData[0]; font.pixelSize: Theme.fontLarge }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: modelData[1]
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                color: Theme.text; wrapMode: Text.WordWrap
                            }
                        }
                    }
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                Layout.alignment: Qt.AlignBottom
                spacing: Theme.gap
                BigButton {
                    objectName: "helpCallStaff"
                    Layout.fillWidth: true
                    text: qsTr("Gọi nhân viên")
                    onClicked: visit.callStaff()
                }
                BigButton {
                    objectName: "helpBack"
                    Layout.fillWidth: true
                    primary: false
                    text: qsTr("Chọn cách đăng nhập")
                    onClicked: account.choose("choose")
                }
            }
        }

        // --- 2: VNeID login by QR ----------------------------------------------------------------------
        GridLayout {
            objectName: "accountEid"
            columns: screen.wide ? 2 : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.margin * 2
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: screen.wide
                Layout.preferredWidth: 1
                spacing: Theme.gap
                ScreenTitle {
                    Layout.fillWidth: true
                    title: qsTr("Đăng nhập bằng VNeID")
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: ["1. " + qsTr("Mở ứng dụng VNeID trên điện thoại."),
                           "2. " + qsTr("Chạm “Quét mã QR”."),
                           "3. " + qsTr("Hướng camera điện thoại vào mã trên màn hình này."),
                           "4. " + qsTr("Chạm “Xác nhận” trên điện thoại.")].join("\n")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                    color: Theme.text; wrapMode: Text.WordWrap
                    lineHeight: 1.15
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "eidStatus"
                    Layout.fillWidth: true
                    text: account.eidState === "pending" ? qsTr("Mã còn hiệu lực: %1").arg(screen.clock(account.eidSecondsLeft))
                        : account.eidState === "starting" ? qsTr("Đang lấy mã đăng nhập…")
                        : account.eidState === "denied" ? "✕ " + qsTr("Đăng nhập đã bị từ chối trên điện thoại.")
                        : account.eidState === "expired" ? "⏱ " + qsTr("Mã đã hết hạn. Chạm “Tạo mã mới” để thử lại.")
                        : account.eidState === "error" ? "⚠ " + (account.message || qsTr("Chưa lấy được mã đăng nhập."))
                        : ""
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                    color: account.eidState === "pending" || account.eidState === "starting" ? Theme.primary
                         : Theme.error
                    wrapMode: Text.WordWrap
                }
                Item { Layout.fillHeight: true; visible: screen.wide }
                BigButton {
                    objectName: "eidRetry"
                    Layout.fillWidth: true
                    visible: account.eidState === "denied" || account.eidState === "expired"
                             || account.eidState === "error"
                    text: qsTr("Tạo mã mới")
                    onClicked: account.startEid()
                }
                BigButton {
                    objectName: "eidOther"
                    Layout.fillWidth: true
                    visible: screen.wide
                    primary: false
                    text: qsTr("Chọn cách khác")
                    onClicked: account.choose("choose")
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                spacing: Theme.gap
                Rectangle {
                    id: qrBox
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: Math.min(620 * Theme.u, parent.width,
                                                    screen.wide ? stack.height : 620 * Theme.u)
                    Layout.preferredHeight: Layout.preferredWidth
                    color: "#ffffff"
                    radius: Theme.radius
                    border.color: account.eidState === "pending" ? Theme.primary : Theme.border
                    border.width: 4 * Theme.u
                    Image {
                        objectName: "eidQr"
                        anchors.fill: parent
                        anchors.margins: 20 * Theme.u
                        visible: account.eidState === "pending"
                        source: account.eidQr
                        sourceSize.width: width
                        sourceSize.height: height
                        smooth: false
                        fillMode: Image.PreserveAspectFit
                    }
                    Text {
                        textFormat: Text.PlainText
                        anchors.centerIn: parent
                        width: parent.width - 2 * Theme.margin
                        visible: account.eidState !== "pending"
                        horizontalAlignment: Text.AlignHCenter
                        text: account.eidState === "starting" ? "…"
                            : account.eidState === "denied" ? "✕"
                            : account.eidState === "expired" ? "⏱" : "!"
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontHuge * 2
                        color: Theme.textMuted
                    }
                }
                BigButton {
                    objectName: "eidOtherPortrait"
                    Layout.fillWidth: true
                    visible: !screen.wide
                    primary: false
                    text: qsTr("Chọn cách khác")
                    onClicked: account.choose("choose")
                }
                Item { Layout.fillHeight: true }
            }
        }

        // --- 3: phone number (and e-mail) --------------------------------------------------------------
        GridLayout {
            id: phonePage
            objectName: "accountPhone"
            // While the e-mail is typed the on-screen keyboard takes the lower part of the screen: only
            // the e-mail field and its buttons stay, so nothing the citizen needs hides behind the keys.
            readonly property bool typingEmail: emailInput.activeFocus
            // Landscape has little height: the card details and the explanation were on the previous step.
            readonly property bool compact: screen.wide || typingEmail
            columns: screen.wide && !typingEmail ? 2 : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.margin
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                ScreenTitle {
                    Layout.fillWidth: true
                    visible: !phonePage.typingEmail
                    title: account.mode === "link" ? qsTr("Liên kết tài khoản đã có") : qsTr("Tạo tài khoản mới")
                    subtitle: phonePage.compact ? ""
                        : qsTr("Nhập số điện thoại di động đứng tên ông/bà. Mã xác nhận sẽ được gửi bằng tin nhắn.")
                }
                CardSummary { visible: !phonePage.compact }
                Label { visible: !phonePage.typingEmail; text: qsTr("Số điện thoại di động") }
                Rectangle {
                    objectName: "phoneBox"
                    visible: !phonePage.typingEmail
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.max(Theme.targetMin * 1.2, Theme.fontHuge * 1.5)
                    radius: Theme.radius / 2
                    color: Theme.surface
                    border.width: 4 * Theme.u
                    border.color: account.phoneError ? Theme.error : Theme.primary
                    Text {
                        textFormat: Text.PlainText
                        objectName: "phoneText"
                        anchors.fill: parent
                        anchors.leftMargin: Theme.gap
                        verticalAlignment: Text.AlignVCenter
                        text: account.phone || qsTr("Ví dụ: 0912 345 678")
                        font.family: Theme.fontFamily; font.pixelSize: account.phone ? Theme.fontHuge : Theme.fontBody
                        font.bold: account.phone.length > 0
                        color: account.phone ? Theme.text : Theme.textMuted
                    }
                }
                Problem { objectName: "phoneError"; text: account.phoneError }
                Label {
                    visible: account.mode === "register"
                    text: qsTr("E-mail (không bắt buộc)")
                }
                GridLayout {
                    Layout.fillWidth: true
                    visible: account.mode === "register"
                    rowSpacing: Theme.gap
                    columnSpacing: Theme.gap
                    TextField {
                        id: emailInput
                        Layout.row: 0; Layout.column: 0
                        objectName: "emailInput"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Math.max(Theme.targetMin * 1.1, Theme.fontLarge * 2)
                        // Not bound to account.email: the field is the source while the citizen types.
                        Component.onCompleted: text = account.email
                        placeholderText: qsTr("Có thể để trống")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                        color: Theme.text
                        // No suggestions and no learning: the next citizen must not see this address.
                        inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
                                          | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                        background: Rectangle {
                            radius: Theme.radius / 2
                            color: Theme.surface
                            border.width: emailInput.activeFocus ? 4 * Theme.u : 2 * Theme.u
                            border.color: account.emailError ? Theme.error
                                        : emailInput.activeFocus ? Theme.primary : Theme.border
                        }
                        // An address is Latin letters with "@": the English layout has both at hand.
                        property string keyboardLocale: ""
                        onActiveFocusChanged: {
                            if (activeFocus) {
                                keyboardLocale = VirtualKeyboardSettings.locale
                                VirtualKeyboardSettings.locale = "en_US"
                            } else if (keyboardLocale) {
                                VirtualKeyboardSettings.locale = keyboardLocale
                                keyboardLocale = ""
                            }
                        }
                        Component.onDestruction: if (keyboardLocale) VirtualKeyboardSettings.locale = keyboardLocale
                        onTextChanged: if (activeFocus) account.setEmail(text)
                        Keys.onReturnPressed: phonePage.forceActiveFocus()
                        // Another step takes the screen: the keyboard must not stay up for a hidden field.
                        onVisibleChanged: if (!visible && activeFocus) screen.forceActiveFocus()
                    }
                    // "@" hides behind "&123" on the keyboard, and most addresses here are Gmail ones.
                    RowLayout {
                        Layout.row: screen.wide ? 0 : 1
                        Layout.column: screen.wide ? 1 : 0
                        visible: phonePage.typingEmail
                        spacing: Theme.gap
                        BigButton {
                            objectName: "emailAt"
                            implicitWidth: 140 * Theme.u
                            primary: false
                            text: "@"
                            onClicked: emailInput.insert(emailInput.cursorPosition, "@")
                        }
                        BigButton {
                            objectName: "emailGmail"
                            primary: false
                            text: "@gmail.com"
                            onClicked: emailInput.insert(emailInput.cursorPosition, "@gmail.com")
                        }
                    }
                    BigButton {
                        objectName: "emailDone"
                        Layout.row: 0; Layout.column: screen.wide ? 2 : 1
                        visible: phonePage.typingEmail
                        implicitWidth: 240 * Theme.u
                        text: qsTr("Xong")
                        onClicked: phonePage.forceActiveFocus()
                    }
                }
                Problem { objectName: "emailError"; text: account.emailError }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                // "This ID number has an account already": the keypad gives way to the way forward.
                Problem { objectName: "phoneMessage"; text: account.message }
                BigButton {
                    objectName: "switchToLink"
                    Layout.fillWidth: true
                    visible: account.suggestLink && !phonePage.typingEmail
                    text: qsTr("Đã có tài khoản — liên kết")
                    onClicked: account.switchToLink()
                }
                DigitPad {
                    Layout.fillWidth: true
                    visible: !phonePage.typingEmail && !account.suggestLink
                }
                RowLayout {
                    Layout.fillWidth: true
                    // Landscape with the keyboard up: only the e-mail and "Xong" fit above the keys.
                    visible: !(phonePage.typingEmail && screen.wide)
                    spacing: Theme.gap
                    BigButton {
                        objectName: "phoneOther"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 2
                        visible: !phonePage.typingEmail
                        primary: false
                        text: qsTr("Cách khác")
                        onClicked: account.choose("choose")
                    }
                    BigButton {
                        objectName: "sendPhone"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 3
                        enabled: !account.busy
                        text: qsTr("Gửi mã xác nhận")
                        onClicked: { phonePage.forceActiveFocus(); account.sendPhone() }
                    }
                }
            }
        }

        // --- 4: the 6-digit code -----------------------------------------------------------------------
        GridLayout {
            objectName: "accountOtp"
            columns: screen.wide ? 2 : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.margin
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                ScreenTitle {
                    Layout.fillWidth: true
                    title: qsTr("Nhập mã xác nhận")
                    subtitle: qsTr("Mã gồm 6 chữ số vừa được gửi bằng tin nhắn đến số %1.").arg(account.phoneMasked)
                }
                Row {
                    id: boxes
                    objectName: "otpBoxes"
                    Layout.alignment: Qt.AlignHCenter
                    spacing: 18 * Theme.u
                    readonly property real boxWidth: Math.min(130 * Theme.u,
                                                              (parent.width - 5 * spacing) / 6)
                    Repeater {
                        model: 6
                        Rectangle {
                            required property int index
                            width: boxes.boxWidth
                            height: boxes.boxWidth * 1.3
                            radius: Theme.radius / 2
                            color: Theme.surface
                            border.width: index === account.otp.length ? 6 * Theme.u : 3 * Theme.u
                            border.color: account.message ? Theme.error
                                        : index === account.otp.length ? Theme.primary : Theme.border
                            Text {
                                textFormat: Text.PlainText
                                anchors.centerIn: parent
                                text: account.otp.charAt(index)
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontHuge; font.bold: true
                                color: Theme.text
                            }
                        }
                    }
                }
                Problem { objectName: "otpMessage"; text: account.message }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    BigButton {
                        objectName: "resendOtp"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        primary: false
                        enabled: account.resendSeconds === 0 && !account.busy
                        text: qsTr("Gửi lại mã")
                        subtitle: account.resendSeconds > 0 ? qsTr("sau %1 giây").arg(account.resendSeconds) : ""
                        onClicked: account.resend()
                    }
                    BigButton {
                        objectName: "changePhone"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        primary: false
                        enabled: !account.busy
                        text: qsTr("Đổi số điện thoại")
                        onClicked: account.changePhone()
                    }
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                DigitPad { Layout.fillWidth: true }
                BigButton {
                    objectName: "verifyOtp"
                    Layout.fillWidth: true
                    enabled: account.otp.length === 6 && !account.busy
                    text: qsTr("Xác nhận")
                    onClicked: account.verifyOtp()
                }
            }
        }

        // --- 5: done -------------------------------------------------------------------------------------
        ColumnLayout {
            objectName: "accountDone"
            spacing: Theme.gap
            Item { Layout.fillHeight: true }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: "✓ " + (account.outcome === "register" ? qsTr("Đã tạo tài khoản thành công")
                            : account.outcome === "link" ? qsTr("Đã liên kết tài khoản thành công")
                            : qsTr("Đã đăng nhập thành công"))
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                color: Theme.success; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                objectName: "accountName"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: account.accountName
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                color: Theme.text; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: account.accountLevel
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.textMuted; wrapMode: Text.WordWrap
            }
            Card {
                Layout.fillWidth: true
                Layout.maximumWidth: 1000 * Theme.u
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredHeight: doneNote.implicitHeight + 2 * Theme.gap
                Text {
                    textFormat: Text.PlainText
                    id: doneNote
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    text: qsTr("Phiên đăng nhập chỉ dùng trong lần sử dụng kiosk này. Khi ông/bà chạm “Xong”, mọi thông tin sẽ được xoá khỏi máy.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                    color: Theme.text; wrapMode: Text.WordWrap
                }
            }
            BigButton {
                objectName: "accountFinish"
                Layout.fillWidth: true
                Layout.maximumWidth: 1000 * Theme.u
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Xong")
                onClicked: visit.journeyDone()
            }
            Item { Layout.fillHeight: true }
        }
    }

    BusyOverlay {
        anchors.fill: parent
        visible: account.busy
        text: qsTr("Đang làm việc với Cổng dịch vụ công…")
    }
}
