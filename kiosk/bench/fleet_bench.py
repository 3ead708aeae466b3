"""`kiosk bench fleet`: N kiosks × D days of events against the real fleet service on loopback.

The service runs as `kiosk fleet serve` in its own process (one uvicorn worker, as deployed) on a durable
PostgreSQL (a throwaway cluster started here, fsync on, unless --database names one). Sender threads play
the kiosks: each kiosk enrols, then posts its days of events in batches of 500, as a kiosk's reporter does
after a night offline. Then the dashboard (500 kiosks) and the quarterly report are timed, median of
several runs, and the database size read. Bounded: sending stops at --max-seconds, every request has a
timeout, the service and the cluster are stopped on the way out.

Per kiosk and day (rounded, seeded): 12 heartbeats, 2 device-health, 6 queue snapshots, 12 dossiers (85 %
online, 15 % queued then sent; 25 % results by post, 6 % received by post, 40 % paid online) with their
lifecycle events, 4 survey answers, a staff call every few days — about 45 events.
"""

from __future__ import annotations

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import create_engine, text

ADMIN = "bench-admin-" + uuid.uuid4().hex
START = datetime(2026, 10, 1, 0, 0, tzinfo=UTC)
BATCH = 500
PROCEDURES = [f"1.00{n:04d}.000.00.00.H48" for n in range(1, 41)]
UNITS = [f"H48.{n:02d}" for n in range(1, 13)]
GOALS = {"ingest_events_per_s": 2000.0, "quarter_report_s": 5.0, "dashboard_s": 1.0}


@dataclass
class FleetBenchResult:
    kiosks: int
    days: int
    events_planned: int
    events_sent: int = 0  # new events the service stored (its own count)
    duplicates: int = 0
    send_seconds: float = 0.0
    stopped_early: bool = False
    ingest_events_per_s: float = 0.0
    dashboard_s: float = 0.0
    dashboard_json_s: float = 0.0
    quarter_report_s: float = 0.0
    quarter_report_by_procedure_s: float = 0.0
    quarter_report_pdf_s: float = 0.0
    database_bytes: int = 0
    fleet_event_rows: int = 0
    database: str = ""
    notes: list[str] = field(default_factory=list)


def _kiosk_days(index: int, days: int) -> Iterator[list[dict[str, Any]]]:
    """One kiosk's events, a day at a time (deterministic per kiosk)."""
    rng = random.Random(index)
    for day in range(days):
        base = START + timedelta(days=day)
        out: list[dict[str, Any]] = []

        def add(type_: str, at: datetime, data: dict[str, Any], out: list[dict[str, Any]] = out) -> None:
            out.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "type": type_,
                    "at": at.isoformat(),
                    "data": data,
                }
            )

        for hour in range(0, 24, 2):
            add("heartbeat", base + timedelta(hours=hour), {"uptime_s": hour * 3600})
        for hour in (7, 15):
            failing = rng.random() < 0.02
            add(
                "device_health",
                base + timedelta(hours=hour),
                {"printer": "error" if failing else "ok", "scanner": "ok", "camera": "ok", "portal": "ok"},
            )
        for hour in range(0, 24, 4):
            add("queue", base + timedelta(hours=hour), {"queued": rng.randint(0, 2), "oldest_age_s": 60})
        if day == 0:
            add("version", base, {"version": "0.1.0"})
        for _ in range(12):
            at = base + timedelta(minutes=rng.randint(60, 600))
            ref = uuid.UUID(int=rng.getrandbits(128)).hex
            procedure, unit = rng.choice(PROCEDURES), rng.choice(UNITS)
            common = {"dossier_ref": ref, "procedure": procedure, "unit": unit}
            if rng.random() < 0.15:
                add("dossier", at, {"stage": "queued", **common})
                add("dossier", at + timedelta(hours=2), {"stage": "sent", **common})
            else:
                add("dossier", at, {"stage": "submitted_online", **common})
            if rng.random() < 0.06:
                add("dossier", at, {"stage": "received_by_post", **common})
            if rng.random() < 0.25:
                add("dossier", at, {"stage": "delivery_chosen", "delivery": "post", **common})
                add("dossier", at + timedelta(days=5), {"stage": "returned_by_post", **common})
            if rng.random() < 0.4:
                add(
                    "dossier",
                    at,
                    {"stage": "paid", "fee_vnd": rng.choice((20_000, 50_000, 100_000)), **common},
                )
        for _ in range(4):
            add(
                "feedback",
                base + timedelta(hours=rng.randint(8, 17)),
                {
                    "procedure": rng.choice(PROCEDURES),
                    "unit": rng.choice(UNITS),
                    "scores": {
                        c: rng.randint(2, 5) for c in ("access", "procedure", "staff", "result", "time")
                    },
                },
            )
        if rng.random() < 0.3:
            add(
                "staff_call",
                base + timedelta(hours=10),
                {"call_id": uuid.UUID(int=rng.getrandbits(128)).hex, "action": "call"},
            )
        yield out


def _events_estimate(kiosks: int, days: int) -> int:
    """About how many events the run will send (from the first few kiosks' exact counts)."""
    sample = min(kiosks, 5)
    return round(sum(len(d) for k in range(sample) for d in _kiosk_days(k, days)) / sample * kiosks)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_service(url: str, port: int, data_dir: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["FLEET_ADMIN_TOKEN"] = ADMIN
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "fleet",
            "serve",
            "--database",
            url,
            "--port",
            str(port),
            "--data-dir",
            data_dir,
            "--silent-minutes",
            "100000000",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stderr.read()[-2000:].decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"the fleet service exited: {output}")
        try:
            if requests.get(f"{base}/healthz", timeout=2).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError("the fleet service did not start in time")


def _median_seconds(call: Callable[[], requests.Response], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        response.raise_for_status()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_bench(
    *,
    kiosks: int = 500,
    days: int = 30,
    database: str | None = None,
    max_seconds: float = 900.0,
    senders: int = 4,
    progress: Callable[[str], None] = lambda _: None,
) -> FleetBenchResult:
    import tempfile

    from kiosk.fleet.pgcluster import TemporaryCluster

    result = FleetBenchResult(kiosks, days, _events_estimate(kiosks, days))
    with ExitStack() as stack:
        scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-bench-fleet-"))
        if database is None:
            progress("starting a throwaway PostgreSQL cluster (fsync on)")
            database = stack.enter_context(TemporaryCluster())
        result.database = "throwaway PostgreSQL" if "kiosk-fleet-pg-" in database else "given URL"
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        process = _start_service(database, port, scratch)

        def stop_service() -> None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

        stack.callback(stop_service)
        _wait_ready(base, process)
        admin = requests.Session()
        admin.headers["Authorization"] = f"Bearer {ADMIN}"
        progress(f"enrolling {kiosks} kiosks")
        tokens = []
        for index in range(kiosks):
            response = admin.post(
                f"{base}/api/v1/enrol",
                timeout=30,
                json={
                    "kiosk_id": f"kiosk-{index:05d}",
                    "name": f"Kiosk {index}",
                    "commune": f"xa-{index % 120:03d}",
                    "group": f"g{index % 10}",
                },
            )
            response.raise_for_status()
            tokens.append(response.json()["token"])

        progress(
            f"sending {result.events_planned:,} events ({kiosks} kiosks × {days} days), "
            f"{senders} connections, at most {max_seconds:.0f} s"
        )
        deadline = time.monotonic() + max_seconds
        lock = threading.Lock()
        next_kiosk = iter(range(kiosks))
        failures: list[str] = []
        done: list[int] = []

        def sender() -> None:
            session = requests.Session()
            while time.monotonic() < deadline and not failures:
                with lock:
                    index = next(next_kiosk, None)
                if index is None:
                    return
                session.headers["Authorization"] = f"Bearer {tokens[index]}"
                pending: list[dict[str, Any]] = []
                for day in _kiosk_days(index, days):
                    pending.extend(day)
                    while len(pending) >= BATCH:
                        if not _post(session, base, pending[:BATCH]):
                            return
                        pending = pending[BATCH:]
                    if time.monotonic() >= deadline:
                        return
                if pending and not _post(session, base, pending):
                    return
                with lock:
                    done.append(index)

        def _post(session: requests.Session, base_url: str, batch: list[dict[str, Any]]) -> bool:
            try:
                response = session.post(
                    f"{base_url}/api/v1/events",
                    data=json.dumps({"events": batch}),
                    headers={"content-type": "application/json"},
                    timeout=60,
                )
                response.raise_for_status()
            except requests.RequestException as error:
                failures.append(str(error)[:200])
                return False
            answer = response.json()
            with lock:
                result.events_sent += int(answer["accepted"])
                result.duplicates += int(answer["duplicates"])
            return True

        def reporter() -> None:
            while any(t.is_alive() for t in threads):
                time.sleep(10)
                with lock:
                    sent = result.events_sent
                progress(f"{sent:,} events stored, {sent / max(1e-9, time.perf_counter() - started):,.0f}/s")

        threads = [
            threading.Thread(target=sender, name=f"bench-kiosk-{n}", daemon=True) for n in range(senders)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        watcher = threading.Thread(target=reporter, daemon=True)
        watcher.start()
        for thread in threads:
            thread.join(timeout=max_seconds + 120)
        result.send_seconds = time.perf_counter() - started
        result.stopped_early = len(done) < kiosks
        if failures:
            result.notes.append(f"send failures: {failures[0]}")
        result.ingest_events_per_s = result.events_sent / result.send_seconds if result.send_seconds else 0.0

        progress("timing the dashboard and the quarterly report")
        result.dashboard_s = _median_seconds(lambda: admin.get(f"{base}/", timeout=30), 7)
        result.dashboard_json_s = _median_seconds(
            lambda: admin.get(f"{base}/api/v1/dashboard", timeout=30), 7
        )
        quarter = "2026-Q4"

        def report(by: str, fmt: str = "json") -> requests.Response:
            return admin.get(
                f"{base}/api/v1/reports", params={"period": quarter, "by": by, "format": fmt}, timeout=120
            )

        result.quarter_report_s = _median_seconds(lambda: report("kiosk"), 3)
        result.quarter_report_by_procedure_s = _median_seconds(lambda: report("procedure"), 3)
        result.quarter_report_pdf_s = _median_seconds(lambda: report("commune", "pdf"), 3)
        engine = create_engine(database)
        try:
            with engine.connect() as connection:
                result.database_bytes = int(
                    connection.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0
                )
                result.fleet_event_rows = int(
                    connection.execute(text("SELECT count(*) FROM fleet_event")).scalar() or 0
                )
        finally:
            engine.dispose()
    return result


def print_result(result: FleetBenchResult, *, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps({**asdict(result), "goals": GOALS}))
        return
    mb = result.database_bytes / 1024**2

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    rows = [
        ("kiosks × days", f"{result.kiosks} × {result.days}", ""),
        (
            "events (≈ planned) / stored",
            f"≈{result.events_planned:,} / {result.events_sent:,}"
            + (" (stopped at --max-seconds)" if result.stopped_early else ""),
            "",
        ),
        (
            "ingest, events/s",
            f"{result.ingest_events_per_s:,.0f}",
            f"≥ {GOALS['ingest_events_per_s']:,.0f} {verdict(result.ingest_events_per_s >= 2000)}",
        ),
        (
            "dashboard page (median)",
            f"{result.dashboard_s * 1000:,.0f} ms",
            f"≤ 1 s {verdict(result.dashboard_s <= 1.0)}",
        ),
        ("dashboard JSON (median)", f"{result.dashboard_json_s * 1000:,.0f} ms", ""),
        (
            "quarter report by kiosk (median)",
            f"{result.quarter_report_s * 1000:,.0f} ms",
            f"≤ 5 s {verdict(result.quarter_report_s <= 5.0)}",
        ),
        ("quarter report by procedure", f"{result.quarter_report_by_procedure_s * 1000:,.0f} ms", ""),
        ("quarter report by commune, PDF", f"{result.quarter_report_pdf_s * 1000:,.0f} ms", ""),
        (
            "database size",
            f"{mb:,.1f} MB ({result.fleet_event_rows:,} event rows, "
            f"{result.database_bytes / max(1, result.fleet_event_rows):,.0f} B/event)",
            "",
        ),
        ("database", result.database, ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':<44} goal")
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:<44} {goal}")
    for note in result.notes:
        print(f"note: {note}")
