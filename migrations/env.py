"""Alembic environment for the kiosk database.

Run by the app through `kiosk.store.db.upgrade(url)` (the URL comes in the Alembic config) or by a
developer with `alembic upgrade head` (no URL in alembic.ini: the kiosk's own config decides, so the
command migrates the same database the kiosk uses).
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from kiosk.store.db import MIGRATION_LOCK_KEY, make_engine
from kiosk.store.models import Base

config = context.config
target_metadata = Base.metadata

# Only the alembic CLI has an ini file with logging sections; the app keeps its own logging untouched.
if config.config_file_name is not None and config.get_section("loggers") is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _database_url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from kiosk.config import load_config

    return load_config().database_url


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite can barely ALTER a table; batch mode rebuilds it (copy, drop, rename) instead.
        render_as_batch=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_database_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    # transactional_ddl: SQLite and PostgreSQL can both roll back DDL, so a failed or interrupted upgrade
    # (power cut) leaves the database as it was instead of half migrated.
    _configure(connection=connection, transactional_ddl=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Stations sharing the database may start together: one migrates, the others wait here (the
            # lock ends with the transaction) and then find the database at head. On SQLite the
            # transaction's BEGIN IMMEDIATE (see make_engine) does the same.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            # Foreign keys are off while migrating (see make_engine); check them before committing.
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:5]}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_database_url(), foreign_keys=False)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
