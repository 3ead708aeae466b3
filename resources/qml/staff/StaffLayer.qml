import QtQuick
import QtQuick.Layouts
import "../components"

// Everything staff mode puts over the citizen's screens: the PIN pad, the dashboard and, while a clerk
// assists, a badge saying who. Closed, it is empty and lets every touch through.
Item {
    id: layer
    objectName: "staffLayer"

    Rectangle {
        objectName: "assistedBadge"
        visible: staff.assisted && staff.mode === "closed"
        // Just under the top bar, on the right: visible to the clerk, out of the citizen's way.
        anchors { right: parent.right; top: parent.top; rightMargin: Theme.gap; topMargin: 138 * Theme.u }
        width: badgeText.implicitWidth + 2 * Theme.gap
        height: 52 * Theme.u
        radius: height / 2
        color: Theme.fromCard
        opacity: 0.92
        Text {
            id: badgeText
            anchors.centerIn: parent
            text: qsTr("Hỗ trợ: %1").arg(staff.assistedName)
            font.family: Theme.fontFamily; font.pixelSize: 24 * Theme.u; font.bold: true
            color: "#ffffff"
        }
    }

    PinPad {
        anchors.fill: parent
        visible: staff.mode === "pin"
    }

    StaffDashboard {
        anchors.fill: parent
        visible: staff.mode === "dashboard"
    }
}
