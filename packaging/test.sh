#!/usr/bin/env bash
# The whole check: lint, types, layering contract, then the test suite offscreen.
# Any failure fails the run; pytest's "no tests ran" (exit 5) is a failure too.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software QT_IM_MODULE=qtvirtualkeyboard
export PYTHONDONTWRITEBYTECODE=1
V=.venv/bin

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "ruff"
$V/ruff check kiosk tests migrations || exit 1
step "mypy"
$V/mypy || exit 1
step "import contracts (nothing below kiosk.ui imports Qt)"
$V/lint-imports --no-cache || exit 1
step "pytest"
$V/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest ran no tests: failing the run" >&2
  exit 1
fi
exit $rc
