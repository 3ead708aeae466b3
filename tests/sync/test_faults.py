"""The sandbox's fault injection: settings parsing, and the admin endpoint against a real server."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from kiosk.portal.client import PortalClient, RetryPolicy
from kiosk.portal.errors import PortalBadResponse, PortalUnavailable
from kiosk.sandbox.faults import FaultSettings
from kiosk.sandbox.server import SandboxServer


def test_parse_and_validate() -> None:
    settings = FaultSettings.parse("latency_ms=200, error_rate=0.3,reset_rate=0.05,garbage_rate=0.05")
    assert settings == FaultSettings(200, 0.3, 0.05, 0.05) and settings.active
    assert not FaultSettings.parse("").active
    for bad in ("error_rate=2", "nonsense=1", "latency_ms=abc", "error_rate=0.6,garbage_rate=0.6"):
        with pytest.raises(ValueError):
            FaultSettings.parse(bad)


def test_admin_endpoint_changes_faults_at_runtime(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "sandbox") as server:
        url = server.base_url
        assert requests.get(f"{url}/sandbox/admin/faults", timeout=5).json()["error_rate"] == 0
        client = PortalClient(url, timeout=5, retry=RetryPolicy.no_retry())
        assert client.health()["status"] == "ok"

        assert requests.put(f"{url}/sandbox/admin/faults", json={"error_rate": 1}, timeout=5).ok
        with pytest.raises(PortalUnavailable):
            client.get_catalogue()
        assert requests.put(f"{url}/sandbox/admin/faults", json={"garbage_rate": 1}, timeout=5).ok
        with pytest.raises(PortalBadResponse):
            client.get_catalogue()
        assert requests.put(f"{url}/sandbox/admin/faults", json={"reset_rate": 1}, timeout=5).ok
        with pytest.raises((PortalBadResponse, PortalUnavailable)):
            client.get_catalogue()
        refused = requests.put(f"{url}/sandbox/admin/faults", json={"error_rate": 5}, timeout=5)
        assert refused.status_code == 422

        answer = requests.put(f"{url}/sandbox/admin/faults", json={}, timeout=5).json()
        assert answer["injected"] == {"error": 1, "reset": 1, "garbage": 1}
        assert client.get_catalogue().procedures
        assert requests.get(f"{url}/health", timeout=5).ok
        client.close()
