"""Crash safety: processes killed with SIGKILL while writing dossiers and while sending them lose nothing
and duplicate nothing. The sandbox, the writers and the workers are real processes; the writers and workers
are forked from one warmed-up parent (tests/proof/warm_parent.py), so each costs a fork, not an interpreter
start-up."""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from kiosk.app import open_outbox
from kiosk.config import load_config
from kiosk.store.models import ClientStatus
from kiosk.store.outbox import Outbox
from tests.proof.conftest import REPO, SandboxProcess, documents, kiosk_env

COUNT = 50
KEYS = [f"crash-test-{i:04d}" for i in range(COUNT)]


class WarmParent:
    """`python -m tests.proof.warm_parent`: forks the writers and workers (real processes) this proof
    kills, without an interpreter start-up for each. Every read of its answers is bounded."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        with log.open("ab") as stderr:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.proof.warm_parent"],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                            cwd=REPO, env=env)
        self.log = log
        self._pending = b""
        self._children: set[int] = set()

    def _send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def read_line(self, timeout: float = 60) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, left))
            chunk = os.read(self.process.stdout.fileno(), 4096) if ready else b""
            assert chunk, f"no answer from the warm parent: {self.log.read_text(errors='replace')[-3000:]}"
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode()

    def fork(self, *command: str | Path) -> int:
        """Starts `write ...` or `work ...`; returns the child's pid."""
        self._send(" ".join(str(part) for part in command))
        word, pid = self.read_line().split()
        assert word == "started"
        self._children.add(int(pid))
        return int(pid)

    def alive(self, pid: int) -> bool:
        """Running (not yet exited: an exited child stays a zombie until `wait`)."""
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"

    def wait(self, pid: int) -> int:
        """Reaps the child; its lines not read yet are skipped (they all come before the parent's)."""
        self._send(f"wait {pid}")
        while not (line := self.read_line()).startswith("exit "):
            pass
        code = line.split()[1]
        self._children.discard(pid)
        return int(code)

    def close(self) -> None:
        for pid in list(self._children):
            os.kill(pid, signal.SIGKILL)
            self.wait(pid)
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


def _check_whole_or_absent(outbox: Outbox, expected: dict[str, set[str]]) -> int:
    """Every dossier present opens completely, with exactly its files; returns how many are present."""
    present = 0
    for item in outbox.entries(limit=1000):
        payload = outbox.load_payload(item.dossier_id)
        assert payload["applicant"]["id_number"] == "001089012345"
        files = outbox.load_files(item.dossier_id)
        assert {f.sha256 for f in files} == expected[item.idempotency_key]
        present += 1
    return present


def test_sigkill_while_writing_and_while_sending_loses_and_duplicates_nothing(
    tmp_path: Path, sandbox_process: SandboxProcess
) -> None:
    rng = random.Random(6)
    data_dir = tmp_path / "kiosk"
    env = kiosk_env(tmp_path)
    expected = {key: {f.sha256 for f in documents(i, 60_000)} for i, key in enumerate(KEYS)}

    # 1. Writers killed at random moments while they queue dossiers with 2 × 60 KB attachments.
    parent = WarmParent(env, tmp_path / "warm-parent.log")
    try:
        kills_while_writing = 0
        present = 0
        for _ in range(12):
            writer = parent.fork("write", data_dir, COUNT, 60000)
            assert parent.read_line() == "ready"
            # The kill comes a random moment into a dossier the writer has not finished: after 0-2 new
            # dossiers are queued (the first `present` are there already: they are skipped at once), then
            # 0-20 ms into the next one (one takes ~10 ms on an idle machine). A fixed delay instead would
            # often land after the last dossier, since a forked writer needs no start-up.
            last = present + rng.randrange(3) - 1
            while last >= present and (line := parent.read_line()) != f"queued {last}":
                assert line.startswith("queued "), line
            time.sleep(rng.uniform(0.0, 0.02))
            if parent.alive(writer):
                os.kill(writer, signal.SIGKILL)
                kills_while_writing += 1
            parent.wait(writer)
            # Whatever the moment, each dossier is whole or absent (start-up clean-up removes half-written
            # files).
            outbox = open_outbox(load_config(data_dir=data_dir))
            present = _check_whole_or_absent(outbox, expected)
            assert outbox.files is not None
            assert outbox.files.temp_files() == []
            if present == COUNT:
                break
        assert kills_while_writing >= 1
        writer = parent.fork("write", data_dir, COUNT, 60000)
        assert parent.read_line() == "ready"
        assert parent.wait(writer) == 0, parent.log.read_text(errors="replace")[-3000:]
        outbox = open_outbox(load_config(data_dir=data_dir))
        assert _check_whole_or_absent(outbox, expected) == COUNT

        # 2. Workers killed at random moments while they send, restarted until the queue is empty.
        kills_while_sending = 0
        deadline = time.monotonic() + 240
        while True:
            counts = outbox.counts()
            if counts["queued"] == counts["sending"] == 0:
                break
            assert time.monotonic() < deadline, f"queue not drained: {counts}"
            before = outbox.counts()
            worker = parent.fork("work", data_dir, sandbox_process.url)
            # The kill comes at a random moment *after the worker has started sending* (its first state
            # change in the outbox), not after a fixed time: on a loaded machine a worker's start-up alone
            # can take seconds, and a worker killed before it sends anything proves nothing and never drains
            # the queue.
            started = time.monotonic()
            while parent.alive(worker) and outbox.counts() == before and time.monotonic() - started < 60:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.8))
            if parent.alive(worker):
                os.kill(worker, signal.SIGKILL)
                kills_while_sending += 1
            parent.wait(worker)
        assert kills_while_sending >= 2
    finally:
        parent.close()

    # 3. The portal holds each dossier exactly once, with every file intact.
    received = sandbox_process.dossiers("crash-test-")
    assert sorted(d["idempotency_key"] for d in received) == KEYS
    assert len({d["dossier_code"] for d in received}) == COUNT
    with requests.Session() as portal_files:  # one connection for the hundred downloads
        for dossier in received:
            assert dossier["procedure_code"] == "2.000815.000.00.00.H26"
            assert {f["sha256"] for f in dossier["files"]} == expected[dossier["idempotency_key"]]
            for file in dossier["files"]:
                body = portal_files.get(f"{sandbox_process.url}/sandbox/admin/files/{file['sha256']}",
                                        timeout=10)
                assert hashlib.sha256(body.content).hexdigest() == file["sha256"]
                assert len(body.content) == file["size"]

    # 4. The kiosk knows every dossier as delivered, with the portal's code, and keeps no orphan files.
    counts = outbox.counts()
    assert counts[ClientStatus.SENT.value] + counts[ClientStatus.DUPLICATE.value] == COUNT
    assert counts[ClientStatus.FAILED.value] == 0
    codes = {d["idempotency_key"]: d["dossier_code"] for d in received}
    for item in outbox.entries(limit=1000):
        assert item.dossier_code == codes[item.idempotency_key]
    assert outbox.files is not None
    referenced = set().union(*expected.values())
    assert set(outbox.files.stored()) == referenced
    assert outbox.files.temp_files() == []
