import QtQuick
import QtQuick.Layouts
import "../components"

// Everything staff mode puts over the citizen's screens: the PIN pad, the dashboard and, while a clerk
// assists, a badge saying who. Closed, it is empty and lets every touch through.
Item {
    id: layer
    objectName: "staffLayer"

    PinPad {
        anchors.fill: parent
        visible: staff.mode === "pin"
    }

    StaffDashboard {
        anchors.fill: parent
        visible: staff.mode === "dashboard"
    }
}
