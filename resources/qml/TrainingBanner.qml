import QtQuick
import "components"

// Shown whenever the kiosk runs against the training sandbox or a sample camera (kiosk.training): nothing
// done here is real, and every screen says so. Above everything, and it takes no touches.
Rectangle {
    id: banner
    readonly property bool active: typeof trainingMode !== "undefined" && trainingMode
    visible: active
    objectName: "trainingBanner"
    anchors.left: parent.left
    anchors.right: parent.right
    anchors.bottom: parent.bottom
    height: label.implicitHeight + Theme.gap
    z: 200
    color: "#c8102e"
    opacity: 0.92

    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: "CHẾ ĐỘ THỬ — KHÔNG CÓ GIÁ TRỊ"
        color: "#ffffff"
        font.family: Theme.fontFamily
        font.bold: true
        font.pixelSize: Theme.fontSmall
    }
}
