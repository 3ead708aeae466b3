"""`kiosk bench outbox`: is the kiosk ever the bottleneck between a citizen and the portal?

In one process, against the sandbox portal on loopback (in a background thread), with `count` dossiers of
two `doc_kb` KB documents each (random bytes behind a PDF header, so nothing compresses):

- **baseline**: the portal client submits prepared dossiers straight to the sandbox, no outbox: what the
  portal and the network manage on their own;
- **enqueue**: `Outbox.enqueue` (encrypt + fsync both files, one transaction with the row);
- **drain**: `OutboxWorker` sends the queue (decrypt, verify hashes, submit, record), with the time spent
  inside the portal call measured apart: "kiosk ms" is the rest, the kiosk's own cost per dossier;
- **drain + faults**: the same with `fault_rate` of the requests failing (half 500/503, a quarter dropped
  connections, a quarter garbage answers) and short back-offs.

Dossiers per second are over the whole run; per-dossier times are medians. Memory is the process's peak
resident size while the phase ran (sampled), and its growth between 10 % and 100 % of the drain: flat
means the kiosk does not hold the queue in memory. The sandbox shares the process, so its memory counts.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests

from kiosk.bench.report import format_table
from kiosk.domain.dossier import Dossier, DossierDocument
from kiosk.portal.client import PortalClient, RetryPolicy
from kiosk.portal.models import Catalogue, DossierSubmission, SubmissionResult
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sandbox.samples import SAMPLE_APPLICANT, sample_answers
from kiosk.sandbox.server import SandboxServer
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.files import EncryptedFileStore
from kiosk.store.keyring_file import ProtectedFileKeyring
from kiosk.store.models import ClientStatus, utc_now
from kiosk.store.outbox import Outbox, OutboxItem
from kiosk.sync.sender import SendPolicy, submission_of
from kiosk.sync.submit import queue_dossier
from kiosk.sync.worker import OutboxWorker, WorkerSettings

PROCEDURE = "2.000815.000.00.00.H26"
TYPE_CODE = "BCGT"


@dataclass
class PhaseResult:
    name: str
    dossiers: int
    seconds: float
    median_ms: float
    kiosk_ms: float | None = None
    peak_rss_mb: float | None = None
    rss_growth_mb: float | None = None
    attempts: int | None = None

    @property
    def per_second(self) -> float:
        return self.dossiers / self.seconds if self.seconds > 0 else 0.0


@dataclass
class BenchResult:
    count: int
    doc_kb: int
    fault_rate: float
    phases: list[PhaseResult] = field(default_factory=list)

    def phase(self, name: str) -> PhaseResult:
        return next(p for p in self.phases if p.name == name)

    def to_json_dict(self) -> dict[str, Any]:
        baseline = self.phase("baseline").per_second
        return {
            "count": self.count, "doc_kb": self.doc_kb, "fault_rate": self.fault_rate,
            "phases": [
                {**asdict(p), "per_second": round(p.per_second, 1),
                 "ratio_to_baseline": round(p.per_second / baseline, 2) if baseline else None}
                for p in self.phases
            ],
        }


class _RssSampler:
    """Peak resident memory of this process, sampled every 20 ms from /proc (Linux; None elsewhere)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    @staticmethod
    def now() -> int:
        try:
            with open("/proc/self/statm", encoding="ascii") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            return 0

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.now())

    def __enter__(self) -> _RssSampler:
        self.peak = self.now()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float | None:
        return self.peak / 2**20 if self.peak else None


class _TimedPortal:
    """The real client, with the time spent inside each submit recorded."""

    def __init__(self, client: PortalClient) -> None:
        self.client = client
        self.submit_seconds: list[float] = []

    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult:
        start = time.perf_counter()
        try:
            return self.client.submit_dossier(sub)
        finally:
            self.submit_seconds.append(time.perf_counter() - start)

    def get_dossier(self, code: str) -> Any:
        return self.client.get_dossier(code)


def _documents(index: int, doc_kb: int) -> tuple[DossierDocument, ...]:
    header = f"%PDF-1.4\n% bench dossier {index}\n".encode()
    return tuple(
        DossierDocument(TYPE_CODE, f"bench-{index}-{part}.pdf", "application/pdf",
                        header + os.urandom(doc_kb * 1024 - len(header)), {"document_name": TYPE_CODE})
        for part in (0, 1)
    )


def _dossier() -> Dossier:
    """The bench's dossier (the same typed value the kiosk submits), documents added per run."""
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(PROCEDURE)
    assert procedure is not None
    return Dossier(procedure_code=PROCEDURE, applicant=dict(SAMPLE_APPLICANT),
                   answers=sample_answers(procedure), fee_vnd=procedure.fee_vnd)


def _outbox(folder: Path, name: str) -> tuple[Outbox, Any]:
    url = f"sqlite:///{folder / f'{name}.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    sealer = Sealer(DataKeyStore(backend=ProtectedFileKeyring(folder / f"{name}-keys" / "keyring.json")))
    files = EncryptedFileStore(folder / f"{name}-files", sealer)
    return Outbox(db.session_factory(engine), sealer, "BENCH-01", files=files), engine


def _drain(
    outbox: Outbox, portal: _TimedPortal, name: str, settings: WorkerSettings, count: int
) -> PhaseResult:
    worker = OutboxWorker(outbox, portal, settings)
    per_dossier: list[float] = []
    rss_at_10: int | None = None
    sent = 0
    with _RssSampler() as rss:
        start = time.perf_counter()
        while True:
            round_start = time.perf_counter()
            summary = worker.run_once()
            if summary.sent:
                per_dossier += [(time.perf_counter() - round_start) / summary.sent] * summary.sent
            sent += summary.sent
            if rss_at_10 is None and sent >= count // 10:
                rss_at_10 = rss.now()
            if summary.remaining == 0:
                break
            if summary.outage:
                time.sleep(settings.send.retry_first.total_seconds())
        seconds = time.perf_counter() - start
        rss_end = rss.now()
    portal_total = sum(portal.submit_seconds)
    attempts = len(portal.submit_seconds)
    return PhaseResult(
        name, sent, seconds,
        median_ms=statistics.median(per_dossier) * 1000 if per_dossier else 0.0,
        kiosk_ms=max(0.0, (seconds - portal_total) / max(sent, 1)) * 1000,
        peak_rss_mb=rss.peak_mb,
        rss_growth_mb=(rss_end - rss_at_10) / 2**20 if rss_at_10 else None,
        attempts=attempts,
    )


def run_bench(
    count: int = 1000,
    *,
    doc_kb: int = 300,
    fault_rate: float = 0.2,
    progress: Callable[[str], None] | None = None,
) -> BenchResult:
    say = progress or (lambda message: None)
    result = BenchResult(count, doc_kb, fault_rate)
    template = _dossier()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-outbox-") as scratch:
        folder = Path(scratch)
        with SandboxServer(folder / "portal") as sandbox:
            client = PortalClient(sandbox.base_url, timeout=30, retry=RetryPolicy.no_retry())
            try:
                # Baseline: the portal alone, dossiers prepared in memory beforehand.
                n_base = max(5, count // 10)
                say(f"baseline: submitting {n_base} dossiers straight to the sandbox")
                times = []
                with _RssSampler() as rss:
                    start = time.perf_counter()
                    for i in range(n_base):
                        docs = _documents(-1 - i, doc_kb)
                        now = utc_now()
                        item = OutboxItem(0, "", f"bench-base-{i:06d}", PROCEDURE, "BENCH-01", None,
                                          ClientStatus.QUEUED, None, None, 0, None, now, now, now, None)
                        t0 = time.perf_counter()
                        client.submit_dossier(submission_of(item, replace(template, documents=docs)))
                        times.append(time.perf_counter() - t0)
                    seconds = time.perf_counter() - start
                result.phases.append(PhaseResult("baseline", n_base, seconds, statistics.median(times) * 1000,
                                                 peak_rss_mb=rss.peak_mb))

                for name, rate in (("", 0.0), (" + faults", fault_rate)):
                    outbox, engine = _outbox(folder, f"kiosk{len(result.phases)}")
                    try:
                        say(f"enqueue{name}: {count} dossiers of 2 × {doc_kb} KB")
                        times = []
                        with _RssSampler() as rss:
                            start = time.perf_counter()
                            for i in range(count):
                                t0 = time.perf_counter()
                                queue_dossier(outbox, replace(template, documents=_documents(i, doc_kb)),
                                              f"bench{len(result.phases)}-{i:06d}")
                                times.append(time.perf_counter() - t0)
                            seconds = time.perf_counter() - start
                        if not name:
                            result.phases.append(PhaseResult("enqueue", count, seconds,
                                                             statistics.median(times) * 1000,
                                                             kiosk_ms=statistics.median(times) * 1000,
                                                             peak_rss_mb=rss.peak_mb))
                        requests.put(f"{sandbox.base_url}/sandbox/admin/faults", timeout=10, json={
                            "error_rate": rate / 2, "reset_rate": rate / 4, "garbage_rate": rate / 4,
                        }).raise_for_status()
                        say(f"drain{name}")
                        settings = WorkerSettings(
                            interval=0.05, batch=count,
                            send=SendPolicy(retry_first=timedelta(milliseconds=20),
                                            retry_max=timedelta(milliseconds=200), jitter=0.5),
                        )
                        result.phases.append(_drain(outbox, _TimedPortal(client), f"drain{name}", settings,
                                                    count))
                    finally:
                        engine.dispose()
                requests.put(f"{sandbox.base_url}/sandbox/admin/faults", json={}, timeout=10)
            finally:
                client.close()
    return result


def format_result(result: BenchResult) -> str:
    baseline = result.phase("baseline").per_second
    rows: list[list[str | int | float | None]] = []
    for p in result.phases:
        rows.append([
            p.name, p.dossiers, round(p.per_second, 1), round(p.median_ms, 1),
            None if p.kiosk_ms is None else round(p.kiosk_ms, 1),
            None if p.peak_rss_mb is None else round(p.peak_rss_mb),
            None if p.rss_growth_mb is None else round(p.rss_growth_mb, 1),
            p.attempts, f"{p.per_second / baseline:.2f}×" if baseline else None,
        ])
    table = format_table(
        ["phase", "dossiers", "dossiers/s", "median ms", "kiosk ms", "peak RSS MB", "RSS +10→100% MB",
         "attempts", "vs baseline"],
        rows,
    )
    head = (f"kiosk bench outbox: {result.count} dossiers × 2 documents of {result.doc_kb} KB, "
            f"faults run at {result.fault_rate:.0%} of requests (sandbox on loopback, same process)")
    return f"{head}\n\n{table}"


def print_result(result: BenchResult, *, as_json: bool = False, file: Any = None) -> None:
    out = file or sys.stdout
    if as_json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False), file=out)
    else:
        print(format_result(result), file=out)


__all__ = ["BenchResult", "PhaseResult", "format_result", "print_result", "run_bench"]
