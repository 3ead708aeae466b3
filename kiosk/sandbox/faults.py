"""Fault injection for the sandbox portal: an ASGI middleware that makes the portal API slow, failing,
dropping connections or answering garbage, so the kiosk's outbox can be proven against a bad network.

Faults apply to the portal API (`/api/...`) only; `/health` and `/sandbox/admin/...` always answer. They
are off unless asked for: `kiosk sandbox --faults "latency_ms=200,error_rate=0.3"` at start, or at runtime
`PUT /sandbox/admin/faults` with a JSON object (missing keys are 0) and `GET /sandbox/admin/faults`.

- `latency_ms`: every API request waits this long first;
- `error_rate`: share of requests answered 500 or 503 (the portal's error body) without being processed;
- `reset_rate`: share of requests whose connection is dropped mid-answer; half of them after the request
  was processed (the portal has the dossier, the kiosk does not know), half before;
- `garbage_rate`: share of requests processed normally whose answer is then cut short (truncated JSON)
  or replaced by a non-JSON page.

The rates are exclusive slices of one random draw, so they must add up to at most 1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import asdict, dataclass, fields
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ADMIN_PATH = "/sandbox/admin/faults"
_RATES = ("error_rate", "reset_rate", "garbage_rate")


@dataclass(frozen=True)
class FaultSettings:
    latency_ms: float = 0.0
    error_rate: float = 0.0
    reset_rate: float = 0.0
    garbage_rate: float = 0.0

    def __post_init__(self) -> None:
        if not 0 <= self.latency_ms <= 600_000:
            raise ValueError(f"latency_ms must be between 0 and 600000, not {self.latency_ms}")
        for name in _RATES:
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        if sum(getattr(self, name) for name in _RATES) > 1 + 1e-9:
            raise ValueError("error_rate + reset_rate + garbage_rate must be at most 1")

    @classmethod
    def parse(cls, spec: str) -> FaultSettings:
        """From `"latency_ms=200,error_rate=0.3"` (the `--faults` option)."""
        values: dict[str, float] = {}
        known = {f.name for f in fields(cls)}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, sep, text = part.partition("=")
            name = name.strip()
            if not sep or name not in known:
                raise ValueError(f"{part!r}: expected NAME=VALUE with NAME one of {', '.join(sorted(known))}")
            try:
                values[name] = float(text)
            except ValueError:
                raise ValueError(f"{part!r}: {text!r} is not a number") from None
        return cls(**values)

    @classmethod
    def from_json(cls, body: Any) -> FaultSettings:
        if not isinstance(body, dict):
            raise ValueError("expected a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = set(body) - known
        if unknown:
            raise ValueError(f"unknown fault settings: {sorted(unknown)}")
        values = {}
        for name, value in body.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} must be a number")
            values[name] = float(value)
        return cls(**values)

    def to_json(self) -> dict[str, float]:
        return asdict(self)

    @property
    def active(self) -> bool:
        return self.latency_ms > 0 or any(getattr(self, name) > 0 for name in _RATES)


class FaultState:
    """The settings in force, shared by the middleware and whoever changes them (admin endpoint, tests)."""

    def __init__(self, settings: FaultSettings | None = None, *, seed: int | None = None) -> None:
        self.settings = settings or FaultSettings()
        self.rng = random.Random(seed)
        self.injected: dict[str, int] = {"error": 0, "reset": 0, "garbage": 0}


_startup = FaultSettings()
_startup_seed: int | None = None


def set_startup_faults(settings: FaultSettings, *, seed: int | None = None) -> None:
    """The faults sandboxes created from now on in this process start with (`kiosk sandbox --faults`), and
    the seed of their draws (None: a new sequence each time; a number: the same faults in the same order, for
    a proof that must meet every kind of fault)."""
    global _startup, _startup_seed
    _startup, _startup_seed = settings, seed


class InjectedReset(Exception):
    """Raised inside the server to make it drop the connection (a simulated network reset)."""


class _QuietInjectedResets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InjectedReset))


_quiet = _QuietInjectedResets()


class FaultInjector:
    """The ASGI middleware. `state` is shared, so changes apply to the next request."""

    def __init__(self, app: ASGIApp, state: FaultState) -> None:
        self.app = app
        self.state = state
        # The server logs the exception that drops a connection; an injected one is not news.
        logging.getLogger("uvicorn.error").addFilter(_quiet)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path == ADMIN_PATH:
            await self._admin(scope, receive, send)
            return
        settings = self.state.settings
        if not path.startswith("/api/") or not settings.active:
            await self.app(scope, receive, send)
            return
        if settings.latency_ms > 0:
            await asyncio.sleep(settings.latency_ms / 1000)
        draw = self.state.rng.random()
        if draw < settings.error_rate:
            self.state.injected["error"] += 1
            await self._error(send, self.state.rng.choice((500, 503)))
            return
        draw -= settings.error_rate
        if draw < settings.reset_rate:
            self.state.injected["reset"] += 1
            if self.state.rng.random() < 0.5:
                await self.app(scope, receive, _discard)  # processed; the answer is lost
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", b"512")]})
            raise InjectedReset("connection dropped by fault injection")
        draw -= settings.reset_rate
        if draw < settings.garbage_rate:
            self.state.injected["garbage"] += 1
            await self._garbage(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _garbage(self, scope: Scope, receive: Receive, send: Send) -> None:
        captured: list[Message] = []

        async def capture(message: Message) -> None:
            captured.append(message)

        await self.app(scope, receive, capture)
        start = next((m for m in captured if m["type"] == "http.response.start"), None)
        status = start["status"] if start is not None else 200
        body = b"".join(m.get("body", b"") for m in captured if m["type"] == "http.response.body")
        if self.state.rng.random() < 0.5 and len(body) > 1:
            content_type, garbage = b"application/json", body[: len(body) // 2]
        else:
            content_type, garbage = b"text/html", b"<html><body>502 Bad Gateway</body></html>"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type),
                                (b"content-length", str(len(garbage)).encode("ascii"))]})
        await send({"type": "http.response.body", "body": garbage})

    @staticmethod
    async def _error(send: Send, status: int) -> None:
        body = json.dumps({"error": {"code": "injected_fault", "message": "injected fault: try again later"}})
        await _json_response(send, status, body.encode())

    async def _admin(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method", "GET")
        if method == "PUT":
            raw = b""
            while True:
                message = await receive()
                raw += message.get("body", b"")
                if not message.get("more_body"):
                    break
            try:
                self.state.settings = FaultSettings.from_json(json.loads(raw or b"{}"))
            except ValueError as error:
                body = {"error": {"code": "invalid_faults", "message": str(error)}}
                await _json_response(send, 422, json.dumps(body).encode())
                return
        elif method != "GET":
            body = {"error": {"code": "method_not_allowed", "message": "GET or PUT"}}
            await _json_response(send, 405, json.dumps(body).encode())
            return
        answer = {**self.state.settings.to_json(), "injected": dict(self.state.injected)}
        await _json_response(send, 200, json.dumps(answer).encode())


async def _discard(message: Message) -> None:
    return None


async def _json_response(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode("ascii"))]})
    await send({"type": "http.response.body", "body": body})


def install_faults(app: Any, settings: FaultSettings | None = None) -> FaultState:
    """Wrap a Starlette/FastAPI app; the state is also at `app.state.faults` for in-process callers."""
    state = FaultState(settings if settings is not None else _startup, seed=_startup_seed)
    app.add_middleware(FaultInjector, state=state)
    app.state.faults = state
    return state
