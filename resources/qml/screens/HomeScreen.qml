import QtQuick
import QtQuick.Layouts
import "../components"

Item {
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Ông/bà cần làm gì?")
            subtitle: qsTr("Chạm vào một nút lớn bên dưới.")
        }
        BigButton {
            objectName: "startDossier"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.buttonHeight * 1.8
            text: qsTr("Nộp hồ sơ thủ tục hành chính")
            subtitle: qsTr("Khai sinh, xác nhận tình trạng hôn nhân, lý lịch tư pháp…")
            onClicked: kiosk.startDossier()
        }
        BigButton {
            objectName: "openAccount"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.buttonHeight * (Theme.portrait ? 1.5 : 1.2)
            primary: false
            text: qsTr("Đăng nhập / tạo tài khoản")
            subtitle: qsTr("Bằng VNeID hoặc số điện thoại, không cần gõ tên")
            onClicked: kiosk.openAccount()
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "checkDossier"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.buttonHeight * 1.5
                primary: false
                text: qsTr("Tra cứu hồ sơ")
                subtitle: qsTr("Đưa mã QR trên biên nhận vào camera")
                onClicked: kiosk.checkDossier()
            }
            BigButton {
                objectName: "openGuides"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.buttonHeight * 1.5
                primary: false
                text: qsTr("Hướng dẫn từng bước")
                subtitle: qsTr("Cách làm các thủ tục thường gặp")
                onClicked: kiosk.openGuides()
            }
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredHeight: help.implicitHeight + 2 * Theme.gap
            Text {
                id: help
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: qsTr("Cần giúp đỡ? Chạm nút \"Gọi nhân viên\" ở góc trên, nhân viên bưu điện sẽ đến hỗ trợ.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.textMuted; wrapMode: Text.WordWrap
            }
        }
        Item { Layout.fillHeight: true }
    }
}
