"""The schema: migrations up and down on a real SQLite file and a real PostgreSQL database, no drift from
the models on either, SQLite tuning, PostgreSQL column types."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import BigInteger, Column, DateTime, Integer, MetaData, String, Table, inspect, text
from sqlalchemy.exc import IntegrityError

from kiosk.store import db
from kiosk.store.models import Base
from tests.store.conftest import Database, join_or_kill, postgresql_only, sqlite_only

TABLES = {"kiosk", "dossier", "outbox_entry", "audit_event", "dossier_file"}
# The newest migration: bump it with every new revision so a missing or mis-chained one shows up here.
LATEST = "0005"
# `db_url` migrates each test's database here (elsewhere it is a copy of one migrated once: conftest).
MIGRATE_IN_EACH_TEST = True


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _diff(url: str, metadata: MetaData) -> list[object]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_sqlite_file_and_its_folders_are_made_by_the_first_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "kiosk.db"  # the folders do not exist yet
    url = _url(path)
    assert db.current_revision(url) is None
    assert not path.exists(), "asking for the revision must not create a database"
    db.upgrade(url)
    assert path.exists()
    assert db.current_revision(url) == LATEST


def test_upgrade_from_nothing_then_down_to_base_and_up_again(database: Database) -> None:
    url = database.url
    assert db.current_revision(url) is None
    assert _tables(url) == set()

    db.upgrade(url)
    assert db.current_revision(url) == db.head_revision() == LATEST
    assert _tables(url) >= TABLES

    # Step by step down, each revision's downgrade on its own, then back up.
    for revision in ("0002", "0001", "base"):
        db.downgrade(url, revision)
        assert db.current_revision(url) == (None if revision == "base" else revision)
    assert _tables(url) == {"alembic_version"}

    db.upgrade(url)
    assert db.current_revision(url) == LATEST
    assert _tables(url) >= TABLES
    assert _diff(url, Base.metadata) == []


def test_upgrade_twice_is_harmless(db_url: str) -> None:
    db.upgrade(db_url)
    assert db.current_revision(db_url) == LATEST


def test_schema_after_upgrade_matches_the_models(db_url: str) -> None:
    assert _diff(db_url, Base.metadata) == []


def test_drift_between_models_and_migrations_is_detected(db_url: str) -> None:
    # The check above only means something if a difference would show up.
    drifted = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(drifted)
    Table("dossier", drifted, Column("forgotten", String(10)), extend_existing=True)
    Table("kiosk", drifted, Column("name", Integer(), nullable=False), extend_existing=True)
    diff = _diff(db_url, drifted)
    assert any(d[0] == "add_column" and d[3].name == "forgotten" for d in diff if isinstance(d, tuple))
    assert any(isinstance(d, list) and d[0][0] == "modify_type" for d in diff)


def test_constraint_names_follow_the_naming_convention(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        inspector = inspect(engine)
        assert [fk["name"] for fk in inspector.get_foreign_keys("outbox_entry")] == [
            "fk_outbox_entry_dossier_id_dossier"
        ]
        assert {uq["name"] for uq in inspector.get_unique_constraints("dossier")} == {
            "uq_dossier_idempotency_key"
        }
        assert {ck["name"] for ck in inspector.get_check_constraints("outbox_entry")} == {
            "ck_outbox_entry_client_status"
        }
    finally:
        engine.dispose()


@sqlite_only
def test_sqlite_is_tuned_for_durability(db_url: str, db_path: Path) -> None:
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        with pytest.raises(IntegrityError, match=r"(?i)foreign key"), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO outbox_entry (dossier_id, client_status, attempts, next_attempt_at,"
                    " created_at, updated_at) VALUES ('nope', 'queued', 0, '2024-01-01 00:00:00',"
                    " '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
                )
            )
    finally:
        engine.dispose()


@sqlite_only
def test_a_writer_waits_for_another_instead_of_failing(db_url: str) -> None:
    # Two engines = two processes (UI and sync worker). Each reads, then writes, in one transaction.
    first, second = db.make_engine(db_url), db.make_engine(db_url)
    holding = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with first.begin() as connection:
                connection.execute(text("SELECT count(*) FROM kiosk")).scalar()
                holding.set()
                time.sleep(0.3)
                connection.execute(text("INSERT INTO kiosk VALUES ('a', 'a', '2024-01-01 00:00:00')"))
        except BaseException as e:  # reported to the test thread below
            errors.append(e)
            holding.set()

    try:
        thread = threading.Thread(target=slow_writer)
        thread.start()
        holding.wait(5)
        with second.begin() as connection:
            count = connection.execute(text("SELECT count(*) FROM kiosk")).scalar()
            connection.execute(text("INSERT INTO kiosk VALUES ('b', 'b', '2024-01-01 00:00:00')"))
        thread.join(5)
        assert errors == []
        assert count == 1, "the second transaction started after the first committed"
    finally:
        first.dispose()
        second.dispose()


def test_make_engine_creates_the_folder_of_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "kiosk.db"
    engine = db.make_engine(_url(path))
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert path.exists()
    finally:
        engine.dispose()


def test_alembic_config_needs_no_ini_file(tmp_path: Path) -> None:
    url = _url(tmp_path / "x%20y.db")
    config = db.alembic_config(url)
    assert config.config_file_name is None
    assert config.get_main_option("sqlalchemy.url") == url
    assert Path(config.get_main_option("script_location") or "") == db.MIGRATIONS_DIR
    assert (db.MIGRATIONS_DIR / "env.py").is_file()


def _upgrade_together(barrier: Any, url: str) -> None:
    barrier.wait(timeout=30)
    db.upgrade(url)


def test_processes_starting_together_migrate_once(database: Database) -> None:
    # The UI and the sync worker (or the stations sharing a PostgreSQL database) may all call upgrade() at
    # start; one migrates, the others wait and find the database at head (the migration runs in one
    # BEGIN IMMEDIATE transaction on SQLite, under an advisory lock on PostgreSQL).
    # Forked, not fresh interpreters: each is still a process with connections of its own, and `kiosk db
    # upgrade` as a process of its own is tested in test_db_cli (an interpreter start costs ~0.7 s of CPU).
    url = database.url
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(3)
    processes = [context.Process(target=_upgrade_together, args=(barrier, url)) for _ in range(3)]
    for process in processes:
        process.start()
    assert join_or_kill(processes, 60) == [0, 0, 0]
    assert db.current_revision(url) == LATEST
    assert _diff(url, Base.metadata) == []


@postgresql_only
def test_postgresql_columns_are_bigint_ids_and_timestamptz(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        inspector = inspect(engine)
        for table in ("outbox_entry", "audit_event", "dossier_file"):
            column = {c["name"]: c for c in inspector.get_columns(table)}["id"]
            assert isinstance(column["type"], BigInteger), (table, column["type"])
            assert column["autoincrement"] is True
        for table, name in (("outbox_entry", "next_attempt_at"), ("outbox_entry", "lease_until"),
                            ("audit_event", "at"), ("dossier", "created_at")):
            column_type = {c["name"]: c for c in inspector.get_columns(table)}[name]["type"]
            assert isinstance(column_type, DateTime) and column_type.timezone, (table, name)
        with engine.connect() as connection:
            # Times are stored as instants: a session in another time zone reads the same moment.
            connection.exec_driver_sql("SET TIME ZONE 'Asia/Ho_Chi_Minh'")
            connection.execute(text("INSERT INTO kiosk VALUES ('k', 'k', '2024-11-23 08:00:00+00')"))
            shown = connection.exec_driver_sql("SELECT created_at::text FROM kiosk").scalar()
            assert shown == "2024-11-23 15:00:00+07"
            connection.rollback()
    finally:
        engine.dispose()


@postgresql_only
def test_migrations_wait_for_each_other_on_postgresql(database: Database) -> None:
    # While one session holds the migration lock, an upgrade waits instead of racing it.
    holder = db.make_engine(database.url)
    done = threading.Event()
    errors: list[BaseException] = []

    def upgrade() -> None:
        try:
            db.upgrade(database.url)
        except BaseException as error:  # reported to the test thread below
            errors.append(error)
        done.set()

    try:
        with holder.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": db.MIGRATION_LOCK_KEY})
            thread = threading.Thread(target=upgrade)
            thread.start()
            assert not done.wait(1.0), "the upgrade went ahead while another migration held the lock"
        assert done.wait(60)
        thread.join(5)
        assert errors == []
        assert db.current_revision(database.url) == LATEST
    finally:
        holder.dispose()
