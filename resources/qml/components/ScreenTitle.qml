import QtQuick
import QtQuick.Layouts
import "."

ColumnLayout {
    property string title: ""
    property string subtitle: ""
    property int titleLines: 0   // > 0: at most so many lines, then "…" (a long procedure name in a side column)
    spacing: 8 * Theme.u
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: parent.title
        maximumLineCount: parent.titleLines > 0 ? parent.titleLines : 1000
        elide: parent.titleLines > 0 ? Text.ElideRight : Text.ElideNone
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
