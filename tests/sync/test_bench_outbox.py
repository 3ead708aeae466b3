"""`kiosk bench outbox` runs end to end at a tiny size and reports every phase."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main


def test_bench_outbox_tiny(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "outbox", "--count", "6", "--doc-kb", "8", "--fault-rate", "0.3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    phases = {p["name"]: p for p in result["phases"]}
    assert set(phases) == {"baseline", "enqueue", "drain", "drain + faults"}
    assert phases["enqueue"]["dossiers"] == phases["drain"]["dossiers"] == 6
    assert phases["drain + faults"]["dossiers"] == 6, "every dossier arrives despite the faults"
    assert phases["drain"]["attempts"] == 6
    assert all(p["per_second"] > 0 and p["ratio_to_baseline"] > 0 for p in result["phases"])
    assert phases["baseline"]["ratio_to_baseline"] == 1.0

    assert main(["bench", "outbox", "--count", "2", "--doc-kb", "4"]) == 0
    table = capsys.readouterr().out
    assert "dossiers/s" in table and "vs baseline" in table and "drain + faults" in table
