import QtQuick
import "."

Rectangle {
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    border.width: 2 * Theme.u
}
