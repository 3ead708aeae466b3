pragma Singleton
import QtQuick

// Sizes are in "u": 1 u is one pixel on a 1080-pixel short side (a 21.5-inch 1080x1920 panel has about
// 4 px per mm, so the 120 u primary buttons are about 30 mm tall; the minimum target is 80 u, 20 mm).
QtObject {
    id: theme
    property real u: 1.0
    property real textScale: 1.0
    property bool highContrast: false
    property bool portrait: true

    readonly property color background: highContrast ? "#000000" : "#f3f5fa"
    readonly property color surface: highContrast ? "#000000" : "#ffffff"
    readonly property color surfaceAlt: highContrast ? "#1a1a1a" : "#e8edf7"
    readonly property color text: highContrast ? "#ffffff" : "#1b2230"
    readonly property color textMuted: highContrast ? "#ffff66" : "#4a5568"
    readonly property color primary: highContrast ? "#ffff00" : "#0b4ea2"
    readonly property color primaryText: highContrast ? "#000000" : "#ffffff"
    readonly property color accent: highContrast ? "#ffff00" : "#c8102e"
    readonly property color success: highContrast ? "#00ff66" : "#1f7a3a"
    readonly property color warning: highContrast ? "#ffff00" : "#b45309"
    readonly property color error: highContrast ? "#ff6666" : "#b91c1c"
    readonly property color border: highContrast ? "#ffffff" : "#c7d0de"
    readonly property color fromCard: highContrast ? "#00ffff" : "#0f766e"

    readonly property real fontBody: 34 * u * textScale
    readonly property real fontSmall: 28 * u * textScale
    readonly property real fontLarge: 44 * u * textScale
    readonly property real fontTitle: 56 * u * textScale
    readonly property real fontHuge: 72 * u * textScale
    readonly property real buttonHeight: Math.max(120 * u, fontLarge * 2.2)
    readonly property real targetMin: 80 * u
    readonly property real margin: 40 * u
    readonly property real gap: 24 * u
    readonly property real radius: 18 * u
    readonly property string fontFamily: "Noto Sans"
}
