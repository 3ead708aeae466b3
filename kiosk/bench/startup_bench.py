"""`kiosk bench startup`: seconds from launching `kiosk run` to an interactive attract screen, and to the
whole kiosk ready behind it; the previous start-up (everything loaded before the first picture) as the
baseline in the same run. Each launch is a fresh process (offscreen), timed from outside; medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

from kiosk.bench.report import format_table

RUNS = 3
TIMEOUT_S = 120
_BASELINE = """
import sys, time
from kiosk.commands.common import load as _load
import argparse
from kiosk.app import build_services
from kiosk.ui.window import launch, land, application
config = _load(argparse.Namespace(config=None, data_dir=None))
app = application()
services = build_services(config)
launched = launch(services)
app.processEvents()
print("startup: attract shown", flush=True)
print("startup: ready", flush=True)
land(launched)
services.close()
"""


def _time_launch(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    began = time.monotonic()
    shown = ready = float("nan")
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                          env=env) as proc:
        assert proc.stdout is not None
        deadline = began + TIMEOUT_S
        for line in proc.stdout:
            now = time.monotonic() - began
            if "startup: attract shown" in line:
                shown = now
            elif "startup: ready" in line:
                ready = now
                break
            if time.monotonic() > deadline:
                break
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return shown, ready


def run_startup_bench(data_dir: Path, out: TextIO = sys.stdout, runs: int = RUNS) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               DVC_STARTUP_PROBE="1", KIOSK_DATA_DIR=str(data_dir))
    kiosk = [str(Path(sys.executable).parent / "kiosk"), "run"]
    results: dict[str, list[tuple[float, float]]] = {"before (all loaded first)": [],
                                                     "after (attract first)": []}
    for _ in range(runs):
        results["before (all loaded first)"].append(_time_launch([sys.executable, "-c", _BASELINE], env))
        results["after (attract first)"].append(_time_launch(kiosk, env))
    rows = []
    base = statistics.median(s for s, _ in results["before (all loaded first)"])
    for name, samples in results.items():
        shown = statistics.median(s for s, _ in samples)
        ready = statistics.median(r for _, r in samples)
        rows.append([name, f"{shown:.2f}", f"{ready:.2f}", f"{shown / base:.2f}×"])
    print(f"Start-up, median of {runs} launches each (seconds from launch, offscreen)", file=out)
    print(format_table(["", "attract on screen", "kiosk ready", "vs before"], rows), file=out)
    after = statistics.median(s for s, _ in results["after (attract first)"])
    print(f"goal: interactive attract screen under 3 s — {'met' if after < 3.0 else 'NOT met'}", file=out)
    return 0 if after < 3.0 else 1
