import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// What the procedure needs, before the citizen starts: papers, fee, time, whether the result can come by post.
Item {
    readonly property var facts: procedures.facts
    // The facts scroll; "start" is pinned below them at any text size.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
    Flickable {
        id: scroller
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        contentHeight: grid.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
    GridLayout {
        id: grid
        width: scroller.width
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : 2
            title: procedures.chosenName
            subtitle: qsTr("Trước khi bắt đầu, ông/bà cần biết:")
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: factsText.implicitHeight + 2 * Theme.gap
            Layout.alignment: Qt.AlignTop
            Text {
                textFormat: Text.PlainText
                id: factsText
                objectName: "procedureFacts"
                anchors.fill: parent
                anchors.margins: Theme.gap
                // Plain text: the agency's name comes from the portal and is never read as markup.
                text: qsTr("Lệ phí") + ": " + (facts.fee || "") + "\n"
                      + qsTr("Thời gian giải quyết") + ": "
                      + (facts.days === 0 ? qsTr("trong ngày") : qsTr("%1 ngày làm việc").arg(facts.days)) + "\n"
                      + qsTr("Cơ quan giải quyết") + ": " + (facts.agency || "") + "\n"
                      + qsTr("Nhận kết quả qua bưu điện") + ": "
                      + (facts.byPost ? qsTr("có thể") : qsTr("không"))
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: docsColumn.implicitHeight + 2 * Theme.gap
            Layout.alignment: Qt.AlignTop
            ColumnLayout {
                id: docsColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap / 2
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: (facts.documentLines || []).length > 0 ? qsTr("Giấy tờ cần mang theo (máy sẽ chụp lại):")
                                                                 : qsTr("Không cần giấy tờ bản giấy.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                Repeater {
                    model: facts.documentLines || []
                    delegate: Text {
                        textFormat: Text.PlainText
                        required property string modelData
                        Layout.fillWidth: true
                        text: "•  " + modelData
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
    }
        BigButton {
            objectName: "beginForm"
            Layout.fillWidth: true
            text: qsTr("Bắt đầu khai hồ sơ")
            onClicked: form.begin()
        }
    }
}
