import QtQuick
import QtQuick.Layouts
import "../components"

// "Print the receipt" and "Save as PDF", with what happened. A printer problem is said plainly and the
// receipt stays on screen (the code and the QR above are the receipt too).
ColumnLayout {
    id: panel
    objectName: "receiptPrint"
    spacing: Theme.gap * 0.5

    readonly property string printState: receiptPrinter.state
    readonly property string statusText: {
        switch (panel.printState) {
        case "printing": return qsTr("Đang in phiếu…")
        case "printed": return qsTr("Đã in phiếu. Xin nhận phiếu ở khe máy in.")
        case "saving": return qsTr("Đang lưu phiếu PDF…")
        case "saved": return qsTr("Đã lưu phiếu PDF trên máy; nhân viên có thể in lại cho ông/bà.")
        case "failed":
            switch (receiptPrinter.problem) {
            case "paper_out": return qsTr("Máy in hết giấy. Xin chụp ảnh mã hồ sơ ở trên hoặc gọi nhân viên.")
            case "not_connected": return qsTr("Máy in chưa sẵn sàng (chưa kết nối). Xin chụp ảnh mã hồ sơ ở trên hoặc gọi nhân viên.")
            case "pdf": return qsTr("Không lưu được phiếu PDF. Xin chụp ảnh mã hồ sơ ở trên.")
            }
            return qsTr("Không in được phiếu. Xin chụp ảnh mã hồ sơ ở trên hoặc gọi nhân viên.")
        }
        return receiptPrinter.hasPrinter ? "" : qsTr("Máy này không có máy in. Xin chụp ảnh hoặc ghi lại mã hồ sơ ở trên; dùng mã này để tra cứu hồ sơ tại bất kỳ kiosk nào.")
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap
        visible: receiptPrinter.hasPrinter || staff.assisted
        BigButton {
            objectName: "printReceipt"
            // No printer at this kiosk: no print button that would pretend to print.
            visible: receiptPrinter.hasPrinter
            Layout.fillWidth: true
            Layout.preferredWidth: 3
            enabled: panel.printState !== "printing" && panel.printState !== "saving"
            text: panel.printState === "printed" || panel.printState === "failed" ? qsTr("In lại phiếu") : qsTr("In phiếu")
            onClicked: receiptPrinter.printReceipt()
        }
        BigButton {
            objectName: "saveReceiptPdf"
            // A file on the kiosk is of no use to a citizen: only a clerk assisting them gets it.
            visible: staff.assisted
            Layout.fillWidth: true
            Layout.preferredWidth: 2
            primary: false
            enabled: panel.printState !== "printing" && panel.printState !== "saving"
            text: qsTr("Lưu PDF")
            onClicked: receiptPrinter.savePdf()
        }
    }
    Text {
        textFormat: Text.PlainText
        objectName: "printStatus"
        Layout.fillWidth: true
        visible: text.length > 0
        text: panel.statusText
        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: panel.printState === "failed"
        color: panel.printState === "failed" ? Theme.error : panel.printState === "printed" || panel.printState === "saved" ? Theme.success : Theme.textMuted
        wrapMode: Text.WordWrap
    }
}
