"""Environment Qt reads once, before the application object exists (no Qt import here, so tests and the
command line can call it first)."""

from __future__ import annotations

import os

# The propertyCache line comes from Qt Virtual Keyboard's own QML (Qt 6.11), not from ours.
QUIET_LOGGING_RULES = (
    "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false;qt.qml.propertyCache.append=false"
)


def prepare_environment() -> None:
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    # The virtual keyboard pulls in Qt Multimedia, which looks for PipeWire for its key clicks; a kiosk
    # without PipeWire is normal, so that probe is not worth a warning on every start.
    rules = os.environ.get("QT_LOGGING_RULES", "")
    if "qt.multimedia" not in rules:
        os.environ["QT_LOGGING_RULES"] = f"{rules};{QUIET_LOGGING_RULES}" if rules else QUIET_LOGGING_RULES
