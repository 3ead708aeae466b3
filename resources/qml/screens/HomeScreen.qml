import QtQuick
import QtQuick.Layouts
import "../components"

// The four journeys. Portrait: one column, the dossier first and largest. Landscape: the dossier on the
// left, the other three stacked on the right, so everything fits above the bottom bar.
Item {
    // Landscape with large text: the side buttons keep only their titles so all four fit.
    readonly property bool compact: !Theme.portrait && Theme.textScale > 1.2
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait || compact ? 2 : 3
        rowSpacing: Theme.gap
        columnSpacing: Theme.gap
        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait || compact ? 2 : 3
            title: qsTr("Ông/bà cần làm gì?")
            subtitle: qsTr("Chạm vào một nút lớn bên dưới.")
        }
        BigButton {
            objectName: "startDossier"
            Layout.fillWidth: true
            Layout.preferredWidth: compact ? 1 : 2
            Layout.columnSpan: Theme.portrait ? 2 : (compact ? 1 : 2)
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
            Layout.preferredHeight: Theme.portrait ? Theme.buttonHeight * 2.0 : implicitHeight
            Layout.fillHeight: !Theme.portrait
            primary: false
            text: qsTr("Đăng nhập / tạo tài khoản")
            subtitle: compact ? "" : qsTr("Bằng VNeID hoặc số điện thoại, không cần gõ tên")
            onClicked: kiosk.openAccount()
        }
        BigButton {
            objectName: "checkDossier"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: Theme.portrait ? Theme.buttonHeight * 2.0 : implicitHeight
            Layout.fillHeight: !Theme.portrait
            primary: false
            text: qsTr("Tra cứu hồ sơ")
            subtitle: compact ? "" : qsTr("Đưa mã QR trên biên nhận vào camera")
            onClicked: kiosk.checkDossier()
        }
        BigButton {
            objectName: "openGuides"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: Theme.portrait ? Theme.buttonHeight * 2.0 : implicitHeight
            Layout.fillHeight: !Theme.portrait
            primary: false
            text: qsTr("Hướng dẫn từng bước")
            subtitle: compact ? "" : qsTr("Cách làm các thủ tục thường gặp")
            onClicked: kiosk.openGuides()
        }
        Card {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait || compact ? 2 : 3
            visible: Theme.textScale <= 1.2  // with large text it does not fit; "Gọi nhân viên" stays on top
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
        Item { Layout.fillHeight: true; Layout.columnSpan: Theme.portrait || compact ? 2 : 3; visible: Theme.portrait }
    }
}
