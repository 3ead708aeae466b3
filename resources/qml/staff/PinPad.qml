import QtQuick
import QtQuick.Layouts
import "../components"

// Staff sign-in: choose yourself, type the PIN on big keys, OK. The digits are never shown, only dots.
Rectangle {
    id: pad
    objectName: "pinPad"
    color: "#f01b2230"
    MouseArea { anchors.fill: parent }   // nothing underneath can be touched

    readonly property string message: {
        if (staff.checking) return qsTr("Đang kiểm tra…")
        switch (staff.pinState) {
        case "wrong": return qsTr("Sai mã PIN. Còn %1 lần thử.").arg(staff.attemptsLeft)
        case "locked": return staff.lockedUntil
                              ? qsTr("Tạm khoá do nhập sai nhiều lần. Thử lại sau %1.").arg(staff.lockedUntil)
                              : qsTr("Tạm khoá do nhập sai nhiều lần.")
        case "unknown": return qsTr("Không tìm thấy nhân viên này.")
        case "error": return qsTr("Không kiểm tra được mã PIN. Xin thử lại.")
        }
        if (staff.memberModel.count === 0)
            return qsTr("Chưa có nhân viên nào. Thêm bằng lệnh: kiosk staff add")
        return staff.selectedId ? qsTr("Nhập mã PIN rồi nhấn OK.") : qsTr("Chọn tên của bạn.")
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.portrait ? 1000 * Theme.u : 1800 * Theme.u)
        height: Math.min(parent.height - 2 * Theme.margin, body.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius
        color: Theme.surface

        GridLayout {
            id: body
            anchors.fill: parent
            anchors.margins: Theme.margin
            columns: Theme.portrait ? 1 : 2
            columnSpacing: Theme.margin * 2
            rowSpacing: Theme.gap

            // Who, and what is happening.
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: 1
                spacing: Theme.gap
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Đăng nhập nhân viên")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                    BigButton {
                        objectName: "pinCancel"
                        primary: false
                        implicitWidth: 240 * Theme.u
                        text: qsTr("Đóng")
                        onClicked: staff.close()
                    }
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Repeater {
                        model: staff.memberModel
                        delegate: Rectangle {
                            required property string staffId
                            required property string name
                            required property bool locked
                            objectName: "member_" + staffId
                            width: Math.max(300 * Theme.u, memberName.implicitWidth + 2 * Theme.gap)
                            height: 110 * Theme.u
                            radius: Theme.radius
                            readonly property bool chosen: staff.selectedId === staffId
                            color: chosen ? Theme.primary : Theme.surfaceAlt
                            border.color: Theme.primary; border.width: 3 * Theme.u
                            Column {
                                anchors.centerIn: parent
                                Text {
                                    textFormat: Text.PlainText
                                    id: memberName
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    text: parent.parent.name
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                                    color: parent.parent.chosen ? Theme.primaryText : Theme.text
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    text: parent.parent.locked ? qsTr("tạm khoá") : parent.parent.staffId
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall * 0.8
                                    color: parent.parent.chosen ? Theme.primaryText : Theme.textMuted
                                }
                            }
                            MouseArea { anchors.fill: parent; onClicked: staff.selectMember(parent.staffId) }
                        }
                    }
                }
                Row {
                    objectName: "pinDots"
                    Layout.alignment: Qt.AlignHCenter
                    Layout.topMargin: Theme.gap
                    spacing: 28 * Theme.u
                    Repeater {
                        model: Math.max(4, staff.pinLength)
                        delegate: Rectangle {
                            required property int index
                            width: 40 * Theme.u; height: width; radius: width / 2
                            color: index < staff.pinLength ? Theme.primary : "transparent"
                            border.color: Theme.primary; border.width: 4 * Theme.u
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "pinMessage"
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.fontBody * 2.8
                    text: pad.message
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: staff.pinState !== ""
                    color: staff.pinState === "locked" || staff.pinState === "wrong" ? Theme.error : Theme.textMuted
                    wrapMode: Text.WordWrap; horizontalAlignment: Text.AlignHCenter
                }
            }

            // The keys: 3 × 4, each at least 120 u tall.
            GridLayout {
                objectName: "pinKeys"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                columns: 3
                rowSpacing: Theme.gap * 0.75
                columnSpacing: Theme.gap * 0.75
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: BigButton {
                        required property string modelData
                        objectName: "key_" + modelData
                        Layout.fillWidth: true
                        Layout.preferredHeight: 130 * Theme.u
                        implicitWidth: 200 * Theme.u
                        primary: modelData === "OK"
                        enabled: !staff.checking && (modelData !== "OK" || (staff.pinLength > 0 && staff.selectedId !== ""))
                        text: modelData
                        onClicked: {
                            if (modelData === "OK") staff.submitPin()
                            else if (modelData === "⌫") staff.backspace()
                            else staff.pressDigit(modelData)
                        }
                    }
                }
            }
        }
    }
}
