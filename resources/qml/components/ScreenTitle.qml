import QtQuick
import QtQuick.Layouts
import "."

ColumnLayout {
    property string title: ""
    property string subtitle: ""
    spacing: 8 * Theme.u
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: parent.title
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: parent.subtitle.length > 0
        text: parent.subtitle
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
        wrapMode: Text.WordWrap
    }
}
