import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// Paper documents: one entry per dossier component, the document camera's live view (auto-capture once per
// page, or the button), the scanner, and the pages so far with move / retake / delete.
Item {
    id: screen
    // The page the action bar works on (the newest one unless the citizen taps another).
    property int selectedPage: -1
    readonly property int pageIndex: selectedPage >= 0 && selectedPage < pageList.count ? selectedPage
                                                                                     : pageList.count - 1

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.gap
        columnSpacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            Layout.columnSpan: Theme.portrait ? 1 : 2
            visible: Theme.portrait
            title: qsTr("Chụp giấy tờ")
            // With large text the live view's own hint says the same: the room goes to the buttons.
            subtitle: Theme.textScale > 1.2 ? ""
                      : qsTr("Đặt từng trang giấy dưới camera, mặt chữ lên trên. Máy tự chụp khi trang nằm yên.")
        }

        // ---- left (landscape) / top (portrait): the live view and how to capture
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.portrait ? -1 : parent.width * 0.52
            spacing: Theme.gap
            ScreenTitle {
                Layout.fillWidth: true
                visible: !Theme.portrait && Theme.textScale < 1.2  // large text needs the room more
                title: qsTr("Chụp giấy tờ")
            }

            Rectangle {
                id: viewport
                objectName: "documentCameraView"
                Layout.fillWidth: true
                Layout.fillHeight: !Theme.portrait
                Layout.preferredHeight: Theme.portrait ? (Theme.textScale > 1.2 ? 240 : 300) * Theme.u : -1
                radius: Theme.radius
                color: "#202833"
                clip: true
                Image {
                    id: live
                    anchors.fill: parent
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    source: "image://doccam/live/" + docs.frameTick
                }
                // The page the kiosk found, drawn over the picture (green once captured).
                Canvas {
                    id: outline
                    anchors.fill: parent
                    property var quad: docs.quad
                    property string state: docs.liveState
                    onQuadChanged: requestPaint()
                    onStateChanged: requestPaint()
                    onWidthChanged: requestPaint()
                    onPaint: {
                        var ctx = getContext("2d")
                        ctx.reset()
                        if (!quad || quad.length !== 8 || live.paintedWidth <= 0)
                            return
                        var x0 = (width - live.paintedWidth) / 2, y0 = (height - live.paintedHeight) / 2
                        ctx.lineWidth = 8 * Theme.u
                        ctx.strokeStyle = state === "captured" ? "#22c55e" : "#f6c445"
                        ctx.beginPath()
                        for (var i = 0; i < 4; i++) {
                            var px = x0 + quad[2 * i] * live.paintedWidth
                            var py = y0 + quad[2 * i + 1] * live.paintedHeight
                            if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py)
                        }
                        ctx.closePath()
                        ctx.stroke()
                    }
                }
                Rectangle {
                    anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                    height: hint.implicitHeight + 2 * Theme.gap
                    color: "#cc101820"
                    Text {
                        textFormat: Text.PlainText
                        id: hint
                        objectName: "documentHint"
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        text: (docs.processing ? qsTr("Đang xử lý trang…") : docs.liveHint)
                              + (docs.status.length > 0 ? "\n" + docs.status : "")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                        color: "#ffffff"; wrapMode: Text.WordWrap
                        maximumLineCount: Theme.portrait ? 4 : 3
                        elide: Text.ElideRight
                        verticalAlignment: Text.AlignVCenter
                    }
                }
                // Auto-capture on/off: a corner switch, out of the way of the main buttons.
                AbstractButton {
                    objectName: "autoCapture"
                    anchors { top: parent.top; right: parent.right; margins: Theme.gap / 2 }
                    implicitHeight: Theme.targetMin
                    implicitWidth: autoText.implicitWidth + 2 * Theme.gap
                    focusPolicy: Qt.NoFocus
                    onClicked: docs.setAutoCapture(!docs.autoCapture)
                    background: Rectangle { radius: Theme.radius; color: "#cc101820"
                                            border.width: 3 * Theme.u; border.color: "#ffffff" }
                    contentItem: Text {
                        textFormat: Text.PlainText
                        id: autoText
                        text: docs.autoCapture ? qsTr("Tự chụp: BẬT") : qsTr("Tự chụp: TẮT")
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
                        color: "#ffffff"
                        horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter
                    }
                }
            }

            // One recommended way (the camera above, by itself or "Chụp ngay"); the scanner's two ways
            // wait behind "Cách khác" so nobody has to choose between three buttons without a hint.
            GridLayout {
                id: captureButtons
                property bool others: false
                Layout.fillWidth: true
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                BigButton {
                    objectName: "captureNow"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 2
                    Layout.columnSpan: docs.scannerAvailable ? 1 : 2
                    text: docs.retaking ? qsTr("Chụp lại") : qsTr("Chụp ngay")
                    enabled: docs.liveState !== "problem"
                    onClicked: docs.captureNow()
                }
                BigButton {
                    objectName: "otherWays"
                    visible: docs.scannerAvailable
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    primary: false
                    text: captureButtons.others ? qsTr("Ẩn cách khác") : qsTr("Cách khác…")
                    onClicked: captureButtons.others = !captureButtons.others
                }
                BigButton {
                    objectName: "scanOne"
                    visible: docs.scannerAvailable && (captureButtons.others || docs.scanning)
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    primary: false
                    enabled: !docs.scanning
                    text: qsTr("Máy quét: 1 trang")
                    onClicked: docs.scanOne()
                }
                BigButton {
                    objectName: "scanFeeder"
                    visible: docs.scannerAvailable && (captureButtons.others || docs.scanning)
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    primary: false
                    text: docs.scanning ? qsTr("Dừng quét") : qsTr("Máy quét: cả xấp")
                    onClicked: docs.scanning ? docs.cancelScan() : docs.scanFeeder()
                }
            }
        }

        // ---- right (landscape) / bottom (portrait): which document, its pages, go on
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: !Theme.portrait
            spacing: Theme.gap

            ListView {
                id: componentList
                objectName: "componentList"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.portrait ? Math.min(contentHeight, (Theme.textScale > 1.2 ? 1.4 : 3.3)
                                                                                 * (Theme.targetMin + Theme.gap))
                                                       : Math.min(contentHeight, (Theme.textScale > 1.2 ? 1.3 : 2.05)
                                                                                 * (Theme.targetMin + Theme.gap))
                clip: true
                spacing: Theme.gap / 2
                boundsBehavior: Flickable.StopAtBounds
                model: docs.componentModel
                delegate: AbstractButton {
                    id: component
                    objectName: "component_" + model.typeCode
                    required property var model
                    required property int index
                    width: componentList.width
                    implicitHeight: Math.max(Theme.targetMin, label.implicitHeight + Theme.gap)
                    focusPolicy: Qt.NoFocus
                    onClicked: docs.selectComponent(index)
                    background: Rectangle {
                        radius: Theme.radius
                        color: docs.current === component.index ? Theme.surfaceAlt : Theme.surface
                        border.width: (docs.current === component.index ? 6 : 3) * Theme.u
                        border.color: component.model.lowDpi ? Theme.error
                                    : docs.current === component.index ? Theme.primary : Theme.border
                    }
                    contentItem: RowLayout {
                        spacing: Theme.gap
                        Text {
                            textFormat: Text.PlainText
                            id: label
                            Layout.fillWidth: true
                            Layout.leftMargin: Theme.gap
                            text: component.model.name
                                  + (component.model.mandatory ? "  " + qsTr("(bắt buộc)") : "  " + qsTr("(nếu có)"))
                            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                            font.bold: docs.current === component.index
                            color: Theme.text; wrapMode: Text.WordWrap
                        }
                        // Decree 107: this paper's number and dates (what its rule needs), in the editor below.
                        AbstractButton {
                            objectName: "openMetadata"
                            visible: docs.current === component.index && docs.metaModel.count > 0
                                     && component.model.pageCount > 0
                            focusPolicy: Qt.NoFocus
                            Layout.preferredHeight: Theme.targetMin
                            implicitWidth: metaLabel.implicitWidth + 2 * Theme.gap
                            onClicked: metaEditor.visible = true
                            background: Rectangle {
                                radius: Theme.radius / 2
                                color: docs.metaTexts.needed ? Theme.warning : Theme.surface
                                border.width: 3 * Theme.u
                                border.color: docs.metaTexts.needed ? Theme.warning : Theme.primary
                            }
                            contentItem: Text {
                                id: metaLabel
                                textFormat: Text.PlainText
                                text: docs.metaTexts.short
                                font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
                                color: docs.metaTexts.needed ? Theme.primaryText : Theme.primary
                                horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter
                            }
                        }
                        Text {
                            textFormat: Text.PlainText
                            Layout.rightMargin: Theme.gap
                            text: component.model.pageCount > 0
                                  ? (component.model.lowDpi ? "⚠ " : "✓ ") + qsTr("%n trang", "", component.model.pageCount)
                                  : "—"
                            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
                            color: component.model.lowDpi ? Theme.error
                                 : component.model.pageCount > 0 ? Theme.success : Theme.textMuted
                        }
                    }
                }
            }

            ListView {
                id: pageList
                objectName: "pageList"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.portrait ? 220 * Theme.u : 220 * Theme.u
                Layout.minimumHeight: (Theme.textScale > 1.2 ? 130 : 180) * Theme.u
                Layout.fillHeight: !Theme.portrait
                orientation: ListView.Horizontal
                spacing: Theme.gap
                clip: true
                model: docs.pageModel
                delegate: AbstractButton {
                    id: pageCard
                    objectName: "page_" + index
                    required property var model
                    required property int index
                    width: Math.max(220 * Theme.u, height * 0.72)
                    height: pageList.height
                    focusPolicy: Qt.NoFocus
                    onClicked: screen.selectedPage = index
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.surface
                        border.width: (screen.pageIndex === pageCard.index ? 8 : 4) * Theme.u
                        border.color: pageCard.model.lowDpi ? Theme.error
                                    : screen.pageIndex === pageCard.index ? Theme.primary : Theme.border
                    }
                    contentItem: ColumnLayout {
                        spacing: 6 * Theme.u
                        Image {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.margins: 10 * Theme.u
                            fillMode: Image.PreserveAspectFit
                            cache: false
                            source: pageCard.model.thumb
                        }
                        Text {
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            Layout.bottomMargin: 8 * Theme.u
                            text: qsTr("Trang %1").arg(pageCard.model.number) + "\n"
                                  + (pageCard.model.folded ? "⚠ " + qsTr("Bị gấp?")
                                     : pageCard.model.lowDpi ? "⚠ " + qsTr("Chưa rõ") : "✓ " + qsTr("Rõ"))
                            font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
                            color: pageCard.model.lowDpi || pageCard.model.folded ? Theme.error : Theme.text
                            horizontalAlignment: Text.AlignHCenter
                            elide: Text.ElideRight
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    anchors.centerIn: parent
                    width: parent.width * 0.9
                    visible: pageList.count === 0
                    text: qsTr("Chưa có trang nào của giấy tờ này.")
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                }
            }

            RowLayout {
                objectName: "pageActions"
                Layout.fillWidth: true
                spacing: Theme.gap / 2
                visible: pageList.count > 0 && docs.foldedIndex < 0  // the fold question takes its place
                PageAction { text: "◀"; enabled: screen.pageIndex > 0; Layout.preferredWidth: 1; Layout.fillWidth: true
                             onClicked: { docs.movePage(screen.pageIndex, screen.pageIndex - 1); screen.selectedPage = screen.pageIndex - 1 } }
                PageAction { objectName: "retakePage"; text: qsTr("Chụp lại")
                             Layout.preferredWidth: 2; Layout.fillWidth: true
                             onClicked: { docs.retakePage(screen.pageIndex); screen.selectedPage = -1 } }
                PageAction { objectName: "adjustPage"; text: qsTr("Sửa mép giấy")
                             Layout.preferredWidth: 2; Layout.fillWidth: true
                             onClicked: docs.beginAdjust(screen.pageIndex) }
                PageAction { objectName: "deletePage"; text: qsTr("Xóa"); danger: true
                             Layout.preferredWidth: 2; Layout.fillWidth: true
                             onClicked: { docs.deletePage(screen.pageIndex); screen.selectedPage = -1 } }
                PageAction { text: "▶"; enabled: screen.pageIndex < pageList.count - 1; Layout.preferredWidth: 1; Layout.fillWidth: true
                             onClicked: { docs.movePage(screen.pageIndex, screen.pageIndex + 1); screen.selectedPage = screen.pageIndex + 1 } }
            }
            // A page that looks folded (or half taken) is asked about, never filed as if it were flat:
            // retake it flattened, or say that one half is what is meant.
            RowLayout {
                objectName: "foldedQuestion"
                Layout.fillWidth: true
                spacing: Theme.gap / 2
                visible: docs.foldedIndex >= 0
                PageAction { objectName: "retakeFolded"; text: qsTr("Chụp lại trang %1").arg(docs.foldedIndex + 1)
                             Layout.preferredWidth: 1; Layout.fillWidth: true
                             onClicked: { docs.retakePage(docs.foldedIndex); screen.selectedPage = -1 } }
                PageAction { objectName: "keepHalf"; text: qsTr("Đúng, chỉ nửa này")
                             Layout.preferredWidth: 1; Layout.fillWidth: true
                             onClicked: docs.keepHalf(docs.foldedIndex) }
            }
            BigButton {
                objectName: "documentsDone"
                Layout.fillWidth: true
                Layout.minimumHeight: implicitHeight   // its explanation is never cut: the lists above give way
                text: qsTr("Xong, tiếp tục")
                subtitle: docs.problemText
                enabled: docs.problemText.length === 0 && !docs.processing && !docs.scanning
                onClicked: dossier.documentsDone()
            }
        }
    }

    // Dragging the page's corners on its photo, when the kiosk found the edges wrongly.
    Rectangle {
        id: adjuster
        objectName: "cornerAdjuster"
        anchors.fill: parent
        visible: docs.adjusting
        color: Theme.background
        z: 10
        property var corners: []
        onVisibleChanged: if (visible) corners = docs.adjustCorners.slice()
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.gap
            ScreenTitle {
                Layout.fillWidth: true
                title: qsTr("Sửa mép trang giấy")
                subtitle: qsTr("Kéo bốn chấm tròn vào đúng bốn góc của tờ giấy.")
            }
            Item {
                id: photoArea
                Layout.fillWidth: true
                Layout.fillHeight: true
                Image {
                    id: photo
                    anchors.fill: parent
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    source: docs.adjustSource
                }
                readonly property real ox: (width - photo.paintedWidth) / 2
                readonly property real oy: (height - photo.paintedHeight) / 2
                Canvas {
                    id: quadCanvas
                    anchors.fill: parent
                    onPaint: {
                        var ctx = getContext("2d")
                        ctx.reset()
                        var c = adjuster.corners
                        if (!c || c.length !== 8) return
                        ctx.lineWidth = 6 * Theme.u
                        ctx.strokeStyle = "#f6c445"
                        ctx.beginPath()
                        for (var i = 0; i < 4; i++) {
                            var px = photoArea.ox + c[2 * i] * photo.paintedWidth
                            var py = photoArea.oy + c[2 * i + 1] * photo.paintedHeight
                            if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py)
                        }
                        ctx.closePath()
                        ctx.stroke()
                    }
                    Connections { target: adjuster; function onCornersChanged() { quadCanvas.requestPaint() } }
                    Connections { target: photo; function onPaintedWidthChanged() { quadCanvas.requestPaint() } }
                }
                Repeater {
                    model: 4
                    delegate: Rectangle {
                        id: handle
                        required property int index
                        objectName: "cornerHandle_" + index
                        width: Theme.targetMin; height: width; radius: width / 2
                        color: "#cc0b4ea2"; border.width: 4 * Theme.u; border.color: "white"
                        x: adjuster.corners.length === 8
                           ? photoArea.ox + adjuster.corners[2 * index] * photo.paintedWidth - width / 2 : 0
                        y: adjuster.corners.length === 8
                           ? photoArea.oy + adjuster.corners[2 * index + 1] * photo.paintedHeight - height / 2 : 0
                        MouseArea {
                            anchors.fill: parent
                            anchors.margins: -Theme.gap  // a finger is bigger than the dot
                            property point grab
                            onPressed: (mouse) => grab = Qt.point(mouse.x, mouse.y)
                            onPositionChanged: (mouse) => {
                                var p = mapToItem(photoArea, mouse.x, mouse.y)
                                var c = adjuster.corners.slice()
                                c[2 * handle.index] = Math.max(0, Math.min(1, (p.x - photoArea.ox) / photo.paintedWidth))
                                c[2 * handle.index + 1] = Math.max(0, Math.min(1, (p.y - photoArea.oy) / photo.paintedHeight))
                                adjuster.corners = c
                            }
                        }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "cancelCorners"
                    Layout.fillWidth: true
                    primary: false
                    text: qsTr("Hủy")
                    onClicked: docs.cancelAdjust()
                }
                BigButton {
                    objectName: "applyCorners"
                    Layout.fillWidth: true
                    text: qsTr("Áp dụng")
                    onClicked: docs.applyCorners(adjuster.corners)
                }
            }
        }
    }

    // The paper's number and dates, typed by the citizen or the assisting clerk: the fields sit at the top,
    // clear of the on-screen keyboard.
    Rectangle {
        id: metaEditor
        objectName: "metadataEditor"
        anchors.fill: parent
        visible: false
        color: Theme.background
        z: 11
        Flickable {
            anchors.fill: parent
            anchors.margins: Theme.margin
            contentHeight: metaContent.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: metaContent
                width: parent.width
                spacing: Theme.gap
                // "Done" at the top, where it is seen at once and never under the keyboard.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    ScreenTitle {
                        Layout.fillWidth: true
                        title: docs.metaTexts.title + ": " + docs.currentName
                        subtitle: docs.metaTexts.hint
                    }
                    BigButton {
                        objectName: "closeMetadata"
                        Layout.alignment: Qt.AlignTop
                        Layout.preferredWidth: (Theme.portrait ? 300 : 420) * Theme.u
                        text: docs.metaTexts.done
                        onClicked: metaEditor.visible = false
                    }
                }
                // Landscape: the fields side by side (two date pickers do not fit one above the other).
                GridLayout {
                    Layout.fillWidth: true
                    columns: Theme.portrait ? 1 : 2
                    columnSpacing: Theme.margin
                    rowSpacing: Theme.gap
                    Repeater {
                        model: docs.metaModel
                        delegate: ColumnLayout {
                            id: metaRow
                            required property var model
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Layout.alignment: Qt.AlignTop
                            KioskField {
                                objectName: "meta_" + metaRow.model.name
                                Layout.fillWidth: true
                                visible: !metaRow.model.isDate
                                label: metaRow.model.label
                                value: metaRow.model.value
                                required: metaRow.model.required
                                onEdited: (text) => docs.setMetaField(metaRow.model.name, text)
                            }
                            DateField {
                                objectName: "metaDate_" + metaRow.model.name
                                Layout.fillWidth: true
                                visible: metaRow.model.isDate
                                label: metaRow.model.label
                                value: metaRow.model.value
                                required: metaRow.model.required
                                lastYear: new Date().getFullYear() + 10
                                onEdited: (iso) => docs.setMetaField(metaRow.model.name, iso)
                            }
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: docs.metaSummary
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted; wrapMode: Text.WordWrap
                }
            }
        }
    }

    component PageAction: AbstractButton {
        id: action
        property bool danger: false
        implicitHeight: Theme.targetMin
        implicitWidth: Theme.targetMin
        focusPolicy: Qt.NoFocus
        background: Rectangle {
            radius: Theme.radius / 2
            color: !action.enabled ? Theme.surfaceAlt : action.danger ? Theme.error : Theme.surface
            border.width: 3 * Theme.u
            border.color: action.enabled ? (action.danger ? Theme.error : Theme.primary) : Theme.border
        }
        contentItem: Text {
            textFormat: Text.PlainText
            text: action.text
            font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; font.bold: true
            elide: Text.ElideRight
            color: !action.enabled ? Theme.textMuted : action.danger ? Theme.primaryText : Theme.primary
            horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter
        }
    }
}
