"""Shared test configuration: every test runs offscreen, with its own data folder and a keyring that can
never be the developer's real one."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
# The "fail" backend makes the app use its owner-only file keyring inside each test's temporary folder.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from kiosk.ui.qt_env import prepare_environment

prepare_environment()


# ------------------------------------------------------------------------------------------------------------
# The pyramid: one level per test, from its folder (README "Tests"). `make test-fast` runs `-m unit`.

import sys  # noqa: E402 (the environment above must be set before anything imports Qt)
import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

TESTS = Path(__file__).resolve().parent
LEVELS: dict[str, str] = {
    # pure: one module, no server, no QML, no device, no subprocess
    "domain": "unit", "portal": "unit", "receipts": "unit", "staff": "unit",
    "test_config.py": "unit", "test_logs.py": "unit", "test_layering.py": "unit",
    # Qt view-models and QML screens
    "ui": "ui",
    # real counterparts together: images through the capture pipelines and SANE, PostgreSQL, the sandbox
    # over HTTP, the worker, the CLI in processes
    "capture": "e2e", "store": "e2e", "sync": "e2e", "sandbox": "e2e", "test_cli.py": "e2e",
    "test_health.py": "e2e", "fleet": "e2e", "deploy": "e2e",
    # the promises, each proved end to end
    "proof": "proof", "test_suite_cannot_hang.py": "proof",
    "fleet_browser": "proof",  # collected only by `make proof-fleet-browser` (its conftest says so)
    # `kiosk bench` commands run and print their tables
    "bench": "bench",
}
SWEEP_FILES = {"test_contract_schemathesis.py"}
# Longer than the 90 s of pyproject.toml, on purpose: these prove a promise over many real processes (SIGKILL
# mid-write, an outage that lasts, a soak) and take 10-30 s on an idle 2-core machine. A test's own
# @pytest.mark.timeout wins.
LONG_TIMEOUTS_S: dict[str, float] = {
    "tests/proof/test_crash_safety.py": 300,
    "tests/proof/test_outage.py": 300,  # waits up to 90 s itself for the flaky portal to drain the queue
    "tests/ui/test_documents.py": 240,  # scans the test feeder's 10 sheets at 200 dpi (waits up to 120 s)
    "tests/test_suite_cannot_hang.py": 300,  # inner pytest runs, bounded at 120 s each
}


# The longest tests go first (wall seconds on an idle 2-core machine, from `--durations`): `--dist load` hands
# tests out in collection order, so one of these met at the end would run alone while the other core idles
# (the crash-safety proof alone is ~30 s). Prefixes of node ids; an entry that matches nothing is a usage
# error, so the list cannot quietly go stale.
SLOW_FIRST: tuple[str, ...] = (
    "tests/proof/test_crash_safety.py",
    "tests/test_suite_cannot_hang.py",
    "tests/ui/test_journey.py::test_demo_writes_a_screenshot_per_screen",
    "tests/ui/test_documents.py",
    "tests/ui/test_access.py::test_soak_runs_journeys_and_reports_memory",
    "tests/ui/test_large_text.py::test_every_screen_at_150_percent_keeps_its_actions_on_screen",
    "tests/store/test_shared_database.py",
    "tests/ui/test_startup.py",
    "tests/proof/test_outage.py",
    "tests/capture/test_mrz_reader.py::test_glare_spots_are_read_or_refused_never_misread",
    "tests/proof/test_bad_input.py",
    "tests/ui/test_citizen_safety.py::test_paying_on_the_phone_keeps_the_session_and_the_qr_is_never_covered",
    "tests/fleet/test_reporter.py",
    "tests/bench/test_idcard_bench.py",
    "tests/ui/test_scanner_hang.py",
)


def whole_suite(config: pytest.Config) -> bool:
    """Run on the whole tree: no paths given (or only tests/ or the repository itself) and no `-m` level,
    which leaves whole folders uncollected. (Counting items stopped working when a few files grew to
    hundreds of parametrized tests.)"""
    if str(config.getoption("markexpr", "") or "").strip():
        return False
    return all(Path(arg.split("::")[0]).resolve() in (TESTS, TESTS.parent) for arg in config.args)


def slow_first(items: list[pytest.Item], *, check: bool = False) -> None:
    """Reorder `items` in place: SLOW_FIRST's tests in its order, then the rest as collected. With `check`
    (a whole-suite run), an entry that names no test is a usage error."""
    def key(item: pytest.Item) -> int:
        for index, prefix in enumerate(SLOW_FIRST):
            if item.nodeid == prefix or item.nodeid.startswith((prefix + "::", prefix + "[")):
                return index
        return len(SLOW_FIRST)

    keys = {item.nodeid: key(item) for item in items}
    if check:
        stale = [prefix for index, prefix in enumerate(SLOW_FIRST) if index not in keys.values()]
        if stale:
            raise pytest.UsageError(f"SLOW_FIRST in tests/conftest.py names no test: {stale}")
    items.sort(key=lambda item: keys[item.nodeid])


def level_of(path: Path) -> str:
    """The pyramid level of a test file, from its first part under tests/ (a new folder must be added)."""
    first = path.resolve().relative_to(TESTS).parts[0]
    try:
        return LEVELS[first]
    except KeyError:
        raise pytest.UsageError(
            f"tests/{first} has no pyramid level: add it to LEVELS in tests/conftest.py") from None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With `-m <one level>` (as `make test-fast` runs `-m unit`), folders of other levels are not even
    imported: collecting the whole tree (Qt, OpenCV, FastAPI) would cost more than the unit tests."""
    expr = str(config.getoption("markexpr", "") or "").strip()
    if expr not in set(LEVELS.values()):
        return None
    try:
        parts = collection_path.resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    level = LEVELS.get(parts[0]) if len(parts) == 1 else None
    return True if level is not None and level != expr else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow_first(items, check=whole_suite(config))
    for item in items:
        path = Path(str(item.path))
        item.add_marker(level_of(path))
        relative = path.resolve().relative_to(TESTS.parent).as_posix()
        if relative in LONG_TIMEOUTS_S and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(LONG_TIMEOUTS_S[relative]))
        function = getattr(item, "obj", None)
        # Property-based sweeps (hypothesis, schemathesis) are also `sweep`: `-m "not sweep"` skips them.
        if item.path.name in SWEEP_FILES or getattr(function, "is_hypothesis_test", False):
            item.add_marker("sweep")


# ------------------------------------------------------------------------------------------------------------
# A hung test under xdist: pytest-timeout's report goes to the worker's captured output, which dies with the
# worker. This timer writes the stacks to the worker's real stderr first (the controller shows it), then ends
# the worker as pytest-timeout would; xdist reports the test as crashed and starts a new worker.


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: object) -> bool | None:
    if not os.environ.get("PYTEST_XDIST_WORKER") or getattr(settings, "method", "") != "thread":
        return None
    timeout = float(getattr(settings, "timeout", 0) or 0)
    if timeout <= 0:
        return None

    def dump_and_exit() -> None:
        import pytest_timeout

        capture = item.config.pluginmanager.getplugin("capturemanager")
        if capture is not None:
            capture.suspend_global_capture(item)
        from _pytest._io import TerminalWriter

        writer = TerminalWriter(sys.__stderr__)
        writer.sep("+", f"Timeout ({timeout:g} s) in {item.nodeid} on {os.environ['PYTEST_XDIST_WORKER']}")
        pytest_timeout.dump_stacks(writer)
        writer.sep("+", "Timeout")
        writer.flush()
        os._exit(1)

    timer = threading.Timer(timeout, dump_and_exit)
    timer.name = f"pytest_timeout {item.nodeid}"
    timer.daemon = True

    def cancel() -> None:
        timer.cancel()
        timer.join()

    item.cancel_timeout = cancel  # type: ignore[attr-defined]  # pytest-timeout's cancel hook calls it
    timer.start()
    return True


# ------------------------------------------------------------------------------------------------------------
# Where the CPU goes: `PYTEST_CPU_LOG=file pytest …` appends one line per test (CPU seconds of this
# process and of the children it waited for, wall seconds, node id, then the start as Unix time and the
# xdist worker, for a time line of the run), setup and teardown included. Wall time alone misleads on a
# shared machine; CPU is what two cores must share.

_CPU_LOG = os.environ.get("PYTEST_CPU_LOG")

if _CPU_LOG:
    import resource
    import time

    def _cpu_now() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        cpu, wall, start = _cpu_now(), time.monotonic(), time.time()
        yield
        worker = os.environ.get("PYTEST_XDIST_WORKER", "-")
        with open(_CPU_LOG, "a", encoding="utf-8") as log:
            log.write(f"{_cpu_now() - cpu:.3f}\t{time.monotonic() - wall:.3f}\t{item.nodeid}"
                      f"\t{start:.3f}\t{worker}\n")


# ------------------------------------------------------------------------------------------------------------
# Nothing a test runs may kill the test process itself or its xdist controller: such a kill ended a worker
# without a word ("node down: Not properly terminated", twice in ~6 whole-suite runs in one session, in tests
# that kill nothing). An audit hook turns such a kill into a failure of the test that made it, with its
# stack; a SIGTERM that still arrives from elsewhere prints every thread's stack before the worker goes.

import faulthandler  # noqa: E402
import signal  # noqa: E402
import traceback  # noqa: E402

_PROTECTED = {os.getpid(), os.getppid()}


def _refuse_killing_the_runner(event: str, args: tuple[object, ...]) -> None:
    # Signal 0 only asks whether a process lives (the outbox does so for its own claims): allowed.
    if event not in ("os.kill", "os.killpg") or len(args) < 2 or args[1] == 0:
        return
    target = args[0]
    if target in _PROTECTED or target == 0 or (event == "os.killpg" and target == os.getpgrp()):
        stack = "".join(traceback.format_stack())
        raise RuntimeError(f"a test sent signal {args[1]} to the test runner ({target}):\n{stack}")


sys.addaudithook(_refuse_killing_the_runner)
faulthandler.register(signal.SIGTERM, chain=True)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """In the xdist controller: when a worker dies, say how (its exit status; a negative one is the signal
    that ended it), so that a crash without a stack still says something."""
    if error is None:
        return
    popen = getattr(getattr(getattr(node, "gateway", None), "_io", None), "popen", None)
    if popen is None:
        return
    try:
        code = popen.wait(timeout=10)
    except Exception as problem:  # a diagnosis must not break the run
        print(f"\nxdist worker: exit status unknown ({problem!r})", file=sys.stderr)
        return
    how = f" (signal {signal.Signals(-code).name})" if code < 0 else ""
    worker = getattr(getattr(node, "gateway", None), "id", "?")
    print(f"\nxdist worker {worker} ended with exit status {code}{how}", file=sys.stderr)


# Python ignores SIGPIPE, so a write to a closed socket or pipe is an error to handle. Something that sets it
# back to the default makes such a write end the whole process without a word (seen: an xdist worker ended
# by SIGPIPE in the middle of the UI tests). The test after which SIGPIPE is no longer ignored fails here.


def _sigpipe_ignored() -> bool:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("SigIgn:"):
                return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    return True  # no /proc: nothing to check


@pytest.fixture(autouse=True)
def sigpipe_stays_ignored() -> Iterator[None]:
    yield
    if not _sigpipe_ignored():
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # for the tests after this one
        raise AssertionError("SIGPIPE is no longer ignored after this test: a write to a closed connection "
                             "would now kill the test process (and a kiosk) without a word")
