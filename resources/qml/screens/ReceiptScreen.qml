import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"
import "../receipt"

Item {
    id: screen
    // The receipt scrolls; the way out stays on screen at any text size: five faces (a tap rates the
    // visit and finishes, so the survey needs no screen of its own) and "Xong".
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
        columns: Theme.portrait || Theme.textScale > 1.2 ? 1 : 2   // large text: the code gets the full width
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin * 2

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: dossier.submittedOffline ? "⏳ " + qsTr("Hồ sơ đã được lưu, sẽ gửi khi có mạng")
                                             : "✓ " + qsTr("Đã nộp hồ sơ thành công")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                color: dossier.submittedOffline ? Theme.warning : Theme.success
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: dossier.submittedOffline ? qsTr("Mã tham chiếu") : qsTr("Mã hồ sơ")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; color: Theme.textMuted
            }
            Text {
                textFormat: Text.PlainText
                objectName: "dossierCode"
                Layout.fillWidth: true
                text: dossier.submittedOffline ? dossier.reference : dossier.code
                font.family: "Noto Sans Mono"; font.pixelSize: Theme.fontLarge * 1.1; font.bold: true
                color: Theme.primary; wrapMode: Text.WrapAnywhere
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                // After the code: the code is what must be on screen first, at any text size.
                text: procedures.chosenName
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                color: Theme.text; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                objectName: "receiptDetails"
                Layout.fillWidth: true
                // Who filed and by which identifier (masked as on the printed receipt), then when and how.
                text: applicant.identityLine + "\n" + qsTr("Thời gian nộp: %1").arg(dossier.receiptTime)
                      + (dossier.deliverySummary ? "\n" + dossier.deliverySummary : "")
                      + (dossier.paymentDue ? "\n" + (dossier.paid ? qsTr("Lệ phí: đã thanh toán")
                                                               : qsTr("Lệ phí: nộp tại quầy khi nhận kết quả")) : "")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Chụp ảnh hoặc ghi lại mã này. Dùng mã để tra cứu tình trạng hồ sơ tại bất kỳ kiosk nào hoặc trên Cổng dịch vụ công.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                color: Theme.textMuted; wrapMode: Text.WordWrap
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                // Smaller in landscape, so the print buttons and "finish" fit below it.
                // Larger text takes the room from the QR (still far above what a phone camera needs).
                Layout.preferredWidth: Math.min((Theme.portrait ? 520 : 400) * Theme.u / Theme.textScale, parent.width)
                Layout.preferredHeight: Layout.preferredWidth
                color: "#ffffff"
                radius: Theme.radius
                border.color: Theme.border; border.width: 2 * Theme.u
                Image {
                    objectName: "receiptQr"
                    anchors.fill: parent
                    anchors.margins: 16 * Theme.u
                    source: dossier.receiptQr
                    sourceSize.width: width
                    sourceSize.height: height
                    smooth: false
                    fillMode: Image.PreserveAspectFit
                }
            }
            ReceiptPrint {
                Layout.fillWidth: true
            }
        }
    }
    }
        RowLayout {
            objectName: "actionBar"
            Layout.fillWidth: true
            spacing: Theme.gap / 2
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                text: qsTr("Ông/bà hài lòng không? Chạm một khuôn mặt để kết thúc:")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                color: Theme.text; wrapMode: Text.WordWrap
            }
            Repeater {
                model: 5
                delegate: AbstractButton {
                    required property int index
                    objectName: "receiptFace_" + (index + 1)
                    Layout.preferredWidth: Math.max(Theme.targetMin, Math.min(110 * Theme.u, screen.width / 8))
                    Layout.preferredHeight: Layout.preferredWidth
                    focusPolicy: Qt.NoFocus
                    onClicked: visit.giveFeedback(index + 1, "")
                    background: Rectangle { radius: Theme.radius; color: Theme.surface
                                            border.width: 3 * Theme.u; border.color: Theme.border }
                    contentItem: Face { mood: index + 1 }
                }
            }
        }
        BigButton {
            objectName: "finish"
            Layout.fillWidth: true
            text: qsTr("Xong — xoá thông tin và kết thúc")
            onClicked: visit.finish()
        }
    }
}
