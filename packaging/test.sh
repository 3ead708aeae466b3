#!/usr/bin/env bash
# The whole check: lint, types, layering contract and the test suite offscreen on every core.
# `--fast`: only the pure unit tests (`-m unit`), no lint: the inner loop, seconds.
# Any failure fails the run; pytest's "no tests ran" (exit 5) is a failure too.
# Workers: PYTEST_WORKERS (default 2, 0 with --fast; 0 runs in one process, e.g. to debug).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software QT_IM_MODULE=qtvirtualkeyboard
# Bytecode caches on, whatever the calling environment says (this machine's sets PYTHONDONTWRITEBYTECODE):
# without them every test process (the workers, and the CLI, worker and sandbox processes the tests start)
# compiled the kiosk's sources and re-ran pytest's assertion rewriting from scratch: collecting the unit
# level took 7 s instead of 3.6 s. __pycache__ is git-ignored and MANIFEST.in keeps it out of packages.
unset PYTHONDONTWRITEBYTECODE
V=.venv/bin

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
fi

# ruff first (a second or two: a typo fails at once). mypy and the import contracts then run beside pytest
# at the lowest priority (nice 19): they take the CPU the tests leave while they wait (servers, processes,
# Qt timers: ~a quarter of the run), not the CPU the two workers need to start (on a fresh clone both
# compile and collect the suite while mypy, with no .mypy_cache yet, needs ~20 s of CPU). Their output is
# printed after pytest's, and either failing fails the run.
lint_dir=""
if [ $fast -eq 0 ]; then
  step "ruff"
  $V/ruff check kiosk tests migrations || exit 1
  lint_dir="$(mktemp -d)"
  bound=(timeout --signal=TERM --kill-after=10 "${LINT_DEADLINE_S:-900}")
  ( nice -n 19 "${bound[@]}" $V/mypy >"$lint_dir/mypy.out" 2>&1; echo $? >"$lint_dir/mypy.rc" ) &
  lint_pids=("$!")
  ( nice -n 19 "${bound[@]}" $V/lint-imports --no-cache >"$lint_dir/contracts.out" 2>&1
    echo $? >"$lint_dir/contracts.rc" ) &
  lint_pids+=("$!")
  # Interrupted (Ctrl-C, the deadline): stop them too, and leave no temporary folder behind.
  trap 'kill "${lint_pids[@]}" 2>/dev/null; rm -rf "$lint_dir"' EXIT
  step "mypy and the import contracts: running beside pytest, reported after it"
fi

# Every test has a timeout (pyproject.toml): a hung test fails with its stacks, never the run.
# `--dist load`: tests are spread one by one. Not loadgroup/loadscope: when a hung test's worker is ended by
# its timeout, those schedulers lost the dead worker's pending tests and the run waited for ever (seen
# here); `load` hands them to the replacement worker (tests/test_suite_cannot_hang.py proves it).
# `--maxschedchunk 1`: a worker is handed one test at a time as it finishes one (xdist's default hands each
# worker a quarter of the suite up front), so the longest tests, which tests/conftest.py puts first
# (SLOW_FIRST), spread over both workers and none is left running alone at the end.
# The unit level defaults to one process: its 740 tests take ~17 s of CPU, and two workers would each pay
# the ~4 s start-up (imports, collection) and finish later, not sooner.
if [ $fast -eq 1 ]; then workers="${PYTEST_WORKERS:-0}"; else workers="${PYTEST_WORKERS:-2}"; fi
parallel=()
if [ "$workers" != "0" ]; then
  parallel=(-n "$workers" --dist load --maxschedchunk 1)
fi
# And a bound on the whole run, whatever happens inside pytest or its plugins (CI stops at 90 minutes).
deadline=(timeout --signal=TERM --kill-after=60 "${PYTEST_DEADLINE_S:-2700}")
if [ $fast -eq 1 ]; then
  step "pytest: unit tests"
  "${deadline[@]}" $V/python -m pytest -m unit "${parallel[@]}" -q "$@"
else
  step "pytest"
  "${deadline[@]}" $V/python -m pytest "${parallel[@]}" --durations=15 "$@"
fi
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  echo "pytest did not finish within ${PYTEST_DEADLINE_S:-2700} s: failing the run" >&2
  rc=1
fi
if [ $rc -eq 5 ]; then
  echo "pytest ran no tests: failing the run" >&2
  rc=1
fi
if [ -n "$lint_dir" ]; then
  wait "${lint_pids[@]}"  # each bounded by LINT_DEADLINE_S
  for check in mypy contracts; do
    if [ "$check" = mypy ]; then step "mypy"; else step "import contracts (nothing below kiosk.ui imports Qt)"; fi
    cat "$lint_dir/$check.out"
    if [ "$(cat "$lint_dir/$check.rc" 2>/dev/null || echo 1)" != "0" ]; then
      echo "$check failed: failing the run" >&2
      rc=1
    fi
  done
fi
exit $rc
