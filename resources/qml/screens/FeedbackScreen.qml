import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// A few big faces and an optional comment, kept (without personal data) for the monthly report.
Item {
    id: screen
    property int score: 0
    property string comment: ""
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Ông/bà có hài lòng không?")
            subtitle: qsTr("Chạm một khuôn mặt. Câu trả lời không ghi tên.")
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 5
            columnSpacing: Theme.gap / 2
            Repeater {
                model: [
                    { s: 1, label: qsTr("Rất không hài lòng") },
                    { s: 2, label: qsTr("Không hài lòng") },
                    { s: 3, label: qsTr("Bình thường") },
                    { s: 4, label: qsTr("Hài lòng") },
                    { s: 5, label: qsTr("Rất hài lòng") }
                ]
                delegate: AbstractButton {
                    required property var modelData
                    objectName: "face_" + modelData.s
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    implicitHeight: faceColumn.implicitHeight + 2 * Theme.gap
                    focusPolicy: Qt.NoFocus
                    onClicked: screen.score = modelData.s
                    background: Rectangle {
                        radius: Theme.radius
                        color: screen.score === modelData.s ? Theme.surfaceAlt : Theme.surface
                        border.width: (screen.score === modelData.s ? 8 : 3) * Theme.u
                        border.color: screen.score === modelData.s ? Theme.primary : Theme.border
                    }
                    contentItem: ColumnLayout {
                        id: faceColumn
                        spacing: 4 * Theme.u
                        Face { Layout.alignment: Qt.AlignHCenter; mood: modelData.s
                               Layout.preferredWidth: Math.min(140 * Theme.u, screen.width / 6)
                               Layout.preferredHeight: Layout.preferredWidth }
                        Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: modelData.label; wrapMode: Text.WordWrap
                               horizontalAlignment: Text.AlignHCenter
                               font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.text }
                    }
                }
            }
        }
        KioskField {
            objectName: "feedbackComment"
            Layout.fillWidth: true
            label: qsTr("Góp ý thêm (không bắt buộc)")
            onEdited: (text) => screen.comment = text
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "skipFeedback"
                Layout.fillWidth: true
                primary: false
                text: qsTr("Bỏ qua")
                onClicked: kiosk.skipFeedback()
            }
            BigButton {
                objectName: "sendFeedback"
                Layout.fillWidth: true
                enabled: screen.score > 0
                text: qsTr("Gửi đánh giá")
                onClicked: kiosk.giveFeedback(screen.score, screen.comment)
            }
        }
    }
}
