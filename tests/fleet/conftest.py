"""Fleet fixtures: the fleet database on both engines (SQLite file, and a real PostgreSQL cluster the tests
start themselves, see tests/store/pg.py), and the fleet service on loopback over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine

from kiosk.fleet.app import FleetSettings
from kiosk.fleet.server import FleetServer
from kiosk.fleet.store import open_database
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed
from tests.store.pg import PostgresServer, started_for

ADMIN = "test-admin-token"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


@pytest.fixture(scope="session")
def fleet_postgres() -> Iterator[PostgresServer]:
    yield from started_for("the fleet tests")


@pytest.fixture(params=["sqlite", "postgresql"])
def fleet_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fleet' / 'fleet.db'}"
        return
    server: PostgresServer = request.getfixturevalue("fleet_postgres")
    url = server.create_database("fleet_test")
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def fleet_engine(fleet_url: str) -> Iterator[Engine]:
    engine = open_database(fleet_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def fleet_service(fleet_engine: Engine) -> Iterator[FleetServer]:
    with FleetServer(fleet_engine, FleetSettings(admin_token=ADMIN)) as server:
        yield server


def admin_session() -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {ADMIN}"
    return session


def enrol(base_url: str, kiosk_id: str, commune: str = "phuong-ba-dinh", group: str = "default") -> str:
    response = admin_session().post(
        f"{base_url}/api/v1/enrol",
        json={"kiosk_id": kiosk_id, "name": f"Kiosk {kiosk_id}", "commune": commune, "group": group},
        timeout=10,
    )
    response.raise_for_status()
    return str(response.json()["token"])
