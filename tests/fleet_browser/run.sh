#!/usr/bin/env bash
# make proof-fleet-browser: install Debian's chromium and its driver if missing, then drive the fleet dashboard.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    for attempt in 1 2 3 4 5; do  # another apt may hold the lock for a while
        if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            chromium chromium-driver; then break; fi
        [ "$attempt" -eq 5 ] && exit 1
        sleep 20
    done
fi
mkdir -p out/fleet-browser
FLEET_PROOF_BROWSER=1 QT_QPA_PLATFORM=offscreen \
    .venv/bin/python -m pytest tests/fleet_browser -q -p no:cacheprovider --timeout 240 "$@"
echo "screenshots: out/fleet-browser/"
