import QtQuick
import QtQuick.Layouts
import "../components"

// Live camera with a card outline and what to do next, plus a way out for those who cannot use it.
Item {
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : 2
            title: qsTr("Đưa thẻ căn cước vào trước camera")
            subtitle: qsTr("Mặt có mã QR hướng vào camera. Máy sẽ tự đọc, ông/bà không cần bấm gì.")
        }

        Rectangle {
            id: viewport
            objectName: "cameraView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: width * 9 / 16
            radius: Theme.radius
            color: "#202833"
            clip: true
            Image {
                id: live
                anchors.fill: parent
                fillMode: Image.PreserveAspectFit
                cache: false
                asynchronous: false
                source: "image://camera/live/" + card.frameTick
            }
            // The card outline: where to hold the card (about 70 % of the picture, ID-1 aspect 85.6:54).
            Rectangle {
                anchors.centerIn: parent
                width: Math.min(live.paintedWidth * 0.72, live.paintedHeight * 0.72 * 85.6 / 54)
                height: width * 54 / 85.6
                color: "transparent"
                radius: 24 * Theme.u
                border.width: 8 * Theme.u
                border.color: card.state === "accepted" ? Theme.success
                            : card.state === "hold_still" ? "#f6c445" : "#ffffff"
                opacity: 0.9
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: Theme.portrait ? -1 : 620 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 640 * Theme.u
            spacing: Theme.gap
            Card {
                objectName: "cardHint"
                Layout.fillWidth: true
                Layout.preferredHeight: hint.implicitHeight + 2 * Theme.gap
                border.color: card.state === "hold_still" ? Theme.warning : Theme.border
                border.width: 4 * Theme.u
                Text {
                    textFormat: Text.PlainText
                    id: hint
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    text: card.hint
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
            }
            BigButton {
                objectName: "typeInstead"
                Layout.fillWidth: true
                primary: false
                text: qsTr("Không có thẻ? Nhập thông tin bằng tay")
                onClicked: card.typeInstead()
            }
        }
    }
}
