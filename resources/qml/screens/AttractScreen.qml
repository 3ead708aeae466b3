import QtQuick
import QtQuick.Layouts
import "../components"

// Shown between citizens: what the kiosk does, in plain words, and "touch to start".
Item {
    id: root
    MouseArea { anchors.fill: parent; onClicked: visit.touchAttract() }

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.margin
        columnSpacing: Theme.margin * 2

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Làm thủ tục hành chính\nngay tại đây")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontHuge; font.bold: true
                color: Theme.primary; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Chỉ cần thẻ căn cước. Máy đọc thông tin từ thẻ, ông/bà không phải gõ tên.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                color: Theme.text; wrapMode: Text.WordWrap
            }
            GuideLoop {
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap
                Layout.preferredHeight: implicitHeight
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Repeater {
                model: [
                    { n: "1", t: qsTr("Đưa thẻ căn cước vào camera") },
                    { n: "2", t: qsTr("Chọn thủ tục cần làm") },
                    { n: "3", t: qsTr("Kiểm tra và gửi hồ sơ") },
                    { n: "4", t: qsTr("Nhận biên nhận có mã tra cứu") }
                ]
                delegate: RowLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Rectangle {
                        Layout.preferredWidth: 96 * Theme.u; Layout.preferredHeight: 96 * Theme.u
                        radius: width / 2; color: Theme.primary
                        Text { textFormat: Text.PlainText; anchors.centerIn: parent; text: modelData.n; color: Theme.primaryText
                               font.pixelSize: Theme.fontLarge; font.bold: true; font.family: Theme.fontFamily }
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: modelData.t
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : 2
            Layout.preferredHeight: Theme.buttonHeight * 1.4
            radius: Theme.radius
            color: Theme.accent
            // One slow breath, then stillness: the attract screen is on most of the day, and an endless
            // animation repaints the whole window ~60 times a second (15 % of a core when software
            // rendered); a pause repaints nothing.
            SequentialAnimation on opacity {
                loops: Animation.Infinite
                NumberAnimation { from: 1.0; to: 0.75; duration: 1200 }
                NumberAnimation { from: 0.75; to: 1.0; duration: 1200 }
                PauseAnimation { duration: 6000 }
            }
            Column {
                anchors.centerIn: parent
                Text {
                    textFormat: Text.PlainText
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: "Chạm vào màn hình để bắt đầu"
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                    color: "#ffffff"
                }
                Text {
                    textFormat: Text.PlainText
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: "Touch the screen to start"
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                    color: "#ffe4e6"
                }
            }
        }
    }
}
