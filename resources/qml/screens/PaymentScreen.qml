import QtQuick
import QtQuick.Layouts
import "../components"

// The fee: the portal's VietQR for this dossier, waiting for the bank's confirmation, with a way out.
Item {
    readonly property var p: payment
    // Everything scrolls except the action bar: "pay later" is always on screen, whatever the text size.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
    Flickable {
        id: scroller
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        contentHeight: grid.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
    GridLayout {
        id: grid
        width: scroller.width
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            Layout.row: 0; Layout.column: 0
            title: qsTr("Nộp lệ phí")
            subtitle: qsTr("Hồ sơ đã được nộp. Quét mã QR bằng ứng dụng ngân hàng trên điện thoại; máy chờ ông/bà, không cần chạm vào màn hình.")
        }
        // The dossier is already filed: its code is on screen before paying starts, so nothing is lost
        // whatever happens with the bank.
        Card {
            objectName: "paymentDossierCode"
            Layout.fillWidth: true
            Layout.row: 1; Layout.column: 0
            Layout.preferredHeight: codeColumn.implicitHeight + 2 * Theme.gap
            border.color: Theme.success
            border.width: 3 * Theme.u
            ColumnLayout {
                id: codeColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: 4 * Theme.u
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Mã hồ sơ của ông/bà (xin ghi lại hoặc chụp ảnh):")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: dossier.code
                    font.family: "Noto Sans Mono"; font.pixelSize: Theme.fontLarge; font.bold: true
                    color: Theme.primary; wrapMode: Text.WrapAnywhere
                }
            }
        }
        Rectangle {
            objectName: "paymentQr"
            Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
            // Landscape: the QR on the right, as tall as the screen allows, never scrolled away.
            Layout.preferredWidth: Math.min(620 * Theme.u, parent.width * (Theme.portrait ? 0.7 : 0.45),
                                            Theme.portrait ? 100000 : scroller.height - 4 * Theme.u)
            Layout.row: Theme.portrait ? 2 : 0; Layout.column: Theme.portrait ? 0 : 1
            Layout.preferredHeight: Layout.preferredWidth
            Layout.rowSpan: Theme.portrait ? 1 : 4
            radius: Theme.radius
            color: "white"
            border.width: 3 * Theme.u
            border.color: p.state === "paid" ? Theme.success : Theme.border
            // Hidden while "are you still there?" shows and after the wait ran out: no overlay ever
            // covers a payable code.
            readonly property bool qrShown: p.qrSource.length > 0 && !kiosk.idleWarning && !journey.paymentExpired
            Image {
                objectName: "paymentQrImage"
                anchors.fill: parent
                anchors.margins: 24 * Theme.u
                visible: parent.qrShown
                source: p.qrSource
                fillMode: Image.PreserveAspectFit
                smooth: false
            }
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                visible: !parent.qrShown
                text: p.state === "paid" ? "✓" : "…"
                font.pixelSize: Theme.fontHuge * 2; color: p.state === "paid" ? Theme.success : Theme.textMuted
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.row: Theme.portrait ? 3 : 2; Layout.column: 0
            spacing: Theme.gap / 2
            Text {
                textFormat: Text.PlainText
                objectName: "paymentAmount"
                Layout.fillWidth: true
                text: p.amount
                visible: p.amount.length > 0
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontHuge; font.bold: true
                color: Theme.text; horizontalAlignment: Theme.portrait ? Text.AlignHCenter : Text.AlignLeft
            }
            Repeater {
                model: p.items
                delegate: Text {
                    textFormat: Text.PlainText
                    required property string modelData
                    Layout.fillWidth: true
                    text: modelData
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                    horizontalAlignment: Theme.portrait ? Text.AlignHCenter : Text.AlignLeft
                }
            }
        }
        Text {
            textFormat: Text.PlainText
            objectName: "paymentMessage"
            Layout.fillWidth: true
            Layout.row: Theme.portrait ? 4 : 3; Layout.column: 0
            text: journey.paymentExpired
                  ? qsTr("Đã hết thời gian chờ thanh toán. Ông/bà có thể nộp lệ phí sau tại quầy; hồ sơ đã được nộp.")
                  : p.message
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: p.state === "paid"
            color: p.state === "failed" || p.state === "bad_qr" ? Theme.error
                 : p.state === "paid" ? Theme.success : Theme.text
            wrapMode: Text.WordWrap
            horizontalAlignment: Theme.portrait ? Text.AlignHCenter : Text.AlignLeft
        }
    }
    }
        RowLayout {
            objectName: "actionBar"
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "payLater"
                Layout.fillWidth: true
                primary: false
                visible: p.state !== "paid" && p.state !== "not_required"
                text: qsTr("Nộp sau tại quầy")
                onClicked: dossier.payLater()
            }
            BigButton {
                objectName: "paymentContinue"
                Layout.fillWidth: true
                visible: p.state === "paid" || p.state === "not_required"
                text: qsTr("Tiếp tục")
                onClicked: dossier.paymentContinue()
            }
        }
    }
}
