"""Sync fixtures: a real (in-memory) keyring backend, so no OS keyring is touched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.memory_keyring import MemoryKeyring, memory_keyring_installed


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend
