"""Running the `kiosk` command in-process without the machine leaking in: no KIOSK_* settings, no user
config file, the owner-only file keyring (as on a headless kiosk), and the logging handlers that a
command installs removed again afterwards."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail


@contextmanager
def isolated_from_the_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("KIOSK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        keyring.set_keyring(previous_keyring)
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
