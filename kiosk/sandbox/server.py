"""Running the sandbox portal: in a background thread (tests, demos, training mode inside the kiosk) or
in the foreground for the ``kiosk sandbox`` command.

The listening socket is bound here and handed to uvicorn, so ``port=0`` picks a free port with no
window in which another process could take it. uvicorn installs no signal handlers in a background
thread (it checks for the main thread itself), logs through `logging` (no log config of its own), and
writes no access log unless asked.
"""

from __future__ import annotations

import http.client
import logging
import signal
import socket
import threading
import time
from pathlib import Path
from types import FrameType, TracebackType

import uvicorn

from kiosk.prompt_server import PromptServer
from kiosk.sandbox.admin_guard import TOKEN_FILE, load_or_create_token
from kiosk.sandbox.app import DEFAULT_UNIT_CODE, Clock, create_app
from kiosk.sandbox.catalogue import SandboxCatalogue
from kiosk.sandbox.services import ProcessingPlan
from kiosk.sandbox.store import SandboxStore

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        # Lets a restarted sandbox take its port back while old connections sit in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _uvicorn_config(app: object, *, access_log: bool, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        log_config=None,  # keep the host program's logging setup; uvicorn logs via `logging` anyway
        access_log=access_log,
        log_level=log_level,
        lifespan="off",
        timeout_graceful_shutdown=5,
        server_header=False,
    )


class SandboxServer:
    """The sandbox portal in a background thread::

    with SandboxServer(tmp_path) as server:
        client = PortalClient(server.base_url)
    """

    def __init__(
        self,
        store_dir: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        unit_code: str = DEFAULT_UNIT_CODE,
        catalogue: SandboxCatalogue | None = None,
        clock: Clock | None = None,
        plan: ProcessingPlan | None = None,
        require_kiosk_auth: bool = False,
        access_log: bool = False,
        startup_timeout: float = 10.0,
    ) -> None:
        self.store_dir = store_dir
        self.host = host
        self.port = port
        self.unit_code = unit_code
        self.catalogue = catalogue
        self.clock = clock
        self.plan = plan
        self.require_kiosk_auth = require_kiosk_auth
        self.access_log = access_log
        self.startup_timeout = startup_timeout
        self.store: SandboxStore | None = None
        self.admin_token: str | None = None  # for /sandbox/admin/* from another user or machine
        self._server: PromptServer | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._failure: BaseException | None = None
        self._base_url: str | None = None

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("the sandbox server is not running")
        return self._base_url

    def start(self) -> str:
        """Start serving; returns the base URL once the server answers /api/v1/health."""
        if self._thread is not None:
            raise RuntimeError("the sandbox server is already running")
        self.store = SandboxStore(self.store_dir)
        try:
            self.admin_token = load_or_create_token(self.store.data_dir)
            app = create_app(
                self.store,
                unit_code=self.unit_code,
                catalogue=self.catalogue,
                clock=self.clock,
                plan=self.plan,
                require_kiosk_auth=self.require_kiosk_auth,
                admin_token=self.admin_token,
            )
            self._socket = bind_socket(self.host, self.port)
            self._server = PromptServer(_uvicorn_config(app, access_log=self.access_log, log_level="warning"))
            self._failure = None
            self._thread = threading.Thread(target=self._run, name="sandbox-portal", daemon=True)
            self._thread.start()
            self._base_url = _base_url(self._socket)
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        log.info("sandbox portal serving at %s (data in %s)", self._base_url, self.store.data_dir)
        return self._base_url

    def stop(self) -> None:
        """Shut down cleanly, join the thread and close the store. Safe to call twice."""
        server, thread = self._server, self._thread
        if server is not None and thread is not None:
            server.request_stop()
            thread.join(timeout=10)
            if thread.is_alive():
                server.force_exit = True
                thread.join(timeout=5)
            if thread.is_alive():
                log.error("sandbox portal thread did not stop")
        if self._socket is not None:
            self._socket.close()
        if self.store is not None:
            self.store.close()
        self._server = self._thread = self._socket = self.store = None
        self._base_url = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _run(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as error:  # SystemExit on a failed start-up included
            self._failure = error
            log.exception("sandbox portal stopped with an error")

    def _wait_until_serving(self) -> None:
        assert self._server is not None and self._thread is not None and self._socket is not None
        deadline = time.monotonic() + self.startup_timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"sandbox portal failed to start: {self._failure!r}")
            if time.monotonic() > deadline:
                raise TimeoutError("sandbox portal did not start in time")
            time.sleep(0.01)
        # `started` is set once uvicorn listens; one real request proves the app answers too.
        host, port = self._socket.getsockname()[:2]
        connection = http.client.HTTPConnection(host, port, timeout=self.startup_timeout)
        try:
            connection.request("GET", "/api/v1/health")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"sandbox portal health check answered {response.status}")
        finally:
            connection.close()


def serve_forever(
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    data_dir: Path | None = None,
    *,
    unit_code: str = DEFAULT_UNIT_CODE,
    access_log: bool = True,
    plan: ProcessingPlan | None = None,
    require_kiosk_auth: bool = False,
) -> None:
    """Run the sandbox in the foreground until Ctrl+C or SIGTERM, then shut down gracefully.

    uvicorn catches both signals, drains connections, and then re-raises the signal with the previous
    handler restored. For SIGTERM that handler is ours and exits with status 0, so the store is closed
    (and a temporary ``data_dir=None`` directory removed) instead of the process dying mid-cleanup.
    Ctrl+C ends in KeyboardInterrupt, as usual, for the caller to handle."""
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _exit_cleanly)
    try:
        with SandboxStore(data_dir) as store:
            token = load_or_create_token(store.data_dir)
            app = create_app(store, unit_code=unit_code, plan=plan, require_kiosk_auth=require_kiosk_auth,
                             admin_token=token)
            log.info("sandbox training controls: admin token in %s", store.data_dir / TOKEN_FILE)
            sock = bind_socket(host, port)
            log.info("sandbox portal serving at %s (data in %s)", _base_url(sock), store.data_dir)
            server = uvicorn.Server(_uvicorn_config(app, access_log=access_log, log_level="info"))
            try:
                server.run(sockets=[sock])
            finally:
                sock.close()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
