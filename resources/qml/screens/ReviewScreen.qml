import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    // The right-hand column in landscape grows with the text size, so consent and "send" stay on screen.
    readonly property real side: 640 * Theme.u * Math.min(Theme.textScale, 1.45)
    // Portrait: title, list, action from top to bottom. Landscape: the list on the left, the title and
    // the action on the right, so the list keeps the screen's full height.
    // Consent and "send" are pinned below, full width, at any text size; what is reviewed scrolls above.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
    GridLayout {
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
            Layout.preferredWidth: Theme.portrait ? -1 : screen.side
            Layout.maximumWidth: Theme.portrait ? 100000 : screen.side
            Layout.fillWidth: true
            title: qsTr("Kiểm tra lần cuối")
            subtitle: Theme.portrait && Theme.textScale <= 1.2 ? procedures.chosenName : ""
        }
        Card {
            Layout.row: Theme.portrait ? 1 : 1
            Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredWidth: Theme.portrait ? -1 : screen.side
            Layout.maximumWidth: Theme.portrait ? 100000 : screen.side
            Layout.fillWidth: true
            // Landscape with large text: the consent and "send" need the room (the fee was on the info screen).
            visible: Theme.portrait || Theme.textScale <= 1.2
            Layout.preferredHeight: facts.implicitHeight + 2 * Theme.gap
            Text {
                textFormat: Text.PlainText
                id: facts
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: qsTr("Lệ phí: %1").arg(procedures.facts.fee || "") + "\n"
                      + qsTr("Cơ quan giải quyết: %1").arg(procedures.facts.agency || "") + "\n"
                      + (procedures.facts.days === 0 ? qsTr("Thời gian giải quyết: trong ngày")
                         : qsTr("Thời gian giải quyết: %1 ngày làm việc").arg(procedures.facts.days))
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }
        ListView {
            Layout.row: Theme.portrait ? 2 : 0
            Layout.column: Theme.portrait ? 0 : 0
            Layout.rowSpan: Theme.portrait ? 1 : 3
            id: list
            objectName: "reviewList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: dossier.reviewModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            delegate: Rectangle {
                required property string label
                required property string value
                required property int index
                width: list.width - 24 * Theme.u
                height: rowText.implicitHeight + Theme.gap
                color: index % 2 ? Theme.surface : Theme.surfaceAlt
                ColumnLayout {
                    id: rowText
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.gap / 2 }
                    spacing: 2 * Theme.u
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: label; wrapMode: Text.WordWrap
                           font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: value; wrapMode: Text.WordWrap
                           font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text }
                }
            }
        }
        // How the result comes back: said once more, beside what is sent.
        Text {
            textFormat: Text.PlainText
            objectName: "deliverySummary"
            Layout.row: Theme.portrait ? 3 : 2
            Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredWidth: Theme.portrait ? -1 : screen.side
            Layout.maximumWidth: Theme.portrait ? 100000 : screen.side
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            visible: dossier.deliverySummary.length > 0
            text: dossier.deliverySummary
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
            color: Theme.text; wrapMode: Text.WordWrap
        }
        Item { Layout.row: 3; Layout.column: Theme.portrait ? 0 : 1; Layout.fillHeight: !Theme.portrait; visible: !Theme.portrait }
    }
        // Consent in plain words, as a big tick box: nothing is sent without it.
        AbstractButton {
            id: consentBox
            objectName: "consent"
            Layout.fillWidth: true
            implicitHeight: consentText.implicitHeight + 2 * Theme.gap
            focusPolicy: Qt.NoFocus
            onClicked: dossier.setConsent(!dossier.consent)
            background: Rectangle { radius: Theme.radius; color: dossier.consent ? Theme.surfaceAlt : Theme.surface
                                    border.width: 4 * Theme.u
                                    border.color: dossier.consent ? Theme.success : Theme.primary }
            contentItem: RowLayout {
                spacing: Theme.gap
                Rectangle {
                    Layout.leftMargin: Theme.gap
                    Layout.preferredWidth: 64 * Theme.u; Layout.preferredHeight: 64 * Theme.u
                    radius: 8 * Theme.u; color: dossier.consent ? Theme.success : Theme.surface
                    border.width: 4 * Theme.u; border.color: dossier.consent ? Theme.success : Theme.primary
                    Text { textFormat: Text.PlainText; anchors.centerIn: parent; text: dossier.consent ? "✓" : ""; color: "white"
                           font.pixelSize: Theme.fontLarge; font.bold: true }
                }
                Text {
                    textFormat: Text.PlainText
                    id: consentText
                    Layout.fillWidth: true
                    Layout.rightMargin: Theme.gap
                    text: journey.consentText   // from this kiosk's retention settings: true, not reassuring
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.text; wrapMode: Text.WordWrap
                }
            }
        }
        BigButton {
            objectName: "submitDossier"
            Layout.fillWidth: true
            enabled: !kiosk.busy && dossier.consent
            text: qsTr("Gửi hồ sơ")
            onClicked: dossier.submit()
        }
    }
}
