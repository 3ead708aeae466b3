"""`kiosk fleet serve` (the trial default: no database to set up), `kiosk fleet enrol`, `kiosk fleet send` and
`kiosk report`, as an operator and a technician would run them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.fleet import events as ev
from kiosk.fleet.central_config import CACHE_NAME, verify_cached_pin
from kiosk.store import db
from kiosk.store.fleet_outbox import FleetOutbox
from tests.isolation import isolated_from_the_machine

ADMIN = "cli-admin-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["FLEET_ADMIN_TOKEN"] = ADMIN
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "fleet",
            "serve",
            "--data-dir",
            str(tmp_path / "service"),
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"kiosk fleet serve did not start: {process.communicate(timeout=10)[0]}")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    assert (tmp_path / "service" / "fleet" / "fleet.db").exists()  # the trial's embedded database


def test_enrol_send_and_report_from_the_command_line(
    served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "kiosk"
    with isolated_from_the_machine(monkeypatch, tmp_path):
        monkeypatch.setenv("KIOSK_KIOSK_ID", "bd-hoan-kiem-01")
        code = main(
            [
                "fleet",
                "enrol",
                "--url",
                served,
                "--admin-token",
                ADMIN,
                "--commune",
                "hang-trong",
                "--data-dir",
                str(data),
            ]
        )
        assert code == 0, capsys.readouterr()
        keyring_file = tmp_path / "kiosk-keys" / "keyring.json"
        assert (
            "kiosk-fleet" in keyring_file.read_text()
        )  # the token is in the kiosk's keyring, not its config

        config = load_config(data_dir=data)
        db.upgrade(config.database_url)
        outbox = FleetOutbox(db.session_factory(db.make_engine(config.database_url)))
        at = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)
        outbox.record_dossier("submitted_online", "d-1", "1.001612", unit="H48.01", at=at)
        outbox.record_dossier("returned_by_post", "d-1", "1.001612", at=at)
        outbox.record(ev.HEARTBEAT, {"uptime_s": 5}, at=at)
        requests.put(
            f"{served}/api/v1/staff/NV007",
            headers={"Authorization": f"Bearer {ADMIN}"},
            timeout=30,
            json={"name": "Phạm Thu Hà", "role": "operator", "pin": "583920"},
        ).raise_for_status()
        capsys.readouterr()
        assert main(["fleet", "send", "--data-dir", str(data)]) == 0
        sent = json.loads(capsys.readouterr().out)
        assert (sent["sent"], sent["pending"], sent["failed"], sent["config_cached"]) == (3, 0, False, True)
        # Central staff log in with their PIN on the kiosk while it is offline (from the cache).
        cache = data / CACHE_NAME
        assert oct(cache.stat().st_mode & 0o777) == "0o600" and "583920" not in cache.read_text()
        member = verify_cached_pin(cache, "NV007", "583920")
        assert member is not None and member.role == "operator"
        assert verify_cached_pin(cache, "NV007", "583921") is None

        assert main(["report", "--month", "2026-11", "--format", "json", "--data-dir", str(data)]) == 0
        offline = json.loads(capsys.readouterr().out)
        assert offline["total"]["filed"] == 1 and offline["total"]["returned_by_post_share"] == 1.0
        assert main(["report", "--month", "2026-11", "--data-dir", str(data)]) == 0
        assert "1.001612" in capsys.readouterr().out
        pdf = tmp_path / "out" / "report.pdf"
        assert (
            main(
                [
                    "report",
                    "--quarter",
                    "2026-Q4",
                    "--format",
                    "pdf",
                    "--output",
                    str(pdf),
                    "--data-dir",
                    str(data),
                ]
            )
            == 0
        )
        assert pdf.read_bytes().startswith(b"%PDF")

    headers = {"Authorization": f"Bearer {ADMIN}"}
    online = requests.get(
        f"{served}/api/v1/reports", params={"period": "2026-11"}, headers=headers, timeout=30
    ).json()
    assert online["total"] == offline["total"]
    page = requests.get(f"{served}/", headers=headers, timeout=10).text
    assert "bd-hoan-kiem-01" in page and "hang-trong" in page
