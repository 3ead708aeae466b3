"""Soak test (`kiosk bench soak`): many citizen journeys in one process, watching the memory.

A kiosk runs for weeks without a restart; a leak of a few hundred kilobytes per citizen (a QML screen not
freed, a camera frame kept, a model row never dropped) fills the machine in days. The soak runs N
attract → … → receipt → attract journeys against the sandbox in one process and samples the resident set
size after each: after a warm-up (caches, fonts, the QML type cache and the first screens are loaded by
then) and at the end. Goal: less than 10 % growth from warm-up to end.

This module holds the measuring and the report; the Qt driver that walks the screens is
`kiosk.bench.soak_window` (this module does not import Qt, so its report is testable without a window).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from kiosk.bench.report import format_table

DEFAULT_JOURNEYS = 200
GOAL_GROWTH = 0.10


def rss_bytes() -> int:
    """This process's resident set size now (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not Linux
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class SoakSample:
    journey: int  # journeys completed when sampled
    seconds: float
    rss: int


@dataclass
class SoakResult:
    journeys: int
    warmup: int
    samples: list[SoakSample] = field(default_factory=list)
    failures: int = 0

    @property
    def rss_warm(self) -> int | None:
        return next((s.rss for s in self.samples if s.journey >= self.warmup), None)

    @property
    def rss_end(self) -> int | None:
        return self.samples[-1].rss if self.samples else None

    @property
    def growth(self) -> float | None:
        warm, end = self.rss_warm, self.rss_end
        return (end - warm) / warm if warm and end is not None else None

    @property
    def seconds(self) -> float:
        return self.samples[-1].seconds if self.samples else 0.0

    @property
    def ok(self) -> bool:
        return self.failures == 0 and self.growth is not None and self.growth < GOAL_GROWTH

    def to_json_dict(self) -> dict[str, object]:
        return {
            "journeys": self.journeys, "warmup": self.warmup, "failures": self.failures,
            "seconds": round(self.seconds, 1),
            "rss_warm_mb": _mb(self.rss_warm), "rss_end_mb": _mb(self.rss_end),
            "growth": None if self.growth is None else round(self.growth, 4), "goal_growth": GOAL_GROWTH,
            "samples": [{"journey": s.journey, "seconds": round(s.seconds, 1), "rss_mb": _mb(s.rss)}
                        for s in self.samples],
        }


def _mb(value: int | None) -> float | None:
    return None if value is None else round(value / 2**20, 1)


def default_warmup(journeys: int) -> int:
    """A tenth of the run, at least 1 and at most 20 journeys."""
    return max(1, min(20, journeys // 10))


def run_soak(journey: Callable[[int], None], journeys: int, *, warmup: int | None = None,
             samples: int = 10, progress: Callable[[SoakSample], None] | None = None) -> SoakResult:
    """Call `journey(i)` for i in 0..journeys-1, sampling RSS (after a full GC) at the warm-up mark, about
    `samples` times along the way and at the end. A journey that raises ends the run (counted)."""
    warm = default_warmup(journeys) if warmup is None else min(warmup, journeys)
    result = SoakResult(journeys, warm)
    every = max(1, journeys // max(1, samples))
    start = time.monotonic()

    def sample(done: int) -> None:
        gc.collect()
        point = SoakSample(done, time.monotonic() - start, rss_bytes())
        result.samples.append(point)
        if progress is not None:
            progress(point)

    sample(0)
    for i in range(journeys):
        try:
            journey(i)
        except Exception:
            result.failures += 1
            result.journeys = i
            sample(i)
            raise
        done = i + 1
        if done in (warm, journeys) or done % every == 0:
            sample(done)
    return result


def format_soak(result: SoakResult) -> str:
    warm = result.rss_warm
    rows: list[list[str | int | float | None] | None] = []
    for s in result.samples:
        growth = None if warm is None or s.journey < result.warmup else f"{100 * (s.rss - warm) / warm:+.1f}%"
        mark = "warm-up" if s.journey == result.warmup else ("end" if s is result.samples[-1] else "")
        rows.append([s.journey, s.seconds, round(s.rss / 2**20, 1), growth, mark])
    table = format_table(["journeys", "s", "RSS MB", "vs warm-up", ""], rows)
    per = result.seconds / result.journeys if result.journeys else 0.0
    verdict = "—" if result.growth is None else (
        f"{100 * result.growth:+.1f}% ({'within' if result.growth < GOAL_GROWTH else 'OVER'} the "
        f"{100 * GOAL_GROWTH:.0f}% goal)")
    return (f"{table}\n\n{result.journeys} journeys in {result.seconds:.0f} s ({per:.2f} s each), "
            f"{result.failures} failed; RSS {_mb(warm)} MB after {result.warmup} warm-up "
            f"→ {_mb(result.rss_end)} MB at the end: {verdict}")


def print_soak(result: SoakResult, file: TextIO | None = None) -> None:
    print(format_soak(result), file=file or sys.stdout)
