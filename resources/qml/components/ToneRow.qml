import QtQuick
import QtQuick.Layouts
import "."

// Vietnamese without long-presses: type the plain letters on the keyboard, then tap a mark here; it lands
// on the right letter of the word before the cursor (kiosk.domain.telex.apply_mark, via access).
// The buttons are MouseAreas, not focusable controls, so the text field keeps its focus and cursor.
Rectangle {
    id: row
    // The focused text input (a TextField or TextArea); nothing happens without one.
    property Item target: null
    color: Theme.highContrast ? "#000000" : "#2b2f36"
    border.color: Theme.highContrast ? "#ffffff" : "transparent"
    implicitHeight: 104 * Theme.u

    readonly property var marks: ["â", "ă", "ê", "ô", "ơ", "ư", "đ"]
    readonly property var tones: [
        { mark: "sắc", glyph: "á" }, { mark: "huyền", glyph: "à" }, { mark: "hỏi", glyph: "ả" },
        { mark: "ngã", glyph: "ã" }, { mark: "nặng", glyph: "ạ" }
    ]

    function apply(mark) {
        var t = row.target
        if (!t || t.text === undefined || t.cursorPosition === undefined)
            return
        var before = t.text
        var cursor = t.cursorPosition
        var after = access.applyMark(before, cursor, mark)
        if (after === before)
            return
        t.text = after
        t.cursorPosition = Math.max(0, cursor + after.length - before.length)
        // Let the field's owner hear about it as if typed (KioskField reports textEdited/textChanged).
        if (t.textEdited !== undefined)
            t.textEdited()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 8 * Theme.u
        spacing: 6 * Theme.u
        Repeater {
            model: row.marks
            delegate: MarkButton { text: modelData; mark: modelData }
        }
        Item { Layout.preferredWidth: 12 * Theme.u }
        Repeater {
            model: row.tones
            delegate: MarkButton { text: modelData.glyph; mark: modelData.mark; tone: true }
        }
    }

    component MarkButton: Rectangle {
        id: b
        property alias text: label.text
        property string mark: ""
        property bool tone: false
        objectName: "toneRow_" + mark
        Layout.fillWidth: true
        Layout.fillHeight: true
        radius: 10 * Theme.u
        color: area.pressed ? Theme.primary
             : Theme.highContrast ? "#000000" : (tone ? "#4a5160" : "#3b414c")
        border.color: Theme.highContrast ? "#ffff00" : "transparent"
        border.width: 2 * Theme.u
        Text {
            textFormat: Text.PlainText
            id: label
            anchors.centerIn: parent
            font.family: Theme.fontFamily; font.pixelSize: 44 * Theme.u
            color: Theme.highContrast ? "#ffff00" : "#ffffff"
        }
        MouseArea { id: area; anchors.fill: parent; onClicked: row.apply(b.mark) }
    }
}
