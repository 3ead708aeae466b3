import QtQuick
import QtQuick.Layouts
import "."

// Always on top: who we are, and the three things a citizen may need on any screen:
// the other language, larger text, and a person to help.
Rectangle {
    id: bar
    property string language: "vi"
    property bool showLanguage: true
    signal switchLanguage()
    signal biggerText()
    signal callStaff()
    signal staffGesture()   // hidden: a 3-second press on the emblem opens the staff PIN pad
    color: Theme.highContrast ? "#000000" : Theme.primary
    implicitHeight: 130 * Theme.u
    border.color: Theme.highContrast ? "#ffffff" : "transparent"

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.gap
        spacing: Theme.gap
        Rectangle {
            Layout.preferredWidth: 84 * Theme.u; Layout.preferredHeight: 84 * Theme.u
            radius: width / 2
            color: "#c8102e"
            border.color: "#f6c445"; border.width: 4 * Theme.u
            Text { anchors.centerIn: parent; text: "★"; color: "#f6c445"; font.pixelSize: 48 * Theme.u }
            MouseArea {
                objectName: "staffGestureArea"
                anchors.fill: parent
                anchors.margins: -Theme.gap   // a little larger than the emblem itself
                pressAndHoldInterval: 3000
                onPressAndHold: bar.staffGesture()
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Text {
                Layout.fillWidth: true
                text: qsTr("Kiosk Dịch vụ công")
                font.family: Theme.fontFamily; font.pixelSize: 38 * Theme.u; font.bold: true
                color: Theme.highContrast ? "#ffff00" : "#ffffff"
                // The product's name is never cut: it shrinks a little to fit beside the buttons.
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 24 * Theme.u
                elide: Text.ElideRight
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Nộp hồ sơ trực tuyến — nhận kết quả tại nhà qua bưu điện")
                font.family: Theme.fontFamily; font.pixelSize: 24 * Theme.u
                color: Theme.highContrast ? "#ffffff" : "#dbe7ff"
                visible: !Theme.portrait   // too long for the portrait bar; the attract screen says it
                elide: Text.ElideRight
            }
        }
        BarButton {
            visible: bar.showLanguage
            text: bar.language === "vi" ? "EN" : "VI"
            onClicked: bar.switchLanguage()
        }
        BarButton {
            text: "A+"
            onClicked: bar.biggerText()
        }
        BarButton {
            text: qsTr("Gọi nhân viên")
            highlighted: true
            onClicked: bar.callStaff()
        }
    }

    component BarButton: Rectangle {
        id: b
        property alias text: label.text
        property bool highlighted: false
        signal clicked()
        Layout.preferredHeight: 96 * Theme.u
        Layout.preferredWidth: Math.max(120 * Theme.u, label.implicitWidth + 48 * Theme.u)
        radius: Theme.radius
        color: highlighted ? (Theme.highContrast ? "#ffff00" : "#ffffff") : "transparent"
        border.color: Theme.highContrast ? "#ffff00" : "#ffffff"
        border.width: 3 * Theme.u
        Text {
            id: label
            anchors.centerIn: parent
            font.family: Theme.fontFamily; font.pixelSize: 30 * Theme.u; font.bold: true
            color: b.highlighted ? (Theme.highContrast ? "#000000" : Theme.primary) : (Theme.highContrast ? "#ffff00" : "#ffffff")
        }
        MouseArea { anchors.fill: parent; onClicked: b.clicked() }
    }
}
