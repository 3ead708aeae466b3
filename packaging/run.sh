#!/usr/bin/env bash
# Start the kiosk window. With nothing configured it uses the built-in sandbox portal and the sample camera.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec .venv/bin/kiosk run "$@"
