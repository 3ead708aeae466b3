"""The sandbox's training controls (`/sandbox/admin/*`: every dossier, OTPs, kiosk secrets, the fault
switch) answer only to whoever holds the admin token, or to a process of the sandbox's own user on this
machine.

The token is sent as `Authorization: Bearer <token>` or `X-Sandbox-Admin-Token: <token>`. It lives in
`<sandbox data>/admin-token` (0600), so a process of the same user could read it anyway: such a process
(the kiosk's in-process training sandbox, the tests, `kiosk sandbox` run by the trainer) is let in without
it. It is recognised by the owner of its end of a loopback TCP connection, as the kernel reports it in
/proc/net/tcp{,6}. Everyone else — other users, other machines when the sandbox listens on a network —
needs the token.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)

ADMIN_PREFIX = "/sandbox/admin"
TOKEN_FILE = "admin-token"
TOKEN_HEADER = b"x-sandbox-admin-token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def load_or_create_token(store_dir: Path) -> str:
    """The admin token kept in `<store_dir>/admin-token` (owner-only), made on first use; or the one in
    $KIOSK_SANDBOX_ADMIN_TOKEN."""
    given = os.environ.get("KIOSK_SANDBOX_ADMIN_TOKEN", "").strip()
    if given:
        return given
    path = store_dir / TOKEN_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(24)
    store_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(token + "\n")
    return token


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _proc_address(host: str, port: int) -> str:
    """An address as /proc/net/tcp writes it: the IP in host byte order (per 32-bit word), hex."""
    packed = ipaddress.ip_address(host).packed
    words = [packed[i : i + 4][::-1].hex().upper() for i in range(0, len(packed), 4)]
    return f"{''.join(words)}:{port:04X}"


def peer_uid(client: tuple[str, int], server: tuple[str, int]) -> int | None:
    """The uid owning the client's end of a loopback connection to us, or None if it cannot be told."""
    local, remote = _proc_address(*client), _proc_address(*server)
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 7 and fields[1] == local and fields[2] == remote:
                return int(fields[7])
    return None


def _mapped(host: str) -> str:
    # An IPv4 peer on a dual-stack socket appears as ::ffff:127.0.0.1.
    return host.removeprefix("::ffff:")


class AdminGuard:
    """ASGI middleware in front of everything (the fault switch included)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        admin = scope["type"] == "http" and str(scope.get("path", "")).startswith(ADMIN_PREFIX)
        if admin and not self._allowed(scope):
            await _refuse(send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        headers: dict[bytes, bytes] = dict(scope.get("headers") or [])
        offered = headers.get(TOKEN_HEADER) or b""
        authorization = headers.get(b"authorization", b"")
        if authorization[:7].lower() == b"bearer ":
            offered = offered or authorization[7:].strip()
        if offered and hmac.compare_digest(offered, self.token):
            return True
        client, server = scope.get("client"), scope.get("server")
        if not client or not server or not is_loopback(_mapped(client[0])):
            return False
        try:
            uid = peer_uid((_mapped(client[0]), int(client[1])), (_mapped(server[0]), int(server[1])))
        except ValueError:
            return False
        return uid is not None and uid == os.getuid()


async def _refuse(send: Send) -> None:
    body: dict[str, Any] = {"error": {
        "code": "admin_token_required",
        "message": "the sandbox's training controls need the admin token (X-Sandbox-Admin-Token)",
        "message_vi": "Cần mã quản trị của cổng thử nghiệm.",
    }}
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": raw})


def check_listen_address(host: str, *, allow_remote: bool) -> str | None:
    """None for a loopback address; a loud warning for another one when `allow_remote`; ValueError
    otherwise."""
    if is_loopback(host):
        return None
    if not allow_remote:
        raise ValueError(
            f"the sandbox listens on loopback only; {host} would expose it (and its training controls) to "
            "the network: add --allow-remote if that is really meant"
        )
    everywhere = host in ("0.0.0.0", "::", "")
    return (
        f"WARNING: the training sandbox listens on {'EVERY network interface' if everywhere else host}. "
        "Its portal API takes dossiers from anyone who can reach it; its training controls need the admin "
        "token. Never do this on a kiosk's production network. / CẢNH BÁO: cổng thử nghiệm mở ra mạng."
    )
