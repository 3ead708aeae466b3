import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// The procedure's form, generated from the catalogue's form spec: no procedure needs QML of its own.
Item {
    // Portrait: title, list, action from top to bottom. Landscape: the list on the left, the title and
    // the action on the right, so the list keeps the screen's full height.
    GridLayout {
        flow: GridLayout.LeftToRight
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin
        ScreenTitle {
            Layout.row: Theme.portrait ? 0 : 0
            Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredWidth: Theme.portrait ? -1 : 640 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 640 * Theme.u
            Layout.fillWidth: true
            title: kiosk.procedureName
            subtitle: qsTr("Các ô có dấu ✓ đã được điền từ thẻ căn cước. Mục có dấu * là bắt buộc.")
        }
        ListView {
            Layout.row: Theme.portrait ? 1 : 0
            Layout.column: Theme.portrait ? 0 : 0
            Layout.rowSpan: Theme.portrait ? 1 : 2
            id: list
            objectName: "formList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap * 1.5
            model: kiosk.formModel
            boundsBehavior: Flickable.StopAtBounds
            cacheBuffer: 4000
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            delegate: ColumnLayout {
                id: row
                required property string name
                required property string type
                required property string label
                required property var value
                required property string error
                required property bool required
                required property var options
                required property bool fromCard
                required property string help
                width: list.width - 24 * Theme.u
                spacing: 6 * Theme.u

                KioskField {
                    Layout.fillWidth: true
                    visible: row.type !== "select" && row.type !== "checkbox"
                    label: row.label
                    value: row.type === "checkbox" ? "" : row.value
                    error: row.error
                    required: row.required
                    fromCard: row.fromCard
                    multiline: row.type === "textarea"
                    placeholder: row.type === "date" ? qsTr("năm-tháng-ngày, ví dụ 1989-07-15")
                               : row.type === "phone" ? "0912345678" : ""
                    inputHints: row.type === "number" ? Qt.ImhDigitsOnly
                              : row.type === "phone" ? Qt.ImhDialableCharactersOnly
                              : row.type === "date" ? Qt.ImhPreferNumbers : Qt.ImhNone
                    onEdited: (text) => kiosk.setAnswer(row.name, text)
                }

                // A choice: big buttons, never a tiny drop-down.
                Text {
                    Layout.fillWidth: true
                    visible: row.type === "select"
                    text: row.label + (row.required ? " *" : "")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                Flow {
                    Layout.fillWidth: true
                    visible: row.type === "select"
                    spacing: Theme.gap / 2
                    Repeater {
                        model: row.type === "select" ? row.options : []
                        delegate: BigButton {
                            required property var modelData
                            implicitHeight: Theme.targetMin * 1.1
                            implicitWidth: Math.max(240 * Theme.u, contentItem.implicitWidth + 64 * Theme.u)
                            primary: row.value === modelData.value
                            text: modelData.label
                            onClicked: kiosk.setAnswer(row.name, modelData.value)
                        }
                    }
                }
                CheckBox {
                    Layout.fillWidth: true
                    visible: row.type === "checkbox"
                    checked: row.value === true
                    text: row.label
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                    indicator.width: Theme.targetMin * 0.7
                    indicator.height: Theme.targetMin * 0.7
                    onToggled: kiosk.setChecked(row.name, checked)
                }
                Text {
                    Layout.fillWidth: true
                    visible: row.type === "select" && row.error.length > 0
                    text: "⚠ " + row.error
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.error; wrapMode: Text.WordWrap
                }
                Text {
                    Layout.fillWidth: true
                    visible: row.help.length > 0
                    text: row.help
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                }
            }
        }
        BigButton {
            Layout.row: Theme.portrait ? 2 : 1
            Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredWidth: Theme.portrait ? -1 : 640 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 640 * Theme.u
            objectName: "submitForm"
            Layout.fillWidth: true
            text: qsTr("Tiếp tục")
            onClicked: kiosk.submitForm()
        }
    }
}
