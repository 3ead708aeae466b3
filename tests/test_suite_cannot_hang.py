"""The suite cannot hang: a test stuck in a call that never returns fails, with every thread's stack, within
its timeout, instead of eating the CI's 90 minutes (it once hung 20+ minutes inside python-sane's `snap`).

Each proof runs an inner pytest in a subprocess, with this repository's own pytest configuration, on a fake
driver whose read never returns; the inner run must fail with pytest-timeout's report in bounded time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INNER_TIMEOUT_S = 1
# Interpreter start, collection (and under xdist a worker, twice) plus the inner timeout: ~10 s on an idle
# machine, 65 s seen with six other test runs on its 2 cores. The point is "bounded", not "fast".
BOUND_S = 120

INNER_TESTS = '''
import threading


class BlockingDriver:
    """A device driver whose read never returns, like a SANE backend waiting on a jammed USB transfer."""

    def snap(self) -> None:
        threading.Event().wait()


def test_a_driver_that_never_answers() -> None:
    BlockingDriver().snap()


def test_the_next_test() -> None:
    assert 1 + 1 == 2
'''


def _run_inner(tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    inner = tmp_path / "test_inner.py"
    inner.write_text(INNER_TESTS, encoding="utf-8")
    # The suite's own configuration and conftest (its xdist timeout hook), on the inner file only.
    hook = "from tests.conftest import pytest_timeout_set_timer  # noqa: F401\n"
    (tmp_path / "conftest.py").write_text(hook, encoding="utf-8")
    # Without the property-sweep plugins (hypothesis, schemathesis: ~1.5 s of imports in each of up to three
    # interpreters here), which have nothing to do with timeouts; pytest-timeout, xdist and pytest-qt stay.
    command = [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"), "--rootdir", str(tmp_path),
               "-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:hypothesispytest",
               "-o", f"timeout={INNER_TIMEOUT_S}", "-q", str(inner), *extra]
    started = time.monotonic()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=BOUND_S + 30, check=False)
    return result, time.monotonic() - started


def test_a_test_stuck_in_a_driver_fails_with_its_stack_in_bounded_time(tmp_path: Path) -> None:
    result, elapsed = _run_inner(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Timeout" in output and "Stack of MainThread" in output, output
    assert "in snap" in output and "test_a_driver_that_never_answers" in output, output  # the stuck frame
    assert elapsed < BOUND_S, f"the inner run took {elapsed:.1f} s"


def test_under_xdist_only_the_stuck_test_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    pytest.importorskip("xdist", reason="pytest-xdist is in the [dev] extra: run packaging/bootstrap.sh")
    result, elapsed = _run_inner(tmp_path, "-n", "1", "-p", "xdist")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "test_a_driver_that_never_answers" in output and "crashed" in output, output
    assert "Timeout" in output and "in snap" in output, output  # the worker's stacks reach the console
    assert "1 failed, 1 passed" in output, output  # the worker was replaced and ran the next test
    assert elapsed < BOUND_S, f"the inner run took {elapsed:.1f} s"
