import QtQuick
import "."

// A drawn face for the satisfaction survey (no emoji font on a kiosk): mood 1 (very unhappy) … 5 (very happy).
Canvas {
    id: face
    property int mood: 3
    property color tint: ["#b91c1c", "#ea580c", "#ca8a04", "#65a30d", "#15803d"][Math.max(0, Math.min(4, mood - 1))]
    implicitWidth: 140 * Theme.u
    implicitHeight: implicitWidth
    onMoodChanged: requestPaint()
    onPaint: {
        var ctx = getContext("2d")
        ctx.reset()
        var r = Math.min(width, height) / 2 - 4 * Theme.u
        var cx = width / 2, cy = height / 2
        ctx.lineWidth = 6 * Theme.u
        ctx.strokeStyle = tint
        ctx.fillStyle = Qt.lighter(tint, 1.9)
        ctx.beginPath(); ctx.arc(cx, cy, r, 0, 2 * Math.PI); ctx.fill(); ctx.stroke()
        ctx.fillStyle = tint
        ctx.beginPath(); ctx.arc(cx - r * 0.35, cy - r * 0.25, r * 0.1, 0, 2 * Math.PI); ctx.fill()
        ctx.beginPath(); ctx.arc(cx + r * 0.35, cy - r * 0.25, r * 0.1, 0, 2 * Math.PI); ctx.fill()
        // The mouth bends from a frown (1) through a straight line (3) to a smile (5).
        var bend = (mood - 3) / 2 * r * 0.35
        ctx.beginPath()
        ctx.moveTo(cx - r * 0.45, cy + r * 0.35)
        ctx.quadraticCurveTo(cx, cy + r * 0.35 + bend * 2, cx + r * 0.45, cy + r * 0.35)
        ctx.stroke()
    }
}
