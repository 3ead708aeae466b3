import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A labelled text input with a "read from card" mark and an error line.
ColumnLayout {
    id: field
    property string label: ""
    property string value: ""
    property string error: ""
    property bool fromCard: false
    property bool required: false
    property bool multiline: false
    property string placeholder: ""
    property int inputHints: Qt.ImhNone
    signal edited(string text)
    spacing: 6 * Theme.u

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap / 2
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: field.label + (field.required ? " *" : "")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
            color: Theme.text; wrapMode: Text.WordWrap
        }
        Rectangle {
            visible: field.fromCard
            radius: height / 2
            color: "transparent"
            border.color: Theme.fromCard; border.width: 2 * Theme.u
            Layout.preferredHeight: cardLabel.implicitHeight + 12 * Theme.u
            Layout.preferredWidth: cardLabel.implicitWidth + 32 * Theme.u
            Text {
                textFormat: Text.PlainText
                id: cardLabel
                anchors.centerIn: parent
                text: "✓ " + qsTr("Đọc từ thẻ")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall * 0.85
                color: Theme.fromCard
            }
        }
    }
    TextField {
        id: input
        visible: !field.multiline
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(Theme.targetMin * 1.1, Theme.fontLarge * 2)
        text: field.value
        placeholderText: field.placeholder
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
        color: Theme.text
        inputMethodHints: field.inputHints
        background: Rectangle {
            radius: Theme.radius / 2
            color: Theme.surface
            border.width: input.activeFocus ? 4 * Theme.u : 2 * Theme.u
            border.color: field.error ? Theme.error : input.activeFocus ? Theme.primary : Theme.border
        }
        onTextEdited: field.edited(text)
    }
    TextArea {
        id: area
        visible: field.multiline
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(Theme.targetMin * 1.8, Theme.fontLarge * 3.4)
        text: field.value
        placeholderText: field.placeholder
        wrapMode: TextEdit.Wrap
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
        color: Theme.text
        background: Rectangle {
            radius: Theme.radius / 2
            color: Theme.surface
            border.width: area.activeFocus ? 4 * Theme.u : 2 * Theme.u
            border.color: field.error ? Theme.error : area.activeFocus ? Theme.primary : Theme.border
        }
        onTextChanged: if (activeFocus) field.edited(text)
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: field.error.length > 0
        text: "⚠ " + field.error
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
        color: Theme.error; wrapMode: Text.WordWrap
    }
}
