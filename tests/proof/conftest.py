"""Helpers for the outbox proofs: real processes (`kiosk sandbox`, `kiosk worker`), a data folder per test,
dossiers with attachments of a procedure the sandbox accepts."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.portal.models import Catalogue
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sandbox.samples import SAMPLE_APPLICANT, sample_answers, tiny_pdf
from kiosk.store.outbox import OutboxFile

REPO = Path(__file__).resolve().parents[2]
#: Needs one mandatory document (BCGT) and a short form.
PROCEDURE = "2.000815.000.00.00.H26"
#: Short back-offs so outages and crashes resolve in seconds, not minutes.
FAST_SYNC_ENV = {
    "KIOSK_SYNC__INTERVAL_S": "0.2",
    "KIOSK_SYNC__RETRY_FIRST_S": "0.1",
    "KIOSK_SYNC__RETRY_MAX_S": "0.5",
    "KIOSK_SYNC__LEASE_S": "30",
    # One portal call still tries three times, with short pauses between (default: 0.5 s, then 1 s).
    "KIOSK_PORTAL__RETRY_FIRST_S": "0.01",
    "KIOSK_PORTAL__RETRY_MAX_S": "0.02",
}


def kiosk_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(FAST_SYNC_ENV)
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def procedure_answers(owner: str) -> tuple[dict[str, Any], dict[str, Any]]:
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(PROCEDURE)
    assert procedure is not None
    applicant: dict[str, Any] = dict(SAMPLE_APPLICANT)
    applicant["id_number"] = owner
    return applicant, sample_answers(procedure, applicant)


def documents(index: int, size: int = 20_000) -> list[OutboxFile]:
    """Two documents of about `size` bytes, different for every dossier, the same on every call."""
    rng = random.Random(index)
    files = []
    for part in (0, 1):
        pdf = tiny_pdf(f"dossier {index} part {part}")
        padding = rng.randbytes(max(0, size - len(pdf)))
        content = pdf + b"%" + padding.hex().encode()[: max(0, size - len(pdf) - 1)]
        files.append(OutboxFile("BCGT", f"bcgt-{index}-{part}.pdf", "application/pdf", content,
                                {"document_name": "BCGT", "page_count": 1}))
    return files


# `python -m kiosk …` that the kernel ends (SIGTERM) when the test process that started it dies. A shared
# sandbox outlives its tests; without this, a worker killed mid-run (a timeout, a crash) left it running for
# good. Set inside the new interpreter (not in a preexec_fn: forking a threaded test process and calling into
# C there can deadlock); a parent already gone by then is caught by the pid check.
ENDS_WITH_PARENT = """
import ctypes, os, runpy, signal, sys
ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
if os.getppid() != int(sys.argv[1]):
    sys.exit(0)
sys.argv = ["kiosk", *sys.argv[2:]]
runpy.run_module("kiosk", run_name="__main__", alter_sys=True)
"""


class SandboxProcess:
    """`kiosk sandbox --port N --data-dir D` as a real process."""

    def __init__(self, tmp_path: Path, data_dir: Path, port: int | None = None, faults: str | None = None):
        self.tmp_path = tmp_path
        self.data_dir = data_dir
        self.port = port or free_port()
        self.faults = faults
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tmp_path / f"sandbox-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SandboxProcess:
        argv = [sys.executable, "-c", ENDS_WITH_PARENT, str(os.getpid()), "sandbox", "--port", str(self.port),
                "--data-dir", str(self.data_dir), "--log-level", "WARNING"]
        if self.faults:
            argv += ["--faults", self.faults]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=log, cwd=REPO,
                                            env=kiosk_env(self.tmp_path))
        deadline = time.monotonic() + 30
        while True:
            assert self.process.poll() is None, self.log.read_text(errors="replace")
            try:
                if requests.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("sandbox did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def dossiers(self, prefix: str = "") -> list[dict[str, Any]]:
        """The dossiers the portal holds whose idempotency key starts with `prefix` (one test's own)."""
        answer = requests.get(f"{self.url}/sandbox/admin/dossiers", timeout=10)
        answer.raise_for_status()
        result: list[dict[str, Any]] = answer.json()
        return [dossier for dossier in result if dossier["idempotency_key"].startswith(prefix)]

    def set_faults(self, **faults: float) -> dict[str, Any]:
        answer = requests.put(f"{self.url}/sandbox/admin/faults", json=faults, timeout=10)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same short pauses for the `kiosk` command run in-process (`kiosk.cli.main`)."""
    for name, value in FAST_SYNC_ENV.items():
        if name.startswith("KIOSK_PORTAL__"):
            monkeypatch.setenv(name, value)


@pytest.fixture(scope="session")
def _proofs_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    base = tmp_path_factory.mktemp("proofs-portal")
    sandbox = SandboxProcess(base, base / "portal").start()
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def sandbox_process(_proofs_sandbox: SandboxProcess) -> SandboxProcess:
    """One `kiosk sandbox` process for the proofs (of one xdist worker), not one start-up per test. Each
    test's dossiers have idempotency keys of their own (read them back with `dossiers(prefix)`); faults are
    off at the start of every test, whatever the one before left."""
    assert _proofs_sandbox.process is not None and _proofs_sandbox.process.poll() is None, "sandbox died"
    faults = _proofs_sandbox.set_faults()
    assert not any(faults[name] for name in ("latency_ms", "error_rate", "reset_rate", "garbage_rate"))
    return _proofs_sandbox


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]
