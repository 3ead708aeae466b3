"""The fleet dashboard in a real browser: only with `make proof-fleet-browser` (it needs Debian's chromium and
chromium-driver, which that target installs), never in the default `make test`."""

from __future__ import annotations

import os

collect_ignore_glob = [] if os.environ.get("FLEET_PROOF_BROWSER") == "1" else ["test_*.py"]
