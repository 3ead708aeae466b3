import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// How the result comes back: online, at the counter, by post (address from lists: province → commune,
// then only the house number and street are typed), or the postman collects the dossier at home.
Item {
    id: screen
    readonly property var d: delivery
    readonly property bool needsAddress: d.method === "post" || d.method === "pickup"
    // Which list the picker shows: "" (none), "province" or "commune".
    property string picking: ""

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        ScreenTitle {
            Layout.fillWidth: true
            title: qsTr("Ông/bà muốn nhận kết quả thế nào?")
        }

        // Everything but the title and "continue" scrolls: with the keyboard open the screen is half as tall.
        Flickable {
            id: scroller
            objectName: "deliveryScroller"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.picking === ""
            clip: true
            contentWidth: width
            contentHeight: content.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: ScrollBar.AsNeeded }
            ColumnLayout {
                id: content
                width: scroller.width - 24 * Theme.u
                spacing: Theme.gap
                GridLayout {
                    Layout.fillWidth: true
                    columns: Theme.portrait ? 2 : 4
                    rowSpacing: Theme.gap / 2
                    columnSpacing: Theme.gap / 2
                    Repeater {
                        model: [
                            { key: "online", title: qsTr("Trực tuyến"), sub: qsTr("xem trên Cổng dịch vụ công") },
                            { key: "counter", title: qsTr("Tại quầy"), sub: qsTr("bộ phận một cửa") },
                            { key: "post", title: qsTr("Qua bưu điện"), sub: qsTr("gửi kết quả về nhà") },
                            { key: "pickup", title: qsTr("Hẹn bưu tá"), sub: qsTr("đến nhà nhận hồ sơ gốc") }
                        ]
                        delegate: BigButton {
                            required property var modelData
                            objectName: "method_" + modelData.key
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            primary: d.method === modelData.key
                            enabled: d.postAllowed || (modelData.key !== "post" && modelData.key !== "pickup")
                            text: (d.method === modelData.key ? "✓ " : "") + modelData.title
                            subtitle: modelData.sub
                            onClicked: d.chooseMethod(modelData.key)
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: !d.postAllowed
                    text: qsTr("Thủ tục này chưa nhận trả kết quả qua bưu điện.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                }

                // ---- the address, when the post is involved
                GridLayout {
                    Layout.fillWidth: true
                    visible: screen.needsAddress && screen.picking === ""
                    columns: Theme.portrait ? 1 : 3
                    rowSpacing: Theme.gap / 2
                    columnSpacing: Theme.gap
                    KioskField {
                        objectName: "recipient"
                        Layout.fillWidth: true
                        label: qsTr("Người nhận")
                        value: d.recipient
                        required: true
                        onEdited: (text) => d.setField("recipient", text)
                    }
                    KioskField {
                        objectName: "phone"
                        Layout.fillWidth: true
                        label: qsTr("Số điện thoại di động")
                        value: d.phone
                        required: true
                        inputHints: Qt.ImhDialableCharactersOnly
                        onEdited: (text) => d.setField("phone", text)
                    }
                    PickButton {
                        objectName: "pickProvince"
                        label: qsTr("Tỉnh / thành phố")
                        value: d.provinceName || qsTr("Chạm để chọn")
                        onClicked: screen.picking = "province"
                    }
                    PickButton {
                        objectName: "pickCommune"
                        label: qsTr("Xã / phường")
                        enabled: d.provinceCode.length > 0
                        value: d.communeName || qsTr("Chạm để chọn")
                        onClicked: { d.searchCommunes(""); screen.picking = "commune" }
                    }
                    KioskField {
                        objectName: "street"
                        Layout.fillWidth: true
                        Layout.columnSpan: Theme.portrait ? 1 : 2
                        label: qsTr("Số nhà, đường / thôn, xóm")
                        value: d.street
                        required: true
                        onEdited: (text) => d.setField("street", text)
                    }
                }

                // ---- economy or express, and the price
                RowLayout {
                    Layout.fillWidth: true
                    visible: d.method === "post" && screen.picking === ""
                    spacing: Theme.gap / 2
                    BigButton {
                        objectName: "serviceEconomy"
                        Layout.fillWidth: true
                        primary: d.service === "economy"
                        text: qsTr("Thường")
                        onClicked: d.chooseService("economy")
                    }
                    BigButton {
                        objectName: "serviceExpress"
                        Layout.fillWidth: true
                        primary: d.service === "express"
                        text: qsTr("Nhanh")
                        onClicked: d.chooseService("express")
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "quote"
                    Layout.fillWidth: true
                    visible: d.method === "post" && d.quoteText.length > 0
                    text: qsTr("Cước phí: %1").arg(d.quoteText)
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }

                // ---- pickup slots
                ListView {
                    id: slotList
                    objectName: "slotList"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.min(contentHeight, 3.2 * (Theme.targetMin + Theme.gap / 2))
                    visible: d.method === "pickup" && screen.picking === ""
                    clip: true
                    spacing: Theme.gap / 2
                    model: d.slotModel
                    delegate: BigButton {
                        required property string slotId
                        required property string label
                        required property bool available
                        width: slotList.width
                        implicitHeight: Theme.targetMin
                        enabled: available
                        primary: d.slotId === slotId
                        text: label
                        onClicked: d.chooseSlot(slotId)
                    }
                }
            }
        }

        // ---- the list picker (province or commune): a list a finger scrolls, typing narrows communes
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.picking !== ""
            spacing: Theme.gap / 2
            KioskField {
                objectName: "communeSearch"
                Layout.fillWidth: true
                visible: screen.picking === "commune"
                label: qsTr("Gõ vài chữ để tìm (không cần dấu)")
                onEdited: (text) => d.searchCommunes(text)
            }
            ListView {
                id: pickList
                objectName: "pickList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 6 * Theme.u
                model: screen.picking === "province" ? d.provinceModel : d.communeModel
                ScrollBar.vertical: ScrollBar { width: 20 * Theme.u; policy: ScrollBar.AlwaysOn }
                delegate: AbstractButton {
                    required property string code
                    required property string name
                    width: pickList.width - 28 * Theme.u
                    implicitHeight: Theme.targetMin
                    focusPolicy: Qt.NoFocus
                    onClicked: {
                        if (screen.picking === "province") d.chooseProvince(code); else d.chooseCommune(code)
                        screen.picking = ""
                    }
                    background: Rectangle { radius: Theme.radius / 2; color: Theme.surface
                                            border.width: 2 * Theme.u; border.color: Theme.border }
                    contentItem: Text {
                        textFormat: Text.PlainText
                        leftPadding: Theme.gap
                        text: name
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.text; verticalAlignment: Text.AlignVCenter
                    }
                }
            }
            BigButton {
                Layout.fillWidth: true
                primary: false
                text: qsTr("Đóng danh sách")
                onClicked: screen.picking = ""
            }
        }

        BigButton {
            objectName: "deliveryDone"
            Layout.fillWidth: true
            visible: screen.picking === ""
            enabled: d.problemText.length === 0
            text: qsTr("Tiếp tục")
            subtitle: d.problemText || (d.method === "post" && d.quoteText ? qsTr("Cước phí: %1").arg(d.quoteText) : "")
            onClicked: dossier.deliveryDone()
        }
    }

    component PickButton: AbstractButton {
        id: pick
        property string label: ""
        property string value: ""
        Layout.fillWidth: true
        implicitHeight: pickColumn.implicitHeight + Theme.gap
        focusPolicy: Qt.NoFocus
        background: Rectangle { radius: Theme.radius / 2; color: pick.enabled ? Theme.surface : Theme.surfaceAlt
                                border.width: 2 * Theme.u; border.color: Theme.primary }
        contentItem: ColumnLayout {
            id: pickColumn
            spacing: 4 * Theme.u
            Text { textFormat: Text.PlainText; Layout.fillWidth: true; Layout.leftMargin: Theme.gap / 2; text: pick.label + " *"
                   font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text }
            Text { textFormat: Text.PlainText; Layout.fillWidth: true; Layout.leftMargin: Theme.gap / 2; text: pick.value + "  ▾"
                   font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; color: Theme.primary
                   elide: Text.ElideRight }
        }
    }
}
