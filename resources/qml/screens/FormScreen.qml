import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// The procedure's form, generated from the catalogue's form spec: no procedure needs QML of its own.
Item {
    // Portrait: title, list, action from top to bottom. Landscape: the list on the left, the title and
    // the action on the right, so the list keeps the screen's full height.
    // "Continue" is pinned below the list, full width, at any text size.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
    GridLayout {
        flow: GridLayout.LeftToRight
        Layout.fillWidth: true
        Layout.fillHeight: true
        // Only the room left above the pinned action: a tall title never pushes it off screen.
        Layout.preferredHeight: 0
        Layout.minimumHeight: 0
        clip: true
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin
        ScreenTitle {
            Layout.row: Theme.portrait ? 0 : 0
            Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredWidth: Theme.portrait ? -1 : 640 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 640 * Theme.u
            Layout.fillWidth: true
            title: procedures.chosenName
            titleLines: 2   // the full name was on the previous screens; the form needs the room
            subtitle: qsTr("Thông tin trên thẻ không phải khai lại. Mục có dấu * là bắt buộc.")
        }
        ListView {
            Layout.row: Theme.portrait ? 1 : 0
            Layout.column: Theme.portrait ? 0 : 0
            Layout.rowSpan: Theme.portrait ? 1 : 2
            Layout.preferredWidth: Theme.portrait ? -1 : 1100 * Theme.u
            id: list
            objectName: "formList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 0   // each shown row adds its own gap below: hidden rows leave no hole
            model: form.fieldModel
            boundsBehavior: Flickable.StopAtBounds
            cacheBuffer: 4000
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
        // GOV.UK's error summary: at the top, each problem a button that brings its field into view.
                header: Card {
                id: summary
                objectName: "errorSummary"
                width: list.width - 24 * Theme.u
                readonly property var problems: journey.formProblems
                visible: problems.length > 0
                height: visible ? summaryColumn.implicitHeight + 2 * Theme.gap : 0
                // A new set of problems: back to the top of the page, where they are listed.
                onProblemsChanged: if (problems.length > 0) list.positionViewAtBeginning()
                border.color: Theme.error
                border.width: 5 * Theme.u
                ColumnLayout {
                    id: summaryColumn
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    spacing: 6 * Theme.u
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Cần sửa %1 mục:").arg(summary.problems.length)
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                        color: Theme.error; wrapMode: Text.WordWrap
                    }
                    Repeater {
                        model: summary.problems
                        delegate: BigButton {
                            required property var modelData
                            Layout.fillWidth: true
                            primary: false
                            text: "› " + modelData.label
                            onClicked: list.positionViewAtIndex(modelData.index, ListView.Beginning)
                        }
                    }
                }
            }
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

                // Asked once: what the citizen confirmed on the previous screen is not asked again
                // (it is shown again on the review), unless it needs correcting.
                visible: !row.fromCard || row.error.length > 0
                height: visible ? implicitHeight : 0
                DateField {
                    Layout.fillWidth: true
                    visible: row.type === "date"
                    label: row.label
                    value: row.type === "date" ? row.value : ""
                    error: row.error
                    required: row.required
                    fromCard: row.fromCard
                    onEdited: (iso) => form.setAnswer(row.name, iso)
                }
                KioskField {
                    Layout.fillWidth: true
                    visible: row.type !== "select" && row.type !== "checkbox" && row.type !== "date"
                    label: row.label
                    value: row.type === "checkbox" ? "" : row.value
                    error: row.error
                    required: row.required
                    fromCard: row.fromCard
                    multiline: row.type === "textarea"
                    placeholder: row.type === "phone" ? "0912345678" : ""
                    inputHints: row.type === "number" ? Qt.ImhDigitsOnly
                              : row.type === "phone" ? Qt.ImhDialableCharactersOnly : Qt.ImhNone
                    onEdited: (text) => form.setAnswer(row.name, text)
                }
                // An address ends with this kiosk's commune and province: one tap instead of typing them.
                BigButton {
                    objectName: "addLocality_" + row.name
                    Layout.fillWidth: true
                    visible: row.type === "textarea" && row.name.indexOf("address") >= 0 && !row.fromCard
                             && journey.locality.length > 0 && String(row.value).indexOf(journey.locality) < 0
                    primary: false
                    implicitHeight: Math.max(Theme.targetMin, contentItem.implicitHeight + 16 * Theme.u)
                    text: "+ " + journey.locality
                    onClicked: form.setAnswer(row.name, (String(row.value).trim().length > 0
                                                           ? String(row.value).trim() + ", " : "") + journey.locality)
                }

                // A choice: big buttons, never a tiny drop-down.
                Text {
                    textFormat: Text.PlainText
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
                            onClicked: form.setAnswer(row.name, modelData.value)
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
                    // The label comes from the portal: plain text, never markup.
                    contentItem: Text {
                        textFormat: Text.PlainText
                        leftPadding: Theme.targetMin * 0.7 + Theme.gap / 2
                        text: row.label
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.text; wrapMode: Text.WordWrap
                        verticalAlignment: Text.AlignVCenter
                    }
                    onToggled: form.setChecked(row.name, checked)
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: row.type === "select" && row.error.length > 0
                    text: "⚠ " + row.error
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.error; wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: row.help.length > 0
                    text: row.help
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                }
                Item { Layout.preferredHeight: Theme.gap; visible: row.visible }
            }
        }
        Item { Layout.row: 1; Layout.column: 1; Layout.fillHeight: true; visible: !Theme.portrait }
    }
        BigButton {
            objectName: "submitForm"
            Layout.fillWidth: true
            text: qsTr("Tiếp tục")
            onClicked: form.submit()
        }
    }
}
