"""`kiosk db upgrade|current` against the configured database_url: a SQLite file or a shared PostgreSQL
database (`postgresql+psycopg://...`), set in the environment or in kiosk.toml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.store import db
from tests.store.conftest import Database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_machine_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("KIOSK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsys.readouterr()
    return code, out


def test_db_upgrade_and_current_use_the_configured_database_url(
    database: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", database.url)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    head = db.head_revision()

    code, out = _cli(capsys, "db", "current", "--json")
    assert (code, json.loads(out)) == (0, {"current": None, "head": head, "up_to_date": False})

    code, out = _cli(capsys, "db", "upgrade")
    assert (code, out.strip()) == (0, head)
    assert db.current_revision(database.url) == head, "the configured database was migrated"

    code, out = _cli(capsys, "db", "current", "--json")
    assert (code, json.loads(out)) == (0, {"current": head, "head": head, "up_to_date": True})


def test_kiosk_db_upgrade_as_a_process_with_the_url_in_kiosk_toml(database: Database, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'kiosk_id = "hn-motcua-01"\ndata_dir = "data"\ndatabase_url = "{database.url}"\n', encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_CONFIG=str(config), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"))

    def kiosk(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kiosk", *argv], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    upgraded = kiosk("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.strip() == db.head_revision()
    current = kiosk("db", "current")
    assert current.returncode == 0, current.stderr
    assert f"current: {db.head_revision()}" in current.stdout and "up to date" in current.stdout
