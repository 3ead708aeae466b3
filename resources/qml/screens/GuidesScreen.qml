import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// Illustrated step-by-step guides, one per common procedure (content: resources/guides/guides.json).
Item {
    id: root

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        // The guides to choose from (and, in landscape, the way out below them).
        ColumnLayout {
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: !Theme.portrait
            Layout.preferredWidth: Theme.portrait ? -1 : 660 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 660 * Theme.u
            spacing: Theme.gap
            ScreenTitle {
                Layout.fillWidth: true
                title: qsTr("Hướng dẫn từng bước")
                subtitle: Theme.portrait ? qsTr("Chọn thủ tục để xem cách làm.") : ""
            }
            Flickable {
                id: guideFlick
                Layout.fillWidth: true
                Layout.fillHeight: !Theme.portrait
                Layout.preferredHeight: guideList.implicitHeight
                contentHeight: guideList.implicitHeight
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                interactive: contentHeight > height
                GridLayout {
                    id: guideList
                    objectName: "guideList"
                    width: guideFlick.width
                    columns: Theme.portrait ? 2 : 1
                    rowSpacing: Theme.gap / 2
                    columnSpacing: Theme.gap / 2
                    Repeater {
                        model: guides.guideModel
                        delegate: BigButton {
                            required property string code
                            required property string name
                            Layout.fillWidth: true
                            Layout.fillHeight: Theme.portrait
                            Layout.preferredWidth: 1
                            Layout.preferredHeight: Math.max(Theme.targetMin * 1.25, implicitHeight)
                            primary: guides.selected === code
                            text: name
                            onClicked: guides.select(code)
                        }
                    }
                }
            }
        }

        // The chosen guide's steps: big numbered cards, each with its picture.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: guides.selectedName
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                color: Theme.primary; wrapMode: Text.WordWrap
            }
            ListView {
                id: steps
                objectName: "guideSteps"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.gap
                boundsBehavior: Flickable.StopAtBounds
                model: guides.stepModel
                ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
                delegate: Card {
                    id: stepCard
                    required property int number
                    required property string title
                    required property string text
                    required property string image
                    width: steps.width - 24 * Theme.u
                    height: Math.max(picture.height, words.implicitHeight) + 2 * Theme.gap
                    RowLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: Theme.gap
                        Item {
                            Layout.preferredWidth: picture.width
                            Layout.preferredHeight: picture.height
                            Layout.alignment: Qt.AlignTop
                            Image {
                                id: picture
                                width: (Theme.portrait ? 340 : 380) * Theme.u
                                height: width * 400 / 640
                                source: stepCard.image
                                fillMode: Image.PreserveAspectFit
                                smooth: true
                            }
                            Rectangle {  // the step's number over the picture's corner
                                x: -8 * Theme.u; y: -8 * Theme.u
                                width: 88 * Theme.u; height: width; radius: width / 2
                                color: Theme.primary
                                border.color: Theme.surface; border.width: 4 * Theme.u
                                Text {
                                    textFormat: Text.PlainText
                                    anchors.centerIn: parent
                                    text: stepCard.number
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                                    color: Theme.primaryText
                                }
                            }
                        }
                        ColumnLayout {
                            id: words
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignTop
                            spacing: 8 * Theme.u
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: stepCard.title
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                                color: Theme.text; wrapMode: Text.WordWrap
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: stepCard.text
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                color: Theme.text; wrapMode: Text.WordWrap
                            }
                        }
                    }
                }
            }
            BigButton {
                objectName: "guidesDone"
                Layout.fillWidth: true
                text: qsTr("Xong")
                onClicked: visit.journeyDone()
            }
        }
    }
}
