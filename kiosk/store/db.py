"""Engines, sessions and schema migrations.

SQLite is tuned for a kiosk that must survive power cuts: WAL journal, `synchronous=FULL` (a committed
dossier is on disk before the citizen sees "queued"), foreign keys on, and a busy timeout so the UI and
the sync worker wait for each other instead of failing, and every transaction takes the write lock up front
(`BEGIN IMMEDIATE`). PostgreSQL (a one-stop centre where several stations share one database, URL
`postgresql+psycopg://...`) keeps its defaults (READ COMMITTED); its equivalents of SQLite's single writer
are row locks where they matter: claiming an outbox entry is `SELECT ... FOR UPDATE SKIP LOCKED` (see
`Outbox.claim_next`), status changes are conditional updates, and a migration holds an advisory lock
(`MIGRATION_LOCK_KEY`) so stations starting together migrate once.

Migrations run programmatically from the repository's `migrations/` folder; no alembic.ini is needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.orm import Session, sessionmaker

from kiosk.paths import bundled_dir

MIGRATIONS_DIR = bundled_dir("migrations")
BUSY_TIMEOUT_MS = 10_000
#: PostgreSQL advisory lock held by a migration for its whole transaction (the bytes of "kiosk.db").
MIGRATION_LOCK_KEY = int.from_bytes(b"kiosk.db", "big") & 0x7FFF_FFFF_FFFF_FFFF


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for `url`; for a SQLite file, its folder is created and the connection tuned.

    `foreign_keys=False` is for schema migrations only: SQLite rebuilds a table to alter it, and with
    foreign keys on, dropping the old copy would trip (or cascade through) the rows that reference it.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)

    path = _sqlite_file(parsed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    engine = create_engine(parsed)
    event.listen(engine, "connect", _sqlite_connect_hook(foreign_keys=foreign_keys))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: objects stay readable after `with factory.begin()` ends, without a new query.
    return sessionmaker(bind=engine, expire_on_commit=False)


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:") or url.query.get("uri"):
        return None
    return Path(database).expanduser()


def _sqlite_connect_hook(*, foreign_keys: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module (it would not BEGIN before a SELECT)
        # and BEGIN ourselves in `_sqlite_begin`. See SQLAlchemy's "SQLite transactions" notes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    return on_connect


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front. A deferred transaction that reads and then writes (claim the
    # next outbox entry) fails at once with "database is locked" if another connection wrote in between,
    # without waiting for the busy timeout; an immediate one waits its turn instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


# --- migrations -----------------------------------------------------------------------------------------


def alembic_config(url: str) -> Config:
    """An Alembic configuration for `url` that needs no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # The ini-style options interpolate "%"; URL-escaped characters must survive that.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    """The revision the database is at; None for an empty (or, for SQLite, missing) database."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(parsed)
        if path is not None and not path.exists():
            return None  # do not create a database just to say it is empty
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest revision in `migrations/versions`."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head
