import QtQuick
import QtQuick.Layouts
import "../components"

Item {
    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 900 * Theme.u)
        spacing: Theme.margin
        Text {
            Layout.fillWidth: true
            // Both languages on purpose: the citizen has not chosen yet.
            text: "Chọn ngôn ngữ\nChoose your language"
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
            color: Theme.text; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "langVi"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.buttonHeight * 1.5
            text: "Tiếng Việt"
            onClicked: kiosk.chooseLanguage("vi")
        }
        BigButton {
            objectName: "langEn"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.buttonHeight * 1.5
            primary: false
            text: "English"
            onClicked: kiosk.chooseLanguage("en")
        }
    }
}
