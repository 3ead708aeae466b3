"""Bounds on what one portal call may cost the kiosk: bytes, time, nesting.

A portal (or anything between it and the kiosk: a proxy, a captive portal, an attacker on the network) can
send an answer that is small on the wire and huge once decompressed, dribble it a byte at a time so that
the per-read timeout never fires, or nest JSON deep enough to exhaust Python's recursion. Each ends here as
a clear `PortalError`, before it costs memory or holds the worker:

- size: the body is read in chunks *after* decompression and the call fails once it passes `max_bytes`;
- time: a timer shuts the call's socket down when the call's total `deadline_s` has passed, whatever phase
  it is in (headers or body), so a slow drip ends at the deadline, not when the server tires;
- depth: JSON is checked for nesting before it is parsed.

`mount(session)` installs the adapter that lets the timer find the socket of the call in progress.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from kiosk.portal.errors import PortalBadResponse, PortalUnavailable

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ResponseLimits:
    max_bytes: int = 32 * 1024 * 1024  # after decompression; a result PDF is a few MB
    deadline_s: float = 25.0  # the whole call: connect, headers, body
    max_json_depth: int = 64  # the contract nests a handful of levels

    @classmethod
    def for_timeout(cls, timeout_s: float) -> ResponseLimits:
        """A deadline a little over twice the per-read timeout: slow but honest answers still arrive."""
        return cls(deadline_s=2 * timeout_s + 5)


class _Call:
    """The call in progress on this thread: its connection, and whether its deadline has passed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # The socket itself, not the connection: http.client hands a closing connection's socket over to
        # the response and forgets it (`connection.sock` becomes None) while the body is still coming.
        self._socket: socket.socket | None = None
        self.expired = False

    def attach(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._socket = sock
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._socket is not None:
                _shut(self._socket)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)  # wakes a recv() blocked in the calling thread


_current = threading.local()


class _TrackedMixin:
    sock: socket.socket | None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        call: _Call | None = getattr(_current, "call", None)
        if call is not None:
            call.attach(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> Any:
        call: _Call | None = getattr(_current, "call", None)
        if call is not None:
            call.attach(self.sock)  # a kept-alive connection: connected already
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _TrackedHTTPConnection(_TrackedMixin, HTTPConnection):
    pass


class _TrackedHTTPSConnection(_TrackedMixin, HTTPSConnection):
    pass


class _TrackedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _TrackedHTTPConnection


class _TrackedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _TrackedHTTPSConnection


class BoundedAdapter(HTTPAdapter):
    """requests' adapter whose connections tell the call's deadline timer which socket to shut."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _TrackedHTTPPool, "https": _TrackedHTTPSPool}


def mount(session: requests.Session) -> None:
    """Install the adapter where the session still has requests' default one (a caller's own adapter
    is left alone; the body is still bounded in size and checked against the deadline between chunks)."""
    for prefix in ("http://", "https://"):
        if type(session.adapters.get(prefix)) is HTTPAdapter:
            session.mount(prefix, BoundedAdapter())


def bounded_request(
    session: requests.Session,
    method: str,
    url: str,
    *,
    what: str,
    limits: ResponseLimits,
    timeout: float,
    **kwargs: Any,
) -> requests.Response:
    """`session.request(...)` whose body is read (decompressed) within `limits`; the response's
    `.content` is already there when it returns. Raises PortalUnavailable when the deadline passes and
    PortalBadResponse when the body is too large; other requests exceptions pass through."""
    call = _Call()
    _current.call = call
    started = time.monotonic()
    timer = threading.Timer(limits.deadline_s, call.expire)
    timer.daemon = True
    timer.start()
    per_read = min(timeout, limits.deadline_s)
    try:
        response = session.request(method, url, stream=True, timeout=(per_read, per_read), **kwargs)
        with _closing_on_error(response):
            body = bytearray()
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > limits.max_bytes:
                    raise PortalBadResponse(
                        f"{what}: the answer is larger than {limits.max_bytes // (1024 * 1024)} MiB once "
                        "decompressed; refused", status=response.status_code,
                    )
                if time.monotonic() - started > limits.deadline_s:
                    call.expire()
                    break
            if call.expired:
                raise _deadline(what, limits)
            response._content = bytes(body)  # read within bounds: .content and .json() use this
            response._content_consumed = True  # type: ignore[attr-defined]
            return response
    except requests.RequestException as error:
        if call.expired:
            raise _deadline(what, limits) from error
        raise
    finally:
        timer.cancel()
        _current.call = None


class _closing_on_error:
    def __init__(self, response: requests.Response) -> None:
        self._response = response

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is not None:
            self._response.close()


def _deadline(what: str, limits: ResponseLimits) -> PortalUnavailable:
    return PortalUnavailable(
        f"{what}: no complete answer within {limits.deadline_s:g}s (the call's deadline)"
    )


class JsonTooDeepError(ValueError):
    """The JSON nests deeper than allowed."""


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(data: bytes) -> int:
    """How deeply `data` nests arrays and objects (strings skipped), without parsing it."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b"", data)):
        if match.group(0) in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_bounded(data: bytes, max_depth: int) -> Any:
    """`json.loads`, refusing (JsonTooDeepError) JSON that nests deeper than `max_depth`."""
    depth = json_depth(data)
    if depth > max_depth:
        raise JsonTooDeepError(f"body nests {depth} levels deep (at most {max_depth})")
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError as error:  # belt and braces: never escapes as a RecursionError
        raise JsonTooDeepError("body nests too deep to parse") from error
