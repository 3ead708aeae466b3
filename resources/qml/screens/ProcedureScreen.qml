import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Chọn thủ tục")
            subtitle: qsTr("Lệ phí và thời gian giải quyết được ghi dưới tên mỗi thủ tục.")
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: procedures.state === "loading"
            text: qsTr("Đang tải danh sách thủ tục…")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; color: Theme.textMuted
        }
        ColumnLayout {
            Layout.fillWidth: true
            visible: procedures.state === "error"
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Chưa tải được danh sách thủ tục từ Cổng dịch vụ công. Xin thử lại hoặc gọi nhân viên.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; color: Theme.error
                wrapMode: Text.WordWrap
            }
            BigButton { text: qsTr("Thử lại"); onClicked: procedures.load() }
        }
        // Search without diacritics ("dang ky khai sinh"), or by the code printed on a guide.
        KioskField {
            objectName: "procedureSearch"
            Layout.fillWidth: true
            visible: procedures.state === "ready"
            label: qsTr("Tìm thủ tục (gõ không dấu cũng được)")
            placeholder: qsTr("Ví dụ: khai sinh, tam tru, chung thuc")
            onEdited: (text) => procedures.search(text)
        }
        // A printed guide's QR code shown to the camera opens its procedure directly.
        RowLayout {
            Layout.fillWidth: true
            visible: procedures.state === "ready"
            spacing: Theme.gap
            Rectangle {
                Layout.preferredWidth: 200 * Theme.u
                Layout.preferredHeight: 112 * Theme.u
                radius: Theme.radius / 2
                color: "#202833"
                clip: true
                Image {
                    anchors.fill: parent
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    source: "image://camera/guide/" + card.frameTick
                }
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Có tờ hướng dẫn in mã QR? Đưa mã vào camera, máy sẽ mở đúng thủ tục.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                color: Theme.textMuted; wrapMode: Text.WordWrap
            }
        }
        // Categories (lĩnh vực) as big chips that scroll sideways.
        ListView {
            id: chips
            objectName: "procedureFields"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.targetMin
            visible: procedures.state === "ready"
            orientation: ListView.Horizontal
            spacing: Theme.gap / 2
            clip: true
            model: procedures.fields
            delegate: AbstractButton {
                id: chip
                required property string modelData
                height: chips.height
                width: chipText.implicitWidth + 2 * Theme.gap
                focusPolicy: Qt.NoFocus
                onClicked: procedures.chooseField(modelData)
                background: Rectangle {
                    radius: height / 2
                    color: procedures.field === chip.modelData ? Theme.primary : Theme.surface
                    border.width: 3 * Theme.u; border.color: Theme.primary
                }
                contentItem: Text {
                    textFormat: Text.PlainText
                    id: chipText
                    text: (procedures.field === chip.modelData ? "✓ " : "") + chip.modelData
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: procedures.field === chip.modelData ? Theme.primaryText : Theme.primary
                    horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter
                }
            }
        }
        ListView {
            id: list
            objectName: "procedureList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: procedures.listModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            delegate: AbstractButton {
                id: item
                required property string code
                required property string name
                required property string field
                required property string fee
                required property int days
                required property bool available
                required property bool byPost
                required property string note
                width: list.width - 24 * Theme.u
                implicitHeight: Math.max(Theme.buttonHeight, col.implicitHeight + 2 * Theme.gap)
                focusPolicy: Qt.NoFocus
                onClicked: procedures.choose(code)
                background: Rectangle {
                    radius: Theme.radius
                    color: item.down ? Theme.surfaceAlt : Theme.surface
                    border.color: item.available ? Theme.primary : Theme.border
                    border.width: 3 * Theme.u
                }
                contentItem: ColumnLayout {
                    id: col
                    spacing: 6 * Theme.u
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.gap; Layout.rightMargin: Theme.gap
                        text: item.name
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                        color: item.available ? Theme.primary : Theme.textMuted
                        wrapMode: Text.WordWrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.gap; Layout.rightMargin: Theme.gap
                        text: item.field + "  ·  " + qsTr("Lệ phí: %1").arg(item.fee) + "  ·  "
                              + (item.days === 0 ? qsTr("Trong ngày") : qsTr("%1 ngày làm việc").arg(item.days))
                              + (item.byPost ? "  ·  " + qsTr("Nhận kết quả qua bưu điện") : "")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                        color: Theme.textMuted; wrapMode: Text.WordWrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.gap; Layout.rightMargin: Theme.gap
                        visible: item.note.length > 0
                        text: item.note
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                        color: Theme.warning; wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
