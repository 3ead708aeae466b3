"""Prometheus metrics of the fleet (standard text exposition format, via prometheus_client).

Counters for what this service process ingested; gauges read from the database at scrape time (kiosks by
state, per-kiosk seconds since last seen and oldest queued dossier, open staff calls), so every replica
of the service reports the same fleet state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class FleetMetrics:
    def __init__(self, snapshot: Callable[[], dict[str, Any]]) -> None:
        self.registry = CollectorRegistry()
        self.events = Counter(
            "fleet_events_ingested", "Fleet events stored (new), by type", ["type"], registry=self.registry
        )
        self.duplicates = Counter(
            "fleet_events_duplicate", "Fleet events received again and ignored", registry=self.registry
        )
        self.rejected = Counter(
            "fleet_events_rejected", "Fleet events refused by the schema", registry=self.registry
        )
        self.batch_seconds = Histogram(
            "fleet_ingest_batch_seconds", "Time to store one batch", registry=self.registry
        )
        self.registry.register(_StateCollector(snapshot))


class _StateCollector(Collector):
    def __init__(self, snapshot: Callable[[], dict[str, Any]]) -> None:
        self._snapshot = snapshot

    def collect(self) -> Iterator[GaugeMetricFamily]:
        snap = self._snapshot()
        states = GaugeMetricFamily("fleet_kiosks", "Kiosks by state", labels=["state"])
        for level, count in snap["counts"].items():
            states.add_metric([level], count)
        yield states
        calls = GaugeMetricFamily("fleet_staff_calls_open", "Staff calls not yet acknowledged")
        calls.add_metric([], len(snap["calls"]))
        yield calls
        queue = GaugeMetricFamily(
            "fleet_kiosk_queue_oldest_seconds", "Age of the oldest queued dossier", labels=["kiosk"]
        )
        queued = GaugeMetricFamily("fleet_kiosk_queued", "Dossiers queued on the kiosk", labels=["kiosk"])
        up = GaugeMetricFamily("fleet_kiosk_up", "1 green, 0.5 amber, 0 red", labels=["kiosk"])
        for kiosk in snap["kiosks"]:
            queue.add_metric([kiosk["id"]], kiosk["oldest_age_s"])
            queued.add_metric([kiosk["id"]], kiosk["queued"])
            up.add_metric([kiosk["id"]], {"green": 1.0, "amber": 0.5}.get(kiosk["level"], 0.0))
        yield queue
        yield queued
        yield up
