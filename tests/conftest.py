"""Shared test configuration: every test runs offscreen, with its own data folder and a keyring that can
never be the developer's real one."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
# The "fail" backend makes the app use its owner-only file keyring inside each test's temporary folder.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from kiosk.ui.qt_env import prepare_environment

prepare_environment()
