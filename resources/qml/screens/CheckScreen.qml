import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// Check a dossier: the receipt's QR code to the camera, or the code typed; then the status in plain words,
// its history, the result and the postal tracking. Everything shown comes from `check` (Python).
Item {
    id: root
    readonly property bool found: check.state === "found"
    readonly property var reprint: check.reprinterModel
    readonly property bool failed: check.state === "not_found" || check.state === "offline"

    function statusColor(status) {
        if (status === "done") return Theme.success
        if (status === "rejected") return Theme.error
        if (status === "needs_more_information") return Theme.warning
        return Theme.primary
    }

    // ------------------------------------------------------------------ the search: QR or typed code
    GridLayout {
        id: search
        visible: !root.found
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : 2
            title: qsTr("Tra cứu hồ sơ")
            subtitle: qsTr("Đưa mã QR trên giấy biên nhận vào trước camera, hoặc nhập mã hồ sơ.")
        }

        Rectangle {
            id: viewport
            objectName: "checkCamera"
            visible: !Qt.inputMethod.visible && !root.failed
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 200 * Theme.u
            Layout.preferredHeight: width * 9 / 16
            radius: Theme.radius
            color: "#202833"
            clip: true
            Image {
                id: live
                anchors.fill: parent
                fillMode: Image.PreserveAspectFit
                cache: false
                source: check.cameraOk ? "image://camera/check/" + check.frameTick : ""
            }
            // Where to hold the receipt's QR code.
            Rectangle {
                anchors.centerIn: parent
                anchors.verticalCenterOffset: -hintBar.height / 2
                width: Math.min(live.paintedWidth, live.paintedHeight - hintBar.height) * 0.75
                height: width
                color: "transparent"
                radius: 16 * Theme.u
                border.width: 8 * Theme.u
                border.color: "#ffffff"
                opacity: 0.85
                visible: check.cameraOk && check.state === "input"
            }
            Rectangle {
                id: hintBar
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: cameraHint.implicitHeight + 2 * Theme.gap
                color: "#cc1b2230"
                Text {
                    textFormat: Text.PlainText
                    id: cameraHint
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    text: check.state === "loading" ? qsTr("Đang tra cứu…") : check.cameraHint
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                    color: "#ffffff"; wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: !Theme.portrait || root.failed
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: Theme.portrait ? -1 : 760 * Theme.u
            Layout.maximumWidth: Theme.portrait ? 100000 : 780 * Theme.u
            spacing: Theme.gap

            // Unknown code or the portal unreachable: say so plainly, and offer the ways on.
            Card {
                objectName: "checkError"
                visible: root.failed
                Layout.fillWidth: true
                Layout.preferredHeight: errorColumn.implicitHeight + 2 * Theme.gap
                border.color: Theme.error
                border.width: 4 * Theme.u
                ColumnLayout {
                    id: errorColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                    spacing: Theme.gap
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: "⚠ " + check.error
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                        color: Theme.error; wrapMode: Text.WordWrap
                    }
                    BigButton {
                        objectName: "checkRetry"
                        visible: check.state === "offline"
                        Layout.fillWidth: true
                        text: qsTr("Thử lại")
                        onClicked: check.retry()
                    }
                    BigButton {
                        objectName: "checkAgain"
                        Layout.fillWidth: true
                        primary: check.state !== "offline"
                        text: qsTr("Nhập hoặc quét mã khác")
                        onClicked: check.searchAgain()
                    }
                }
            }

            ColumnLayout {
                visible: !root.failed
                Layout.fillWidth: true
                spacing: 8 * Theme.u
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Hoặc nhập mã hồ sơ (in trên giấy biên nhận)")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                    color: Theme.text; wrapMode: Text.WordWrap
                }
                TextField {
                    id: codeInput
                    objectName: "checkCodeInput"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.max(Theme.targetMin * 1.2, Theme.fontLarge * 2.1)
                    enabled: check.state === "input"
                    placeholderText: qsTr("Ví dụ: %1").arg("000.00.53.H48-220921-0099")
                    font.family: "Noto Sans Mono"; font.pixelSize: Theme.fontLarge
                    color: Theme.text
                    inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                    background: Rectangle {
                        radius: Theme.radius / 2
                        color: Theme.surface
                        border.width: codeInput.activeFocus ? 4 * Theme.u : 2 * Theme.u
                        border.color: check.codeError ? Theme.error
                                    : codeInput.activeFocus ? Theme.primary : Theme.border
                    }
                    onAccepted: check.lookup(text)
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "checkCodeError"
                    Layout.fillWidth: true
                    visible: check.codeError.length > 0
                    text: "⚠ " + check.codeError
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                    color: Theme.error; wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "checkLookup"
                    Layout.fillWidth: true
                    enabled: check.state === "input"
                    text: check.state === "loading" ? qsTr("Đang tra cứu…") : qsTr("Tra cứu")
                    onClicked: { codeInput.focus = false; check.lookup(codeInput.text) }
                }
            }
            Item { Layout.fillHeight: true; visible: !Theme.portrait || root.failed }
        }
    }

    // ------------------------------------------------------------------ the dossier
    ColumnLayout {
        visible: root.found
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: details.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 16 * Theme.u; policy: flick.contentHeight > flick.height
                                            ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }

            GridLayout {
                id: details
                width: flick.width - 28 * Theme.u
                columns: Theme.portrait ? 1 : 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.margin

                // Left (or top): what the dossier is, where it is, and the result.
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    Text {
                        textFormat: Text.PlainText
                        objectName: "checkProcedure"
                        Layout.fillWidth: true
                        text: check.procedureName
                        font.family: Theme.fontFamily; font.bold: true
                        font.pixelSize: Theme.portrait ? Theme.fontTitle * 0.85 : Theme.fontLarge
                        color: Theme.text; wrapMode: Text.WordWrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Mã hồ sơ: %1").arg(check.code)
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                        color: Theme.textMuted; wrapMode: Text.WrapAnywhere
                    }
                    Card {
                        objectName: "checkStatus"
                        Layout.fillWidth: true
                        Layout.preferredHeight: statusColumn.implicitHeight + 2 * Theme.gap
                        border.color: root.statusColor(check.status)
                        border.width: 6 * Theme.u
                        ColumnLayout {
                            id: statusColumn
                            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                            spacing: 8 * Theme.u
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: qsTr("Tình trạng hiện nay")
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                            Text {
                                textFormat: Text.PlainText
                                objectName: "checkStatusText"
                                Layout.fillWidth: true
                                text: check.statusText
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontTitle; font.bold: true
                                color: root.statusColor(check.status); wrapMode: Text.WordWrap
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: check.statusExplanation
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                color: Theme.text; wrapMode: Text.WordWrap
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                visible: check.latestNote.length > 0
                                text: qsTr("Ghi chú của cơ quan: %1").arg(check.latestNote)
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.italic: true
                                color: Theme.text; wrapMode: Text.WordWrap
                            }
                        }
                    }
                }

                // Right (or below): the result, the post, and the history as a timeline, oldest first.
                ColumnLayout {
                    objectName: "checkHistory"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: 0
                    Card {
                        objectName: "checkResult"
                        Layout.fillWidth: true
                        Layout.bottomMargin: Theme.gap
                        Layout.preferredHeight: resultColumn.implicitHeight + 2 * Theme.gap
                        ColumnLayout {
                            id: resultColumn
                            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                            spacing: 8 * Theme.u
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: (check.resultReady ? "✓ " : "⏳ ") + (check.resultReady
                                      ? qsTr("Đã có kết quả") : qsTr("Chưa có kết quả"))
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                                color: check.resultReady ? Theme.success : Theme.text
                                wrapMode: Text.WordWrap
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: check.resultText
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                color: Theme.text; wrapMode: Text.WordWrap
                            }
                        }
                    }
                    Card {
                        objectName: "checkTracking"
                        visible: check.trackingNumber.length > 0
                        Layout.fillWidth: true
                        Layout.bottomMargin: Theme.gap
                        Layout.preferredHeight: trackingColumn.implicitHeight + 2 * Theme.gap
                        ColumnLayout {
                            id: trackingColumn
                            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                            spacing: 8 * Theme.u
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: qsTr("Số hiệu bưu gửi")
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                            Text {
                                textFormat: Text.PlainText
                                objectName: "checkTrackingNumber"
                                Layout.fillWidth: true
                                text: check.trackingNumber
                                font.family: "Noto Sans Mono"; font.pixelSize: Theme.fontLarge; font.bold: true
                                color: Theme.primary; wrapMode: Text.WrapAnywhere
                            }
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                visible: check.trackingModel.count === 0
                                text: qsTr("Bưu điện chưa nhận kết quả để phát.")
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                color: Theme.textMuted; wrapMode: Text.WordWrap
                            }
                            Repeater {
                                model: check.trackingModel
                                delegate: ColumnLayout {
                                    required property string label
                                    required property string date
                                    required property string location
                                    required property int index
                                    Layout.fillWidth: true
                                    spacing: 0
                                    Text {
                                        textFormat: Text.PlainText
                                        Layout.fillWidth: true
                                        text: (index === 0 ? "● " : "○ ") + label
                                              + (location ? " — " + location : "")
                                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                                        font.bold: index === 0
                                        color: Theme.text; wrapMode: Text.WordWrap
                                    }
                                    Text {
                                        textFormat: Text.PlainText
                                        Layout.fillWidth: true
                                        leftPadding: 40 * Theme.u
                                        text: date
                                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                        color: Theme.textMuted
                                    }
                                }
                            }
                        }
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        Layout.bottomMargin: Theme.gap / 2
                        text: qsTr("Các bước đã qua")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge; font.bold: true
                        color: Theme.text
                    }
                    Repeater {
                        model: check.historyModel
                        delegate: RowLayout {
                            id: entry
                            required property string status
                            required property string label
                            required property string date
                            required property string note
                            required property bool current
                            required property int index
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            Item {
                                Layout.preferredWidth: 48 * Theme.u
                                Layout.preferredHeight: entryText.implicitHeight + Theme.gap
                                Layout.alignment: Qt.AlignTop
                                Rectangle {  // the line joining the steps
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    y: entry.index === 0 ? 24 * Theme.u : 0
                                    width: 6 * Theme.u
                                    height: entry.current ? 24 * Theme.u - y : parent.height - y
                                    color: Theme.border
                                }
                                Rectangle {
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    y: 8 * Theme.u
                                    width: (entry.current ? 40 : 28) * Theme.u; height: width
                                    radius: width / 2
                                    color: entry.current ? root.statusColor(entry.status) : Theme.surface
                                    border.width: 5 * Theme.u
                                    border.color: root.statusColor(entry.status)
                                }
                            }
                            ColumnLayout {
                                id: entryText
                                Layout.fillWidth: true
                                Layout.alignment: Qt.AlignTop
                                Layout.bottomMargin: Theme.gap
                                spacing: 2 * Theme.u
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: entry.label
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontLarge
                                    font.bold: entry.current
                                    color: entry.current ? root.statusColor(entry.status) : Theme.text
                                    wrapMode: Text.WordWrap
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: entry.date
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    visible: entry.note.length > 0
                                    text: entry.note
                                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                                    color: Theme.text; wrapMode: Text.WordWrap
                                }
                            }
                        }
                    }
                }
            }
        }

        // A lost receipt printed again ("BẢN IN LẠI", without the citizen's name), only where a printer is.
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: root.found && reprint !== null && reprint.hasPrinter && reprint.state !== "idle"
            horizontalAlignment: Text.AlignHCenter
            text: reprint === null ? "" : reprint.state === "printing" ? qsTr("Đang in lại biên nhận…")
                : reprint.state === "printed" ? qsTr("Đã in lại biên nhận. Xin nhận giấy ở khe máy in.")
                : qsTr("Không in lại được biên nhận. Xin nhờ nhân viên.")
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
            color: Theme.text; wrapMode: Text.WordWrap
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "checkReprint"
                visible: root.found && reprint !== null && reprint.hasPrinter
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                enabled: reprint !== null && reprint.state !== "printing"
                text: qsTr("In lại biên nhận")
                onClicked: reprint.printReceipt()
            }
            BigButton {
                objectName: "checkAnother"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                text: qsTr("Tra cứu hồ sơ khác")
                onClicked: check.searchAgain()
            }
            BigButton {
                objectName: "checkDone"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Xong")
                onClicked: visit.journeyDone()
            }
        }
    }
}
