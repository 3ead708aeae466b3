import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import "components"
import "staff"

ApplicationWindow {
    id: window
    visible: true
    // A size from the start: before the window manager sizes it (0×0 under X11), every font would be
    // 0 px and Qt warns for each text item (~20,000 warnings at start-up under xvfb).
    width: 1080
    height: 1920
    title: qsTr("Kiosk Dịch vụ công")
    color: Theme.background
    font.family: Theme.fontFamily

    // The screen a citizen sees is chosen by the flow (Python); QML only shows it.
    readonly property string screen: kiosk.screen
    readonly property var screenFiles: ({
        "attract": "screens/AttractScreen.qml",
        "home": "screens/HomeScreen.qml",
        "readCard": "screens/ReadCardScreen.qml",
        "confirm": "screens/ConfirmScreen.qml",
        "procedure": "screens/ProcedureScreen.qml",
        "procedureInfo": "screens/ProcedureInfoScreen.qml",
        "form": "screens/FormScreen.qml",
        "delivery": "screens/DeliveryScreen.qml",
        "payment": "screens/PaymentScreen.qml",
        "feedback": "screens/FeedbackScreen.qml",
        "check": "screens/CheckScreen.qml",
        "guides": "screens/GuidesScreen.qml",
        "documents": "screens/DocumentsScreen.qml",
        "review": "screens/ReviewScreen.qml",
        "receipt": "screens/ReceiptScreen.qml",
        "account": "screens/AccountScreen.qml"
    })

    Binding { target: Theme; property: "u"; value: Math.max(0.2, Math.min(window.width, window.height) / 1080) }
    Binding { target: Theme; property: "portrait"; value: window.height >= window.width }

    // Larger text and high contrast are the citizen's choices, kept (and reset by the wipe) in Python.
    Binding { target: Theme; property: "textScale"; value: access.textScale }
    Binding { target: Theme; property: "highContrast"; value: access.highContrast }

    TopBar {
        id: topBar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        language: kiosk.language
        showLanguage: true   // Vietnamese at once, English one tap away on every screen
        onSwitchLanguage: visit.switchLanguage(kiosk.language === "vi" ? "en" : "vi")
        speechOn: access.speechOn
        speechVolume: access.speechVolume
        onBiggerText: access.cycleTextScale()
        onToggleContrast: access.toggleContrast()
        onToggleSpeech: access.toggleSpeech()
        onCycleVolume: access.cycleVolume()
        onCallStaff: visit.callStaff()
        onStaffGesture: staff.open()
        staffHoldMs: staff.gestureHoldMs
        reservedBottom: trainingBanner.height
    }

    Item {
        id: content
        anchors {
            left: parent.left; right: parent.right; top: topBar.bottom
            // The keyboard never covers what the citizen types: the content shrinks above it.
            bottom: inputPanel.active ? toneRow.top : (navBar.visible ? navBar.top : parent.bottom)
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 0
            // Where the citizen is in the dossier journey ("Bước 3/7"), above every screen's title.
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.gap
                Layout.topMargin: Theme.gap / 2
                visible: journey.step.length > 0 || (staff.assisted && staff.mode === "closed")
                Text {
                    objectName: "stepIndicator"
                    Layout.fillWidth: true
                    text: journey.step
                    textFormat: Text.PlainText
                    font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
                    color: Theme.textMuted
                }
                // While a clerk assists: who, in its own row, never over a title.
                Rectangle {
                    id: assistedBadge
                    objectName: "assistedBadge"
                    visible: staff.assisted && staff.mode === "closed"
                    Layout.preferredWidth: badgeText.implicitWidth + 2 * Theme.gap
                    Layout.preferredHeight: badgeText.implicitHeight + 12 * Theme.u
                    radius: height / 2
                    color: Theme.fromCard
                    Text {
                        id: badgeText
                        textFormat: Text.PlainText
                        anchors.centerIn: parent
                        text: qsTr("Hỗ trợ: %1").arg(staff.assistedName)
                        font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; font.bold: true
                        color: Theme.highContrast ? "#000000" : "#ffffff"
                    }
                }
            }
            // Messages sit above the screen and push it down: they never cover its main button.
            Banner {
                objectName: "banner"
                Layout.fillWidth: true
                Layout.margins: Theme.gap
                Layout.preferredHeight: visible ? implicitHeight : 0
                // On the form the error summary (at the top of the list) says it all, with links.
                visible: text.length > 0 && !(window.screen === "form" && journey.formProblems.length > 0)
                text: kiosk.message
                onDismissed: kiosk.dismissMessage()
            }
            Loader {
                id: screenLoader
                objectName: "screenLoader"
                Layout.fillWidth: true
                Layout.fillHeight: true
                // A fresh screen object each time: nothing typed on one screen survives leaving it.
                source: window.screenFiles[window.screen] || ""
            }
        }
    }

    Rectangle {
        id: navBar
        visible: kiosk.canGoBack && !inputPanel.active
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        // Taller when larger text wraps a button's label onto two lines.
        height: Math.max(Theme.buttonHeight, navRow.implicitHeight) + 2 * Theme.gap
        color: Theme.surfaceAlt
        RowLayout {
            id: navRow
            anchors.fill: parent
            anchors.margins: Theme.gap
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            spacing: Theme.gap
            BigButton {
                objectName: "backButton"
                Layout.preferredWidth: parent.width * 0.4
                primary: false
                text: "‹  " + qsTr("Quay lại")
                onClicked: visit.back()
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "startOverButton"
                Layout.preferredWidth: parent.width * 0.4
                primary: false
                text: qsTr("Làm lại từ đầu")
                onClicked: visit.startOver()
            }
        }
    }

    BusyOverlay {
        anchors.fill: parent
        visible: kiosk.busy
        text: qsTr("Đang gửi hồ sơ…")
    }

    IdleOverlay {
        anchors.fill: parent
        visible: kiosk.idleWarning
        secondsLeft: kiosk.idleSecondsLeft
        onMoreTime: kiosk.moreTime()
        onFinishNow: visit.startOver()
    }

    // Staff mode (PIN pad, dashboard, assisted-mode badge): above every citizen screen and overlay.
    StaffLayer {
        anchors.fill: parent
        z: 90
    }

    ToneRow {
        id: toneRow
        objectName: "toneRow"
        z: 99
        visible: inputPanel.active
        anchors { left: parent.left; right: parent.right; bottom: inputPanel.top }
        target: window.activeFocusItem
    }

    InputPanel {
        id: inputPanel
        z: 99
        x: 0
        y: active ? window.height - height : window.height
        width: window.width
    }

    Component.onCompleted: VirtualKeyboardSettings.locale = "vi_VN"

    TrainingBanner {
        id: trainingBanner
        z: 1   // over the top bar's own colour, in the room the bar leaves for it (reservedBottom)
        anchors { left: parent.left; right: parent.right; bottom: topBar.bottom }
    }
}
