import QtQuick
import QtQuick.Layouts
import "../components"

// The first screen after a touch: the six procedures most people come for, one tap each (the card is
// read next, then straight to that procedure), every other procedure one tap further, and the three
// other journeys. Help is described as it really is at this kiosk.
Item {
    readonly property int procColumns: Theme.portrait ? 2 : 3
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: procColumns
        rowSpacing: Theme.gap
        columnSpacing: Theme.gap
        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: procColumns
            title: qsTr("Ông/bà cần làm gì?")
            subtitle: Theme.textScale > 1.2 && !Theme.portrait ? "" : qsTr("Chạm vào tên thủ tục. Sau đó đưa thẻ căn cước vào camera.")
        }
        Repeater {
            model: journey.homeProcedures
            delegate: BigButton {
                required property var modelData
                objectName: "home_" + modelData.code
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.minimumHeight: implicitHeight   // a long name wraps, never clips
                text: modelData.name
                onClicked: journey.startWith(modelData.code)
            }
        }
        BigButton {
            objectName: "startDossier"
            visible: Theme.portrait
            Layout.fillWidth: true
            Layout.minimumHeight: implicitHeight
            Layout.columnSpan: procColumns
            primary: false
            text: qsTr("Thủ tục khác…")
            onClicked: dossier.start()
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.columnSpan: procColumns
            spacing: Theme.gap
            // Landscape: "other procedures" joins this row, so everything fits at 150 % text.
            BigButton {
                objectName: "startDossierWide"
                visible: !Theme.portrait
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                text: qsTr("Thủ tục khác…")
                onClicked: dossier.start()
            }
            BigButton {
                objectName: "checkDossier"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                text: qsTr("Tra cứu hồ sơ")
                onClicked: visit.checkDossier()
            }
            BigButton {
                objectName: "openAccount"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                text: qsTr("Tài khoản")
                onClicked: visit.openAccount()
            }
            BigButton {
                objectName: "openGuides"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                text: qsTr("Hướng dẫn")
                onClicked: visit.openGuides()
            }
        }
        Text {
            textFormat: Text.PlainText
            objectName: "portalDown"
            Layout.fillWidth: true
            Layout.columnSpan: procColumns
            visible: journey.portalState === "down"
            text: journey.homeProcedures.length > 0
                  ? qsTr("Hiện chưa kết nối được Cổng dịch vụ công. Ông/bà vẫn nộp được hồ sơ: máy lưu an toàn và tự gửi khi có mạng.")
                  : qsTr("Chưa kết nối được Cổng dịch vụ công nên chưa nộp được hồ sơ lúc này. Xin thử lại sau ít phút.")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
            color: Theme.warning; wrapMode: Text.WordWrap
        }
    }
}
