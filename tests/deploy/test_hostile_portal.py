"""The portal client against hostile HTTP servers on 127.0.0.1: a gzip bomb, a slow drip, deep JSON."""

from __future__ import annotations

import contextlib
import gzip
import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.portal.bounded import ResponseLimits, json_depth, loads_bounded
from kiosk.portal.client import PortalClient, RetryPolicy
from kiosk.portal.errors import PortalBadResponse, PortalUnavailable

Handler = Callable[[BaseHTTPRequestHandler], None]


def _gzip_bomb(expanded: int) -> bytes:
    """`expanded` bytes of zeros as gzip members one after another (a valid gzip stream), ~1 KB per MiB."""
    member = gzip.compress(b"\0" * (1024 * 1024), compresslevel=9)
    return member * (expanded // (1024 * 1024))


@contextmanager
def serve(handle: Handler) -> Iterator[str]:
    class Hostile(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client hung up
                handle(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _client(url: str, timeout: float = 5.0) -> PortalClient:
    return PortalClient(url, timeout=timeout, retry=RetryPolicy.no_retry())


# A slow drip: a byte (or a header line) every DRIP_S, far inside the per-read timeout READ_TIMEOUT_S, so
# only the call's total deadline DEADLINE_S can end it (production: 2 × portal.timeout_s + 5 = 25 s).
DRIP_S = 0.05
READ_TIMEOUT_S = 0.5
DEADLINE_S = 0.8


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _gzip_bomb(1024 * 1024 * 1024)  # 1 GiB of zeros: about 1 MB on the wire


def test_a_gzip_bomb_is_refused_without_using_the_memory(bomb: bytes) -> None:
    assert len(bomb) < 1_100_000

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(bomb)))
        request.end_headers()
        request.wfile.write(bomb)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with serve(handle) as url, _client(url) as client, pytest.raises(
        PortalBadResponse, match="larger than 32 MiB once decompressed"
    ):
        client.health()
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 200, f"peak memory grew by {grown_mib:.0f} MiB"


def test_a_slow_drip_ends_at_the_call_deadline(bomb: bytes) -> None:
    stop = threading.Event()

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", "100000")
        request.end_headers()
        request.wfile.write(b'{"status": "')
        for _ in range(600):  # no read ever waits long enough to time out
            if stop.is_set():
                return
            request.wfile.write(b"o")
            request.wfile.flush()
            time.sleep(DRIP_S)

    with serve(handle) as url, _client(url, timeout=READ_TIMEOUT_S) as client:
        client.limits = ResponseLimits(deadline_s=DEADLINE_S)
        started = time.monotonic()
        with pytest.raises(PortalUnavailable, match="deadline"):
            client.health()
        took = time.monotonic() - started
        stop.set()
    assert took < DEADLINE_S + 1.0, f"the call took {took:.1f}s against a {DEADLINE_S}s deadline"


def test_slow_drip_headers_also_end_at_the_deadline() -> None:
    stop = threading.Event()

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for index in range(600):
            if stop.is_set():
                return
            request.wfile.write(f"X-Drip-{index}: a\r\n".encode())
            request.wfile.flush()
            time.sleep(DRIP_S)

    with serve(handle) as url, _client(url, timeout=READ_TIMEOUT_S) as client:
        client.limits = ResponseLimits(deadline_s=DEADLINE_S)
        started = time.monotonic()
        with pytest.raises(PortalUnavailable):
            client.health()
        took = time.monotonic() - started
        stop.set()
    assert took < DEADLINE_S + 1.0, f"the call took {took:.1f}s against a {DEADLINE_S}s deadline"


def test_deeply_nested_json_is_a_clear_portal_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(deep)))
        request.end_headers()
        request.wfile.write(deep)

    with serve(handle) as url, _client(url) as client, pytest.raises(
        PortalBadResponse, match="nests 100000 levels deep"
    ):
        client.health()


def test_an_honest_answer_still_arrives() -> None:
    def handle(request: BaseHTTPRequestHandler) -> None:
        body = gzip.compress(b'{"status": "ok", "nested": {"a": [1, {"b": "[[[not depth]]]"}]}}')
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    with serve(handle) as url, _client(url) as client:
        assert client.health()["status"] == "ok"


def test_json_depth_skips_strings() -> None:
    assert json_depth(b'{"a": "[[[[", "b": [{"c": "\\"]]"}]}') == 3
    assert loads_bounded(b"[[1]]", 2) == [[1]]
    with pytest.raises(ValueError, match="nests 3 levels"):
        loads_bounded(b"[[[1]]]", 2)


def test_sockets_are_not_left_open_after_a_refused_answer(bomb: bytes) -> None:
    # The refused body is not drained: the connection is closed, and the next call opens a new one.
    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(bomb)))
        request.end_headers()
        request.wfile.write(bomb)

    with serve(handle) as url, _client(url) as client:
        for _ in range(2):
            with pytest.raises(PortalBadResponse):
                client.health()
