"""The training sandbox's admin endpoints: a token for anyone but the sandbox's own user on this machine;
loopback unless asked; its data owner-only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.sandbox.admin_guard import TOKEN_FILE, AdminGuard, check_listen_address, peer_uid
from kiosk.sandbox.server import SandboxServer


def test_same_user_on_this_machine_gets_in_without_asking(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "sb") as server:
        assert requests.get(f"{server.base_url}/sandbox/admin/dossiers", timeout=10).json() == []
        assert requests.get(f"{server.base_url}/sandbox/admin/faults", timeout=10).ok


def _scope(path: str, client: tuple[str, int], headers: list[tuple[bytes, bytes]] | None = None
           ) -> dict[str, Any]:
    return {"type": "http", "path": path, "client": client, "server": ("10.1.2.3", 8765),
            "headers": headers or []}


@pytest.mark.parametrize("path", ["/sandbox/admin/dossiers", "/sandbox/admin/faults", "/sandbox/admin/otp/x"])
def test_a_remote_peer_needs_the_token(path: str) -> None:
    guard = AdminGuard(lambda *a: None, "t0ken-value")  # type: ignore[arg-type]
    remote = ("10.9.8.7", 50000)
    assert not guard._allowed(_scope(path, remote))
    assert not guard._allowed(_scope(path, remote, [(b"x-sandbox-admin-token", b"wrong")]))
    assert guard._allowed(_scope(path, remote, [(b"x-sandbox-admin-token", b"t0ken-value")]))
    assert guard._allowed(_scope(path, remote, [(b"authorization", b"Bearer t0ken-value")]))


def test_a_loopback_peer_of_another_user_needs_the_token(tmp_path: Path) -> None:
    # A uid that is not ours owns no socket here, so the lookup is the same as for another user's client.
    with SandboxServer(tmp_path / "sb") as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as mine:
            assert peer_uid(mine.getsockname(), (host, int(port))) == os.getuid()
        assert peer_uid(("127.0.0.1", 1), (host, int(port))) is None  # no such connection: refused
        guard = AdminGuard(lambda *a: None, "t")  # type: ignore[arg-type]
        assert not guard._allowed({"type": "http", "path": "/sandbox/admin/dossiers",
                                   "client": ("127.0.0.1", 1), "server": (host, int(port)), "headers": []})


def test_the_token_file_and_the_database_are_owner_only(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "sb") as server:
        assert server.admin_token
        token_file = tmp_path / "sb" / TOKEN_FILE
        assert token_file.read_text().strip() == server.admin_token
        assert token_file.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "sb").stat().st_mode & 0o777 == 0o700
        for name in ("sandbox.sqlite3", "sandbox.sqlite3-wal"):
            path = tmp_path / "sb" / name
            assert path.stat().st_mode & 0o777 == 0o600, name


def test_listening_beyond_loopback_needs_a_flag_and_warns() -> None:
    assert check_listen_address("127.0.0.1", allow_remote=False) is None
    with pytest.raises(ValueError, match="--allow-remote"):
        check_listen_address("0.0.0.0", allow_remote=False)
    assert "EVERY network interface" in (check_listen_address("0.0.0.0", allow_remote=True) or "")


def test_kiosk_sandbox_refuses_0000_without_the_flag(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "sandbox",
                          "--host", "0.0.0.0", "--port", "0"], capture_output=True, text=True, timeout=60,
                         check=False)
    assert run.returncode == 2
    assert "--allow-remote" in run.stderr
