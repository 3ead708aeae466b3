"""uvicorn's Server, stopping as soon as it is asked to.

The built-in sandbox portal and the fleet service run uvicorn in a background thread. Stock uvicorn notices
`should_exit` only at its next 0.1 s tick and then always sleeps another 0.1 s for connections to wind down,
even when there are none: ~0.2 s per stop, paid by every kiosk session in training mode that ends with the
sandbox, by every test that starts the whole kiosk (hundreds per suite), and by `kiosk run` on exit.

`PromptServer.request_stop()` wakes the loop at once; a shutdown with no open connection closes the listening
sockets without the extra sleep. With connections open, uvicorn's own graceful shutdown runs unchanged (it
asks them to finish and waits up to `timeout_graceful_shutdown`).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

import uvicorn

TICK_S = 0.1  # uvicorn's own tick: the Date header and `limit_max_requests` are checked this often


class PromptServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_S)

    def request_stop(self) -> None:
        """Ask the server to stop (from any thread); it leaves its loop now instead of at the next tick.
        Asked before the loop runs, it stops at its first tick."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed: nothing to wake
                loop.call_soon_threadsafe(wake.set)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.server_state.connections or self.server_state.tasks:
            await super().shutdown(sockets)
            return
        # Nothing to drain: stop listening, and skip the pause uvicorn gives connections that do not exist.
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for server in self.servers:
            await server.wait_closed()
        if not self.force_exit:
            await self.lifespan.shutdown()
