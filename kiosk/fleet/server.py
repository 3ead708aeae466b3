"""`kiosk fleet serve`: the fleet service in the foreground (uvicorn).

Production: `--database postgresql+psycopg://…` (or $FLEET_DATABASE_URL), a PostgreSQL the province runs
or rents. A trial needs nothing: without a URL the service keeps a SQLite file in `<data dir>/fleet/`.
The admin token comes from $FLEET_ADMIN_TOKEN, else a file next to the trial database (made on the
first start, mode 0600) — it is printed at start so the operator can log in and enrol kiosks.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from datetime import timedelta
from pathlib import Path

import uvicorn
from sqlalchemy import Engine

from kiosk.fleet.app import FleetSettings, create_app
from kiosk.fleet.dashboard import AlertRules
from kiosk.fleet.notify import Notifier, NullNotifier, WebhookNotifier
from kiosk.fleet.store import open_database
from kiosk.prompt_server import PromptServer


def trial_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'fleet' / 'fleet.db'}"


def admin_token(data_dir: Path) -> str:
    from_env = os.environ.get("FLEET_ADMIN_TOKEN", "").strip()
    if from_env:
        return from_env
    path = data_dir / "fleet" / "admin-token"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    return token


def serve(
    data_dir: Path,
    *,
    database: str | None,
    host: str,
    port: int,
    webhook: str | None,
    silent_minutes: float,
    queue_hours: float,
    hotline_minutes: float,
) -> None:
    url = database or os.environ.get("FLEET_DATABASE_URL") or trial_url(data_dir)
    token = admin_token(data_dir)
    engine = open_database(url)
    notifier: Notifier = WebhookNotifier(webhook) if webhook else NullNotifier()
    rules = AlertRules(
        silent_after=timedelta(minutes=silent_minutes),
        queue_too_old=timedelta(hours=queue_hours),
        hotline_after=timedelta(minutes=hotline_minutes),
    )
    app = create_app(engine, FleetSettings(admin_token=token, rules=rules, notifier=notifier))
    shown = engine.url.render_as_string(hide_password=True)
    print(f"kiosk fleet: database {shown}", flush=True)
    print(f"kiosk fleet: dashboard http://{host}:{port}/  (admin token: {token})", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


class FleetServer:
    """The fleet service on a background thread (tests, the benchmark)::

    with FleetServer(engine, settings) as server:
        requests.get(server.base_url + "/healthz")
    """

    def __init__(
        self,
        engine: Engine,
        settings: FleetSettings,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        startup_timeout: float = 10.0,
    ) -> None:
        self.engine, self.settings, self.host, self.port = engine, settings, host, port
        self.startup_timeout = startup_timeout
        self.base_url = ""
        self._server: PromptServer | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    def start(self) -> str:
        app = create_app(self.engine, self.settings)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(256)
        self._socket = sock
        config = uvicorn.Config(
            app,
            log_config=None,
            access_log=False,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=5,
            server_header=False,
        )
        self._server = PromptServer(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="fleet-service", daemon=True
        )
        self._thread.start()
        host, port = sock.getsockname()[:2]
        self.base_url = f"http://{host}:{port}"
        deadline = time.monotonic() + self.startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the fleet service did not start")
            time.sleep(0.01)
        return self.base_url

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.request_stop()
            self._thread.join(timeout=10)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout=5)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> FleetServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
