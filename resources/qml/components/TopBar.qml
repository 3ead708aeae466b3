import QtQuick
import QtQuick.Layouts
import "."

// Always on top: who we are, and what a citizen may need on any screen: the other language, larger text,
// high contrast, the screen read aloud (off by default: shared spaces), and a person to help.
Rectangle {
    id: bar
    property string language: "vi"
    property bool showLanguage: true
    property bool speechOn: false
    property real speechVolume: 0.75
    // Room kept free along the bottom edge (the training-mode strip lies there).
    property real reservedBottom: 0
    // How long a finger must rest on the emblem to open staff mode (`[ui] staff_gesture_hold_s`).
    property int staffHoldMs: 3000
    signal switchLanguage()
    signal biggerText()
    signal toggleContrast()
    signal toggleSpeech()
    signal cycleVolume()
    signal callStaff()
    signal staffGesture()   // hidden: a long press (3 s) on the emblem opens the staff PIN pad
    color: Theme.highContrast ? "#000000" : Theme.primary
    implicitHeight: 130 * Theme.u
    border.color: Theme.highContrast ? "#ffffff" : "transparent"

    RowLayout {
        anchors.fill: parent
        anchors.bottomMargin: bar.reservedBottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.gap
        spacing: Theme.portrait ? Theme.gap / 2 : Theme.gap   // six buttons share a 1080-px portrait bar
        Rectangle {
            Layout.preferredWidth: 84 * Theme.u; Layout.preferredHeight: 84 * Theme.u
            radius: width / 2
            color: "#c8102e"
            border.color: "#f6c445"; border.width: 4 * Theme.u
            Text { textFormat: Text.PlainText; anchors.centerIn: parent; text: "★"; color: "#f6c445"; font.pixelSize: 48 * Theme.u }
            MouseArea {
                objectName: "staffGestureArea"
                anchors.fill: parent
                anchors.margins: -Theme.gap   // a little larger than the emblem itself
                pressAndHoldInterval: bar.staffHoldMs
                onPressAndHold: bar.staffGesture()
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.minimumWidth: 0
            // Always there (it used to vanish with speech on): with one more button it shrinks to fit.
            spacing: 0
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Kiosk Dịch vụ công")
                font.family: Theme.fontFamily; font.pixelSize: 38 * Theme.u; font.bold: true
                color: Theme.highContrast ? "#ffff00" : "#ffffff"
                // The product's name is never cut: it shrinks a little to fit beside the buttons.
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 18 * Theme.u
                elide: Text.ElideRight
            }
            Text {
                textFormat: Text.PlainText
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
            objectName: "textSizeButton"
            text: "A+"
            checked: Theme.textScale > 1.0
            onClicked: bar.biggerText()
        }
        BarButton {
            objectName: "contrastButton"
            text: "◐"
            checked: Theme.highContrast
            onClicked: bar.toggleContrast()
        }
        BarButton {
            objectName: "speechButton"
            text: bar.speechOn ? "🔊" : "🔇"
            checked: bar.speechOn
            onClicked: bar.toggleSpeech()
        }
        BarButton {
            objectName: "volumeButton"
            visible: bar.speechOn
            text: Math.round(bar.speechVolume * 100) + "%"
            onClicked: bar.cycleVolume()
        }
        BarButton {
            objectName: "callStaffButton"
            text: qsTr("Gọi nhân viên")
            highlighted: true
            onClicked: bar.callStaff()
        }
    }

    component BarButton: Rectangle {
        id: b
        property alias text: label.text
        property bool highlighted: false
        property bool checked: false   // a toggle that is on: a thicker, filled-in look
        signal clicked()
        Layout.preferredHeight: 96 * Theme.u
        Layout.preferredWidth: Math.max((Theme.portrait ? 96 : 120) * Theme.u,
                                        label.implicitWidth + (Theme.portrait ? 36 : 48) * Theme.u)
        radius: Theme.radius
        color: highlighted ? (Theme.highContrast ? "#ffff00" : "#ffffff")
                           : checked ? (Theme.highContrast ? "#333300" : "#3a6fc0") : "transparent"
        border.color: Theme.highContrast ? "#ffff00" : "#ffffff"
        border.width: (checked ? 6 : 3) * Theme.u
        Text {
            textFormat: Text.PlainText
            id: label
            anchors.centerIn: parent
            font.family: Theme.fontFamily; font.pixelSize: 30 * Theme.u; font.bold: true
            color: b.highlighted ? (Theme.highContrast ? "#000000" : Theme.primary) : (Theme.highContrast ? "#ffff00" : "#ffffff")
        }
        MouseArea { anchors.fill: parent; onClicked: b.clicked() }
    }
}
