"""One sending process of a station sharing the database, for tests/store/test_shared_database.py.

`python -m tests.store.station_worker URL KIOSK_ID KEYRING_FILE MODE GO_FILE`: waits until GO_FILE exists
(so every process starts claiming at the same moment), then claims this station's due entries one by one
until none is left, opens each payload with the station's own key, "sends" it (a short pause) and marks it
sent. Prints one line per dossier it sent: `<dossier id> <kiosk id> <pid>`.

The test starts its senders with `start_sender` instead: a process forked from the test (the same code with
its own engine and keyring, without a second start of the interpreter and its imports, ~0.7 s of CPU each),
released by a barrier shared with the other senders, writing its lines to a file. The test closes its own
database connections before forking (a connection must not cross a fork, SQLite's least of all).

MODE is `claim` (`Outbox.claim_next`, the row-locking claim) or `look` (`next_to_send` then `mark_sending`,
which loses the race with InvalidTransitionError when another process claimed the entry first).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Literal, TextIO

from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.keyring_file import ProtectedFileKeyring
from kiosk.store.outbox import InvalidTransitionError, Outbox, OutboxItem

SEND_SECONDS = 0.005
BARRIER_SECONDS = 60


def main(url: str, kiosk_id: str, keyring_file: str, mode: str, go_file: str) -> int:
    def go() -> bool:
        deadline = time.monotonic() + 60
        while not Path(go_file).exists():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    return send_all(url, kiosk_id, keyring_file, mode, go, sys.stdout)


def send_all(url: str, kiosk_id: str, keyring_file: str, mode: str, go: Callable[[], bool],
             out: TextIO) -> int:
    """Wait for `go`, then send this station's due entries until none is left; 3 when `go` says False."""
    engine = db.make_engine(url)
    outbox = Outbox(db.session_factory(engine),
                    Sealer(DataKeyStore(backend=ProtectedFileKeyring(Path(keyring_file)))), kiosk_id)
    if not go():
        return 3
    try:
        while True:
            item = _claim(outbox, mode)
            if item is None:
                return 0
            if not isinstance(item, OutboxItem):
                continue  # lost a race: look again
            assert item.kiosk_id == kiosk_id, f"claimed another station's dossier {item.dossier_id}"
            outbox.load_payload(item.dossier_id)  # only this station's key opens it
            time.sleep(SEND_SECONDS)
            outbox.mark_sent(item.id, f"000.00.00.H26-241123-{item.id:04d}")
            print(item.dossier_id, kiosk_id, os.getpid(), file=out, flush=True)
    finally:
        engine.dispose()


def _claim(outbox: Outbox, mode: str) -> OutboxItem | Literal[False] | None:
    if mode == "claim":
        return outbox.claim_next()
    item = outbox.next_to_send()
    if item is None:
        return None
    try:
        outbox.mark_sending(item.id)
    except InvalidTransitionError:
        return False
    return item


def _forked(url: str, kiosk_id: str, keyring_file: str, mode: str, barrier: object, out_file: str) -> None:
    def go() -> bool:
        barrier.wait(timeout=BARRIER_SECONDS)  # type: ignore[attr-defined]
        return True

    with open(out_file, "w", encoding="utf-8") as out:
        code = send_all(url, kiosk_id, keyring_file, mode, go, out)
    sys.exit(code)


def sender_barrier(parties: int) -> object:
    """What `start_sender`'s processes wait on together before their first claim."""
    return multiprocessing.get_context("fork").Barrier(parties)


def start_sender(url: str, kiosk_id: str, keyring_file: Path, mode: str, barrier: object,
                 out_file: Path) -> BaseProcess:
    """A sender in a process of its own, forked from this one; it writes its lines to `out_file`."""
    process = multiprocessing.get_context("fork").Process(
        target=_forked, args=(url, kiosk_id, str(keyring_file), mode, barrier, str(out_file)))
    process.start()
    return process


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
