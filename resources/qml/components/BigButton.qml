import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The kiosk's button: large, high-contrast, with an optional second line of explanation.
AbstractButton {
    id: control
    property string subtitle: ""
    property bool primary: true
    property bool danger: false
    property string glyph: ""
    implicitHeight: Math.max(Theme.buttonHeight, column.implicitHeight + 32 * Theme.u)
    implicitWidth: Math.max(360 * Theme.u, column.implicitWidth + 80 * Theme.u)
    focusPolicy: Qt.NoFocus   // never steal focus from a text field (the keyboard would close)

    background: Rectangle {
        radius: Theme.radius
        color: !control.enabled ? Theme.surfaceAlt
             : control.danger ? Theme.error
             : control.primary ? Theme.primary : Theme.surface
        border.width: control.primary && !Theme.highContrast ? 0 : 3 * Theme.u
        border.color: control.enabled ? Theme.primary : Theme.border
        opacity: control.down ? 0.8 : 1.0
    }
    contentItem: ColumnLayout {
        id: column
        spacing: 4 * Theme.u
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: (control.glyph ? control.glyph + "  " : "") + control.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: !control.enabled ? Theme.textMuted
                 : (control.primary || control.danger) ? Theme.primaryText : Theme.primary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: control.subtitle.length > 0
            text: control.subtitle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            color: (control.primary || control.danger) && control.enabled ? Theme.primaryText : Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }
}
