import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// What the procedure needs, before the citizen starts: papers, fee, time, whether the result can come by post.
Item {
    readonly property var facts: kiosk.procedureFacts
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : 2
            title: kiosk.procedureName
            subtitle: qsTr("Trước khi bắt đầu, ông/bà cần biết:")
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: factsText.implicitHeight + 2 * Theme.gap
            Layout.alignment: Qt.AlignTop
            Text {
                id: factsText
                objectName: "procedureFacts"
                anchors.fill: parent
                anchors.margins: Theme.gap
                textFormat: Text.StyledText
                text: "<b>" + qsTr("Lệ phí") + ":</b> " + (facts.fee || "") + "<br>"
                      + "<b>" + qsTr("Thời gian giải quyết") + ":</b> "
                      + (facts.days === 0 ? qsTr("trong ngày") : qsTr("%1 ngày làm việc").arg(facts.days)) + "<br>"
                      + "<b>" + qsTr("Cơ quan giải quyết") + ":</b> " + (facts.agency || "") + "<br>"
                      + "<b>" + qsTr("Nhận kết quả qua bưu điện") + ":</b> "
                      + (facts.byPost ? qsTr("có thể") : qsTr("không"))
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            Layout.rowSpan: Theme.portrait ? 1 : 2
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap / 2
                Text {
                    Layout.fillWidth: true
                    text: (facts.documentLines || []).length > 0 ? qsTr("Giấy tờ cần mang theo (máy sẽ chụp lại):")
                                                                 : qsTr("Không cần giấy tờ bản giấy.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                Repeater {
                    model: facts.documentLines || []
                    delegate: Text {
                        required property string modelData
                        Layout.fillWidth: true
                        text: "•  " + modelData
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                }
                Item { Layout.fillHeight: true }
            }
        }
        BigButton {
            objectName: "beginForm"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignBottom
            text: qsTr("Bắt đầu khai hồ sơ")
            onClicked: kiosk.beginForm()
        }
    }
}
