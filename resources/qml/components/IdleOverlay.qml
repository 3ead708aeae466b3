import QtQuick
import QtQuick.Layouts
import "."

// "Are you still there?": a countdown with a big button to keep going; at zero the session is wiped.
Rectangle {
    id: overlay
    property int secondsLeft: 0
    signal moreTime()
    signal finishNow()
    color: "#cc000000"
    MouseArea { anchors.fill: parent }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 900 * Theme.u)
        height: box.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.primary
        border.width: 4 * Theme.u
        ColumnLayout {
            id: box
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Ông/bà vẫn đang sử dụng máy?")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                color: Theme.text; wrapMode: Text.WordWrap; horizontalAlignment: Text.AlignHCenter
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Để bảo vệ thông tin cá nhân, máy sẽ xoá mọi dữ liệu và quay về màn hình đầu sau %1 giây.").arg(overlay.secondsLeft)
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.textMuted; wrapMode: Text.WordWrap; horizontalAlignment: Text.AlignHCenter
            }
            Text {
                textFormat: Text.PlainText
                Layout.alignment: Qt.AlignHCenter
                text: overlay.secondsLeft
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontHuge * 1.5; font.bold: true
                color: Theme.accent
            }
            BigButton {
                Layout.fillWidth: true
                text: qsTr("Tôi cần thêm thời gian")
                onClicked: overlay.moreTime()
            }
            BigButton {
                Layout.fillWidth: true
                primary: false
                text: qsTr("Kết thúc và xoá dữ liệu")
                onClicked: overlay.finishNow()
            }
        }
    }
}
