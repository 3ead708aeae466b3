import QtQuick
import "components"

// The first picture, shown while the kiosk loads behind it (camera, portal client, database, screens).
// It answers a touch at once; the journey starts as soon as everything is ready.
Window {
    id: start
    visible: true
    width: 1080
    height: 1920
    color: "#f3f5fa"
    title: "Kiosk Dịch vụ công"
    property bool touched: false
    readonly property real u: Math.max(0.2, Math.min(width, height) / 1080)
    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 130 * start.u
        color: "#0b4ea2"
        Text {
            textFormat: Text.PlainText
            anchors { left: parent.left; leftMargin: 40 * start.u; verticalCenter: parent.verticalCenter }
            text: "Kiosk Dịch vụ công"
            font.family: "Noto Sans"; font.pixelSize: 38 * start.u; font.bold: true
            color: "#ffffff"
        }
    }
    Column {
        anchors.centerIn: parent
        width: parent.width - 120 * start.u
        spacing: 40 * start.u
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: "Làm thủ tục hành chính\nngay tại đây"
            font.family: "Noto Sans"; font.pixelSize: 72 * start.u; font.bold: true
            color: "#0b4ea2"; wrapMode: Text.WordWrap
        }
        Rectangle {
            objectName: "startTouch"
            width: parent.width
            height: 170 * start.u
            radius: 18 * start.u
            color: "#c8102e"
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                width: parent.width - 40 * start.u
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: start.touched ? "Xin chờ giây lát, máy đang sẵn sàng…  /  One moment, please…"
                                    : "Chạm vào màn hình để bắt đầu  /  Touch to start"
                font.family: "Noto Sans"; font.pixelSize: 44 * start.u; font.bold: true
                color: "#ffffff"
            }
        }
    }
    MouseArea { anchors.fill: parent; onClicked: start.touched = true }
}
