"""One sending process of a station sharing the database, for tests/store/test_shared_database.py.

`python -m tests.store.station_worker URL KIOSK_ID KEYRING_FILE MODE GO_FILE`: waits until GO_FILE exists
(so every process starts claiming at the same moment), then claims this station's due entries one by one
until none is left, opens each payload with the station's own key, "sends" it (a short pause) and marks it
sent. Prints one line per dossier it sent: `<dossier id> <kiosk id> <pid>`.

MODE is `claim` (`Outbox.claim_next`, the row-locking claim) or `look` (`next_to_send` then `mark_sending`,
which loses the race with InvalidTransitionError when another process claimed the entry first).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Literal

from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.keyring_file import ProtectedFileKeyring
from kiosk.store.outbox import InvalidTransitionError, Outbox, OutboxItem

SEND_SECONDS = 0.005


def main(url: str, kiosk_id: str, keyring_file: str, mode: str, go_file: str) -> int:
    engine = db.make_engine(url)
    outbox = Outbox(db.session_factory(engine),
                    Sealer(DataKeyStore(backend=ProtectedFileKeyring(Path(keyring_file)))), kiosk_id)
    deadline = time.monotonic() + 60
    while not Path(go_file).exists():
        if time.monotonic() > deadline:
            return 3
        time.sleep(0.005)
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
            print(item.dossier_id, kiosk_id, os.getpid(), flush=True)
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


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
