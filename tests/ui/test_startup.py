"""`kiosk run` shows an interactive attract screen first and loads the rest behind it (issue 14)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.bench.startup_bench import _time_launch


def test_kiosk_run_shows_the_attract_screen_before_the_rest_is_ready(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               DVC_STARTUP_PROBE="1", KIOSK_DATA_DIR=str(tmp_path / "data"))
    shown, ready = _time_launch([str(Path(sys.executable).parent / "kiosk"), "run"], env)
    assert shown == shown and ready == ready, "both moments are reported (no NaN)"
    assert shown < ready


def test_kiosk_run_quits_on_sigterm_through_the_locked_window(tmp_path: Path) -> None:
    """The locked window refuses a plain close; a service manager's SIGTERM (and the probe's quit) still
    ends the kiosk in order, at once."""
    import signal
    import subprocess
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               KIOSK_DATA_DIR=str(tmp_path / "data"))
    with subprocess.Popen([str(Path(sys.executable).parent / "kiosk"), "run"], env=env, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        assert proc.stderr is not None
        deadline = time.monotonic() + 60
        for line in proc.stderr:  # the log goes to the console
            if "kiosk ready" in line or time.monotonic() > deadline:
                break
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=20)  # a deadline against a hang, not a speed check
        finally:
            proc.kill()
        assert code == 0
