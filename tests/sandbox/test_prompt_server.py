"""PromptServer (the uvicorn under the sandbox portal and the fleet service) stops at once when idle, and
still lets a request in flight finish when asked to stop in the middle of it."""

from __future__ import annotations

import asyncio
import http.client
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn

from kiosk.prompt_server import PromptServer
from kiosk.sandbox.server import bind_socket

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class SlowApp:
    """Answers every request after `delay_s`; `arrived` is set when a request has come in."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s
        self.arrived = threading.Event()

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        self.arrived.set()
        await asyncio.sleep(self.delay_s)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"4")]})
        await send({"type": "http.response.body", "body": b"done"})


@contextmanager
def serving(app: SlowApp) -> Iterator[tuple[PromptServer, threading.Thread, int]]:
    sock = bind_socket("127.0.0.1", 0)
    config = uvicorn.Config(app, log_config=None, lifespan="off", timeout_graceful_shutdown=5)
    server = PromptServer(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="prompt-server-test")
    thread.start()
    try:
        yield server, thread, sock.getsockname()[1]
    finally:
        server.request_stop()
        thread.join(timeout=10)
        sock.close()


def _wait_started(server: PromptServer, thread: threading.Thread) -> None:
    done = threading.Event()
    for _ in range(1000):
        if server.started or not thread.is_alive():
            break
        done.wait(0.01)
    assert server.started, "the server did not start"


def test_an_idle_server_stops_and_refuses_connections_afterwards() -> None:
    with serving(SlowApp(0.0)) as (server, thread, port):
        _wait_started(server, thread)
        server.request_stop()
        thread.join(timeout=10)
        assert not thread.is_alive()
        with pytest.raises(ConnectionRefusedError):
            http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", "/")


def test_a_stop_asked_before_the_loop_runs_is_not_lost() -> None:
    sock = bind_socket("127.0.0.1", 0)
    server = PromptServer(uvicorn.Config(SlowApp(0.0), log_config=None, lifespan="off"))
    server.request_stop()  # before run(): no loop to wake yet
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    thread.join(timeout=10)
    sock.close()
    assert not thread.is_alive()


def test_a_request_in_flight_is_answered_before_the_server_stops() -> None:
    app = SlowApp(0.5)
    with serving(app) as (server, thread, port):
        _wait_started(server, thread)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/")
        assert app.arrived.wait(5)
        server.request_stop()  # while the app is still working on the request
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b"done")
        thread.join(timeout=10)
        assert not thread.is_alive()
