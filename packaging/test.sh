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
# loadgroup: tests are spread one by one, except those a test marks `xdist_group` to keep together.
workers="${PYTEST_WORKERS:-2}"
parallel=()
if [ "$workers" != "0" ]; then
  parallel=(-n "$workers" --dist loadgroup)
fi
if [ $fast -eq 1 ]; then
  step "pytest: unit tests"
  $V/python -m pytest -m unit "${parallel[@]}" -q "$@"
else
  step "pytest"
  $V/python -m pytest "${parallel[@]}" --durations=15 "$@"
fi
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest ran no tests: failing the run" >&2
  exit 1
fi
exit $rc
