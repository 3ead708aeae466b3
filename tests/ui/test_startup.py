"""`kiosk run` shows an interactive attract screen first and loads the rest behind it (issue 14)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.ui.startup_bench import _time_launch


def test_kiosk_run_shows_the_attract_screen_before_the_rest_is_ready(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               DVC_STARTUP_PROBE="1", KIOSK_DATA_DIR=str(tmp_path / "data"))
    shown, ready = _time_launch([str(Path(sys.executable).parent / "kiosk"), "run"], env)
    assert shown == shown and ready == ready, "both moments are reported (no NaN)"
    assert shown < ready
