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
            visible: kiosk.cardWarnings.length > 0
            border.color: Theme.warning
            border.width: 4 * Theme.u
            Text {
                id: warnText
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: "⚠ " + kiosk.cardWarnings.join("\n⚠ ")
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
            model: kiosk.applicantModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            delegate: KioskField {
                // Roles are read through `model`: the field's own properties share their names.
                required property var model
                width: list.width - 24 * Theme.u
                label: model.label
                value: model.value
                fromCard: model.fromCard
                required: model.name !== "address"
                multiline: model.name === "address"
                placeholder: model.name === "date_of_birth" ? "1989-07-15" : model.name === "sex" ? "M / F" : ""
                inputHints: model.name === "id_number" ? Qt.ImhDigitsOnly : Qt.ImhNone
                onEdited: (text) => kiosk.setApplicantField(model.name, text)
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
            onClicked: kiosk.confirmDetails()
        }
    }
}
