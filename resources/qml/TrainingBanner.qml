import QtQuick
import "components"

// Shown whenever the kiosk runs against the training sandbox or a sample camera (kiosk.training): nothing
// done here is real, and every screen says so. Main.qml gives it its own strip under the top bar, so it
// never covers a button, the keyboard or the navigation bar; it takes no touches.
Rectangle {
    id: banner
    readonly property bool active: typeof trainingMode !== "undefined" && trainingMode
    visible: active
    objectName: "trainingBanner"
    height: visible ? label.implicitHeight + Theme.gap / 2 : 0
    color: "#c8102e"

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
        // Not scaled with the citizen's larger text: a notice for everyone, kept to one slim line.
        font.pixelSize: 24 * Theme.u
    }
}
