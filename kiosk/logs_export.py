"""`kiosk logs export DIR`: the kiosk's logs for a technician, on a USB stick, with nothing personal.

Every line of every log file (the current one and its rotations) is redacted again on the way out —
ID numbers, phones, e-mail addresses (kiosk.logs.redact), credentials in URLs — and control characters
escaped, so even a line written by an older version, before a pattern existed, leaves clean. Beside the
logs: the readiness report (devices not opened) and the settings with URLs masked.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig, mask_url_secrets
from kiosk.logs import LOG_FILE_NAME, escape_control, redact

_URL = re.compile(r"https?://[^\s\"'<>]+")


def clean_line(line: str) -> str:
    return escape_control(_URL.sub(lambda m: mask_url_secrets(m.group(0)), redact(line)))


def export_logs(config: KioskConfig, target: Path, *, with_report: bool = True) -> dict[str, Any]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = target / f"kiosk-logs-{config.kiosk_id}-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    files, lines = [], 0
    for source in sorted(config.log_dir.glob(f"{LOG_FILE_NAME}*")):
        with source.open(encoding="utf-8", errors="replace") as reader, \
                (folder / source.name).open("w", encoding="utf-8") as writer:
            for line in reader:
                writer.write(clean_line(line.rstrip("\n")) + "\n")
                lines += 1
        files.append(source.name)
    (folder / "settings.json").write_text(json.dumps(config.describe(), ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    summary: dict[str, Any] = {"folder": str(folder), "files": files, "lines": lines}
    if with_report:
        from kiosk.doctor import as_text, run_doctor

        report = run_doctor(config, devices=False)
        (folder / "doctor.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
        (folder / "doctor.txt").write_text(as_text(report) + "\n", encoding="utf-8")
        summary["ready"] = report["ready"]
    return summary
