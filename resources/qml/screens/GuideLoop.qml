import QtQuick
import QtQuick.Layouts
import "../components"

// The attract screen's slow loop through the guides' steps: one picture and one line at a time, in
// Vietnamese with English beneath (nobody has chosen a language yet). A touch opens that guide.
Card {
    id: loop
    objectName: "guideLoop"
    property int index: 0
    readonly property int count: guides.slideModel.count
    readonly property var slide: count > 0 ? guides.slideModel.get(index % count) : ({})
    visible: count > 0
    implicitHeight: Math.max(picture.height, words.implicitHeight) + 2 * Theme.gap
    border.color: Theme.primary
    border.width: 3 * Theme.u

    Timer {
        interval: 6000
        running: loop.visible && loop.count > 1
        repeat: true
        onTriggered: fade.restart()
    }
    SequentialAnimation {
        id: fade
        NumberAnimation { target: content; property: "opacity"; to: 0; duration: 600 }
        ScriptAction { script: loop.index = (loop.index + 1) % loop.count }
        NumberAnimation { target: content; property: "opacity"; to: 1; duration: 600 }
    }

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        Image {
            id: picture
            Layout.preferredWidth: (Theme.portrait ? 360 : 260) * Theme.u
            Layout.preferredHeight: Layout.preferredWidth * 400 / 640
            Layout.alignment: Qt.AlignTop
            source: loop.slide.image || ""
            fillMode: Image.PreserveAspectFit
            smooth: true
        }
        ColumnLayout {
            id: words
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: 4 * Theme.u
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Bước %1 · %2").arg(loop.slide.number || "").arg(loop.slide.guide || "")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                color: Theme.textMuted; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: loop.slide.title || ""
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                color: Theme.text; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: loop.slide.titleEn || ""
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.italic: true
                color: Theme.textMuted; wrapMode: Text.WordWrap
            }
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: {
            guides.select(loop.slide.code)
            visit.openGuides()
        }
    }
}
