"""Store fixtures: a real SQLite file migrated to head, and a real (in-memory) keyring backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.outbox import Outbox


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict: the real keyring API, no OS store touched."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(f"no {username!r} in {service!r}") from None


class FakeClock:
    """A clock the test moves by hand, so back-off times are checked exactly."""

    def __init__(self) -> None:
        self.now = datetime(2024, 11, 23, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kiosk.db"


@pytest.fixture
def db_url(db_path: Path) -> str:
    url = f"sqlite:///{db_path}"
    db.upgrade(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = db.make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return db.session_factory(engine)


@pytest.fixture
def key_store() -> DataKeyStore:
    return DataKeyStore()


@pytest.fixture
def sealer(key_store: DataKeyStore) -> Sealer:
    return Sealer(key_store)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(sessions: sessionmaker[Session], sealer: Sealer, clock: FakeClock) -> Outbox:
    return Outbox(sessions, sealer, "hn-buudien-01", clock=clock)
