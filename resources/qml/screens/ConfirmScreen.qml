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
            function showFirstError() {
                if (applicant.firstError >= 0)
                    list.positionViewAtIndex(applicant.firstError, ListView.Center)
            }
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            // A citizen: the card's fields; any other applicant: the kind's own fields (passport,
            // organisation code, the represented person…) with a reason under each wrong one.
            model: applicant.custom ? applicant.fieldModel : card.applicantModel
            boundsBehavior: Flickable.StopAtBounds
            // After "continue" with a wrong field: bring the first one into view (it may be below).
            Connections {
                target: applicant
                function onChanged() {
                    if (applicant.custom && applicant.firstError >= 0)
                        Qt.callLater(list.showFirstError)   // once the rows (with their error lines) are laid out
                }
            }
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
                readonly property bool custom: applicant.custom
                // How the field is typed: from the applicant view-model, else from the card field's name.
                readonly property string input: row.model.input !== undefined ? row.model.input
                    : row.model.name === "id_number" ? "digits" : row.model.name === "date_of_birth" ? "date"
                    : row.model.name === "sex" ? "sex" : row.model.name === "address" ? "multiline" : "text"
                function edit(text) {
                    if (row.custom)
                        applicant.setField(row.model.name, text)
                    else
                        card.setField(row.model.name, text)
                }
                width: list.width - 24 * Theme.u
                spacing: 6 * Theme.u
                KioskField {
                    objectName: "applicantField_" + row.model.name
                    Layout.fillWidth: true
                    visible: row.input !== "date" && row.input !== "sex"
                    label: row.model.label
                    value: row.model.value
                    error: row.model.error !== undefined ? row.model.error : ""
                    fromCard: row.model.fromCard
                    required: row.model.required !== undefined ? row.model.required : row.model.name !== "address"
                    multiline: row.input === "multiline"
                    // Passport numbers are letters and digits: free text in capitals; a tax code has a dash.
                    inputHints: row.input === "digits" ? Qt.ImhDigitsOnly
                              : row.input === "taxcode" ? Qt.ImhFormattedNumbersOnly
                              : row.input === "code" ? (Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
                                                         | Qt.ImhNoAutoUppercase)
                              : Qt.ImhNone
                    onEdited: (text) => row.edit(text)
                }
                DateField {
                    objectName: row.model.name === "date_of_birth" ? "dateOfBirth" : "date_" + row.model.name
                    Layout.fillWidth: true
                    visible: row.input === "date"
                    label: row.model.label
                    value: row.model.value
                    error: row.model.error !== undefined ? row.model.error : ""
                    fromCard: row.model.fromCard
                    required: row.model.required !== undefined ? row.model.required : true
                    lastYear: new Date().getFullYear()
                    onEdited: (iso) => row.edit(iso)
                }
                // Nam / Nữ: two big buttons, no letter codes.
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: row.input === "sex"
                    text: row.model.label + ((row.model.required === undefined || row.model.required) ? " *" : "")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: row.input === "sex"
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
                            onClicked: row.edit(modelData.v)
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
            onClicked: applicant.custom ? applicant.confirm() : card.confirm()
        }
    }
}
