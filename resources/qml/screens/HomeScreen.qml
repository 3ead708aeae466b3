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
