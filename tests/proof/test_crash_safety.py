"""Crash safety: processes killed with SIGKILL while writing dossiers and while sending them lose nothing
and duplicate nothing. The sandbox and the workers are real processes."""

from __future__ import annotations

import hashlib
import random
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

# Enqueues every dossier of KEYS not queued yet, in order; says "ready" first, then each key it queued.
WRITER = """
import sys
from kiosk.app import open_outbox
from kiosk.config import load_config
from tests.proof.conftest import PROCEDURE, documents, procedure_answers
outbox = open_outbox(load_config(data_dir=sys.argv[1]))
print("ready", flush=True)
applicant, answers = procedure_answers("001089012345")
for i in range(int(sys.argv[2])):
    outbox.enqueue(f"crash-test-{i:04d}", PROCEDURE, {"applicant": applicant, "answers": answers},
                   files=documents(i, int(sys.argv[3])))
    print("queued", i, flush=True)
"""


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
    kills_while_writing = 0
    for _ in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(COUNT), "60000"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env, text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        if writer.poll() is None:
            writer.send_signal(signal.SIGKILL)
            kills_while_writing += 1
        writer.wait(timeout=30)
        # Whatever the moment, each dossier is whole or absent (start-up clean-up removes half-written files).
        outbox = open_outbox(load_config(data_dir=data_dir))
        present = _check_whole_or_absent(outbox, expected)
        assert outbox.files is not None
        assert outbox.files.temp_files() == []
        if present == COUNT:
            break
    assert kills_while_writing >= 1
    writer_done = subprocess.run([sys.executable, "-c", WRITER, str(data_dir), str(COUNT), "60000"],
                                 capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert writer_done.returncode == 0, writer_done.stderr
    outbox = open_outbox(load_config(data_dir=data_dir))
    assert _check_whole_or_absent(outbox, expected) == COUNT

    # 2. Workers killed at random moments while they send, restarted until the queue is empty.
    worker_argv = [sys.executable, "-m", "kiosk", "worker", "--data-dir", str(data_dir),
                   "--portal", sandbox_process.url]
    kills_while_sending = 0
    deadline = time.monotonic() + 240
    while True:
        counts = outbox.counts()
        if counts["queued"] == counts["sending"] == 0:
            break
        assert time.monotonic() < deadline, f"queue not drained: {counts}"
        before = outbox.counts()
        worker = subprocess.Popen(worker_argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  cwd=REPO, env=env)
        # The kill comes at a random moment *after the worker has started sending* (its first state change
        # in the outbox), not after a fixed time: on a loaded machine a worker's start-up alone can take
        # seconds, and a worker killed before it sends anything proves nothing and never drains the queue.
        started = time.monotonic()
        while worker.poll() is None and outbox.counts() == before and time.monotonic() - started < 60:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.8))
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            kills_while_sending += 1
        worker.wait(timeout=30)
    assert kills_while_sending >= 2

    # 3. The portal holds each dossier exactly once, with every file intact.
    received = sandbox_process.dossiers()
    assert sorted(d["idempotency_key"] for d in received) == KEYS
    assert len({d["dossier_code"] for d in received}) == COUNT
    for dossier in received:
        assert dossier["procedure_code"] == "2.000815.000.00.00.H26"
        assert {f["sha256"] for f in dossier["files"]} == expected[dossier["idempotency_key"]]
        for file in dossier["files"]:
            body = requests.get(f"{sandbox_process.url}/sandbox/admin/files/{file['sha256']}", timeout=10)
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
