"""`kiosk run` and `kiosk demo`: the only commands that load Qt (inside their functions)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_USAGE,
    ORIENTATIONS,
    load,
    start_logging,
)
from kiosk.domain.notice import Notice


def no_display_message() -> str:
    """Why the window cannot open and what to run instead, in both languages (an operator at a terminal
    with no display has not chosen one): the catalogue's words (kiosk.ui.cli_texts)."""
    from kiosk.commands.words import both, say

    lines = [f"kiosk: {say(Notice('cli.run.no_display'), lang)}" for lang in ("vi", "en")]
    return "\n".join([*lines, "", f"  {both(Notice('cli.run.try_demo'))}",
                       "      kiosk demo --screenshots DIR",
                       f"  {both(Notice('cli.run.try_xvfb'))}", "      xvfb-run .venv/bin/kiosk run", ""])


def display_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why Qt could not open a window here, or None when it can (as far as the environment tells)."""
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS always have their native platform plugin
    platform = environ.get("QT_QPA_PLATFORM", "").strip().split(":", 1)[0].split(";", 1)[0]
    has_x11 = bool(environ.get("DISPLAY"))
    has_wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if platform == "xcb" and not has_x11:
        return "QT_QPA_PLATFORM=xcb but DISPLAY is not set"
    if platform.startswith("wayland") and not has_wayland:
        return f"QT_QPA_PLATFORM={platform} but WAYLAND_DISPLAY is not set"
    if platform:  # offscreen, eglfs, linuxfb, vnc, ...: no window system needed
        return None
    return None if has_x11 or has_wayland else "neither DISPLAY nor WAYLAND_DISPLAY is set"


def cmd_run(args: argparse.Namespace) -> int:
    config = load(args)
    problem = display_problem()
    if problem is not None:
        sys.stderr.write(no_display_message())
        if "QT_QPA_PLATFORM" in os.environ:
            print(f"kiosk: ({problem})", file=sys.stderr)
        return EXIT_FAILED
    from kiosk.provisioning import full_screen_refusal

    refusal = full_screen_refusal(config, fullscreen=args.fullscreen, allowed=args.training)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return EXIT_USAGE
    start_logging(config, quiet_console=False)
    from kiosk.ui.fast_start import run_kiosk_fast  # Qt: only here; the attract screen first

    def build_services() -> Any:  # behind the attract screen, off the GUI thread
        from kiosk.app import build_services as build

        return build(config)

    return run_kiosk_fast(config, build=build_services, fullscreen=args.fullscreen, camera=args.camera)


def cmd_demo(args: argparse.Namespace) -> int:
    # Before Qt is imported: render offscreen with the software scene graph unless told otherwise.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    scratch: Path | None = None
    data_dir: Path | None = getattr(args, "data_dir", None)
    if data_dir is None:
        # A demo never touches a real kiosk's data. The folder holds the data folder and, beside it, the
        # fallback key file (see kiosk.app.keyring_fallback_file), so removing it removes both.
        scratch = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
        data_dir = scratch / "data"
    try:
        config = load(args, data_dir=data_dir)
        start_logging(config, quiet_console=False)
        from kiosk.app import run_demo  # Qt: only when it runs

        return run_demo(
            config,
            screenshots=args.screenshots,
            orientations=list(args.orientations or ORIENTATIONS),
            camera=args.camera,
            all_variants=args.all_variants,
            pseudo=args.pseudo,
            variant=args.variant,
        )
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
