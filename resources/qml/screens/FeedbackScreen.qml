import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// A short survey in the SIPAS sense (chỉ số hài lòng): one overall question, then four criteria the citizen
// may answer (getting to the service, the procedure, the staff's help, the time it took), and an optional
// comment. Kept without personal data for the kiosk's monthly report; the scores (never the comment) go to
// the province's fleet report with the procedure and the unit.
Item {
    id: screen
    property int score: 0
    property var criteria: ({})
    property string comment: ""

    function choose(key, value) {
        var next = Object.assign({}, criteria)
        next[key] = value
        criteria = next
    }

    component FaceRow: RowLayout {
        id: row
        property string key: ""
        property int chosen: 0
        property real faceSize: 100 * Theme.u
        signal picked(int value)
        spacing: Theme.gap / 2
        Repeater {
            model: 5
            delegate: AbstractButton {
                required property int index
                readonly property int value: index + 1
                objectName: "face_" + (row.key ? row.key + "_" : "") + value
                Layout.preferredWidth: row.faceSize + Theme.gap
                Layout.preferredHeight: row.faceSize + Theme.gap
                focusPolicy: Qt.NoFocus
                onClicked: row.picked(value)
                background: Rectangle {
                    radius: Theme.radius
                    color: row.chosen === value ? Theme.surfaceAlt : Theme.surface
                    border.width: (row.chosen === value ? 8 : 2) * Theme.u
                    border.color: row.chosen === value ? Theme.primary : Theme.border
                }
                contentItem: Item {
                    Face { anchors.centerIn: parent; mood: value; width: row.faceSize; height: row.faceSize }
                }
            }
        }
    }

    Flickable {
        id: scroller
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: actions.top }
        anchors.margins: Theme.margin
        contentHeight: body.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: body
            width: scroller.width
            spacing: Theme.gap
            ScreenTitle {
                Layout.fillWidth: true
                title: qsTr("Ông/bà có hài lòng không?")
                subtitle: qsTr("Chạm một khuôn mặt. Câu trả lời không ghi tên.")
            }
            FaceRow {
                Layout.alignment: Qt.AlignHCenter
                faceSize: Math.min(150 * Theme.u, (screen.width - 2 * Theme.margin) / 5 - 2 * Theme.gap)
                chosen: screen.score
                onPicked: (value) => screen.score = value
            }
            RowLayout {
                Layout.fillWidth: true
                Text { textFormat: Text.PlainText; text: qsTr("Rất không hài lòng"); color: Theme.textMuted
                       font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall }
                Item { Layout.fillWidth: true }
                Text { textFormat: Text.PlainText; text: qsTr("Rất hài lòng"); color: Theme.textMuted
                       font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall }
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap
                text: qsTr("Đánh giá thêm (không bắt buộc):")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                color: Theme.text; wrapMode: Text.WordWrap
            }
            Repeater {
                model: [
                    { key: "access", label: qsTr("Dễ tìm đến và dễ dùng") },
                    { key: "procedure", label: qsTr("Thủ tục, giấy tờ rõ ràng") },
                    { key: "staff", label: qsTr("Được hướng dẫn, giúp đỡ") },
                    { key: "time", label: qsTr("Thời gian làm thủ tục") }
                ]
                delegate: GridLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    columns: Theme.portrait ? 1 : 2
                    columnSpacing: Theme.gap
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: modelData.label
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                    FaceRow {
                        key: modelData.key
                        faceSize: 72 * Theme.u
                        chosen: screen.criteria[modelData.key] || 0
                        onPicked: (value) => screen.choose(modelData.key, value)
                    }
                }
            }
            KioskField {
                objectName: "feedbackComment"
                Layout.fillWidth: true
                label: qsTr("Góp ý thêm (không bắt buộc)")
                onEdited: (text) => screen.comment = text
            }
        }
    }

    RowLayout {
        id: actions
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        anchors.margins: Theme.margin
        spacing: Theme.gap
        BigButton {
            objectName: "skipFeedback"
            Layout.fillWidth: true
            primary: false
            text: qsTr("Bỏ qua")
            onClicked: visit.skipFeedback()
        }
        BigButton {
            objectName: "sendFeedback"
            Layout.fillWidth: true
            enabled: screen.score > 0
            text: qsTr("Gửi đánh giá")
            onClicked: visit.giveSurvey(screen.score, screen.criteria, screen.comment)
        }
    }
}
