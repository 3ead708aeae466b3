import QtQuick
import QtQuick.Layouts
import "../components"

// The four journeys. Portrait: one column, the dossier first and largest. Landscape: the dossier on the
// left, the other three stacked on the right, so everything fits above the bottom bar.
Item {
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 2 : 3
        rowSpacing: Theme.gap
        columnSpacing: Theme.gap
        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 2 : 3
            title: qsTr("Ông/bà cần làm gì?")
            subtitle: qsTr("Chạm vào một nút lớn bên dưới.")
        }
        BigButton {
            objectName: "startDossier"
            Layout.fillWidth: true
            Layout.preferredWidth: 2
            Layout.columnSpan: Theme.portrait ? 2 : 2
            Layout.rowSpan: Theme.portrait ? 1 : 3
            Layout.fillHeight: !Theme.portrait
            Layout.preferredHeight: Theme.buttonHeight * 2.6
            text: qsTr("Nộp hồ sơ thủ tục hành chính")
            subtitle: qsTr("Khai sinh, xác nhận tình trạng hôn nhân, lý lịch tư pháp…")
            onClicked: kiosk.startDossier()
        }
        BigButton {
            objectName: "openAccount"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.columnSpan: Theme.portrait ? 2 : 1
            Layout.preferredHeight: Theme.buttonHeight * (Theme.portrait ? 2.0 : 1.1)
            primary: false
            text: qsTr("Đăng nhập / tạo tài khoản")
            subtitle: qsTr("Bằng VNeID hoặc số điện thoại, không cần gõ tên")
            onClicked: kiosk.openAccount()
        }
        BigButton {
            objectName: "checkDossier"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: Theme.buttonHeight * (Theme.portrait ? 2.0 : 1.1)
            primary: false
            text: qsTr("Tra cứu hồ sơ")
            subtitle: qsTr("Đưa mã QR trên biên nhận vào camera")
            onClicked: kiosk.checkDossier()
        }
        BigButton {
            objectName: "openGuides"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: Theme.buttonHeight * (Theme.portrait ? 2.0 : 1.1)
            primary: false
            text: qsTr("Hướng dẫn từng bước")
            subtitle: qsTr("Cách làm các thủ tục thường gặp")
            onClicked: kiosk.openGuides()
        }
        Card {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 2 : 3
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
        Item { Layout.fillHeight: true; Layout.columnSpan: Theme.portrait ? 2 : 3; visible: Theme.portrait }
    }
}
