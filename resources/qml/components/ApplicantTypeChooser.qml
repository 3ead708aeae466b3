import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Who files the dossier: five large tiles in plain words, Vietnamese first (texts from `applicantVm`).
ColumnLayout {
    id: chooser
    property var vm: applicant
    property int columns: 2
    signal chosen()
    spacing: Theme.gap / 2

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: chooser.vm.question
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
        color: Theme.text; wrapMode: Text.WordWrap
    }
    GridLayout {
        Layout.fillWidth: true
        columns: chooser.columns
        rowSpacing: Theme.gap / 2
        columnSpacing: Theme.gap / 2
        Repeater {
            model: chooser.vm.kinds
            delegate: AbstractButton {
                id: tile
                required property var modelData
                required property int index
                objectName: "applicantKind_" + modelData.value
                focusPolicy: Qt.NoFocus
                padding: 10 * Theme.u
                Layout.fillWidth: true
                Layout.fillHeight: true   // the two tiles of a row stand equally tall …
                Layout.minimumHeight: implicitHeight   // … and are never squeezed below their text
                Layout.preferredWidth: 1
                // The first choice (the usual one) spans the row when the count is odd.
                Layout.columnSpan: index === 0 ? chooser.columns : 1
                implicitHeight: Math.max(Theme.targetMin * 1.25, tileText.implicitHeight + 24 * Theme.u)
                onClicked: { chooser.vm.choose(modelData.value); chooser.chosen() }
                background: Rectangle {
                    radius: Theme.radius
                    color: tile.modelData.chosen ? Theme.primary : Theme.surface
                    border.width: (tile.modelData.chosen ? 0 : 3) * Theme.u
                    border.color: Theme.primary
                    opacity: tile.down ? 0.8 : 1.0
                }
                contentItem: ColumnLayout {
                    id: tileText
                    spacing: 2 * Theme.u
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: (tile.modelData.chosen ? "✓  " : "") + tile.modelData.label
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                        color: tile.modelData.chosen ? Theme.primaryText : Theme.primary
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: tile.modelData.hint
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall * 0.85
                        color: tile.modelData.chosen ? Theme.primaryText : Theme.textMuted
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
