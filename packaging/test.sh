#!/usr/bin/env bash
# The whole check: lint, types, layering contract, then the test suite offscreen on every core.
# `--fast`: only the pure unit tests (`-m unit`), no lint: the inner loop, seconds.
# Any failure fails the run; pytest's "no tests ran" (exit 5) is a failure too.
# Workers: PYTEST_WORKERS (default 2; 0 runs in one process, e.g. to debug).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software QT_IM_MODULE=qtvirtualkeyboard
export PYTHONDONTWRITEBYTECODE=1
V=.venv/bin

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
fi

if [ $fast -eq 0 ]; then
  step "ruff"
  $V/ruff check kiosk tests migrations || exit 1
  step "mypy"
  $V/mypy || exit 1
  step "import contracts (nothing below kiosk.ui imports Qt)"
  $V/lint-imports --no-cache || exit 1
fi

# Every test has a timeout (pyproject.toml): a hung test fails with its stacks, never the run.
# `--dist load`: tests are spread one by one. Not loadgroup/loadscope: when a hung test's worker is ended by
# its timeout, those schedulers lost the dead worker's pending tests and the run waited for ever (seen
# here); `load` hands them to the replacement worker (tests/test_suite_cannot_hang.py proves it).
workers="${PYTEST_WORKERS:-2}"
parallel=()
if [ "$workers" != "0" ]; then
  parallel=(-n "$workers" --dist load)
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
  exit 1
fi
if [ $rc -eq 5 ]; then
  echo "pytest ran no tests: failing the run" >&2
  exit 1
fi
exit $rc
