import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Kiểm tra lần cuối")
            subtitle: kiosk.procedureName
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredHeight: facts.implicitHeight + 2 * Theme.gap
            Text {
                id: facts
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: qsTr("Lệ phí: %1").arg(kiosk.procedureFacts.fee || "") + "\n"
                      + qsTr("Cơ quan giải quyết: %1").arg(kiosk.procedureFacts.agency || "") + "\n"
                      + (kiosk.procedureFacts.days === 0 ? qsTr("Thời gian giải quyết: trong ngày")
                         : qsTr("Thời gian giải quyết: %1 ngày làm việc").arg(kiosk.procedureFacts.days))
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }
        ListView {
            id: list
            objectName: "reviewList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: kiosk.reviewModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            delegate: Rectangle {
                required property string label
                required property string value
                required property int index
                width: list.width - 24 * Theme.u
                height: rowText.implicitHeight + Theme.gap
                color: index % 2 ? Theme.surface : Theme.surfaceAlt
                ColumnLayout {
                    id: rowText
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.gap / 2 }
                    spacing: 2 * Theme.u
                    Text { Layout.fillWidth: true; text: label; wrapMode: Text.WordWrap
                           font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
                    Text { Layout.fillWidth: true; text: value; wrapMode: Text.WordWrap
                           font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text }
                }
            }
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Khi bấm \"Gửi hồ sơ\", ông/bà đồng ý gửi các thông tin trên tới cơ quan giải quyết qua Cổng dịch vụ công. Máy không lưu lại thông tin sau khi gửi xong.")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
            color: Theme.textMuted; wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "submitDossier"
            Layout.fillWidth: true
            enabled: !kiosk.busy
            text: qsTr("Gửi hồ sơ")
            onClicked: kiosk.submitDossier()
        }
    }
}
