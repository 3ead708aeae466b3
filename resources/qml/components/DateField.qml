import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A date as people write it (dd/mm/yyyy), chosen by turning three wheels: never typed, never ISO.
// `value` and `edited` carry the ISO form (yyyy-mm-dd) the form checks expect.
ColumnLayout {
    id: field
    property string label: ""
    property string value: ""
    property string error: ""
    property bool fromCard: false
    property bool required: false
    property int firstYear: 1900
    property int lastYear: new Date().getFullYear() + 5
    signal edited(string iso)
    spacing: 6 * Theme.u

    readonly property var parts: {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(field.value)
        return m ? { y: parseInt(m[1]), m: parseInt(m[2]), d: parseInt(m[3]) } : null
    }
    property bool open: parts === null

    function pad(n) { return (n < 10 ? "0" : "") + n }
    function commit() {
        const y = field.firstYear + yearWheel.currentIndex
        const m = monthWheel.currentIndex + 1
        const last = new Date(y, m, 0).getDate()      // days in that month
        const d = Math.min(dayWheel.currentIndex + 1, last)
        field.edited(y + "-" + pad(m) + "-" + pad(d))
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap / 2
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: field.label + (field.required ? " *" : "")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
            color: Theme.text; wrapMode: Text.WordWrap
        }
        Rectangle {
            visible: field.fromCard
            radius: height / 2
            color: "transparent"
            border.color: Theme.fromCard; border.width: 2 * Theme.u
            Layout.preferredHeight: cardLabel.implicitHeight + 12 * Theme.u
            Layout.preferredWidth: cardLabel.implicitWidth + 32 * Theme.u
            Text {
                id: cardLabel
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: "✓ " + qsTr("Đọc từ thẻ")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall * 0.85
                color: Theme.fromCard
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap
        Text {
            textFormat: Text.PlainText
            objectName: "dateText"
            Layout.fillWidth: true
            text: field.parts ? field.pad(field.parts.d) + "/" + field.pad(field.parts.m) + "/" + field.parts.y
                              : qsTr("ngày/tháng/năm")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: field.parts !== null
            color: field.parts ? Theme.text : Theme.textMuted
        }
        BigButton {
            objectName: "dateToggle"
            primary: false
            implicitWidth: Math.max(220 * Theme.u, contentItem.implicitWidth + 48 * Theme.u)
            text: field.open ? qsTr("Xong") : qsTr("Đổi ngày")
            onClicked: {
                if (field.open && field.parts === null)
                    field.commit()
                field.open = !field.open
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: field.open
        spacing: Theme.gap
        Repeater {
            model: [qsTr("Ngày"), qsTr("Tháng"), qsTr("Năm")]
            delegate: Text {
                required property string modelData
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: modelData
                horizontalAlignment: Text.AlignHCenter
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: field.open
        spacing: Theme.gap
        Wheel { id: dayWheel; count: 31; first: 1; current: field.parts ? field.parts.d - 1 : 0 }
        Wheel { id: monthWheel; count: 12; first: 1; current: field.parts ? field.parts.m - 1 : 0 }
        Wheel {
            id: yearWheel; count: field.lastYear - field.firstYear + 1; first: field.firstYear
            current: field.parts ? field.parts.y - field.firstYear : 1970 - field.firstYear
        }
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: field.error.length > 0
        text: "⚠ " + field.error
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
        color: Theme.error; wrapMode: Text.WordWrap
    }

    component Wheel: Rectangle {
        id: wheel
        property int count: 1
        property int first: 1
        property int current: 0
        property alias currentIndex: tumbler.currentIndex
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.preferredHeight: Theme.fontLarge * 1.6 * 3
        radius: Theme.radius / 2
        color: Theme.surface
        border.color: Theme.border; border.width: 2 * Theme.u
        Rectangle {   // the chosen row
            anchors.centerIn: parent
            width: parent.width - 8 * Theme.u; height: parent.height / 3
            color: "transparent"; border.color: Theme.primary; border.width: 4 * Theme.u; radius: Theme.radius / 2
        }
        Tumbler {
            id: tumbler
            anchors.fill: parent
            model: wheel.count
            visibleItemCount: 3
            wrap: false
            currentIndex: wheel.current
            onMovingChanged: if (!moving) field.commit()
            delegate: Text {
                required property int index
                textFormat: Text.PlainText
                text: wheel.count > 31 ? String(wheel.first + index) : field.pad(wheel.first + index)
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                font.bold: index === tumbler.currentIndex
                color: index === tumbler.currentIndex ? Theme.text : Theme.textMuted
                horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter
            }
        }
    }
}
