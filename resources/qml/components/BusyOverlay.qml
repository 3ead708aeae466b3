import QtQuick
import QtQuick.Controls
import "."

Rectangle {
    property string text: ""
    color: "#99000000"
    MouseArea { anchors.fill: parent }   // swallow taps while work is in progress
    Column {
        anchors.centerIn: parent
        spacing: Theme.gap
        BusyIndicator { anchors.horizontalCenter: parent.horizontalCenter; width: 160 * Theme.u; height: width; running: parent.parent.visible }
        Text {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            text: parent.parent.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            color: "#ffffff"
        }
    }
}
