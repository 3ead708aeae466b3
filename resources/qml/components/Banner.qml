import QtQuick
import QtQuick.Layouts
import "."

// A message for the citizen (an error, or news such as "staff has been called"), dismissed by a tap.
Rectangle {
    id: banner
    property string text: ""
    signal dismissed()
    visible: text.length > 0
    radius: Theme.radius
    color: Theme.highContrast ? "#000000" : "#fff7e6"
    border.color: Theme.warning
    border.width: 4 * Theme.u
    implicitHeight: row.implicitHeight + 2 * Theme.gap
    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: banner.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        BigButton {
            Layout.preferredWidth: implicitWidth
            implicitWidth: Math.max(200 * Theme.u, contentItem.implicitWidth + 48 * Theme.u)
            implicitHeight: Math.max(Theme.targetMin, contentItem.implicitHeight + 16 * Theme.u)
            primary: false
            text: qsTr("Đóng")
            onClicked: banner.dismissed()
        }
    }
}
