import QtQuick
import "components"

// Shown whenever the kiosk runs against the training sandbox or a sample camera (kiosk.training): nothing
// done here is real, and every screen says so. Main.qml lays it along the bottom edge of the top bar, which
// makes room for it: it covers no button, no keyboard and no navigation bar, and takes nothing from the
// screens' height (they were laid out for the production kiosk); it takes no touches.
Rectangle {
    id: banner
    readonly property bool active: typeof trainingMode !== "undefined" && trainingMode
    visible: active
    objectName: "trainingBanner"
    height: visible ? label.implicitHeight + 4 * Theme.u : 0
    color: "#c8102e"

    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: qsTr("CHẾ ĐỘ THỬ — KHÔNG CÓ GIÁ TRỊ")
        color: "#ffffff"
        font.family: Theme.fontFamily
        font.bold: true
        // Not scaled with the citizen's larger text: a notice for everyone, kept to one slim line.
        font.pixelSize: 20 * Theme.u
    }
}
