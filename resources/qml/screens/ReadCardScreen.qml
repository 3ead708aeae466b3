import QtQuick
import QtQuick.Layouts
import "../components"

// Live camera with a card outline and what to do next, plus a way out for those who cannot use it.
Item {
    id: screen
    // Large text: the five tiles do not fit beside the camera; one button shows the choice and opens them.
    readonly property bool compact: Theme.textScale > 1.2
    // Large text in landscape: the height is what is short. What to do goes under the camera picture (which
    // gives up height), the subtitle (which the hint says again) is left out and the right column is wider
    // (its labels take fewer lines), so "type instead" stays above the bottom bar.
    readonly property bool short: compact && !Theme.portrait
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        // Landscape: camera | who files | what to do, side by side (the height is what is short).
        columns: Theme.portrait ? 1 : (screen.compact ? 2 : 3)
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.row: 0
            Layout.column: 0
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : (screen.compact ? 2 : 3)
            // Said for the applicant chosen below (a passport's page, the representative's own card…).
            title: applicant.readTitle
            subtitle: screen.short ? "" : applicant.readSubtitle
        }

        // Who files: at the start of the identify step (kiosk/ui/applicant.py).
        ApplicantTypeChooser {
            objectName: "applicantChooser"
            visible: !screen.compact
            Layout.row: 1
            Layout.column: Theme.portrait ? 0 : 1
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: Theme.portrait
            Layout.preferredWidth: Theme.portrait ? -1 : 540 * Theme.u
        }

        Rectangle {
            id: viewport
            objectName: "cameraView"
            Layout.row: Theme.portrait ? 2 : 1
            Layout.column: 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: width * 9 / 16
            radius: Theme.radius
            color: "#202833"
            clip: true
            Image {
                id: live
                anchors.fill: parent
                fillMode: Image.PreserveAspectFit
                cache: false
                asynchronous: false
                source: "image://camera/live/" + card.frameTick
            }
            // The card outline: where to hold the card (about 70 % of the picture, ID-1 aspect 85.6:54).
            Rectangle {
                anchors.centerIn: parent
                width: Math.min(live.paintedWidth * 0.72, live.paintedHeight * 0.72 * 85.6 / 54)
                height: width * 54 / 85.6
                color: "transparent"
                radius: 24 * Theme.u
                border.width: 8 * Theme.u
                border.color: card.state === "accepted" ? Theme.success
                            : card.state === "hold_still" ? "#f6c445" : "#ffffff"
                opacity: 0.9
            }
        }

        // Large text in landscape: what to do, under the camera picture (see `short`).
        Card {
            objectName: "cardHintBelow"
            visible: screen.short
            Layout.row: 2
            Layout.column: 0
            Layout.fillWidth: true
            Layout.preferredHeight: hintBelow.implicitHeight + 2 * Theme.gap
            border.color: card.state === "hold_still" ? Theme.warning : Theme.border
            border.width: 4 * Theme.u
            Text {
                id: hintBelow
                textFormat: Text.PlainText
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: card.hint
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                color: Theme.text; wrapMode: Text.WordWrap
            }
        }

        ColumnLayout {
            Layout.row: Theme.portrait ? 3 : 1
            Layout.rowSpan: screen.short ? 2 : 1
            Layout.column: Theme.portrait ? 0 : (screen.compact ? 1 : 2)
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: Theme.portrait
            Layout.preferredWidth: Theme.portrait ? -1 : (screen.short ? 760 : screen.compact ? 620 : 500) * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : (screen.short ? 760 : screen.compact ? 640 : 500) * Theme.u
            spacing: Theme.gap
            BigButton {
                objectName: "applicantKindButton"
                Layout.fillWidth: true
                visible: screen.compact
                primary: false
                text: applicant.kindLabel
                subtitle: Theme.portrait ? applicant.question : ""   // landscape: the height is short
                onClicked: chooserOverlay.visible = true
            }
            Card {
                objectName: "cardHint"
                visible: !screen.short
                Layout.fillWidth: true
                Layout.preferredHeight: hint.implicitHeight + 2 * Theme.gap
                border.color: card.state === "hold_still" ? Theme.warning : Theme.border
                border.width: 4 * Theme.u
                Text {
                    textFormat: Text.PlainText
                    id: hint
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    text: card.hint
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
            }
            BigButton {
                objectName: "typeInstead"
                Layout.fillWidth: true
                primary: false
                text: applicant.typeInsteadText
                onClicked: card.typeInstead()
            }
        }
    }
    // Large text: who files, on a page of its own (the tiles at full size, scrolled when they must be).
    Rectangle {
        id: chooserOverlay
        objectName: "applicantChooserPage"
        anchors.fill: parent
        visible: false
        color: Theme.background
        z: 10
        Flickable {
            anchors.fill: parent
            anchors.margins: Theme.margin
            contentHeight: overlayChooser.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ApplicantTypeChooser {
                id: overlayChooser
                width: parent.width
                columns: Theme.portrait ? 1 : 2
                onChosen: chooserOverlay.visible = false
            }
        }
    }
}
