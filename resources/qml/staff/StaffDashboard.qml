import QtQuick
import QtQuick.Layouts
import "../components"

// The clerk's dashboard: the queue, the devices, today's numbers, the settings; assisted mode; exit.
Rectangle {
    id: dash
    objectName: "staffDashboard"
    color: Theme.background
    MouseArea { anchors.fill: parent }   // nothing underneath can be touched

    property int tab: 0
    property bool confirmExit: false
    onVisibleChanged: { tab = 0; confirmExit = false }

    function statusText(s) {
        switch (s) {
        case "queued": return qsTr("Chờ gửi")
        case "sending": return qsTr("Đang gửi")
        case "sent": return qsTr("Đã gửi")
        case "duplicate": return qsTr("Đã gửi (trùng)")
        case "failed": return qsTr("Lỗi, cần xử lý")
        }
        return s
    }
    function statusColor(s) {
        return s === "failed" ? Theme.error : (s === "sent" || s === "duplicate") ? Theme.success : Theme.warning
    }
    function deviceName(k) {
        switch (k) {
        case "camera": return qsTr("Camera đọc thẻ")
        case "document_camera": return qsTr("Camera tài liệu")
        case "scanner": return qsTr("Máy quét")
        case "printer": return qsTr("Máy in phiếu")
        case "portal": return qsTr("Cổng dịch vụ công")
        case "disk": return qsTr("Ổ đĩa")
        case "clock": return qsTr("Đồng hồ")
        }
        return k
    }
    function levelColor(l) {
        return l === "ok" ? Theme.success : l === "warn" ? "#d97706" : Theme.error
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // A citizen pressed "Gọi nhân viên": say so first, until staff have seen it.
        Rectangle {
            objectName: "staffCallAlert"
            Layout.fillWidth: true
            Layout.preferredHeight: callText.implicitHeight + 2 * Theme.gap
            visible: visit.staffCalled
            color: Theme.accent
            Text {
                textFormat: Text.PlainText
                id: callText
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: "! " + qsTr("Khách tại kiosk đang gọi nhân viên hỗ trợ.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                color: "white"; wrapMode: Text.WordWrap
            }
        }

        // Who is signed in, assisted mode, close.
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: header.implicitHeight + 2 * Theme.gap
            color: Theme.primary
            GridLayout {
                id: header
                anchors.fill: parent
                anchors.margins: Theme.gap
                anchors.leftMargin: Theme.margin
                columns: Theme.portrait ? 2 : 3
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.portrait ? 2 : 1
                    spacing: 0
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Chế độ nhân viên")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                        color: "#ffffff"; elide: Text.ElideRight
                    }
                    Text {
                        textFormat: Text.PlainText
                        objectName: "staffName"
                        Layout.fillWidth: true
                        text: staff.memberName + " (" + staff.memberId + ")"
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                        color: "#dbe7ff"; elide: Text.ElideRight
                    }
                }
                BigButton {
                    objectName: "assistedToggle"
                    Layout.fillWidth: Theme.portrait
                    Layout.preferredWidth: Theme.portrait ? 1 : 560 * Theme.u
                    primary: false
                    text: staff.assisted ? "✓ " + qsTr("Chế độ hỗ trợ: BẬT") : qsTr("Chế độ hỗ trợ: TẮT")
                    subtitle: staff.assisted ? qsTr("Hồ sơ ghi tên bạn là người hỗ trợ")
                                             : qsTr("Bật khi bạn giúp người dân nộp hồ sơ")
                    onClicked: staff.setAssisted(!staff.assisted)
                }
                BigButton {
                    objectName: "staffClose"
                    Layout.fillWidth: Theme.portrait
                    Layout.preferredWidth: Theme.portrait ? 1 : 480 * Theme.u
                    primary: false
                    text: qsTr("Đóng")
                    subtitle: qsTr("Về màn hình người dân")
                    onClicked: staff.close()
                }
            }
        }

        // Tabs.
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            spacing: Theme.gap * 0.5
            Repeater {
                model: [qsTr("Hồ sơ chờ gửi"), qsTr("Thiết bị"), qsTr("Hôm nay"), qsTr("Cài đặt")]
                delegate: Rectangle {
                    required property string modelData
                    required property int index
                    objectName: "tab_" + index
                    Layout.fillWidth: true
                    Layout.preferredHeight: 100 * Theme.u
                    radius: Theme.radius
                    color: dash.tab === index ? Theme.primary : Theme.surface
                    border.color: Theme.primary; border.width: 3 * Theme.u
                    Text {
                        textFormat: Text.PlainText
                        anchors.fill: parent
                        anchors.margins: 8 * Theme.u
                        text: parent.modelData + (parent.index === 0 && staff.counts.failed > 0 ? " (" + staff.counts.failed + ")" : "")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                        fontSizeMode: Text.Fit; minimumPixelSize: 20 * Theme.u
                        horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.WordWrap
                        color: dash.tab === parent.index ? Theme.primaryText : Theme.primary
                    }
                    MouseArea { anchors.fill: parent; onClicked: dash.tab = parent.index }
                }
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.gap
            Layout.rightMargin: Theme.gap
            currentIndex: dash.tab

            // 1. The outbox.
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Text {
                        textFormat: Text.PlainText
                        objectName: "outboxCounts"
                        Layout.fillWidth: true
                        text: qsTr("Chờ gửi: %1 · Đang gửi: %2 · Đã gửi: %3 · Lỗi: %4")
                              .arg((staff.counts.queued || 0))
                              .arg((staff.counts.sending || 0))
                              .arg((staff.counts.sent || 0) + (staff.counts.duplicate || 0))
                              .arg((staff.counts.failed || 0))
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                    BigButton {
                        objectName: "outboxRefresh"
                        primary: false
                        implicitWidth: 280 * Theme.u
                        text: qsTr("Làm mới")
                        onClicked: staff.refresh()
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    visible: staff.outboxModel.count === 0
                    text: qsTr("Chưa có hồ sơ nào trên máy.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; color: Theme.textMuted
                }
                ListView {
                    objectName: "outboxList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.gap * 0.5
                    model: staff.outboxModel
                    delegate: Rectangle {
                        required property int entryId
                        required property string code
                        required property string procedure
                        required property string status
                        required property int attempts
                        required property string lastError
                        required property string created
                        required property string assistedBy
                        required property bool canRetry
                        objectName: "entry_" + entryId
                        width: ListView.view.width
                        height: row.implicitHeight + 2 * Theme.gap
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: status === "failed" ? Theme.error : Theme.border
                        border.width: 3 * Theme.u
                        RowLayout {
                            id: row
                            anchors.fill: parent
                            anchors.margins: Theme.gap
                            spacing: Theme.gap
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 4 * Theme.u
                                RowLayout {
                                    Layout.fillWidth: true
                                    spacing: Theme.gap
                                    Text {
                                        textFormat: Text.PlainText
                                        Layout.fillWidth: true
                                        text: code
                                        font.family: "Noto Sans Mono"; font.pixelSize: Theme.fontBody; font.bold: true
                                        color: Theme.text; elide: Text.ElideRight
                                    }
                                    Text {
                                        textFormat: Text.PlainText
                                        text: dash.statusText(status)
                                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                                        color: dash.statusColor(status)
                                    }
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: qsTr("%1 · lúc %2 · %3 lần gửi").arg(procedure).arg(created).arg(attempts)
                                          + (assistedBy ? " · " + qsTr("hỗ trợ: %1").arg(assistedBy) : "")
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted; wrapMode: Text.WordWrap
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    objectName: "entryError"
                                    Layout.fillWidth: true
                                    visible: lastError.length > 0
                                    text: qsTr("Lý do: %1").arg(lastError)
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                    color: status === "failed" ? Theme.error : Theme.textMuted
                                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                    maximumLineCount: 3; elide: Text.ElideRight
                                }
                            }
                            BigButton {
                                objectName: "retry_" + entryId
                                visible: canRetry
                                implicitWidth: 260 * Theme.u
                                text: status === "failed" ? qsTr("Gửi lại") : qsTr("Gửi ngay")
                                onClicked: staff.retry(entryId)
                            }
                        }
                    }
                }
            }

            // 2. Device health.
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    Layout.fillWidth: true
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: staff.healthBusy ? qsTr("Đang kiểm tra thiết bị…") : qsTr("Tình trạng thiết bị")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                    BigButton {
                        objectName: "healthRecheck"
                        primary: false
                        enabled: !staff.healthBusy
                        implicitWidth: 320 * Theme.u
                        text: qsTr("Kiểm tra lại")
                        onClicked: staff.checkHealth()
                    }
                }
                ListView {
                    objectName: "healthList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.gap * 0.5
                    model: staff.healthModel
                    delegate: Rectangle {
                        required property string key
                        required property string level
                        required property string reason
                        width: ListView.view.width
                        height: Math.max(100 * Theme.u, healthText.implicitHeight + 2 * Theme.gap)
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: dash.levelColor(level); border.width: 3 * Theme.u
                        RowLayout {
                            anchors.fill: parent
                            anchors.margins: Theme.gap
                            spacing: Theme.gap
                            Rectangle {
                                Layout.preferredWidth: 48 * Theme.u; Layout.preferredHeight: 48 * Theme.u
                                radius: width / 2
                                color: dash.levelColor(level)
                            }
                            ColumnLayout {
                                id: healthText
                                Layout.fillWidth: true
                                spacing: 2 * Theme.u
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: dash.deviceName(key)
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                                    color: Theme.text
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    objectName: "health_" + key
                                    Layout.fillWidth: true
                                    text: reason
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted; wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                    maximumLineCount: 2; elide: Text.ElideRight
                                }
                            }
                        }
                    }
                }
            }

            // 3. Today's numbers.
            GridLayout {
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Repeater {
                    model: [
                        { label: qsTr("Hồ sơ tiếp nhận hôm nay"), value: staff.today.queued || 0 },
                        { label: qsTr("Đã gửi lên Cổng hôm nay"), value: staff.today.sent || 0 },
                        { label: qsTr("Lỗi cần xử lý (hôm nay)"), value: staff.today.failed || 0 },
                        { label: qsTr("Có nhân viên hỗ trợ"), value: staff.today.assisted || 0 }
                    ]
                    delegate: Rectangle {
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.preferredHeight: 260 * Theme.u
                        Layout.alignment: Qt.AlignTop
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border; border.width: 2 * Theme.u
                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: Theme.gap
                            Text {
                                textFormat: Text.PlainText
                                Layout.alignment: Qt.AlignHCenter
                                text: modelData.value
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontHuge * 1.4; font.bold: true
                                color: Theme.primary
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: modelData.label
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                color: Theme.text; wrapMode: Text.WordWrap; horizontalAlignment: Text.AlignHCenter
                            }
                        }
                    }
                }
                Item { Layout.fillHeight: true; Layout.columnSpan: 2 }
            }

            // 4. Settings (to read; they are changed in kiosk.toml).
            ColumnLayout {
                spacing: Theme.gap * 0.5
                Repeater {
                    model: [
                        { label: qsTr("Mã kiosk"), value: staff.settings.kioskId },
                        { label: qsTr("Ngôn ngữ mặc định"), value: staff.settings.language === "vi" ? "Tiếng Việt" : "English" },
                        { label: qsTr("Cỡ chữ"), value: Math.round(staff.settings.textScale * 100) + " %" },
                        { label: qsTr("Hướng màn hình"), value: staff.settings.orientation },
                        { label: qsTr("Máy in phiếu"), value: staff.settings.printer },
                        { label: qsTr("Thời gian chờ (giây)"), value: staff.settings.idleTimeout },
                        { label: qsTr("Cổng dịch vụ công"), value: staff.settings.portal }
                    ]
                    delegate: RowLayout {
                        required property var modelData
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        Text {
                            textFormat: Text.PlainText
                            Layout.preferredWidth: 1
                            Layout.fillWidth: true
                            text: modelData.label
                            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                            color: Theme.textMuted; wrapMode: Text.WordWrap
                        }
                        Text {
                            textFormat: Text.PlainText
                            Layout.preferredWidth: 1
                            Layout.fillWidth: true
                            text: String(modelData.value)
                            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                            color: Theme.text; wrapMode: Text.WrapAnywhere
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.gap
                    text: qsTr("Thay đổi cài đặt trong tệp kiosk.toml rồi khởi động lại kiosk.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                }
                Item { Layout.fillHeight: true }
            }
        }

        // Leaving the kiosk program: only here, behind the PIN, and only after a second tap.
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: dash.confirmExit ? qsTr("Thoát chương trình kiosk? Người dân sẽ không dùng được máy.")
                                       : qsTr("Phiên nhân viên tự kết thúc sau 2 phút không thao tác.")
                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                color: dash.confirmExit ? Theme.error : Theme.textMuted; wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "exitCancel"
                visible: dash.confirmExit
                primary: false
                implicitWidth: 260 * Theme.u
                text: qsTr("Huỷ")
                onClicked: dash.confirmExit = false
            }
            BigButton {
                objectName: "exitApp"
                danger: true
                implicitWidth: 460 * Theme.u
                text: dash.confirmExit ? qsTr("Thoát ngay") : qsTr("Thoát chương trình")
                onClicked: dash.confirmExit ? staff.exitApp() : (dash.confirmExit = true)
            }
        }
    }
}
