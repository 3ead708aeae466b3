import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

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
            title: qsTr("Thông tin của ông/bà")
            subtitle: qsTr("Xin kiểm tra lại. Chạm vào một ô để sửa nếu chưa đúng.")
        }
        // What the card reader wants checked (the two sides disagree, a name read without diacritics…).
        Card {
            objectName: "cardWarnings"
            Layout.row: 1
            Layout.column: Theme.portrait ? 0 : 1
            Layout.fillWidth: true
            Layout.preferredWidth: Theme.portrait ? -1 : 640 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 640 * Theme.u
            Layout.preferredHeight: warnText.implicitHeight + 2 * Theme.gap
            visible: card.warnings.length > 0
            border.color: Theme.warning
            border.width: 4 * Theme.u
            Text {
                textFormat: Text.PlainText
                id: warnText
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: "⚠ " + card.warnings.join("\n⚠ ")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }
        ListView {
            Layout.row: Theme.portrait ? 2 : 0
            Layout.column: Theme.portrait ? 0 : 0
            Layout.rowSpan: Theme.portrait ? 1 : 3
            id: list
            objectName: "applicantList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: card.applicantModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            // Chosen on the home screen: what the procedure needs is said here, before the form (its own
            // screen is skipped), so nobody starts without knowing the papers and the fee.
            header: Card {
                objectName: "procedureNeeds"
                width: list.width - 24 * Theme.u
                visible: journey.preselected
                height: visible ? needsColumn.implicitHeight + 2 * Theme.gap + Theme.gap : 0
                onHeightChanged: list.positionViewAtBeginning()   // the facts are read first
                border.color: Theme.primary
                border.width: 3 * Theme.u
                ColumnLayout {
                    id: needsColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                    spacing: 4 * Theme.u
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: procedures.chosenName
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Lệ phí") + ": " + (procedures.facts.fee || "") + "\n"
                              + ((procedures.facts.documentLines || []).length > 0
                                 ? qsTr("Giấy tờ cần mang theo (máy sẽ chụp lại):") + "\n•  "
                                   + procedures.facts.documentLines.join("\n•  ")
                                 : qsTr("Không cần giấy tờ bản giấy."))
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                }
            }
            delegate: ColumnLayout {
                id: row
                // Roles are read through `model`: the fields' own properties share their names.
                required property var model
                width: list.width - 24 * Theme.u
                spacing: 6 * Theme.u
                KioskField {
                    Layout.fillWidth: true
                    visible: row.model.name !== "date_of_birth" && row.model.name !== "sex"
                    label: row.model.label
                    value: row.model.value
                    fromCard: row.model.fromCard
                    required: row.model.name !== "address"
                    multiline: row.model.name === "address"
                    inputHints: row.model.name === "id_number" ? Qt.ImhDigitsOnly : Qt.ImhNone
                    onEdited: (text) => card.setField(row.model.name, text)
                }
                DateField {
                    objectName: "dateOfBirth"
                    Layout.fillWidth: true
                    visible: row.model.name === "date_of_birth"
                    label: row.model.label
                    value: row.model.value
                    fromCard: row.model.fromCard
                    required: true
                    lastYear: new Date().getFullYear()
                    onEdited: (iso) => card.setField(row.model.name, iso)
                }
                // Nam / Nữ: two big buttons, no letter codes.
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: row.model.name === "sex"
                    text: row.model.label + " *"
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: row.model.name === "sex"
                    spacing: Theme.gap
                    Repeater {
                        model: [{ v: "M", t: qsTr("Nam") }, { v: "F", t: qsTr("Nữ") }]
                        delegate: BigButton {
                            required property var modelData
                            objectName: "sex_" + modelData.v
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            primary: row.model.value === modelData.v
                            glyph: row.model.value === modelData.v ? "✓" : ""
                            text: modelData.t
                            onClicked: card.setField("sex", modelData.v)
                        }
                    }
                }
            }
        }
        BigButton {
            Layout.row: Theme.portrait ? 3 : 2
            Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredWidth: Theme.portrait ? -1 : 640 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 640 * Theme.u
            objectName: "confirmDetails"
            Layout.fillWidth: true
            text: qsTr("Thông tin đã đúng, tiếp tục")
            onClicked: card.confirm()
        }
    }
}
