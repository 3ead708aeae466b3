import QtQuick
import QtQuick.Layouts
import "../components"
import "../receipt"

Item {
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin * 2

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: kiosk.submittedOffline ? "⏳ " + qsTr("Hồ sơ đã được lưu, sẽ gửi khi có mạng")
                                             : "✓ " + qsTr("Đã nộp hồ sơ thành công")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                color: kiosk.submittedOffline ? Theme.warning : Theme.success
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: kiosk.procedureName
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                color: Theme.text; wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: kiosk.submittedOffline ? qsTr("Mã tham chiếu") : qsTr("Mã hồ sơ")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; color: Theme.textMuted
            }
            Text {
                textFormat: Text.PlainText
                objectName: "dossierCode"
                Layout.fillWidth: true
                text: kiosk.submittedOffline ? kiosk.receiptReference : kiosk.dossierCode
                font.family: "Noto Sans Mono"; font.pixelSize: Theme.fontLarge * 1.1; font.bold: true
                color: Theme.primary; wrapMode: Text.WrapAnywhere
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Thời gian nộp: %1").arg(kiosk.receiptTime)
                      + (kiosk.deliverySummary ? "\n" + kiosk.deliverySummary : "")
                      + (kiosk.paymentDue ? "\n" + (kiosk.paid ? qsTr("Lệ phí: đã thanh toán")
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
                    source: kiosk.receiptQr
                    sourceSize.width: width
                    sourceSize.height: height
                    smooth: false
                    fillMode: Image.PreserveAspectFit
                }
            }
            ReceiptPrint {
                Layout.fillWidth: true
            }
            BigButton {
                objectName: "finish"
                Layout.fillWidth: true
                text: qsTr("Xong — xoá thông tin và kết thúc")
                onClicked: kiosk.finish()
            }
        }
    }
}
