"""Bench tests run the benches small: the real-photo tables (which read fetched snapshots of other
projects, minutes of work) are pointed at an empty folder unless a test builds its own snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def no_real_photo_snapshots(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    empty = tmp_path_factory.mktemp("no-mirrors")
    monkeypatch.setenv("DVC_REAL_PHOTOS_MIRRORS", str(empty))
    return empty
