"""Store fixtures: a real database migrated to head, on both backends, and a real (in-memory) keyring backend.

`db_url` (and `engine`, `sessions`, `outbox` on top of it) is parametrised over the two backends the kiosk
supports: a SQLite file (one kiosk) and PostgreSQL (stations of a one-stop centre sharing one database),
a throwaway cluster the tests start themselves (see tests/store/pg.py). A test for one backend only says so
with `@sqlite_only` / `@postgresql_only`. When PostgreSQL cannot be started, its tests fail, never skip.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.outbox import Outbox
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed
from tests.store.pg import PostgresServer, started_for

BACKENDS = ("sqlite", "postgresql")
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])
postgresql_only = pytest.mark.parametrize("backend", ["postgresql"])


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
    with memory_keyring_installed() as backend:
        yield backend


@dataclass(frozen=True)
class Database:
    """An empty database of one backend, and a way to read what it wrote to disk."""

    backend: str
    url: str
    at_rest: Callable[[], bytes]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    yield from started_for("the [postgresql] storage tests")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kiosk.db"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once a session; `db_url`'s databases start as copies of it."""
    path = tmp_path_factory.mktemp("migrated") / "kiosk.db"
    db.upgrade(f"sqlite:///{path}")
    assert not path.with_name(path.name + "-wal").exists(), "the migration's connections are all closed"
    return path


@pytest.fixture(scope="session")
def migrated_postgres(postgres: PostgresServer) -> str:
    """The name of a PostgreSQL database migrated to head once a session (no connection left open), the
    template of `db_url`'s databases."""
    url = postgres.create_database("kiosk_head")
    db.upgrade(url)
    return str(make_url(url).database)


@pytest.fixture
def database(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    # A test that asks for `db_url` gets a copy of a database migrated once (migrating each one took
    # ~40 ms of CPU, and twice that in waiting on PostgreSQL); the migrations themselves are tested on
    # empty databases (test_migrations, test_db_cli).
    migrated = "db_url" in request.fixturenames and not _migrates_its_own(request)
    if backend == "sqlite":
        def sqlite_at_rest() -> bytes:
            files = [p for p in (db_path, db_path.with_name(db_path.name + "-wal")) if p.exists()]
            return b"".join(p.read_bytes() for p in files)

        if migrated:
            db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # as make_engine makes it
            shutil.copyfile(request.getfixturevalue("migrated_sqlite"), db_path)
        yield Database(backend, f"sqlite:///{db_path}", sqlite_at_rest)
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    if migrated:
        url = server.create_database(template=request.getfixturevalue("migrated_postgres"))
    else:
        url = server.create_database()

    def postgres_at_rest() -> bytes:
        return server.at_rest(url)

    try:
        yield Database(backend, url, postgres_at_rest)
    finally:
        server.drop_database(url)


def _migrates_its_own(request: pytest.FixtureRequest) -> bool:
    """A module that tests the migrations says so with `MIGRATE_IN_EACH_TEST = True`."""
    return bool(getattr(request.module, "MIGRATE_IN_EACH_TEST", False))


@pytest.fixture
def db_url(database: Database, request: pytest.FixtureRequest) -> str:
    """A database of the test's backend at the newest revision (see `database`)."""
    if _migrates_its_own(request):
        db.upgrade(database.url)
    return database.url


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


def join_or_kill(processes: list[BaseProcess], timeout_s: float) -> list[int | None]:
    """Wait for forked processes (each up to `timeout_s`), kill any still running, and give their exit codes:
    a process stuck on a lock fails its test instead of hanging it."""
    try:
        for process in processes:
            process.join(timeout=timeout_s)
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
                process.join(timeout=10)
    return [process.exitcode for process in processes]
